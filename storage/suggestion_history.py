"""Which ideas each user was shown, and whether they acted on them.

"Acted on" is recorded by the ``suggestions_acted_on`` trigger (migration 0003) the moment an
interaction of the idea's kind is logged within 48 hours, whichever feature logs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import aiosqlite

from bot.domain.suggestions import ChosenSuggestion, ShownSuggestion, Strategy
from storage.database import Database
from storage.users import from_epoch, to_epoch

HISTORY_WINDOW = timedelta(days=180)
"""How far back "strategies this user acted on before" looks; also bounds the rows read."""
_STRATEGIES = {strategy.value: strategy for strategy in Strategy}


async def insert_shown(
    connection: aiosqlite.Connection,
    user_id: int,
    checkin_id: int | None,
    chosen: ChosenSuggestion,
    shown_at: datetime,
) -> int:
    """Record a shown idea inside the caller's transaction; returns its row id."""
    cursor = await connection.execute(
        "INSERT INTO suggestions_shown (user_id, checkin_id, suggestion_id, strategy, kind, "
        "contact_id, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            user_id,
            checkin_id,
            chosen.suggestion_id,
            chosen.strategy.value,
            chosen.kind.value,
            chosen.contact_id,
            to_epoch(shown_at),
        ),
    )
    row_id = cursor.lastrowid
    assert row_id is not None
    return row_id


async def insert_shown_many(
    connection: aiosqlite.Connection,
    shown: Sequence[tuple[int, int | None, ChosenSuggestion]],
    shown_at: datetime,
) -> None:
    """Record (user_id, checkin_id, idea) triples in one statement, in the caller's transaction."""
    if not shown:
        return
    at = to_epoch(shown_at)
    await connection.executemany(
        "INSERT INTO suggestions_shown (user_id, checkin_id, suggestion_id, strategy, kind, "
        "contact_id, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                user_id,
                checkin_id,
                chosen.suggestion_id,
                chosen.strategy.value,
                chosen.kind.value,
                chosen.contact_id,
                at,
            )
            for user_id, checkin_id, chosen in shown
        ],
    )


class SuggestionHistory:
    """Reads and writes ``suggestions_shown``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self, user_id: int, checkin_id: int | None, chosen: ChosenSuggestion, shown_at: datetime
    ) -> int:
        """Remember that `chosen` was shown (e.g. by "Another idea")."""
        async with self._db.transaction() as connection:
            return await insert_shown(connection, user_id, checkin_id, chosen, shown_at)

    async def recent(
        self, user_ids: Sequence[int], now: datetime
    ) -> dict[int, list[ShownSuggestion]]:
        """Each user's ideas from the last HISTORY_WINDOW, for `choose_suggestion`."""
        history: dict[int, list[ShownSuggestion]] = {user_id: [] for user_id in user_ids}
        if not user_ids:
            return history
        marks = ",".join("?" * len(user_ids))
        rows = await self._db.fetch_all(
            "SELECT user_id, suggestion_id, strategy, shown_at, acted_on_at "
            f"FROM suggestions_shown WHERE user_id IN ({marks}) AND shown_at > ?",
            (*user_ids, to_epoch(now - HISTORY_WINDOW)),
        )
        for user_id, suggestion_id, stored_strategy, shown_at, acted_on_at in rows:
            strategy = _STRATEGIES.get(stored_strategy)
            if strategy is None:
                continue  # a strategy retired from the catalogue
            history[user_id].append(
                ShownSuggestion(
                    suggestion_id=suggestion_id,
                    strategy=strategy,
                    shown_at=from_epoch(shown_at),
                    acted_on=acted_on_at is not None,
                )
            )
        return history

    async def shown_for_checkin(self, checkin_id: int, user_id: int) -> list[str]:
        """Ids of the ideas shown on one check-in, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT suggestion_id FROM suggestions_shown WHERE checkin_id = ? AND user_id = ? "
            "ORDER BY id",
            (checkin_id, user_id),
        )
        return [row["suggestion_id"] for row in rows]
