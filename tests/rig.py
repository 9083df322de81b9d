"""The end-to-end rig: the real Tend Application over real HTTP against a local Bot API."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.app import build_application, run
from bot.clock import ShiftedClock
from bot.context import TendApplication
from bot.fakeapi import FakeBotApi, FakeUser
from bot.settings import Settings

TEST_TOKEN = "123456:TEST-token-not-real"


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class RunningBot:
    """One run of the bot process (as a task in this event loop)."""

    app: TendApplication
    settings: Settings
    stop_event: asyncio.Event
    task: asyncio.Task[None]

    async def stop(self) -> None:
        """SIGTERM, in effect: stop taking updates, finish in-flight work, close storage."""
        self.stop_event.set()
        await asyncio.wait_for(self.task, timeout=20)


@dataclass
class BotRig:
    """A fake Telegram, a database file, and the bot; restartable like a real deployment."""

    tmp_path: Path
    api: FakeBotApi = field(default_factory=FakeBotApi)
    clock: ShiftedClock = field(default_factory=ShiftedClock)
    running: RunningBot | None = None
    allow_errors: bool = False
    errors: _ErrorCollector = field(default_factory=_ErrorCollector)

    @property
    def db_path(self) -> Path:
        """The SQLite file the bot uses."""
        return self.tmp_path / "data" / "tend.sqlite3"

    def settings(self, **overrides: Any) -> Settings:
        """Settings pointing at the fake server; no .env is read."""
        values: dict[str, Any] = {
            "telegram_bot_token": TEST_TOKEN,
            "telegram_base_url": self.api.base_url,
            "telegram_base_file_url": self.api.base_file_url,
            "database_path": self.db_path,
            "sweep_interval_seconds": 0.2,
            "_env_file": None,
        }
        values.update(overrides)
        return Settings(**values)

    async def start(self, **overrides: Any) -> RunningBot:
        """Start the bot and wait until it is taking updates."""
        assert self.running is None, "already running"
        logging.getLogger().addHandler(self.errors)
        settings = self.settings(**overrides)
        app = build_application(settings, clock=self.clock)
        stop_event = asyncio.Event()
        calls_before = len(self.api.calls)
        task = asyncio.create_task(run(app, settings, stop_event))
        ready = "setWebhook" if settings.webhook_url else "getUpdates"
        waiter = asyncio.create_task(self.api.wait_for_call(ready, after=calls_before, timeout=15))
        done, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            waiter.cancel()
            task.result()
            raise AssertionError("bot stopped during start-up")
        await waiter
        while not app.running:  # start() returns once the listener (polling/webhook) is up
            if task.done():
                task.result()
                raise AssertionError("bot stopped during start-up")
            await asyncio.sleep(0.01)
        self.running = RunningBot(app, settings, stop_event, task)
        return self.running

    async def stop(self) -> None:
        """Stop the bot if it runs."""
        if self.running is not None:
            running, self.running = self.running, None
            await running.stop()

    async def restart(self, **overrides: Any) -> RunningBot:
        """Stop and start again on the same database and fake Telegram."""
        await self.stop()
        return await self.start(**overrides)

    def user(self, user_id: int = 1001, first_name: str = "Ada", **profile: Any) -> FakeUser:
        """A Telegram user who can talk to the bot."""
        return FakeUser(self.api, user_id, first_name, **profile)

    async def close(self) -> None:
        """Stop everything and check the invariants every test must keep."""
        try:
            await self.stop()
            await asyncio.sleep(0)
        finally:
            await self.api.stop()
            logging.getLogger().removeHandler(self.errors)
        unanswered = self.api.unanswered_callback_queries()
        assert not unanswered, f"callback queries never answered: {unanswered}"
        if not self.allow_errors:
            messages = [record.getMessage() for record in self.errors.records]
            assert not messages, f"errors were logged: {messages}"
