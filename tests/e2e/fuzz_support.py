"""The stateful fuzzer's harness: the real bot in its own event loop, driven from sync rules.

Hypothesis' state machines are synchronous, so the rig (fake Telegram, real Application, real
SQLite file) runs in a background thread's event loop and every rule waits for its coroutine.
One bot serves every example: each example brings fresh user ids, so examples cannot see each
other, and the start-up cost is paid once instead of two thousand times.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sqlite3
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.console.settle import Activity, bot_is_busy, settle
from bot.context import services_of
from bot.fakeapi import FakeUser
from bot.fakeapi.server import BotMessage
from tests.e2e.restart_support import stop_new_jobs
from tests.e2e.seed import add_user
from tests.rig import BotRig

T = TypeVar("T")

SETTLE_QUIET_SECONDS = 0.04
"""Long enough for a reply to follow its update on loopback; the busy check covers the rest."""


@dataclass
class SeenMessage:
    """A message one fuzzed user received, as the invariants read it."""

    user_id: int
    text: str
    buttons: list[str]


@dataclass
class FuzzHarness:
    """Owns the loop thread and the rig; the state machine calls ``run`` for every action."""

    tmp_path: Path
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    rig: BotRig | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(700_000))
    _thread: threading.Thread | None = None
    _read_upto: dict[int, int] = field(default_factory=dict)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.rig = BotRig(self.tmp_path)
        self.rig.allow_errors = True  # the invariant reads errors itself, step by step
        self.run(self.rig.api.start())
        self.run(self.rig.start())

    def close(self) -> None:
        if self.rig is not None:
            with contextlib.suppress(Exception):
                self.run(self.rig.close(), timeout=60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    @property
    def the_rig(self) -> BotRig:
        assert self.rig is not None
        return self.rig

    # ------------------------------------------------------------------ users
    def new_user(self, *, onboarded: bool) -> FakeUser:
        user_id = next(self._ids)
        user = self.the_rig.user(user_id, "Fuzz")
        if onboarded:
            from datetime import UTC, datetime

            add_user(self.the_rig.db_path, user_id, joined=datetime.now(UTC))
        self._read_upto[user_id] = 0
        return user

    # ------------------------------------------------------------------ waiting
    def settle(self) -> None:
        rig = self.the_rig
        running = rig.running
        assert running is not None
        activity = Activity(rig.api)
        self.run(
            settle(
                lambda: bot_is_busy(running.app, rig.api),
                activity.mark,
                lambda: None,
                quiet=SETTLE_QUIET_SECONDS,
                cap=20,
                poll=0.01,
            )
        )

    def new_messages(self, user: FakeUser) -> list[SeenMessage]:
        """Messages (and edits) the user got since the last call."""
        events = self.the_rig.api.events.get(user.chat_id, [])
        start = self._read_upto.get(user.id, 0)
        self._read_upto[user.id] = len(events)
        return [
            SeenMessage(user.id, event.message.text, event.message.button_labels)
            for event in events[start:]
            if event.kind != "delete"
        ]

    def seen_button_data(self, user: FakeUser) -> list[tuple[BotMessage, str]]:
        """Every (message, callback data) this user was ever shown, old ones included."""
        found: list[tuple[BotMessage, str]] = []
        for (chat_id, _), message in list(self.the_rig.api.messages.items()):
            if chat_id != user.chat_id:
                continue
            for row in message.buttons:
                found.extend((message, data) for _, data in row if data)
        return found

    # ------------------------------------------------------------------ restarts
    def restart(self, *, kill: bool) -> None:
        rig = self.the_rig
        if not kill:
            self.run(rig.restart(), timeout=60)
            return
        self.run(_kill(rig), timeout=60)
        self.run(rig.start(), timeout=60)

    # ------------------------------------------------------------------ reading the database
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        connection = sqlite3.connect(self.the_rig.db_path, timeout=10)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()


async def _kill(rig: BotRig) -> None:
    """SIGKILL, in effect: the bot task dies mid-whatever; nothing graceful runs."""
    running, rig.running = rig.running, None
    assert running is not None
    running.task.cancel()
    with contextlib.suppress(asyncio.CancelledError, RuntimeError):
        await running.task
    app = running.app
    with contextlib.suppress(Exception):
        stop_new_jobs(app)
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
    with contextlib.suppress(Exception):
        await services_of(app).db.close()
