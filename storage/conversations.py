"""The one open conversation of each user (``conversations``): written before every question.

The row is opaque here: ``name`` picks the feature, ``step`` and ``payload`` are that feature's
typed state (see :mod:`bot.domain.conversation`). Every call names the owning user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Database
from storage.users import from_epoch, to_epoch


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A conversation row as stored."""

    name: str
    step: str
    payload: str
    started_at: datetime
    updated_at: datetime


class ConversationRepository:
    """Reads and writes ``conversations``; at most one row per user."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> StoredConversation | None:
        """The user's open conversation, if any."""
        row = await self._db.fetch_one(
            "SELECT name, step, payload, started_at, updated_at FROM conversations "
            "WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return StoredConversation(
            row["name"],
            row["step"],
            row["payload"],
            from_epoch(row["started_at"]),
            from_epoch(row["updated_at"]),
        )

    async def put(self, user_id: int, name: str, step: str, payload: str, now: datetime) -> None:
        """Open or advance a conversation, replacing any other (``started_at`` kept if same)."""
        at = to_epoch(now)
        await self._db.execute(
            "INSERT INTO conversations (user_id, name, step, payload, started_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET "
            "started_at = CASE WHEN name = excluded.name THEN started_at "
            "ELSE excluded.started_at END, "
            "name = excluded.name, step = excluded.step, payload = excluded.payload, "
            "updated_at = excluded.updated_at",
            (user_id, name, step, payload, at, at),
        )

    async def clear(self, user_id: int, name: str | None = None) -> bool:
        """Close the user's conversation (only if it is ``name``'s, when given)."""
        if name is None:
            changed = await self._db.execute(
                "DELETE FROM conversations WHERE user_id = ?", (user_id,)
            )
        else:
            changed = await self._db.execute(
                "DELETE FROM conversations WHERE user_id = ? AND name = ?", (user_id, name)
            )
        return changed > 0
