"""Waiting until Tend has finished reacting, so each typed line's answer prints before the next.

"Finished" means: no update waiting or in a handler, and no new call to the Bot API for a short
quiet window. The window covers the moments between steps the counters cannot see (an update
between the server and the queue); the cap keeps a runaway reaction from freezing the console.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from bot.context import TendApplication
from bot.fakeapi.server import FakeBotApi

QUIET_SECONDS = 0.3
CAP_SECONDS = 20.0
POLL_SECONDS = 0.05


@dataclass
class Activity:
    """Counts the bot's visible work: API calls other than the idle long poll, and chat events."""

    api: FakeBotApi
    _scanned: int = 0
    _calls: int = 0

    def mark(self) -> int:
        """A number that grows whenever the bot does something."""
        calls = self.api.calls
        for call in calls[self._scanned :]:
            if call.method.lower() != "getupdates":
                self._calls += 1
        self._scanned = len(calls)
        return self._calls + sum(len(events) for events in self.api.events.values())


def bot_is_busy(application: TendApplication, api: FakeBotApi) -> bool:
    """An update is queued at the server, in the Application's queue, or in a handler."""
    return (
        api.pending_updates() > 0
        or application.update_queue.qsize() > 0
        or application.update_processor.current_concurrent_updates > 0
    )


async def settle(
    busy: Callable[[], bool],
    activity: Callable[[], int],
    on_tick: Callable[[], None],
    *,
    quiet: float = QUIET_SECONDS,
    cap: float = CAP_SECONDS,
    poll: float = POLL_SECONDS,
) -> bool:
    """Return True once nothing happened for ``quiet`` seconds; False if ``cap`` ran out first.

    ``on_tick`` runs on every poll, so output appears while the bot is still working.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + cap
    last = activity()
    quiet_since = loop.time()
    while True:
        await asyncio.sleep(poll)
        on_tick()
        now = loop.time()
        current = activity()
        if current != last or busy():
            last, quiet_since = current, now
        elif now - quiet_since >= quiet:
            return True
        if now >= deadline:
            return False
