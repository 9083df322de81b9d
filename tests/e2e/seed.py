"""Seed histories straight into the bot's SQLite file, as the storage layer would write them.

Inserts name only the columns a test cares about; any other NOT NULL column without a default
gets a neutral value, so these helpers survive other features adding columns.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import ShiftedClock


def set_clock(clock: ShiftedClock, instant: datetime) -> None:
    """Make ``clock.now()`` read ``instant`` (plus the seconds the test itself takes)."""
    clock.offset = instant.astimezone(UTC) - datetime.now(UTC)


def local(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware local wall time: ``local("Europe/Berlin", 2026, 11, 25, 12, 0)``."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def epoch(instant: datetime) -> int:
    """Unix seconds, as storage keeps instants."""
    return int(instant.timestamp())


def insert(db_path: Path, table: str, **values: Any) -> int:
    """Insert one row; returns its rowid."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
        for _cid, name, kind, notnull, default, pk in columns:
            if notnull and default is None and not pk and name not in values:
                values[name] = 0 if "INT" in str(kind).upper() else ""
        names = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _ in values)
        cursor = connection.execute(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values())
        )
        connection.commit()
        return int(cursor.lastrowid or 0)
    finally:
        connection.close()


def execute(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    """One write statement, committed."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def add_user(
    db_path: Path,
    user_id: int,
    *,
    zone: str = "Europe/Berlin",
    checkin: str = "19:30",
    joined: datetime,
) -> None:
    """An onboarded user (chat id = user id, as in private chats)."""
    insert(
        db_path,
        "users",
        id=user_id,
        chat_id=user_id,
        timezone=zone,
        checkin_time=checkin,
        created_at=epoch(joined),
    )


def add_contact(
    db_path: Path, user_id: int, name: str, kind: str, *, added: datetime, archived: bool = False
) -> int:
    """A person or group of one user."""
    return insert(
        db_path,
        "contacts",
        user_id=user_id,
        name=name,
        name_key=name.casefold(),
        kind=kind,
        archived=int(archived),
        created_at=epoch(added),
    )


def add_interaction(
    db_path: Path,
    user_id: int,
    contact_id: int,
    when: datetime,
    *,
    channel: str = "call",
    feeling: int | None = None,
    note: str | None = None,
) -> int:
    """One logged connection, logged a minute after it happened."""
    return insert(
        db_path,
        "interactions",
        user_id=user_id,
        contact_id=contact_id,
        occurred_at=epoch(when),
        channel=channel,
        feeling=feeling,
        note=note,
        created_at=epoch(when + timedelta(minutes=1)),
    )


def add_suggestion_shown(
    db_path: Path,
    user_id: int,
    *,
    shown: datetime,
    acted_on: datetime | None = None,
    suggestion_id: str = "voice-note",
    strategy: str = "digital",
    kind: str = "intimate",
) -> int:
    """An idea a check-in showed, and when (if) it was acted on."""
    return insert(
        db_path,
        "suggestions_shown",
        user_id=user_id,
        suggestion_id=suggestion_id,
        strategy=strategy,
        kind=kind,
        shown_at=epoch(shown),
        acted_on_at=epoch(acted_on) if acted_on else None,
    )


def add_checkin(db_path: Path, user_id: int, *, sent: datetime, zone: str) -> int:
    """A check-in record for the local date of ``sent``."""
    values: dict[str, Any] = {
        "user_id": user_id,
        "local_date": sent.astimezone(ZoneInfo(zone)).date().isoformat(),
        "sent_at": epoch(sent),
    }
    connection = sqlite3.connect(db_path)
    try:
        names = {row[1] for row in connection.execute("PRAGMA table_info(checkins)")}
    finally:
        connection.close()
    for column in ("due_at", "claimed_at"):
        if column in names:
            values[column] = epoch(sent)
    if "status" in names:
        values["status"] = "sent"
    return insert(db_path, "checkins", **values)


def table_names(db_path: Path) -> list[str]:
    """Every table in the file, SQLite's own left out."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
    finally:
        connection.close()
    return [str(row[0]) for row in rows]
