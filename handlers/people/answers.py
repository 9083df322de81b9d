"""Answers to a card's question, tapped or typed: saved, then confirmed above the card."""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain import people_edit as edit
from bot.domain.people_buttons import PeopleDelete, PeopleKind, PeopleList, PeopleRhythm
from handlers import replies
from handlers.conversations import close, close_quietly
from handlers.keyboards import keyboard
from handlers.people.browse import onboarded, owned
from handlers.people.screens import card_screen, contacts, fresh_list, put
from storage.contacts import Contact, RenameOutcome
from storage.users import User

GONE = "That contact is gone. /people shows everyone."


async def answer_button(
    update: Update, context: TendContext, data: PeopleKind | PeopleRhythm | PeopleDelete
) -> None:
    """A tapped answer: a kind, a rhythm, or yes or no to deleting."""
    user, contact = await owned(update, context, data.contact)
    change: edit.Change
    if isinstance(data, PeopleKind):
        change = edit.SetKind(data.kind)
    elif isinstance(data, PeopleDelete):
        change = edit.Delete(data.confirm)
    elif edit.is_rhythm(data.days):
        change = edit.SetRhythm(data.days)
    else:  # a forged number of days
        await close(context, user.id, edit.PeopleEdit.name)
        raise await fresh_list(context, user)
    await _apply(update, context, user, contact, data.page, change)


async def answer_text(update: Update, context: TendContext, state: edit.PeopleEdit) -> None:
    """Typed text while a card's question is open; what isn't understood asks again."""
    assert update.effective_message is not None and update.effective_message.text is not None
    user = await onboarded(update, context)
    contact = await contacts(context).get(user.id, state.contact) if user else None
    if user is None or contact is None:
        await close_quietly(update, context, state)
        if user is not None:
            await replies.send(update, context, GONE)
        return
    answer = edit.read_answer(state.step, update.effective_message.text, contact.name)
    if isinstance(answer, edit.AskAgain):
        await replies.send(update, context, answer.reply)
    else:
        await _apply(update, context, user, contact, state.page, answer)


async def _apply(
    update: Update,
    context: TendContext,
    user: User,
    contact: Contact,
    page: int,
    change: edit.Change,
) -> None:
    """Save ``change`` and close the question before saying what changed."""
    repository = contacts(context)
    if isinstance(change, edit.Delete) and change.confirmed:
        removed = await repository.delete(user.id, contact.id)
        await close(context, user.id, edit.PeopleEdit.name)
        back = keyboard([[("‹ Your people", PeopleList(page, False))]])
        await put(update, context, (edit.deleted_text(contact.name, removed), back))
        return
    if isinstance(change, edit.Rename):
        renamed = await repository.rename(user.id, contact.id, change.new_name)
        if renamed is RenameOutcome.TAKEN:
            await replies.send(update, context, edit.taken_text(change.new_name))
            return
    elif isinstance(change, edit.SetKind):
        await repository.set_kind(user.id, contact.id, change.kind)
    elif isinstance(change, edit.SetRhythm):
        await repository.set_rhythm(user.id, contact.id, change.days)
    await close(context, user.id, edit.PeopleEdit.name)
    changed = await repository.get(user.id, contact.id)
    if changed is None:  # deleted meanwhile (a rename finds it missing, too)
        await replies.send(update, context, GONE)
        return
    intro = edit.changed_text(contact.name, contact.kind, change)
    await put(update, context, await card_screen(context, user, changed, page, intro))


async def cancel(update: Update, context: TendContext, state: edit.PeopleEdit) -> None:
    """/cancel while a question is open: nothing changes."""
    await replies.send(update, context, "Okay, nothing changed. /people shows everyone.")
