"""Important dates (#12) and the user's "mention 3 days ahead" setting.

Every query names the owning user; ids from buttons are checked in SQL. The composer's batch
question, "whose dates fall from today to 3 days ahead", is asked as month/day pairs grouped
by the users' local today (at most a few distinct dates exist at one instant), so it is one
indexed lookup per user on ``important_dates_by_user_day``.
"""

from __future__ import annotations

import calendar
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum

import aiosqlite

from bot.domain.checkin_lead import AHEAD_DAYS, AheadMention
from bot.domain.important_dates import DateKind, DayOfYear, ImportantDate
from storage.database import Database
from storage.users import to_epoch

BATCH = 400
"""Users per batched query."""

_COLUMNS = (
    "d.id, d.contact_id, c.name AS contact_name, d.kind, d.label, d.month, d.day, d.year, "
    "d.remind_ahead, d.ahead_mentioned_for"
)
_FROM = "FROM important_dates AS d JOIN contacts AS c ON c.id = d.contact_id"


class DateSource(StrEnum):
    """How a date came in (a vCard import may bring birthdays and anniversaries)."""

    TYPED = "typed"
    VCARD = "vcard"


def important_date_from_row(row: sqlite3.Row) -> ImportantDate:
    """Build an ImportantDate from a row selected with the standard columns."""
    mentioned = row["ahead_mentioned_for"]
    return ImportantDate(
        id=row["id"],
        contact_id=row["contact_id"],
        contact_name=row["contact_name"],
        kind=DateKind(row["kind"]),
        when=DayOfYear(row["month"], row["day"], row["year"]),
        label=row["label"],
        remind_ahead=bool(row["remind_ahead"]),
        ahead_mentioned_for=date.fromisoformat(mentioned) if mentioned else None,
    )


def days_of_year(first: date, last: date) -> list[tuple[int, int]]:
    """The stored (month, day) pairs that fall from ``first`` to ``last``.

    28 February of a common year also brings 29 February dates (celebrated that day).
    """
    pairs: list[tuple[int, int]] = []
    day = first
    while day <= last:
        pairs.append((day.month, day.day))
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            pairs.append((2, 29))
        day += timedelta(days=1)
    return pairs


class ImportantDateRepository:
    """Reads and writes ``important_dates`` and ``users.dates_ahead``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        user_id: int,
        contact_id: int,
        kind: DateKind,
        when: DayOfYear,
        now: datetime,
        *,
        label: str | None = None,
        source: DateSource = DateSource.TYPED,
    ) -> int | None:
        """Store a date; None when the contact is not the user's.

        A second birthday for the same person replaces the first (one birthday each), except
        that an imported one never replaces one the user typed (the typed one's id comes
        back). ``label`` is required for a named date and ignored otherwise.
        """
        if kind is DateKind.NAMED and not label:
            raise ValueError("a named date needs its label")
        at = to_epoch(now)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                """
                INSERT INTO important_dates (user_id, contact_id, kind, label, month, day, year,
                                             source, created_at, updated_at)
                SELECT ?, c.id, ?, ?, ?, ?, ?, ?, ?, ?
                  FROM contacts AS c WHERE c.id = ? AND c.user_id = ?
                ON CONFLICT (contact_id) WHERE kind = 'birthday'
                DO UPDATE SET month = excluded.month, day = excluded.day, year = excluded.year,
                              source = excluded.source, ahead_mentioned_for = NULL,
                              updated_at = excluded.updated_at
                        WHERE excluded.source = 'typed' OR important_dates.source = 'vcard'
                RETURNING id
                """,
                (
                    user_id,
                    kind.value,
                    label if kind is DateKind.NAMED else None,
                    when.month,
                    when.day,
                    when.year,
                    source.value,
                    at,
                    at,
                    contact_id,
                    user_id,
                ),
            )
            row = await cursor.fetchone()
            if row is None and kind is DateKind.BIRTHDAY:  # an import met a typed birthday
                cursor = await connection.execute(
                    "SELECT id FROM important_dates "
                    "WHERE contact_id = ? AND user_id = ? AND kind = 'birthday'",
                    (contact_id, user_id),
                )
                row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def get(self, user_id: int, date_id: int) -> ImportantDate | None:
        """The date if it exists and is the user's."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} {_FROM} WHERE d.id = ? AND d.user_id = ?", (date_id, user_id)
        )
        return important_date_from_row(row) if row else None

    async def for_contact(self, user_id: int, contact_id: int) -> list[ImportantDate]:
        """A person's dates for their card, in calendar order."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} {_FROM} WHERE d.user_id = ? AND d.contact_id = ? "
            "ORDER BY d.month, d.day, d.id",
            (user_id, contact_id),
        )
        return [important_date_from_row(row) for row in rows]

    async def for_user(self, user_id: int) -> list[ImportantDate]:
        """All the user's dates of people still kept up with (for /people and /summary)."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} {_FROM} WHERE d.user_id = ? AND c.archived = 0 "
            "ORDER BY d.month, d.day, d.id",
            (user_id,),
        )
        return [important_date_from_row(row) for row in rows]

    async def delete(self, user_id: int, date_id: int) -> bool:
        """Remove a date; False if it is not the user's."""
        return (
            await self._db.execute(
                "DELETE FROM important_dates WHERE id = ? AND user_id = ?", (date_id, user_id)
            )
            > 0
        )

    async def set_remind_ahead(self, user_id: int, date_id: int, on: bool, now: datetime) -> bool:
        """Turn the ahead mention of one date on or off; False if it is not the user's."""
        changed = await self._db.execute(
            "UPDATE important_dates SET remind_ahead = ?, updated_at = ? "
            "WHERE id = ? AND user_id = ?",
            (int(on), to_epoch(now), date_id, user_id),
        )
        return changed > 0

    async def around(
        self, local_today: Mapping[int, date], days_ahead: int = AHEAD_DAYS
    ) -> dict[int, list[ImportantDate]]:
        """Each user's dates falling from their local today to ``days_ahead`` days on.

        ``local_today`` maps user id -> local date; the answer feeds ``lead_for_today``.
        """
        found: dict[int, list[ImportantDate]] = {user_id: [] for user_id in local_today}
        by_day: dict[date, list[int]] = defaultdict(list)
        for user_id, today in local_today.items():
            by_day[today].append(user_id)
        for today, user_ids in by_day.items():
            pairs = days_of_year(today, today + timedelta(days=days_ahead))
            wanted = " OR ".join("(d.month = ? AND d.day = ?)" for _ in pairs)
            pair_params = [part for pair in pairs for part in pair]
            for start in range(0, len(user_ids), BATCH):
                batch = user_ids[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                rows = await self._db.fetch_all(
                    f"SELECT d.user_id AS owner, {_COLUMNS} {_FROM} "
                    f"WHERE d.user_id IN ({marks}) AND ({wanted}) AND c.archived = 0 "
                    "ORDER BY d.user_id, d.month, d.day, d.id",
                    (*batch, *pair_params),
                )
                for row in rows:
                    found[row["owner"]].append(important_date_from_row(row))
        return found

    async def mark_ahead_mentioned(self, user_id: int, marks: Sequence[AheadMention]) -> None:
        """Remember ahead mentions (outside the composer's transaction; see the function)."""
        async with self._db.transaction() as connection:
            await mark_ahead_mentioned(connection, [(user_id, mark) for mark in marks])

    async def ahead_setting(self, user_ids: Iterable[int]) -> dict[int, bool]:
        """Each user's "mention dates 3 days ahead" setting."""
        ids = list(user_ids)
        settings: dict[int, bool] = {}
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            rows = await self._db.fetch_all(
                f"SELECT id, dates_ahead FROM users WHERE id IN ({','.join('?' * len(batch))})",
                batch,
            )
            settings.update({row["id"]: bool(row["dates_ahead"]) for row in rows})
        return settings

    async def set_ahead_setting(self, user_id: int, on: bool) -> None:
        """Turn "mention dates 3 days ahead" on or off for the user."""
        await self._db.execute("UPDATE users SET dates_ahead = ? WHERE id = ?", (int(on), user_id))


async def mark_ahead_mentioned(
    connection: aiosqlite.Connection, marks: Sequence[tuple[int, AheadMention]]
) -> None:
    """Record (user_id, mention) pairs inside the caller's transaction (the check-in claim),
    so a date mentioned ahead is not mentioned again for the same occurrence."""
    if not marks:
        return
    await connection.executemany(
        "UPDATE important_dates SET ahead_mentioned_for = ? WHERE id = ? AND user_id = ?",
        [(mark.occurrence.isoformat(), mark.date_id, user_id) for user_id, mark in marks],
    )
