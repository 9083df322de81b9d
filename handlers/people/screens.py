"""What /people shows: a page of the list or a card, read fresh on every press.

Words and buttons come from :mod:`bot.domain.people_pages` and :mod:`bot.domain.people_buttons`.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.history_buttons import HistFor
from bot.domain.log_buttons import LogWith
from bot.domain.people_buttons import card_rows, list_rows
from bot.domain.people_pages import card_text, list_page
from handlers import replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard
from handlers.personal.dates import card_block, coming_up_block
from storage.contacts import Contact, ContactRepository
from storage.users import User

RECENT_WINDOW = timedelta(days=90)

Screen = tuple[str, InlineKeyboardMarkup]


def contacts(context: TendContext) -> ContactRepository:
    """The user's contacts (every query takes the user's id)."""
    return context.services.contacts


async def put(update: Update, context: TendContext, screen: Screen) -> None:
    """Edit the message whose button was pressed; after typed text, send anew."""
    query, chat = update.callback_query, update.effective_chat
    assert chat is not None
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    await replies.show(context, chat.id, *screen, edit=pressed)


async def list_screen(context: TendContext, user: User, page: int, drifted: bool) -> Screen:
    """One page of the list (or of the drifted ones)."""
    now = context.services.clock.now()
    overview = await contacts(context).overview(user.id, now - RECENT_WINDOW)
    shown = list_page(overview, page, drifted, now, user.zone)
    text = shown.text
    if page == 0 and not drifted:
        text = "\n\n".join(part for part in (text, await coming_up_block(context, user)) if part)
    return text, keyboard(list_rows(shown, drifted))


async def fresh_list(context: TendContext, user: User) -> StaleButton:
    """The out-of-date reply for a contact that is gone (or never was the user's)."""
    text, markup = await list_screen(context, user, 0, False)
    return StaleButton(f"Here's everyone now.\n\n{text}", markup)


async def card_screen(
    context: TendContext, user: User, contact: Contact, page: int, intro: str = ""
) -> Screen:
    """A contact's card and what can be done with it."""
    timeline = await context.services.history.timeline(user.id, contact.id)
    history = timeline.latest if timeline is not None else ()
    text = card_text(contact, history, context.services.clock.now(), user.zone, intro)
    personal, personal_rows = await card_block(context, user, contact.id)
    text = "\n\n".join(part for part in (text, personal) if part)
    log: list[tuple[str, CallbackData]] = [("Log a connection", LogWith(contact.id))]
    if timeline is not None and timeline.total > 0:
        log.append(("More", HistFor(contact.id)))  # every log with them, in /history
    return text, keyboard([log, *personal_rows, *card_rows(contact, page)])
