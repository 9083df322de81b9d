"""Every inline-button press of the ported features goes through one router.

A feature registers a :class:`Route`: a callback-data family (``bot.callbacks.CallbackData``)
and ``async def handler(update, context, data) -> str | None``. The router unpacks the data,
calls the handler with the typed value and answers the callback query exactly once, with the
text the handler returned (a short toast) or none. Buttons that answer an open conversation's
question (``Conversation.answer_buttons``) reach that conversation's function with its state.

Stale, malformed or foreign data gets ONE shared reply: "That button is out of date." plus a
pointer to a fresh menu. A handler refuses a press (failed ownership check, item gone) by
raising :class:`StaleButton`. No feature calls ``unpack`` or catches ``CallbackDataError``,
and no feature calls ``query.answer`` itself.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import CallbackData, CallbackDataError
from bot.context import TendContext
from handlers.conversations import Conversations

OUT_OF_DATE = "That button is out of date."
DEFAULT_POINTER = "/help lists what I can do."

D = TypeVar("D", bound=CallbackData)

ButtonHandler = Callable[[Update, TendContext, D], Awaitable[str | None]]


class StaleButton(Exception):
    """Raised by a button handler: this press no longer applies (not the user's, gone, done)."""

    def __init__(
        self, pointer: str | None = None, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        super().__init__(pointer)
        self.pointer = pointer
        self.markup = markup  # buttons under the reply: a fresh menu to pick from instead


@dataclass(frozen=True)
class Route(Generic[D]):
    """One button family and the feature function that handles it."""

    family: type[D]
    handler: ButtonHandler[D]
    pointer: str = DEFAULT_POINTER
    """What the out-of-date reply suggests instead ("Send /settings for a fresh menu.")."""


class ButtonRouter:
    """Routes presses by family prefix; build one in the registry with every route."""

    def __init__(self, routes: Sequence[Route[Any]], conversations: Conversations) -> None:
        self._routes: dict[type[CallbackData], Route[Any]] = {}
        for route in routes:
            if route.family in self._routes:
                raise ValueError(f"{route.family.__name__} is routed twice")
            self._routes[route.family] = route
        self._conversations = conversations
        self._answer_pointers: dict[type[CallbackData], str] = {}
        for conversation in conversations:
            for family in conversation.answer_buttons:
                if family in self._routes:
                    raise ValueError(f"{family.__name__} is both a route and an answer")
                self._answer_pointers.setdefault(family, conversation.stale_pointer)
        families = [*self._routes, *self._answer_pointers]
        self._pattern = re.compile(
            "|".join(f"(?:{family.pattern().pattern})" for family in families) or "(?!)"
        )

    def handler(self) -> CallbackQueryHandler[TendContext, None]:
        """The one CallbackQueryHandler for every routed family."""
        return CallbackQueryHandler(self.on_press, pattern=self._pattern)

    async def on_press(self, update: Update, context: TendContext) -> None:
        """Unpack, dispatch, answer once; stale or malformed data gets the shared reply."""
        query = update.callback_query
        assert query is not None
        family = self._family_of(query.data)
        route = self._routes.get(family)
        pointer = route.pointer if route is not None else self._answer_pointers[family]
        try:
            data = family.unpack(query.data or "")
        except CallbackDataError:
            await _out_of_date(update, context, pointer)
            return
        try:
            if route is not None:
                toast = await route.handler(update, context, data)
            else:
                toast = await self._answer(update, context, family, data)
        except StaleButton as refused:
            await _out_of_date(update, context, refused.pointer or pointer, refused.markup)
            return
        await query.answer(toast)

    async def _answer(
        self, update: Update, context: TendContext, family: type[CallbackData], data: Any
    ) -> str | None:
        """A button answering a question: only the open conversation asking it may take it."""
        user = update.effective_user
        assert user is not None
        open_conversation = await self._conversations.open_for(context, user.id)
        if open_conversation is None:
            raise StaleButton()
        handler = open_conversation.conversation.answer_buttons.get(family)
        if handler is None:
            raise StaleButton()
        result: str | None = await handler(update, context, open_conversation.state, data)
        return result

    def _family_of(self, data: str | None) -> type[CallbackData]:
        for family in (*self._routes, *self._answer_pointers):
            if family.matches(data):
                return family
        raise AssertionError("the pattern admitted a family the router does not know")


async def _out_of_date(
    update: Update,
    context: TendContext,
    pointer: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """The one reply to a button that no longer applies: a toast, then where to go instead."""
    query = update.callback_query
    assert query is not None
    await query.answer(OUT_OF_DATE)
    if query.message is not None:
        await context.bot.send_message(
            query.message.chat.id, f"{OUT_OF_DATE} {pointer}", reply_markup=markup
        )
