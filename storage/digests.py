"""The weekly digest setting and its schedule, kept on the ``users`` row (migration 0004)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.database import Database
from storage.users import USER_COLUMNS, User, from_epoch, to_epoch, user_from_row

RESCHEDULE = 0
"""``next_digest_at`` value set by a trigger when the zone or check-in time changes: the sweep
then works out the next digest from the new settings (see migration 0004)."""


@dataclass(frozen=True, slots=True)
class DigestSetting:
    """A user's digest choice: ``weekday`` None means off."""

    weekday: int | None
    next_at: datetime | None
    last_sent: date | None


@dataclass(frozen=True, slots=True)
class DueDigest:
    """A user whose digest time has come, and the instant it was due."""

    user: User
    due_at: datetime
    weekday: int
    last_sent: date | None


class DigestRepository:
    """Reads and writes the digest columns; every write names the user."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> DigestSetting | None:
        """The setting, or None for an unknown user."""
        row = await self._db.fetch_one(
            "SELECT digest_weekday, next_digest_at, last_digest_date FROM users WHERE id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return DigestSetting(
            weekday=row["digest_weekday"],
            next_at=from_epoch(row["next_digest_at"]) if row["next_digest_at"] else None,
            last_sent=date.fromisoformat(row["last_digest_date"])
            if row["last_digest_date"]
            else None,
        )

    async def set(self, user_id: int, weekday: int | None, next_at: datetime | None) -> bool:
        """Turn the digest on (a weekday and its next instant) or off (both None)."""
        changed = await self._db.execute(
            "UPDATE users SET digest_weekday = ?, next_digest_at = ? WHERE id = ?",
            (weekday, to_epoch(next_at) if next_at else None, user_id),
        )
        return changed > 0

    async def due(self, now: datetime, limit: int) -> list[DueDigest]:
        """Users whose next digest is at or before ``now``, earliest first."""
        rows = await self._db.fetch_all(
            f"SELECT {USER_COLUMNS}, digest_weekday, next_digest_at, last_digest_date "
            "FROM users WHERE next_digest_at IS NOT NULL AND next_digest_at <= ? "
            "AND digest_weekday IS NOT NULL ORDER BY next_digest_at, id LIMIT ?",
            (to_epoch(now), limit),
        )
        return [
            DueDigest(
                user=user_from_row(row),
                due_at=from_epoch(row["next_digest_at"]),
                weekday=row["digest_weekday"],
                last_sent=date.fromisoformat(row["last_digest_date"])
                if row["last_digest_date"]
                else None,
            )
            for row in rows
        ]

    async def claim(
        self, user_id: int, due_at: datetime, next_at: datetime, sent_on: date | None
    ) -> bool:
        """Move the schedule on before sending, so a restart can never send it twice.

        Returns False when someone else moved it first (the setting changed meanwhile).
        ``sent_on`` None reschedules without recording a send (a skipped digest).
        """
        if sent_on is None:
            sql = "UPDATE users SET next_digest_at = ? WHERE id = ? AND next_digest_at = ?"
            params: tuple[object, ...] = (to_epoch(next_at), user_id, to_epoch(due_at))
        else:
            sql = (
                "UPDATE users SET next_digest_at = ?, last_digest_date = ? "
                "WHERE id = ? AND next_digest_at = ?"
            )
            params = (to_epoch(next_at), sent_on.isoformat(), user_id, to_epoch(due_at))
        return await self._db.execute(sql, params) == 1
