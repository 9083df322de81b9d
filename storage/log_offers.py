""" "Log it" offers: what a message that read like a log would start, until tapped or withdrawn.

Stored, not held in memory, so a restart keeps them and /cancel or *No thanks* can withdraw
them. Only the newest :data:`MAX_OFFERS` per user are kept; older buttons say they are out of
date.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.log_draft import LogDraft
from storage.database import Database
from storage.log_drafts import draft_from_json, draft_to_json
from storage.users import to_epoch

MAX_OFFERS = 5


class LogOfferRepository:
    """One user's open "Log it" offers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, user_id: int, message_id: int, draft: LogDraft, now: datetime) -> None:
        """Remember the offer made under ``message_id``; forget all but the newest few."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT OR REPLACE INTO log_offers (user_id, message_id, draft, created_at) "
                "VALUES (?, ?, ?, ?)",
                (user_id, message_id, draft_to_json(draft), to_epoch(now)),
            )
            await connection.execute(
                "DELETE FROM log_offers WHERE user_id = ? AND message_id NOT IN ("
                "SELECT message_id FROM log_offers WHERE user_id = ? "
                "ORDER BY message_id DESC LIMIT ?)",
                (user_id, user_id, MAX_OFFERS),
            )

    async def take(self, user_id: int, message_id: int) -> LogDraft | None:
        """The offer's draft, used once (None when gone, withdrawn or unreadable)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM log_offers WHERE user_id = ? AND message_id = ? RETURNING draft",
                (user_id, message_id),
            )
            row = await cursor.fetchone()
        if row is None:
            return None
        try:
            return draft_from_json(str(row["draft"]))
        except (ValueError, KeyError, TypeError):
            return None

    async def withdraw(self, user_id: int, message_id: int | None = None) -> int:
        """Drop one offer (or, with None, every offer); how many there were."""
        if message_id is None:
            return await self._db.execute("DELETE FROM log_offers WHERE user_id = ?", (user_id,))
        return await self._db.execute(
            "DELETE FROM log_offers WHERE user_id = ? AND message_id = ?", (user_id, message_id)
        )
