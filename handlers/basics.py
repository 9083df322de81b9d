"""/help and /cancel when no conversation is open (``handlers.text_input`` decides which)."""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update

from bot.context import TendContext
from bot.domain.help import help_text
from handlers import replies

NOTHING_TO_CANCEL = "There's nothing to cancel right now. /help lists what I can do."


async def show_help(update: Update, context: TendContext, hint: str | None) -> None:
    """List the commands; mid-conversation, ``hint`` says how to carry on."""
    from handlers import menu_entries

    await replies.send(update, context, help_text(menu_entries(), hint))


async def cancel_nothing(update: Update, context: TendContext) -> None:
    """/cancel when no conversation is open."""
    await replies.send(update, context, NOTHING_TO_CANCEL, ReplyKeyboardRemove())
