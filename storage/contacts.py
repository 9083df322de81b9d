"""Contacts: the people and groups a user keeps up with. Every query is scoped to one user.

A contact id that came from a button is untrusted: every read and write here names the owning
user in SQL (``WHERE id = ? AND user_id = ?``), so a forged id finds nothing and changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.contact_menu import ContactActivity
from bot.domain.kinds import ConnectionType
from bot.domain.log_steps import MAX_CONTACTS as MAX_CONTACTS
from bot.domain.names import name_key
from storage.database import Database
from storage.users import from_epoch, to_epoch

_COLUMNS = "id, name, kind, archived, rhythm_days, created_at"


@dataclass(frozen=True, slots=True)
class Contact:
    """A person or group as stored."""

    id: int
    name: str
    kind: ConnectionType
    archived: bool
    rhythm_days: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ContactOverview:
    """A contact with its logged history in figures, for menus and /people."""

    contact: Contact
    last_at: datetime | None
    recent_count: int
    total_count: int

    @property
    def activity(self) -> ContactActivity:
        """The view the menu ranking works on."""
        return ContactActivity(
            contact_id=self.contact.id,
            name=self.contact.name,
            kind=self.contact.kind,
            last_at=self.last_at,
            recent_count=self.recent_count,
            created_at=self.contact.created_at,
        )


class RenameOutcome(StrEnum):
    """What a rename did."""

    DONE = "done"
    TAKEN = "taken"
    MISSING = "missing"


def contact_from_row(row: sqlite3.Row) -> Contact:
    """Build a Contact from a row selected with the standard columns."""
    return Contact(
        id=row["id"],
        name=row["name"],
        kind=ConnectionType(row["kind"]),
        archived=bool(row["archived"]),
        rhythm_days=row["rhythm_days"],
        created_at=from_epoch(row["created_at"]),
    )


class ContactRepository:
    """Reads and writes one user's contacts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int, contact_id: int) -> Contact | None:
        """The contact if it exists and belongs to ``user_id``."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM contacts WHERE id = ? AND user_id = ?",
            (contact_id, user_id),
        )
        return contact_from_row(row) if row else None

    async def get_many(self, user_id: int, contact_ids: Sequence[int]) -> dict[int, Contact]:
        """Those of ``contact_ids`` that belong to ``user_id``, by id."""
        if not contact_ids:
            return {}
        marks = ", ".join("?" for _ in contact_ids)
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM contacts WHERE user_id = ? AND id IN ({marks})",
            (user_id, *contact_ids),
        )
        return {row["id"]: contact_from_row(row) for row in rows}

    async def all(self, user_id: int) -> list[Contact]:
        """Every contact, drifted ones included (typed names may still mean them)."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM contacts WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [contact_from_row(row) for row in rows]

    async def find_by_name(self, user_id: int, name: str) -> Contact | None:
        """The contact whose name equals ``name`` up to case, if any."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM contacts WHERE user_id = ? AND name_key = ?",
            (user_id, name_key(name)),
        )
        return contact_from_row(row) if row else None

    async def count(self, user_id: int) -> int:
        """How many contacts the user has (towards :data:`MAX_CONTACTS`)."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM contacts WHERE user_id = ?", (user_id,)
        )
        return int(row["n"]) if row else 0

    async def overview(self, user_id: int, recent_since: datetime) -> list[ContactOverview]:
        """Every contact with its last interaction and how many since ``recent_since``."""
        rows = await self._db.fetch_all(
            f"""
            SELECT {", ".join(f"c.{column}" for column in _COLUMNS.split(", "))},
                   MAX(i.occurred_at) AS last_at,
                   COALESCE(SUM(i.occurred_at >= ?), 0) AS recent_count,
                   COUNT(i.id) AS total_count
            FROM contacts AS c
            LEFT JOIN interactions AS i ON i.contact_id = c.id AND i.user_id = c.user_id
            WHERE c.user_id = ?
            GROUP BY c.id
            """,
            (to_epoch(recent_since), user_id),
        )
        return [
            ContactOverview(
                contact=contact_from_row(row),
                last_at=from_epoch(row["last_at"]) if row["last_at"] is not None else None,
                recent_count=int(row["recent_count"]),
                total_count=int(row["total_count"]),
            )
            for row in rows
        ]

    async def rename(self, user_id: int, contact_id: int, name: str) -> RenameOutcome:
        """Give a contact a new (already cleaned) name; another contact's name is refused."""
        try:
            changed = await self._db.execute(
                "UPDATE contacts SET name = ?, name_key = ? WHERE id = ? AND user_id = ?",
                (name, name_key(name), contact_id, user_id),
            )
        except sqlite3.IntegrityError:
            return RenameOutcome.TAKEN
        return RenameOutcome.DONE if changed else RenameOutcome.MISSING

    async def set_kind(self, user_id: int, contact_id: int, kind: ConnectionType) -> bool:
        """Change the kind; False if the contact is not the user's."""
        return await self._update(user_id, contact_id, "kind", kind.value)

    async def set_rhythm(self, user_id: int, contact_id: int, days: int | None) -> bool:
        """Set (or clear, with None) the personal rhythm in days."""
        return await self._update(user_id, contact_id, "rhythm_days", days)

    async def set_archived(self, user_id: int, contact_id: int, archived: bool) -> bool:
        """Let a contact drift (it leaves menus and nudges) or bring it back."""
        return await self._update(user_id, contact_id, "archived", int(archived))

    async def delete(self, user_id: int, contact_id: int) -> int | None:
        """Delete a contact and its history; returns how many interactions went, None if none."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "SELECT COUNT(*) FROM interactions WHERE contact_id = ? AND user_id = ?",
                (contact_id, user_id),
            )
            row = await cursor.fetchone()
            cursor = await connection.execute(
                "DELETE FROM contacts WHERE id = ? AND user_id = ?", (contact_id, user_id)
            )
            if cursor.rowcount == 0:
                return None
        return int(row[0]) if row else 0

    async def _update(self, user_id: int, contact_id: int, column: str, value: object) -> bool:
        changed = await self._db.execute(
            f"UPDATE contacts SET {column} = ? WHERE id = ? AND user_id = ?",
            (value, contact_id, user_id),
        )
        return changed > 0
