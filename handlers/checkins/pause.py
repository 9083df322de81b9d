"""/pause, /pause 7, /resume and /support."""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain import pausing
from bot.domain.checkin import CheckinFrequency
from bot.domain.crisis_lines import lines_for_zone
from bot.domain.safety_replies import support_text
from bot.scheduling import control
from handlers import replies
from storage.users import User


async def _set_up(update: Update, context: TendContext) -> User | None:
    """The user's schedule, or None (and a pointer to /start) before set-up is done."""
    assert update.effective_user is not None
    row = await context.services.checkins.schedule_row(update.effective_user.id)
    if row is None or not row.onboarded:
        await replies.send(update, context, pausing.NOT_SET_UP)
        return None
    return row


async def pause_command(update: Update, context: TendContext) -> None:
    """/pause or /pause N."""
    row, services = await _set_up(update, context), context.services
    if row is None:
        return
    try:
        days = pausing.parse_pause_days(list(context.args or []), control.MAX_PAUSE_DAYS)
    except ValueError:
        await replies.send(update, context, pausing.pause_usage(control.MAX_PAUSE_DAYS))
        return
    next_at = await control.pause(services, row.id, days)
    text = pausing.PAUSED_FOREVER
    if days is not None:
        sentence = await control.describe_next(services, row.id, next_at)
        text = pausing.PAUSED_FOR.format(days=pausing.day_span(days), next=sentence)
    await replies.send(update, context, text)


async def resume_command(update: Update, context: TendContext) -> None:
    """/resume: end a pause or snooze."""
    row, services = await _set_up(update, context), context.services
    if row is None:
        return
    was_paused = row.paused_until is not None and row.paused_until > services.clock.now()
    next_at = await control.resume(services, row.id)
    sentence = await control.describe_next(services, row.id, next_at)
    if row.frequency is CheckinFrequency.OFF:
        sentence += pausing.OFF_HINT
    text = (pausing.RESUMED if was_paused else pausing.NOT_PAUSED).format(next=sentence)
    await replies.send(update, context, text)


async def support_command(update: Update, context: TendContext) -> None:
    """/support: the lines of the user's country first, then general advice; Tend is not a
    crisis service. Works before set-up too (findahelpline.com then)."""
    assert update.effective_user is not None
    known = await context.services.users.get(update.effective_user.id)
    lines = lines_for_zone(known.timezone if known else None)
    await replies.send(update, context, support_text(lines))
