"""/history: every log, newest first, a page at a time; filter, search, open one to change it.

The open list (filter, search words, page) is kept in the ``conversations`` row
(:class:`bot.domain.history_view.HistoryView`), so paging a search works after a restart;
so is a typed question about one log (its day, note, or a person to add). The registry wires
``history_command``, :data:`CONVERSATION` and :data:`BUTTONS`.
"""

from __future__ import annotations

from typing import Any

from bot.domain.history_buttons import (
    EVERY_FAMILY,
    HistAdd,
    HistAll,
    HistBack,
    HistChannel,
    HistDelete,
    HistFeel,
    HistField,
    HistFor,
    HistKind,
    HistNoteOff,
    HistOpen,
    HistPage,
    HistPeople,
    HistPerson,
    HistRemove,
    HistSetKind,
)
from bot.domain.history_texts import FRESH
from bot.domain.history_view import HistoryView
from handlers.buttons import Route
from handlers.conversations import Conversation
from handlers.history import browse, edits
from handlers.history.answers import add_button, answer_text, cancel, interrupted
from handlers.history.browse import history_command

BUTTONS: tuple[Route[Any], ...] = tuple(
    Route(family, handler, FRESH)
    for family, handler in (
        (HistPage, browse.page_button),
        (HistKind, browse.kind_button),
        (HistPeople, browse.people_button),
        (HistPerson, browse.person_button),
        (HistAll, browse.all_button),
        (HistFor, browse.for_button),
        (HistBack, browse.back_button),
        (HistOpen, browse.open_button),
        (HistField, edits.field_button),
        (HistChannel, edits.channel_button),
        (HistFeel, edits.feeling_button),
        (HistNoteOff, edits.note_off_button),
        (HistRemove, edits.remove_button),
        (HistAdd, add_button),
        (HistSetKind, edits.kind_button),
        (HistDelete, edits.delete_button),
    )
)

CONVERSATION: Conversation[HistoryView] = Conversation(
    state=HistoryView,
    on_text=answer_text,
    on_cancel=cancel,
    hint=HistoryView.hint,
    on_interrupted=interrupted,
    own_buttons=EVERY_FAMILY,
)

__all__ = ["BUTTONS", "CONVERSATION", "history_command"]
