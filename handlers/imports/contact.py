"""A contact shared through Telegram's attachment menu: offer to add that person, nothing else.

Only ``contact.first_name`` and ``contact.last_name`` are read; the phone number and the vCard
string Telegram attaches are never read, stored or logged.
"""

from __future__ import annotations

from telegram import Update

from bot.context import TendContext
from bot.domain.imports import SETUP_FIRST, AddingSomeone, AddingStep, kind_rows
from bot.domain.names import InvalidName
from bot.domain.shared_contacts import offer_text, shared_contact_offer
from handlers import replies
from handlers.conversations import save
from handlers.imports.common import candidates, onboarded
from handlers.keyboards import keyboard


async def on_contact(update: Update, context: TendContext) -> None:
    """Offer to add the shared person, asking their kind (stored before it is asked)."""
    message = update.effective_message
    assert message is not None and message.contact is not None
    user = await onboarded(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    shared = message.contact
    try:
        offer = shared_contact_offer(
            shared.first_name, shared.last_name, await candidates(context, user)
        )
    except InvalidName as problem:
        await replies.send(update, context, f"I can't add that contact: {problem.message}")
        return
    if offer.existing is not None:
        await replies.send(update, context, offer_text(offer))
        return
    state = AddingSomeone(AddingStep.KIND, message.message_id, offer.name, None, False)
    await save(context, user.id, state)
    await replies.send(update, context, offer_text(offer), keyboard(kind_rows(state)))
