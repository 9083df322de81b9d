"""Onboarding and /settings survive a kill after every answer: their state is in SQLite.

Each test kills the bot (no graceful shutdown) after each step and goes on with the next
message or button in a brand-new Application on the same database file.
"""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.checkin_support import next_local, onboarded_user, scheduled_at
from tests.e2e.restart_support import kill, kill_and_restart
from tests.helpers import eventually, onboard, query
from tests.rig import BotRig


def _user(rig: BotRig, user_id: int) -> dict[str, object]:
    return dict(query(rig.db_path, "SELECT * FROM users WHERE id = ?", (user_id,))[0])


def _conversation(rig: BotRig, user_id: int) -> tuple[str, str] | None:
    rows = query(rig.db_path, "SELECT name, step FROM conversations WHERE user_id = ?", (user_id,))
    return (rows[0]["name"], rows[0]["step"]) if rows else None


# ------------------------------------------------------------------------------ onboarding


async def test_onboarding_typed_answers_survive_a_kill_after_each_step(bot: BotRig) -> None:
    user = bot.user(4001, "Ada")
    await user.send("/start")
    await user.expect("where are you")
    assert _conversation(bot, 4001) == ("onboarding", "zone")
    await kill_and_restart(bot)
    await user.send("Berlin")
    await user.expect("When should I check in")
    assert _conversation(bot, 4001) == ("onboarding", "time")
    await kill_and_restart(bot)
    await user.send("19:30")
    await user.expect("All set", "19:30", "Europe/Berlin")
    assert _conversation(bot, 4001) is None
    await eventually(lambda: scheduled_at(bot, 4001) == next_local(bot, "Europe/Berlin", "19:30"))


async def test_onboarding_location_and_time_button_after_kills(bot: BotRig) -> None:
    user = bot.user(4002)
    await user.send("/start")
    await user.expect("where are you")
    await kill_and_restart(bot)
    await user.send_location(52.52, 13.40)
    ask = await user.expect("Europe/Berlin", "When should I check in", timeout=20)
    await kill_and_restart(bot)
    await user.press("08:00", message=ask)
    await user.expect("All set", "08:00")
    assert _user(bot, 4002)["checkin_time"] == "08:00"


async def test_help_and_cancel_mid_onboarding_after_a_kill(bot: BotRig) -> None:
    user = bot.user(4003)
    await user.send("/start")
    await user.expect("where are you")
    await kill_and_restart(bot)
    await user.send("/help")
    await user.expect("/help", "carry on")
    await user.send("Berlin")
    await user.expect("When should I check in")
    await kill_and_restart(bot)
    await user.send("/cancel")
    await user.expect("Okay, stopped")
    await user.send("hello")
    await user.expect("haven't finished setting up")
    assert _user(bot, 4003)["timezone"] == "Europe/Berlin"


async def test_returning_user_changes_survive_a_kill(bot: BotRig) -> None:
    user = bot.user(4004)
    await onboard(user, "Berlin", "19:30")
    await user.send("/start")
    back = await user.expect("Welcome back")
    await user.press("Change time zone", message=back)
    await user.expect("where are you")
    await kill_and_restart(bot)
    await user.send("Tokyo")
    await user.expect("Asia/Tokyo", "19:30")
    await user.press("Change check-in time", message=back)
    ask = await user.expect("When should I check in")
    await kill_and_restart(bot)
    await user.press("21:00", message=ask)
    await user.expect("Done", "21:00", "Asia/Tokyo")
    assert _user(bot, 4004)["checkin_time"] == "21:00"
    assert _conversation(bot, 4004) is None


async def test_an_abandoned_change_does_not_swallow_later_text(bot: BotRig) -> None:
    user = bot.user(4005)
    await onboard(user, "Berlin", "19:30")
    await user.send("/start")
    back = await user.expect("Welcome back")
    await user.press("Change time zone", message=back)
    await user.expect("where are you")
    await kill(bot)
    bot.clock.advance(timedelta(minutes=31))
    await bot.start()
    await user.send("Tokyo")
    await user.expect("didn't catch that")
    assert _user(bot, 4005)["timezone"] == "Europe/Berlin"


# ------------------------------------------------------------------------------ /settings


async def test_settings_time_and_zone_edits_survive_a_kill(bot: BotRig) -> None:
    user = await onboarded_user(bot, 4101)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Check-in time", message=menu)
    ask = await user.expect("When should I check in")
    assert _conversation(bot, 4101) == ("settings", "time")
    await kill_and_restart(bot)
    await user.send("7am")
    await user.expect("Done", "07:00", "next check-in is")
    await user.press("Check-in time", message=menu)
    await user.expect("When should I check in")
    await kill_and_restart(bot)
    await user.press("08:00", message=ask)
    await user.expect("Done", "08:00")
    await user.press("Time zone", message=menu)
    await user.expect("Which time zone")
    await kill_and_restart(bot)
    await user.send("Tokyo")
    await user.expect("Done", "Asia/Tokyo", "next check-in is")
    assert scheduled_at(bot, 4101) == next_local(bot, "Asia/Tokyo", "08:00")
    assert _conversation(bot, 4101) is None


async def test_settings_quiet_threshold_survives_a_kill(bot: BotRig) -> None:
    user = await onboarded_user(bot, 4102)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await kill_and_restart(bot)
    await user.press("Quiet thresholds", message=menu)
    kinds = await user.expect("counts as quiet")
    await kill_and_restart(bot)
    await user.press("Collective", message=kinds)
    await user.expect("Collective", "how many days")
    assert _conversation(bot, 4102) == ("settings", "quiet")
    await kill_and_restart(bot)
    await user.send("zero")
    await user.expect("whole number")
    await kill_and_restart(bot)
    await user.send("21")
    await user.expect("Done", "collective", "21 days")
    assert _user(bot, 4102)["quiet_collective_days"] == 21


async def test_settings_cancel_and_help_after_a_kill(bot: BotRig) -> None:
    user = await onboarded_user(bot, 4103)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Check-in time", message=menu)
    await user.expect("When should I check in")
    await kill_and_restart(bot)
    await user.send("/help")
    await user.expect("/help", "change your check-in time")
    await kill_and_restart(bot)
    await user.send("/cancel")
    await user.expect("nothing changed")
    await user.send("21:00")
    await user.expect("didn't catch that")
    assert _user(bot, 4103)["checkin_time"] == "19:30"


async def test_two_bot_processes_one_after_the_other(bot: BotRig) -> None:
    """Each answer is handled by a different Application sharing only the database file."""
    user = bot.user(4104)
    await user.send("/start")
    await user.expect("where are you")
    first = bot.running
    await bot.restart()  # a graceful hand-over to a second process
    assert bot.running is not first
    await user.send("Lisbon")
    await user.expect("When should I check in")
    await bot.restart()
    await user.send("6:45pm")
    await user.expect("All set", "18:45", "Europe/Lisbon")
    await bot.restart()
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Time zone", message=menu)
    await user.expect("Which time zone")
    await bot.restart()
    await user.send("UTC+2")
    await user.expect("Done", "UTC+2")


# ------------------------------------------------------------------------------ stale buttons


async def test_forged_and_stale_buttons_get_one_out_of_date_answer(bot: BotRig) -> None:
    user = await onboarded_user(bot, 4105)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press(data="st:bogus", message=menu)
    await user.expect("That button is out of date.", "/settings")
    await user.press("Check-in time", message=menu)
    ask = await user.expect("When should I check in")
    await user.press(data="tm:99:00", message=ask)
    await user.expect("That button is out of date.")
    await user.send("/cancel")
    await user.expect("nothing changed")
    await user.press("08:00", message=ask)
    await user.expect("That button is out of date.")
    assert _user(bot, 4105)["checkin_time"] == "19:30"
