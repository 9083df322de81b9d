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


def stop_new_jobs(app: TendApplication) -> None:
    """A killed process starts no more sweeps. Without this, tidying up raced APScheduler: a
    tick submitted between JobQueue.stop's wait and its shutdown was cancelled and logged as
    "Error running job" (found by the fuzzer; a real SIGKILL logs nothing, and a graceful stop
    pauses the scheduler first, in bot/app.py)."""
    if app.job_queue is not None and app.job_queue.scheduler.running:
        app.job_queue.scheduler.pause()


async def _tidy_up(app: TendApplication) -> None:
    """Stop what the killed task left behind, so the test process stays clean."""
    stop_new_jobs(app)
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    with contextlib.suppress(RuntimeError):
        await app.shutdown()
    await services_of(app).db.close()
