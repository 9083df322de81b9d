"""The questions of the /log conversation: their words and their buttons.

Each question is built from the stored draft alone, so the same question can be shown again
after a restart, a resume or an out-of-date button ("a fresh menu").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from telegram import InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.context import TendContext
from bot.domain.channels import Channel
from bot.domain.contact_menu import rank_for_menu
from bot.domain.feelings import FEELINGS
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import join_names
from bot.domain.log_draft import LogDraft, LogStep, with_whom
from handlers.keyboards import keyboard
from handlers.log_callbacks import (
    LogAddTyped,
    LogBack,
    LogChangeHow,
    LogDay,
    LogEveryone,
    LogFeel,
    LogHow,
    LogKind,
    LogMore,
    LogNew,
    LogPick,
    LogSkipNote,
)
from handlers.replies import show
from storage.contacts import ContactRepository
from storage.log_drafts import StoredDraft

__all__ = ["Question", "build_question", "resume_hint", "show"]

Row = Sequence[tuple[str, CallbackData]]

RECENT_WINDOW = timedelta(days=90)
""""Most frequent" counts interactions in this window, so old habits fade from the menu."""

MAX_CANDIDATES = 6
"""Buttons offered for "Which one did you mean?"."""

_INSTRUCTIONS = {
    LogStep.WHO: "say who it was with",
    LogStep.CONFIRM: "tap who you meant, or type the name again",
    LogStep.NEW_NAME: "type the name",
    LogStep.KIND: "pick what kind of connection it is",
    LogStep.HOW: "say how you connected",
    LogStep.WHEN: "say which day it was",
    LogStep.FEELING: "say how it felt, or skip",
    LogStep.NOTE: "type a short note, or skip",
}


@dataclass(frozen=True)
class Question:
    """A question ready to send."""

    text: str
    markup: InlineKeyboardMarkup


def resume_hint(draft: LogDraft, step: LogStep) -> str:
    """What /help says while this log is open."""
    return (
        f"You're in the middle of a log{with_whom(draft)}: {_INSTRUCTIONS[step]}, "
        "or /cancel to drop it."
    )


async def build_question(
    context: TendContext,
    user_id: int,
    stored: StoredDraft,
    step: LogStep,
    *,
    intro: str = "",
    extra_rows: Sequence[Row] = (),
) -> Question:
    """The words and buttons for ``step`` of this draft, after an optional intro line."""
    draft, draft_id = stored.draft, stored.id
    rows: list[Row]
    if step is LogStep.WHO:
        text, rows = await _who(context, user_id, draft, draft_id)
    elif step is LogStep.CONFIRM:
        text, rows = await _confirm(context, user_id, draft, draft_id)
    elif step is LogStep.NEW_NAME:
        text, rows = _new_name(draft, draft_id)
    elif step is LogStep.KIND:
        text, rows = _kind(draft, draft_id)
    elif step is LogStep.HOW:
        text, rows = _how(draft, draft_id)
    elif step is LogStep.WHEN:
        text, rows = _when(draft, draft_id)
    elif step is LogStep.FEELING:
        text, rows = _feeling(draft_id)
    else:
        text, rows = _note(draft_id)
    full_text = f"{intro}\n\n{text}" if intro else text
    return Question(full_text, keyboard([*rows, *extra_rows]))


async def _who(
    context: TendContext, user_id: int, draft: LogDraft, draft_id: int
) -> tuple[str, list[Row]]:
    overview = await ContactRepository(context.services.db).overview(
        user_id, context.services.clock.now() - RECENT_WINDOW
    )
    chosen = {person.contact_id for person in draft.people}
    offered = rank_for_menu(
        [
            item.activity
            for item in overview
            if not item.contact.archived and item.contact.id not in chosen
        ]
    )
    rows: list[Row] = []
    buttons = [(item.name, LogPick(draft_id, item.contact_id)) for item in offered]
    rows += [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append(
        [("Someone new", LogNew(draft_id, False)), ("A group or community", LogNew(draft_id, True))]
    )
    if draft.adding and draft.people:
        rows.append([("That's everyone", LogEveryone(draft_id))])
        text = (
            f"Who else was there with {join_names(draft.names)}? "
            "Tap or type a name, or tap That's everyone."
        )
    elif overview:
        text = "Who did you connect with? Tap a name or type one."
    else:
        text = (
            "Who did you connect with? Type a name (Mum, Sam and Book club all work) or tap below."
        )
    return text, rows


async def _confirm(
    context: TendContext, user_id: int, draft: LogDraft, draft_id: int
) -> tuple[str, list[Row]]:
    pending = draft.pending
    assert pending is not None
    found = await ContactRepository(context.services.db).get_many(user_id, pending.candidates)
    candidates = [found[c] for c in pending.candidates if c in found][:MAX_CANDIDATES]
    back: Row = [("‹ Back", LogBack(draft_id))]
    add_new: Row = [(f"Someone new called “{pending.name}”", LogAddTyped(draft_id))]
    if pending.match == "suggest" and candidates:
        best = candidates[0]
        return (
            f"Did you mean {best.name}?",
            [
                [(f"Yes, {best.name}", LogPick(draft_id, best.id))],
                [(f"No, add “{pending.name}” as new", LogAddTyped(draft_id))],
                back,
            ],
        )
    rows: list[Row] = [
        [(candidate.name, LogPick(draft_id, candidate.id))] for candidate in candidates
    ]
    return f"Which “{pending.name}” did you mean?", [*rows, add_new, back]


def _new_name(draft: LogDraft, draft_id: int) -> tuple[str, list[Row]]:
    back: list[Row] = [[("‹ Back", LogBack(draft_id))]]
    if draft.naming == "group":
        return "What's the group or community called? Type it, like Book club or Choir.", back
    return "What's their name? Type it, like Sam or Aunt Mary.", back


def _kind(draft: LogDraft, draft_id: int) -> tuple[str, list[Row]]:
    pending = draft.pending
    assert pending is not None
    rows: list[Row] = [
        [(f"{kind.label} · {kind.examples}", LogKind(draft_id, kind))] for kind in ConnectionType
    ]
    rows.append([("‹ Back", LogBack(draft_id))])
    return f"{pending.name} is new here. What kind of connection is {pending.name}?", rows


def _channel_rows(draft_id: int) -> list[Row]:
    buttons = [(channel.label, LogHow(draft_id, channel)) for channel in Channel]
    return [buttons[:2], buttons[2:]]


def _how(draft: LogDraft, draft_id: int) -> tuple[str, list[Row]]:
    rows = _channel_rows(draft_id)
    rows.append([("+ Add another person", LogMore(draft_id))])
    return f"How did you connect{with_whom(draft)}?", rows


def _when(draft: LogDraft, draft_id: int) -> tuple[str, list[Row]]:
    rows: list[Row] = [[("Today", LogDay(draft_id, 0)), ("Yesterday", LogDay(draft_id, 1))]]
    text = "When was it? Tap a day or type one, like 3 days ago or last friday."
    if draft.channel_defaulted:
        text = f"In person{with_whom(draft)}. {text}"
        rows.append(
            [("Not in person?", LogChangeHow(draft_id)), ("+ Add another", LogMore(draft_id))]
        )
    return text, rows


def _feeling(draft_id: int) -> tuple[str, list[Row]]:
    buttons = [(feeling.label, LogFeel(draft_id, feeling.value)) for feeling in FEELINGS]
    rows: list[Row] = [buttons[:3], buttons[3:], [("Skip", LogFeel(draft_id, None))]]
    return "How did it feel? Tap one, type 1 to 5, or skip.", rows


def _note(draft_id: int) -> tuple[str, list[Row]]:
    return (
        "Anything to remember about it? Type a short note, or tap Skip.",
        [[("Skip", LogSkipNote(draft_id))]],
    )
