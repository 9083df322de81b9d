"""Small helpers shared by end-to-end tests."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.fakeapi import FakeUser


async def onboard(user: FakeUser, zone: str = "Europe/Berlin", at: str = "19:30") -> None:
    """Take a user through /start with the given zone and check-in time."""
    await user.send("/start")
    await user.expect("where are you")
    await user.send(zone)
    await user.expect("When should I check in")
    await user.send(at)
    await user.expect("All set")


def query(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    """Read the bot's database file directly, as an auditor would."""
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        return list(connection.execute(sql, params).fetchall())
    finally:
        connection.close()


async def eventually(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll a condition the bot brings about without a chat event (a database write, say)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)
