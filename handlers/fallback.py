"""Whatever no other handler took: unknown commands, stray text, stray buttons.

The registry lists these last in group 0; ``handlers.text_input`` calls :func:`stray_message`
for text when no conversation is open.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from handlers import log


async def unknown_command(update: Update, context: TendContext) -> None:
    """A command Tend doesn't have."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split()[0].split("@")[0][:33]
    await message.reply_text(f"I don't know {command}. /help lists what I can do.")


async def stray_message(update: Update, context: TendContext) -> None:
    """Text (or anything else) outside a conversation: point the way, never drop it silently."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    known = await context.services.users.get(user.id)
    if known is None:
        await message.reply_text("Hi! I'm Tend. Send /start to set me up; it takes a minute.")
        return
    if not known.onboarded:
        await message.reply_text(
            "We haven't finished setting up yet. Send /start to pick up where we left off."
        )
        return
    if await log.answer_stray_text(update, context, known):
        return
    await message.reply_text(
        "I didn't catch that. To record a connection, send /log. /help lists everything."
    )


async def stray_button(update: Update, context: TendContext) -> None:
    """A button no handler recognises (an old message, or forged data): answer and guide."""
    query = update.callback_query
    assert query is not None
    await query.answer("That button is out of date.")
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id, "That button is out of date. /help lists what I can do."
        )
