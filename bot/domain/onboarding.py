"""/start's conversation: which question comes next, from what is already answered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Self

from bot.domain.conversation import BadState, payload_of
from bot.domain.timezones import abbreviation_offer


class OnboardingStep(StrEnum):
    """The two questions of set-up."""

    ZONE = "zone"
    TIME = "time"


@dataclass(frozen=True)
class Onboarding:
    """Set-up in progress; ``changing_only``: a returning user changing one answer.

    ``offered``: the zone abbreviation ("EST") whose buttons ("New York time" or fixed UTC−5)
    are waiting for a tap; only those buttons answer the question.
    """

    name: ClassVar[str] = "onboarding"

    step: OnboardingStep
    changing_only: bool = False
    offered: str | None = None

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"changing_only": self.changing_only, "offered": self.offered})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        values = payload_of(payload)
        changing_only = values.get("changing_only", False)
        if not isinstance(changing_only, bool):
            raise BadState("changing_only is not a boolean")
        offered = offered_abbreviation(values.get("offered"))
        try:
            return cls(OnboardingStep(step), changing_only, offered)
        except ValueError as error:
            raise BadState(f"unknown onboarding step {step!r}") from error


def first_step(*, has_zone: bool) -> OnboardingStep:
    """Where /start begins: the zone, unless it was answered before (then one question left)."""
    return OnboardingStep.TIME if has_zone else OnboardingStep.ZONE


def next_step(state: Onboarding, *, has_zone: bool, has_time: bool) -> OnboardingStep | None:
    """After ``state.step`` was answered: the next question, or None when set-up is done.

    A fresh set-up always asks the time after the zone; a returning user who changed only the
    zone is done at once (their check-in time stays).
    """
    if not has_zone:
        return OnboardingStep.ZONE
    if not has_time:
        return OnboardingStep.TIME
    if state.step is OnboardingStep.ZONE and not state.changing_only:
        return OnboardingStep.TIME
    return None


def offered_abbreviation(value: object) -> str | None:
    """A stored ``offered`` field: None, or an abbreviation this version still asks about."""
    if value is None:
        return None
    if not isinstance(value, str) or abbreviation_offer(value) is None:
        raise BadState("offered is not a zone abbreviation")
    return value
