"""Follow-ups (#12): every query names the owning user; ids from buttons are checked in SQL.

Due days are the user's local calendar days stored as 'YYYY-MM-DD', so they compare as text
and do not move when the user changes zone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from bot.domain.event_dates import EventSpan
from bot.domain.followups import (
    STALE_AFTER_DAYS,
    Followup,
    FollowupAnswer,
    FollowupSource,
    FollowupState,
    NewFollowup,
    answer,
)
from storage.database import Database
from storage.users import to_epoch

BATCH = 400
"""Users per batched query (two parameters each, well inside SQLite's limit)."""

_PENDING = "f.state IN ('open', 'snoozed')"  # word for word the partial index's condition
_COLUMNS = (
    "f.id, f.contact_id, c.name AS contact_name, f.due_date, f.state, f.source, f.phrase, "
    "f.event_date, f.event_span"
)


def followup_from_row(row: sqlite3.Row) -> Followup:
    """Build a Followup from a row selected with the standard columns."""
    event = row["event_date"]
    return Followup(
        id=row["id"],
        contact_id=row["contact_id"],
        contact_name=row["contact_name"],
        due=date.fromisoformat(row["due_date"]),
        state=FollowupState(row["state"]),
        source=FollowupSource(row["source"]),
        phrase=row["phrase"],
        event_day=date.fromisoformat(event) if event else None,
        event_span=EventSpan(row["event_span"]),
    )


class FollowupRepository:
    """Reads and writes ``followups``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, user_id: int, new: NewFollowup, now: datetime) -> int | None:
        """Store a follow-up; None when the contact (or the note) is not the user's.

        The same note saved again (same interaction and source) updates its follow-up
        instead of adding a second one, and opens it again.
        """
        at = to_epoch(now)
        async with self._db.transaction() as connection:
            if new.interaction_id is not None:
                cursor = await connection.execute(
                    "SELECT 1 FROM interactions WHERE id = ? AND user_id = ? AND contact_id = ?",
                    (new.interaction_id, user_id, new.contact_id),
                )
                if await cursor.fetchone() is None:
                    return None
            cursor = await connection.execute(
                """
                INSERT INTO followups (user_id, contact_id, interaction_id, phrase, event_date,
                                       event_span, due_date, state, source, created_at,
                                       updated_at)
                SELECT ?, c.id, ?, ?, ?, ?, ?, 'open', ?, ?, ?
                  FROM contacts AS c WHERE c.id = ? AND c.user_id = ?
                ON CONFLICT (interaction_id, source) WHERE interaction_id IS NOT NULL
                DO UPDATE SET phrase = excluded.phrase, event_date = excluded.event_date,
                              event_span = excluded.event_span, due_date = excluded.due_date,
                              state = 'open', updated_at = excluded.updated_at
                RETURNING id
                """,
                (
                    user_id,
                    new.interaction_id,
                    new.phrase,
                    new.event_day.isoformat() if new.event_day else None,
                    new.event_span.value,
                    new.due.isoformat(),
                    new.source.value,
                    at,
                    at,
                    new.contact_id,
                    user_id,
                ),
            )
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def get(self, user_id: int, followup_id: int) -> Followup | None:
        """The follow-up if it exists and is the user's."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM followups AS f JOIN contacts AS c ON c.id = f.contact_id "
            "WHERE f.id = ? AND f.user_id = ?",
            (followup_id, user_id),
        )
        return followup_from_row(row) if row else None

    async def for_contact(
        self, user_id: int, contact_id: int, *, pending_only: bool = True
    ) -> list[Followup]:
        """A person's follow-ups for their card, soonest due first."""
        pending = f"AND {_PENDING} " if pending_only else ""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM followups AS f JOIN contacts AS c ON c.id = f.contact_id "
            f"WHERE f.user_id = ? AND f.contact_id = ? {pending}ORDER BY f.due_date, f.id",
            (user_id, contact_id),
        )
        return [followup_from_row(row) for row in rows]

    async def for_user(self, user_id: int, *, pending_only: bool = True) -> list[Followup]:
        """Every follow-up of the user (pending ones by default), soonest due first."""
        pending = f"AND {_PENDING} " if pending_only else ""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM followups AS f JOIN contacts AS c ON c.id = f.contact_id "
            f"WHERE f.user_id = ? {pending}ORDER BY f.due_date, f.id",
            (user_id,),
        )
        return [followup_from_row(row) for row in rows]

    async def answer(
        self,
        user_id: int,
        followup_id: int,
        choice: FollowupAnswer,
        today: date,
        now: datetime,
    ) -> tuple[Followup, str] | None:
        """Apply a check-in button; returns the updated follow-up and the reply, or None.

        None: not the user's, or already answered (a second tap on an old message).
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                f"SELECT {_COLUMNS} FROM followups AS f JOIN contacts AS c ON c.id = f.contact_id "
                f"WHERE f.id = ? AND f.user_id = ? AND {_PENDING}",
                (followup_id, user_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            followup = followup_from_row(row)
            outcome = answer(followup, choice, today)
            await connection.execute(
                "UPDATE followups SET state = ?, due_date = ?, updated_at = ? "
                "WHERE id = ? AND user_id = ?",
                (
                    outcome.state.value,
                    outcome.due.isoformat(),
                    to_epoch(now),
                    followup_id,
                    user_id,
                ),
            )
        updated = Followup(
            id=followup.id,
            contact_id=followup.contact_id,
            contact_name=followup.contact_name,
            due=outcome.due,
            state=outcome.state,
            source=followup.source,
            phrase=followup.phrase,
            event_day=followup.event_day,
            event_span=followup.event_span,
        )
        return updated, outcome.reply

    async def drop(self, user_id: int, followup_id: int, now: datetime) -> bool:
        """Drop a pending follow-up from the person's card; False if not the user's/pending."""
        changed = await self._db.execute(
            "UPDATE followups SET state = 'dropped', updated_at = ? "
            "WHERE id = ? AND user_id = ? AND state IN ('open', 'snoozed')",
            (to_epoch(now), followup_id, user_id),
        )
        return changed > 0

    async def due_for(self, local_today: Mapping[int, date]) -> dict[int, list[Followup]]:
        """Pending follow-ups due on each user's local today (and not stale), by user.

        ``local_today`` maps user id -> that user's local date. One indexed range read per
        user on ``followups_pending_due``, batched; archived contacts are left out.
        """
        found: dict[int, list[Followup]] = {user_id: [] for user_id in local_today}
        items = list(local_today.items())
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            values = ", ".join("(?, ?, ?)" for _ in batch)
            params: list[object] = []
            for user_id, today in batch:
                earliest = today - timedelta(days=STALE_AFTER_DAYS)
                params += [user_id, earliest.isoformat(), today.isoformat()]
            rows = await self._db.fetch_all(
                f"""
                WITH wanted (user_id, earliest, today) AS (VALUES {values})
                SELECT w.user_id AS owner, {_COLUMNS}
                  FROM wanted AS w
                  JOIN followups AS f
                    ON f.user_id = w.user_id AND f.due_date BETWEEN w.earliest AND w.today
                   AND {_PENDING}
                  JOIN contacts AS c ON c.id = f.contact_id AND c.archived = 0
                 ORDER BY w.user_id, f.due_date, f.id
                """,
                params,
            )
            for row in rows:
                found[row["owner"]].append(followup_from_row(row))
        return found
