"""Helpers for the /log, /people and /undo end-to-end tests: a ready user, seeds, reads."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.domain.names import name_key
from bot.fakeapi import FakeUser
from tests.helpers import onboard, query
from tests.rig import BotRig


async def ready_user(rig: BotRig, user_id: int, first_name: str = "Ada") -> FakeUser:
    """A user who finished /start (Europe/Berlin, 19:30), with the chat read to the end."""
    user = rig.user(user_id, first_name)
    await onboard(user)
    user.skip_to_end()
    return user


def add_contact(
    db_path: Path, user_id: int, name: str, kind: str = "relational", *, archived: bool = False
) -> int:
    """A contact written straight into the database, as the bot would store it."""
    connection = sqlite3.connect(db_path)
    try:
        cursor = connection.execute(
            "INSERT INTO contacts (user_id, name, name_key, kind, archived, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, name, name_key(name), kind, int(archived), _now()),
        )
        connection.commit()
        return int(cursor.lastrowid or 0)
    finally:
        connection.close()


def add_interaction(
    db_path: Path, user_id: int, contact_id: int, when: datetime, channel: str = "call"
) -> int:
    """A logged interaction written straight into the database (its own moment)."""
    connection = sqlite3.connect(db_path)
    try:
        cursor = connection.execute(
            "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (user_id, contact_id, int(when.timestamp()), channel, _now()),
        )
        connection.commit()
        return int(cursor.lastrowid or 0)
    finally:
        connection.close()


def contacts_of(db_path: Path, user_id: int) -> list[dict[str, Any]]:
    """The user's contacts as plain dicts, oldest first."""
    rows = query(db_path, "SELECT * FROM contacts WHERE user_id = ? ORDER BY id", (user_id,))
    return [dict(row) for row in rows]


def interactions_of(db_path: Path, user_id: int) -> list[dict[str, Any]]:
    """The user's interactions with the contact's name, oldest first."""
    rows = query(
        db_path,
        "SELECT i.*, c.name AS name, c.kind AS kind FROM interactions AS i "
        "JOIN contacts AS c ON c.id = i.contact_id WHERE i.user_id = ? ORDER BY i.id",
        (user_id,),
    )
    return [dict(row) for row in rows]


def drafts_of(db_path: Path, user_id: int) -> list[dict[str, Any]]:
    """The user's unfinished log, if any."""
    return [
        dict(row)
        for row in query(db_path, "SELECT * FROM log_drafts WHERE user_id = ?", (user_id,))
    ]


def _now() -> int:
    return int(datetime.now(UTC).timestamp())
