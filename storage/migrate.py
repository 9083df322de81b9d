"""Numbered schema migrations tracked by ``PRAGMA user_version``, each applied atomically."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The database cannot be brought to this version of Tend's schema."""


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered SQL script from ``storage/migrations``."""

    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """All shipped migrations in order; gaps or duplicates are a packaging bug."""
    folder = resources.files("storage") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {expected:04d} is missing before {migration.name}")
    return found


def latest_version() -> int:
    """The schema version this code expects."""
    return len(load_migrations())


async def current_version(connection: aiosqlite.Connection) -> int:
    """The version recorded in the database file."""
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def apply_migrations(connection: aiosqlite.Connection) -> int:
    """Bring the database up to date; running it again is a no-op. Returns the version."""
    migrations = load_migrations()
    version = await current_version(connection)
    if version > len(migrations):
        raise MigrationError(
            f"the database is at schema version {version}, newer than this Tend "
            f"(version {len(migrations)}). Upgrade Tend or point DATABASE_PATH at another file."
        )
    for migration in migrations[version:]:
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql}\n;"
            f"PRAGMA user_version = {migration.version};\n"
            "COMMIT;"
        )
        try:
            await connection.executescript(script)
        except Exception as error:
            if connection.in_transaction:
                await connection.execute("ROLLBACK")
            raise MigrationError(f"migration {migration.name} failed: {error}") from error
        version = migration.version
    return version
