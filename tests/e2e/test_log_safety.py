"""A log is never lost, never half-saved, and never touches anyone else's data.

Covers forged and stale buttons, commands in the middle of a log, the 15-minute rule,
restarts, and durability: the row is on disk the moment the bot says "Saved".
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

from bot.context import TendApplication, services_of
from bot.domain.log_buttons import LogPick
from bot.domain.people_buttons import Action, PeopleAct, PeopleDelete, PeopleKind, PeopleOpen
from bot.fakeapi import FakeUser
from handlers.undo import UndoConfirm
from tests.e2e.log_support import (
    add_contact,
    add_interaction,
    contacts_of,
    drafts_of,
    interactions_of,
    ready_user,
)
from tests.rig import BotRig


async def _at_when(bot: BotRig, user_id: int) -> FakeUser:
    """A user with Sam, halfway through a log: asked "When was it?"."""
    user = await ready_user(bot, user_id)
    add_contact(bot.db_path, user_id, "Sam", "intimate")
    await user.send("/log Sam")
    await user.expect("How did you connect with Sam?")
    await user.press("Call")
    await user.expect("When was it?")
    return user


# ------------------------------------------------------------------------------ forged, stale


async def test_a_forged_button_naming_someone_elses_contact_leaks_and_changes_nothing(
    bot: BotRig,
) -> None:
    victim = await ready_user(bot, 3301, "Vic")
    secret = add_contact(bot.db_path, 3301, "Secret Bob", "intimate")
    add_interaction(bot.db_path, 3301, secret, bot.clock.now() - timedelta(days=2))
    before_contacts = contacts_of(bot.db_path, 3301)
    before_interactions = interactions_of(bot.db_path, 3301)

    attacker = await ready_user(bot, 3302, "Mal")
    await attacker.send("/log")
    await attacker.expect("Who did you connect with?")
    draft_id = drafts_of(bot.db_path, 3302)[0]["id"]
    await attacker.press(data=LogPick(draft_id, secret).pack())
    await attacker.expect("out of date", "Who did you connect with?")
    forged = [
        PeopleOpen(secret, 0),
        PeopleAct(secret, Action.RENAME, 0),
        PeopleAct(secret, Action.DRIFT, 0),
        PeopleKind(secret, "collective", 0),  # type: ignore[arg-type]
        PeopleDelete(secret, True, 0),
        UndoConfirm(before_interactions[0]["id"], True),
    ]
    for data in forged:
        await attacker.press(data=data.pack())
        await asyncio.sleep(0.05)
    await attacker.send("Renamed Bob")  # would be the new name, had the rename been opened
    await asyncio.sleep(0.3)

    assert all("Secret Bob" not in message.text for message in attacker.messages)
    assert all("Secret Bob" not in str(message.buttons) for message in attacker.messages)
    assert contacts_of(bot.db_path, 3301) == before_contacts
    assert interactions_of(bot.db_path, 3301) == before_interactions
    assert interactions_of(bot.db_path, 3302) == []
    assert contacts_of(bot.db_path, 3302) == []
    await victim.no_more_messages()


async def test_a_button_from_a_finished_log_is_out_of_date(bot: BotRig) -> None:
    user = await _at_when(bot, 3303)
    question = user.last_with_buttons()
    assert question is not None
    await user.send("yesterday")
    await user.expect("How did it feel?")
    await user.send("skip")
    await user.expect("Anything to remember")
    await user.send("skip")
    await user.expect("Saved")
    await user.press("Today", message=question)
    stale = await user.expect("out of date", "/log")
    assert stale.button_labels == ["Log a connection"]
    assert len(interactions_of(bot.db_path, 3303)) == 1
    await user.press("Log a connection")
    await user.expect("Who did you connect with?")


async def test_a_button_for_a_contact_deleted_meanwhile_gets_a_fresh_menu(bot: BotRig) -> None:
    user = await ready_user(bot, 3304)
    add_contact(bot.db_path, 3304, "Sam")
    add_contact(bot.db_path, 3304, "Alex")
    await user.send("/log")
    await user.expect("Who did you connect with?")
    connection = sqlite3.connect(bot.db_path)
    connection.execute("DELETE FROM contacts WHERE user_id = 3304 AND name = 'Sam'")
    connection.commit()
    connection.close()
    await user.press("Sam")
    fresh = await user.expect("out of date", "Who did you connect with?")
    assert "Sam" not in fresh.button_labels and "Alex" in fresh.button_labels


async def test_a_button_for_an_earlier_question_shows_where_we_are(bot: BotRig) -> None:
    user = await ready_user(bot, 3305)
    add_contact(bot.db_path, 3305, "Sam")
    await user.send("/log Sam")
    how = await user.expect("How did you connect with Sam?")
    await user.send("call")
    await user.expect("When was it?")
    await user.press("Video", message=how)
    await user.expect("out of date", "When was it?")
    await user.send("today")
    await user.expect("How did it feel?")


# ------------------------------------------------------------------------------ commands mid-log


async def test_help_mid_log_says_how_to_carry_on(bot: BotRig) -> None:
    user = await _at_when(bot, 3306)
    await user.send("/help")
    help_message = await user.expect("/log")
    assert "middle of a log with Sam" in help_message.text and "/cancel" in help_message.text
    await user.send("yesterday")
    await user.expect("How did it feel?")


async def test_another_command_puts_the_log_on_hold(bot: BotRig) -> None:
    user = await _at_when(bot, 3307)
    await user.send("/people")
    await user.expect("Your people and groups")
    held = await user.expect("Your log with Sam is on hold — /log to continue.")
    assert held.button_labels == ["Continue logging", "Drop it"]
    await user.send("yesterday")
    await user.expect("on hold", "/log")  # not taken as an answer while on hold
    await user.send("/log")
    back = await user.expect("Picking up your log with Sam", "So far: Sam · call", "When was it?")
    assert "Start over" in back.button_labels
    await user.press("Yesterday")
    await user.expect("How did it feel?")
    await user.send("skip")
    await user.expect("Anything to remember")
    await user.send("skip")
    await user.expect("Saved: call with Sam yesterday.")


async def test_an_unknown_command_mid_log_is_answered_and_holds_the_log(bot: BotRig) -> None:
    user = await _at_when(bot, 3308)
    await user.send("/frobnicate")
    await user.expect("I don't know /frobnicate")
    await user.expect("on hold")
    await user.press("Continue logging")
    await user.expect("Picking up your log with Sam", "When was it?")
    await user.send("today")
    await user.expect("How did it feel?")


async def test_log_again_mid_log_continues_or_starts_over(bot: BotRig) -> None:
    user = await _at_when(bot, 3309)
    await user.send("/log")
    again = await user.expect("You're in the middle of a log with Sam", "When was it?")
    assert "Start over" in again.button_labels
    await user.press("Start over")
    await user.expect("Dropped your log with Sam", "Let's start again", "Who did you connect")
    assert interactions_of(bot.db_path, 3309) == []
    await user.press("Sam")
    await user.expect("How did you connect with Sam?")


async def test_log_with_arguments_mid_log_says_the_old_one_was_dropped(bot: BotRig) -> None:
    user = await _at_when(bot, 3310)
    add_contact(bot.db_path, 3310, "Alex")
    await user.send("/log Alex message today")
    saved = await user.expect("Saved: messages with Alex today.")
    assert "dropped your unfinished log with Sam" in saved.text
    assert [row["name"] for row in interactions_of(bot.db_path, 3310)] == ["Alex"]
    assert drafts_of(bot.db_path, 3310) == []


async def test_cancel_mid_log_drops_it_and_says_so(bot: BotRig) -> None:
    user = await _at_when(bot, 3311)
    await user.send("/cancel")
    await user.expect("dropped your log with Sam", "Nothing from it was saved")
    assert drafts_of(bot.db_path, 3311) == [] and interactions_of(bot.db_path, 3311) == []
    await user.send("yesterday")
    await user.expect("I didn't catch that")


# ------------------------------------------------------------------------------ 15 minutes


async def test_an_unfinished_log_is_offered_back_after_15_minutes(bot: BotRig) -> None:
    user = await _at_when(bot, 3312)
    bot.clock.advance(timedelta(minutes=16))
    await user.send("yesterday")
    notice = await user.expect("Your log with Sam wasn't saved", "So far: Sam · call")
    assert notice.button_labels == ["Resume", "Drop it"]
    await user.no_more_messages()
    assert interactions_of(bot.db_path, 3312) == []
    assert drafts_of(bot.db_path, 3312)[0]["status"] == "expired"
    await user.press("Resume")
    await user.expect("Picking up your log with Sam", "When was it?")
    await user.press("Yesterday")
    await user.expect("How did it feel?")


async def test_after_15_minutes_a_command_still_works_and_the_log_is_offered(bot: BotRig) -> None:
    user = await _at_when(bot, 3313)
    bot.clock.advance(timedelta(minutes=20))
    await user.send("/undo")
    await user.expect("nothing to undo")
    await user.expect("wasn't saved")
    await user.press("Drop it")
    await user.expect("Dropped your log with Sam")
    assert drafts_of(bot.db_path, 3313) == []


async def test_after_15_minutes_an_old_button_is_not_applied(bot: BotRig) -> None:
    user = await _at_when(bot, 3314)
    bot.clock.advance(timedelta(minutes=15))
    await user.press("Today")
    await user.expect("wasn't saved")
    await user.no_more_messages()
    assert interactions_of(bot.db_path, 3314) == []
    await user.send("/log")
    await user.expect("Picking up your log with Sam", "When was it?")


async def test_14_minutes_is_still_the_same_conversation(bot: BotRig) -> None:
    user = await _at_when(bot, 3315)
    bot.clock.advance(timedelta(minutes=14))
    await user.send("yesterday")
    await user.expect("How did it feel?")


async def test_an_empty_log_left_alone_just_goes_away(bot: BotRig) -> None:
    user = await ready_user(bot, 3316)
    await user.send("/log")
    await user.expect("Who did you connect with?")
    bot.clock.advance(timedelta(hours=1))
    await user.send("hello")
    await user.expect("I didn't catch that")
    await user.no_more_messages()
    assert drafts_of(bot.db_path, 3316) == []


# ------------------------------------------------------------------------------ restarts, crashes


async def test_a_restart_mid_log_loses_nothing(bot: BotRig) -> None:
    user = await _at_when(bot, 3317)
    await bot.restart()
    await user.send("yesterday")
    await user.expect("How did it feel?")
    await user.press("🙂 Good")
    await user.expect("Anything to remember")
    await user.send("skip")
    await user.expect("Saved: call with Sam yesterday.")


async def test_a_restart_and_a_long_pause_offer_the_log_back(bot: BotRig) -> None:
    user = await _at_when(bot, 3318)
    await bot.restart()
    bot.clock.advance(timedelta(minutes=30))
    await user.send("yesterday")
    await user.expect("wasn't saved", "So far: Sam · call")


async def test_saved_means_on_disk_even_if_the_process_dies_right_after(
    bot: BotRig, tmp_path: Path
) -> None:
    user = await ready_user(bot, 3319)
    add_contact(bot.db_path, 3319, "Sam", "intimate")
    await user.send("/log Sam call yesterday")
    await user.expect("Saved: call with Sam yesterday.")
    crash = tmp_path / "crash"
    crash.mkdir()
    for suffix in ("", "-wal"):  # the files as they are on disk at the moment of "Saved"
        with contextlib.suppress(FileNotFoundError):
            shutil.copy(f"{bot.db_path}{suffix}", crash / f"tend.sqlite3{suffix}")
    running, bot.running = bot.running, None
    assert running is not None
    running.task.cancel()  # killed: no graceful shutdown was asked for
    with contextlib.suppress(asyncio.CancelledError, RuntimeError):
        await running.task
    for path in (crash / "tend.sqlite3", bot.db_path):
        connection = sqlite3.connect(path)
        rows = connection.execute(
            "SELECT c.name, i.channel FROM interactions AS i JOIN contacts AS c "
            "ON c.id = i.contact_id WHERE i.user_id = 3319"
        ).fetchall()
        connection.close()
        assert rows == [("Sam", "call")]
    await _tidy_up_after_kill(running.app)


async def _tidy_up_after_kill(app: TendApplication) -> None:
    """Stop what the killed task left behind, so the test process stays clean."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    await services_of(app).db.close()


async def test_typing_resume_picks_up_a_log_on_hold(bot: BotRig) -> None:
    user = await _at_when(bot, 3320)
    await user.send("/people")
    await user.expect("on hold")
    await user.send("/help")
    help_message = await user.expect("/log")
    assert "middle of a log" not in help_message.text
    await user.send("resume")
    await user.expect("Picking up your log with Sam", "When was it?")
    await user.send("yesterday")
    await user.expect("How did it feel?")


async def test_after_a_restart_buttons_and_cancel_still_work(bot: BotRig) -> None:
    user = await _at_when(bot, 3321)
    await bot.restart()
    await user.press("Yesterday")
    await user.expect("How did it feel?")
    await bot.restart()
    await user.send("/cancel")
    await user.expect("dropped your log with Sam")
    assert drafts_of(bot.db_path, 3321) == []
