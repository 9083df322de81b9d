"""The last resort: log what broke (never what the user wrote) and tell the user plainly."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import TendContext

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong on my side. What you just sent was not saved; "
    "everything before it is safe. Please try again in a moment."
)


async def on_error(update: object, context: TendContext) -> None:
    """Log the exception with ids only, then apologise to the user if we can reach them."""
    error = context.error
    known = update if isinstance(update, Update) else None
    update_id = known.update_id if known else None
    user_id = known.effective_user.id if known and known.effective_user else None
    if isinstance(error, Forbidden) and user_id is not None:
        await context.services.users.set_active(user_id, False)
        log.info("user %s blocked the bot; marked inactive", user_id)
        return
    name = type(error).__name__
    log.error("Unhandled %s in update %s (user %s)", name, update_id, user_id, exc_info=error)
    if known is None:
        return
    if known.callback_query is not None:
        with contextlib.suppress(TelegramError):  # BadRequest and Forbidden included
            await known.callback_query.answer("Something went wrong. Please try again.")
    if known.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(known.effective_chat.id, SORRY)
