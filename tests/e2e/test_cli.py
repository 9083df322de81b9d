"""The command line: clear one-line configuration errors with exit status 2, and --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rig import BotRig

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    clean.update({"PYTHONPATH": str(ROOT), "DATABASE_PATH": str(tmp_path / "db.sqlite3"), **env})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_says_where_tokens_come_from(tmp_path: Path) -> None:
    result = _run(tmp_path, {})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0] and "@BotFather" in lines[0] and ".env" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"TELEGRAM_BASE_URL": "not a url"}, "TELEGRAM_BASE_URL"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
        ({"WEBHOOK_URL": "https://example.org/hook"}, "WEBHOOK_SECRET_TOKEN"),
        ({"WEBHOOK_PORT": "99999"}, "WEBHOOK_PORT"),
        ({"SWEEP_INTERVAL_SECONDS": "0"}, "SWEEP_INTERVAL_SECONDS"),
    ],
)
def test_bad_setting_names_the_variable(tmp_path: Path, env: dict[str, str], variable: str) -> None:
    result = _run(tmp_path, {"TELEGRAM_BOT_TOKEN": "1:x", **env})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert variable in result.stderr and "Traceback" not in result.stderr


def test_unwritable_database_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run(
        tmp_path,
        {"TELEGRAM_BOT_TOKEN": "1:x", "DATABASE_PATH": str(blocker / "sub" / "db.sqlite3")},
    )
    assert result.returncode == 2
    assert "DATABASE_PATH" in result.stderr and "Traceback" not in result.stderr


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=1:x\nLOG_LEVEL=chatty\n")
    assert _run(tmp_path, {}).returncode == 2  # the .env's bad LOG_LEVEL was read
    fixed = _run(tmp_path, {"LOG_LEVEL": "INFO", "TELEGRAM_BASE_URL": "ftp://nowhere"})
    assert fixed.returncode == 2 and "TELEGRAM_BASE_URL" in fixed.stderr


def test_help_explains_the_options(tmp_path: Path) -> None:
    result = _run(tmp_path, {}, "--help")
    assert result.returncode == 0
    assert "WEBHOOK_URL" in result.stdout and ".env" in result.stdout


async def test_sigterm_stops_cleanly_with_status_0(rig: BotRig, tmp_path: Path) -> None:
    import asyncio
    import signal

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "TELEGRAM_BASE_URL": rig.api.base_url,
            "TELEGRAM_BASE_FILE_URL": rig.api.base_file_url,
            "DATABASE_PATH": str(tmp_path / "proc.sqlite3"),
        }
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    await rig.api.wait_for_call("getUpdates", timeout=30)
    user = rig.user(3101)
    await user.send("/start")
    await user.expect("where are you", timeout=10)
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode == 0, stderr.decode()
    log = stderr.decode()
    assert "123456:TEST" not in log, "the token never reaches the log"
    assert "stopped cleanly" in log


async def test_database_file_that_is_not_sqlite(rig: BotRig, tmp_path: Path) -> None:
    import asyncio

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    env = {
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_BASE_URL": rig.api.base_url,
        "DATABASE_PATH": str(junk),
    }
    result = await asyncio.to_thread(_run, tmp_path, env)
    assert result.returncode == 2, result.stderr
    assert "DATABASE_PATH" in result.stderr.strip().splitlines()[-1]
    # Issue #11 item 8: a start-up that failed must not be logged as a clean stop.
    assert "stopped cleanly" not in result.stderr
