"""Killing the bot without a graceful shutdown, and starting a fresh one on the same files."""

from __future__ import annotations

import asyncio
import contextlib

from bot.context import TendApplication, services_of
from tests.rig import BotRig


async def kill(rig: BotRig) -> None:
    """SIGKILL, in effect: the bot task is cancelled mid-run; no in-memory state survives."""
    running, rig.running = rig.running, None
    assert running is not None, "the bot is not running"
    running.task.cancel()
    with contextlib.suppress(asyncio.CancelledError, RuntimeError):
        await running.task
    await _tidy_up(running.app)


async def kill_and_restart(rig: BotRig) -> None:
    """A killed bot, then a new process (a fresh Application) on the same database."""
    await kill(rig)
    await rig.start()


async def _tidy_up(app: TendApplication) -> None:
    """Stop what the killed task left behind, so the test process stays clean."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    with contextlib.suppress(RuntimeError):
        await app.shutdown()
    await services_of(app).db.close()
