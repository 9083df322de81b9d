"""/settings' typed answers: which setting is being edited, and reading a number of days."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Self

from bot.domain.conversation import BadState, payload_of
from bot.domain.kinds import ConnectionType
from bot.domain.onboarding import offered_abbreviation

MIN_QUIET_DAYS = 1
MAX_QUIET_DAYS = 365


class SettingsStep(StrEnum):
    """The settings that take a typed answer."""

    TIME = "time"
    ZONE = "zone"
    QUIET_DAYS = "quiet"


@dataclass(frozen=True)
class SettingsEdit:
    """One setting being changed; ``kind`` names the threshold for QUIET_DAYS."""

    name: ClassVar[str] = "settings"

    step: SettingsStep
    kind: ConnectionType | None = None
    offered: str | None = None
    """The zone abbreviation ("EST") whose buttons wait for a tap (see ``Onboarding.offered``)."""

    def __post_init__(self) -> None:
        if (self.step is SettingsStep.QUIET_DAYS) != (self.kind is not None):
            raise BadState("a quiet-days edit names its kind, and only it")

    def to_json(self) -> str:
        """The payload column."""
        kind = None if self.kind is None else self.kind.value
        return json.dumps({"kind": kind, "offered": self.offered})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        values = payload_of(payload)
        kind, offered = values.get("kind"), offered_abbreviation(values.get("offered"))
        try:
            return cls(SettingsStep(step), None if kind is None else ConnectionType(kind), offered)
        except ValueError as error:
            raise BadState(f"unreadable settings edit {step!r}") from error


def is_quiet_days(days: int) -> bool:
    """Whether ``days`` is an allowed quiet threshold."""
    return MIN_QUIET_DAYS <= days <= MAX_QUIET_DAYS


def parse_quiet_days(text: str) -> int | None:
    """ "21", "21 days", "1 day" -> the number; anything else (or out of range) -> None."""
    digits = text.strip().removesuffix("days").removesuffix("day").strip()
    if not digits.isdigit() or len(digits) > 3:
        return None
    days = int(digits)
    return days if is_quiet_days(days) else None
