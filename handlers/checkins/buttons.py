"""The daily check-in's buttons: another idea, not today, snooze, pause.

"Log a connection" is the shared ``StartLog`` button, answered by /log.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import pausing
from bot.scheduling import control
from bot.scheduling.composer import compose_with_new_idea
from handlers import replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard
from handlers.shared_callbacks import StartLog
from storage.checkins import CheckinRecord, CheckinResponse

LOG_LABEL = "📝 Log a connection"


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
            [(LOG_LABEL, StartLog())],
            [
                ("💡 Another idea", CheckinButton(CheckinAction.ANOTHER_IDEA, checkin_id)),
                ("Not today", CheckinButton(CheckinAction.NOT_TODAY, checkin_id)),
            ],
            [
                (
                    f"Snooze {days} day{'s' if days > 1 else ''}",
                    CheckinButton(CheckinAction.SNOOZE, checkin_id, days),
                )
                for days in pausing.SNOOZE_CHOICES
            ],
            [("Pause check-ins", CheckinButton(CheckinAction.PAUSE, checkin_id))],
        ]
    )


async def on_checkin_button(
    update: Update, context: TendContext, button: CheckinButton
) -> str | None:
    """Every check-in button: only on the presser's own check-in, then act."""
    user = update.effective_user
    assert user is not None
    services = context.services
    record = await services.checkins.get(button.checkin_id, user.id)
    if record is None:
        raise StaleButton(pausing.CHECKIN_POINTER)
    if button.action is CheckinAction.ANOTHER_IDEA:
        return await _another_idea(update, context, record)
    if button.action is CheckinAction.NOT_TODAY:
        await services.checkins.set_response(record.id, user.id, CheckinResponse.NOT_TODAY)
        await _keep_only_log_button(update)
        next_at = await control.reschedule(services, user.id)
        sentence = await control.describe_next(services, user.id, next_at)
        await replies.send(update, context, pausing.NOT_TODAY.format(next=sentence))
        return "Okay"
    if button.action is CheckinAction.SNOOZE:
        if button.days not in pausing.SNOOZE_CHOICES:
            raise StaleButton(pausing.CHECKIN_POINTER)
        next_at = await control.pause(services, user.id, button.days)
        await services.checkins.set_response(record.id, user.id, CheckinResponse.SNOOZED)
        await _keep_only_log_button(update)
        sentence = await control.describe_next(services, user.id, next_at)
        span = pausing.day_span(button.days)
        await replies.send(update, context, pausing.SNOOZED.format(days=span, next=sentence))
        return "Snoozed"
    await control.pause(services, user.id, None)
    await services.checkins.set_response(record.id, user.id, CheckinResponse.PAUSED)
    await _keep_only_log_button(update)
    await replies.send(update, context, pausing.PAUSED_FOREVER)
    return "Paused"


async def _another_idea(update: Update, context: TendContext, record: CheckinRecord) -> str | None:
    """Edit the check-in around an idea not shown in the last 14 days."""
    services = context.services
    row = await services.checkins.schedule_row(record.user_id)
    if row is None or row.timezone is None:
        raise StaleButton(pausing.CHECKIN_POINTER)
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
        return pausing.NO_MORE_IDEAS
    composed, chosen = result
    await services.suggestion_history.record(row.user_id, record.id, chosen, now)
    await services.checkins.set_response(record.id, row.user_id, CheckinResponse.ANOTHER_IDEA)
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    message = query.message if isinstance(query.message, Message) else None
    await replies.show(context, chat.id, composed.text, checkin_keyboard(record.id), edit=message)
    return None


async def _keep_only_log_button(update: Update) -> None:
    """Answered check-ins keep just "Log a connection", so old buttons can't be re-pressed."""
    assert update.callback_query is not None
    with contextlib.suppress(BadRequest):
        await update.callback_query.edit_message_reply_markup(
            reply_markup=keyboard([[(LOG_LABEL, StartLog())]])
        )
