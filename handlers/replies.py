"""Sending and editing replies without tripping over Telegram's "message is not modified"."""

from __future__ import annotations

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest

from bot.context import TendContext

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def is_not_modified(error: BadRequest) -> bool:
    """Telegram's 400 for an edit that changes nothing: harmless, never an error."""
    return "not modified" in str(error).lower()


async def send(
    update: Update, context: TendContext, text: str, markup: Markup | None = None
) -> None:
    """A new message in the update's chat (works for messages and button presses alike)."""
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show(
    context: TendContext,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: Message | None = None,
) -> None:
    """Edit ``edit`` in place when given (a button was pressed there), else send anew.

    An edit that would change nothing is skipped (Telegram answers it with a 400); an edit
    Telegram refuses for another reason (the message is too old) falls back to a new message.
    """
    if edit is not None:
        same_markup = (edit.reply_markup or None) == markup
        if edit.text == text and same_markup:
            return
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=edit.message_id, reply_markup=markup
            )
        except BadRequest as error:
            if is_not_modified(error):
                return
        else:
            return
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def edit_buttons(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Replace (or with None, remove) the buttons of the message a button was pressed on."""
    if not isinstance(query.message, Message):
        return
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as error:
        if not is_not_modified(error):
            raise


async def edit_media(
    context: TendContext,
    chat_id: int,
    message_id: int,
    media: InputMediaPhoto,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    """Replace a message's photo, caption and buttons in place (no ``markup`` removes them).

    False when Telegram refuses the edit (the message is gone or can't be edited any more):
    the caller then sends its content anew, so nothing is lost. An edit that changes nothing
    counts as done.
    """
    try:
        await context.bot.edit_message_media(
            media=media, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except BadRequest as error:
        return is_not_modified(error)
    return True


async def edit_caption(
    context: TendContext,
    chat_id: int,
    message_id: int,
    caption: str,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    """Replace a media message's caption and buttons in place; False as for :func:`edit_media`."""
    try:
        await context.bot.edit_message_caption(
            chat_id=chat_id, message_id=message_id, caption=caption, reply_markup=markup
        )
    except BadRequest as error:
        return is_not_modified(error)
    return True


async def drop_buttons(context: TendContext, chat_id: int, message_id: int) -> None:
    """Take the buttons off a message their job has moved away from; if Telegram refuses
    (too old, gone), they stay and still work, so the refusal is not an error."""
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=None
        )
    except BadRequest:
        return
