"""/log's buttons as typed data, and what a tap does to the draft: pure, like typed answers.

Every button of a question carries the id of the draft it belongs to: a button from an older
log (or a forged one) names another draft and gets a fresh question instead of being applied.
Contact ids are checked for ownership in SQL (by the handler) before use.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import LogDraft, LogStep
from bot.domain.log_steps import (
    TOO_MANY,
    NewContact,
    Next,
    Outcome,
    PickContact,
    back_to_who,
    day_back,
    has_room,
    with_kind,
)


@dataclass(frozen=True)
class LogPick(CallbackData, prefix="lgp"):
    """A known contact in "Who?" or "Which one did you mean?"."""

    draft: int
    contact: int


@dataclass(frozen=True)
class LogNew(CallbackData, prefix="lgn"):
    """ "Someone new" (group=False) or "A group or community" (group=True)."""

    draft: int
    group: bool


@dataclass(frozen=True)
class LogAddTyped(CallbackData, prefix="lga"):
    """ "Add “Alx” as someone new" after a near miss."""

    draft: int


@dataclass(frozen=True)
class LogBack(CallbackData, prefix="lgb"):
    """ "‹ Back": drop the name being decided and ask who again."""

    draft: int


@dataclass(frozen=True)
class LogKind(CallbackData, prefix="lgk"):
    """The kind of a new contact."""

    draft: int
    kind: ConnectionType


@dataclass(frozen=True)
class LogMore(CallbackData, prefix="lgm"):
    """ "+ Add another person": one shared moment with several people."""

    draft: int


@dataclass(frozen=True)
class LogEveryone(CallbackData, prefix="lge"):
    """ "That's everyone" after adding people."""

    draft: int


@dataclass(frozen=True)
class LogHow(CallbackData, prefix="lgh"):
    """How they connected."""

    draft: int
    channel: Channel


@dataclass(frozen=True)
class LogChangeHow(CallbackData, prefix="lgc"):
    """ "Not in person?": ask how after the group default was applied."""

    draft: int


@dataclass(frozen=True)
class LogDay(CallbackData, prefix="lgw"):
    """ "Today" (0) or "Yesterday" (1), counted from the moment the button is pressed."""

    draft: int
    days_back: int


@dataclass(frozen=True)
class LogFeel(CallbackData, prefix="lgf"):
    """A point on the feeling scale, or None for "Skip"."""

    draft: int
    value: int | None


@dataclass(frozen=True)
class LogSkipNote(CallbackData, prefix="lgs"):
    """No note."""

    draft: int


@dataclass(frozen=True)
class LogResume(CallbackData, prefix="lgr"):
    """Pick an unfinished log up where it was left."""

    draft: int


@dataclass(frozen=True)
class LogDrop(CallbackData, prefix="lgx"):
    """Drop an unfinished log; ``restart`` starts a fresh one straight away."""

    draft: int
    restart: bool


@dataclass(frozen=True)
class LogIt(CallbackData, prefix="lgi"):
    """ "Log it" under text that read like a log; ``offer`` is that message's id."""

    offer: int


@dataclass(frozen=True)
class LogWith(CallbackData, prefix="lgo"):
    """ "Log a connection with Sam" from /people: starts at "How?"."""

    contact: int


@dataclass(frozen=True)
class LogFromCheckin(CallbackData, prefix="lgq"):
    """ "Log a connection" on a check-in: preselects whom that check-in suggested."""

    checkin: int


WHO_STEPS = (LogStep.WHO, LogStep.CONFIRM)

STEPS: dict[type[CallbackData], tuple[LogStep, ...]] = {
    LogPick: WHO_STEPS,
    LogNew: WHO_STEPS,
    LogAddTyped: (LogStep.CONFIRM,),
    LogBack: (LogStep.CONFIRM, LogStep.NEW_NAME, LogStep.KIND),
    LogKind: (LogStep.KIND,),
    LogMore: (LogStep.HOW, LogStep.WHEN),
    LogEveryone: (LogStep.WHO,),
    LogHow: (LogStep.HOW,),
    LogChangeHow: (LogStep.WHEN,),
    LogDay: (LogStep.WHEN,),
    LogFeel: (LogStep.FEELING,),
    LogSkipNote: (LogStep.NOTE,),
}
"""Each question's buttons, and the questions they answer."""


def tap(draft: LogDraft, data: Any, today: date, free_slots: int) -> Outcome | None:
    """What a question's button does to the draft; None: it cannot apply (a forged value)."""
    match data:
        case LogPick(contact=contact_id):
            return PickContact(contact_id)
        case LogNew(group=group):
            if not has_room(draft, free_slots):
                return Next(draft, TOO_MANY)
            return Next(replace(draft, pending=None, naming="group" if group else "person"))
        case LogAddTyped() if draft.pending is not None:
            return NewContact(draft.pending.name, draft.pending.group)
        case LogBack():
            return back_to_who(draft)
        case LogKind(kind=kind):
            return with_kind(draft, kind)
        case LogMore():
            return Next(replace(draft, adding=True))
        case LogEveryone():
            return Next(replace(draft, adding=False))
        case LogHow(channel=channel):
            return Next(replace(draft, channel=channel, channel_defaulted=False))
        case LogChangeHow():
            return Next(replace(draft, channel=None, channel_defaulted=False, channel_wanted=True))
        case LogDay(days_back=days) if days in (0, 1):
            return day_back(draft, days, today)
        case LogFeel(value=value) if value is None or 1 <= value <= 5:
            return Next(replace(draft, feeling=value, feeling_answered=True))
        case LogSkipNote():
            return Next(replace(draft, note=None, note_answered=True))
    return None


@dataclass(frozen=True)
class StartLog(CallbackData, prefix="log"):
    """ "Log a connection" anywhere (check-ins, summaries): opens the /log flow at step 1."""
