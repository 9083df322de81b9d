"""The /log questions: their words and buttons, built from the stored draft alone.

So the same question can be shown again after a restart, a resume or an out-of-date button.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from handlers.log.buttons import (
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
from storage.contacts import ContactRepository
from storage.log_drafts import StoredDraft

Row = Sequence[tuple[str, CallbackData]]

RECENT_WINDOW = timedelta(days=90)
""""Most frequent" counts interactions in this window, so old habits fade from the menu."""

MAX_CANDIDATES = 6
"""Buttons offered for "Which one did you mean?"."""


async def build_question(
    context: TendContext, user_id: int, stored: StoredDraft, step: LogStep, extra: Sequence[Row]
) -> tuple[str, InlineKeyboardMarkup]:
    """The words and buttons for ``step`` of this draft (``extra`` rows go last)."""
    draft, at = stored.draft, stored.id
    rows: list[Row]
    if step is LogStep.WHO:
        text, rows = await _who(context, user_id, draft, at)
    elif step is LogStep.CONFIRM:
        text, rows = await _confirm(context, user_id, draft, at)
    elif step is LogStep.NEW_NAME:
        text = (
            "What's the group or community called? Type it, like Book club or Choir."
            if draft.naming == "group"
            else "What's their name? Type it, like Sam or Aunt Mary."
        )
        rows = [[("‹ Back", LogBack(at))]]
    elif step is LogStep.KIND:
        assert draft.pending is not None
        name = draft.pending.name
        text = f"{name} is new here. What kind of connection is {name}?"
        rows = [[(f"{kind.label} · {kind.examples}", LogKind(at, kind))] for kind in ConnectionType]
        rows.append([("‹ Back", LogBack(at))])
    elif step is LogStep.HOW:
        channels = [(channel.label, LogHow(at, channel)) for channel in Channel]
        text = f"How did you connect{with_whom(draft)}?"
        rows = [channels[:2], channels[2:], [("+ Add another person", LogMore(at))]]
    elif step is LogStep.WHEN:
        text = "When was it? Tap a day or type one, like 3 days ago or last friday."
        rows = [[("Today", LogDay(at, 0)), ("Yesterday", LogDay(at, 1))]]
        if draft.channel_defaulted:
            text = f"In person{with_whom(draft)}. {text}"
            rows.append([("Not in person?", LogChangeHow(at)), ("+ Add another", LogMore(at))])
    elif step is LogStep.FEELING:
        faces = [(feeling.label, LogFeel(at, feeling.value)) for feeling in FEELINGS]
        text = "How did it feel? Tap one, type 1 to 5, or skip."
        rows = [faces[:3], faces[3:], [("Skip", LogFeel(at, None))]]
    else:
        text = "Anything to remember about it? Type a short note, or tap Skip."
        rows = [[("Skip", LogSkipNote(at))]]
    return text, keyboard([*rows, *extra])


async def _who(
    context: TendContext, user_id: int, draft: LogDraft, at: int
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
    names = [(item.name, LogPick(at, item.contact_id)) for item in offered]
    rows: list[Row] = [names[index : index + 2] for index in range(0, len(names), 2)]
    rows.append([("Someone new", LogNew(at, False)), ("A group or community", LogNew(at, True))])
    if draft.adding and draft.people:
        rows.append([("That's everyone", LogEveryone(at))])
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
    context: TendContext, user_id: int, draft: LogDraft, at: int
) -> tuple[str, list[Row]]:
    pending = draft.pending
    assert pending is not None
    found = await ContactRepository(context.services.db).get_many(user_id, pending.candidates)
    candidates = [found[c] for c in pending.candidates if c in found][:MAX_CANDIDATES]
    back: Row = [("‹ Back", LogBack(at))]
    if pending.match == "suggest" and candidates:
        best = candidates[0]
        return f"Did you mean {best.name}?", [
            [(f"Yes, {best.name}", LogPick(at, best.id))],
            [(f"No, add “{pending.name}” as new", LogAddTyped(at))],
            back,
        ]
    rows: list[Row] = [[(candidate.name, LogPick(at, candidate.id))] for candidate in candidates]
    add_new: Row = [(f"Someone new called “{pending.name}”", LogAddTyped(at))]
    return f"Which “{pending.name}” did you mean?", [*rows, add_new, back]
