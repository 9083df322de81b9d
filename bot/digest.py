"""The optional weekly digest: the week's summary, on the user's chosen day at check-in time.

It runs as a task of the scheduler's one periodic sweep (``bot.sweep_tasks.SWEEP_TASKS``). Each
tick it asks the database who is due (``users.next_digest_at``), moves that user's schedule on
to next week *before* sending (so a crash or restart mid-send can never send it twice; the
cost is that a send that fails is not retried), then sends the chart and the text.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram.error import Forbidden, TelegramError

from bot.context import services_of
from bot.domain.digest import is_digest_too_late, next_digest_at
from bot.domain.summary import SummaryPeriod
from bot.services import Services
from bot.sweep_tasks import SWEEP_TASKS
from storage.digests import RESCHEDULE, DigestRepository, DueDigest
from storage.users import to_epoch

log = logging.getLogger(__name__)

DIGESTS_PER_TICK = 25
"""Each digest renders a chart (~0.1-0.3 s); capping a tick keeps the sweep's other work on
time, and whoever is left over goes out on the next tick, seconds later."""

DIGEST_INTRO = "Your weekly digest. /digest changes the day or turns it off."


async def send_due_digests(application: Any, now: datetime) -> None:
    """Sweep task: send every digest that is due at ``now``."""
    services = services_of(application)
    repository = DigestRepository(services.db)
    for due in await repository.due(now, DIGESTS_PER_TICK):
        try:
            await _deliver(application, services, repository, due, now)
        except Forbidden:
            await services.users.set_active(due.user.id, False)
            log.info("user %s blocked the bot; weekly digest not delivered", due.user.id)
        except TelegramError as error:
            log.warning("weekly digest for user %s not delivered: %s", due.user.id, error)
        except Exception:
            # One user's broken digest must not hold back everyone after them.
            log.exception("weekly digest for user %s failed", due.user.id)


async def _deliver(
    application: Any,
    services: Services,
    repository: DigestRepository,
    due: DueDigest,
    now: datetime,
) -> None:
    # Imported here: handlers import this module to register the task.
    from handlers.summary import build_figures, send_summary

    user = due.user
    if user.checkin_time is None:
        await repository.set(user.id, due.weekday, None)
        return
    zone = user.zone
    if to_epoch(due.due_at) == RESCHEDULE:
        following = next_digest_at(now, zone, due.weekday, user.checkin_time, due.last_sent)
        await repository.claim(user.id, due.due_at, following, None)
        return
    # The check-in time or zone may have changed without a reschedule; trust only the
    # instant the current settings give for this week.
    corrected = next_digest_at(
        due.due_at - timedelta(days=1), zone, due.weekday, user.checkin_time, due.last_sent
    )
    if corrected > now:
        await repository.claim(user.id, due.due_at, corrected, None)
        return
    paused = user.paused_until is not None and user.paused_until > now
    skip = not user.active or paused or is_digest_too_late(corrected, now)
    today = now.astimezone(zone).date()
    last_sent = due.last_sent if skip else today
    following = next_digest_at(now, zone, due.weekday, user.checkin_time, last_sent)
    claimed = await repository.claim(user.id, due.due_at, following, None if skip else today)
    if not claimed or skip:
        return
    figures = await build_figures(services, user, SummaryPeriod.WEEK, now)
    await send_summary(application.bot, user.chat_id, figures, intro=DIGEST_INTRO)
    log.info("weekly digest sent to user %s", user.id)


def install() -> None:
    """Add the digest to the sweep once, however many Applications are built (tests build
    several per process)."""
    if send_due_digests not in SWEEP_TASKS:
        SWEEP_TASKS.append(send_due_digests)
