"""/log survives a kill after every answer: its state is the draft and the conversations row.

Each test kills the bot (no graceful shutdown) after a step and carries on with the next
message or button in a brand-new Application on the same database file; buttons are pressed
on messages the killed process sent.
"""

from __future__ import annotations

from tests.e2e.log_support import add_contact, contacts_of, interactions_of, ready_user
from tests.e2e.restart_support import kill_and_restart
from tests.helpers import query
from tests.rig import BotRig


def _step(rig: BotRig, user_id: int) -> tuple[str, str] | None:
    """The open conversation, and the step the draft is at."""
    rows = query(rig.db_path, "SELECT name, step FROM conversations WHERE user_id = ?", (user_id,))
    drafts = query(rig.db_path, "SELECT step FROM log_drafts WHERE user_id = ?", (user_id,))
    if not rows:
        return None
    assert drafts and drafts[0]["step"] == rows[0]["step"]  # one answer, two rows that agree
    return rows[0]["name"], rows[0]["step"]


async def test_every_question_survives_a_kill(bot: BotRig) -> None:
    user = await ready_user(bot, 4201)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    assert _step(bot, 4201) == ("log", "who")
    await kill_and_restart(bot)
    await user.send("Sam")
    await user.expect("Sam is new here")
    assert _step(bot, 4201) == ("log", "kind")
    await kill_and_restart(bot)
    await user.press("Intimate")
    await user.expect("How did you connect with Sam?")
    assert _step(bot, 4201) == ("log", "how")
    await kill_and_restart(bot)
    await user.press("+ Add another person")
    await user.expect("Who else was there with Sam?")
    assert _step(bot, 4201) == ("log", "who")
    await kill_and_restart(bot)
    await user.press("Someone new")
    await user.expect("What's their name?")
    assert _step(bot, 4201) == ("log", "new_name")
    await kill_and_restart(bot)
    await user.send("Kim")
    await user.expect("Kim is new here")
    await user.press("Relational")
    await user.expect("How did you connect with Sam and Kim?")
    await kill_and_restart(bot)
    await user.send("call")
    await user.expect("When was it?")
    assert _step(bot, 4201) == ("log", "when")
    await kill_and_restart(bot)
    await user.press("Yesterday")
    await user.expect("How did it feel?")
    assert _step(bot, 4201) == ("log", "feeling")
    await kill_and_restart(bot)
    await user.send("4")
    await user.expect("Anything to remember")
    assert _step(bot, 4201) == ("log", "note")
    await kill_and_restart(bot)
    await user.send("birthday call")
    await user.expect("Saved: call with Sam and Kim yesterday.")
    assert _step(bot, 4201) is None
    saved = interactions_of(bot.db_path, 4201)
    assert [(row["name"], row["feeling"], row["note"]) for row in saved] == [
        ("Sam", 4, "birthday call"),
        ("Kim", 4, "birthday call"),
    ]


async def test_did_you_mean_survives_a_kill_typed_or_tapped(bot: BotRig) -> None:
    user = await ready_user(bot, 4202)
    add_contact(bot.db_path, 4202, "Alex")
    await user.send("/log alx")
    await user.expect("Did you mean Alex?")
    assert _step(bot, 4202) == ("log", "confirm")
    await kill_and_restart(bot)
    await user.press("Yes, Alex")
    await user.expect("How did you connect with Alex?")
    await user.send("/cancel")
    await user.expect("dropped your log with Alex")
    await user.send("/log alx")
    await user.expect("Did you mean Alex?")
    await kill_and_restart(bot)
    await user.send("yes")
    await user.expect("How did you connect with Alex?")
    assert len(contacts_of(bot.db_path, 4202)) == 1


async def test_log_it_offer_survives_a_kill(bot: BotRig) -> None:
    """The offer is stored (#11 item 15), so a kill between offer and tap loses nothing."""
    user = await ready_user(bot, 4203)
    add_contact(bot.db_path, 4203, "Sam")
    await user.send("called Sam yesterday")
    offer = await user.expect("Sounds like time with Sam")
    log_it = offer.buttons[0][0][1]
    await kill_and_restart(bot)
    await user.press("Log it", message=offer)
    await user.expect("Saved: call with Sam yesterday.")
    await user.press(data=log_it)  # used once
    await user.expect("out of date", "Tell me again, or send /log.")
    await user.send("called Sam")
    await user.expect("Sounds like time with Sam")
    await user.press("Log it")
    await user.expect("When was it?")
    await kill_and_restart(bot)
    await user.send("today")
    await user.expect("Saved: call with Sam today.")


async def test_a_log_on_hold_survives_a_kill(bot: BotRig) -> None:
    user = await ready_user(bot, 4204)
    add_contact(bot.db_path, 4204, "Sam")
    await user.send("/log Sam")
    await user.expect("How did you connect with Sam?")
    await user.send("/privacy")
    await user.expect("on hold")
    assert _step(bot, 4204) is None
    await kill_and_restart(bot)
    await user.press("Continue logging")
    await user.expect("Picking up your log with Sam", "How did you connect")
    await user.press("Video")
    await user.expect("When was it?")


async def test_two_bot_processes_one_after_the_other(bot: BotRig) -> None:
    """Each answer is handled by a different Application sharing only the database file."""
    user = await ready_user(bot, 4205)
    add_contact(bot.db_path, 4205, "Sam", "intimate")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    await bot.restart()
    await user.press("Sam")
    await user.expect("How did you connect with Sam?")
    await bot.restart()
    await user.press("Call")
    await user.expect("When was it?")
    await bot.restart()
    await user.send("/help")
    hint = await user.expect("/log")
    assert "middle of a log with Sam: say which day it was" in hint.text
    await user.send("today")
    await user.expect("How did it feel?")
    await bot.restart()
    await user.press("Skip")
    await user.expect("Anything to remember")
    await bot.restart()
    await user.press("Skip")
    await user.expect("Saved: call with Sam today.")
    assert len(interactions_of(bot.db_path, 4205)) == 1
