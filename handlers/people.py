"""/people: everyone the user keeps up with, how long it has been, and what to change.

The list pages eight at a time, grouped by kind. A contact's card shows its recent history and
buttons to rename it, change its kind, set a personal rhythm, let it drift (it leaves menus and
nudges; its history stays), bring it back, or delete it with its history after a confirmation.
Every question with buttons also takes a typed answer. Every button names a contact id, which
is checked against the user in SQL before anything is read or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import CallbackDataError
from bot.context import TendApplication, TendContext
from bot.domain.kinds import ConnectionType
from bot.domain.log_input import is_no, is_yes, parse_kind
from bot.domain.matching import Candidate, match_contact
from bot.domain.names import InvalidName, clean_name
from bot.domain.rhythm import parse_rhythm, rhythm_label
from bot.domain.text import shorten
from handlers import flows
from handlers.keyboards import keyboard
from handlers.log_guard import PEOPLE_INPUT, UserFlag, claim_text, stopping
from handlers.people_views import (
    Action,
    PeopleAct,
    PeopleDelete,
    PeopleKind,
    PeopleList,
    PeopleOpen,
    PeopleRhythm,
    card_view,
    delete_view,
    kind_view,
    list_view,
    rhythm_view,
)
from handlers.replies import show
from storage.contacts import Contact, ContactRepository, RenameOutcome
from storage.interactions import InteractionRepository
from storage.users import User

END = ConversationHandler.END
PEOPLE_GROUP = -10
"""Shares the early group with /log so typed answers reach the question actually asked."""


class Step(StrEnum):
    """Questions /people may be waiting on."""

    RENAME = "rename"
    KIND = "kind"
    RHYTHM = "rhythm"
    DELETE = "delete"


@dataclass(frozen=True)
class _Input:
    """What typed text answers while /people waits: which contact, which page to return to."""

    contact: int
    page: int


def _contacts(context: TendContext) -> ContactRepository:
    return ContactRepository(context.services.db)


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def _message_of(update: Update) -> Message | None:
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message
    return None


async def _user(update: Update, context: TendContext) -> User | None:
    tg_user = update.effective_user
    assert tg_user is not None
    user = await context.services.users.get(tg_user.id)
    return user if user is not None and user.onboarded else None


# ------------------------------------------------------------------------------ handlers


async def people_command(update: Update, context: TendContext) -> object:
    """/people, or /people Sam for Sam's card."""
    user = await _user(update, context)
    if user is None:
        await context.bot.send_message(
            _chat_id(update), "Let's get you set up first: send /start (it takes a minute)."
        )
        return END
    claim_text(context)
    message = update.effective_message
    assert message is not None and message.text is not None
    name = message.text.partition(" ")[2].strip()
    intro = ""
    if name:
        contacts = await _contacts(context).all(user.id)
        result = match_contact(name, [Candidate(contact.id, contact.name) for contact in contacts])
        if result.single is not None:
            contact = next(c for c in contacts if c.id == result.single.contact_id)
            text, markup = await card_view(context, user, contact, 0)
            await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
            return END
        intro = f"I couldn't tell who “{shorten(name)}” is, so here's everyone.\n\n"
    text, markup = await list_view(context, user, 0, False)
    await context.bot.send_message(_chat_id(update), intro + text, reply_markup=markup)
    return END


async def list_button(update: Update, context: TendContext) -> object:
    """A page of the list (or the drifted ones)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _user(update, context)
    try:
        data = PeopleList.unpack(query.data)
    except CallbackDataError:
        return await _out_of_date(update, context, user)
    await query.answer()
    if user is None:
        return END
    claim_text(context)
    text, markup = await list_view(context, user, data.page, data.drifted)
    await show(context, _chat_id(update), text, markup, edit=_message_of(update))
    return END


CardButton = TypeVar("CardButton", PeopleOpen, PeopleAct, PeopleKind, PeopleRhythm, PeopleDelete)


async def _owned(
    update: Update, context: TendContext, family: type[CardButton]
) -> tuple[User, Contact, CardButton] | None:
    """Decode a card button and load its contact, if it is the user's; else answer and None."""
    query = update.callback_query
    assert query is not None and query.data is not None
    user = await _user(update, context)
    try:
        data = family.unpack(query.data)
    except CallbackDataError:
        await _out_of_date(update, context, user)
        return None
    contact = await _contacts(context).get(user.id, data.contact) if user else None
    if user is None or contact is None:
        await _out_of_date(update, context, user)
        return None
    await query.answer()
    return user, contact, data


async def _out_of_date(update: Update, context: TendContext, user: User | None) -> object:
    """A button for a contact that is gone (or was never the user's): a fresh list."""
    query = update.callback_query
    assert query is not None
    await query.answer("That button is out of date.")
    claim_text(context)
    if user is None:
        return END
    text, markup = await list_view(context, user, 0, False)
    await context.bot.send_message(
        _chat_id(update),
        f"That button is out of date. Here's everyone now.\n\n{text}",
        reply_markup=markup,
    )
    return END


async def open_button(update: Update, context: TendContext) -> object:
    """A contact's card."""
    owned = await _owned(update, context, PeopleOpen)
    if owned is None:
        return END
    user, contact, data = owned
    claim_text(context)
    text, markup = await card_view(context, user, contact, data.page)
    await show(context, _chat_id(update), text, markup, edit=_message_of(update))
    return END


async def act_button(update: Update, context: TendContext) -> object:
    """Rename, change kind, rhythm, drift, bring back, delete."""
    owned = await _owned(update, context, PeopleAct)
    if owned is None:
        return END
    user, contact, data = owned
    edit = _message_of(update)
    chat_id = _chat_id(update)
    action: Action = data.action
    if action in (Action.DRIFT, Action.RETURN):
        archived = action is Action.DRIFT
        await _contacts(context).set_archived(user.id, contact.id, archived)
        intro = (
            f"{contact.name} is drifting: out of menus and nudges, history kept."
            if archived
            else f"{contact.name} is back in your menus."
        )
        refreshed = await _contacts(context).get(user.id, contact.id)
        if refreshed is None:
            return await _out_of_date(update, context, user)
        claim_text(context)
        text, markup = await card_view(context, user, refreshed, data.page, intro=intro)
        await show(context, chat_id, text, markup, edit=edit)
        return END
    claim_text(context, PEOPLE_INPUT, _Input(contact.id, data.page))
    if action is Action.RENAME:
        text = f"What should {contact.name} be called now? Type the new name, or /cancel."
        markup = keyboard([[("‹ Back", PeopleOpen(contact.id, data.page))]])
        step = Step.RENAME
    elif action is Action.KIND:
        text, markup = kind_view(contact, data.page)
        step = Step.KIND
    elif action is Action.RHYTHM:
        text, markup = rhythm_view(contact, data.page)
        step = Step.RHYTHM
    else:
        count = await InteractionRepository(context.services.db).count_for_contact(
            user.id, contact.id
        )
        text, markup = delete_view(contact, count, data.page)
        step = Step.DELETE
    flows.enter(context, f"I'm waiting for your answer about {contact.name}, or /cancel.")
    await show(context, chat_id, text, markup, edit=edit)
    return step


async def kind_button(update: Update, context: TendContext) -> object:
    """A kind tapped in the kind picker."""
    owned = await _owned(update, context, PeopleKind)
    if owned is None:
        return END
    user, contact, data = owned
    return await _set_kind(
        update, context, user, contact, data.kind, data.page, _message_of(update)
    )


async def _set_kind(
    update: Update,
    context: TendContext,
    user: User,
    contact: Contact,
    kind: ConnectionType,
    page: int,
    edit: Message | None,
) -> object:
    await _contacts(context).set_kind(user.id, contact.id, kind)
    intro = (
        f"{contact.name} is already {kind.label.lower()}."
        if kind is contact.kind
        else f"{contact.name} is now {kind.label.lower()}."
    )
    return await _back_to_card(update, context, user, contact.id, page, intro, edit)


async def rhythm_button(update: Update, context: TendContext) -> object:
    """A rhythm tapped in the rhythm picker."""
    owned = await _owned(update, context, PeopleRhythm)
    if owned is None:
        return END
    user, contact, data = owned
    if data.days is not None and not 1 <= data.days <= 365:
        return await _out_of_date(update, context, user)
    return await _set_rhythm(
        update, context, user, contact, data.days, data.page, _message_of(update)
    )


async def _set_rhythm(
    update: Update,
    context: TendContext,
    user: User,
    contact: Contact,
    days: int | None,
    page: int,
    edit: Message | None,
) -> object:
    await _contacts(context).set_rhythm(user.id, contact.id, days)
    intro = (
        f"Rhythm for {contact.name}: {rhythm_label(days).lower()}."
        if days
        else f"No rhythm for {contact.name}."
    )
    return await _back_to_card(update, context, user, contact.id, page, intro, edit)


async def delete_button(update: Update, context: TendContext) -> object:
    """Yes (delete with history) or No (back to the card)."""
    owned = await _owned(update, context, PeopleDelete)
    if owned is None:
        return END
    user, contact, data = owned
    if not data.confirm:
        return await _back_to_card(
            update, context, user, contact.id, data.page, "Kept.", _message_of(update)
        )
    return await _delete(update, context, user, contact, data.page, _message_of(update))


async def _delete(
    update: Update,
    context: TendContext,
    user: User,
    contact: Contact,
    page: int,
    edit: Message | None,
) -> object:
    removed = await _contacts(context).delete(user.id, contact.id)
    claim_text(context)
    flows.leave(context)
    if removed is None:
        text = f"{contact.name} was already deleted."
    elif removed:
        text = (
            f"Deleted {contact.name} and {removed} logged connection{'s' if removed != 1 else ''}."
        )
    else:
        text = f"Deleted {contact.name}."
    markup = keyboard([[("‹ Your people", PeopleList(page, False))]])
    await show(context, _chat_id(update), text, markup, edit=edit)
    return END


async def _back_to_card(
    update: Update,
    context: TendContext,
    user: User,
    contact_id: int,
    page: int,
    intro: str,
    edit: Message | None,
) -> object:
    claim_text(context)
    flows.leave(context)
    contact = await _contacts(context).get(user.id, contact_id)
    if contact is None:
        await context.bot.send_message(
            _chat_id(update), "That contact is gone. /people shows everyone."
        )
        return END
    text, markup = await card_view(context, user, contact, page, intro=intro)
    await show(context, _chat_id(update), text, markup, edit=edit)
    return END


# ------------------------------------------------------------------------------ typed answers


async def _typed(update: Update, context: TendContext) -> tuple[User, Contact, int, str] | None:
    """The contact the typed answer is about, if it is still there."""
    data = context.user_data.get(PEOPLE_INPUT) if context.user_data is not None else None
    user = await _user(update, context)
    message = update.effective_message
    assert message is not None and message.text is not None
    if not isinstance(data, _Input) or user is None:
        claim_text(context)
        return None
    contact = await _contacts(context).get(user.id, data.contact)
    if contact is None:
        claim_text(context)
        await message.reply_text("That contact is gone. /people shows everyone.")
        return None
    return user, contact, data.page, message.text


async def rename_text(update: Update, context: TendContext) -> object:
    """The new name."""
    typed = await _typed(update, context)
    if typed is None:
        return END
    user, contact, page, text = typed
    try:
        name = clean_name(text)
    except InvalidName as problem:
        await _reply(update, f"{problem.message} Or /cancel to keep {contact.name}.")
        return Step.RENAME
    outcome = await _contacts(context).rename(user.id, contact.id, name)
    if outcome is RenameOutcome.TAKEN:
        await _reply(
            update, f"You already have someone called {name}. Try another name, or /cancel."
        )
        return Step.RENAME
    if outcome is RenameOutcome.MISSING:
        claim_text(context)
        await _reply(update, "That contact is gone. /people shows everyone.")
        return END
    intro = f"Done: {contact.name} is now {name}." if name != contact.name else "Nothing to change."
    return await _back_to_card(update, context, user, contact.id, page, intro, None)


async def kind_text(update: Update, context: TendContext) -> object:
    """A typed kind."""
    typed = await _typed(update, context)
    if typed is None:
        return END
    user, contact, page, text = typed
    kind = parse_kind(text)
    if kind is None:
        await _reply(
            update, "I didn't catch that. Type intimate, relational or collective, or tap one."
        )
        return Step.KIND
    return await _set_kind(update, context, user, contact, kind, page, None)


async def rhythm_text(update: Update, context: TendContext) -> object:
    """A typed rhythm: "weekly", "every 10 days", "none"."""
    typed = await _typed(update, context)
    if typed is None:
        return END
    user, contact, page, text = typed
    option = parse_rhythm(text)
    if option is None:
        await _reply(
            update,
            "I didn't catch that. Try every week, every 2 weeks, every month, every 10 days "
            "or no rhythm.",
        )
        return Step.RHYTHM
    return await _set_rhythm(update, context, user, contact, option.days, page, None)


async def delete_text(update: Update, context: TendContext) -> object:
    """Typed: "yes" / "delete" or "no" / "keep"."""
    typed = await _typed(update, context)
    if typed is None:
        return END
    user, contact, page, text = typed
    word = text.strip().casefold()
    if is_yes(text) or word.startswith("delete"):
        return await _delete(update, context, user, contact, page, None)
    if is_no(text) or word.startswith("keep"):
        return await _back_to_card(update, context, user, contact.id, page, "Kept.", None)
    await _reply(update, f"Type yes to delete {contact.name}, or no to keep them.")
    return Step.DELETE


async def cancel_input(update: Update, context: TendContext) -> object:
    """/cancel while /people waits for an answer."""
    claim_text(context)
    flows.leave(context)
    await _reply(update, "Okay, nothing changed. /people shows everyone.")
    return END


async def _reply(update: Update, text: str) -> None:
    message = update.effective_message
    assert message is not None
    await message.reply_text(text)


def register(application: TendApplication) -> None:
    """The /people conversation: buttons anywhere, typed answers only while one is awaited."""
    waiting = UserFlag(application, PEOPLE_INPUT)
    answer = filters.TEXT & ~filters.COMMAND & waiting
    buttons: list[BaseHandler[Update, TendContext, Any]] = [
        CommandHandler("people", stopping(people_command)),
        CallbackQueryHandler(stopping(list_button), pattern=PeopleList.pattern()),
        CallbackQueryHandler(stopping(open_button), pattern=PeopleOpen.pattern()),
        CallbackQueryHandler(stopping(act_button), pattern=PeopleAct.pattern()),
        CallbackQueryHandler(stopping(kind_button), pattern=PeopleKind.pattern()),
        CallbackQueryHandler(stopping(rhythm_button), pattern=PeopleRhythm.pattern()),
        CallbackQueryHandler(stopping(delete_button), pattern=PeopleDelete.pattern()),
    ]
    conversation: ConversationHandler[TendContext] = ConversationHandler(
        entry_points=buttons,
        states={
            Step.RENAME: [MessageHandler(answer, stopping(rename_text))],
            Step.KIND: [MessageHandler(answer, stopping(kind_text))],
            Step.RHYTHM: [MessageHandler(answer, stopping(rhythm_text))],
            Step.DELETE: [MessageHandler(answer, stopping(delete_text))],
        },
        fallbacks=[CommandHandler("cancel", stopping(cancel_input), filters=waiting)],
        name="people",
        allow_reentry=True,
    )
    application.add_handler(conversation, group=PEOPLE_GROUP)
