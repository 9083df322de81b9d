"""Button families of /log.

Every button of a question carries the id of the draft it belongs to: a button from an older
log (or a forged one) names another draft and gets a fresh question instead of being applied.
Contact ids are checked for ownership in SQL before use.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType


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
