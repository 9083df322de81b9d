"""/digest: turn the optional weekly digest on (pick a day) or off. Off by default.

Showing the day buttons opens the /digest question (:class:`DigestChoice`); a day press
answers it and leaves it open, since the edited message asks again ("pick another day").
A change of zone or check-in time reschedules the digest through a database trigger
(migration 0004). The sweep delivers digests (``bot.digest``).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.digest import next_digest_at
from bot.domain.digest_choice import (
    NEEDS_SETUP,
    DigestChoice,
    day_label,
    digest_text,
    picked_toast,
)
from handlers import replies
from handlers.buttons import OUT_OF_DATE, StaleButton
from handlers.conversations import save
from handlers.keyboards import keyboard
from storage.digests import DigestSetting
from storage.users import User


@dataclass(frozen=True)
class PickDigestDay(CallbackData, prefix="dg"):
    """A weekday button (0 = Monday), or None for "Off"."""

    weekday: int | None


FRESH_DAYS = "Send /digest for fresh ones."
KEPT = "Okay, your weekly digest stays as it is."


def digest_keyboard(current: int | None) -> InlineKeyboardMarkup:
    """Seven short day buttons and "Off"; the current choice ticked."""
    days = [(day_label(day, current), PickDigestDay(day)) for day in range(7)]
    return keyboard([days[:4], days[4:], [(day_label(None, current), PickDigestDay(None))]])


def _text(user: User, setting: DigestSetting) -> str:
    assert user.checkin_time is not None and user.timezone is not None
    return digest_text(setting.weekday, user.checkin_time, user.timezone, setting.next_at)


async def _set_up(context: TendContext, user_id: int) -> tuple[User, DigestSetting] | None:
    services = context.services
    user = await services.users.get(user_id)
    setting = await services.digests.get(user_id)
    if user is None or not user.onboarded or setting is None:
        return None
    return user, setting


async def show_digest(update: Update, context: TendContext) -> None:
    """/digest: the current setting with day buttons."""
    tg_user = update.effective_user
    assert tg_user is not None
    found = await _set_up(context, tg_user.id)
    if found is None:
        await replies.send(update, context, NEEDS_SETUP)
        return
    user, setting = found
    await save(context, user.id, DigestChoice())
    await replies.send(update, context, _text(user, setting), digest_keyboard(setting.weekday))


async def pick_day(
    update: Update, context: TendContext, state: DigestChoice, data: PickDigestDay
) -> str | None:
    """A day (or Off) pressed: save, schedule, and show the new setting in place."""
    query = update.callback_query
    assert query is not None
    if data.weekday is not None and not 0 <= data.weekday <= 6:
        raise StaleButton(FRESH_DAYS)
    found = await _set_up(context, query.from_user.id)
    if found is None:
        await replies.send(update, context, NEEDS_SETUP)
        return OUT_OF_DATE
    user, setting = found
    if data.weekday == setting.weekday:
        return "That's already your setting."
    services = context.services
    following = None
    if data.weekday is not None and user.checkin_time is not None:
        now = services.clock.now()
        following = next_digest_at(
            now, user.zone, data.weekday, user.checkin_time, setting.last_sent
        )
    await services.digests.set(user.id, data.weekday, following)
    updated = await services.digests.get(user.id)
    assert updated is not None
    await query.edit_message_text(
        _text(user, updated), reply_markup=digest_keyboard(updated.weekday)
    )
    return picked_toast(data.weekday)


async def cancel(update: Update, context: TendContext, state: DigestChoice) -> None:
    """/cancel while the day buttons show: the setting stays as it is."""
    await replies.send(update, context, KEPT)


def hint(state: DigestChoice) -> str:
    """/help adds nothing: the buttons above say it all."""
    return ""
