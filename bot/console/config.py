"""Where the console keeps its things, and the settings that point Tend at the local server.

The console never reads ``.env`` or needs a real token: every setting that could send Tend
elsewhere (token, URLs, webhook) is given explicitly, so nothing in the environment leaks in.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.settings import Settings, load_settings

DEFAULT_DB = Path("data/demo.sqlite3")
BOT_ID = 123456
FAKE_TOKEN = f"{BOT_ID}:console-not-a-real-token"
CONSOLE_USER_ID = 100001
"""One fixed person, so a kept database greets them back on the next run."""
MAX_OFFSET = timedelta(days=100 * 365)
"""A saved offset beyond this is a corrupt file, not time travel; it is ignored."""
_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
DEFAULT_LOG_LEVEL = "WARNING"
"""Quiet by default so the chat stays readable; LOG_LEVEL=INFO shows the bot's own log."""


@dataclass(frozen=True)
class ConsoleOptions:
    """What ``python -m bot console`` was asked to do."""

    db_path: Path = DEFAULT_DB
    fresh: bool = False
    open_files: bool = True
    first_name: str = "Friend"


def console_settings(base_url: str, base_file_url: str, db_path: Path) -> Settings:
    """Settings for the real Application talking to the in-process Bot API server.

    Raises ``ConfigError`` (one readable line) when the database folder is unusable.
    """
    return load_settings(
        _env_file=None,
        telegram_bot_token=FAKE_TOKEN,
        telegram_base_url=base_url,
        telegram_base_file_url=base_file_url,
        database_path=db_path,
        sweep_interval_seconds=60.0,
        log_level=console_log_level(),
        webhook_url=None,
        webhook_secret_token=None,
        webhook_listen="127.0.0.1",
        webhook_port=8443,
    )


def console_log_level() -> str:
    """LOG_LEVEL from the environment when it names a level, else WARNING."""
    level = os.environ.get("LOG_LEVEL", "").strip().upper()
    return level if level in _LEVELS else DEFAULT_LOG_LEVEL


def files_dir(db_path: Path) -> Path:
    """Photos and documents from Tend land beside the console's database."""
    return db_path.parent / "console-files"


def history_file(db_path: Path) -> Path:
    """Line-editing history, kept with the rest of the demo's data."""
    return db_path.parent / "console-history"


def clock_file(db_path: Path) -> Path:
    """How far ``:days`` has moved the clock; kept so logged times never lie in the future."""
    return db_path.with_name(db_path.name + ".clock.json")


def start_over(db_path: Path) -> list[Path]:
    """``--fresh``: remove the database (with its journal files) and the clock offset."""
    removed: list[Path] = []
    for path in (
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
        db_path.with_name(db_path.name + "-journal"),
        clock_file(db_path),
    ):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def database_problem(db_path: Path) -> str | None:
    """Why an existing database file can't be opened (None if it can, or doesn't exist yet).

    Checked before start-up because a file that isn't SQLite fails inside ``Database.open``
    before its connection is kept, leaving a worker thread that stops the process exiting.
    """
    if not db_path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    return None


def load_offset(db_path: Path) -> timedelta:
    """The clock offset saved by an earlier run (zero when there is none or it is unreadable)."""
    try:
        data = json.loads(clock_file(db_path).read_text(encoding="utf-8"))
        seconds = float(data["offset_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return timedelta(0)
    if not 0 <= seconds <= MAX_OFFSET.total_seconds():
        return timedelta(0)
    return timedelta(seconds=seconds)


def save_offset(db_path: Path, offset: timedelta) -> None:
    """Remember the clock offset for the next run on this database."""
    path = clock_file(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"offset_seconds": offset.total_seconds()})
    path.write_text(payload + "\n", encoding="utf-8")
