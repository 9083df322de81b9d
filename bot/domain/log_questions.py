"""The /log questions: their words and buttons, from the stored draft alone (pure).

So the same question can be shown again after a restart, a resume or an out-of-date button;
the handler only reads the user's contacts for the "Who?" menu and "Which one?" candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.contact_menu import ContactActivity, rank_for_menu
from bot.domain.feelings import FEELINGS
from bot.domain.kinds import ConnectionType
from bot.domain.log_buttons import (
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
from bot.domain.log_context import join_names
from bot.domain.log_draft import LogDraft, LogStep, with_whom
from bot.domain.matching import Candidate

Row = Sequence[tuple[str, CallbackData]]

MAX_CANDIDATES = 6
"""Buttons offered for "Which one did you mean?"."""


def question(
    draft: LogDraft,
    at: int,
    step: LogStep,
    menu: Sequence[ContactActivity] = (),
    candidates: Sequence[Candidate] = (),
    *,
    has_contacts: bool = False,
) -> tuple[str, list[Row]]:
    """Words and button rows for ``step`` of draft ``at``.

    ``menu``: the user's active contacts for "Who?"; ``candidates``: the pending name's
    matches still there, in the matcher's order; ``has_contacts``: any contact at all.
    """
    back: Row = [("‹ Back", LogBack(at))]
    if step is LogStep.WHO:
        return _who(draft, at, menu, has_contacts)
    if step is LogStep.CONFIRM:
        assert draft.pending is not None
        name, shown = draft.pending.name, candidates[:MAX_CANDIDATES]
        if draft.pending.match == "suggest" and shown:
            best = shown[0]
            yes = [(f"Yes, {best.name}", LogPick(at, best.contact_id))]
            return f"Did you mean {best.name}?", [
                yes,
                [(f"No, add “{name}” as new", LogAddTyped(at))],
                back,
            ]
        rows: list[Row] = [[(c.name, LogPick(at, c.contact_id))] for c in shown]
        rows += [[(f"Someone new called “{name}”", LogAddTyped(at))], back]
        return f"Which “{name}” did you mean?", rows
    if step is LogStep.NEW_NAME:
        if draft.naming == "group":
            return "What's the group or community called? Type it, like Book club or Choir.", [back]
        return "What's their name? Type it, like Sam or Aunt Mary.", [back]
    if step is LogStep.KIND:
        assert draft.pending is not None
        name = draft.pending.name
        kinds: list[Row] = [[(f"{k.label} · {k.examples}", LogKind(at, k))] for k in ConnectionType]
        return f"{name} is new here. What kind of connection is {name}?", [*kinds, back]
    if step is LogStep.HOW:
        channels = [(channel.label, LogHow(at, channel)) for channel in Channel]
        more = [("+ Add another person", LogMore(at))]
        return f"How did you connect{with_whom(draft)}?", [channels[:2], channels[2:], more]
    if step is LogStep.WHEN:
        text = "When was it? Tap a day or type one, like 3 days ago or last friday."
        rows = [[("Today", LogDay(at, 0)), ("Yesterday", LogDay(at, 1))]]
        if not draft.channel_defaulted:
            return text, rows
        rows.append([("Not in person?", LogChangeHow(at)), ("+ Add another", LogMore(at))])
        return f"In person{with_whom(draft)}. {text}", rows
    if step is LogStep.FEELING:
        faces = [(feeling.label, LogFeel(at, feeling.value)) for feeling in FEELINGS]
        skip = [("Skip", LogFeel(at, None))]
        return "How did it feel? Tap one, type 1 to 5, or skip.", [faces[:3], faces[3:], skip]
    return "Anything to remember about it? Type a short note, or tap Skip.", [
        [("Skip", LogSkipNote(at))]
    ]


def _who(
    draft: LogDraft, at: int, menu: Sequence[ContactActivity], has_contacts: bool
) -> tuple[str, list[Row]]:
    chosen = {person.contact_id for person in draft.people}
    offered = rank_for_menu([item for item in menu if item.contact_id not in chosen])
    names = [(item.name, LogPick(at, item.contact_id)) for item in offered]
    rows: list[Row] = [names[index : index + 2] for index in range(0, len(names), 2)]
    rows.append([("Someone new", LogNew(at, False)), ("A group or community", LogNew(at, True))])
    if draft.adding and draft.people:
        rows.append([("That's everyone", LogEveryone(at))])
        return (
            f"Who else was there with {join_names(draft.names)}? "
            "Tap or type a name, or tap That's everyone."
        ), rows
    if has_contacts:
        return "Who did you connect with? Tap a name or type one.", rows
    return (
        "Who did you connect with? Type a name (Mum, Sam and Book club all work) or tap below.",
        rows,
    )
