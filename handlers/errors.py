"""The last resort: log what broke (never what the user wrote) and tell the user plainly."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import TendContext

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong on my side. What you just sent was not saved; "
    "everything before it is safe. Please try again in a moment."
)


async def on_error(update: object, context: TendContext) -> None:
    """Log the exception with ids only, then apologise to the user if we can reach them."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    if isinstance(error, Forbidden) and user_id is not None:
        await context.services.users.set_active(user_id, False)
        log.info("user %s blocked the bot; marked inactive", user_id)
        return
    log.error(
        "Unhandled %s in update %s (user %s)",
        type(error).__name__,
        update_id,
        user_id,
        exc_info=error,
    )
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer("Something went wrong. Please try again.")
    chat = update.effective_chat
    if chat is not None:
        with contextlib.suppress(BadRequest, Forbidden, TelegramError):
            await context.bot.send_message(chat.id, SORRY)
