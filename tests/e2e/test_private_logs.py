"""Issue #11 item 6: at every level, no logger writes names, notes, message text or SQL values."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.helpers import onboard
from tests.rig import BotRig

ROOT = Path(__file__).resolve().parents[2]
NAME = "Quillonius"
NOTE = "the xylophage recital went well"
DISTRESS = ("I want to die", "I feel so lonely")


def _database_bytes(folder: Path) -> bytes:
    """The database file and its WAL, as raw bytes (what a disk reader would see)."""
    return b"".join(path.read_bytes() for path in folder.glob("debug.sqlite3*"))


async def test_debug_logging_carries_no_names_notes_or_sql_values(
    rig: BotRig, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "TELEGRAM_BASE_URL": rig.api.base_url,
            "TELEGRAM_BASE_FILE_URL": rig.api.base_file_url,
            "DATABASE_PATH": str(tmp_path / "debug.sqlite3"),
            "LOG_LEVEL": "DEBUG",
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
    try:
        await rig.api.wait_for_call("getUpdates", timeout=30)
        user = rig.user(3201, "Ottoline")
        await onboard(user)
        await user.send(f"/log {NAME} call today {NOTE}")
        await user.expect(f"{NAME} is new here", timeout=10)
        await user.press("Relational")
        await user.expect(f"Saved: call with {NAME} today.", timeout=10)
        await user.send(f"had coffee with {NAME} by the {NOTE}")
        await user.expect(NAME, timeout=10)
        for distress, answer in zip(DISTRESS, ("glad you told me", "heavy"), strict=True):
            await user.send(distress)  # #10: answered, recorded as a level and a time only
            await user.expect(answer, timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Tend is ready" in log
    for private in (NAME, "xylophage", "Ottoline", "123456:TEST", "coffee", *DISTRESS):
        assert private not in log, f"{private!r} reached the log"
    stored = _database_bytes(tmp_path)
    assert stored, "the database file is where the test expects it"
    for distress in DISTRESS:
        assert distress.encode() not in stored, f"{distress!r} reached the database file"
    assert "INSERT INTO" not in log, "no SQL statements (with their values) are logged"
