"""A message forwarded into Tend: whom it came from, never what it said.

Only ``message.forward_origin`` is read (a user's first and last name, a hidden sender's
chosen name, a group's or channel's title); the forwarded text or caption is never read,
stored or logged. Forwards are not screened for distress either: they are someone else's
words, and the registry routes them here before typed text is looked at.
"""

from __future__ import annotations

from telegram import (
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.channels import Channel
from bot.domain.days import today_in
from bot.domain.forwards import (
    AddNew as OfferNew,
)
from bot.domain.forwards import (
    ChooseKnown,
    ForwardOrigin,
    LogWithKnown,
    NothingToOffer,
    OriginKind,
    forward_offer,
    offer_text,
)
from bot.domain.imports import (
    NO_SENDER,
    OWN_MESSAGE,
    SETUP_FIRST,
    AddingSomeone,
    AddingStep,
    AddNew,
    ForwardLog,
    NotNow,
    add_offer_rows,
)
from bot.domain.log_context import moment_phrase
from bot.domain.log_draft import DraftPerson
from handlers import replies
from handlers.buttons import StaleButton
from handlers.conversations import close, save
from handlers.imports.common import candidates, contacts, onboarded, put
from handlers.keyboards import keyboard
from storage.interactions import MomentToSave, SaveProblem

Rows = list[list[tuple[str, CallbackData]]]


def origin_of(origin: MessageOrigin) -> ForwardOrigin | None:
    """The sender fields of ``forward_origin`` as plain strings (nothing else is read)."""
    if isinstance(origin, MessageOriginUser):
        sender = origin.sender_user
        return ForwardOrigin(
            OriginKind.USER,
            first_name=sender.first_name,
            last_name=sender.last_name,
            is_bot=sender.is_bot,
        )
    if isinstance(origin, MessageOriginHiddenUser):
        return ForwardOrigin(OriginKind.HIDDEN_USER, sender_user_name=origin.sender_user_name)
    if isinstance(origin, MessageOriginChat):
        return ForwardOrigin(OriginKind.CHAT, title=origin.sender_chat.title)
    if isinstance(origin, MessageOriginChannel):
        return ForwardOrigin(OriginKind.CHANNEL, title=origin.chat.title)
    return None


async def on_forward(update: Update, context: TendContext) -> None:
    """Offer to log a message with the sender, or to add them; channels and bots get why not."""
    message = update.effective_message
    assert message is not None and message.forward_origin is not None
    user = await onboarded(update, context)
    if user is None:
        await replies.send(update, context, SETUP_FIRST)
        return
    raw = message.forward_origin
    if isinstance(raw, MessageOriginUser) and raw.sender_user.id == user.id:
        await replies.send(update, context, OWN_MESSAGE)
        return
    origin = origin_of(raw)
    if origin is None:
        await replies.send(update, context, NO_SENDER)
        return
    offer = forward_offer(origin, await candidates(context, user))
    text = offer_text(offer)
    if isinstance(offer, NothingToOffer):
        await replies.send(update, context, text)
        return
    if isinstance(offer, LogWithKnown) and offer.sure:
        rows: Rows = [
            [(f"Log a message with {offer.contact.name}", ForwardLog(offer.contact.contact_id))]
        ]
        await replies.send(update, context, text, keyboard(rows))
        return
    # An offer that may add someone new: the name waits in the conversations row.
    if isinstance(offer, OfferNew):
        state = AddingSomeone(AddingStep.OFFERED, message.message_id, offer.name, offer.kind, True)
        rows = add_offer_rows(state)
    else:
        known = offer.candidates if isinstance(offer, ChooseKnown) else (offer.contact,)
        name = offer.sender_name
        state = AddingSomeone(AddingStep.OFFERED, message.message_id, name, None, True)
        rows = [[(f"Log with {c.name}", ForwardLog(c.contact_id))] for c in known]
        rows.append([(f"Add {name} as new", AddNew(state.offer))])
        rows.append([("Not now", NotNow(state.offer))])
    await save(context, user.id, state)
    await replies.send(update, context, text, keyboard(rows))


async def log_pressed(update: Update, context: TendContext, data: ForwardLog) -> None:
    """ "Log a message with Sam": saved at once, as a message today."""
    user = await onboarded(update, context)
    if user is None:
        raise StaleButton()
    contact = await contacts(context).get(user.id, data.contact)
    if contact is None:
        raise StaleButton()
    now = context.services.clock.now()
    person = DraftPerson(contact.name, contact.kind, contact.id)
    moment = MomentToSave((person,), Channel.MESSAGE, now, None, None)
    saved = await context.services.interactions.save_moment(user.id, moment, now)
    if isinstance(saved, SaveProblem):
        raise StaleButton()
    await close(context, user.id, AddingSomeone.name)
    today = today_in(user.zone, now)
    phrase = moment_phrase(Channel.MESSAGE, [contact.name], today, today)
    back = f"\n{contact.name} is back in your menus." if saved.people[0].was_drifting else ""
    await put(update, context, f"Saved: {phrase}.{back}")
