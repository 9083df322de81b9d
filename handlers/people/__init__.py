"""/people: everyone the user keeps up with, how long it has been, and what to change.

The list pages eight at a time, grouped by kind. A contact's card shows its recent history and
buttons to rename it, change its kind, set a personal rhythm, let it drift (out of menus and
nudges, history kept), bring it back, or delete it with its history after a confirmation.
Every question with buttons also takes a typed answer. The registry wires ``people_command``,
:data:`CONVERSATION` (typed answers to a card's question, /cancel, /help; another command
closes it silently) and :data:`BUTTONS` (each names its contact: old messages still work).
"""

from __future__ import annotations

from typing import Any

from bot.domain.people_buttons import (
    PeopleAct,
    PeopleDelete,
    PeopleKind,
    PeopleList,
    PeopleOpen,
    PeopleRhythm,
)
from bot.domain.people_edit import PeopleEdit
from handlers.buttons import Route
from handlers.conversations import Conversation, close_quietly
from handlers.people.answers import answer_button, answer_text, cancel
from handlers.people.browse import act_button, list_button, open_button, people_command

FRESH_LIST = "/people shows everyone."

BUTTONS: tuple[Route[Any], ...] = tuple(
    Route(family, handler, FRESH_LIST)
    for family, handler in (
        (PeopleList, list_button),
        (PeopleOpen, open_button),
        (PeopleAct, act_button),
        (PeopleKind, answer_button),
        (PeopleRhythm, answer_button),
        (PeopleDelete, answer_button),
    )
)

CONVERSATION: Conversation[PeopleEdit] = Conversation(
    state=PeopleEdit,
    on_text=answer_text,
    on_cancel=cancel,
    hint=PeopleEdit.hint,
    on_interrupted=close_quietly,
    own_buttons=tuple(route.family for route in BUTTONS),
)

__all__ = ["BUTTONS", "CONVERSATION", "people_command"]
