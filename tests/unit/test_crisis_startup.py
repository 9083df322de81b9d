"""A broken crisis-line table stops the bot at start-up with one line naming the entry."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import bot.logging_setup
from bot import __main__ as cli
from bot.domain import crisis_lines


def test_an_entry_without_a_source_stops_start_up_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = resources.files("bot.data").joinpath("crisis_lines.toml").read_text("utf-8")
    broken = tmp_path / "crisis_lines.toml"
    broken.write_text(shipped.replace('source = "https://www.telefonseelsorge.de"\n', "", 1))
    monkeypatch.setattr(
        crisis_lines, "load_crisis_table", lambda: crisis_lines.load_crisis_table_from(broken)
    )
    monkeypatch.setattr(bot.logging_setup, "configure_logging", lambda *args: None)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "tend.sqlite3"))

    assert cli.main(["--env-file", str(tmp_path / "absent.env")]) == cli.EXIT_CONFIG
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "(DE)" in lines[0] and "TelefonSeelsorge" in lines[0] and "source" in lines[0]
    assert not (tmp_path / "tend.sqlite3").exists()  # stopped before touching anything
