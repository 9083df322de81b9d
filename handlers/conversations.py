"""Multi-step conversations whose state lives in SQLite, one open conversation per user.

A feature with questions that take typed answers describes itself with a :class:`Conversation`:
its state class (a frozen dataclass in ``bot/domain``, see
:class:`bot.domain.conversation.ConversationState`), the step functions that receive the
user's text (or location, or a button that answers the open question), what ``/cancel`` says,
and the ``/help`` hint. The registry (``handlers/__init__.py``) lists every Conversation once;
:mod:`handlers.text_input` and :mod:`handlers.buttons` route to them from the stored row.

The rules a step function keeps:

- store the next state with :func:`save` BEFORE sending the next question, and :func:`close`
  before sending the last reply, so a crash between the two never loses an answer;
- decide the next step with a pure function of the state in ``bot/domain``;
- keep nothing in ``context.user_data`` or module globals: the next update may be handled by
  another process.

Where /log's state goes (decided with phase A, ported in phase B): its answers stay in
``log_drafts``, because a draft outlives its conversation (held while /people or /undo asks
their question in the one ``conversations`` row, offered back after it expires); its
``conversations`` row only says that /log reads the text (payload: the draft id). The next
question is still ``log_draft.next_step(draft)`` of the stored draft, so the draft is the one
source of truth for answers and the row the one source of truth for who gets text: no LIVE
or HAS_DRAFT markers.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from telegram import Message, Update

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.conversation import BadState, ConversationState, is_abandoned

log = logging.getLogger(__name__)


class StoredState(ConversationState, Protocol):
    """A conversation state that can also be read back from its row."""

    name: ClassVar[str]

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Rebuild from the stored step and payload; unreadable rows raise BadState."""
        ...


KEEPS_CONVERSATION = frozenset({"help", "cancel"})
"""Commands that never interrupt the open conversation (they are about it)."""

S = TypeVar("S", bound=StoredState)
D = TypeVar("D", bound=CallbackData)

Step = Callable[[Update, TendContext, S], Awaitable[None]]
"""A step function: the update carrying the answer, the context, the stored state."""

AnswerButton = Callable[[Update, TendContext, S, Any], Awaitable[str | None]]
"""A button that answers the open question: also gets the typed callback data; returns the
text of the callback answer (a toast) or None. Raise ``buttons.StaleButton`` to refuse it."""


@dataclass(frozen=True)
class Conversation(Generic[S]):
    """Everything the routers need to hand a user's input to one feature's conversation."""

    state: type[S]
    on_text: Step[S] | None
    """None: the conversation is answered by buttons only; typed text takes the stray path."""
    on_cancel: Step[S]
    hint: Callable[[S], str]
    """What /help adds while this conversation is open ("send a time like 19:30 to carry on")."""
    on_location: Step[S] | None = None
    """Shared locations go here; None: a location is stray input while this is open."""
    answer_buttons: Mapping[type[CallbackData], AnswerButton[S]] = field(default_factory=dict)
    """Button families that answer this conversation's question (e.g. the time picker)."""
    expires_after: timedelta | None = None
    """Left untouched this long, the conversation no longer reads the user's text."""
    stale_pointer: str = "/help lists what I can do."
    """Said after "That button is out of date." for an answer button with nothing to answer."""
    on_interrupted: Step[S] | None = None
    """The user turned to something else while this is open: a command other than /help and
    /cancel, or a button of another family. Decide what happens to it (close it, put it on
    hold) and say so; the command or button is handled afterwards as usual. None: it stays
    open silently (onboarding and /settings, as before the redesign)."""
    own_buttons: tuple[type[CallbackData], ...] = ()
    """Button families besides ``answer_buttons`` that do not interrupt this conversation."""

    @property
    def name(self) -> str:
        """The feature's name, as stored in ``conversations.name``."""
        return self.state.name


@dataclass(frozen=True)
class OpenConversation(Generic[S]):
    """A user's open conversation, decoded: which feature, and its typed state."""

    conversation: Conversation[S]
    state: S

    async def text(self, update: Update, context: TendContext) -> None:
        """Hand typed text to the step function."""
        assert self.conversation.on_text is not None
        await self.conversation.on_text(update, context, self.state)

    async def cancel(self, update: Update, context: TendContext) -> None:
        """Hand /cancel to the feature."""
        await self.conversation.on_cancel(update, context, self.state)

    def hint(self) -> str:
        """The /help hint."""
        return self.conversation.hint(self.state)

    def is_turning_away(self, update: Update) -> bool:
        """A command (not /help, /cancel), another feature's button, or a forward, contact or file:
        see ``on_interrupted``."""
        message, query = update.message, update.callback_query
        if message is not None and is_way_in(message):
            return True  # a forward, contact or file opens its own offer (handlers.imports)
        if message is not None and message.text and message.text.startswith("/"):
            command = message.text[1:].split(maxsplit=1)[0].split("@")[0].lower()
            return command not in KEEPS_CONVERSATION
        if query is not None:
            own = (*self.conversation.answer_buttons, *self.conversation.own_buttons)
            return not any(family.matches(query.data) for family in own)
        return False


def is_way_in(message: Message) -> bool:
    """A forward, a shared contact or a file: Tend's imports answer it, never a question."""
    return bool(message.forward_origin or message.contact or message.document)


async def save(context: TendContext, user_id: int, state: ConversationState) -> None:
    """Store ``state`` as the user's open conversation (replacing any other). Call it BEFORE
    sending the question it describes."""
    services = context.services
    await services.conversations.put(
        user_id, state.name, str(state.step), state.to_json(), services.clock.now()
    )


async def close(context: TendContext, user_id: int, name: str) -> None:
    """End conversation ``name`` if it is the open one (another feature's stays open)."""
    await context.services.conversations.clear(user_id, name)


async def close_quietly(update: Update, context: TendContext, state: ConversationState) -> None:
    """An ``on_interrupted`` that just ends the conversation, saying nothing."""
    user = update.effective_user
    assert user is not None
    await close(context, user.id, state.name)


class Conversations:
    """The registry's conversations, by name; reads a user's row into an OpenConversation."""

    def __init__(self, *conversations: Conversation[Any]) -> None:
        self._by_name: dict[str, Conversation[Any]] = {}
        for conversation in conversations:
            if conversation.name in self._by_name:
                raise ValueError(f"two conversations named {conversation.name!r}")
            self._by_name[conversation.name] = conversation

    def __iter__(self) -> Iterator[Conversation[Any]]:
        return iter(self._by_name.values())

    async def open_for(self, context: TendContext, user_id: int) -> OpenConversation[Any] | None:
        """The user's open conversation; an abandoned or unreadable row is closed and ignored."""
        services = context.services
        stored = await services.conversations.get(user_id)
        if stored is None:
            return None
        conversation = self._by_name.get(stored.name)
        if conversation is None:
            return None  # a feature not ported yet (or from a newer version) owns it
        if is_abandoned(stored.updated_at, services.clock.now(), conversation.expires_after):
            await services.conversations.clear(user_id, stored.name)
            return None
        try:
            state = conversation.state.from_json(stored.step, stored.payload)
        except BadState:
            log.warning("dropping unreadable %s conversation of user %s", stored.name, user_id)
            await services.conversations.clear(user_id, stored.name)
            return None
        return OpenConversation(conversation, state)

    async def on_any_update(self, update: Update, context: TendContext) -> None:
        """Before the update is handled: tell the open conversation if the user turns away.

        Registered early (its own group), so the conversation can close or hold itself and say
        so before a command opens something else; it never stops the update.
        """
        user = update.effective_user
        if user is None or (update.message is None and update.callback_query is None):
            return
        if not any(conversation.on_interrupted for conversation in self):
            return  # no conversation cares: skip the read
        open_conversation = await self.open_for(context, user.id)
        if open_conversation is None:
            return
        interrupted = open_conversation.conversation.on_interrupted
        if interrupted is not None and open_conversation.is_turning_away(update):
            await interrupted(update, context, open_conversation.state)
