"""What the three ways in share: who the user is, their contacts, and where to answer."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.context import TendContext
from bot.domain.matching import Candidate
from handlers import replies
from storage.contacts import MAX_CONTACTS, ContactRepository
from storage.users import User


def contacts(context: TendContext) -> ContactRepository:
    """The users' people and groups (every query takes the user's id)."""
    return context.services.contacts


async def onboarded(update: Update, context: TendContext) -> User | None:
    """The sender, once set up (adding people needs their account)."""
    sender = update.effective_user
    assert sender is not None
    user = await context.services.users.get(sender.id)
    return user if user is not None and user.onboarded else None


async def candidates(context: TendContext, user: User) -> list[Candidate]:
    """The user's contacts as names to match against."""
    return [Candidate(contact.id, contact.name) for contact in await contacts(context).all(user.id)]


async def room_left(context: TendContext, user: User) -> int:
    """How many more people the user may keep."""
    return max(0, MAX_CONTACTS - await contacts(context).count(user.id))


async def put(
    update: Update, context: TendContext, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message whose button was pressed; otherwise send anew."""
    query, chat = update.callback_query, update.effective_chat
    assert chat is not None
    pressed = query.message if query is not None and isinstance(query.message, Message) else None
    await replies.show(context, chat.id, text, markup, edit=pressed)
