"""The daily check-in's buttons, and wiring the check-in sweep into the application."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from enum import StrEnum

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.scheduling import control
from bot.scheduling.composer import compose_with_new_idea
from handlers.keyboards import keyboard
from handlers.shared_callbacks import StartLog
from storage.checkins import CheckinRecord, CheckinResponse

log = logging.getLogger(__name__)

SNOOZE_CHOICES = (1, 3)

OUT_OF_DATE = (
    "That button is out of date. /settings changes your check-ins, /pause takes a break, "
    "/help lists everything."
)
NOT_TODAY = "No problem, rest is fine too. {next}"
SNOOZED = "Snoozed for {days}. {next} /resume brings them back sooner."
PAUSED = (
    "Check-ins are paused. Send /resume whenever you'd like them back; "
    "you can still log a connection any time with /log."
)
NO_MORE_IDEAS = "That's every idea I have that fits right now. More tomorrow!"


class CheckinAction(StrEnum):
    """What a check-in button does (short values keep callback data small)."""

    NOT_TODAY = "n"
    ANOTHER_IDEA = "a"
    SNOOZE = "s"
    PAUSE = "p"


@dataclass(frozen=True)
class CheckinButton(CallbackData, prefix="ck"):
    """A button on one check-in; `days` is only used by snooze."""

    action: CheckinAction
    checkin_id: int
    days: int = 0


def checkin_keyboard(checkin_id: int) -> InlineKeyboardMarkup:
    """The buttons every check-in carries."""
    return keyboard(
        [
            [("📝 Log a connection", StartLog())],
            [
                ("💡 Another idea", CheckinButton(CheckinAction.ANOTHER_IDEA, checkin_id)),
                ("Not today", CheckinButton(CheckinAction.NOT_TODAY, checkin_id)),
            ],
            [
                (f"Snooze {days} day{'s' if days > 1 else ''}", _snooze(checkin_id, days))
                for days in SNOOZE_CHOICES
            ],
            [("Pause check-ins", CheckinButton(CheckinAction.PAUSE, checkin_id))],
        ]
    )


def _snooze(checkin_id: int, days: int) -> CheckinButton:
    return CheckinButton(CheckinAction.SNOOZE, checkin_id, days)


def _log_only_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[("📝 Log a connection", StartLog())]])


async def on_checkin_button(update: Update, context: TendContext) -> None:
    """Every check-in button: check it is this user's check-in, then act."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        button = CheckinButton.unpack(query.data or "")
    except CallbackDataError:
        await _out_of_date(query, context)
        return
    record = await context.services.checkins.get(button.checkin_id, user.id)
    if record is None:
        await _out_of_date(query, context)
        return
    if button.action is CheckinAction.ANOTHER_IDEA:
        await _another_idea(query, context, record)
    elif button.action is CheckinAction.NOT_TODAY:
        await _not_today(query, context, record)
    elif button.action is CheckinAction.SNOOZE:
        if button.days not in SNOOZE_CHOICES:
            await _out_of_date(query, context)
            return
        await _snooze_for(query, context, record, button.days)
    else:
        await _pause(query, context, record)


async def _not_today(query: CallbackQuery, context: TendContext, record: CheckinRecord) -> None:
    services = context.services
    await services.checkins.set_response(record.id, record.user_id, CheckinResponse.NOT_TODAY)
    await query.answer("Okay")
    await _keep_only_log_button(query)
    next_at = await control.reschedule(services, record.user_id)
    sentence = await control.describe_next(services, record.user_id, next_at)
    await _reply(query, context, NOT_TODAY.format(next=sentence))


async def _snooze_for(
    query: CallbackQuery, context: TendContext, record: CheckinRecord, days: int
) -> None:
    services = context.services
    next_at = await control.pause(services, record.user_id, days)
    await services.checkins.set_response(record.id, record.user_id, CheckinResponse.SNOOZED)
    await query.answer("Snoozed")
    await _keep_only_log_button(query)
    sentence = await control.describe_next(services, record.user_id, next_at)
    span = "1 day" if days == 1 else f"{days} days"
    await _reply(query, context, SNOOZED.format(days=span, next=sentence))


async def _pause(query: CallbackQuery, context: TendContext, record: CheckinRecord) -> None:
    services = context.services
    await control.pause(services, record.user_id, None)
    await services.checkins.set_response(record.id, record.user_id, CheckinResponse.PAUSED)
    await query.answer("Paused")
    await _keep_only_log_button(query)
    await _reply(query, context, PAUSED)


async def _another_idea(query: CallbackQuery, context: TendContext, record: CheckinRecord) -> None:
    """Edit the check-in around an idea not shown in the last 14 days."""
    services = context.services
    row = await services.checkins.schedule_row(record.user_id)
    if row is None or row.timezone is None:
        await _out_of_date(query, context)
        return
    now = services.clock.now()
    inputs = await services.checkins.compose_inputs([row.user_id])
    history = await services.suggestion_history.recent([row.user_id], now)
    shown_here = await services.suggestion_history.shown_for_checkin(record.id, row.user_id)
    result = compose_with_new_idea(
        row,
        inputs[row.user_id],
        history[row.user_id],
        services.catalogue,
        now=now,
        local_date=record.local_date,
        exclude_ids=frozenset(shown_here),
        attempt=len(shown_here),
    )
    if result is None:
        await query.answer(NO_MORE_IDEAS, show_alert=False)
        return
    message, chosen = result
    await services.suggestion_history.record(row.user_id, record.id, chosen, now)
    await services.checkins.set_response(record.id, row.user_id, CheckinResponse.ANOTHER_IDEA)
    await query.answer()
    try:
        await query.edit_message_text(message.text, reply_markup=checkin_keyboard(record.id))
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _keep_only_log_button(query: CallbackQuery) -> None:
    """Answered check-ins keep just "Log a connection", so old buttons can't be re-pressed."""
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=_log_only_keyboard())


async def _reply(query: CallbackQuery, context: TendContext, text: str) -> None:
    if query.message is not None:
        await context.bot.send_message(query.message.chat.id, text)


async def _out_of_date(query: CallbackQuery, context: TendContext) -> None:
    await query.answer("That button is out of date.")
    await _reply(query, context, OUT_OF_DATE)


async def on_checkin_changed(context: TendContext, user_id: int) -> None:
    """Onboarding changed the time or zone: the next check-in follows at once."""
    await control.reschedule(context.services, user_id)


def register(application: TendApplication) -> None:
    """The buttons and the change hook (the composition root builds and starts the sweep)."""
    from handlers import onboarding

    application.add_handler(
        CallbackQueryHandler(on_checkin_button, pattern=CheckinButton.pattern())
    )
    if on_checkin_changed not in onboarding.CHECKIN_CHANGED_HOOKS:
        onboarding.CHECKIN_CHANGED_HOOKS.append(on_checkin_changed)
