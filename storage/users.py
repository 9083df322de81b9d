"""Users: who they are, where they live in time, their schedule, and whether Tend may write."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinFrequency
from bot.domain.kinds import ConnectionType
from storage.database import Database


def to_epoch(instant: datetime) -> int:
    """Store instants as whole UTC seconds."""
    if instant.tzinfo is None:
        raise ValueError("naive datetimes are not stored")
    return int(instant.timestamp())


def from_epoch(seconds: int) -> datetime:
    """Read a stored instant back as an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, UTC)


def parse_interests(stored: str | None) -> frozenset[str]:
    """The comma-separated ``interests`` column as a set of tags: the one parser.

    Tags are written from the catalogue's fixed lower-case vocabulary; case-folding on read
    keeps an old or hand-edited row matching it too.
    """
    if not stored:
        return frozenset()
    return frozenset(tag.strip().casefold() for tag in stored.split(",") if tag.strip())


def format_interests(interests: frozenset[str] | set[str] | list[str]) -> str:
    """The column value for a set of tags (sorted, so equal sets store equally)."""
    return ",".join(sorted({tag.strip().casefold() for tag in interests if tag.strip()}))


QUIET_COLUMNS = {
    ConnectionType.INTIMATE: "quiet_intimate_days",
    ConnectionType.RELATIONAL: "quiet_relational_days",
    ConnectionType.COLLECTIVE: "quiet_collective_days",
}


@dataclass(frozen=True, slots=True)
class User:
    """A Tend user as stored, with everything the scheduler needs about them.

    ``timezone``/``checkin_time`` are None until onboarding sets them. ``needs_reschedule``:
    their zone or time changed (or they came back after blocking the bot), so the next sweep
    works both schedules out again from these settings before sending anything.
    """

    id: int
    chat_id: int
    timezone: str | None
    checkin_time: time | None
    quiet_days: dict[ConnectionType, int]
    paused_until: datetime | None
    active: bool
    created_at: datetime
    next_checkin_at: datetime | None = None
    needs_reschedule: bool = False
    last_checkin_date: date | None = None
    frequency: CheckinFrequency = CheckinFrequency.DAILY
    interests: frozenset[str] = frozenset()
    digest_weekday: int | None = None
    next_digest_at: datetime | None = None
    last_digest_date: date | None = None

    @property
    def onboarded(self) -> bool:
        """True once the user has told us their zone and check-in time."""
        return self.timezone is not None and self.checkin_time is not None

    @property
    def zone(self) -> ZoneInfo:
        """The user's zone (UTC until they choose one)."""
        return ZoneInfo(self.timezone or "UTC")


USER_COLUMNS = (
    "id, chat_id, timezone, checkin_time, quiet_intimate_days, quiet_relational_days, "
    "quiet_collective_days, paused_until, active, created_at, next_checkin_at, "
    "needs_reschedule, last_checkin_date, checkin_frequency, interests, digest_weekday, "
    "next_digest_at, last_digest_date"
)


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _instant_or_none(value: int | None) -> datetime | None:
    return from_epoch(value) if value is not None else None


@lru_cache(maxsize=1440)
def _local_time(stored: str) -> time:
    """A stored ``HH:MM``; at most one per minute of the day, so kept (the sweep reads many)."""
    return time.fromisoformat(stored)


_cached_interests = lru_cache(maxsize=512)(parse_interests)
_FREQUENCIES = {frequency.value: frequency for frequency in CheckinFrequency}


def user_from_row(row: sqlite3.Row) -> User:
    """Build a User from a row selected with USER_COLUMNS (by position: the sweep's hot path)."""
    (
        user_id,
        chat_id,
        timezone,
        checkin,
        quiet_intimate,
        quiet_relational,
        quiet_collective,
        paused_until,
        active,
        created_at,
        next_checkin_at,
        needs_reschedule,
        last_checkin_date,
        frequency,
        interests,
        digest_weekday,
        next_digest_at,
        last_digest_date,
    ) = row
    return User(
        id=user_id,
        chat_id=chat_id,
        timezone=timezone,
        checkin_time=_local_time(checkin) if checkin else None,
        quiet_days={
            ConnectionType.INTIMATE: quiet_intimate,
            ConnectionType.RELATIONAL: quiet_relational,
            ConnectionType.COLLECTIVE: quiet_collective,
        },
        paused_until=_instant_or_none(paused_until),
        active=bool(active),
        created_at=from_epoch(created_at),
        next_checkin_at=_instant_or_none(next_checkin_at),
        needs_reschedule=bool(needs_reschedule),
        last_checkin_date=_date_or_none(last_checkin_date),
        frequency=_FREQUENCIES.get(frequency) or CheckinFrequency(frequency),
        interests=_cached_interests(interests),
        digest_weekday=digest_weekday,
        next_digest_at=_instant_or_none(next_digest_at),
        last_digest_date=_date_or_none(last_digest_date),
    )


class UserRepository:
    """Reads and writes the ``users`` table, one user at a time."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> User | None:
        """The user, or None for someone Tend has not met."""
        row = await self._db.fetch_one(f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))
        return user_from_row(row) if row else None

    async def register(self, user_id: int, chat_id: int, now: datetime) -> tuple[User, bool]:
        """Create the user if new; never touches an existing one. Returns (user, created)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO users (id, chat_id, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (user_id, chat_id, to_epoch(now)),
            )
            created = cursor.rowcount == 1
            if not created:
                await connection.execute(
                    "UPDATE users SET chat_id = ? WHERE id = ? AND chat_id != ?",
                    (chat_id, user_id, chat_id),
                )
        user = await self.get(user_id)
        assert user is not None
        return user, created

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's IANA zone."""
        await self._db.execute("UPDATE users SET timezone = ? WHERE id = ?", (timezone, user_id))

    async def set_checkin_time(self, user_id: int, local: time) -> None:
        """Remember the user's local check-in time (minute precision)."""
        await self._db.execute(
            "UPDATE users SET checkin_time = ? WHERE id = ?",
            (local.strftime("%H:%M"), user_id),
        )

    async def set_active(self, user_id: int, active: bool) -> bool:
        """Mark whether Tend may write to the user; returns True if the flag changed."""
        changed = await self._db.execute(
            "UPDATE users SET active = ? WHERE id = ? AND active != ?",
            (int(active), user_id, int(active)),
        )
        return changed > 0
