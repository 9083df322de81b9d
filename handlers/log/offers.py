"""Free text outside any conversation that concerns /log: "Log it" offers, a log on hold.

An offer is stored (``log_offers``: the log it would start, the newest few per user), so
*Log it* works after a restart, and *No thanks* or /cancel withdraws it.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.conversation import BadState
from bot.domain.intent import detect_log_intent, offer_sentence
from bot.domain.log_buttons import LogIt, LogItNo
from bot.domain.log_draft import DraftStatus
from bot.domain.log_steps import (
    LogConversation,
    from_intent,
    held_text,
    means_carry_on,
    picking_up,
    replaces_note,
)
from handlers.keyboards import keyboard
from handlers.log import on_hold
from handlers.log.answers import on_text
from handlers.log.progress import drafts, show_next, today_of
from storage.log_offers import LogOfferRepository
from storage.users import User


def offers(context: TendContext) -> LogOfferRepository:
    """The users' open "Log it" offers."""
    return LogOfferRepository(context.services.db)


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
        now = context.services.clock.now()
        await offers(context).add(user.id, message.message_id, from_intent(intent), now)
        buttons = [
            ("Log it", LogIt(message.message_id)),
            ("No thanks", LogItNo(message.message_id)),
        ]
        await message.reply_text(
            f"{offer_sentence(intent)} Want to log it?{replaces_note(unfinished)}",
            reply_markup=keyboard([buttons]),
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
