"""The check-in sweep: one periodic job, the database as the only schedule.

Each tick (every ``settings.sweep_interval_seconds``) wakes a small pool of delivery workers
and then awaits every task in ``bot.sweep_tasks.SWEEP_TASKS``. Workers pull work from the
database until none is left, so a tick's cost grows with the users due, not with all users:

1. Queued check-ins whose retry time has come (partial index ``checkins_queue``).
2. Otherwise a batch of due users (``users_due``: ``next_checkin_at <= now``). For each, the
   planner decides; owed check-ins are composed and CLAIMED: one transaction inserts their
   ``checkins`` rows (UNIQUE per user and local date, status ``queued``) and moves each
   user's ``next_checkin_at`` to their next local day. Nothing has been sent yet.
3. A worker marks one row ``sending``, sends it, then records ``sent`` (or requeues it).

Failure semantics (at most once per local day, never silently dropped):

* Crash or kill before the claim commits: nothing was claimed or sent; the user is still
  due, and start-up sends it if it is at most 3 hours late.
* Crash after the claim, before the send: the row is ``queued``; start-up sends it if
  it is at most 3 hours late, else marks it ``expired`` (logged). Clean shutdown leaves
  unsent rows ``queued`` the same way.
* Crash while a request is in flight (``sending``): Telegram may or may not have delivered
  it and offers no idempotency key, so start-up marks it ``unknown`` and does NOT resend:
  we choose a possible LOSS of that one message over a possible DUPLICATE. At most
  ``concurrency`` check-ins are exposed, and start-up logs how many there were.
* Timeouts, 5xx and RetryAfter beyond the rate limiter's own retries: requeued with
  backoff, retried by the next free worker in this tick or the next; after the 3-hour grace
  they are marked ``expired`` with a warning. Note a read timeout may hide a delivered
  message; retrying it is the issue's explicit choice for timeouts.
* Forbidden: the user is marked inactive and unscheduled (``users_reactivated`` trigger puts
  them back when they write again). BadRequest (e.g. chat not found): ``failed``, logged.

Bounded concurrency: at most ``concurrency`` sends are in flight, each in its own worker, so
one slow chat holds one worker while the others carry on. The rate limiter spaces them.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.context import TendApplication, TendContext, services_of
from bot.domain.schedule import MISSED_CHECKIN_GRACE, is_missed_too_late
from bot.scheduling.composer import compose
from bot.scheduling.planner import Plan, Reason, plan_checkin, upcoming_checkin
from bot.services import Services
from bot.sweep_tasks import SWEEP_TASKS
from storage.checkins import (
    CheckinStatus,
    NewClaim,
    QueuedCheckin,
    ScheduleRow,
    ScheduleUpdate,
)
from storage.learning import CheckinVarietyRepository
from storage.personal import personal_inputs

log = logging.getLogger(__name__)

SWEEPER_KEY = "checkin_sweeper"
JOB_NAME = "checkin-sweep"
DEFAULT_CONCURRENCY = 16
DEFAULT_BATCH = 64
_MAX_BACKOFF_SECONDS = 60
_YIELD_EVERY = 8  # composing is CPU work: never hold the event loop for a whole batch

KeyboardFactory = Callable[[int, int | None], InlineKeyboardMarkup]
"""Builds the check-in's buttons from its id and its follow-up's (``handlers.checkins``)."""


@dataclass(frozen=True)
class RoundResult:
    """What one claim round did: users looked at, and the check-ins it queued."""

    users_seen: int
    queued: list[QueuedCheckin]
    reasons: Counter[Reason]


class CheckinPipeline:
    """Picking due users, composing and claiming their check-ins. Database only, no Telegram.

    Split from delivery so the benchmark can measure composing on its own.
    """

    def __init__(self, services: Services, *, batch_size: int = DEFAULT_BATCH) -> None:
        self.services = services
        self.batch_size = batch_size

    async def claim_round(self, now: datetime) -> RoundResult:
        """Plan, compose and claim one batch of due users (one write transaction)."""
        rows = await self.services.checkins.due_users(now, self.batch_size)
        reasons: Counter[Reason] = Counter()
        updates: list[ScheduleUpdate] = []
        owed: list[tuple[ScheduleRow, Plan]] = []
        for row in rows:
            try:
                plan = plan_checkin(row, now)
            except Exception:
                # A row we cannot plan (a zone tzdata no longer knows, say) must not wedge the
                # sweep: unschedule it loudly; a settings change schedules it again.
                log.exception("cannot plan the check-in for user %s; unscheduled", row.user_id)
                updates.append(ScheduleUpdate(row.user_id, None, row.next_checkin_at))
                continue
            reasons[plan.reason] += 1
            if plan.send:
                owed.append((row, plan))
            else:
                updates.append(ScheduleUpdate(row.user_id, plan.next_at, row.next_checkin_at))
        claims, skipped = await self.compose_claims(owed, now)
        updates.extend(skipped)
        await self.services.checkins.apply_schedule(updates)
        queued = await self.services.checkins.claim(now, claims)
        return RoundResult(len(rows), queued, reasons)

    async def compose_claims(
        self, owed: Sequence[tuple[ScheduleRow, Plan]], now: datetime
    ) -> tuple[list[NewClaim], list[ScheduleUpdate]]:
        """Compose each owed check-in from a batch load of the users' histories and their
        personal inputs (dates, follow-ups, circumstances: one `personal_inputs` per round)."""
        if not owed:
            return [], []
        services = self.services
        user_ids = [row.user_id for row, _ in owed]
        inputs = await services.checkins.compose_inputs(user_ids)
        history = await services.suggestion_history.recent(user_ids, now)
        recent = await CheckinVarietyRepository(services.db).recent(user_ids)
        personal = await personal_inputs(
            services.db, {row.user_id: plan.local_date for row, plan in owed if plan.local_date}
        )
        claims: list[NewClaim] = []
        skipped: list[ScheduleUpdate] = []
        for index, (row, plan) in enumerate(owed):
            assert plan.local_date is not None and plan.due_at is not None
            if index % _YIELD_EVERY == _YIELD_EVERY - 1:
                await asyncio.sleep(0)  # let sends and updates in flight move on
            try:
                message = compose(
                    row,
                    inputs[row.user_id],
                    history[row.user_id],
                    services.catalogue,
                    now=now,
                    local_date=plan.local_date,
                    recent=[p for p in recent[row.user_id] if p.local_date < plan.local_date],
                    personal=personal.get(row.user_id),
                )
            except Exception:
                log.exception("cannot compose the check-in for user %s; skipped today", row.user_id)
                skipped.append(ScheduleUpdate(row.user_id, plan.next_at, row.next_checkin_at))
                continue
            if message is None:  # "only when something is quiet", and nothing is
                next_at = upcoming_checkin(row, now)
                skipped.append(ScheduleUpdate(row.user_id, next_at, row.next_checkin_at))
                continue
            claims.append(
                NewClaim(
                    user_id=row.user_id,
                    chat_id=row.chat_id,
                    local_date=plan.local_date,
                    due_at=plan.due_at,
                    text=message.text,
                    next_at=plan.next_at,
                    expected_next=row.next_checkin_at,
                    suggestion=message.suggestion,
                    message=message,
                )
            )
        return claims, skipped


class CheckinSweeper:
    """The periodic job plus the delivery workers it wakes."""

    def __init__(
        self,
        application: TendApplication,
        keyboard: KeyboardFactory,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self._app = application
        self._keyboard = keyboard
        self._concurrency = concurrency
        self._batch_size = batch_size
        self._buffer: deque[QueuedCheckin] = deque()
        self._take_lock = asyncio.Lock()
        self._workers = 0

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self._app)

    @property
    def pipeline(self) -> CheckinPipeline:
        """Claiming and composing, over the same services."""
        return CheckinPipeline(self.services, batch_size=self._batch_size)

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Start-up: settle crash leftovers, then schedule the one repeating job.

        The first tick runs at once, which is the start-up catch-up: anything due while we
        were down is sent if at most 3 hours late (the planner decides).
        """
        unknown = await self.services.checkins.recover_in_flight()
        if unknown:
            log.warning(
                "%d check-in(s) were being sent when the bot stopped; they may have arrived, "
                "so they are not sent again",
                unknown,
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
        """Wake delivery (it runs on its own), then the other features' sweep tasks."""
        now = self.services.clock.now()
        # One more worker each tick (up to the bound): busy ones may be stuck on a slow chat,
        # and this one picks up whoever else is due. Idle workers exit at once.
        if self._workers < self._concurrency and self._app.running:
            self._spawn_worker()
        for task in list(SWEEP_TASKS):
            try:
                await task(self._app, now)
            except Exception:
                log.exception("sweep task %s failed", getattr(task, "__qualname__", task))

    # ------------------------------------------------------------------ workers
    def _spawn_worker(self) -> None:
        self._workers += 1
        self._app.create_task(self._worker(), name="checkin-delivery")

    async def _worker(self) -> None:
        try:
            while self._app.running:
                item = await self._take()
                if item is None:
                    return
                await self.deliver(item)
        except Exception:
            log.exception("check-in delivery worker stopped unexpectedly")
        finally:
            self._workers -= 1

    async def _take(self) -> QueuedCheckin | None:
        """The next check-in to send, already marked ``sending``; None when nothing is owed."""
        async with self._take_lock:
            while self._app.running:
                if not self._buffer and not await self._refill():
                    return None
                item = self._buffer.popleft()
                if is_missed_too_late(item.due_at, self.services.clock.now()):
                    # Claimed before a long outage: no stale check-in at 3 a.m.
                    await self.services.checkins.mark_final(item.id, CheckinStatus.EXPIRED)
                    log.warning("check-in %s for user %s expired unsent", item.id, item.user_id)
                    continue
                if not await self.services.checkins.mark_sending(item.id):
                    continue  # taken meanwhile (a forced check-in)
                if self._buffer and self._workers < self._concurrency:
                    self._spawn_worker()
                return item
            return None

    async def _refill(self) -> bool:
        """Retries first, then newly claimed check-ins; False when there is no work now."""
        checkins = self.services.checkins
        while self._app.running:
            now = self.services.clock.now()
            retries = await checkins.queued_due(now, self._batch_size)
            if retries:
                self._buffer.extend(retries)
                return True
            result = await self.pipeline.claim_round(now)
            if result.users_seen == 0:
                return False
            _log_round(result)
            if result.queued:
                self._buffer.extend(result.queued)
                return True
        return False

    # ------------------------------------------------------------------ sending
    async def deliver(self, item: QueuedCheckin) -> None:
        """Send one check-in already marked ``sending`` and record what happened."""
        checkins = self.services.checkins
        followup = await CheckinVarietyRepository(self.services.db).followup_of(
            item.id, item.user_id
        )
        try:
            message = await self._app.bot.send_message(
                item.chat_id, item.text, reply_markup=self._keyboard(item.id, followup)
            )
        except Forbidden:
            await checkins.mark_blocked(item.id, item.user_id)
            log.info("user %s blocked the bot; marked inactive, check-ins stopped", item.user_id)
        except RetryAfter as error:
            await self._retry_later(item, _retry_after_seconds(error), "rate limited")
        except BadRequest as error:
            await checkins.mark_final(item.id, CheckinStatus.FAILED)
            log.warning(
                "check-in %s for user %s refused by Telegram (%s); not retried",
                item.id,
                item.user_id,
                error.message,
            )
        except TelegramError as error:  # timeouts, 5xx, network trouble
            await self._retry_later(item, 0.0, type(error).__name__)
        except Exception:
            log.exception("unexpected error sending check-in %s", item.id)
            await self._retry_later(item, 0.0, "unexpected error")
        else:
            await checkins.mark_sent(item.id, message.message_id, self.services.clock.now())

    async def _retry_later(self, item: QueuedCheckin, at_least: float, why: str) -> None:
        attempts = item.attempts + 1
        backoff = min(2 ** (attempts - 1), _MAX_BACKOFF_SECONDS)
        retry_at = self.services.clock.now() + timedelta(seconds=max(at_least, backoff))
        if retry_at - item.due_at > MISSED_CHECKIN_GRACE:
            await self.services.checkins.mark_final(item.id, CheckinStatus.EXPIRED)
            log.warning(
                "check-in %s for user %s given up after %d attempts (%s) past the grace period",
                item.id,
                item.user_id,
                attempts,
                why,
            )
            return
        await self.services.checkins.requeue(item.id, retry_at)
        log.info(
            "check-in %s for user %s: %s, retry %d in %.0f s",
            item.id,
            item.user_id,
            why,
            attempts,
            (retry_at - self.services.clock.now()).total_seconds(),
        )

    # ------------------------------------------------------------------ on demand
    async def send_now(self, user_id: int) -> Reason:
        """Send this user's check-in now as if it were their check-in time (still claimed).

        Follows every rule except the clock: not while paused, off or blocked, never twice on
        one local date. Returns why it did or did not send.
        """
        services = self.services
        now = services.clock.now()
        row = await services.checkins.schedule_row(user_id)
        if row is None:
            return Reason.NOT_SET_UP
        plan = plan_checkin(row, now, forced=True)
        if not plan.send:
            return plan.reason
        claims, skipped = await self.pipeline.compose_claims([(row, plan)], now)
        await services.checkins.apply_schedule(skipped)
        for item in await services.checkins.claim(now, claims):
            if await services.checkins.mark_sending(item.id):
                await self.deliver(item)
        return plan.reason if claims else Reason.NOT_DUE


def _retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 deprecates the int form; both are handled
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: float | timedelta = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


def _log_round(result: RoundResult) -> None:
    skipped = {str(reason): count for reason, count in result.reasons.items() if count}
    log.info(
        "check-in sweep: %d due user(s) looked at, %d check-in(s) queued %s",
        result.users_seen,
        len(result.queued),
        skipped,
    )


def sweeper_of(application: TendApplication) -> CheckinSweeper:
    """The application's sweeper (made by ``handlers.checkins.register``)."""
    sweeper = application.bot_data.get(SWEEPER_KEY)
    if not isinstance(sweeper, CheckinSweeper):
        raise RuntimeError("check-ins are not registered on this application")
    return sweeper


async def send_checkin_now(application: TendApplication, user_id: int) -> None:
    """The console's ``:checkin``: this user's check-in now, as at their check-in time.

    Recorded like any other, so it still counts as the one check-in of that local date; a
    second call the same day, or a paused/off/blocked user, sends nothing (logged).
    """
    reason = await sweeper_of(application).send_now(user_id)
    if reason is not Reason.FORCED:
        log.info("no check-in sent to user %s now: %s", user_id, reason)
