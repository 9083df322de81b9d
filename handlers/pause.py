"""/pause, /pause 7, /resume and /support."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import CommandHandler

from bot.context import TendApplication, TendContext
from bot.domain.checkin import SUPPORT_TEXT, CheckinFrequency
from bot.scheduling import control
from storage.checkins import ScheduleRow

NOT_SET_UP = "Let's set up your check-ins first: send /start. It takes a minute."
PAUSE_USAGE = (
    "Send /pause to pause check-ins until you /resume, or /pause 7 to pause for a number of "
    f"days (1 to {control.MAX_PAUSE_DAYS})."
)
PAUSED_FOREVER = (
    "Check-ins are paused. Send /resume whenever you'd like them back; "
    "you can still log a connection any time with /log."
)
PAUSED_FOR = "Check-ins are paused for {days}. {next} /resume brings them back sooner."
RESUMED = "Welcome back! {next}"
NOT_PAUSED = "Check-ins aren't paused. {next}"
OFF_HINT = " Check-ins are set to off; turn them on in /settings."


async def _setup_row(message: Message, context: TendContext, user_id: int) -> ScheduleRow | None:
    row = await context.services.checkins.schedule_row(user_id)
    if row is None or not row.onboarded:
        await message.reply_text(NOT_SET_UP)
        return None
    return row


def _parse_days(args: list[str]) -> int | str | None:
    """None: until /resume; an int: days; "bad": anything else."""
    if not args:
        return None
    if len(args) == 1 and args[0].isdigit():
        days = int(args[0])
        if 1 <= days <= control.MAX_PAUSE_DAYS:
            return days
    return "bad"


async def pause_command(update: Update, context: TendContext) -> None:
    """/pause or /pause N."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    if await _setup_row(message, context, user.id) is None:
        return
    days = _parse_days(list(context.args or []))
    if isinstance(days, str):
        await message.reply_text(PAUSE_USAGE)
        return
    services = context.services
    next_at = await control.pause(services, user.id, days)
    if days is None:
        await message.reply_text(PAUSED_FOREVER)
        return
    sentence = await control.describe_next(services, user.id, next_at)
    span = "1 day" if days == 1 else f"{days} days"
    await message.reply_text(PAUSED_FOR.format(days=span, next=sentence))


async def resume_command(update: Update, context: TendContext) -> None:
    """/resume: end a pause or snooze."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    row = await _setup_row(message, context, user.id)
    if row is None:
        return
    services = context.services
    was_paused = row.paused_until is not None and row.paused_until > services.clock.now()
    next_at = await control.resume(services, user.id)
    sentence = await control.describe_next(services, user.id, next_at)
    if row.frequency is CheckinFrequency.OFF:
        sentence += OFF_HINT
    await message.reply_text((RESUMED if was_paused else NOT_PAUSED).format(next=sentence))


async def support_command(update: Update, context: TendContext) -> None:
    """/support: where to find help; Tend is not a crisis service."""
    message = update.effective_message
    assert message is not None
    await message.reply_text(SUPPORT_TEXT)


def register(application: TendApplication) -> None:
    """The pause commands and /support."""
    application.add_handler(CommandHandler("pause", pause_command))
    application.add_handler(CommandHandler("resume", resume_command))
    application.add_handler(CommandHandler("support", support_command))
