"""The typed questions of #12's personal features, as conversation states.

*Remind me to follow up* → *Pick a date* waits for a typed day (`FollowupPick`); *Add a date*
on a person's card asks what kind, a label for a named date, then the day (`DateAdd`). Each
state is what the ``conversations`` row holds, so a restart loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar, Self

from bot.domain.conversation import BadState, payload_of
from bot.domain.followups import reminder_saved
from bot.domain.important_dates import ASK_DATE, ASK_LABEL, DateKind


class FollowupPickStep(StrEnum):
    """The one typed answer: the day."""

    DAY = "day"


@dataclass(frozen=True)
class FollowupPick:
    """Waiting for the day of a follow-up about ``contact_id`` (note ``interaction_id``)."""

    name: ClassVar[str] = "followup_pick"

    step: FollowupPickStep
    contact_id: int
    interaction_id: int

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"contact": self.contact_id, "interaction": self.interaction_id})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        data = payload_of(payload)
        contact, interaction = data.get("contact"), data.get("interaction")
        if not isinstance(contact, int) or not isinstance(interaction, int):
            raise BadState("a follow-up pick names its contact and note")
        try:
            return cls(FollowupPickStep(step), contact, interaction)
        except ValueError as error:
            raise BadState(f"unreadable follow-up pick {step!r}") from error


class DateAddStep(StrEnum):
    """What *Add a date* is waiting for."""

    LABEL = "label"
    DAY = "day"


@dataclass(frozen=True)
class DateAdd:
    """Adding a date to ``contact_id``: its kind is chosen; ``label`` once typed (named)."""

    name: ClassVar[str] = "date_add"

    step: DateAddStep
    contact_id: int
    kind: DateKind
    label: str | None = None

    def __post_init__(self) -> None:
        if self.step is DateAddStep.DAY and self.kind is DateKind.NAMED and not self.label:
            raise BadState("a named date needs its label before its day")

    @property
    def question(self) -> str:
        """What to ask now."""
        return ASK_LABEL if self.step is DateAddStep.LABEL else ASK_DATE

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"contact": self.contact_id, "kind": self.kind, "label": self.label})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        data = payload_of(payload)
        contact, kind, label = data.get("contact"), data.get("kind"), data.get("label")
        if not isinstance(contact, int) or not isinstance(kind, str):
            raise BadState("a date being added names its contact and kind")
        if label is not None and not isinstance(label, str):
            raise BadState("a date's label is text")
        try:
            return cls(DateAddStep(step), contact, DateKind(kind), label)
        except ValueError as error:
            raise BadState(f"unreadable date being added {step!r}") from error


def first_step(contact_id: int, kind: DateKind) -> DateAdd:
    """After the kind: a named date asks its label first, the others the day."""
    step = DateAddStep.LABEL if kind is DateKind.NAMED else DateAddStep.DAY
    return DateAdd(step, contact_id, kind)


def noted_followup(name: str, due: date, today: date, *, others: int = 0) -> str:
    """After a note with a dated event: "I'll remind you to follow up with Sam on Saturday."."""
    sentence = reminder_saved(name, due, today)
    if others:
        sentence += f" (I kept it with {name}, named first.)"
    return sentence


def pick_hint(state: FollowupPick) -> str:
    """/help while a follow-up day is asked."""
    return "I'm waiting for the day to remind you, like friday or 12 dec. /cancel stops."


def date_hint(state: DateAdd) -> str:
    """/help while a date is being added."""
    what = "a name for the date" if state.step is DateAddStep.LABEL else "the day, like 14 March"
    return f"I'm waiting for {what}. /cancel stops."
