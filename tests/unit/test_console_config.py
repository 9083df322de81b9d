"""Console settings never need a token or .env; the demo data and clock offset persist."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.console.config import (
    FAKE_TOKEN,
    clock_file,
    console_log_level,
    console_settings,
    files_dir,
    load_offset,
    save_offset,
    start_over,
)
from bot.settings import ConfigError

BASE = "http://127.0.0.1:4321/bot"
FILES = "http://127.0.0.1:4321/file/bot"


def test_settings_need_no_token_and_ignore_env_and_dotenv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=999:from-dotenv\nWEBHOOK_URL=https://example.org/hook\n"
        "TELEGRAM_BASE_URL=https://api.telegram.org/bot\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "888:from-environment")
    monkeypatch.setenv("WEBHOOK_URL", "https://example.org/env-hook")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "production.sqlite3"))
    db = tmp_path / "demo" / "demo.sqlite3"
    result = console_settings(BASE, FILES, db)
    assert result.telegram_bot_token.get_secret_value() == FAKE_TOKEN
    assert result.telegram_base_url == BASE and result.telegram_base_file_url == FILES
    assert result.webhook_url is None
    assert result.database_path == db
    assert db.parent.is_dir(), "the database folder is created, as for the real bot"


def test_an_unwritable_database_folder_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match="DATABASE_PATH folder"):
        console_settings(BASE, FILES, blocker / "demo.sqlite3")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "WARNING"), ("info", "INFO"), (" DEBUG ", "DEBUG"), ("loud", "WARNING")],
)
def test_log_level_defaults_to_quiet(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: str
) -> None:
    if value is None:
        monkeypatch.delenv("LOG_LEVEL", raising=False)
    else:
        monkeypatch.setenv("LOG_LEVEL", value)
    assert console_log_level() == expected


def test_fresh_removes_the_database_its_journals_and_the_clock(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    keep = files_dir(db) / "chart.png"
    keep.parent.mkdir()
    keep.write_bytes(b"png")
    for path in (db, tmp_path / "demo.sqlite3-wal", tmp_path / "demo.sqlite3-shm"):
        path.write_bytes(b"x")
    save_offset(db, timedelta(days=3))
    removed = start_over(db)
    assert {path.name for path in removed} == {
        "demo.sqlite3",
        "demo.sqlite3-wal",
        "demo.sqlite3-shm",
        clock_file(db).name,
    }
    assert not db.exists() and not clock_file(db).exists()
    assert keep.exists(), "saved charts are the user's; --fresh leaves them"
    assert start_over(db) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=3650))
def test_clock_offset_survives_a_restart(days: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite3"
        save_offset(db, timedelta(days=days))
        assert load_offset(db) == timedelta(days=days)


@pytest.mark.parametrize(
    "content",
    ["", "not json", "[]", '{"offset_seconds": "x"}', '{"offset_seconds": -5}',
     '{"offset_seconds": NaN}', '{"offset_seconds": 1e300}', '{"other": 1}'],
)  # fmt: skip
def test_a_missing_or_broken_clock_file_means_no_offset(tmp_path: Path, content: str) -> None:
    db = tmp_path / "demo.sqlite3"
    assert load_offset(db) == timedelta(0)
    clock_file(db).write_text(content, encoding="utf-8")
    assert load_offset(db) == timedelta(0)
