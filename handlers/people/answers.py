"""Answers to a card's question, tapped or typed, saved and confirmed above the card."""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.people_edit import (
    AskAgain,
    Change,
    Delete,
    PeopleEdit,
    Rename,
    SetKind,
    SetRhythm,
    changed_text,
    deleted_text,
    is_rhythm,
    read_answer,
)
from handlers import replies
from handlers.conversations import close
from handlers.keyboards import keyboard
from handlers.people.browse import onboarded, owned
from handlers.people.callbacks import PeopleDelete, PeopleKind, PeopleList, PeopleRhythm
from handlers.people.screens import card_screen, contacts, fresh_list, put
from storage.contacts import Contact, RenameOutcome
from storage.users import User

GONE = "That contact is gone. /people shows everyone."


async def kind_button(update: Update, context: TendContext, data: PeopleKind) -> None:
    """A kind tapped in the kind picker."""
    user, contact = await owned(update, context, data.contact)
    await _apply(update, context, user, contact, data.page, SetKind(data.kind))


async def rhythm_button(update: Update, context: TendContext, data: PeopleRhythm) -> None:
    """A rhythm tapped in the rhythm picker (a forged number of days is out of date)."""
    user, contact = await owned(update, context, data.contact)
    if not is_rhythm(data.days):
        await close(context, user.id, PeopleEdit.name)
        raise await fresh_list(context, user)
    await _apply(update, context, user, contact, data.page, SetRhythm(data.days))


async def delete_button(update: Update, context: TendContext, data: PeopleDelete) -> None:
    """Yes (delete with its history) or No (back to the card)."""
    user, contact = await owned(update, context, data.contact)
    await _apply(update, context, user, contact, data.page, Delete(data.confirm))


async def answer_text(update: Update, context: TendContext, state: PeopleEdit) -> None:
    """Typed text while a card's question is open; not understood asks again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user = await onboarded(update, context)
    contact = await contacts(context).get(user.id, state.contact) if user else None
    if user is None or contact is None:
        await leave(update, context, state)
        if user is not None:
            await replies.send(update, context, GONE)
        return
    answer = read_answer(state.step, message.text, contact.name)
    if isinstance(answer, AskAgain):
        await replies.send(update, context, answer.reply)
        return
    await _apply(update, context, user, contact, state.page, answer)


async def _apply(
    update: Update, context: TendContext, user: User, contact: Contact, page: int, change: Change
) -> None:
    """Save ``change``, close the question, and show the card with what changed."""
    repository = contacts(context)
    if isinstance(change, Delete):
        if change.confirmed:
            removed = await repository.delete(user.id, contact.id)
            await close(context, user.id, PeopleEdit.name)
            back = keyboard([[("‹ Your people", PeopleList(page, False))]])
            await put(update, context, deleted_text(contact.name, removed), back)
            return
        intro = "Kept."
    elif isinstance(change, Rename):
        outcome = await repository.rename(user.id, contact.id, change.new_name)
        if outcome is RenameOutcome.TAKEN:
            taken = f"You already have someone called {change.new_name}."
            await replies.send(update, context, f"{taken} Try another name, or /cancel.")
            return
        intro = changed_text(contact.name, contact.kind, change)
    elif isinstance(change, SetKind):
        await repository.set_kind(user.id, contact.id, change.kind)
        intro = changed_text(contact.name, contact.kind, change)
    else:
        await repository.set_rhythm(user.id, contact.id, change.days)
        intro = changed_text(contact.name, contact.kind, change)
    await close(context, user.id, PeopleEdit.name)
    changed = await repository.get(user.id, contact.id)
    if changed is None:  # deleted meanwhile (a rename finds it missing, too)
        await replies.send(update, context, GONE)
        return
    await put(update, context, *await card_screen(context, user, changed, page, intro))


async def cancel(update: Update, context: TendContext, state: PeopleEdit) -> None:
    """/cancel while a question is open."""
    await replies.send(update, context, "Okay, nothing changed. /people shows everyone.")


async def leave(update: Update, context: TendContext, state: PeopleEdit) -> None:
    """Another command or button: the question closes silently (as it always has)."""
    sender = update.effective_user
    assert sender is not None
    await close(context, sender.id, PeopleEdit.name)


def hint(state: PeopleEdit) -> str:
    """What /help adds while a question is open."""
    return state.hint()
