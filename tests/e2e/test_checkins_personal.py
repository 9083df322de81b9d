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
