"""/undo's one question: remove the moment it named, yes or no.

The question names the moment (not "whatever is last now"), so an answer given later, after a
restart or from an old message, removes exactly what it said and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Protocol, Self
from zoneinfo import ZoneInfo

from bot.domain.channels import Channel
from bot.domain.conversation import BadState, payload_of
from bot.domain.log_context import moment_phrase
from bot.domain.log_input import is_no, is_yes

HINT = "I'm waiting to hear whether to remove your last log: yes or no."
ASK_AGAIN = "Type yes to remove your last log, or no to keep it."
GONE = "That log isn't there any more. /undo shows your last one."


class UndoStep(StrEnum):
    """/undo asks one thing."""

    CONFIRM = "confirm"


@dataclass(frozen=True)
class UndoQuestion:
    """Waiting for yes or no about ``moment``."""

    name: ClassVar[str] = "undo"

    moment: int
    step: UndoStep = UndoStep.CONFIRM

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"moment": self.moment})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        moment = payload_of(payload).get("moment")
        if step != UndoStep.CONFIRM or not isinstance(moment, int) or isinstance(moment, bool):
            raise BadState("unreadable undo question")
        return cls(moment)

    def hint(self) -> str:
        """What /help adds while the question is open."""
        return HINT


def read_confirmation(text: str) -> bool | None:
    """Typed: True to remove ("yes", "remove it"), False to keep ("no", "keep"), else None."""
    word = text.strip().casefold()
    if is_yes(text) or word.startswith("remove"):
        return True
    if is_no(text) or word.startswith("keep"):
        return False
    return None


class MomentFacts(Protocol):
    """What the question names of a moment (``storage.interactions.Moment`` has it)."""

    @property
    def channel(self) -> Channel: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def people(self) -> Sequence[Named]: ...


class Named(Protocol):
    """Someone in a moment."""

    @property
    def name(self) -> str: ...


def describe_moment(moment: MomentFacts, now: datetime, zone: ZoneInfo) -> str:
    """ "video call with Sam and Alex today", in the user's own days."""
    day, today = moment.occurred_at.astimezone(zone).date(), now.astimezone(zone).date()
    return moment_phrase(moment.channel, [person.name for person in moment.people], day, today)
