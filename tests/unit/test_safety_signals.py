"""Safety signals are stored as level and time only, exported, and deleted with the user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.distress import DistressLevel
from storage.database import Database
from storage.deletion import UserDataEraser
from storage.export import UserDataExporter, user_table_plan
from storage.safety_signals import RETENTION, SafetySignals

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    try:
        for user_id in (1, 2):
            await database.execute(
                "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
                "VALUES (?, ?, 'Europe/London', '19:00', 1)",
                (user_id, user_id),
            )
        yield database
    finally:
        await database.close()


async def test_the_table_has_no_column_for_text(db: Database) -> None:
    rows = await db.fetch_all("PRAGMA table_info(safety_signals)")
    assert {row["name"] for row in rows} == {"id", "user_id", "level", "signalled_at"}


async def test_latest_since_is_per_user_and_windowed(db: Database) -> None:
    signals = SafetySignals(db)
    await signals.record(1, DistressLevel.STRUGGLING, NOW - timedelta(days=3))
    await signals.record(1, DistressLevel.CRISIS, NOW - timedelta(days=1))
    await signals.record(2, DistressLevel.STRUGGLING, NOW)
    latest = await signals.latest_since(1, NOW - timedelta(days=7))
    assert latest is not None
    assert latest.level is DistressLevel.CRISIS and latest.at == NOW - timedelta(days=1)
    assert await signals.latest_since(1, NOW) is None
    other = await signals.latest_since(2, NOW - timedelta(days=7))
    assert other is not None and other.level is DistressLevel.STRUGGLING


async def test_none_is_never_recorded(db: Database) -> None:
    with pytest.raises(ValueError, match="only crisis and struggling"):
        await SafetySignals(db).record(1, DistressLevel.NONE, NOW)


async def test_old_signals_are_pruned(db: Database) -> None:
    signals = SafetySignals(db)
    await signals.record(1, DistressLevel.CRISIS, NOW - RETENTION - timedelta(days=1))
    await signals.record(2, DistressLevel.CRISIS, NOW - RETENTION - timedelta(days=1))
    await signals.record(1, DistressLevel.STRUGGLING, NOW)
    rows = await db.fetch_all("SELECT user_id, level FROM safety_signals ORDER BY user_id")
    assert [(row["user_id"], row["level"]) for row in rows] == [(1, "struggling"), (2, "crisis")]


async def test_support_line_time_round_trips(db: Database) -> None:
    signals = SafetySignals(db)
    assert await signals.last_support_line_at(1) is None
    await signals.mark_support_line(1, NOW)
    assert await signals.last_support_line_at(1) == NOW
    assert await signals.last_support_line_at(2) is None


async def test_export_shows_the_signals_and_delete_removes_them(db: Database) -> None:
    plan = await user_table_plan(db.connection)
    assert plan.unscoped == ()
    assert plan.get("safety_signals") is not None
    await SafetySignals(db).record(1, DistressLevel.CRISIS, NOW)
    await SafetySignals(db).record(2, DistressLevel.STRUGGLING, NOW)
    data = await UserDataExporter(db).collect(1)
    assert data is not None
    assert [(row["level"], row["signalled_at"]) for row in data.tables["safety_signals"]] == [
        ("crisis", int(NOW.timestamp()))
    ]
    deleted = await UserDataEraser(db).delete_everything(1)
    assert deleted["safety_signals"] == 1
    assert await SafetySignals(db).latest_since(1, NOW - timedelta(days=1)) is None
    assert await SafetySignals(db).latest_since(2, NOW - timedelta(days=1)) is not None
