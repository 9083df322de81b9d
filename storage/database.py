"""One long-lived SQLite connection with serialised write transactions."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrate import apply_migrations

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]


class Database:
    """Owns the connection; readers share it, writers take turns under one lock.

    SQLite allows one writer at a time. Serialising ``BEGIN IMMEDIATE`` behind an asyncio lock
    means concurrent updates never meet "database is locked" or "transaction within a
    transaction", and a write that has started always finishes before shutdown closes us.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    async def open(self) -> None:
        """Connect, set the pragmas that make writes durable, and migrate."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(self.path, isolation_level=None)
        self._connection = connection
        try:
            connection.row_factory = sqlite3.Row
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=FULL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            await apply_migrations(connection)
        except BaseException:
            # An unclosed connection keeps its worker thread alive and the process from exiting.
            await self.close()
            raise

    async def close(self) -> None:
        """Wait for the write in flight, then close."""
        if self._connection is None:
            return
        async with self._write_lock:
            connection, self._connection = self._connection, None
            await connection.close()

    @property
    def connection(self) -> aiosqlite.Connection:
        """The open connection; using a closed database is a programming error."""
        if self._connection is None:
            raise RuntimeError("database is not open")
        return self._connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        async with self._write_lock:
            connection = self.connection
            await connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                await connection.execute("ROLLBACK")
                raise
            await connection.execute("COMMIT")

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a read, or None."""
        async with self.connection.execute(sql, params) as cursor:
            row: sqlite3.Row | None = await cursor.fetchone()
            return row

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Every row of a read, in one trip to the connection's thread (a cursor takes three:
        execute, fetch, close; each trip is a thread hand-off, dear under load)."""
        rows: Iterable[sqlite3.Row] = await self.connection.execute_fetchall(sql, params)
        return list(rows)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement in its own transaction; returns the rows it changed."""
        async with self.transaction() as connection:
            cursor = await connection.execute(sql, params)
            return cursor.rowcount
