"""/settings over real HTTP: each change is confirmed and applies from the next check-in."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.checkin_support import (
    add_contact,
    expect_checkin,
    next_local,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.helpers import eventually, query
from tests.rig import BotRig


def _user(rig: BotRig, user_id: int) -> dict[str, object]:
    return dict(query(rig.db_path, "SELECT * FROM users WHERE id = ?", (user_id,))[0])


async def test_settings_menu_time_and_zone(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2201)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings", "19:30, Europe/Berlin", "every day")
    assert "intimate 4 days, relational 7 days, collective 14 days" in menu.text
    assert "Interests: none yet" in menu.text and "next check-in is" in menu.text
    assert menu.button_labels == [
        "Check-in time",
        "Time zone",
        "How often",
        "Quiet thresholds",
        "Interests",
        "About you",
        "Dates ahead",
    ]

    await user.press("Check-in time", message=menu)
    await user.expect("When should I check in")
    await user.send("quarter past never")
    await user.expect("couldn't read")
    await user.send("7am")
    await user.expect("Done", "07:00", "next check-in is")
    assert _user(bot, 2201)["checkin_time"] == "07:00"
    assert scheduled_at(bot, 2201) == next_local(bot, "Europe/Berlin", "07:00")

    await user.press("Time zone", message=menu)
    await user.expect("Which time zone")
    await user.send("Atlantis")
    await user.expect("couldn't find")
    await user.send("Tokyo")
    await user.expect("Done", "Asia/Tokyo", "next check-in is")
    assert scheduled_at(bot, 2201) == next_local(bot, "Asia/Tokyo", "07:00")

    # The change holds for the very next check-in.
    travel_to(bot, next_local(bot, "Asia/Tokyo", "07:00"))
    await expect_checkin(user)


async def test_frequency_off_when_quiet_and_daily(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2202)
    now = bot.clock.now()
    for name, kind in (("Mum", "intimate"), ("Sam", "relational"), ("Choir", "collective")):
        add_contact(bot, 2202, name, kind, days_ago=[1], now=now)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")

    await user.press("How often", message=menu)
    choices = await user.expect("How often should I check in")
    await user.press("Off", message=choices)
    await user.expect("check-ins are off")
    assert _user(bot, 2202)["checkin_frequency"] == "off"
    assert scheduled_at(bot, 2202) is None

    await user.press("Only when something's quiet", message=choices)
    await user.expect("only when something has gone quiet", "next check-in is")
    due = scheduled_at(bot, 2202)
    assert due is not None
    travel_to(bot, due)  # nothing is quiet today: no message, but tomorrow is planned
    tomorrow = next_local(bot, "Europe/Berlin", "19:30", after=due)
    await eventually(lambda: scheduled_at(bot, 2202) == tomorrow)
    await user.no_more_messages(wait=0.4)

    await user.press("Every day", message=choices)
    await user.expect("every day", "tomorrow at 19:30")
    travel_to(bot, tomorrow)
    await expect_checkin(user)


async def test_quiet_thresholds_and_interests(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2203)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Quiet thresholds", message=menu)
    kinds = await user.expect("counts as quiet")
    assert kinds.button_labels == ["Intimate: 4 days", "Relational: 7 days", "Collective: 14 days"]
    await user.press("Collective", message=kinds)
    await user.expect("Collective", "how many days")
    await user.send("zero")
    await user.expect("whole number")
    await user.send("400")
    await user.expect("whole number")
    await user.send("21")
    await user.expect("Done", "collective", "21 days")
    assert _user(bot, 2203)["quiet_collective_days"] == 21
    await user.press("Intimate", message=kinds)
    days = await user.expect("Intimate", "how many days")
    await user.press("3", message=days)
    await user.expect("Done", "intimate", "3 days")
    assert _user(bot, 2203)["quiet_intimate_days"] == 3

    await user.press("Interests", message=menu)
    picker = await user.expect("Tap the things you enjoy")
    await user.press("hiking", message=picker)
    await eventually(lambda: "✓ hiking" in picker.button_labels)
    await user.press("board games", message=picker)
    await eventually(lambda: "✓ board games" in picker.button_labels)
    await user.press("✓ hiking", message=picker)
    await eventually(lambda: "hiking" in picker.button_labels)
    assert _user(bot, 2203)["interests"] == "board games"
    await user.press("Done", message=picker)
    await user.expect("Saved", "board games", "next check-in")
    await user.send("/settings")
    await user.expect("Quiet after: intimate 3 days, relational 7 days, collective 21 days")


async def test_settings_needs_set_up_and_cancel_changes_nothing(bot: BotRig) -> None:
    stranger = bot.user(2204, "New")
    await stranger.send("/settings")
    await stranger.expect("/start")
    user = await onboarded_user(bot, 2205)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("Check-in time", message=menu)
    await user.expect("When should I check in")
    await user.send("/cancel")
    await user.expect("nothing changed")
    assert _user(bot, 2205)["checkin_time"] == "19:30"


async def test_onboarding_time_change_moves_the_schedule(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2206)
    before = scheduled_at(bot, 2206)
    await user.send("/start")
    welcome = await user.expect("Welcome back")
    await user.press("Change check-in time", message=welcome)
    await user.expect("When should I check in")
    await user.send("21:00")
    await user.expect("Done", "21:00")
    after = scheduled_at(bot, 2206)
    assert after == next_local(bot, "Europe/Berlin", "21:00") and after != before
    assert after is not None and after - bot.clock.now() < timedelta(days=1)
