"""Shared fixtures: a clean environment and the end-to-end rig."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.rig import BotRig

_SETTING_NAMES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
    "TELEGRAM_BASE_FILE_URL",
    "DATABASE_PATH",
    "SWEEP_INTERVAL_SECONDS",
    "LOG_LEVEL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET_TOKEN",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No developer setting leaks into a test."""
    for name in _SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    os.environ.pop("HTTP_PROXY", None)
    os.environ.pop("HTTPS_PROXY", None)
    yield


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[BotRig]:
    """A fake Telegram on 127.0.0.1 and a place for the bot's database; bot not yet started."""
    bot_rig = BotRig(tmp_path)
    await bot_rig.api.start()
    try:
        yield bot_rig
    finally:
        await bot_rig.close()


@pytest.fixture
async def bot(rig: BotRig) -> AsyncIterator[BotRig]:
    """The rig with the bot running."""
    await rig.start()
    yield rig
