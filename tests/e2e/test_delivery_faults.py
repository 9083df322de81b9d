"""Exactly what was sent: a crash loses nothing that never left, a slow answer is not resent."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bot.scheduling.limiter import PriorityRateLimiter
from tests.e2e.checkin_support import (
    checkin_rows,
    checkins_received,
    expect_checkin,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.helpers import eventually, query
from tests.rig import BotRig

FIRST = 2400


def _statuses(db: Path) -> dict[int, str]:
    return {
        row["user_id"]: row["status"] for row in query(db, "SELECT user_id, status FROM checkins")
    }


def _snapshot(source: Path, target: Path) -> None:
    """What the disk holds at this instant, as kill -9 would leave it (committed data only)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


async def test_checkins_waiting_in_the_limiter_survive_a_crash(rig: BotRig, tmp_path: Path) -> None:
    await rig.start()
    users = [await onboarded_user(rig, FIRST + n, f"U{n}") for n in range(5)]
    due = scheduled_at(rig, FIRST)
    assert due is not None
    assert rig.running is not None
    limiter = rig.running.app.bot.rate_limiter
    assert isinstance(limiter, PriorityRateLimiter)
    limiter.interval = 0.4  # sends crawl, so most check-ins wait in our limiter
    travel_to(rig, due)
    await eventually(lambda: "sent" in _statuses(rig.db_path).values())
    crash = tmp_path / "after" / "data" / "tend.sqlite3"
    _snapshot(rig.db_path, crash)
    at_crash = _statuses(crash)
    counts = Counter(at_crash.values())
    # Waiting in the limiter is not "in flight": those rows are still queued.
    assert counts["queued"] >= 2 and counts["sending"] <= 1, at_crash
    offset = rig.clock.offset
    await rig.stop()

    after = BotRig(tmp_path / "after")
    await after.api.start()
    try:
        after.clock.offset = offset
        await after.start()
        fresh = {user.id: after.user(user.id, f"U{user.id - FIRST}") for user in users}
        for user_id, status in at_crash.items():
            if status == "queued":
                await expect_checkin(fresh[user_id])
        await eventually(
            lambda: all(
                _statuses(after.db_path)[user_id]
                == {"queued": "sent", "sending": "unknown"}.get(status, status)
                for user_id, status in at_crash.items()
            )
        )
        for user in fresh.values():
            await user.no_more_messages(wait=0.2)
            expected = 1 if at_crash[user.id] == "queued" else 0
            assert len(checkins_received(user)) == expected
    finally:
        await after.close()


async def test_a_send_answered_after_the_read_timeout_is_not_resent(
    rig: BotRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.app.READ_TIMEOUT_SECONDS", 0.5)
    await rig.start()
    user = await onboarded_user(rig, 2450)
    due = scheduled_at(rig, 2450)
    assert due is not None
    rig.api.slow_next("sendMessage", 1.2)  # Telegram delivers, but answers too late
    travel_to(rig, due)
    await expect_checkin(user, timeout=5)
    await eventually(lambda: [row["status"] for row in checkin_rows(rig, 2450)] == ["unknown"])
    await user.no_more_messages(wait=1.0)
    assert len(checkins_received(user)) == 1
    assert len(rig.api.calls_of("sendMessage")) >= 1
