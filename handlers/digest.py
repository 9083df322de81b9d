"""/digest: turn the optional weekly digest on (pick a day) or off. Off by default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.clocktime import format_time_of_day
from bot.domain.digest import next_digest_at, weekday_name
from handlers.keyboards import keyboard
from storage.digests import DigestRepository, DigestSetting
from storage.users import User


@dataclass(frozen=True)
class PickDigestDay(CallbackData, prefix="dg"):
    """A weekday button (0 = Monday), or None for "Off"."""

    weekday: int | None


NEEDS_SETUP = (
    "The weekly digest comes at your daily check-in time, so let's set that first: send /start."
)
OUT_OF_DATE = "That button is out of date."


def digest_text(user: User, setting: DigestSetting, now: datetime) -> str:
    """Where the setting stands and what the buttons do."""
    assert user.checkin_time is not None
    at = f"{format_time_of_day(user.checkin_time)} ({user.timezone} time)"
    if setting.weekday is None:
        return (
            "Weekly digest: off.\n\n"
            "I can send you your week's summary and chart once a week, on the day you pick, "
            f"at your check-in time, {at}. Pick a day:"
        )
    day = weekday_name(setting.weekday)
    upcoming = ""
    if setting.next_at is not None:
        local = setting.next_at.astimezone(user.zone)
        upcoming = f" The next one comes {local.strftime('%A')} {local.day} {local.strftime('%B')}."
    return f"Weekly digest: on, every {day} at {at}.{upcoming}\n\nPick another day, or turn it off:"


def digest_keyboard(current: int | None) -> InlineKeyboardMarkup:
    """Seven short day buttons and "Off"; the current choice ticked."""

    def label(weekday: int | None) -> str:
        text = "Off" if weekday is None else weekday_name(weekday)[:3]
        return f"✓ {text}" if weekday == current else text

    days = [(label(day), PickDigestDay(day)) for day in range(7)]
    return keyboard([days[:4], days[4:], [(label(None), PickDigestDay(None))]])


async def show_digest(update: Update, context: TendContext) -> None:
    """/digest: the current setting with day buttons."""
    message = update.effective_message
    tg_user = update.effective_user
    assert message is not None and tg_user is not None
    services = context.services
    user = await services.users.get(tg_user.id)
    setting = await DigestRepository(services.db).get(tg_user.id)
    if user is None or not user.onboarded or setting is None:
        await message.reply_text(NEEDS_SETUP)
        return
    await message.reply_text(
        digest_text(user, setting, services.clock.now()),
        reply_markup=digest_keyboard(setting.weekday),
    )


async def pick_day(update: Update, context: TendContext) -> None:
    """A day (or Off) pressed: save, schedule, and show the new setting in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    message = query.message
    try:
        choice = PickDigestDay.unpack(query.data)
    except CallbackDataError:
        choice = None
    if choice is None or (choice.weekday is not None and not 0 <= choice.weekday <= 6):
        await query.answer(OUT_OF_DATE)
        if message is not None:
            await context.bot.send_message(
                message.chat.id, f"{OUT_OF_DATE} Send /digest for fresh ones."
            )
        return
    services = context.services
    repository = DigestRepository(services.db)
    user = await services.users.get(query.from_user.id)
    setting = await repository.get(query.from_user.id)
    if user is None or not user.onboarded or setting is None:
        await query.answer(OUT_OF_DATE)
        if message is not None:
            await context.bot.send_message(message.chat.id, NEEDS_SETUP)
        return
    if choice.weekday == setting.weekday:
        await query.answer("That's already your setting.")
        return
    now = services.clock.now()
    await _save(repository, user, setting, choice.weekday, now)
    updated = await repository.get(user.id)
    assert updated is not None
    if choice.weekday is None:
        await query.answer("Weekly digest off.")
    else:
        await query.answer(f"Weekly digest on: {weekday_name(choice.weekday)}s.")
    if isinstance(message, Message):
        await context.bot.edit_message_text(
            digest_text(user, updated, now),
            chat_id=message.chat_id,
            message_id=message.message_id,
            reply_markup=digest_keyboard(updated.weekday),
        )


async def _save(
    repository: DigestRepository,
    user: User,
    setting: DigestSetting,
    weekday: int | None,
    now: datetime,
) -> None:
    if weekday is None or user.checkin_time is None:
        await repository.set(user.id, None, None)
        return
    following = next_digest_at(now, user.zone, weekday, user.checkin_time, setting.last_sent)
    await repository.set(user.id, weekday, following)


def register(application: TendApplication) -> None:
    """/digest and its buttons (the sweep delivers digests).

    A change of zone or check-in time flags the user for a reschedule through a database
    trigger (migration 0009), so no hook is needed here.
    """
    application.add_handler(CommandHandler("digest", show_digest))
    application.add_handler(CallbackQueryHandler(pick_day, pattern=PickDigestDay.pattern()))
