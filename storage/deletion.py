"""/delete: remove every row that belongs to one user, in one transaction, and prove it.

``users`` rows cascade to everything that references them, but we do not rely on that alone:
each user table (found by walking the schema, see ``storage.export``) is emptied of the user's
rows explicitly, children first, and then every table is counted again inside the same
transaction. Anything left over rolls the whole deletion back, so it is all or nothing.
"""

from __future__ import annotations

import logging

import aiosqlite

from storage.database import Database
from storage.export import USERS_TABLE, TablePlan, user_table_plan

log = logging.getLogger(__name__)


class DeletionIncompleteError(RuntimeError):
    """Rows of the user survived the deletion; the transaction was rolled back."""


class UserDataEraser:
    """Counts and deletes one user's rows across every user table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def count(self, user_id: int) -> dict[str, int]:
        """Rows per table that a deletion would remove (tables with none are left out)."""
        plan = await user_table_plan(self._db.connection)
        counts: dict[str, int] = {}
        for table in plan.tables:
            row = await self._db.fetch_one(
                f"SELECT COUNT(*) FROM {table.quoted} WHERE {table.where}", (user_id,)
            )
            if row is not None and row[0]:
                counts[table.name] = int(row[0])
        return counts

    async def delete_everything(self, user_id: int) -> dict[str, int]:
        """Delete the user everywhere; returns rows deleted per table (empty: nothing held).

        Raises DeletionIncompleteError (after rolling back) if any row would survive.
        """
        async with self._db.transaction() as connection:
            plan = await user_table_plan(connection)
            if plan.unscoped:
                log.warning("tables with no owner are not searched on delete: %s", plan.unscoped)
            deleted: dict[str, int] = {}
            for table in plan.tables:
                cursor = await connection.execute(
                    f"DELETE FROM {table.quoted} WHERE {table.where}", (user_id,)
                )
                if cursor.rowcount:
                    deleted[table.name] = cursor.rowcount
            left = await _rows_left(connection, plan, user_id)
            if left:
                raise DeletionIncompleteError(f"rows left after deletion: {left}")
        if deleted:
            log.info("deleted every row of user %s (%s tables)", user_id, len(deleted))
        return deleted


async def _rows_left(
    connection: aiosqlite.Connection, plan: TablePlan, user_id: int
) -> dict[str, int]:
    left: dict[str, int] = {}
    for table in plan.tables:
        async with connection.execute(
            f"SELECT COUNT(*) FROM {table.quoted} WHERE {table.where}", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None and row[0]:
            left[table.name] = int(row[0])
    return left


__all__ = ["USERS_TABLE", "DeletionIncompleteError", "UserDataEraser"]
