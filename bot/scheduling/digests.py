"""The weekly digest as a delivery source: claimed in the database, delivered by the sweep's
workers at the send ceiling, retried within the 12-hour grace, never sent twice.

One message where Telegram allows it: the chart with the summary as its caption (at most
1,024 characters); otherwise two (the chart, then the text). The second message of a pair is
retried on its own, so a failure after the chart never repeats the chart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from telegram import InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from bot.context import TendApplication, services_of
from bot.domain.digest import DIGEST_GRACE, is_digest_too_late, next_digest_at
from bot.domain.summary import SummaryPeriod, render_empty_summary
from bot.reports import build_figures, chart_caption, fits_caption, render_chart, summary_text
from bot.scheduling.delivery import Settle, judge, retry_time
from bot.scheduling.limiter import NotHandedOver, ScheduledSend
from bot.services import Services
from storage.checkins import CheckinStatus
from storage.digests import DigestMove, DueDigest, QueuedDigest

log = logging.getLogger(__name__)

DIGEST_INTRO = "Your weekly digest. /digest changes the day or turns it off."
CHART_FILENAME = "tend-summary.png"
DEFAULT_BATCH = 64


@dataclass(frozen=True)
class DigestButtons:
    """The digest's buttons, from the /summary feature (supplied by the composition root).

    ``summary(chart_message_id)``: the Week/Month/Year buttons; ``empty()``: for a week with
    nothing logged.
    """

    summary: Callable[[int | None], InlineKeyboardMarkup]
    empty: Callable[[], InlineKeyboardMarkup]


def plan_digest(due: DueDigest, now: datetime) -> DigestMove:
    """Pure: for a user whose digest instant has come, where the schedule moves and whether a
    digest is owed (not while paused or inactive, not more than 12 hours late)."""
    user = due.user
    if user.checkin_time is None:
        return DigestMove(user.id, due.due_at, None, None)
    zone = user.zone
    # The check-in time or zone may have changed without a reschedule; trust only the
    # instant the current settings give for this week.
    corrected = next_digest_at(
        due.due_at - timedelta(days=1), zone, due.weekday, user.checkin_time, due.last_sent
    )
    if corrected > now:
        return DigestMove(user.id, due.due_at, corrected, None)
    paused = user.paused_until is not None and user.paused_until > now
    skip = not user.active or paused or is_digest_too_late(corrected, now)
    today = now.astimezone(zone).date()
    last_sent = due.last_sent if skip else today
    following = next_digest_at(now, zone, due.weekday, user.checkin_time, last_sent)
    return DigestMove(user.id, due.due_at, following, None if skip else today)


class DigestSource:
    """Weekly digests for the sweep's workers."""

    name = "digest"

    def __init__(
        self,
        application: TendApplication,
        buttons: DigestButtons,
        *,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self._app = application
        self._buttons = buttons
        self._batch_size = batch_size

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self._app)

    def item_id(self, item: QueuedDigest) -> int:
        """The ``digests`` row id."""
        return item.id

    async def recover(self) -> int:
        """Requests in flight at a crash may have arrived: marked ``unknown``, not resent."""
        return await self.services.digests.recover_in_flight()

    async def claim_round(self, now: datetime) -> int:
        """Move due users' schedules on and claim owed digests; returns users looked at."""
        digests = self.services.digests
        due = await digests.due(now, self._batch_size)
        moves: list[DigestMove] = []
        for item in due:
            try:
                moves.append(plan_digest(item, now))
            except Exception:
                log.exception("cannot plan the digest for user %s; turned off", item.user.id)
                moves.append(DigestMove(item.user.id, item.due_at, None, None))
        claimed = await digests.claim(now, moves)
        if due:
            log.info("digest sweep: %d due user(s), %d digest(s) claimed", len(due), len(claimed))
        return len(due)

    async def fetch(self, now: datetime, exclude: set[int]) -> list[QueuedDigest]:
        """Queued digests whose time has come; claims newly due ones when there are none."""
        digests = self.services.digests
        while True:
            queued = await digests.queued_due(now, self._batch_size, exclude)
            if queued:
                return queued
            if await self.claim_round(now) == 0:
                return []

    async def deliver(self, item: QueuedDigest) -> None:
        """Build, render and send one digest; record what happened."""
        services = self.services
        now = services.clock.now()
        if is_digest_too_late(item.due_at, now):
            await services.digests.mark_final(item.id, CheckinStatus.EXPIRED)
            log.warning("digest %s for user %s expired unsent", item.id, item.user_id)
            return
        user = await services.users.get(item.user_id)
        if user is None:
            return  # deleted meanwhile; the row went with them
        send = ScheduledSend(on_handed=partial(services.digests.mark_sending, item.id))
        try:
            figures = await build_figures(services, user, SummaryPeriod.WEEK, now)
            bot = self._app.bot
            text = summary_text(figures, DIGEST_INTRO)
            message: Message
            if figures.is_empty:
                message = await bot.send_message(
                    item.chat_id,
                    f"{DIGEST_INTRO}\n{render_empty_summary()}",
                    reply_markup=self._buttons.empty(),
                    rate_limit_args=send,
                )
            elif item.parts_sent == 0 and fits_caption(text):
                message = await bot.send_photo(
                    item.chat_id,
                    photo=await render_chart(figures),
                    caption=text,
                    filename=CHART_FILENAME,
                    reply_markup=self._buttons.summary(None),
                    rate_limit_args=send,
                )
            else:
                chart_id = item.chart_message_id
                if item.parts_sent == 0:
                    chart = await bot.send_photo(
                        item.chat_id,
                        photo=await render_chart(figures),
                        caption=chart_caption(figures),
                        filename=CHART_FILENAME,
                        rate_limit_args=send,
                    )
                    chart_id = chart.message_id
                    await services.digests.mark_part_sent(item.id, chart_id)
                    send = ScheduledSend(on_handed=partial(services.digests.mark_sending, item.id))
                message = await bot.send_message(
                    item.chat_id,
                    text,
                    reply_markup=self._buttons.summary(chart_id),
                    rate_limit_args=send,
                )
        except NotHandedOver:
            return
        except Exception as error:  # settled below, whatever it was
            await self._failed(item, error, handed=send.handed)
        else:
            await services.digests.mark_sent(item.id, message.message_id, services.clock.now())
            log.info("weekly digest sent to user %s", item.user_id)

    async def _failed(self, item: QueuedDigest, error: Exception, *, handed: bool) -> None:
        digests = self.services.digests
        verdict = judge(error, handed=handed)
        why = type(error).__name__
        if verdict.settle is Settle.BLOCKED:
            await digests.mark_blocked(item.id, item.user_id)
            log.info("user %s blocked the bot; weekly digest not delivered", item.user_id)
        elif verdict.settle is Settle.REFUSED:
            await digests.mark_final(item.id, CheckinStatus.FAILED)
            log.warning(
                "digest %s for user %s refused by Telegram (%s)", item.id, item.user_id, why
            )
        elif verdict.settle is Settle.UNKNOWN:
            await digests.mark_final(item.id, CheckinStatus.UNKNOWN)
            log.warning(
                "digest %s for user %s: no answer after the request left (%s); not sent again",
                item.id,
                item.user_id,
                why,
            )
        else:
            if not isinstance(error, TelegramError):  # a bug building it: keep the trace
                log.warning("digest %s for user %s failed", item.id, item.user_id, exc_info=error)
            now = self.services.clock.now()
            attempts = item.attempts + (1 if handed else 0)
            retry_at = retry_time(
                now, item.due_at, max(attempts, 1), verdict.at_least_seconds, DIGEST_GRACE
            )
            if retry_at is None:
                await digests.mark_final(item.id, CheckinStatus.EXPIRED)
                log.warning("digest %s for user %s given up past the grace", item.id, item.user_id)
                return
            await digests.requeue(item.id, retry_at)
            log.info("digest %s for user %s: %s, retry at %s", item.id, item.user_id, why, retry_at)
