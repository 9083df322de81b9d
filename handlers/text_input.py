"""Who gets what the user types: the open conversation, or the stray-text path.

Every free text (and a shared location) reaches :meth:`TextInput.on_message`, which

1. runs :meth:`TextInput.screen_text` first: the seam where a check on every free text goes
   (issue #10's distress answer, ``handlers.safety``); it answers and stops routing by
   returning True, leaving the open conversation's row as it was;
2. loads the user's ``conversations`` row and hands the text to that feature's step function
   (a location only when the conversation takes one);
3. with nothing open (or the row abandoned), calls the stray path (``fallback.stray_message``:
   "Log it?" offers, "send /start", "I didn't catch that").

A command's words (``/log I want to die``, ``/people ...``) pass the same screen from
:meth:`TextInput.screen_command`, registered before every other group that reads the update.

``/cancel`` and ``/help`` read the same row: /cancel goes to the open conversation's
``on_cancel`` (else "nothing to cancel"), /help adds its hint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, filters

from bot.context import TendContext
from handlers.conversations import Conversations, OpenConversation

Callback = Callable[[Update, TendContext], Awaitable[None]]
HelpCallback = Callable[[Update, TendContext, str | None], Awaitable[None]]
Screen = Callable[[Update, TendContext, str, OpenConversation[Any] | None], Awaitable[bool]]
"""Answers the text itself (True) or lets it through (False); gets the open conversation."""

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
        screen: Screen | None = None,
        on_screened_command: Callback | None = None,
    ) -> None:
        self._conversations = conversations
        self._screen = screen
        self._on_screened_command = on_screened_command
        self._stray = stray
        self._nothing_to_cancel = nothing_to_cancel
        self._show_help = show_help

    async def screen_text(
        self,
        update: Update,
        context: TendContext,
        text: str,
        open_conversation: OpenConversation[Any] | None,
    ) -> bool:
        """Runs on every free text before routing; True means it answered and routing stops
        (the open conversation is not fed the text and its row is left as it was)."""
        if self._screen is None:
            return False
        return await self._screen(update, context, text, open_conversation)

    async def screen_command(self, update: Update, context: TendContext) -> None:
        """A command's words pass the same screen; answered, nothing else handles the update."""
        message, user = update.message, update.effective_user
        if message is None or user is None or not message.text or not message.text.startswith("/"):
            return
        words = message.text.split(maxsplit=1)
        if len(words) < 2:
            return
        open_conversation = await self._conversations.open_for(context, user.id)
        if await self.screen_text(update, context, words[1], open_conversation):
            if self._on_screened_command is not None:
                await self._on_screened_command(update, context)
            raise ApplicationHandlerStop

    async def on_message(self, update: Update, context: TendContext) -> None:
        """Text or a location: screen it, then the open conversation, else the stray path."""
        message = update.effective_message
        user = update.effective_user
        assert message is not None and user is not None
        open_conversation = await self._conversations.open_for(context, user.id)
        if message.text is not None and await self.screen_text(
            update, context, message.text, open_conversation
        ):
            return
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
