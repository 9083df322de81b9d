"""/history, its pages and filters: each press reads the stored view and stores the new one."""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.contact_menu import PAGE_SIZE
from bot.domain.history_buttons import (
    HistAll,
    HistBack,
    HistFor,
    HistKind,
    HistOpen,
    HistPage,
    HistPeople,
    HistPerson,
    people_rows,
)
from bot.domain.history_texts import FRESH
from bot.domain.history_view import HistoryStep, HistoryView
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import save
from handlers.history import screens
from handlers.history.screens import (
    known_user,
    log_screen,
    owned_moment,
    put,
    serial_now,
    show_view,
    stored_view,
    view_for,
)
from handlers.keyboards import keyboard

SETUP_FIRST = "Let's get you set up first: send /start (it takes a minute)."


async def history_command(update: Update, context: TendContext) -> None:
    """/history, or /history priya to search names and notes."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user = await screens.onboarded(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    search = message.text.partition(" ")[2].strip() or None
    previous = await stored_view(context, user.id) or HistoryView()
    view = previous.filtered(
        serial_now(context), kind=None, contact_id=None, contact_name=None, search=search
    )
    await show_view(update, context, user, view)


async def page_button(update: Update, context: TendContext, data: HistPage) -> None:
    user = await known_user(update, context)
    view = await view_for(context, user, data.view)
    if (data.at is None) != (data.moment is None):
        raise StaleButton(FRESH)
    await show_view(update, context, user, view.at_page(data.at, data.moment, data.newer))


async def kind_button(update: Update, context: TendContext, data: HistKind) -> None:
    user = await known_user(update, context)
    view = await view_for(context, user, data.view)
    new = view.filtered(
        serial_now(context),
        kind=data.kind,
        contact_id=view.contact_id,
        contact_name=view.contact_name,
        search=view.search,
    )
    await show_view(update, context, user, new)


async def people_button(update: Update, context: TendContext, data: HistPeople) -> None:
    user = await known_user(update, context)
    view = await view_for(context, user, data.view)
    everyone = await context.services.contacts.all(user.id)
    people = sorted(((c.id, c.name) for c in everyone), key=lambda p: p[1].casefold())
    if data.page < 0 or (data.page > 0 and data.page * PAGE_SIZE >= len(people)):
        raise StaleButton(FRESH)
    text = "Whose logs?" if people else "Nobody in your list yet."
    rows = people_rows(view.view, people, data.page, view.contact_id)
    await put(update, context, (text, keyboard(rows)))


async def person_button(update: Update, context: TendContext, data: HistPerson) -> None:
    user = await known_user(update, context)
    view = await view_for(context, user, data.view)
    contact = await context.services.contacts.get(user.id, data.contact)
    if contact is None:
        raise StaleButton(FRESH)
    new = view.filtered(
        serial_now(context),
        kind=view.kind,
        contact_id=contact.id,
        contact_name=contact.name,
        search=None,
    )
    await show_view(update, context, user, new)


async def all_button(update: Update, context: TendContext, data: HistAll) -> None:
    user = await known_user(update, context)
    view = await view_for(context, user, data.view)
    new = view.filtered(
        serial_now(context), kind=None, contact_id=None, contact_name=None, search=None
    )
    await show_view(update, context, user, new)


async def for_button(update: Update, context: TendContext, data: HistFor) -> None:
    """The person card's *More*: a fresh list of that person's logs."""
    user = await known_user(update, context)
    contact = await context.services.contacts.get(user.id, data.contact)
    if contact is None:
        raise StaleButton(FRESH)
    previous = await stored_view(context, user.id) or HistoryView()
    new = previous.filtered(
        serial_now(context),
        kind=None,
        contact_id=contact.id,
        contact_name=contact.name,
        search=None,
    )
    await show_view(update, context, user, new)


async def back_button(update: Update, context: TendContext, data: HistBack) -> None:
    """Back from a log to the list it was opened from (a fresh list if that one closed)."""
    user = await known_user(update, context)
    view = await stored_view(context, user.id)
    if view is None:
        view = HistoryView().filtered(
            serial_now(context), kind=None, contact_id=None, contact_name=None, search=None
        )
    await show_view(update, context, user, view.browsing())


async def open_button(update: Update, context: TendContext, data: HistOpen) -> None:
    user = await known_user(update, context)
    moment = await owned_moment(context, user, data.moment)
    view = await stored_view(context, user.id)
    if view is not None and view.step is not HistoryStep.BROWSING:
        await save(context, user.id, view.browsing())  # a question left open is dropped
    await put(update, context, log_screen(context, user, moment))
