"""The sweep's workers take check-ins and digests in turn, so both share the send ceiling."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.clock import SystemClock
from bot.context import SERVICES_KEY
from bot.domain.suggestions import load_catalogue
from bot.scheduling.sweep import Sweeper
from bot.services import Services
from bot.settings import Settings
from storage.database import Database


class ListSource:
    """A delivery source over a fixed list; records what it delivered."""

    def __init__(self, name: str, count: int, delivered: list[str]) -> None:
        self.name = name
        self._left = [f"{name}{n}" for n in range(count)]
        self._delivered = delivered
        self.fetches = 0

    async def recover(self) -> int:
        return 0

    async def fetch(self, now: datetime, exclude: set[int]) -> list[str]:
        self.fetches += 1
        batch, self._left = self._left[:2], self._left[2:]
        return batch

    def item_id(self, item: str) -> int:
        return hash(item)

    async def deliver(self, item: str) -> None:
        self._delivered.append(item)
        await asyncio.sleep(0)


class App:
    def __init__(self, services: Services) -> None:
        self.bot_data = {SERVICES_KEY: services}
        self.running = True
        self.job_queue = None
        self.tasks: list[asyncio.Task[Any]] = []

    def create_task(self, coroutine: Any, **_: Any) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coroutine)
        self.tasks.append(task)
        return task


async def test_sources_take_turns_and_an_idle_one_is_asked_again_next_tick(tmp_path: Path) -> None:
    settings = Settings(
        telegram_bot_token=SecretStr("1:x"),
        database_path=tmp_path / "t.sqlite3",
        _env_file=None,  # type: ignore[call-arg]
    )
    services = Services(
        settings=settings,
        clock=SystemClock(),
        db=Database(tmp_path / "t.sqlite3"),
        catalogue=load_catalogue(),
    )
    delivered: list[str] = []
    checkins = ListSource("c", 6, delivered)
    digests = ListSource("d", 2, delivered)
    app: Any = App(services)
    sweeper = Sweeper(app, [checkins, digests], concurrency=1)
    await sweeper.tick()
    while any(not task.done() for task in app.tasks):
        await asyncio.gather(*app.tasks)
    assert delivered[:4] == ["c0", "d0", "c1", "d1"]  # in turn while both have work
    assert sorted(delivered) == ["c0", "c1", "c2", "c3", "c4", "c5", "d0", "d1"]
    fetches = digests.fetches
    await sweeper.tick()
    await asyncio.gather(*app.tasks)
    assert digests.fetches == fetches + 1  # asked again on the next tick
