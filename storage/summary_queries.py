"""The reads behind /summary and the weekly digest, always for one user id."""

from __future__ import annotations

from datetime import datetime

from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState
from bot.domain.suggestions import ShownSuggestion, Strategy
from bot.domain.summary import InteractionFact
from storage.database import Database
from storage.users import from_epoch, parse_interests, to_epoch

RHYTHM_COLUMN = "rhythm_days"
"""Where the logging feature keeps a contact's personal rhythm (days, NULL = none). Read only
when the column exists, so the summary works before and after that migration lands."""


class SummaryQueries:
    """Thin reads over interactions, contacts and suggestions_shown."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._has_rhythm: bool | None = None

    async def interactions(self, user_id: int) -> list[InteractionFact]:
        """The user's whole history with each contact's current name and kind."""
        rows = await self._db.fetch_all(
            "SELECT i.occurred_at, i.contact_id, c.name, c.kind, i.feeling "
            "FROM interactions i JOIN contacts c ON c.id = i.contact_id AND c.user_id = i.user_id "
            "WHERE i.user_id = ?",
            (user_id,),
        )
        return [
            InteractionFact(
                occurred_at=from_epoch(row["occurred_at"]),
                contact_id=row["contact_id"],
                contact_name=row["name"],
                kind=ConnectionType(row["kind"]),
                feeling=row["feeling"],
            )
            for row in rows
        ]

    async def active_contacts(self, user_id: int) -> list[ContactState]:
        """Contacts not archived, with their latest interaction and rhythm (if stored)."""
        rhythm = f"c.{RHYTHM_COLUMN}" if await self._rhythm_stored() else "NULL"
        rows = await self._db.fetch_all(
            f"SELECT c.id, c.name, c.kind, c.created_at, {rhythm} AS rhythm, "
            "MAX(i.occurred_at) AS last_at "
            "FROM contacts c LEFT JOIN interactions i "
            "ON i.contact_id = c.id AND i.user_id = c.user_id "
            "WHERE c.user_id = ? AND c.archived = 0 GROUP BY c.id ORDER BY c.id",
            (user_id,),
        )
        return [
            ContactState(
                contact_id=row["id"],
                name=row["name"],
                kind=ConnectionType(row["kind"]),
                rhythm_days=row["rhythm"] if row["rhythm"] and row["rhythm"] > 0 else None,
                last_interaction_at=from_epoch(row["last_at"]) if row["last_at"] else None,
                created_at=from_epoch(row["created_at"]),
            )
            for row in rows
        ]

    async def suggestions_acted_on(self, user_id: int, since: datetime, until: datetime) -> int:
        """Ideas acted on between two instants (inclusive)."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM suggestions_shown "
            "WHERE user_id = ? AND acted_on_at BETWEEN ? AND ?",
            (user_id, to_epoch(since), to_epoch(until)),
        )
        return int(row[0]) if row else 0

    async def shown_suggestions(
        self, user_id: int, since: datetime | None = None
    ) -> list[ShownSuggestion]:
        """Ideas shown (since an instant, or ever): the engine's no-repeat rule and weights."""
        rows = await self._db.fetch_all(
            "SELECT suggestion_id, strategy, shown_at, acted_on_at FROM suggestions_shown "
            "WHERE user_id = ? AND shown_at >= ? ORDER BY shown_at",
            (user_id, to_epoch(since) if since is not None else 0),
        )
        known = {strategy.value for strategy in Strategy}
        return [
            ShownSuggestion(
                suggestion_id=row["suggestion_id"],
                strategy=Strategy(row["strategy"]),
                shown_at=from_epoch(row["shown_at"]),
                acted_on=row["acted_on_at"] is not None,
            )
            for row in rows
            if row["strategy"] in known
        ]

    async def interests(self, user_id: int) -> frozenset[str]:
        """The user's interest tags (stored comma-separated), lower-case."""
        row = await self._db.fetch_one("SELECT interests FROM users WHERE id = ?", (user_id,))
        return parse_interests(row["interests"]) if row is not None else frozenset()

    async def _rhythm_stored(self) -> bool:
        if self._has_rhythm is None:
            rows = await self._db.fetch_all("PRAGMA table_info(contacts)")
            self._has_rhythm = any(row["name"] == RHYTHM_COLUMN for row in rows)
        return self._has_rhythm
