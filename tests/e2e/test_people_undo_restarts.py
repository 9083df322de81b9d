"""/people's questions and /undo's survive a kill after every step: their state is in SQLite.

Each test kills the bot (no graceful shutdown) after each step and goes on with the next
message or button in a brand-new Application on the same database file.
"""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.log_support import (
    add_contact,
    add_interaction,
    contacts_of,
    interactions_of,
    ready_user,
)
from tests.e2e.restart_support import kill_and_restart
from tests.helpers import query
from tests.rig import BotRig


def _conversation(rig: BotRig, user_id: int) -> tuple[str, str] | None:
    rows = query(rig.db_path, "SELECT name, step FROM conversations WHERE user_id = ?", (user_id,))
    return (rows[0]["name"], rows[0]["step"]) if rows else None


def _contact(rig: BotRig, user_id: int, contact_id: int) -> dict[str, object]:
    return next(c for c in contacts_of(rig.db_path, user_id) if c["id"] == contact_id)


async def test_rename_survives_a_kill_after_each_step(bot: BotRig) -> None:
    user = await ready_user(bot, 4201)
    sam = add_contact(bot.db_path, 4201, "Sam")
    add_contact(bot.db_path, 4201, "Alex")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Rename")
    await user.expect("What should Sam be called now?")
    assert _conversation(bot, 4201) == ("people", "rename")
    await kill_and_restart(bot)
    await user.send("alex")
    await user.expect("You already have someone called alex")
    await kill_and_restart(bot)
    await user.send("Samuel")
    await user.expect("Done: Sam is now Samuel.")
    assert _contact(bot, 4201, sam)["name"] == "Samuel"
    assert _conversation(bot, 4201) is None


async def test_kind_and_rhythm_survive_a_kill_typed_and_tapped(bot: BotRig) -> None:
    user = await ready_user(bot, 4202)
    sam = add_contact(bot.db_path, 4202, "Sam")
    await user.send("/people Sam")
    card = await user.expect("Sam")
    await user.press("Change kind", message=card)
    await user.expect("What kind of connection is Sam?")
    assert _conversation(bot, 4202) == ("people", "kind")
    await kill_and_restart(bot)
    await user.send("a group")
    await user.expect("I didn't catch that")
    await kill_and_restart(bot)
    await user.send("collective")
    await user.expect("Sam is now collective.")
    await user.press("Change kind")
    picker = await user.expect("Now: Collective")
    await kill_and_restart(bot)
    await user.press("Intimate", message=picker)
    await user.expect("Sam is now intimate.")
    assert _contact(bot, 4202, sam)["kind"] == "intimate"
    await user.press("Rhythm")
    rhythm = await user.expect("How often would you like to be in touch with Sam?")
    assert _conversation(bot, 4202) == ("people", "rhythm")
    await kill_and_restart(bot)
    await user.send("sometimes")
    await user.expect("I didn't catch that", "every 10 days")
    await kill_and_restart(bot)
    await user.send("every 10 days")
    await user.expect("Rhythm for Sam: every 10 days.")
    assert _contact(bot, 4202, sam)["rhythm_days"] == 10
    await kill_and_restart(bot)
    await user.press("Every week", message=rhythm)
    await user.expect("Rhythm for Sam: every week.")
    assert _contact(bot, 4202, sam)["rhythm_days"] == 7
    assert _conversation(bot, 4202) is None


async def test_delete_confirmation_survives_a_kill(bot: BotRig) -> None:
    user = await ready_user(bot, 4203)
    sam = add_contact(bot.db_path, 4203, "Sam")
    alex = add_contact(bot.db_path, 4203, "Alex")
    add_interaction(bot.db_path, 4203, sam, bot.clock.now() - timedelta(days=1))
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Delete")
    confirm = await user.expect("Delete Sam and their 1 logged connection?")
    assert _conversation(bot, 4203) == ("people", "delete")
    await kill_and_restart(bot)
    await user.press("No, keep Sam", message=confirm)
    await user.expect("Kept.")
    await user.press("Delete")
    await user.expect("Delete Sam")
    await kill_and_restart(bot)
    await user.send("maybe")
    await user.expect("Type yes to delete Sam, or no to keep them.")
    await kill_and_restart(bot)
    await user.send("yes")
    await user.expect("Deleted Sam and 1 logged connection.")
    assert [c["id"] for c in contacts_of(bot.db_path, 4203)] == [alex]
    assert _conversation(bot, 4203) is None


async def test_undo_survives_a_kill_typed_and_tapped(bot: BotRig) -> None:
    user = await ready_user(bot, 4204)
    add_contact(bot.db_path, 4204, "Sam")
    await user.send("/log Sam call yesterday")
    await user.expect("Saved")
    await user.send("/undo")
    ask = await user.expect("Remove your last log: call with Sam yesterday?")
    assert _conversation(bot, 4204) == ("undo", "confirm")
    await kill_and_restart(bot)
    await user.press("No, keep it", message=ask)
    await user.expect("Okay, kept: call with Sam yesterday.")
    await user.send("/undo")
    await user.expect("Remove your last log")
    await kill_and_restart(bot)
    await user.send("maybe")
    await user.expect("Type yes to remove")
    await kill_and_restart(bot)
    await user.send("yes")
    await user.expect("Removed: call with Sam yesterday.")
    assert interactions_of(bot.db_path, 4204) == []
    assert _conversation(bot, 4204) is None


async def test_help_cancel_and_commands_after_a_kill(bot: BotRig) -> None:
    user = await ready_user(bot, 4205)
    sam = add_contact(bot.db_path, 4205, "Sam")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Rename")
    await user.expect("What should Sam be called now?")
    await kill_and_restart(bot)
    await user.send("/help")
    await user.expect("/help", "I'm waiting for your answer about Sam, or /cancel.")
    await kill_and_restart(bot)
    await user.send("/cancel")
    await user.expect("Okay, nothing changed. /people shows everyone.")
    await user.send("/people Sam")
    await user.expect("Sam")
    await user.press("Rename")
    await user.expect("What should Sam be called now?")
    await kill_and_restart(bot)
    await user.send("/undo")  # another command closes the question silently
    await user.expect("There's nothing to undo yet.")
    await user.send("hello")
    await user.expect("I didn't catch that")
    assert _contact(bot, 4205, sam)["name"] == "Sam"
    await user.send("/log Sam call today")
    await user.expect("Saved")
    await user.send("/undo")
    await user.expect("Remove your last log")
    await kill_and_restart(bot)
    await user.send("/help")
    await user.expect("whether to remove your last log: yes or no")
    await user.send("/cancel")
    await user.expect("Okay, nothing removed.")
    await user.send("yes")  # no longer an answer
    await user.expect("I didn't catch that")
    assert len(interactions_of(bot.db_path, 4205)) == 1


async def test_two_bot_processes_one_after_the_other(bot: BotRig) -> None:
    """Each answer is handled by a different Application sharing only the database file."""
    user = await ready_user(bot, 4206)
    sam = add_contact(bot.db_path, 4206, "Sam")
    await user.send("/people Sam")
    await user.expect("Sam")
    await bot.restart()
    await user.press("Rename")
    await user.expect("What should Sam be called now?")
    await bot.restart()
    await user.send("Samuel")
    await user.expect("Done: Sam is now Samuel.")
    await bot.restart()
    await user.press("Delete")
    await user.expect("Delete Samuel?")
    await bot.restart()
    await user.send("no")
    await user.expect("Kept.")
    assert _contact(bot, 4206, sam)["name"] == "Samuel"
    await user.send("/log Samuel call today")
    await user.expect("Saved")
    await user.send("/undo")
    await user.expect("Remove your last log")
    await bot.restart()
    await user.send("yes")
    await user.expect("Removed: call with Samuel today.")
    assert interactions_of(bot.db_path, 4206) == []


async def test_a_forged_rhythm_is_answered_once_as_out_of_date(bot: BotRig) -> None:
    """Issue #11 item 4: these used to answer the callback query twice."""
    user = await ready_user(bot, 4207)
    sam = add_contact(bot.db_path, 4207, "Sam")
    await user.send("/people Sam")
    card = await user.expect("Sam")
    for days in ("0", "-3", "100000"):
        query_id = await user.press(data=f"per:{sam}:{days}:0", message=card)
        await user.expect("That button is out of date.", "Here's everyone now.", "Sam")
        answers = [
            call
            for call in bot.api.calls_of("answerCallbackQuery")
            if str(call.params.get("callback_query_id")) == query_id
        ]
        assert len(answers) == 1
        assert answers[0].params.get("text") == "That button is out of date."
    assert bot.api.unanswered_callback_queries() == []
    assert _contact(bot, 4207, sam)["rhythm_days"] is None
