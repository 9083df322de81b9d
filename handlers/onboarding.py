"""/start: welcome, the three kinds of connection, time zone, daily check-in time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import time, timedelta
from enum import IntEnum, StrEnum
from functools import cache
from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackData
from bot.context import TendApplication, TendContext
from bot.domain.clocktime import (
    COMMON_CHECKIN_TIMES,
    UnknownTime,
    format_time_of_day,
    parse_time_of_day,
)
from bot.domain.kinds import ConnectionType
from bot.domain.text import shorten
from bot.domain.timezones import UnknownZone, ZoneChoice, describe_zone, parse_timezone
from handlers import flows
from handlers.keyboards import keyboard

log = logging.getLogger(__name__)


class Step(IntEnum):
    """Named conversation states."""

    TIMEZONE = 1
    CHECKIN_TIME = 2


class SettingStep(StrEnum):
    """What a returning user chose to change."""

    TIMEZONE = "tz"
    TIME = "time"


@dataclass(frozen=True)
class ChangeSetting(CallbackData, prefix="on"):
    """Returning user's "change ..." buttons."""

    step: SettingStep


@dataclass(frozen=True)
class PickTime(CallbackData, prefix="ot"):
    """A suggested check-in time button."""

    hour: int
    minute: int


CHANGING_ONLY = "onboarding_changing_only"
ABANDONED_AFTER = timedelta(minutes=30)
LOCATION_LABEL = "📍 Share my location"

WELCOME = (
    "Hi {name}, I'm Tend. I help you keep up the relationships that keep you well.\n\n"
    "Connection comes in three kinds:\n"
    "• Intimate: {intimate}\n"
    "• Relational: {relational}\n"
    "• Collective: {collective}\n\n"
    "Tell me whom you connected with, and once a day I'll check in, at a time you choose, "
    "with a small idea when one kind has gone quiet."
)
ASK_ZONE = (
    "First, where are you? Send your city (Berlin, New York), a time zone like "
    "Europe/Berlin, or an offset like UTC+2. Or share your location."
)
ZONE_EXAMPLES = (
    "I couldn't find a time zone in “{text}”. Try a city like Berlin or New York, "
    "a zone like Europe/Berlin, or an offset like UTC+2, UTC-5 or +05:30. "
    "You can also share your location."
)
ASK_TIME = (
    "Time zone: {zone} (it's {local_now} there now).\n\n"
    "When should I check in each day? Tap a time or type one, like 19:30 or 7pm."
)
TIME_EXAMPLES = (
    "I couldn't read “{text}” as a time of day. Type it like 19:30, 7pm or 7:15 am, "
    "or tap one of the times."
)
DONE = (
    "All set. I'll check in every day at {time}, {zone} time.\n\n"
    "To log your first connection, send /log, or just tell me, like “called Mum”. "
    "A two-line message counts. /help lists everything."
)
WELCOME_BACK = (
    "Welcome back, {name}. Everything you've logged is still here.\n"
    "Check-ins come at {time}, {zone} time. Want to change something?"
)
LOCATION_FAILED = (
    "I couldn't tell the time zone from that location. Type your city instead, like Berlin."
)


def _time_keyboard() -> Any:
    row = [
        (format_time_of_day(choice), PickTime(choice.hour, choice.minute))
        for choice in COMMON_CHECKIN_TIMES
    ]
    return keyboard([row[:3], row[3:]])


def _zone_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(LOCATION_LABEL, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder="Berlin, Europe/Berlin or UTC+2",
    )


async def start(update: Update, context: TendContext) -> int:
    """New user: welcome and ask the zone. Known user: greet back, wipe nothing."""
    if context.user_data is not None:
        context.user_data.pop(CHANGING_ONLY, None)
    tg_user = update.effective_user
    message = update.effective_message
    assert tg_user is not None and message is not None and update.effective_chat is not None
    services = context.services
    user, _created = await services.users.register(
        tg_user.id, update.effective_chat.id, services.clock.now()
    )
    if user.onboarded:
        assert user.checkin_time is not None
        await message.reply_text(
            WELCOME_BACK.format(
                name=tg_user.first_name,
                time=format_time_of_day(user.checkin_time),
                zone=user.timezone,
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
        flows.leave(context)
        return ConversationHandler.END
    if user.timezone is not None:
        local_now = services.clock.now().astimezone(user.zone).strftime("%H:%M")
        await message.reply_text(
            f"Welcome back, {tg_user.first_name}. One question left. "
            + ASK_TIME.format(zone=user.timezone, local_now=local_now),
            reply_markup=_time_keyboard(),
        )
        flows.enter(context, "We're setting up: send a time like 19:30 to carry on.")
        return Step.CHECKIN_TIME
    await message.reply_text(
        WELCOME.format(
            name=tg_user.first_name,
            **{kind.value: kind.examples for kind in ConnectionType},
        )
    )
    await message.reply_text(ASK_ZONE, reply_markup=_zone_keyboard())
    flows.enter(context, "We're setting up: send your city or time zone to carry on.")
    return Step.TIMEZONE


async def change_setting(update: Update, context: TendContext) -> int:
    """A returning user's "Change ..." button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    choice = ChangeSetting.unpack(query.data)
    assert query.message is not None
    if context.user_data is not None:
        context.user_data[CHANGING_ONLY] = True
    if choice.step is SettingStep.TIMEZONE:
        await context.bot.send_message(
            query.message.chat.id, ASK_ZONE, reply_markup=_zone_keyboard()
        )
        flows.enter(context, "Send your city or time zone to change it, or /cancel.")
        return Step.TIMEZONE
    await context.bot.send_message(
        query.message.chat.id,
        "When should I check in each day? Tap a time or type one, like 19:30 or 7pm.",
        reply_markup=_time_keyboard(),
    )
    flows.enter(context, "Send a time like 19:30 to change your check-in time, or /cancel.")
    return Step.CHECKIN_TIME


async def zone_from_text(update: Update, context: TendContext) -> int:
    """Typed zone: IANA name, city or UTC offset."""
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        choice = parse_timezone(message.text)
    except UnknownZone:
        await message.reply_text(
            ZONE_EXAMPLES.format(text=shorten(message.text)), reply_markup=_zone_keyboard()
        )
        return Step.TIMEZONE
    return await _zone_chosen(update, context, choice)


async def zone_from_location(update: Update, context: TendContext) -> int:
    """Shared location: offline lookup of the zone that contains it."""
    message = update.effective_message
    assert message is not None and message.location is not None
    location = message.location
    name = await asyncio.to_thread(_zone_at, location.latitude, location.longitude)
    if name is None:
        await message.reply_text(LOCATION_FAILED, reply_markup=_zone_keyboard())
        return Step.TIMEZONE
    return await _zone_chosen(update, context, ZoneChoice(name))


@cache
def _finder() -> Any:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def _zone_at(latitude: float, longitude: float) -> str | None:
    name = _finder().timezone_at(lng=longitude, lat=latitude)
    return str(name) if name else None


async def _zone_chosen(update: Update, context: TendContext, choice: ZoneChoice) -> int:
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and tg_user is not None
    services = context.services
    await services.users.set_timezone(tg_user.id, choice.name)
    user = await services.users.get(tg_user.id)
    if user is None:
        return await _start_over(update, context)
    if user.checkin_time is not None:
        for hook in CHECKIN_CHANGED_HOOKS:
            await hook(context, user.id)
    local_now = services.clock.now().astimezone(user.zone).strftime("%H:%M")
    if user.checkin_time is not None and _pop_changing_only(context):
        await message.reply_text(
            f"Done: your time zone is now {describe_zone(choice)} (it's {local_now} there). "
            f"Check-ins stay at {format_time_of_day(user.checkin_time)} your time.",
            reply_markup=ReplyKeyboardRemove(),
        )
        flows.leave(context)
        return ConversationHandler.END
    await message.reply_text(
        f"Got it: {describe_zone(choice)}.", reply_markup=ReplyKeyboardRemove()
    )
    await message.reply_text(
        ASK_TIME.format(zone=describe_zone(choice), local_now=local_now),
        reply_markup=_time_keyboard(),
    )
    flows.enter(context, "We're setting up: send a time like 19:30 to carry on.")
    return Step.CHECKIN_TIME


async def _start_over(update: Update, context: TendContext) -> int:
    """The user's data was deleted mid-conversation (/delete): nothing to attach answers to."""
    chat = update.effective_chat
    assert chat is not None
    flows.leave(context)
    await context.bot.send_message(
        chat.id,
        "Your Tend data was deleted, so there's nothing to attach that to. Send /start to begin "
        "again.",
        reply_markup=ReplyKeyboardRemove(),
    )
    return ConversationHandler.END


def _pop_changing_only(context: TendContext) -> bool:
    """True (once) when a returning user is changing one setting, not onboarding."""
    return bool(context.user_data is not None and context.user_data.pop(CHANGING_ONLY, False))


async def time_from_text(update: Update, context: TendContext) -> int:
    """Typed check-in time."""
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        chosen = parse_time_of_day(message.text)
    except UnknownTime:
        await message.reply_text(
            TIME_EXAMPLES.format(text=shorten(message.text)), reply_markup=_time_keyboard()
        )
        return Step.CHECKIN_TIME
    return await _time_chosen(update, context, chosen)


async def time_from_button(update: Update, context: TendContext) -> int:
    """Tapped check-in time."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    picked = PickTime.unpack(query.data)
    if not (0 <= picked.hour <= 23 and 0 <= picked.minute <= 59):
        return Step.CHECKIN_TIME
    return await _time_chosen(update, context, time(picked.hour, picked.minute))


async def _time_chosen(update: Update, context: TendContext, chosen: time) -> int:
    tg_user = update.effective_user
    chat = update.effective_chat
    assert tg_user is not None and chat is not None
    services = context.services
    await services.users.set_checkin_time(tg_user.id, chosen)
    user = await services.users.get(tg_user.id)
    if user is None or user.timezone is None:
        return await _start_over(update, context)
    for hook in CHECKIN_CHANGED_HOOKS:
        await hook(context, user.id)
    if _pop_changing_only(context):
        text = (
            f"Done: I'll check in every day at {format_time_of_day(chosen)}, {user.timezone} time."
        )
    else:
        text = DONE.format(time=format_time_of_day(chosen), zone=user.timezone)
    await context.bot.send_message(chat.id, text)
    flows.leave(context)
    return ConversationHandler.END


async def expired_time_button(update: Update, context: TendContext) -> None:
    """A time button pressed outside the conversation (old message, after a restart)."""
    query = update.callback_query
    assert query is not None
    await query.answer("That button is out of date.")
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id,
            "That button is out of date. Send /start to set your check-in time.",
        )


async def cancel(update: Update, context: TendContext) -> int:
    """Leave set-up without losing what was already answered."""
    message = update.effective_message
    assert message is not None
    flows.leave(context)
    if context.user_data is not None:
        context.user_data.pop(CHANGING_ONLY, None)
    await message.reply_text(
        "Okay, stopped. Anything you already answered is saved; send /start to pick up again.",
        reply_markup=ReplyKeyboardRemove(),
    )
    return ConversationHandler.END


async def restart(update: Update, context: TendContext) -> int:
    """/start in the middle of set-up begins the questions again (nothing is wiped)."""
    return await start(update, context)


CheckinChangedHook = Any
# The check-in scheduler appends a coroutine(context, user_id) here to reschedule on change.
CHECKIN_CHANGED_HOOKS: list[CheckinChangedHook] = []


def register(application: TendApplication) -> None:
    """The onboarding conversation and its stray-button guard."""
    text = filters.TEXT & ~filters.COMMAND
    conversation: ConversationHandler[TendContext] = ConversationHandler(
        entry_points=[
            CommandHandler("start", start),
            CallbackQueryHandler(change_setting, pattern=ChangeSetting.pattern()),
        ],
        states={
            Step.TIMEZONE: [
                MessageHandler(filters.LOCATION, zone_from_location),
                MessageHandler(text, zone_from_text),
            ],
            Step.CHECKIN_TIME: [
                CallbackQueryHandler(time_from_button, pattern=PickTime.pattern()),
                MessageHandler(text, time_from_text),
            ],
        },
        fallbacks=[CommandHandler("cancel", cancel), CommandHandler("start", restart)],
        name="onboarding",
        allow_reentry=True,
        # An abandoned "change time zone" must not swallow text typed much later.
        conversation_timeout=ABANDONED_AFTER.total_seconds(),
    )
    application.add_handler(conversation)
    application.add_handler(CallbackQueryHandler(expired_time_button, pattern=PickTime.pattern()))
