"""Free text outside any conversation that concerns /log: "Log it" offers, a log on hold.

An offer remembers what the message said only in the running Application (the last few per
user): after a restart its button says it is out of date and the user tells it again (the
behaviour before the port, which tests pin; it is a one-tap shortcut, not an answer).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from telegram import Update

from bot.context import TendContext
from bot.domain.conversation import BadState
from bot.domain.intent import LogIntent, detect_log_intent, offer_sentence
from bot.domain.log_buttons import LogIt
from bot.domain.log_draft import DraftStatus
from bot.domain.log_steps import (
    LogConversation,
    held_text,
    means_carry_on,
    picking_up,
    replaces_note,
)
from handlers.keyboards import keyboard
from handlers.log import on_hold
from handlers.log.answers import on_text
from handlers.log.progress import drafts, show_next, today_of
from storage.users import User

MAX_OFFERS = 5
""""Log it" offers remembered per user (older buttons say they are out of date)."""

Offers = dict[int, dict[int, LogIntent]]
_OFFERS: WeakKeyDictionary[object, Offers] = WeakKeyDictionary()


def _offers(context: TendContext, user_id: int) -> dict[int, LogIntent]:
    return _OFFERS.setdefault(context.application, {}).setdefault(user_id, {})


def take_offer(context: TendContext, user_id: int, message_id: int) -> LogIntent | None:
    """The offer made under message ``message_id``, used once."""
    return _offers(context, user_id).pop(message_id, None)


async def answer_stray_text(update: Update, context: TendContext, user: User) -> bool:
    """For the catch-all: offer "Log it" for text that reads like a log; True if answered.

    Also stays quiet for a message that was just told its log expired, reminds the user of a
    log on hold, and asks again in words when a sticker or photo comes mid-log.
    """
    message = update.effective_message
    if on_hold.is_quiet(update) or message is None:
        return message is not None
    if not message.text:
        row = await context.services.conversations.get(user.id)
        if row is None or row.name != LogConversation.name:
            return False
        try:
            state = LogConversation.from_json(row.step, row.payload)
        except BadState:
            return False
        await on_text(update, context, state)
        return True
    stored = await drafts(context).get(user.id)
    unfinished = stored.draft if stored is not None and stored.draft.has_answers else None
    intent = detect_log_intent(message.text, today_of(context, user))
    if intent is not None:
        offers = _offers(context, user.id)
        offers[message.message_id] = intent
        for old in sorted(offers)[:-MAX_OFFERS]:
            offers.pop(old, None)
        await message.reply_text(
            f"{offer_sentence(intent)} Want to log it?{replaces_note(unfinished)}",
            reply_markup=keyboard([[("Log it", LogIt(message.message_id))]]),
        )
        return True
    if stored is None or unfinished is None:
        return False
    if means_carry_on(message.text):
        await drafts(context).set_status(user.id, stored.id, DraftStatus.OPEN)
        intro = picking_up(unfinished, today_of(context, user))
        await show_next(update, context, user, stored.id, unfinished, intro=intro)
        return True
    markup = on_hold.notice_keyboard(stored.id, "Continue logging")
    await message.reply_text(held_text(unfinished), reply_markup=markup)
    return True
