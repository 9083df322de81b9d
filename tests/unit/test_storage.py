"""Storage: migrations are atomic and idempotent, newer databases are refused, writes serialise."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from storage import migrate
from storage.database import Database
from storage.migrate import MigrationError, apply_migrations, latest_version
from storage.users import UserRepository

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def test_migrations_run_once_and_again_is_a_no_op(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    assert await migrate.current_version(db.connection) == latest_version()
    assert await apply_migrations(db.connection) == latest_version()
    await db.close()
    reopened = Database(tmp_path / "t.sqlite3")
    await reopened.open()
    await reopened.close()


async def test_pragmas_are_set(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    assert (await db.fetch_one("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
    assert (await db.fetch_one("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    assert (await db.fetch_one("PRAGMA synchronous"))[0] == 2  # type: ignore[index]
    await db.close()


async def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    with pytest.raises(MigrationError, match="newer than this Tend"):
        await Database(path).open()


async def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = migrate.load_migrations()
    broken = migrate.Migration(
        len(real) + 1,
        "9999_broken.sql",
        "CREATE TABLE half (id INTEGER); INSERT INTO nope VALUES (1);",
    )
    monkeypatch.setattr(migrate, "load_migrations", lambda: [*real, broken])
    db = Database(tmp_path / "t.sqlite3")
    with pytest.raises(MigrationError, match="9999_broken"):
        await db.open()
    connection = sqlite3.connect(tmp_path / "t.sqlite3")
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == len(real)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
    finally:
        connection.close()


async def test_concurrent_writes_never_lock(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    users = UserRepository(db)

    async def one(user_id: int) -> None:
        await users.register(user_id, user_id, NOW)
        await users.set_timezone(user_id, "Europe/Berlin")
        await users.set_checkin_time(user_id, time(19, 30))

    await asyncio.gather(*(one(i) for i in range(1, 201)))
    rows = await db.fetch_all("SELECT COUNT(*) FROM users WHERE checkin_time = '19:30'")
    assert rows[0][0] == 200
    await db.close()


async def test_register_never_overwrites(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    users = UserRepository(db)
    _, created = await users.register(7, 7, NOW)
    await users.set_timezone(7, "Asia/Tokyo")
    again, created_again = await users.register(7, 7, NOW)
    assert created and not created_again
    assert again.timezone == "Asia/Tokyo"
    await db.close()
