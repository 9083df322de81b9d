"""Typed answers while /settings asks one question (time, zone, a quiet threshold).

The open question is the stored :class:`bot.domain.settings_edit.SettingsEdit`; each edit
takes one answer, saves it, reschedules, and closes the conversation before confirming.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from zoneinfo import ZoneInfo

from telegram import Update

from bot.context import TendContext
from bot.domain import settings_texts as texts
from bot.domain.clocktime import UnknownTime, format_time_of_day, parse_time_of_day
from bot.domain.kinds import ConnectionType
from bot.domain.settings_edit import SettingsEdit, SettingsStep, parse_quiet_days
from bot.domain.text import shorten
from bot.domain.timezones import (
    UnknownZone,
    ZoneChoice,
    abbreviation_offer,
    describe_zone,
    offer_question,
    parse_timezone,
)
from bot.scheduling import control
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.time_picker import PickTime
from handlers.zone_picker import PickZone, picked_zone, zone_offer_keyboard
from storage.users import User


async def onboarded_row(context: TendContext, user_id: int) -> User | None:
    """The user's settings, or None before set-up is finished."""
    row = await context.services.checkins.schedule_row(user_id)
    return row if row is not None and row.onboarded else None


async def answer_text(update: Update, context: TendContext, state: SettingsEdit) -> None:
    """The typed value for the setting being edited."""
    message = update.effective_message
    assert message is not None and message.text is not None
    if state.step is SettingsStep.TIME:
        try:
            chosen = parse_time_of_day(message.text)
        except UnknownTime:
            await message.reply_text(texts.BAD_TIME.format(text=shorten(message.text)))
            return
        await time_chosen(update, context, chosen)
    elif state.step is SettingsStep.ZONE:
        offer = abbreviation_offer(message.text)
        if offer is None:
            await _zone_from_text(update, context, message.text)
            return
        assert update.effective_user is not None
        asking = replace(state, offered=offer.abbreviation)
        await save(context, update.effective_user.id, asking)
        await message.reply_text(offer_question(offer), reply_markup=zone_offer_keyboard(offer))
    else:
        days = parse_quiet_days(message.text)
        if days is None or state.kind is None:
            await message.reply_text(texts.BAD_QUIET)
            return
        await quiet_days_chosen(update, context, state.kind, days)


async def answer_time_button(
    update: Update, context: TendContext, state: SettingsEdit, data: PickTime
) -> None:
    """A tapped time, while /settings asks for one."""
    if state.step is not SettingsStep.TIME:
        raise StaleButton(texts.FRESH_MENU)
    await time_chosen(update, context, data.chosen())


async def answer_zone_button(
    update: Update, context: TendContext, state: SettingsEdit, data: PickZone
) -> None:
    """ "New York time" or "UTC−5 all year", tapped under the abbreviation question."""
    if state.step is not SettingsStep.ZONE:
        raise StaleButton(texts.FRESH_MENU)
    choice = picked_zone(data, state.offered)
    if update.callback_query is not None:
        await replies.edit_buttons(update.callback_query, None)
    await zone_chosen(update, context, choice)


async def time_chosen(update: Update, context: TendContext, chosen: time) -> None:
    """Save the check-in time and move the next check-in with it."""
    user = update.effective_user
    assert user is not None
    services = context.services
    await services.users.set_checkin_time(user.id, chosen)
    next_at = await control.reschedule(services, user.id)
    sentence = await control.describe_next(services, user.id, next_at)
    await close(context, user.id, SettingsEdit.name)
    await replies.send(
        update,
        context,
        texts.TIME_DONE.format(time=format_time_of_day(chosen), next=sentence),
    )


async def _zone_from_text(update: Update, context: TendContext, text: str) -> None:
    user = update.effective_user
    assert user is not None
    try:
        choice = parse_timezone(text)
    except UnknownZone:
        await replies.send(update, context, texts.BAD_ZONE.format(text=shorten(text)))
        return
    await zone_chosen(update, context, choice)


async def zone_chosen(update: Update, context: TendContext, choice: ZoneChoice) -> None:
    """Save the zone, move the next check-in with it, and say the time there now."""
    user = update.effective_user
    assert user is not None
    services = context.services
    await services.users.set_timezone(user.id, choice.name)
    next_at = await control.reschedule(services, user.id)
    sentence = await control.describe_next(services, user.id, next_at)
    local_now = services.clock.now().astimezone(ZoneInfo(choice.name)).strftime("%H:%M")
    await close(context, user.id, SettingsEdit.name)
    await replies.send(
        update,
        context,
        texts.ZONE_DONE.format(zone=describe_zone(choice), local_now=local_now, next=sentence),
    )


async def quiet_days_chosen(
    update: Update, context: TendContext, kind: ConnectionType, days: int
) -> None:
    """Save one kind's quiet threshold (read when the next check-in is composed)."""
    user = update.effective_user
    assert user is not None
    await close(context, user.id, SettingsEdit.name)
    if await onboarded_row(context, user.id) is None:
        await replies.send(update, context, texts.NOT_SET_UP)
        return
    await context.services.checkins.set_quiet_days(user.id, kind, days)
    await replies.send(
        update,
        context,
        texts.QUIET_DONE.format(
            kind=kind.label.lower(), days=days, plural="s" if days != 1 else ""
        ),
    )


async def cancel(update: Update, context: TendContext, state: SettingsEdit) -> None:
    """/cancel mid-edit: nothing changes."""
    await replies.send(update, context, texts.NOTHING_CHANGED)


def hint(state: SettingsEdit) -> str:
    """What /help adds while /settings waits for a value."""
    if state.step is SettingsStep.TIME:
        return texts.HINT_TIME
    if state.step is SettingsStep.ZONE:
        return texts.HINT_ZONE
    return texts.HINT_QUIET
