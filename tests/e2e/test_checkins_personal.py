"""Check-ins that know the user: dates on the day and ahead, follow-ups and their buttons,
and *Log a connection* preselecting whom the check-in suggested (#12)."""

from __future__ import annotations

from tests.e2e.checkin_support import (
    add_contact,
    checkin_rows,
    execute,
    expect_checkin,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.e2e.seed import insert, local, set_clock
from tests.helpers import eventually, query
from tests.rig import BotRig


def _next_checkin(bot: BotRig, user_id: int) -> None:
    due = scheduled_at(bot, user_id)
    assert due is not None
    travel_to(bot, due)


async def test_a_29_february_birthday_is_mentioned_ahead_once_and_on_28_february(
    bot: BotRig,
) -> None:
    set_clock(bot.clock, local("Europe/Berlin", 2027, 2, 25, 12))  # 2027: not a leap year
    user = await onboarded_user(bot, 2401)
    sam = add_contact(bot, 2401, "Sam", "intimate", days_ago=[1], now=bot.clock.now())
    insert(
        bot.db_path, "important_dates", user_id=2401, contact_id=sam, kind="birthday",
        month=2, day=29, created_at=0, updated_at=0,
    )  # fmt: skip
    texts = []
    for _ in range(4):  # 25, 26, 27 and 28 February
        _next_checkin(bot, 2401)
        texts.append((await expect_checkin(user)).text)
        await eventually(lambda: len(checkin_rows(bot, 2401)) == len(texts))
    assert texts[0].startswith("Sam's birthday is in 3 days (Sunday).")
    assert "birthday" not in texts[1] and "birthday" not in texts[2]  # said once
    assert texts[3].startswith("It's Sam's birthday today.")
    rows = query(bot.db_path, "SELECT ahead_mentioned_for FROM important_dates")
    assert rows[0]["ahead_mentioned_for"] == "2027-02-28"


async def test_dates_ahead_can_be_turned_off(bot: BotRig) -> None:
    set_clock(bot.clock, local("Europe/Berlin", 2027, 5, 10, 12))
    user = await onboarded_user(bot, 2402)
    sam = add_contact(bot, 2402, "Sam", "intimate", days_ago=[1], now=bot.clock.now())
    insert(
        bot.db_path, "important_dates", user_id=2402, contact_id=sam, kind="birthday",
        month=5, day=12, created_at=0, updated_at=0,
    )  # fmt: skip
    execute(bot, "UPDATE users SET dates_ahead = 0 WHERE id = 2402")
    _next_checkin(bot, 2402)
    assert "birthday" not in (await expect_checkin(user)).text


async def test_a_dated_note_comes_back_on_the_right_local_day_across_the_dst_change(
    bot: BotRig,
) -> None:
    zone = "America/New_York"  # clocks go back on Sunday 1 November 2026
    set_clock(bot.clock, local(zone, 2026, 10, 29, 12))
    user = await onboarded_user(bot, 2403, zone=zone)
    add_contact(bot, 2403, "Sam", "relational", days_ago=[2], now=bot.clock.now())
    await user.send("/log Sam")
    await user.expect("How did you connect with Sam?")
    await user.press("In person")
    await user.expect("When was it?")
    await user.press("Today")
    await user.expect("How did it feel")
    await user.press("Skip")
    await user.expect("Anything to remember")
    await user.send("Job interview on Monday, wish him luck")
    saved = await user.expect("Saved", "I'll remind you to follow up with Sam")
    assert "Remind me to follow up" not in saved.button_labels  # it has a day
    rows = query(bot.db_path, "SELECT event_date, due_date FROM followups WHERE user_id = 2403")
    assert [tuple(row) for row in rows] == [("2026-11-02", "2026-11-03")]

    texts = []
    for _ in range(6):  # Thu 29 Oct .. Tue 3 Nov, each at 19:30 New York time
        _next_checkin(bot, 2403)
        texts.append(await expect_checkin(user))
        await eventually(lambda: len(checkin_rows(bot, 2403)) == len(texts))
    # Monday's check-in is already Tuesday in UTC: it must not ask yet.
    assert all("interview" not in message.text for message in texts[:5])
    tuesday = texts[5]
    assert checkin_rows(bot, 2403)[5]["local_date"] == "2026-11-03"
    assert "Sam had the job interview yesterday. Ask how it went?" in tuesday.text, tuesday.text
    assert tuesday.button_labels[:3] == ["Done", "Later", "Not needed"]

    # Forged or foreign ids: out of date, nothing changes.
    checkin_id = checkin_rows(bot, 2403)[5]["id"]
    followup_id = query(bot.db_path, "SELECT id FROM followups")[0]["id"]
    await user.press(data=f"fua:done:{followup_id + 99}:{checkin_id}", message=tuesday)
    await user.expect("out of date")
    await user.press(data=f"fua:done:{followup_id}:{checkin_id + 99}", message=tuesday)
    await user.expect("out of date")
    assert query(bot.db_path, "SELECT state FROM followups")[0]["state"] == "open"

    await user.press("Done", message=tuesday)
    await user.expect("Sam")
    assert query(bot.db_path, "SELECT state FROM followups")[0]["state"] == "done"
    await user.press(data=f"fua:later:{followup_id}:{checkin_id}", message=tuesday)
    await user.expect("out of date")  # answered already

    # *Log a connection* on it preselects Sam: one tap (how) away from saving.
    await user.press("📝 Log a connection", message=tuesday)
    asked = await user.expect("Sam")
    assert "Call" in " ".join(asked.button_labels)


async def test_log_a_connection_on_a_checkin_preselects_the_suggested_person(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2404)
    now = bot.clock.now()
    add_contact(bot, 2404, "Mum", "intimate", days_ago=[1], now=now)
    sam = add_contact(bot, 2404, "Sam", "relational", days_ago=[15], now=now)
    add_contact(bot, 2404, "Choir", "collective", days_ago=[2], now=now)
    execute(bot, "UPDATE contacts SET rhythm_days = 7 WHERE id = ?", (sam,))
    _next_checkin(bot, 2404)
    checkin = await expect_checkin(user, "Sam")
    await user.press("📝 Log a connection", message=checkin)
    await user.expect("How did you connect with Sam?")
    # A forged check-in id preselects nobody: plain /log, nothing leaked.
    await user.press(data="lgq:999999", message=checkin)
    await user.expect("Sam")


async def test_about_you_is_saved_and_read_by_the_chooser(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2405)
    await user.send("/settings")
    menu = await user.expect("Your check-in settings")
    await user.press("About you", message=menu)
    toggles = await user.expect("Tap what's true for you")
    label = next(text for text in toggles.button_labels if text.startswith("I live with"))
    await user.press(label, message=toggles)
    await eventually(
        lambda: (
            query(bot.db_path, "SELECT circumstances FROM users WHERE id = 2405")[0][0]
            == "lives-with-someone"
        )
    )
    await user.press(data="sta:99", message=toggles)
    await user.expect("out of date")
    await user.press("Done", message=toggles)
    await user.expect("Saved: I live with someone")
    await user.press("Dates ahead", message=menu)
    ahead = await user.expect("3 days ahead?", "Now on")
    await user.press("Only on the day", message=ahead)
    await user.expect("on the day only")
    assert query(bot.db_path, "SELECT dates_ahead FROM users WHERE id = 2405")[0][0] == 0
