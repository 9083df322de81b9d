"""Onboarding over real HTTP: happy paths, every bad answer, a returning user, restarts."""

from __future__ import annotations

import sqlite3

import pytest

from handlers.zone_picker import PickZone
from tests.helpers import onboard, query
from tests.rig import BotRig


async def test_berlin_1930_onboarding(bot: BotRig) -> None:
    user = bot.user(1001, "Ada")
    await user.send("/start")
    welcome = await user.next_message()
    assert "Hi Ada" in welcome.text
    for kind_line in ("Intimate:", "Relational:", "Collective:"):
        assert kind_line in welcome.text
    ask_zone = await user.next_message()
    assert "time zone" in ask_zone.text
    assert ask_zone.reply_keyboard == ["📍 Share my location"]
    await user.send("Europe/Berlin")
    ask_time = await user.expect("Europe/Berlin", "When should I check in")
    assert "19:30" in ask_time.button_labels
    await user.send("19:30")
    done = await user.expect("All set")
    assert "19:30" in done.text and "Europe/Berlin" in done.text and "/log" in done.text
    row = _user_row(bot, 1001)
    assert row["timezone"] == "Europe/Berlin" and row["checkin_time"] == "19:30"


async def test_new_york_7pm_onboarding(bot: BotRig) -> None:
    user = bot.user(1002, "Bo")
    await user.send("/start")
    await user.expect("where are you")
    await user.send("new york")
    await user.expect("America/New_York", "When should I check in")
    await user.send("7pm")
    done = await user.expect("All set")
    assert "19:00" in done.text and "America/New_York" in done.text
    assert _user_row(bot, 1002)["checkin_time"] == "19:00"


async def test_time_button_and_offset_zone(bot: BotRig) -> None:
    user = bot.user(1003, "Cy")
    await user.send("/start")
    await user.expect("where are you")
    await user.send("UTC+5:30")
    await user.expect("Asia/Kolkata", "When should I check in")
    await user.press("08:00")
    await user.expect("All set", "08:00")
    assert _user_row(bot, 1003)["timezone"] == "Asia/Kolkata"


async def test_whole_hour_offset_is_a_fixed_zone(bot: BotRig) -> None:
    user = bot.user(1004)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("+2")
    confirmed = await user.expect("UTC+2")
    assert "fixed" in confirmed.text
    assert _user_row(bot, 1004)["timezone"] == "Etc/GMT-2"


async def test_location_sets_the_zone(bot: BotRig) -> None:
    user = bot.user(1005)
    await user.send("/start")
    await user.expect("where are you")
    await user.send_location(52.52, 13.40)
    await user.expect("Europe/Berlin", "When should I check in", timeout=20)
    assert _user_row(bot, 1005)["timezone"] == "Europe/Berlin"


@pytest.mark.parametrize("bad_zone", ["Atlantis", "UTC+25", "🙂", "x" * 500])
async def test_bad_zone_is_asked_again_with_examples(bot: BotRig, bad_zone: str) -> None:
    user = bot.user(1006)
    await user.send("/start")
    await user.expect("where are you")
    await user.send(bad_zone)
    retry = await user.expect("couldn't find a time zone")
    assert "Berlin" in retry.text and "UTC+2" in retry.text
    assert len(retry.text) < 400
    await user.send("Berlin")
    await user.expect("When should I check in")


@pytest.mark.parametrize("bad_time", ["25:00", "evening", "7:75", "13pm"])
async def test_bad_time_is_asked_again_with_examples(bot: BotRig, bad_time: str) -> None:
    user = bot.user(1007)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("Berlin")
    await user.expect("When should I check in")
    await user.send(bad_time)
    retry = await user.expect("couldn't read")
    assert "19:30" in retry.text and "7pm" in retry.text
    assert retry.buttons, "the time buttons are offered again"
    await user.send("7:15 am")
    await user.expect("All set", "07:15")


async def test_returning_user_is_greeted_and_nothing_is_wiped(bot: BotRig) -> None:
    user = bot.user(1008, "Dee")
    await onboard(user, "Berlin", "19:30")
    await user.send("/start")
    back = await user.expect("Welcome back, Dee")
    assert "19:30" in back.text
    assert back.button_labels == ["Change time zone", "Change check-in time"]
    row = _user_row(bot, 1008)
    assert row["timezone"] == "Europe/Berlin" and row["checkin_time"] == "19:30"
    await user.press("Change check-in time")
    await user.expect("When should I check in")
    await user.send("21:00")
    done = await user.expect("Done")
    assert "21:00" in done.text
    assert _user_row(bot, 1008)["checkin_time"] == "21:00"
    assert _user_row(bot, 1008)["timezone"] == "Europe/Berlin"


async def test_returning_user_changes_zone_only(bot: BotRig) -> None:
    user = bot.user(1009)
    await onboard(user, "Berlin", "19:30")
    await user.send("/start")
    await user.expect("Welcome back")
    await user.press("Change time zone")
    await user.expect("where are you")
    await user.send("Tokyo")
    done = await user.expect("Asia/Tokyo")
    assert "19:30" in done.text
    assert _user_row(bot, 1009)["timezone"] == "Asia/Tokyo"


async def test_restart_keeps_settings(rig: BotRig) -> None:
    await rig.start()
    user = rig.user(1010)
    await onboard(user, "new york", "7pm")
    await rig.restart()
    await user.send("/start")
    back = await user.expect("Welcome back")
    assert "19:00" in back.text and "America/New_York" in back.text


async def test_cancel_mid_onboarding_keeps_answers(bot: BotRig) -> None:
    user = bot.user(1011)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("Berlin")
    await user.expect("When should I check in")
    await user.send("/cancel")
    stopped = await user.expect("Okay, stopped")
    assert "/start" in stopped.text
    assert _user_row(bot, 1011)["timezone"] == "Europe/Berlin"
    await user.send("hello")
    await user.expect("haven't finished setting up", "/start")
    await user.send("/start")
    resumed = await user.expect("One question left", "When should I check in")
    assert "Europe/Berlin" in resumed.text
    await user.send("8am")
    await user.expect("All set", "08:00")


async def test_help_mid_onboarding_says_how_to_carry_on(bot: BotRig) -> None:
    user = bot.user(1012)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("/help")
    help_message = await user.expect("/help")
    assert "/start" in help_message.text and "/cancel" in help_message.text
    assert "carry on" in help_message.text
    await user.send("Berlin")
    await user.expect("When should I check in")


async def test_stale_time_button_is_answered(bot: BotRig) -> None:
    user = bot.user(1013)
    await onboard(user, "Berlin", "19:30")
    old = next(m for m in user.messages if "When should I check in" in m.text)
    await user.press("08:00", message=old)
    await user.expect("out of date")
    assert _user_row(bot, 1013)["checkin_time"] == "19:30"


async def test_est_asks_new_york_or_fixed_and_keeps_the_answer(bot: BotRig) -> None:
    """#11 item 10: EST offers New York time (with DST) or fixed UTC−5, as buttons."""
    user = bot.user(1014)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("EST")
    offer = await user.expect("Did you mean New York time", "UTC−5 all year")
    assert offer.button_labels == ["New York time (US Eastern)", "UTC−5 all year"]
    assert _user_row(bot, 1014)["timezone"] is None
    await bot.restart()  # the question lives in the conversation row
    await user.press("New York time", message=offer)
    ask = await user.expect("Time zone: America/New_York", "When should I check in")
    assert "19:30" in ask.button_labels
    assert _user_row(bot, 1014)["timezone"] == "America/New_York"
    await user.press(data=PickZone("EST", 1).pack())  # an answered question is over
    await user.expect("out of date")
    assert _user_row(bot, 1014)["timezone"] == "America/New_York"


async def test_pst_fixed_choice_is_shown_as_utc_minus_8(bot: BotRig) -> None:
    user = bot.user(1015)
    await user.send("/start")
    await user.expect("where are you")
    await user.send("pst")
    await user.expect("Did you mean Los Angeles time")
    await user.press("UTC−8 all year")
    ask = await user.expect("Time zone: UTC−8, fixed (it's", "When should I check in")
    assert "((" not in ask.text and ") (" not in ask.text
    assert _user_row(bot, 1015)["timezone"] == "Etc/GMT+8"
    await user.send("7pm")
    done = await user.expect("All set", "19:00, UTC−8, fixed time")
    assert "Etc/GMT" not in done.text


async def test_location_at_sea_reads_as_utc_minus_9_in_one_message(bot: BotRig) -> None:
    """#11 items 11 and 17: Etc/GMT+9 reads "UTC−9, fixed"; the zone and the time question
    come in one message, without doubled parentheses."""
    user = bot.user(1016)
    await user.send("/start")
    await user.expect("where are you")
    await user.send_location(0, -140)
    ask = await user.expect("Time zone: UTC−9, fixed (it's", "When should I check in", timeout=20)
    assert "Etc/GMT" not in ask.text and "((" not in ask.text
    await user.no_more_messages(wait=0.3)
    assert _user_row(bot, 1016)["timezone"] == "Etc/GMT+9"


def _user_row(rig: BotRig, user_id: int) -> sqlite3.Row:
    rows = query(rig.db_path, "SELECT * FROM users WHERE id = ?", (user_id,))
    assert rows, f"user {user_id} not stored"
    return rows[0]
