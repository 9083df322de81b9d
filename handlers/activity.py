"""Who may be written to: blocking, unblocking, and writing again."""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberUpdated, Update

from bot.context import TendContext

log = logging.getLogger(__name__)


async def on_my_chat_member(update: Update, context: TendContext) -> None:
    """Blocked the bot: stop writing. Unblocked: welcome back into the schedule."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    if await context.services.users.set_active(change.from_user.id, not blocked):
        log.info("user %s %s the bot", change.from_user.id, "blocked" if blocked else "unblocked")


async def on_any_message(update: Update, context: TendContext) -> None:
    """A user who writes again is active again, whatever we thought before."""
    user = update.effective_user
    if user is None or update.message is None:
        return
    known = await context.services.users.get(user.id)
    if known is not None and not known.active:
        await context.services.users.set_active(user.id, True)
        log.info("user %s is writing again; marked active", user.id)
