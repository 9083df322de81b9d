"""Interactions: logged connections. Saving a log is one transaction, so "Saved" is the truth.

A log with several people is one *moment*: one interaction per person, sharing ``moment_id``
(the id of the first). Saving creates any new contacts, brings drifted ones back, writes the
interactions and removes the draft together; if any part fails, none of it happened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import Connection
from bot.domain.log_draft import DraftPerson
from bot.domain.names import name_key
from storage.contacts import MAX_CONTACTS
from storage.database import Database
from storage.users import from_epoch, to_epoch


@dataclass(frozen=True, slots=True)
class MomentToSave:
    """Everything a finished log says."""

    people: tuple[DraftPerson, ...]
    channel: Channel
    occurred_at: datetime
    feeling: int | None
    note: str | None
    day_only: bool = False
    """Only a day was given (not "today"): ``occurred_at`` is a placeholder time inside it."""


@dataclass(frozen=True, slots=True)
class SavedPerson:
    """Someone a saved moment was with."""

    contact_id: int
    name: str
    kind: ConnectionType
    was_new: bool
    was_drifting: bool


@dataclass(frozen=True, slots=True)
class Moment:
    """A stored moment: one or more interactions logged together."""

    moment_id: int
    channel: Channel
    occurred_at: datetime
    people: tuple[SavedPerson, ...]
    feeling: int | None
    note: str | None


class SaveProblem(StrEnum):
    """Why a log could not be saved; nothing was written."""

    NOBODY_LEFT = "nobody_left"
    """Every chosen contact was deleted while the log was open."""
    TOO_MANY_CONTACTS = "too_many_contacts"


@dataclass(frozen=True, slots=True)
class ContactInteraction:
    """One line of a contact's history."""

    occurred_at: datetime
    channel: Channel
    feeling: int | None
    note: str | None


class InteractionRepository:
    """Reads and writes one user's interactions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def save_moment(
        self,
        user_id: int,
        moment: MomentToSave,
        now: datetime,
        *,
        draft_id: int | None = None,
        max_contacts: int = MAX_CONTACTS,
    ) -> Moment | SaveProblem:
        """Write the whole log at once and drop its draft; returns what was stored."""
        try:
            async with self._db.transaction() as connection:
                people = await _resolve_people(
                    connection, user_id, moment.people, now, max_contacts
                )
                if isinstance(people, SaveProblem):
                    raise _Abort(people)
                if not people:
                    raise _Abort(SaveProblem.NOBODY_LEFT)
                moment_id: int | None = None
                for person in people:
                    cursor = await connection.execute(
                        "INSERT INTO interactions (user_id, contact_id, occurred_at, day_only, "
                        "channel, feeling, note, created_at, moment_id, revived) "
                        "SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM contacts "
                        "WHERE id = ? AND user_id = ?",
                        (
                            user_id,
                            to_epoch(moment.occurred_at),
                            int(moment.day_only),
                            moment.channel.value,
                            moment.feeling,
                            moment.note,
                            to_epoch(now),
                            moment_id,
                            int(person.was_drifting),
                            person.contact_id,
                            user_id,
                        ),
                    )
                    if moment_id is None:
                        moment_id = int(cursor.lastrowid or 0)
                        await connection.execute(
                            "UPDATE interactions SET moment_id = ? WHERE id = ?",
                            (moment_id, moment_id),
                        )
                    if person.was_drifting:
                        await connection.execute(
                            "UPDATE contacts SET archived = 0 WHERE id = ? AND user_id = ?",
                            (person.contact_id, user_id),
                        )
                if draft_id is not None:
                    await connection.execute(
                        "DELETE FROM log_drafts WHERE user_id = ? AND id = ?", (user_id, draft_id)
                    )
        except _Abort as abort:
            return abort.problem
        assert moment_id is not None
        return Moment(
            moment_id,
            moment.channel,
            moment.occurred_at,
            tuple(people),
            moment.feeling,
            moment.note,
        )

    async def history(
        self, user_id: int, since: datetime, *, excluding_moment: int | None = None
    ) -> list[Connection]:
        """Every interaction since ``since`` as (when, kind), for the context line."""
        rows = await self._db.fetch_all(
            "SELECT i.occurred_at, c.kind FROM interactions AS i "
            "JOIN contacts AS c ON c.id = i.contact_id AND c.user_id = i.user_id "
            "WHERE i.user_id = ? AND i.occurred_at >= ? "
            "AND COALESCE(i.moment_id, i.id) IS NOT ?",
            (user_id, to_epoch(since), excluding_moment),
        )
        return [
            Connection(from_epoch(row["occurred_at"]), ConnectionType(row["kind"])) for row in rows
        ]

    async def for_contact(
        self, user_id: int, contact_id: int, limit: int
    ) -> list[ContactInteraction]:
        """A contact's latest interactions, newest first."""
        rows = await self._db.fetch_all(
            "SELECT occurred_at, channel, feeling, note FROM interactions "
            "WHERE user_id = ? AND contact_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (user_id, contact_id, limit),
        )
        return [
            ContactInteraction(
                from_epoch(row["occurred_at"]), Channel(row["channel"]), row["feeling"], row["note"]
            )
            for row in rows
        ]

    async def count_for_contact(self, user_id: int, contact_id: int) -> int:
        """How many interactions a contact has (what deleting it would remove)."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM interactions WHERE user_id = ? AND contact_id = ?",
            (user_id, contact_id),
        )
        return int(row["n"]) if row else 0

    async def last_moment(self, user_id: int) -> Moment | None:
        """The moment logged most recently (by when it was logged, not when it happened).

        By ``created_at`` first: a person added to an old moment from /history gets a new
        row (a higher id) but keeps the moment's ``created_at``, and is not "the last log".
        """
        row = await self._db.fetch_one(
            "SELECT COALESCE(moment_id, id) AS moment FROM interactions "
            "WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
            (user_id,),
        )
        return await self.moment(user_id, int(row["moment"])) if row else None

    async def moment(self, user_id: int, moment_id: int) -> Moment | None:
        """A moment of ``user_id``'s, or None (gone, or someone else's)."""
        rows = await self._db.fetch_all(
            "SELECT i.occurred_at, i.channel, i.feeling, i.note, c.id AS contact_id, c.name, "
            "c.kind, c.archived FROM interactions AS i "
            "JOIN contacts AS c ON c.id = i.contact_id AND c.user_id = i.user_id "
            "WHERE i.user_id = ? AND COALESCE(i.moment_id, i.id) = ? ORDER BY i.id",
            (user_id, moment_id),
        )
        return _moment_from_rows(moment_id, rows)

    async def delete_moment(self, user_id: int, moment_id: int) -> Moment | None:
        """Remove a whole moment; returns what was removed, None if there was nothing.

        Whoever the moment brought back from drifting drifts again: undo restores what the
        log changed (unless they were logged with since, which brought them back on its own).
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "SELECT i.occurred_at, i.channel, i.feeling, i.note, c.id AS contact_id, "
                "c.name, c.kind, c.archived FROM interactions AS i "
                "JOIN contacts AS c ON c.id = i.contact_id AND c.user_id = i.user_id "
                "WHERE i.user_id = ? AND COALESCE(i.moment_id, i.id) = ? ORDER BY i.id",
                (user_id, moment_id),
            )
            rows = list(await cursor.fetchall())
            await connection.execute(
                "UPDATE contacts SET archived = 1 WHERE user_id = ? AND id IN ("
                "SELECT contact_id FROM interactions WHERE user_id = ? "
                "AND COALESCE(moment_id, id) = ? AND revived = 1) AND NOT EXISTS ("
                "SELECT 1 FROM interactions AS later WHERE later.user_id = contacts.user_id "
                "AND later.contact_id = contacts.id AND COALESCE(later.moment_id, later.id) > ?)",
                (user_id, user_id, moment_id, moment_id),
            )
            await connection.execute(
                "DELETE FROM interactions WHERE user_id = ? AND COALESCE(moment_id, id) = ?",
                (user_id, moment_id),
            )
        return _moment_from_rows(moment_id, rows)


class _Abort(Exception):
    """Roll the save back and report why."""

    def __init__(self, problem: SaveProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


async def _resolve_people(
    connection: aiosqlite.Connection,
    user_id: int,
    wanted: Sequence[DraftPerson],
    now: datetime,
    max_contacts: int,
) -> list[SavedPerson] | SaveProblem:
    """Existing contacts checked for ownership; new ones created (or found, if they exist)."""
    found: dict[int, SavedPerson] = {}
    for person in wanted:
        if person.contact_id is not None:
            cursor = await connection.execute(
                "SELECT id, name, kind, archived FROM contacts WHERE id = ? AND user_id = ?",
                (person.contact_id, user_id),
            )
            row = await cursor.fetchone()
            if row is not None:
                found.setdefault(row["id"], _already_there(row))
            continue
        key = name_key(person.name)
        cursor = await connection.execute(
            "SELECT id, name, kind, archived FROM contacts WHERE user_id = ? AND name_key = ?",
            (user_id, key),
        )
        row = await cursor.fetchone()
        if row is None:
            cursor = await connection.execute(
                "SELECT COUNT(*) FROM contacts WHERE user_id = ?", (user_id,)
            )
            count_row = await cursor.fetchone()
            if count_row is not None and int(count_row[0]) >= max_contacts:
                return SaveProblem.TOO_MANY_CONTACTS
            cursor = await connection.execute(
                "INSERT INTO contacts (user_id, name, name_key, kind, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (user_id, person.name, key, person.kind.value, to_epoch(now)),
            )
            contact_id = int(cursor.lastrowid or 0)
            found.setdefault(
                contact_id, SavedPerson(contact_id, person.name, person.kind, True, False)
            )
        else:
            found.setdefault(row["id"], _already_there(row))
    return list(found.values())


def _already_there(row: sqlite3.Row, id_column: str = "id") -> SavedPerson:
    """A contact stored before this log (not new), from a row with name, kind and archived."""
    kind = ConnectionType(row["kind"])
    return SavedPerson(row[id_column], row["name"], kind, False, bool(row["archived"]))


def _moment_from_rows(moment_id: int, rows: Sequence[sqlite3.Row]) -> Moment | None:
    if not rows:
        return None
    first = rows[0]
    return Moment(
        moment_id=moment_id,
        channel=Channel(first["channel"]),
        occurred_at=from_epoch(first["occurred_at"]),
        people=tuple(_already_there(row, "contact_id") for row in rows),
        feeling=first["feeling"],
        note=first["note"],
    )
