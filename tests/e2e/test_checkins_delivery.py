"""Delivering check-ins when Telegram or the bot misbehave: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.checkin_support import (
    checkin_rows,
    checkins_received,
    execute,
    expect_checkin,
    next_local,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.helpers import eventually, query
from tests.rig import BotRig

BERLIN = ZoneInfo("Europe/Berlin")


def _statuses(rig: BotRig, user_id: int) -> list[str]:
    return [row["status"] for row in checkin_rows(rig, user_id)]


async def test_blocked_user_is_marked_inactive_and_others_still_get_theirs(bot: BotRig) -> None:
    ada = await onboarded_user(bot, 2101, "Ada")
    bo = await onboarded_user(bot, 2102, "Bo")
    due = scheduled_at(bot, 2101)
    assert due is not None and scheduled_at(bot, 2102) == due
    bot.api.block(bo.chat_id)
    travel_to(bot, due)
    await expect_checkin(ada)
    await eventually(lambda: _statuses(bot, 2102) == ["blocked"])
    user_row = query(bot.db_path, "SELECT active, next_checkin_at FROM users WHERE id = 2102")[0]
    assert user_row["active"] == 0 and user_row["next_checkin_at"] is None
    assert _statuses(bot, 2101) == ["sent"]

    # Skipped from now on, until they write again: then they are back on the schedule.
    travel_to(bot, next_local(bot, "Europe/Berlin", "19:30", after=due))
    await expect_checkin(ada)
    assert _statuses(bot, 2102) == ["blocked"]
    bot.api.unblock(bo.chat_id)
    await bo.send("hello again")
    await eventually(lambda: scheduled_at(bot, 2102) is not None)
    assert scheduled_at(bot, 2102) == scheduled_at(bot, 2101)


async def test_429_and_500_answers_lose_nothing_and_double_nothing(bot: BotRig) -> None:
    users = [await onboarded_user(bot, 2110 + n, f"U{n}") for n in range(3)]
    due = scheduled_at(bot, 2110)
    assert due is not None
    bot.api.rate_limit_next("sendMessage", retry_after=1)
    bot.api.server_error_next("sendMessage", times=3)
    travel_to(bot, due)
    for user in users:
        await expect_checkin(user, timeout=10)
    await eventually(lambda: all(_statuses(bot, user.id) == ["sent"] for user in users))
    await asyncio.sleep(1.5)  # any stray retry would have landed by now
    for user in users:
        assert len(checkins_received(user)) == 1
    attempts = [row["attempts"] for user in users for row in checkin_rows(bot, user.id)]
    assert sum(attempts) >= len(users) + 2  # the 5xx answers were retried by the sweep


async def test_rate_limit_beyond_the_limiters_retries_is_retried_later(
    bot: BotRig, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing is lost, so nothing is logged as an ERROR (#11 item 8): a WARNING says why."""
    user = await onboarded_user(bot, 2120)
    due = scheduled_at(bot, 2120)
    assert due is not None
    bot.api.rate_limit_next("sendMessage", retry_after=1, times=6)
    travel_to(bot, due)
    await expect_checkin(user, timeout=15)
    await eventually(lambda: _statuses(bot, 2120) == ["sent"])
    assert checkin_rows(bot, 2120)[0]["attempts"] == 2
    assert len(checkins_received(user)) == 1
    gave_up = [r for r in caplog.records if "rate limited after" in r.getMessage()]
    assert [r.levelname for r in gave_up] == ["WARNING"], "a WARNING, never an ERROR"
    assert gave_up[-1].exc_info is None


async def test_one_slow_chat_never_holds_up_the_others(bot: BotRig) -> None:
    slow = await onboarded_user(bot, 2130, "Slow")
    quick = [await onboarded_user(bot, 2131 + n, f"Q{n}") for n in range(3)]
    due = scheduled_at(bot, 2130)
    assert due is not None
    bot.api.inject("sendMessage", 200, "", delay=3.0, chat_id=slow.chat_id)
    travel_to(bot, due)
    started = time.monotonic()
    for user in quick:
        await expect_checkin(user, timeout=2.5)
    assert time.monotonic() - started < 2.5
    assert _statuses(bot, 2130) == ["sending"]
    await expect_checkin(slow, timeout=5)
    await eventually(lambda: _statuses(bot, 2130) == ["sent"])


async def test_restart_at_checkin_time_sends_exactly_one(rig: BotRig) -> None:
    await rig.start()
    user = await onboarded_user(rig, 2140)
    due = scheduled_at(rig, 2140)
    assert due is not None
    await rig.stop()
    travel_to(rig, due + timedelta(minutes=1))  # the bot was down at check-in time
    await rig.start()
    await expect_checkin(user)
    await eventually(lambda: _statuses(rig, 2140) == ["sent"])
    await rig.restart()
    await user.no_more_messages(wait=0.8)
    assert len(checkins_received(user)) == 1
    assert scheduled_at(rig, 2140) == next_local(rig, "Europe/Berlin", "19:30", after=due)


async def test_a_crash_mid_send_is_not_resent_and_a_claimed_one_is(rig: BotRig) -> None:
    await rig.start()
    in_flight = await onboarded_user(rig, 2150, "InFlight")
    claimed = await onboarded_user(rig, 2151, "Claimed")
    due = scheduled_at(rig, 2150)
    assert due is not None
    await rig.stop()
    # What a crash leaves behind: one request in flight, one claimed but not yet sent.
    day = due.astimezone(BERLIN).date().isoformat()
    tomorrow = int(next_local(rig, "Europe/Berlin", "19:30", after=due).timestamp())
    for user_id, status in ((2150, "sending"), (2151, "queued")):
        execute(
            rig,
            "INSERT INTO checkins (user_id, local_date, due_at, claimed_at, status, retry_at, "
            "text) VALUES (?, ?, ?, ?, ?, ?, 'Did you connect with anyone today?')",
            (
                user_id,
                day,
                int(due.timestamp()),
                int(due.timestamp()),
                status,
                int(due.timestamp()),
            ),
        )
        execute(
            rig,
            "UPDATE users SET last_checkin_date = ?, next_checkin_at = ? WHERE id = ?",
            (day, tomorrow, user_id),
        )
    travel_to(rig, due + timedelta(minutes=2))
    await rig.start()
    await expect_checkin(claimed)
    await eventually(lambda: _statuses(rig, 2151) == ["sent"])
    assert _statuses(rig, 2150) == ["unknown"]
    await in_flight.no_more_messages(wait=0.6)
    assert len(checkins_received(claimed)) == 1


async def test_more_than_three_hours_late_is_skipped(rig: BotRig) -> None:
    await rig.start()
    user = await onboarded_user(rig, 2160)
    due = scheduled_at(rig, 2160)
    assert due is not None
    await rig.stop()
    travel_to(rig, due + timedelta(hours=3, minutes=1))
    await rig.start()
    tomorrow = next_local(rig, "Europe/Berlin", "19:30", after=due)
    await eventually(lambda: scheduled_at(rig, 2160) == tomorrow)
    await user.no_more_messages(wait=0.5)
    assert checkin_rows(rig, 2160) == []
    travel_to(rig, tomorrow)
    await expect_checkin(user)
