"""The daily check-in's buttons. "Log a connection" carries the check-in's id, so /log can
preselect whom it suggested; a follow-up idea adds Done / Later / Not needed."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import pausing
from bot.domain.days import today_in
from bot.domain.followups import FollowupAnswer
from bot.domain.log_buttons import LogFromCheckin
from bot.domain.pausing import CheckinAction
from bot.scheduling import control
from bot.scheduling.composer import AnotherIdea, compose
from handlers import replies
from handlers.buttons import Route, StaleButton
from handlers.keyboards import keyboard
from storage.checkins import CheckinRecord, CheckinResponse
from storage.personal import personal_inputs

LOG_LABEL = "📝 Log a connection"
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


@dataclass(frozen=True)
class FollowupButton(CallbackData, prefix="fua"):
    """Done / Later / Not needed under a follow-up offered by a check-in."""

    answer: FollowupAnswer
    followup: int
    checkin: int


def log_button(checkin_id: int) -> tuple[str, LogFromCheckin]:
    """ "Log a connection", preselecting whom this check-in suggested."""
    return (LOG_LABEL, LogFromCheckin(checkin_id))


def checkin_keyboard(checkin_id: int, followup_id: int | None = None) -> InlineKeyboardMarkup:
    """The buttons every check-in carries (plus the follow-up's answers when it offers one)."""

    def press(action: CheckinAction, days: int = 0) -> CheckinButton:
        return CheckinButton(action, checkin_id, days)

    idea, not_today = press(CheckinAction.ANOTHER_IDEA), press(CheckinAction.NOT_TODAY)
    snooze = [
        (f"Snooze {days} day{'s' if days > 1 else ''}", press(CheckinAction.SNOOZE, days))
        for days in pausing.SNOOZE_CHOICES
    ]
    pause = [("Pause check-ins", press(CheckinAction.PAUSE))]
    followup = (
        [
            [
                (answer.label, FollowupButton(answer, followup_id, checkin_id))
                for answer in FollowupAnswer
            ]
        ]
        if followup_id is not None
        else []
    )
    return keyboard(
        [
            *followup,
            [log_button(checkin_id)],
            [("💡 Another idea", idea), ("Not today", not_today)],
            snooze,
            pause,
        ]
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
        await replies.edit_buttons(query, keyboard([[log_button(record.id)]]))
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
    if inputs[user_id].last_support_line_at == record.claimed_at:  # this one carried /support
        inputs[user_id] = replace(inputs[user_id], last_support_line_at=None)
    history = await services.suggestion_history.recent([user_id], now)
    shown_here = await services.suggestion_history.shown_for_checkin(record.id, user_id)
    variety = services.checkin_variety
    recent = await variety.recent([user_id], before=record.local_date)
    personal = await personal_inputs(services.db, {user_id: record.local_date})
    composed = compose(
        row,
        inputs[user_id],
        history[user_id],
        services.catalogue,
        now=now,
        local_date=record.local_date,
        recent=recent[user_id],
        another=AnotherIdea(frozenset(shown_here), attempt=len(shown_here)),
        personal=personal.get(user_id),
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


async def on_followup_button(
    update: Update, context: TendContext, button: FollowupButton
) -> str | None:
    """Done / Later / Not needed: only on the presser's own pending follow-up."""
    query, user, services = update.callback_query, update.effective_user, context.services
    assert query is not None and user is not None
    record = await services.checkins.get(button.checkin, user.id)
    stored = await services.users.get(user.id)
    if record is None or stored is None:
        raise StaleButton(pausing.CHECKIN_POINTER)
    now = services.clock.now()
    answered = await services.followups.answer(
        user.id, button.followup, button.answer, today_in(stored.zone, now), now
    )
    if answered is None:
        raise StaleButton(pausing.CHECKIN_POINTER)
    with contextlib.suppress(BadRequest):  # the follow-up's row goes; the rest stays
        await replies.edit_buttons(query, checkin_keyboard(record.id))
    await replies.send(update, context, answered[1])
    return button.answer.label


BUTTONS = (
    Route(CheckinButton, on_checkin_button, pausing.CHECKIN_POINTER),
    Route(FollowupButton, on_followup_button, pausing.CHECKIN_POINTER),
)
