"""/people: everyone the user keeps up with, how long it has been, and what to change.

The list pages eight at a time, grouped by kind. A contact's card shows its recent history and
buttons to rename it, change its kind, set a personal rhythm, let it drift (out of menus and
nudges, history kept), bring it back, or delete it with its history after a confirmation.
Every question with buttons also takes a typed answer. What the registry wires:

- ``CommandHandler("people", people_command)``;
- :data:`CONVERSATION`: typed answers while a card's question is open, /cancel, /help;
- :data:`BUTTONS`: every button; each names its contact, so an old message still works.
"""

from __future__ import annotations

from typing import Any

from bot.domain.people_edit import PeopleEdit
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.people.answers import (
    answer_text,
    cancel,
    delete_button,
    hint,
    kind_button,
    leave,
    rhythm_button,
)
from handlers.people.browse import act_button, list_button, open_button, people_command
from handlers.people.callbacks import (
    Action,
    PeopleAct,
    PeopleDelete,
    PeopleKind,
    PeopleList,
    PeopleOpen,
    PeopleRhythm,
)

FRESH_LIST = "/people shows everyone."

CONVERSATION: Conversation[PeopleEdit] = Conversation(
    state=PeopleEdit,
    on_text=answer_text,
    on_cancel=cancel,
    hint=hint,
    on_interrupted=leave,
    own_buttons=(PeopleList, PeopleOpen, PeopleAct, PeopleKind, PeopleRhythm, PeopleDelete),
)

BUTTONS: tuple[Route[Any], ...] = (
    Route(PeopleList, list_button, FRESH_LIST),
    Route(PeopleOpen, open_button, FRESH_LIST),
    Route(PeopleAct, act_button, FRESH_LIST),
    Route(PeopleKind, kind_button, FRESH_LIST),
    Route(PeopleRhythm, rhythm_button, FRESH_LIST),
    Route(PeopleDelete, delete_button, FRESH_LIST),
)

__all__ = [
    "BUTTONS",
    "CONVERSATION",
    "Action",
    "PeopleAct",
    "PeopleDelete",
    "PeopleKind",
    "PeopleList",
    "PeopleOpen",
    "PeopleRhythm",
    "people_command",
]
