"""Adding one person a forward or a shared contact named: the kind question and its answer.

The name waits in the ``conversations`` row (:class:`AddingSomeone`); each button names its
offer, so a button under an older offer (or a forged one) is out of date and changes nothing.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.imports import (
    NOTHING_ADDED,
    AddAs,
    AddingSomeone,
    AddingStep,
    AddNew,
    ForwardLog,
    NotNow,
    added_text,
    already_there_text,
    kind_question,
    kind_rows,
)
from bot.domain.log_steps import TOO_MANY
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.imports.common import contacts, onboarded, put
from handlers.keyboards import keyboard
from storage.contact_imports import NewContact
from storage.users import User


def _check(state: AddingSomeone, offer: int) -> None:
    if offer != state.offer:
        raise StaleButton()


async def _user(update: Update, context: TendContext) -> User:
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton()
    return user


async def ask_kind(
    update: Update, context: TendContext, state: AddingSomeone, data: AddNew
) -> None:
    """ "Add Sam as new": the kind question (stored before it is asked)."""
    _check(state, data.offer)
    user = await _user(update, context)
    asking = AddingSomeone(
        AddingStep.KIND, state.offer, state.person, state.suggested, state.then_log
    )
    await save(context, user.id, asking)
    await put(update, context, kind_question(state.person), keyboard(kind_rows(asking)))


async def add_as(update: Update, context: TendContext, state: AddingSomeone, data: AddAs) -> None:
    """A kind tapped: add the person (once), then offer to log when a forward brought them."""
    _check(state, data.offer)
    if state.step is not AddingStep.KIND:
        raise StaleButton()
    user = await _user(update, context)
    now = context.services.clock.now()
    outcome = await context.services.contact_importer.add(
        user.id, [NewContact(state.person, data.kind)], now
    )
    await close(context, user.id, AddingSomeone.name)
    if outcome.over_limit:
        await put(update, context, TOO_MANY)
        return
    if outcome.added:
        contact = outcome.added[0]
        text = added_text(contact.name, contact.kind, then_log=state.then_log)
    else:
        found = await contacts(context).find_by_name(user.id, state.person)
        if found is None:  # deleted between the two reads
            raise StaleButton()
        contact = found
        text = already_there_text(contact.name)
        if state.then_log:
            text += f"\n\nLog a message with {contact.name} today?"
    markup = keyboard([[("Log it", ForwardLog(contact.id))]]) if state.then_log else None
    await put(update, context, text, markup)


async def not_now(update: Update, context: TendContext, state: AddingSomeone, data: NotNow) -> None:
    """ "Not now": nothing is added."""
    _check(state, data.offer)
    user = await _user(update, context)
    await close(context, user.id, AddingSomeone.name)
    await put(update, context, NOTHING_ADDED)


async def cancel(update: Update, context: TendContext, state: AddingSomeone) -> None:
    """/cancel while the question is open."""
    await put(update, context, NOTHING_ADDED)
