"""/start's handlers: the command, the "Change ..." buttons and the answers to each question.

The open question is the stored :class:`bot.domain.onboarding.Onboarding` row; every answer
is saved to ``users`` and the next state to ``conversations`` before the next question goes
out, so a restart between any two messages continues where the user was.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import time
from enum import StrEnum
from functools import cache
from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import onboarding_texts as texts
from bot.domain.clocktime import UnknownTime, format_time_of_day, parse_time_of_day
from bot.domain.kinds import ConnectionType
from bot.domain.onboarding import Onboarding, OnboardingStep, first_step, next_step
from bot.domain.text import shorten
from bot.domain.timezones import (
    UnknownZone,
    ZoneChoice,
    abbreviation_offer,
    describe_zone,
    describe_zone_name,
    offer_question,
    parse_timezone,
)
from bot.scheduling import control
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.keyboards import keyboard
from handlers.time_picker import ASK_TIME, PickTime, time_keyboard
from handlers.zone_picker import PickZone, picked_zone, zone_offer_keyboard


class SettingStep(StrEnum):
    """What a returning user chose to change."""

    TIMEZONE = "tz"
    TIME = "time"


@dataclass(frozen=True)
class ChangeSetting(CallbackData, prefix="on"):
    """Returning user's "change ..." buttons."""

    step: SettingStep


async def start(update: Update, context: TendContext) -> None:
    """New user: welcome and ask the zone. Known user: greet back, wipe nothing."""
    tg_user = update.effective_user
    message = update.effective_message
    assert tg_user is not None and message is not None and update.effective_chat is not None
    services = context.services
    user, _created = await services.users.register(
        tg_user.id, update.effective_chat.id, services.clock.now()
    )
    if user.onboarded:
        assert user.checkin_time is not None
        await close(context, user.id, Onboarding.name)
        await message.reply_text(
            texts.WELCOME_BACK.format(
                name=tg_user.first_name,
                time=format_time_of_day(user.checkin_time),
                zone=describe_zone_name(user.timezone or "UTC"),
            ),
            reply_markup=keyboard(
                [
                    [
                        ("Change time zone", ChangeSetting(SettingStep.TIMEZONE)),
                        ("Change check-in time", ChangeSetting(SettingStep.TIME)),
                    ]
                ]
            ),
        )
        return
    step = first_step(has_zone=user.timezone is not None)
    await save(context, user.id, Onboarding(step))
    if step is OnboardingStep.TIME:
        local_now = services.clock.now().astimezone(user.zone).strftime("%H:%M")
        await message.reply_text(
            texts.ONE_QUESTION_LEFT.format(name=tg_user.first_name)
            + texts.ASK_TIME.format(
                zone=describe_zone_name(user.timezone or "UTC"), local_now=local_now
            ),
            reply_markup=time_keyboard(),
        )
        return
    await message.reply_text(
        texts.WELCOME.format(
            name=tg_user.first_name,
            **{kind.value: kind.examples for kind in ConnectionType},
        )
    )
    await message.reply_text(texts.ASK_ZONE, reply_markup=zone_keyboard())


async def change_setting(update: Update, context: TendContext, data: ChangeSetting) -> None:
    """A returning user's "Change ..." button: ask just that question."""
    tg_user = update.effective_user
    assert tg_user is not None
    if await context.services.users.get(tg_user.id) is None:
        raise StaleButton("Send /start to begin again.")
    if data.step is SettingStep.TIMEZONE:
        await save(context, tg_user.id, Onboarding(OnboardingStep.ZONE, changing_only=True))
        await replies.send(update, context, texts.ASK_ZONE, zone_keyboard())
        return
    await save(context, tg_user.id, Onboarding(OnboardingStep.TIME, changing_only=True))
    await replies.send(update, context, ASK_TIME, time_keyboard())


async def answer_text(update: Update, context: TendContext, state: Onboarding) -> None:
    """Typed answer to the open question: a zone or a time."""
    message = update.effective_message
    assert message is not None and message.text is not None
    if state.step is OnboardingStep.ZONE:
        offer = abbreviation_offer(message.text)
        if offer is not None:
            await save(context, state_user_id(update), replace(state, offered=offer.abbreviation))
            await message.reply_text(offer_question(offer), reply_markup=zone_offer_keyboard(offer))
            return
        try:
            choice = parse_timezone(message.text)
        except UnknownZone:
            await message.reply_text(
                texts.ZONE_EXAMPLES.format(text=shorten(message.text)),
                reply_markup=zone_keyboard(),
            )
            return
        await _zone_chosen(update, context, state, choice)
        return
    try:
        chosen = parse_time_of_day(message.text)
    except UnknownTime:
        await message.reply_text(
            texts.TIME_EXAMPLES.format(text=shorten(message.text)), reply_markup=time_keyboard()
        )
        return
    await _time_chosen(update, context, state, chosen)


async def answer_location(update: Update, context: TendContext, state: Onboarding) -> None:
    """Shared location: offline lookup of the zone that contains it."""
    message = update.effective_message
    assert message is not None and message.location is not None
    if state.step is OnboardingStep.TIME:
        await message.reply_text(ASK_TIME, reply_markup=time_keyboard())
        return
    location = message.location
    name = await asyncio.to_thread(_zone_at, location.latitude, location.longitude)
    if name is None:
        await message.reply_text(texts.LOCATION_FAILED, reply_markup=zone_keyboard())
        return
    await _zone_chosen(update, context, state, ZoneChoice(name))


async def answer_time_button(
    update: Update, context: TendContext, state: Onboarding, data: PickTime
) -> None:
    """A tapped time, while set-up asks for one."""
    if state.step is not OnboardingStep.TIME:
        raise StaleButton(texts.STALE_TIME)
    await _time_chosen(update, context, state, data.chosen())


async def answer_zone_button(
    update: Update, context: TendContext, state: Onboarding, data: PickZone
) -> None:
    """ "New York time" or "UTC−5 all year", tapped under the abbreviation question."""
    if state.step is not OnboardingStep.ZONE:
        raise StaleButton(texts.STALE_TIME)
    choice = picked_zone(data, state.offered)
    if update.callback_query is not None:
        await replies.edit_buttons(update.callback_query, None)
    await _zone_chosen(update, context, state, choice)


def state_user_id(update: Update) -> int:
    """The sender's id (every conversation step has one)."""
    assert update.effective_user is not None
    return update.effective_user.id


@cache
def _finder() -> Any:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def _zone_at(latitude: float, longitude: float) -> str | None:
    name = _finder().timezone_at(lng=longitude, lat=latitude)
    return str(name) if name else None


async def _zone_chosen(
    update: Update, context: TendContext, state: Onboarding, choice: ZoneChoice
) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    services = context.services
    await services.users.set_timezone(tg_user.id, choice.name)
    user = await services.users.get(tg_user.id)
    if user is None:
        await _start_over(update, context)
        return
    if user.checkin_time is not None:
        await control.reschedule(services, user.id)
    local_now = services.clock.now().astimezone(user.zone).strftime("%H:%M")
    step = next_step(state, has_zone=True, has_time=user.checkin_time is not None)
    if step is None:
        assert user.checkin_time is not None
        await close(context, user.id, Onboarding.name)
        await replies.send(
            update,
            context,
            texts.ZONE_CHANGED.format(
                zone=describe_zone(choice),
                local_now=local_now,
                time=format_time_of_day(user.checkin_time),
            ),
            ReplyKeyboardRemove(),
        )
        return
    await save(context, user.id, Onboarding(step, state.changing_only))
    await replies.send(
        update,
        context,
        texts.ASK_TIME.format(zone=describe_zone(choice), local_now=local_now),
        time_keyboard(),
    )


async def _time_chosen(
    update: Update, context: TendContext, state: Onboarding, chosen: time
) -> None:
    tg_user = update.effective_user
    assert tg_user is not None
    services = context.services
    await services.users.set_checkin_time(tg_user.id, chosen)
    user = await services.users.get(tg_user.id)
    if user is None or next_step(state, has_zone=user.timezone is not None, has_time=True):
        await _start_over(update, context)
        return
    await control.reschedule(services, user.id)
    await close(context, user.id, Onboarding.name)
    words = texts.TIME_CHANGED if state.changing_only else texts.DONE
    zone = describe_zone_name(user.timezone or "UTC")
    # The set-up ends here: the location keyboard, still up during the time question, goes.
    markup = None if state.changing_only else ReplyKeyboardRemove()
    await replies.send(
        update, context, words.format(time=format_time_of_day(chosen), zone=zone), markup
    )


async def _start_over(update: Update, context: TendContext) -> None:
    """The user's data was deleted mid-conversation (/delete): nothing to attach answers to."""
    tg_user = update.effective_user
    assert tg_user is not None
    await close(context, tg_user.id, Onboarding.name)
    await replies.send(update, context, texts.DATA_GONE, ReplyKeyboardRemove())


async def cancel(update: Update, context: TendContext, state: Onboarding) -> None:
    """Leave set-up without losing what was already answered."""
    await replies.send(update, context, texts.STOPPED, ReplyKeyboardRemove())


def hint(state: Onboarding) -> str:
    """What /help adds while set-up waits for an answer."""
    if state.step is OnboardingStep.ZONE:
        return texts.HINT_CHANGE_ZONE if state.changing_only else texts.HINT_ZONE
    return texts.HINT_CHANGE_TIME if state.changing_only else texts.HINT_TIME


def zone_keyboard() -> ReplyKeyboardMarkup:
    """The reply keyboard offering to share a location."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.LOCATION_LABEL, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder="Berlin, Europe/Berlin or UTC+2",
    )
