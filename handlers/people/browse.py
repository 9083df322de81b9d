"""/people, its list pages and cards, and the card's buttons that act or open a question."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update

from bot.context import TendContext
from bot.domain.matching import Candidate, match_contact
from bot.domain.people_buttons import (
    QUESTIONS,
    Action,
    PeopleAct,
    PeopleList,
    PeopleOpen,
    question_rows,
)
from bot.domain.people_edit import PeopleEdit, PeopleStep, drift_text
from bot.domain.people_pages import question_text
from bot.domain.text import shorten
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.keyboards import keyboard
from handlers.people.screens import (
    card_screen,
    contacts,
    fresh_list,
    list_screen,
    put,
)
from storage.contacts import Contact
from storage.users import User


async def onboarded(update: Update, context: TendContext) -> User | None:
    """The user, once set up (after /delete an old button finds nobody)."""
    assert update.effective_user is not None
    user = await context.services.users.get(update.effective_user.id)
    return user if user is not None and user.onboarded else None


async def owned(update: Update, context: TendContext, contact_id: int) -> tuple[User, Contact]:
    """The user and their contact, else out of date (a fresh list ends any open question)."""
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton()
    contact = await contacts(context).get(user.id, contact_id)
    if contact is None:
        await close(context, user.id, PeopleEdit.name)
        raise await fresh_list(context, user)
    return user, contact


async def people_command(update: Update, context: TendContext) -> None:
    """/people, or /people Sam for Sam's card."""
    assert update.effective_message is not None and update.effective_message.text is not None
    user = await onboarded(update, context)
    if user is None:
        text = "Let's get you set up first: send /start (it takes a minute)."
        await replies.send(update, context, text)
        return
    name, intro = update.effective_message.text.partition(" ")[2].strip(), ""
    if name:
        everyone = await contacts(context).all(user.id)
        found = match_contact(name, [Candidate(contact.id, contact.name) for contact in everyone])
        if found.single is not None:
            contact = next(c for c in everyone if c.id == found.single.contact_id)
            await replies.send(update, context, *await card_screen(context, user, contact, 0))
            return
        intro = f"I couldn't tell who “{shorten(name)}” is, so here's everyone.\n\n"
    text, markup = await list_screen(context, user, 0, False)
    await replies.send(update, context, intro + text, markup)


async def list_button(update: Update, context: TendContext, data: PeopleList) -> None:
    """A page of the list (or of the drifted ones)."""
    user = await onboarded(update, context)
    if user is not None:
        await close(context, user.id, PeopleEdit.name)
        await put(update, context, await list_screen(context, user, data.page, data.drifted))


async def open_button(update: Update, context: TendContext, data: PeopleOpen) -> None:
    """A contact's card (also "‹ Back" from a question, which closes it)."""
    user, contact = await owned(update, context, data.contact)
    await close(context, user.id, PeopleEdit.name)
    await put(update, context, await card_screen(context, user, contact, data.page))


async def act_button(update: Update, context: TendContext, data: PeopleAct) -> None:
    """Let drift and bring back act at once; the others ask first (stored before asked)."""
    user, contact = await owned(update, context, data.contact)
    step = QUESTIONS.get(data.action)
    if step is None:
        drifting = data.action is Action.DRIFT
        await contacts(context).set_archived(user.id, contact.id, drifting)
        await close(context, user.id, PeopleEdit.name)
        moved = replace(contact, archived=drifting)
        intro = drift_text(contact.name, drifting)
        await put(update, context, await card_screen(context, user, moved, data.page, intro))
        return
    history = 0
    if step is PeopleStep.DELETE:
        interactions = context.services.interactions
        history = await interactions.count_for_contact(user.id, contact.id)
    await save(context, user.id, PeopleEdit(step, contact.id, contact.name, data.page))
    question = question_text(step, contact, history)
    await put(update, context, (question, keyboard(question_rows(step, contact, data.page))))
