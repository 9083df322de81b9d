"""What the user said about their life ("About you" in /settings): ``users.circumstances``.

Stored as a comma-separated list of `bot.domain.catalogue.CIRCUMSTANCES` (migration 0011);
values no longer in the vocabulary are ignored on reading, so retiring one needs no migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.catalogue import CIRCUMSTANCES
from storage.database import Database

_BATCH = 500


def parse_circumstances(stored: str) -> frozenset[str]:
    """The stored comma list as known circumstances (an unknown one, say retired, is dropped)."""
    return frozenset(value for value in stored.split(",") if value in CIRCUMSTANCES)


class CircumstanceRepository:
    """Reads and writes ``users.circumstances``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> frozenset[str]:
        """The user's circumstances (empty when unknown)."""
        row = await self._db.fetch_one("SELECT circumstances FROM users WHERE id = ?", (user_id,))
        return parse_circumstances(row["circumstances"]) if row is not None else frozenset()

    async def many(self, user_ids: Iterable[int]) -> dict[int, frozenset[str]]:
        """Each user's circumstances, for a batch (the check-in sweep)."""
        ids = list(user_ids)
        found: dict[int, frozenset[str]] = {}
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            rows = await self._db.fetch_all(
                f"SELECT id, circumstances FROM users WHERE id IN ({','.join('?' * len(batch))})",
                batch,
            )
            found.update({row["id"]: parse_circumstances(row["circumstances"]) for row in rows})
        return found

    async def toggle(self, user_id: int, circumstance: str) -> frozenset[str]:
        """Add or remove one circumstance; returns the new set. Unknown values are refused."""
        if circumstance not in CIRCUMSTANCES:
            raise ValueError("unknown circumstance")
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "SELECT circumstances FROM users WHERE id = ?", (user_id,)
            )
            row = await cursor.fetchone()
            current = parse_circumstances(row[0]) if row is not None else frozenset()
            updated = current ^ {circumstance}
            await connection.execute(
                "UPDATE users SET circumstances = ? WHERE id = ?",
                (",".join(sorted(updated)), user_id),
            )
        return updated
