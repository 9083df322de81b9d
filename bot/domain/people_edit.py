"""/people's questions about one contact: which is open, and what an answer changes.

A tapped button and a typed answer mean the same :data:`Change`, so one function applies both;
:func:`read_answer` is the pure next step for typed text (a change, or the question again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Self

from bot.domain.conversation import BadState, payload_of
from bot.domain.kinds import ConnectionType
from bot.domain.log_input import is_no, is_yes, parse_kind
from bot.domain.names import InvalidName, clean_name
from bot.domain.rhythm import MAX_RHYTHM_DAYS, parse_rhythm, rhythm_label
from bot.domain.safety_replies import SUPPORT_TOO


class PeopleStep(StrEnum):
    """The questions a contact's card asks."""

    RENAME = "rename"
    KIND = "kind"
    RHYTHM = "rhythm"
    DELETE = "delete"


@dataclass(frozen=True)
class PeopleEdit:
    """A question about ``contact``; ``page`` is the list page its card returns to, and
    ``contact_name`` is what /help calls it."""

    name: ClassVar[str] = "people"

    step: PeopleStep
    contact: int
    contact_name: str
    page: int

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"contact": self.contact, "name": self.contact_name, "page": self.page})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        data = payload_of(payload)
        contact, name, page = data.get("contact"), data.get("name"), data.get("page")
        if not (isinstance(contact, int) and isinstance(name, str) and isinstance(page, int)):
            raise BadState("unreadable people edit")
        try:
            return cls(PeopleStep(step), contact, name, page)
        except ValueError as error:
            raise BadState(f"unknown people step {step!r}") from error

    def hint(self) -> str:
        """What /help adds while the question is open."""
        return f"I'm waiting for your answer about {self.contact_name}, or /cancel."


@dataclass(frozen=True)
class Rename:
    """A new name (already cleaned)."""

    new_name: str


@dataclass(frozen=True)
class SetKind:
    """A new kind of connection."""

    kind: ConnectionType


@dataclass(frozen=True)
class SetRhythm:
    """A personal rhythm in days; None: no rhythm."""

    days: int | None


@dataclass(frozen=True)
class Delete:
    """The delete confirmation answered: ``confirmed`` deletes, otherwise the contact stays."""

    confirmed: bool


@dataclass(frozen=True)
class AskAgain:
    """Not understood: say this and keep the question open."""

    reply: str


Change = Rename | SetKind | SetRhythm | Delete


def is_rhythm(days: int | None) -> bool:
    """Whether ``days`` is a rhythm a button may carry (forged ones are out of range)."""
    return days is None or 1 <= days <= MAX_RHYTHM_DAYS


def read_answer(step: PeopleStep, text: str, name: str) -> Change | AskAgain:
    """Typed text as the answer to ``step`` about the contact called ``name``."""
    if step is PeopleStep.RENAME:
        try:
            return Rename(clean_name(text))
        except InvalidName as problem:
            return AskAgain(f"{problem.message} Or /cancel to keep {name}.")
    if step is PeopleStep.KIND:
        kind = parse_kind(text)
        if kind is None:
            return AskAgain(
                "I didn't catch that. Type intimate, relational or collective, or tap one. "
                + SUPPORT_TOO
            )
        return SetKind(kind)
    if step is PeopleStep.RHYTHM:
        option = parse_rhythm(text)
        if option is None:
            return AskAgain(
                "I didn't catch that. Try every week, every 2 weeks, every month, every 10 days "
                "or no rhythm. " + SUPPORT_TOO
            )
        return SetRhythm(option.days)
    word = text.strip().casefold()
    if is_yes(text) or word.startswith("delete"):
        return Delete(confirmed=True)
    if is_no(text) or word.startswith("keep"):
        return Delete(confirmed=False)
    return AskAgain(f"Type yes to delete {name}, or no to keep them.")


def changed_text(name: str, kind: ConnectionType, change: Change) -> str:
    """The line above the card once ``change`` is saved (``name``, ``kind``: before it)."""
    if isinstance(change, Delete):
        return "Kept." if not change.confirmed else f"Deleted {name}."
    if isinstance(change, Rename):
        new = change.new_name
        return f"Done: {name} is now {new}." if new != name else "Nothing to change."
    if isinstance(change, SetKind):
        label = change.kind.label.lower()
        return f"{name} is already {label}." if change.kind is kind else f"{name} is now {label}."
    if change.days:
        return f"Rhythm for {name}: {rhythm_label(change.days).lower()}."
    return f"No rhythm for {name}."


def taken_text(new_name: str) -> str:
    """A rename to a name the user already has for someone else."""
    return f"You already have someone called {new_name}. Try another name, or /cancel."


def deleted_text(name: str, removed: int | None) -> str:
    """After the delete: ``removed`` interactions went with it (None: it was gone already)."""
    if removed is None:
        return f"{name} was already deleted."
    if removed:
        return f"Deleted {name} and {removed} logged connection{'s' if removed != 1 else ''}."
    return f"Deleted {name}."


def drift_text(name: str, drifting: bool) -> str:
    """After "Let drift" or "Bring back"."""
    if drifting:
        return f"{name} is drifting: out of menus and nudges, history kept."
    return f"{name} is back in your menus."
