"""Whatever no other handler took: unknown commands, stray text, stray buttons (listed last;
``handlers.text_input`` calls :func:`stray_message` for text when no conversation is open)."""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.safety_replies import SUPPORT_POINTER
from handlers import log, replies, safety
from handlers.buttons import DEFAULT_POINTER, OUT_OF_DATE

NOT_STARTED = "Hi! I'm Tend. Send /start to set me up; it takes a minute."
HALF_SET_UP = "We haven't finished setting up yet. Send /start to pick up where we left off."
NOT_CAUGHT = (
    "I didn't catch that. To record a connection, send /log. /help lists everything.\n\n"
    + SUPPORT_POINTER
)


async def unknown_command(update: Update, context: TendContext) -> None:
    """A command Tend doesn't have."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split()[0].split("@")[0][:33]
    await replies.send(update, context, f"I don't know {command}. /help lists what I can do.")


async def stray_message(update: Update, context: TendContext) -> None:
    """Text (or anything else) outside a conversation: point the way, never drop it silently."""
    user, message = update.effective_user, update.effective_message
    assert user is not None
    caption = message.caption if message is not None else None  # a photo's words count too
    if caption and await safety.answer_distress(update, context, caption, None):
        return
    known = await context.services.users.get(user.id)
    if known is None or not known.onboarded:
        await replies.send(update, context, NOT_STARTED if known is None else HALF_SET_UP)
    elif not await log.answer_stray_text(update, context, known):
        await replies.send(update, context, NOT_CAUGHT)


async def stray_button(update: Update, context: TendContext) -> None:
    """A button no handler recognises (an old message, or forged data): answer and guide."""
    assert update.callback_query is not None
    await update.callback_query.answer(OUT_OF_DATE)
    if update.effective_chat is not None:
        await replies.send(update, context, f"{OUT_OF_DATE} {DEFAULT_POINTER}")
