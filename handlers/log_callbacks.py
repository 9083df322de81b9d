"""Button families of the /log conversation.

Every button of a question carries the id of the draft it belongs to: a button from an older
log (or a forged one) names another draft and is answered "out of date" instead of being
applied. Contact ids are checked for ownership in SQL before use.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType


@dataclass(frozen=True)
class LogPick(CallbackData, prefix="lgp"):
    """A known contact in the "Who?" menu or in "Which one did you mean?"."""

    draft: int
    contact: int


@dataclass(frozen=True)
class LogNew(CallbackData, prefix="lgn"):
    """Button: "Someone new" (group=False) or "A group or community" (group=True)."""

    draft: int
    group: bool


@dataclass(frozen=True)
class LogAddTyped(CallbackData, prefix="lga"):
    """Button: "Add “Alx” as someone new" after a near miss."""

    draft: int


@dataclass(frozen=True)
class LogBack(CallbackData, prefix="lgb"):
    """Button: "‹ Back": drop the name being decided and ask who again."""

    draft: int


@dataclass(frozen=True)
class LogKind(CallbackData, prefix="lgk"):
    """The kind of a new contact."""

    draft: int
    kind: ConnectionType


@dataclass(frozen=True)
class LogMore(CallbackData, prefix="lgm"):
    """Button: "Add another person": one shared moment with several people."""

    draft: int


@dataclass(frozen=True)
class LogEveryone(CallbackData, prefix="lge"):
    """Button: "That's everyone" after adding people."""

    draft: int


@dataclass(frozen=True)
class LogHow(CallbackData, prefix="lgh"):
    """How they connected."""

    draft: int
    channel: Channel


@dataclass(frozen=True)
class LogChangeHow(CallbackData, prefix="lgc"):
    """Button: "Not in person?": ask how after the group default was applied."""

    draft: int


@dataclass(frozen=True)
class LogDay(CallbackData, prefix="lgw"):
    """Button: "Today" (0) or "Yesterday" (1), counted from the moment the button is pressed."""

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
    """Button: "Log it" under text that read like a log; ``offer`` names what was read."""

    offer: int


@dataclass(frozen=True)
class LogWith(CallbackData, prefix="lgo"):
    """Button: "Log a connection with Sam" from /people: starts at "How?"."""

    contact: int


STEP_BUTTONS: tuple[type[CallbackData], ...] = (
    LogPick,
    LogNew,
    LogAddTyped,
    LogBack,
    LogKind,
    LogMore,
    LogEveryone,
    LogHow,
    LogChangeHow,
    LogDay,
    LogFeel,
    LogSkipNote,
)
"""Buttons that answer a question of a particular draft."""

ALL_LOG_BUTTONS: tuple[type[CallbackData], ...] = (
    *STEP_BUTTONS,
    LogResume,
    LogDrop,
    LogIt,
    LogWith,
)
