"""Who gets what the user types: the open conversation, or the stray-text path.

Every free text (and a shared location) reaches :meth:`TextInput.on_message`, which

1. runs :meth:`TextInput.screen_text` first: the seam where a check on every free text goes
   (issue #10's distress classifier); it answers and stops routing by returning True;
2. loads the user's ``conversations`` row and hands the text to that feature's step function
   (a location only when the conversation takes one);
3. with nothing open (or the row abandoned), calls the stray path (``fallback.stray_message``:
   "Log it?" offers, "send /start", "I didn't catch that").

``/cancel`` and ``/help`` read the same row: /cancel goes to the open conversation's
``on_cancel`` (else "nothing to cancel"), /help adds its hint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import filters

from bot.context import TendContext
from handlers.conversations import Conversations

Callback = Callable[[Update, TendContext], Awaitable[None]]
HelpCallback = Callable[[Update, TendContext, str | None], Awaitable[None]]

TEXT_OR_LOCATION = ((filters.TEXT & ~filters.COMMAND) | filters.LOCATION) & ~filters.FORWARDED
"""What :meth:`TextInput.on_message` is registered for. Never a forward: that is someone else's
words (``handlers.imports`` reads only who sent it, and forwards are not screened)."""


class TextInput:
    """Routes typed input by the stored conversation; the registry builds exactly one."""

    def __init__(
        self,
        conversations: Conversations,
        *,
        stray: Callback,
        nothing_to_cancel: Callback,
        show_help: HelpCallback,
    ) -> None:
        self._conversations = conversations
        self._stray = stray
        self._nothing_to_cancel = nothing_to_cancel
        self._show_help = show_help

    async def screen_text(self, update: Update, context: TendContext, text: str) -> bool:
        """Runs on every free text before routing; True means it answered and routing stops.

        Nothing to screen yet: issue #10 puts its distress check here.
        """
        return False

    async def on_message(self, update: Update, context: TendContext) -> None:
        """Text or a location: screen it, then the open conversation, else the stray path."""
        message = update.effective_message
        user = update.effective_user
        assert message is not None and user is not None
        if message.text is not None and await self.screen_text(update, context, message.text):
            return
        open_conversation = await self._conversations.open_for(context, user.id)
        if open_conversation is None or open_conversation.conversation.on_text is None:
            await self._stray(update, context)
            return
        if message.location is not None:
            on_location = open_conversation.conversation.on_location
            if on_location is None:
                await self._stray(update, context)
                return
            await on_location(update, context, open_conversation.state)
            return
        await open_conversation.text(update, context)

    async def on_cancel(self, update: Update, context: TendContext) -> None:
        """/cancel: the open conversation says what it kept; otherwise nothing to cancel."""
        user = update.effective_user
        assert user is not None
        open_conversation = await self._conversations.open_for(context, user.id)
        if open_conversation is None:
            await self._nothing_to_cancel(update, context)
            return
        await context.services.conversations.clear(user.id, open_conversation.conversation.name)
        await open_conversation.cancel(update, context)

    async def on_help(self, update: Update, context: TendContext) -> None:
        """/help, with how to carry on with whatever conversation takes the next text."""
        user = update.effective_user
        assert user is not None
        hint = None
        open_conversation = await self._conversations.open_for(context, user.id)
        if open_conversation is not None:
            hint = open_conversation.hint()
        await self._show_help(update, context, hint)
