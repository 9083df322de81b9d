"""The sweep: one periodic job, the database as the only schedule, one pool of workers.

Each tick (every ``settings.sweep_interval_seconds``) wakes a small pool of delivery workers.
Workers pull work from the delivery sources they were given (check-ins, weekly digests) in
turn, so kinds due in the same minute share the send ceiling fairly; each source claims in
the database before anything is sent. A tick costs what is due, not the number of users.

Failure semantics (at most once, never silently dropped):

* Crash before a claim commits: nothing was claimed or sent; the user is still due and the
  next start sends it if it is not too late (3 hours for check-ins, 12 for digests).
* Crash after the claim, before the request left (still in our rate limiter): the row is
  ``queued``; start-up sends it (or marks it ``expired`` past the grace).
* Crash while a request is in flight (``sending``, set only when the request is handed to the
  HTTP client): Telegram may have delivered it and offers no idempotency key, so start-up marks
  it ``unknown`` and does NOT resend it. At most ``concurrency`` sends are exposed.
* A request that was written but got no answer (read timeout, dropped connection): the same,
  ``unknown``, never resent. One that provably never left (connection refused, pool timeout,
  not fully written) and Telegram's own errors (429 beyond the limiter's retries, 5xx) are
  retried with backoff within the grace, then ``expired`` with a warning.
* Forbidden: the user is marked inactive and unscheduled (``users_reactivated`` puts them back
  when they write again). BadRequest: ``failed``, logged.

Bounded concurrency: at most ``concurrency`` sends at once, each in its own worker, so one slow
chat holds one worker while the others carry on. The rate limiter spaces them, replies first.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from typing import Any

from bot.context import TendApplication, TendContext, services_of
from bot.scheduling.checkins import CheckinSource
from bot.scheduling.delivery import DeliverySource
from bot.scheduling.planner import Reason
from bot.services import Services

log = logging.getLogger(__name__)

SWEEPER_KEY = "checkin_sweeper"
JOB_NAME = "checkin-sweep"
DEFAULT_CONCURRENCY = 16


class _Lane:
    """One source's buffer and the ids taken from it but not yet settled."""

    def __init__(self, source: DeliverySource[Any]) -> None:
        self.source = source
        self.buffer: deque[Any] = deque()
        self.taken: set[int] = set()
        self.idle = False  # nothing owed at the last look: not asked again until the next tick


class Sweeper:
    """The periodic job plus the delivery workers it wakes, over the sources it is given."""

    def __init__(
        self,
        application: TendApplication,
        sources: Sequence[DeliverySource[Any]],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        self._app = application
        self._lanes = [_Lane(source) for source in sources]
        self._concurrency = concurrency
        self._take_lock = asyncio.Lock()
        self._turn = 0
        self._workers = 0

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self._app)

    @property
    def sources(self) -> list[DeliverySource[Any]]:
        """The sources, in the order they take turns."""
        return [lane.source for lane in self._lanes]

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Start-up: settle crash leftovers, then schedule the one repeating job.

        The first tick runs at once, which is the start-up catch-up.
        """
        for lane in self._lanes:
            unknown = await lane.source.recover()
            if unknown:
                log.warning(
                    "%d %s(s) were being sent when the bot stopped; they may have arrived, "
                    "so they are not sent again",
                    unknown,
                    lane.source.name,
                )
        job_queue = self._app.job_queue
        assert job_queue is not None, "Tend needs python-telegram-bot[job-queue]"
        for old in job_queue.get_jobs_by_name(JOB_NAME):
            old.schedule_removal()
        job_queue.run_repeating(
            self._on_tick,
            interval=self.services.settings.sweep_interval_seconds,
            first=0.0,
            name=JOB_NAME,
            job_kwargs={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    async def _on_tick(self, context: TendContext) -> None:
        await self.tick()

    async def tick(self) -> None:
        """Wake delivery; it runs on its own until nothing is owed."""
        # One more worker each tick (up to the bound): busy ones may be stuck on a slow chat,
        # and this one picks up whoever else is due. Idle workers exit at once.
        for lane in self._lanes:
            lane.idle = False
        if self._workers < self._concurrency and self._app.running:
            self._spawn_worker()

    # ------------------------------------------------------------------ workers
    def _spawn_worker(self) -> None:
        self._workers += 1
        self._app.create_task(self._worker(), name="scheduled-delivery")

    async def _worker(self) -> None:
        try:
            while self._app.running:
                taken = await self._take()
                if taken is None:
                    return
                lane, item = taken
                try:
                    await lane.source.deliver(item)
                finally:
                    lane.taken.discard(lane.source.item_id(item))
        except Exception:
            log.exception("delivery worker stopped unexpectedly")
        finally:
            self._workers -= 1

    async def _take(self) -> tuple[_Lane, Any] | None:
        """The next item, taking the sources in turn; None when nothing is owed now."""
        async with self._take_lock:
            for offset in range(len(self._lanes)):
                if not self._app.running:
                    return None
                lane = self._lanes[(self._turn + offset) % len(self._lanes)]
                if not lane.buffer and not lane.idle:
                    now = self.services.clock.now()
                    fresh = await lane.source.fetch(now, lane.taken)
                    for item in fresh:
                        lane.taken.add(lane.source.item_id(item))
                    lane.buffer.extend(fresh)
                    lane.idle = not fresh
                if lane.buffer:
                    self._turn = (self._turn + offset + 1) % len(self._lanes)
                    if self._workers < self._concurrency:
                        self._spawn_worker()
                    return lane, lane.buffer.popleft()
            return None

    # ------------------------------------------------------------------ on demand
    async def send_checkin_now(self, user_id: int) -> Reason:
        """The console's forced check-in (see ``CheckinSource.send_now``)."""
        for source in self.sources:
            if isinstance(source, CheckinSource):
                return await source.send_now(user_id)
        return Reason.NOT_SET_UP


def sweeper_of(application: TendApplication) -> Sweeper:
    """The application's sweeper (made by the composition root)."""
    sweeper = application.bot_data.get(SWEEPER_KEY)
    if not isinstance(sweeper, Sweeper):
        raise RuntimeError("the sweep is not set up on this application")
    return sweeper


async def send_checkin_now(application: TendApplication, user_id: int) -> None:
    """The console's ``:checkin``: this user's check-in now, as at their check-in time.

    Recorded like any other, so it still counts as the one check-in of that local date; a
    second call the same day, or a paused/off/blocked user, sends nothing (logged).
    """
    reason = await sweeper_of(application).send_checkin_now(user_id)
    if reason is not Reason.FORCED:
        log.info("no check-in sent to user %s now: %s", user_id, reason)
