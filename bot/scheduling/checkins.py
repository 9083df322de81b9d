"""Daily check-ins as a delivery source: pick due users, compose and claim, then deliver.

Claiming: for a batch of due users the planner decides; owed check-ins are composed and one
transaction inserts their ``checkins`` rows (UNIQUE per user and local date, status
``queued``) and moves each user's ``next_checkin_at`` on. Nothing has been sent yet. Users whose
settings changed (``needs_reschedule``) get both schedules worked out again and nothing sent.

Delivery: the row becomes ``sending`` only when its request is handed to the HTTP client (the
rate limiter calls back), then ``sent``; see ``bot.scheduling.delivery`` for failures.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from telegram import InlineKeyboardMarkup

from bot.context import TendApplication, services_of
from bot.domain.schedule import MISSED_CHECKIN_GRACE, is_missed_too_late
from bot.scheduling.composer import compose
from bot.scheduling.delivery import Settle, judge, retry_time
from bot.scheduling.limiter import NotHandedOver, ScheduledSend
from bot.scheduling.planner import Plan, Reason, plan_checkin, upcoming_checkin, upcoming_digest
from bot.services import Services
from storage.checkins import (
    CheckinStatus,
    NewClaim,
    QueuedCheckin,
    Reschedule,
    ScheduleUpdate,
    expected_next,
)
from storage.personal import personal_inputs
from storage.users import User

log = logging.getLogger(__name__)

DEFAULT_BATCH = 64
SWEEP_BATCH = 16
"""Users claimed per round while sending: a round holds the database (and, composing, the
event loop) for a quarter of the time of a full batch, so replies never wait behind it. At
29 sends a second that is still a round every half second."""
_YIELD_EVERY = 8  # composing is CPU work: never hold the event loop for a whole batch

KeyboardFactory = Callable[[int, int | None], InlineKeyboardMarkup]
"""Builds the check-in's buttons from its id and its follow-up's (supplied by the composition
root)."""


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
        reschedules: list[Reschedule] = []
        owed: list[tuple[User, Plan]] = []
        for row in rows:
            if row.needs_reschedule:
                reasons[Reason.SETTINGS_CHANGED] += 1
                reschedules.append(_reschedule(row, now))
                continue
            try:
                plan = plan_checkin(row, now)
            except Exception:
                # A row we cannot plan (a zone tzdata no longer knows, say) must not wedge the
                # sweep: unschedule it loudly; a settings change schedules it again.
                log.exception("cannot plan the check-in for user %s; unscheduled", row.id)
                updates.append(ScheduleUpdate(row.id, None, expected_next(row)))
                continue
            reasons[plan.reason] += 1
            if plan.send:
                owed.append((row, plan))
            else:
                updates.append(ScheduleUpdate(row.id, plan.next_at, expected_next(row)))
        claims, skipped = await self.compose_claims(owed, now)
        updates.extend(skipped)
        await self.services.checkins.apply_reschedule(reschedules)
        await self.services.checkins.apply_schedule(updates)
        queued = await self.services.checkins.claim(now, claims)
        return RoundResult(len(rows), queued, reasons)

    async def compose_claims(
        self, owed: Sequence[tuple[User, Plan]], now: datetime
    ) -> tuple[list[NewClaim], list[ScheduleUpdate]]:
        """Compose each owed check-in from a batch load of the users' histories and their
        personal inputs (dates, follow-ups, circumstances: one `personal_inputs` per round).

        The loads are independent reads, asked for at once: the connection's thread runs them
        back to back instead of waiting for the event loop between each.
        """
        if not owed:
            return [], []
        services = self.services
        user_ids = [row.id for row, _ in owed]
        inputs, history, recent, personal = await asyncio.gather(
            services.checkins.compose_inputs(user_ids),
            services.suggestion_history.recent(user_ids, now),
            services.checkin_variety.recent(user_ids),
            personal_inputs(
                services.db, {row.id: plan.local_date for row, plan in owed if plan.local_date}
            ),
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
                    inputs[row.id],
                    history[row.id],
                    services.catalogue,
                    now=now,
                    local_date=plan.local_date,
                    recent=[p for p in recent[row.id] if p.local_date < plan.local_date],
                    personal=personal.get(row.id),
                )
            except Exception:
                log.exception("cannot compose the check-in for user %s; skipped today", row.id)
                skipped.append(ScheduleUpdate(row.id, plan.next_at, expected_next(row)))
                continue
            if message is None:  # "only when something is quiet", and nothing is
                next_at = upcoming_checkin(row, now)
                skipped.append(ScheduleUpdate(row.id, next_at, expected_next(row)))
                continue
            claims.append(
                NewClaim(
                    user_id=row.id,
                    chat_id=row.chat_id,
                    local_date=plan.local_date,
                    due_at=plan.due_at,
                    text=message.text,
                    next_at=plan.next_at,
                    expected_next=expected_next(row),
                    suggestion=message.suggestion,
                    message=message,
                )
            )
        return claims, skipped


def _reschedule(row: User, now: datetime) -> Reschedule:
    try:
        return Reschedule(row, upcoming_checkin(row, now), upcoming_digest(row, now))
    except Exception:
        log.exception("cannot reschedule user %s; unscheduled until settings change", row.id)
        return Reschedule(row, None, None)


class CheckinSource:
    """Check-ins for the sweep's workers."""

    name = "check-in"

    def __init__(
        self,
        application: TendApplication,
        keyboard: KeyboardFactory,
        *,
        batch_size: int = SWEEP_BATCH,
    ) -> None:
        self._app = application
        self._keyboard = keyboard
        self._batch_size = batch_size

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self._app)

    @property
    def pipeline(self) -> CheckinPipeline:
        """Claiming and composing, over the same services."""
        return CheckinPipeline(self.services, batch_size=self._batch_size)

    def item_id(self, item: QueuedCheckin) -> int:
        """The ``checkins`` row id."""
        return item.id

    async def recover(self) -> int:
        """Requests in flight at a crash may have arrived: marked ``unknown``, not resent."""
        return await self.services.checkins.recover_in_flight()

    async def fetch(self, now: datetime, exclude: set[int]) -> list[QueuedCheckin]:
        """Retries whose time has come first, then newly claimed check-ins."""
        retries = await self.services.checkins.queued_due(now, self._batch_size, exclude)
        if retries:
            return retries
        while True:
            result = await self.pipeline.claim_round(now)
            if result.users_seen == 0:
                return []
            _log_round(result)
            if result.queued:
                return result.queued

    async def deliver(self, item: QueuedCheckin) -> None:
        """Send one queued check-in and record what happened."""
        checkins = self.services.checkins
        if is_missed_too_late(item.due_at, self.services.clock.now()):
            # Claimed before a long outage: no stale check-in at 3 a.m.
            await checkins.mark_final(item.id, CheckinStatus.EXPIRED)
            log.warning("check-in %s for user %s expired unsent", item.id, item.user_id)
            return
        followup = await self.services.checkin_variety.followup_of(item.id, item.user_id)
        send = ScheduledSend(on_handed=partial(checkins.mark_sending, item.id))
        try:
            message = await self._app.bot.send_message(
                item.chat_id,
                item.text,
                reply_markup=self._keyboard(item.id, followup),
                rate_limit_args=send,
            )
        except NotHandedOver:
            return  # taken meanwhile (a forced check-in)
        except Exception as error:  # settled below, whatever it was
            await self._failed(item, error, handed=send.handed)
        else:
            await checkins.mark_sent(item.id, message.message_id, self.services.clock.now())

    async def _failed(self, item: QueuedCheckin, error: Exception, *, handed: bool) -> None:
        checkins = self.services.checkins
        verdict = judge(error, handed=handed)
        why = type(error).__name__
        if verdict.settle is Settle.BLOCKED:
            await checkins.mark_blocked(item.id, item.user_id)
            log.info("user %s blocked the bot; marked inactive, check-ins stopped", item.user_id)
        elif verdict.settle is Settle.REFUSED:
            await checkins.mark_final(item.id, CheckinStatus.FAILED)
            log.warning(
                "check-in %s for user %s refused by Telegram (%s); not retried",
                item.id,
                item.user_id,
                getattr(error, "message", why),
            )
        elif verdict.settle is Settle.UNKNOWN:
            await checkins.mark_unknown(item.id)
            log.warning(
                "check-in %s for user %s: no answer after the request left (%s); it may have "
                "arrived, so it is not sent again",
                item.id,
                item.user_id,
                why,
            )
        else:
            attempts = item.attempts + (1 if handed else 0)
            now = self.services.clock.now()
            retry_at = retry_time(
                now, item.due_at, max(attempts, 1), verdict.at_least_seconds, MISSED_CHECKIN_GRACE
            )
            if retry_at is None:
                await checkins.mark_final(item.id, CheckinStatus.EXPIRED)
                log.warning(
                    "check-in %s for user %s given up after %d attempts (%s) past the grace",
                    item.id,
                    item.user_id,
                    attempts,
                    why,
                )
                return
            await checkins.requeue(item.id, retry_at)
            log.info(
                "check-in %s for user %s: %s, retry in %.0f s",
                item.id,
                item.user_id,
                why,
                (retry_at - now).total_seconds(),
            )

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
            await self.deliver(item)
        return plan.reason if claims else Reason.NOT_DUE


def _log_round(result: RoundResult) -> None:
    skipped = {str(reason): count for reason, count in result.reasons.items() if count}
    log.info(
        "check-in sweep: %d due user(s) looked at, %d check-in(s) queued %s",
        result.users_seen,
        len(result.queued),
        skipped,
    )
