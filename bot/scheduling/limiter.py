"""Two lanes under one send limit: replies first, scheduled sends take what replies leave.

Telegram allows about 30 messages a second overall and about one a second per chat, and says
how long to wait (``retry_after``) when a bot goes beyond. One shared, evenly spaced slot
clock (29 a second, a bucket of one: bursts earn 429s) hands out every slot; whenever a
reply to a user's own update is waiting, it gets the next slot before any check-in or digest.
So a reply waits for at most one slot (34 ms) plus the replies ahead of it, however many
scheduled sends are queued, and the sweep still gets every slot the replies leave.

Telegram counts a message when it arrives, we when we hand it over: anything that holds an
earlier request up more than a later one on the way (our event loop busy composing, the
network, the server's own loop) brings their arrivals closer, and 31 within one second earn
a 429 and a pause for everyone. So a request leaves only when the one 30 before it left at
least 1.03 s ago (``ARRIVAL_MARGIN``; the slot clock, 30 slots in 1.034 s, stays clear of
that) and was answered at least a second ago: its answer proves it had arrived, so no hold-up
on the way can bring 31 arrivals into one second. One unanswered after 0.1 s
(``ANSWER_WAIT``) is taken to have arrived by then, so a slow answer or a distant server
costs at most a tenth of the rate. (29.5 a second and "29 in any second", counted when we
hand over, left 17 ms for such hold-ups: one 429 in a 100,000-user run.)

A send is scheduled when it carries a ``ScheduledSend`` as PTB's ``rate_limit_args``;
everything else is interactive. Requests without a chat (getUpdates, answerCallbackQuery)
are not counted, as with PTB's ``AIORateLimiter``. Scheduled sends also keep one second
between messages to the same chat (a two-message digest); replies in a conversation may
follow each other at once, as Telegram tolerates in private chats.

A 429 pauses every lane for its ``retry_after`` (plus 0.1 s): Telegram's flood control is
the bot's, so no reply may jump it. The request that met it goes first in its lane once the
pause ends; replies that came meanwhile still go ahead of any scheduled send.

``ScheduledSend.on_handed`` runs once the slot is granted and the spacing above allows the
request out, just before it is handed to the HTTP client, so the sweep marks a row ``sending``
only when it really leaves: a crash while it waits here loses nothing. The request's leaving
time is taken after that write, so the spacing counts from when it really left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.scheduling.outcomes import retry_after_seconds

log = logging.getLogger(__name__)

TELEGRAM_PER_SECOND = 30
"""Telegram's overall limit: messages in any one second (as it counts them, on arrival)."""
ARRIVAL_MARGIN = 0.03
"""Seconds by which the first of 31 requests may be held up on its way more than the last
without a 429, answer or not: what leaves is at most ``TELEGRAM_PER_SECOND`` in any
``1 + ARRIVAL_MARGIN`` seconds."""
ANSWER_WAIT = 0.1
"""A request unanswered this long is taken to have arrived by then."""
ANSWER_POLL = 0.005
"""How often to look whether that answer has come, when it is still awaited."""
MESSAGES_PER_SECOND = 29.0
"""The slot clock: 30 slots take 1.034 s, clear of that window, so the window binds only
sends that were bunched up (by the hand-over write) or answered late."""
PER_CHAT_INTERVAL = 1.0
MAX_RETRIES = 5


class Lane(IntEnum):
    """Who gets the next slot: the lower value first."""

    INTERACTIVE = 0
    SCHEDULED = 1


@dataclass(eq=False, slots=True)
class _Sent:
    """One request that left: when, and when its answer (or error) came back."""

    at: float
    answered: float | None = None


class NotHandedOver(Exception):
    """``on_handed`` said no (the row was taken meanwhile): nothing was sent."""


@dataclass(eq=False)
class ScheduledSend:
    """``rate_limit_args`` of a check-in or digest send.

    ``on_handed`` is awaited once, just before the first attempt goes to the HTTP client;
    returning False cancels the send. ``handed`` then says whether any request left us, which
    is what decides between "retry" and "outcome unknown" when the send fails.
    """

    on_handed: Callable[[], Awaitable[bool]] | None = None
    handed: bool = False


class PriorityRateLimiter(BaseRateLimiter[ScheduledSend]):
    """One evenly spaced slot clock, interactive lane first; ``retry_after`` pauses both."""

    def __init__(
        self,
        *,
        per_second: float = MESSAGES_PER_SECOND,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        max_retries: int = MAX_RETRIES,
        ceiling: int = TELEGRAM_PER_SECOND,
        period: float = 1.0,
        margin: float = ARRIVAL_MARGIN,
        answer_wait: float = ANSWER_WAIT,
    ) -> None:
        self.interval = 1.0 / per_second
        """Seconds between two slots (tests slow it down to see what waits here)."""
        # What actually leaves (see ``_gate``): a request goes only when the one ``ceiling``
        # before it left ``period + margin`` ago and arrived (was answered) ``period`` ago,
        # and never closer than half a slot to the one before, however the database write
        # before a scheduled send (``on_handed``) delayed some of them.
        self._sent: deque[_Sent] = deque(maxlen=max(1, ceiling))
        self._period = period
        self._margin = margin
        self._answer_wait = answer_wait
        self._last_sent = 0.0
        self._per_chat = per_chat_interval
        self._max_retries = max_retries
        self._waiting: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[object, float] = {}
        self._wakeup: asyncio.Event | None = None
        self._dispatcher: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        """Nothing to open: the dispatcher starts with the first counted request."""

    async def shutdown(self) -> None:
        """Stop the dispatcher; anyone still waiting is cancelled."""
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatcher
            self._dispatcher = None
        for lane in self._waiting:
            while lane:
                lane.popleft().cancel()

    def waiting(self, lane: Lane) -> int:
        """Requests queued in a lane (for tests and the benchmark)."""
        return sum(1 for future in self._waiting[lane] if not future.done())

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: ScheduledSend | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Wait for a slot in the request's lane, then send; retry after 429s."""
        chat = data.get("chat_id")
        if chat is None:
            return await callback(*args, **kwargs)
        send = rate_limit_args
        lane = Lane.INTERACTIVE if send is None else Lane.SCHEDULED
        for attempt in range(self._max_retries + 1):
            if lane is Lane.SCHEDULED:
                await self._chat_ready(chat)
            await self.acquire(lane, retry=attempt > 0)
            self._chat_next[chat] = time.monotonic() + self._per_chat
            sent = await self._gate()
            if send is not None and not send.handed:
                # Last step before the HTTP client: a crash while the gate held it back
                # must find the row still queued, so it is sent after the restart.
                handed = False
                try:
                    handed = send.on_handed is None or await send.on_handed()
                finally:
                    sent.at = self._last_sent = max(self._last_sent, time.monotonic())
                    if not handed:  # refused or failed: nothing left, nothing to wait for
                        sent.answered = sent.at
                if not handed:
                    raise NotHandedOver
                send.handed = True
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self._max_retries:
                    log.warning("rate limited after %d retries (%s)", attempt, endpoint)
                    raise
                self._pause(retry_after_seconds(error) + 0.1)
            finally:
                sent.answered = time.monotonic()
        raise AssertionError("unreachable")

    async def acquire(self, lane: Lane, *, retry: bool = False) -> None:
        """Wait for the next slot in ``lane``; a retry goes ahead of those who came after it."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        if retry:
            self._waiting[lane].appendleft(future)
        else:
            self._waiting[lane].append(future)
        if self._dispatcher is None or self._dispatcher.done():
            self._wakeup = asyncio.Event()
            self._dispatcher = loop.create_task(self._dispatch(), name="send-slots")
        assert self._wakeup is not None
        self._wakeup.set()
        await future

    async def _gate(self) -> _Sent:
        """Space what actually goes out (see ``_sent``); a short wait, only after a stall."""
        while True:
            now = time.monotonic()
            ready = max(self._last_sent + self.interval / 2, self._paused_until)
            if len(self._sent) == self._sent.maxlen:
                oldest = self._sent[0]
                ready = max(ready, self._window_opens(oldest))
                if oldest.answered is None and now < oldest.at + self._answer_wait:
                    ready = min(ready, now + ANSWER_POLL)  # its answer may open it sooner
            if ready <= now:
                break
            await asyncio.sleep(ready - now)
        sent = _Sent(now)
        self._sent.append(sent)
        self._last_sent = now
        return sent

    def _window_opens(self, oldest: _Sent) -> float:
        """When a request may leave, given the one ``ceiling`` before it: ``period`` after
        Telegram had that one (by its answer, or ``answer_wait`` after it left, whichever is
        first), and never sooner than ``period + margin`` after it left."""
        arrived = oldest.at + self._answer_wait
        if oldest.answered is not None:
            arrived = min(arrived, oldest.answered)
        return max(oldest.at + self._margin, arrived) + self._period

    def _pause(self, seconds: float) -> None:
        """Telegram said wait: nobody gets a slot before then."""
        log.info("rate limit hit; all sends wait %.1f s", seconds)
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def _chat_ready(self, chat: object) -> None:
        ready_at = self._chat_next.get(chat)
        if ready_at is not None:
            delay = ready_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        if len(self._chat_next) > 4096:  # forget chats whose second has passed
            now = time.monotonic()
            self._chat_next = {key: at for key, at in self._chat_next.items() if at > now}

    def _first_waiting(self) -> asyncio.Future[None] | None:
        for lane in self._waiting:
            while lane and lane[0].done():  # cancelled while waiting
                lane.popleft()
            if lane:
                return lane[0]
        return None

    async def _dispatch(self) -> None:
        assert self._wakeup is not None
        wakeup = self._wakeup
        while True:
            if self._first_waiting() is None:
                wakeup.clear()
                await wakeup.wait()
                continue
            now = time.monotonic()
            start = max(self._next_slot, self._paused_until)
            if start > now:
                await asyncio.sleep(start - now)
                continue
            # Picked at the slot itself, so a reply that arrived while we slept goes first.
            future = self._first_waiting()
            if future is None:
                continue
            for lane in self._waiting:
                if lane and lane[0] is future:
                    lane.popleft()
                    break
            future.set_result(None)
            # A slot granted a little late (the sleep overshot) does not push the clock back:
            # up to a twentieth of a slot is made up on the next one, so the rate holds.
            self._next_slot = max(now - self.interval / 20, self._next_slot) + self.interval
