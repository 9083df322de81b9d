"""An unfinished log: what the user has answered so far, and which question comes next.

The /log conversation keeps one draft per user in SQLite and touches it on every answer, so a
restart loses nothing and a log left alone for :data:`DRAFT_TIMEOUT` is offered back instead of
being half-saved. The next question is always *derived* from the answers (:func:`advance`), so
the stored draft and the question on screen can never disagree.

Pure: no Telegram, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from bot.domain.channels import Channel
from bot.domain.feelings import feeling_label
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import channel_noun, describe_day, join_names
from bot.domain.names import name_key

DRAFT_TIMEOUT = timedelta(minutes=15)
"""An unanswered log older than this is not continued silently: the user is asked first."""

MAX_PEOPLE_PER_LOG = 20
"""One shared moment is a dinner, not a stadium; also keeps every message short."""


class LogStep(StrEnum):
    """The question the user is being asked; also the /log conversation's states."""

    WHO = "who"
    CONFIRM = "confirm"
    NEW_NAME = "new_name"
    KIND = "kind"
    HOW = "how"
    WHEN = "when"
    FEELING = "feeling"
    NOTE = "note"


class DraftStatus(StrEnum):
    """Where an unfinished log stands."""

    OPEN = "open"
    """The conversation is waiting for the next answer."""
    HELD = "held"
    """Set aside because the user turned to something else; /log picks it up."""
    EXPIRED = "expired"
    """Left alone too long; the user has been told it was not saved and offered it back."""


PendingMatch = Literal["suggest", "ambiguous", "none"]
Naming = Literal["person", "group"]


@dataclass(frozen=True)
class DraftPerson:
    """Someone in the log; ``contact_id`` is None for a new contact, created on save."""

    name: str
    kind: ConnectionType
    contact_id: int | None = None


@dataclass(frozen=True)
class PendingName:
    """A typed name waiting for the user's decision (which one? add as new? what kind?)."""

    name: str
    match: PendingMatch
    candidates: tuple[int, ...] = ()
    group: bool = False


@dataclass(frozen=True)
class QueuedName:
    """A further typed name ("Sam and Alex") to resolve once the current one is settled."""

    name: str
    group: bool = False


@dataclass(frozen=True)
class LogDraft:
    """Every answer so far. Fields left at their defaults are still to be asked."""

    people: tuple[DraftPerson, ...] = ()
    pending: PendingName | None = None
    queue: tuple[QueuedName, ...] = ()
    naming: Naming | None = None
    """Set after "Someone new" or "A group or community": the next answer is the new name."""
    adding: bool = False
    channel: Channel | None = None
    channel_defaulted: bool = False
    channel_wanted: bool = False
    """The user asked to choose how after a default was applied: never default again."""
    day: date | None = None
    feeling: int | None = None
    feeling_answered: bool = False
    note: str | None = None
    note_answered: bool = False
    quick: bool = False
    """From a shortcut that said how or when: save once who, how and when are known."""

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone chosen so far, in the order they were added."""
        return tuple(person.name for person in self.people)

    @property
    def has_answers(self) -> bool:
        """Whether losing this draft would lose anything the user said."""
        return bool(
            self.people
            or self.pending
            or self.queue
            or (self.channel and not self.channel_defaulted)
            or self.day
            or self.feeling_answered
            or self.note_answered
        )

    def includes(self, *, contact_id: int | None = None, name: str | None = None) -> bool:
        """Whether this contact (by id) or this name (case-insensitively) is already in."""
        key = name_key(name) if name is not None else None
        return any(
            (contact_id is not None and person.contact_id == contact_id)
            or (key is not None and name_key(person.name) == key)
            for person in self.people
        )

    def with_person(self, person: DraftPerson) -> LogDraft:
        """Add someone (once), settling the question that led to them."""
        people = self.people
        if not self.includes(contact_id=person.contact_id, name=person.name):
            people = (*people, person)
        return replace(self, people=people, pending=None, naming=None, adding=False)


def advance(draft: LogDraft) -> tuple[LogDraft, LogStep | None]:
    """Apply defaults and say which question comes next; None means ready to save.

    Groups default to meeting in person (the user can still change it from the day question).
    """
    if (
        draft.channel is None
        and draft.people
        and not draft.channel_wanted
        and not draft.pending
        and not draft.adding
        and all(person.kind is ConnectionType.COLLECTIVE for person in draft.people)
    ):
        draft = replace(draft, channel=Channel.IN_PERSON, channel_defaulted=True)
    return draft, next_step(draft)


def next_step(draft: LogDraft) -> LogStep | None:
    """The question the answers so far lead to (queued names are resolved by the caller)."""
    if draft.pending is not None:
        return LogStep.KIND if draft.pending.match == "none" else LogStep.CONFIRM
    if draft.naming is not None:
        return LogStep.NEW_NAME
    if not draft.people or draft.adding:
        return LogStep.WHO
    if draft.channel is None:
        return LogStep.HOW
    if draft.day is None:
        return LogStep.WHEN
    if draft.quick:
        return None
    if not draft.feeling_answered:
        return LogStep.FEELING
    if not draft.note_answered:
        return LogStep.NOTE
    return None


def is_stale(updated_at: datetime, now: datetime) -> bool:
    """Whether a draft last touched at ``updated_at`` has waited too long to carry on silently."""
    return now - updated_at >= DRAFT_TIMEOUT


def with_whom(draft: LogDraft) -> str:
    """Whom the draft is with, for sentences: " with Sam and Alex" ("" before anyone)."""
    return f" with {join_names(draft.names)}" if draft.people else ""


def answers_so_far(draft: LogDraft, today: date) -> str:
    """What the user already answered, in one line: "Sam · call · yesterday · 🙂 Good"."""
    parts: list[str] = []
    if draft.people:
        parts.append(join_names(draft.names))
    if draft.channel is not None:
        parts.append(channel_noun(draft.channel))
    if draft.day is not None:
        parts.append(describe_day(draft.day, today))
    if draft.feeling is not None:
        parts.append(feeling_label(draft.feeling))
    if draft.note:
        parts.append(f"“{draft.note if len(draft.note) <= 40 else draft.note[:39] + '…'}”")
    return " · ".join(parts)
