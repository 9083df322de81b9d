"""Distress signals: the level and the time, never the text (issue #10).

Rows older than `RETENTION` are pruned whenever a new one is recorded for that user, so Tend
keeps no longer history of someone's hard moments than the check-in rule needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.domain.distress import DistressLevel
from storage.database import Database
from storage.users import from_epoch, to_epoch

RETENTION = timedelta(days=30)
"""How long a signal is kept; the check-in rule looks back 7 days."""


@dataclass(frozen=True, slots=True)
class SafetySignal:
    """One recorded signal."""

    level: DistressLevel
    at: datetime


class SafetySignals:
    """Reads and writes ``safety_signals`` and ``users.last_support_line_at``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, user_id: int, level: DistressLevel, at: datetime) -> None:
        """Record a crisis or struggling signal; NONE is never recorded."""
        if level is DistressLevel.NONE:
            raise ValueError("only crisis and struggling signals are recorded")
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO safety_signals (user_id, level, signalled_at) VALUES (?, ?, ?)",
                (user_id, level.value, to_epoch(at)),
            )
            await connection.execute(
                "DELETE FROM safety_signals WHERE user_id = ? AND signalled_at < ?",
                (user_id, to_epoch(at - RETENTION)),
            )

    async def latest_since(self, user_id: int, since: datetime) -> SafetySignal | None:
        """The most recent signal at or after `since` (crisis first when two share a second)."""
        row = await self._db.fetch_one(
            "SELECT level, signalled_at FROM safety_signals "
            "WHERE user_id = ? AND signalled_at >= ? "
            "ORDER BY signalled_at DESC, level = 'crisis' DESC, id DESC LIMIT 1",
            (user_id, to_epoch(since)),
        )
        if row is None:
            return None
        return SafetySignal(DistressLevel(row["level"]), from_epoch(int(row["signalled_at"])))

    async def last_support_line_at(self, user_id: int) -> datetime | None:
        """When a check-in last carried the support line, if ever."""
        row = await self._db.fetch_one(
            "SELECT last_support_line_at FROM users WHERE id = ?", (user_id,)
        )
        if row is None or row[0] is None:
            return None
        return from_epoch(int(row[0]))

    async def mark_support_line(self, user_id: int, at: datetime) -> None:
        """Remember that the support line went out (call it when the check-in is claimed)."""
        await self._db.execute(
            "UPDATE users SET last_support_line_at = ? WHERE id = ?", (to_epoch(at), user_id)
        )


async def mark_support_line_many(
    connection: aiosqlite.Connection, shown: Sequence[tuple[int, datetime]]
) -> None:
    """(user_id, at) pairs whose claimed check-in carries the support line, in the caller's
    transaction (the check-in claim), so the line and its date are committed together."""
    if not shown:
        return
    await connection.executemany(
        "UPDATE users SET last_support_line_at = ? WHERE id = ?",
        [(to_epoch(at), user_id) for user_id, at in shown],
    )
