"""The daily check-in's buttons ("Log a connection" is the shared StartLog, for /log)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import pausing
from bot.domain.log_buttons import StartLog
from bot.domain.pausing import CheckinAction
from bot.scheduling import control
from bot.scheduling.composer import AnotherIdea, compose
from handlers import replies
from handlers.buttons import Route, StaleButton
from handlers.keyboards import keyboard
from storage.checkins import CheckinRecord, CheckinResponse

LOG_BUTTON = ("📝 Log a connection", StartLog())
RESPONSES = {
    CheckinAction.NOT_TODAY: CheckinResponse.NOT_TODAY,
    CheckinAction.SNOOZE: CheckinResponse.SNOOZED,
    CheckinAction.PAUSE: CheckinResponse.PAUSED,
}


@dataclass(frozen=True)
class CheckinButton(CallbackData, prefix="ck"):
    """A button on one check-in; `days` is only used by snooze."""

    action: CheckinAction
    checkin_id: int
    days: int = 0


def checkin_keyboard(checkin_id: int) -> InlineKeyboardMarkup:
    """The buttons every check-in carries."""

    def press(action: CheckinAction, days: int = 0) -> CheckinButton:
        return CheckinButton(action, checkin_id, days)

    idea, not_today = press(CheckinAction.ANOTHER_IDEA), press(CheckinAction.NOT_TODAY)
    snooze = [
        (f"Snooze {days} day{'s' if days > 1 else ''}", press(CheckinAction.SNOOZE, days))
        for days in pausing.SNOOZE_CHOICES
    ]
    pause = [("Pause check-ins", press(CheckinAction.PAUSE))]
    return keyboard(
        [[LOG_BUTTON], [("💡 Another idea", idea), ("Not today", not_today)], snooze, pause]
    )


async def on_checkin_button(
    update: Update, context: TendContext, button: CheckinButton
) -> str | None:
    """Every check-in button: only on the presser's own check-in, then act."""
    query, user, services = update.callback_query, update.effective_user, context.services
    assert query is not None and user is not None
    record = await services.checkins.get(button.checkin_id, user.id)
    snooze = button.action is CheckinAction.SNOOZE
    if record is None or (snooze and button.days not in pausing.SNOOZE_CHOICES):
        raise StaleButton(pausing.CHECKIN_POINTER)
    if button.action is CheckinAction.ANOTHER_IDEA:
        return await _another_idea(update, context, record)
    if button.action is CheckinAction.NOT_TODAY:
        next_at = await control.reschedule(services, user.id)
    else:
        next_at = await control.pause(services, user.id, button.days if snooze else None)
    await services.checkins.set_response(record.id, user.id, RESPONSES[button.action])
    with contextlib.suppress(BadRequest):  # answered check-ins keep only "Log a connection"
        await replies.edit_buttons(query, keyboard([[LOG_BUTTON]]))
    sentence = await control.describe_next(services, user.id, next_at)
    await replies.send(update, context, pausing.answer_text(button.action, button.days, sentence))
    return pausing.TOASTS.get(button.action, "Paused")


async def _another_idea(update: Update, context: TendContext, record: CheckinRecord) -> str | None:
    """Edit the check-in around an idea not shown in the last 14 days."""
    services, user_id = context.services, record.user_id
    row = await services.checkins.schedule_row(user_id)
    if row is None or row.timezone is None:
        raise StaleButton(pausing.CHECKIN_POINTER)
    now = services.clock.now()
    inputs = await services.checkins.compose_inputs([user_id])
    history = await services.suggestion_history.recent([user_id], now)
    shown_here = await services.suggestion_history.shown_for_checkin(record.id, user_id)
    variety = services.variety
    recent = await variety.recent([user_id], before=record.local_date)
    composed = compose(
        row,
        inputs[user_id],
        history[user_id],
        services.catalogue,
        now=now,
        local_date=record.local_date,
        recent=recent[user_id],
        another=AnotherIdea(frozenset(shown_here), attempt=len(shown_here)),
    )
    if composed is None or composed.suggestion is None:
        return pausing.NO_MORE_IDEAS
    await services.suggestion_history.record(user_id, record.id, composed.suggestion, now)
    await variety.replace(user_id, record.id, record.local_date, composed)
    await services.checkins.set_response(record.id, user_id, CheckinResponse.ANOTHER_IDEA)
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    message = query.message if isinstance(query.message, Message) else None
    await replies.show(context, chat.id, composed.text, checkin_keyboard(record.id), edit=message)
    return None


BUTTONS = (Route(CheckinButton, on_checkin_button, pausing.CHECKIN_POINTER),)
