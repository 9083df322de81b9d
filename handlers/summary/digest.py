"""/digest: turn the optional weekly digest on (pick a day) or off. Off by default.

Showing the day buttons opens the /digest question (:class:`DigestChoice`); a press answers it
and leaves it open, as the edited message asks again. A change of zone or check-in time flags
the user for a reschedule through a database trigger (migration 0009), and the digest moves too.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain import digest_choice as choice
from bot.domain.digest_choice import DigestChoice
from handlers import replies
from handlers.buttons import OUT_OF_DATE, StaleButton
from handlers.conversations import Conversation, save
from handlers.keyboards import keyboard
from storage.digests import DigestSetting
from storage.users import User

FRESH_DAYS = "Send /digest for fresh ones."
KEPT = "Okay, your weekly digest stays as it is."


@dataclass(frozen=True)
class PickDigestDay(CallbackData, prefix="dg"):
    """A weekday button (0 = Monday), or None for "Off"."""

    weekday: int | None


def digest_keyboard(current: int | None) -> InlineKeyboardMarkup:
    """Seven short day buttons and "Off"; the current choice ticked."""
    days = [
        (choice.day_label(day, current), PickDigestDay(day)) for day in (0, 1, 2, 3, 4, 5, 6, None)
    ]
    return keyboard([days[:4], days[4:7], days[7:]])


async def _setting(context: TendContext, user_id: int) -> tuple[User, DigestSetting, str] | None:
    """The user, their digest setting and its description; None before set-up is done."""
    user = await context.services.users.get(user_id)
    setting = await context.services.digests.get(user_id)
    if user is None or user.checkin_time is None or user.timezone is None or setting is None:
        return None
    text = choice.digest_text(setting.weekday, user.checkin_time, user.timezone, setting.next_at)
    return user, setting, text


async def show_digest(update: Update, context: TendContext) -> None:
    """/digest: the current setting with day buttons."""
    assert update.effective_user is not None
    found = await _setting(context, update.effective_user.id)
    if found is None:
        await replies.send(update, context, choice.NEEDS_SETUP)
        return
    user, setting, text = found
    await save(context, user.id, DigestChoice())
    await replies.send(update, context, text, digest_keyboard(setting.weekday))


async def pick_day(
    update: Update, context: TendContext, state: DigestChoice, data: PickDigestDay
) -> str | None:
    """A day (or Off) pressed: save, schedule, and show the new setting in place."""
    query, services = update.callback_query, context.services
    assert query is not None
    if data.weekday is not None and not 0 <= data.weekday <= 6:
        raise StaleButton(FRESH_DAYS)
    found = await _setting(context, query.from_user.id)
    if found is None:
        await replies.send(update, context, choice.NEEDS_SETUP)
        return OUT_OF_DATE
    user, setting, _ = found
    if data.weekday == setting.weekday:
        return "That's already your setting."
    assert user.checkin_time is not None and user.timezone is not None
    now, last_sent = services.clock.now(), setting.last_sent
    following = choice.first_digest(data.weekday, now, user.timezone, user.checkin_time, last_sent)
    await services.digests.set(user.id, data.weekday, following)
    updated = await _setting(context, user.id)
    assert updated is not None
    await query.edit_message_text(updated[2], reply_markup=digest_keyboard(updated[1].weekday))
    return choice.picked(data.weekday)


async def cancel(update: Update, context: TendContext, state: DigestChoice) -> None:
    """/cancel while the day buttons show: the setting stays as it is."""
    await replies.send(update, context, KEPT)


CONVERSATION: Conversation[DigestChoice] = Conversation(
    state=DigestChoice,
    on_text=None,  # answered by its day buttons only
    on_cancel=cancel,
    hint=lambda state: "",
    answer_buttons={PickDigestDay: pick_day},
    stale_pointer=FRESH_DAYS,
)
