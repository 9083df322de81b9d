"""Everything Tend holds about one user, found by walking the schema rather than a list.

Tables are read from ``sqlite_master``, so a table added by a later migration is exported (and
deleted, see ``storage.deletion``) without anyone remembering to add it here. A table belongs
to a user when it has a ``user_id`` column, a foreign key to ``users``, or a foreign key to a
table that itself belongs to a user (followed to any depth). A table with none of these is
reported as ``unscoped``; tests fail on it, so whoever adds one must decide what it is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.domain.export_files import UserData
from storage.database import Database

log = logging.getLogger(__name__)

USERS_TABLE = "users"
USER_COLUMN = "user_id"

GLOBAL_TABLES: frozenset[str] = frozenset()
"""Tables known to hold nothing about any user (none yet). SQLite's own are always skipped."""


@dataclass(frozen=True, slots=True)
class UserTable:
    """One table holding user rows and how to find one user's rows in it.

    ``where`` is an SQL condition with exactly one ``?``, bound to the user's id.
    """

    name: str
    where: str
    order_by: str
    references: frozenset[str] = field(default_factory=frozenset)

    @property
    def quoted(self) -> str:
        """The table name, safe to put in SQL."""
        return quote(self.name)


@dataclass(frozen=True, slots=True)
class TablePlan:
    """Every user table, children before the tables they reference (a safe deletion order)."""

    tables: tuple[UserTable, ...]
    unscoped: tuple[str, ...]

    def get(self, name: str) -> UserTable | None:
        """The plan for one table, if it holds user rows."""
        return next((table for table in self.tables if table.name == name), None)


def quote(identifier: str) -> str:
    """An SQL identifier in double quotes (names come from sqlite_master, still quote them)."""
    return '"' + identifier.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _ForeignKey:
    column: str
    parent: str
    parent_column: str | None


async def user_table_plan(connection: aiosqlite.Connection) -> TablePlan:
    """Classify every table in the database file; see the module docstring for the rules."""
    async with connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name"
    ) as cursor:
        names = [str(row[0]) for row in await cursor.fetchall()]
    columns: dict[str, list[str]] = {}
    primary_keys: dict[str, list[str]] = {}
    foreign_keys: dict[str, list[_ForeignKey]] = {}
    for name in names:
        async with connection.execute(f"PRAGMA table_info({quote(name)})") as cursor:
            info = list(await cursor.fetchall())
        columns[name] = [str(row[1]) for row in info]
        primary_keys[name] = [str(row[1]) for row in sorted(info, key=lambda r: r[5]) if row[5]]
        async with connection.execute(f"PRAGMA foreign_key_list({quote(name)})") as cursor:
            fk_rows = list(await cursor.fetchall())
        multi_column = {row[0] for row in fk_rows if row[1] > 0}
        foreign_keys[name] = [
            _ForeignKey(str(row[3]), str(row[2]), None if row[4] is None else str(row[4]))
            for row in fk_rows
            if row[0] not in multi_column
        ]

    scopes: dict[str, str] = {}
    if USERS_TABLE in columns:
        scopes[USERS_TABLE] = f"{quote((primary_keys[USERS_TABLE] or ['id'])[0])} = ?"
    for name in names:
        if name in scopes:
            continue
        if USER_COLUMN in columns[name]:
            scopes[name] = f"{quote(USER_COLUMN)} = ?"
            continue
        to_users = [fk for fk in foreign_keys[name] if fk.parent == USERS_TABLE]
        if to_users:
            scopes[name] = f"{quote(to_users[0].column)} = ?"
    changed = True
    while changed:  # follow chains: a table reaching the user through a scoped parent
        changed = False
        for name in names:
            if name in scopes:
                continue
            for fk in foreign_keys[name]:
                if fk.parent in scopes and fk.parent != name:
                    parent_column = fk.parent_column or _row_key(primary_keys.get(fk.parent, []))
                    scopes[name] = (
                        f"{quote(fk.column)} IN (SELECT {quote(parent_column)} "
                        f"FROM {quote(fk.parent)} WHERE {scopes[fk.parent]})"
                    )
                    changed = True
                    break

    tables = {
        name: UserTable(
            name=name,
            where=scopes[name],
            order_by=", ".join(quote(c) for c in primary_keys[name]) or "rowid",
            references=frozenset(
                fk.parent for fk in foreign_keys[name] if fk.parent in scopes and fk.parent != name
            ),
        )
        for name in names
        if name in scopes
    }
    unscoped = tuple(name for name in names if name not in scopes and name not in GLOBAL_TABLES)
    return TablePlan(tables=_children_first(tables), unscoped=unscoped)


def _row_key(primary_key: list[str]) -> str:
    return primary_key[0] if len(primary_key) == 1 else "rowid"


def _children_first(tables: dict[str, UserTable]) -> tuple[UserTable, ...]:
    """Order so no table comes after one that references it (cycles: by name)."""
    remaining = dict(tables)
    ordered: list[UserTable] = []
    while remaining:
        referenced = {parent for table in remaining.values() for parent in table.references}
        ready = sorted(name for name in remaining if name not in referenced) or sorted(remaining)
        for name in ready:
            ordered.append(remaining.pop(name))
    return tuple(ordered)


class UserDataExporter:
    """Reads one user's rows from every user table, as one consistent snapshot."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def collect(self, user_id: int) -> UserData | None:
        """Everything about ``user_id``, or None when Tend holds nothing about them."""
        # A write transaction only to read a consistent snapshot across tables; it is short
        # and no Telegram call happens inside it.
        async with self._db.transaction() as connection:
            plan = await user_table_plan(connection)
            if plan.unscoped:
                log.warning("tables with no owner left out of the export: %s", plan.unscoped)
            users = plan.get(USERS_TABLE)
            if users is None:
                return None
            tables: dict[str, list[dict[str, Any]]] = {}
            for table in sorted(plan.tables, key=_export_order):
                async with connection.execute(
                    f"SELECT * FROM {table.quoted} WHERE {table.where} ORDER BY {table.order_by}",
                    (user_id,),
                ) as cursor:
                    tables[table.name] = [dict(row) for row in await cursor.fetchall()]
        if not tables[USERS_TABLE]:
            return None
        timezone = tables[USERS_TABLE][0].get("timezone")
        return UserData(
            user_id=user_id,
            timezone=str(timezone) if timezone else None,
            tables=tables,
        )


_READING_ORDER = ("users", "contacts", "interactions", "checkins", "suggestions_shown")


def _export_order(table: UserTable) -> tuple[int, str]:
    """Settings first, then the tables a reader expects, then anything newer by name."""
    try:
        return (_READING_ORDER.index(table.name), table.name)
    except ValueError:
        return (len(_READING_ORDER), table.name)
