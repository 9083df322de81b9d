"""What /people shows, with its buttons: a page of the list, a card, the card's questions.

Built from the database on every press, so an old message shows fresh figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.kinds import ConnectionType
from bot.domain.people_edit import PeopleStep
from bot.domain.people_pages import (
    card_text,
    delete_question,
    kind_question,
    list_page,
    rename_question,
    rhythm_question,
)
from bot.domain.rhythm import RHYTHM_OPTIONS
from handlers import replies
from handlers.buttons import StaleButton
from handlers.keyboards import keyboard
from handlers.log_callbacks import LogWith
from handlers.people.callbacks import (
    Action,
    PeopleAct,
    PeopleDelete,
    PeopleKind,
    PeopleList,
    PeopleOpen,
    PeopleRhythm,
)
from storage.contacts import Contact, ContactRepository
from storage.interactions import InteractionRepository
from storage.users import User

RECENT_SHOWN = 5
"""History lines on a contact's card."""

RECENT_WINDOW = timedelta(days=90)

Row = Sequence[tuple[str, CallbackData]]
Screen = tuple[str, InlineKeyboardMarkup]


def contacts(context: TendContext) -> ContactRepository:
    """The user's contacts (every query takes the user's id)."""
    return ContactRepository(context.services.db)


async def put(
    update: Update, context: TendContext, text: str, markup: InlineKeyboardMarkup
) -> None:
    """Edit the message whose button was pressed; after typed text, send anew."""
    chat = update.effective_chat
    query = update.callback_query
    assert chat is not None
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    await replies.show(context, chat.id, text, markup, edit=pressed)


async def list_screen(context: TendContext, user: User, page: int, drifted: bool) -> Screen:
    """One page of the list (or of the drifted ones), two names a row."""
    now = context.services.clock.now()
    overview = await contacts(context).overview(user.id, now - RECENT_WINDOW)
    shown = list_page(overview, page, drifted, now, user.zone)
    names = [(contact.name, PeopleOpen(contact.id, shown.page)) for contact in shown.shown]
    rows: list[Row] = [names[index : index + 2] for index in range(0, len(names), 2)]
    nav: Row = [
        *([("‹ Previous", PeopleList(shown.page - 1, drifted))] if shown.has_previous else []),
        *([("Next ›", PeopleList(shown.page + 1, drifted))] if shown.has_next else []),
    ]
    if nav:
        rows.append(nav)
    if drifted:
        rows.append([("‹ Your people", PeopleList(0, False))])
    elif shown.drifted_count:
        rows.append([(f"Drifted ({shown.drifted_count})", PeopleList(0, True))])
    return shown.text, keyboard(rows)


async def fresh_list(context: TendContext, user: User) -> StaleButton:
    """The out-of-date reply for a contact that is gone (or never was the user's)."""
    text, markup = await list_screen(context, user, 0, False)
    return StaleButton(f"Here's everyone now.\n\n{text}", markup)


async def card_screen(
    context: TendContext, user: User, contact: Contact, page: int, intro: str = ""
) -> Screen:
    """A contact's card and what can be done with it."""
    history = await InteractionRepository(context.services.db).for_contact(
        user.id, contact.id, RECENT_SHOWN
    )
    text = card_text(contact, history, context.services.clock.now(), user.zone, intro)
    drift = (Action.RETURN, "Bring back") if contact.archived else (Action.DRIFT, "Let drift")
    rows: list[Row] = [
        [("Log a connection", LogWith(contact.id))],
        [
            ("Rename", PeopleAct(contact.id, Action.RENAME, page)),
            ("Change kind", PeopleAct(contact.id, Action.KIND, page)),
        ],
        [
            ("Rhythm", PeopleAct(contact.id, Action.RHYTHM, page)),
            (drift[1], PeopleAct(contact.id, drift[0], page)),
        ],
        [
            ("Delete", PeopleAct(contact.id, Action.DELETE, page)),
            ("‹ Back", PeopleList(page, contact.archived)),
        ],
    ]
    return text, keyboard(rows)


def question_screen(step: PeopleStep, contact: Contact, page: int, history: int) -> Screen:
    """The card's question for ``step``, the current value ticked; ``history`` counts what a
    delete takes with it."""
    back: Row = [("‹ Back", PeopleOpen(contact.id, page))]
    if step is PeopleStep.RENAME:
        return rename_question(contact.name), keyboard([back])
    if step is PeopleStep.KIND:
        kinds = [
            (f"{_tick(kind is contact.kind)}{kind.label} · {kind.examples}", kind)
            for kind in ConnectionType
        ]
        rows = [[(label, PeopleKind(contact.id, kind, page))] for label, kind in kinds]
        return kind_question(contact.name, contact.kind), keyboard([*rows, back])
    if step is PeopleStep.RHYTHM:
        options = [
            (
                f"{_tick(option.days == contact.rhythm_days)}{option.label}",
                PeopleRhythm(contact.id, option.days, page),
            )
            for option in RHYTHM_OPTIONS
        ]
        text = rhythm_question(contact.name, contact.rhythm_days)
        return text, keyboard([options[:2], options[2:], back])
    name = contact.name
    choices: list[Row] = [
        [(f"Yes, delete {name}", PeopleDelete(contact.id, True, page))],
        [(f"No, keep {name}", PeopleDelete(contact.id, False, page))],
    ]
    return delete_question(name, history), keyboard(choices)


def _tick(current: bool) -> str:
    return "✓ " if current else ""
