"""/settings: check-in time, time zone, how often, quiet thresholds and interests.

Every change is saved, confirmed in words, and applies from the next check-in (the schedule
is recomputed at once; thresholds and interests are read when the check-in is composed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import IntEnum, StrEnum
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.checkin import CheckinFrequency
from bot.domain.clocktime import (
    COMMON_CHECKIN_TIMES,
    UnknownTime,
    format_time_of_day,
    parse_time_of_day,
)
from bot.domain.kinds import ConnectionType
from bot.domain.suggestions import KNOWN_INTERESTS
from bot.domain.text import shorten
from bot.domain.timezones import UnknownZone, describe_zone, parse_timezone
from bot.scheduling import control
from bot.scheduling.planner import upcoming_checkin
from handlers import flows
from handlers.keyboards import keyboard
from storage.checkins import ScheduleRow, is_paused_forever

QUIET_KIND_KEY = "settings_quiet_kind"
QUIET_CHOICES = (3, 4, 7, 14, 30)
INTERESTS = tuple(sorted(KNOWN_INTERESTS))
FREQUENCY_WORDS = {
    CheckinFrequency.DAILY: "every day",
    CheckinFrequency.WHEN_QUIET: "only when something has gone quiet",
    CheckinFrequency.OFF: "off",
}
FREQUENCY_LABELS = {
    CheckinFrequency.DAILY: "Every day",
    CheckinFrequency.WHEN_QUIET: "Only when something's quiet",
    CheckinFrequency.OFF: "Off",
}
OUT_OF_DATE = "That button is out of date. Send /settings for a fresh menu."
NOT_SET_UP = "Let's set up your check-ins first: send /start. It takes a minute."
ASK_TIME = "When should I check in each day? Tap a time or type one, like 19:30 or 7pm."
BAD_TIME = "I couldn't read “{text}” as a time. Type it like 19:30, 7pm or 7:15 am."
ASK_ZONE = (
    "Which time zone? Send your city (Berlin, New York), a zone like Europe/Berlin, or UTC+2."
)
BAD_ZONE = (
    "I couldn't find a time zone in “{text}”. Try a city like Berlin or a zone like Asia/Tokyo."
)
ASK_QUIET = (
    "{label} ({examples}): after how many days without it should I nudge you? "
    "Tap a number or type one from 1 to 365."
)
BAD_QUIET = "Please send a whole number of days from 1 to 365, like 7."
INTERESTS_INTRO = (
    "Tap the things you enjoy, and ideas will lean towards them. Tap again to remove one."
)


class Step(IntEnum):
    """States of the /settings conversation (only where typed answers are possible)."""

    TIME = 1
    ZONE = 2
    QUIET_DAYS = 3


class Item(StrEnum):
    """The settings menu's buttons."""

    TIME = "time"
    ZONE = "zone"
    FREQUENCY = "freq"
    QUIET = "quiet"
    INTERESTS = "int"


@dataclass(frozen=True)
class SettingsItem(CallbackData, prefix="st"):
    """Open one setting."""

    item: Item


@dataclass(frozen=True)
class SettingsTime(CallbackData, prefix="stt"):
    """A suggested check-in time."""

    hour: int
    minute: int


@dataclass(frozen=True)
class SettingsFrequency(CallbackData, prefix="stf"):
    """How often check-ins come."""

    frequency: CheckinFrequency


@dataclass(frozen=True)
class SettingsQuietKind(CallbackData, prefix="stq"):
    """Which kind's quiet threshold to change."""

    kind: ConnectionType


@dataclass(frozen=True)
class SettingsQuietDays(CallbackData, prefix="std"):
    """A suggested threshold for the kind being changed."""

    kind: ConnectionType
    days: int


@dataclass(frozen=True)
class SettingsInterest(CallbackData, prefix="sti"):
    """Toggle one interest (index into INTERESTS), or -1 for "Done"."""

    index: int


def _menu_keyboard() -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                ("Check-in time", SettingsItem(Item.TIME)),
                ("Time zone", SettingsItem(Item.ZONE)),
            ],
            [("How often", SettingsItem(Item.FREQUENCY))],
            [("Quiet thresholds", SettingsItem(Item.QUIET))],
            [("Interests", SettingsItem(Item.INTERESTS))],
        ]
    )


def _menu_text(row: ScheduleRow, next_sentence: str, now_paused: bool) -> str:
    assert row.checkin_time is not None
    thresholds = ", ".join(
        f"{kind.label.lower()} {row.thresholds[kind]} days" for kind in ConnectionType
    )
    interests = ", ".join(sorted(row.interests)) or "none yet"
    lines = [
        "Your check-in settings:",
        f"• Time: {format_time_of_day(row.checkin_time)}, {row.timezone} time",
        f"• How often: {FREQUENCY_WORDS[row.frequency]}",
        f"• Quiet after: {thresholds}",
        f"• Interests: {interests}",
    ]
    if now_paused:
        if is_paused_forever(row.paused_until):
            lines.append("• Paused until you send /resume")
        else:
            lines.append("• Paused for now (/resume to end it)")
    lines += ["", next_sentence, "What would you like to change?"]
    return "\n".join(lines)


async def _row(context: TendContext, user_id: int) -> ScheduleRow | None:
    row = await context.services.checkins.schedule_row(user_id)
    return row if row is not None and row.onboarded else None


async def _send(
    update: Update, context: TendContext, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show_settings(update: Update, context: TendContext) -> int:
    """/settings: what is set now, and a button per thing to change."""
    user = update.effective_user
    assert user is not None
    flows.leave(context)
    row = await _row(context, user.id)
    if row is None:
        await _send(update, context, NOT_SET_UP)
        return ConversationHandler.END
    services = context.services
    now = services.clock.now()
    sentence = await control.describe_next(services, user.id, upcoming_checkin(row, now))
    paused = row.paused_until is not None and row.paused_until > now
    await _send(update, context, _menu_text(row, sentence, paused), _menu_keyboard())
    return ConversationHandler.END


async def open_item(update: Update, context: TendContext) -> int:
    """A menu button: ask for the new value."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        item = SettingsItem.unpack(query.data or "").item
    except CallbackDataError:
        await query.answer("That button is out of date.")
        await _send(update, context, OUT_OF_DATE)
        return ConversationHandler.END
    await query.answer()
    row = await _row(context, user.id)
    if row is None:
        await _send(update, context, NOT_SET_UP)
        return ConversationHandler.END
    if item is Item.TIME:
        row_of_times = [
            (format_time_of_day(choice), SettingsTime(choice.hour, choice.minute))
            for choice in COMMON_CHECKIN_TIMES
        ]
        await _send(update, context, ASK_TIME, keyboard([row_of_times[:3], row_of_times[3:]]))
        flows.enter(context, "Send a time like 19:30 to change your check-in time, or /cancel.")
        return Step.TIME
    if item is Item.ZONE:
        await _send(update, context, ASK_ZONE)
        flows.enter(context, "Send your city or time zone to change it, or /cancel.")
        return Step.ZONE
    if item is Item.FREQUENCY:
        choices = [[(FREQUENCY_LABELS[f], SettingsFrequency(f))] for f in CheckinFrequency]
        current = FREQUENCY_WORDS[row.frequency]
        await _send(
            update, context, f"How often should I check in? Now: {current}.", keyboard(choices)
        )
        return ConversationHandler.END
    if item is Item.QUIET:
        buttons = [
            [(f"{kind.label}: {row.thresholds[kind]} days", SettingsQuietKind(kind))]
            for kind in ConnectionType
        ]
        await _send(
            update,
            context,
            "A kind of connection counts as quiet after this many days without it. "
            "Which one would you like to change?",
            keyboard(buttons),
        )
        return ConversationHandler.END
    await _send(update, context, INTERESTS_INTRO, _interests_keyboard(row.interests))
    return ConversationHandler.END


# --- time and zone ------------------------------------------------------------------------


async def time_from_text(update: Update, context: TendContext) -> int:
    """Typed check-in time."""
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        chosen = parse_time_of_day(message.text)
    except UnknownTime:
        await message.reply_text(BAD_TIME.format(text=shorten(message.text)))
        return Step.TIME
    return await _time_chosen(update, context, chosen)


async def time_from_button(update: Update, context: TendContext) -> int:
    """Tapped check-in time."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    try:
        picked = SettingsTime.unpack(query.data or "")
        chosen = time(picked.hour, picked.minute)
    except (CallbackDataError, ValueError):
        return Step.TIME
    return await _time_chosen(update, context, chosen)


async def _time_chosen(update: Update, context: TendContext, chosen: time) -> int:
    user = update.effective_user
    assert user is not None
    services = context.services
    await services.users.set_checkin_time(user.id, chosen)
    next_at = await control.reschedule(services, user.id)
    sentence = await control.describe_next(services, user.id, next_at)
    flows.leave(context)
    await _send(
        update,
        context,
        f"Done: check-ins now come at {format_time_of_day(chosen)} your time. {sentence}",
    )
    return ConversationHandler.END


async def zone_from_text(update: Update, context: TendContext) -> int:
    """Typed zone: IANA name, city or UTC offset."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and message.text is not None and user is not None
    try:
        choice = parse_timezone(message.text)
    except UnknownZone:
        await message.reply_text(BAD_ZONE.format(text=shorten(message.text)))
        return Step.ZONE
    services = context.services
    await services.users.set_timezone(user.id, choice.name)
    next_at = await control.reschedule(services, user.id)
    sentence = await control.describe_next(services, user.id, next_at)
    local_now = services.clock.now().astimezone(ZoneInfo(choice.name)).strftime("%H:%M")
    flows.leave(context)
    await message.reply_text(
        f"Done: your time zone is now {describe_zone(choice)} (it's {local_now} there). {sentence}"
    )
    return ConversationHandler.END


# --- frequency --------------------------------------------------------------------------------


async def frequency_chosen(update: Update, context: TendContext) -> None:
    """Daily, only when quiet, or off."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        frequency = SettingsFrequency.unpack(query.data or "").frequency
    except CallbackDataError:
        await query.answer("That button is out of date.")
        return
    if await _row(context, user.id) is None:
        await query.answer()
        await _send(update, context, NOT_SET_UP)
        return
    services = context.services
    await services.checkins.set_frequency(user.id, frequency)
    next_at = await control.reschedule(services, user.id)
    await query.answer("Saved")
    if frequency is CheckinFrequency.OFF:
        text = "Done: check-ins are off. Turn them back on here in /settings whenever you like."
    else:
        sentence = await control.describe_next(services, user.id, next_at)
        text = f"Done: I'll check in {FREQUENCY_WORDS[frequency]}. {sentence}"
        if frequency is CheckinFrequency.WHEN_QUIET:
            text += " (If nothing has gone quiet that day, I'll stay quiet too.)"
    await _send(update, context, text)


# --- quiet thresholds ------------------------------------------------------------------------


async def quiet_kind_chosen(update: Update, context: TendContext) -> int:
    """Which kind's threshold: ask for the number of days."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    try:
        kind = SettingsQuietKind.unpack(query.data or "").kind
    except CallbackDataError:
        return ConversationHandler.END
    if context.user_data is not None:
        context.user_data[QUIET_KIND_KEY] = kind.value
    buttons = [[(str(days), SettingsQuietDays(kind, days)) for days in QUIET_CHOICES]]
    await _send(
        update,
        context,
        ASK_QUIET.format(label=kind.label, examples=kind.examples),
        keyboard(buttons),
    )
    flows.enter(context, "Send a number of days from 1 to 365, or /cancel.")
    return Step.QUIET_DAYS


async def quiet_days_from_text(update: Update, context: TendContext) -> int:
    """Typed number of days."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.strip().removesuffix("days").removesuffix("day").strip()
    kind_value = (context.user_data or {}).get(QUIET_KIND_KEY)
    if not text.isdigit() or not 1 <= int(text) <= 365 or kind_value is None:
        await message.reply_text(BAD_QUIET)
        return Step.QUIET_DAYS
    return await _quiet_days_chosen(update, context, ConnectionType(kind_value), int(text))


async def quiet_days_from_button(update: Update, context: TendContext) -> int:
    """Tapped number of days (the button names its kind, so it works outside the flow too)."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    try:
        picked = SettingsQuietDays.unpack(query.data or "")
    except CallbackDataError:
        return ConversationHandler.END
    if not 1 <= picked.days <= 365:
        return ConversationHandler.END
    return await _quiet_days_chosen(update, context, picked.kind, picked.days)


async def _quiet_days_chosen(
    update: Update, context: TendContext, kind: ConnectionType, days: int
) -> int:
    user = update.effective_user
    assert user is not None
    flows.leave(context)
    if context.user_data is not None:
        context.user_data.pop(QUIET_KIND_KEY, None)
    if await _row(context, user.id) is None:
        await _send(update, context, NOT_SET_UP)
        return ConversationHandler.END
    await context.services.checkins.set_quiet_days(user.id, kind, days)
    await _send(
        update,
        context,
        f"Done: {kind.label.lower()} connection counts as quiet after {days} "
        f"day{'s' if days != 1 else ''} without it, from your next check-in.",
    )
    return ConversationHandler.END


# --- interests --------------------------------------------------------------------------------

DONE_INDEX = -1


def _interests_keyboard(chosen: frozenset[str]) -> InlineKeyboardMarkup:
    labels = [
        (f"✓ {tag}" if tag in chosen else tag, SettingsInterest(index))
        for index, tag in enumerate(INTERESTS)
    ]
    rows = [labels[start : start + 3] for start in range(0, len(labels), 3)]
    rows.append([("Done", SettingsInterest(DONE_INDEX))])
    return keyboard(rows)


async def interest_toggled(update: Update, context: TendContext) -> None:
    """Add or remove one interest (saved at once), or finish with a confirmation."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    try:
        index = SettingsInterest.unpack(query.data or "").index
    except CallbackDataError:
        await query.answer("That button is out of date.")
        return
    row = await _row(context, user.id)
    if row is None or not (index == DONE_INDEX or 0 <= index < len(INTERESTS)):
        await query.answer("That button is out of date.")
        return
    if index == DONE_INDEX:
        await query.answer()
        await _finish_interests(query, update, context, row.interests)
        return
    tag = INTERESTS[index]
    chosen = row.interests ^ {tag}
    await context.services.checkins.set_interests(user.id, chosen & KNOWN_INTERESTS)
    await query.answer(f"Added {tag}" if tag in chosen else f"Removed {tag}")
    try:
        await query.edit_message_reply_markup(reply_markup=_interests_keyboard(chosen))
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _finish_interests(
    query: CallbackQuery, update: Update, context: TendContext, chosen: frozenset[str]
) -> None:
    if isinstance(query.message, Message):
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                raise
    if chosen:
        text = (
            f"Saved: your interests are {', '.join(sorted(chosen))}. "
            "Ideas will lean that way from your next check-in."
        )
    else:
        text = "Saved: no particular interests, so ideas will come from everything."
    await _send(update, context, text)


# --- leaving ----------------------------------------------------------------------------------


async def cancel(update: Update, context: TendContext) -> int:
    """Stop changing a setting; nothing else changes."""
    message = update.effective_message
    assert message is not None
    flows.leave(context)
    if context.user_data is not None:
        context.user_data.pop(QUIET_KIND_KEY, None)
    await message.reply_text("Okay, nothing changed. /settings shows everything again.")
    return ConversationHandler.END


def register(application: TendApplication) -> None:
    """The /settings conversation; frequency and interest buttons work on their own."""
    text = filters.TEXT & ~filters.COMMAND
    conversation: ConversationHandler[TendContext] = ConversationHandler(
        entry_points=[
            CallbackQueryHandler(open_item, pattern=SettingsItem.pattern()),
            CallbackQueryHandler(quiet_kind_chosen, pattern=SettingsQuietKind.pattern()),
        ],
        states={
            Step.TIME: [
                CallbackQueryHandler(time_from_button, pattern=SettingsTime.pattern()),
                MessageHandler(text, time_from_text),
            ],
            Step.ZONE: [MessageHandler(text, zone_from_text)],
            Step.QUIET_DAYS: [
                CallbackQueryHandler(quiet_days_from_button, pattern=SettingsQuietDays.pattern()),
                MessageHandler(text, quiet_days_from_text),
            ],
        },
        fallbacks=[CommandHandler("cancel", cancel), CommandHandler("settings", show_settings)],
        name="settings",
        allow_reentry=True,
    )
    application.add_handler(conversation)
    application.add_handler(CommandHandler("settings", show_settings))
    application.add_handler(CallbackQueryHandler(time_from_button, pattern=SettingsTime.pattern()))
    application.add_handler(
        CallbackQueryHandler(quiet_days_from_button, pattern=SettingsQuietDays.pattern())
    )
    application.add_handler(
        CallbackQueryHandler(frequency_chosen, pattern=SettingsFrequency.pattern())
    )
    application.add_handler(
        CallbackQueryHandler(interest_toggled, pattern=SettingsInterest.pattern())
    )
