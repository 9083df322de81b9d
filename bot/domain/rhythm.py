"""A contact's personal rhythm: how often the user would like to be in touch.

A rhythm is a number of days (``None`` = no rhythm). The buttons offer a few round options;
typed text may also give any number of days from 1 to 365.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RHYTHM_DAYS = 365


@dataclass(frozen=True)
class RhythmOption:
    """A rhythm choice; ``days is None`` means the user wants no rhythm for this contact."""

    days: int | None
    label: str


RHYTHM_OPTIONS: tuple[RhythmOption, ...] = (
    RhythmOption(7, "Every week"),
    RhythmOption(14, "Every 2 weeks"),
    RhythmOption(30, "Every month"),
    RhythmOption(None, "No rhythm"),
)
"""The buttons, in display order."""

NO_RHYTHM = RHYTHM_OPTIONS[-1]

_NAMED: dict[str, int | None] = {
    "daily": 1, "every day": 1,
    "weekly": 7, "every week": 7, "once a week": 7, "a week": 7, "week": 7,
    "fortnightly": 14, "biweekly": 14, "every fortnight": 14, "fortnight": 14,
    "every other week": 14, "every two weeks": 14, "twice a month": 14,
    "monthly": 30, "every month": 30, "once a month": 30, "a month": 30, "month": 30,
    "none": None, "no": None, "no rhythm": None, "off": None, "never": None,
    "no thanks": None, "skip": None, "nothing": None, "-": None,
}  # fmt: skip

_NUMERIC = re.compile(r"^(?:every\s+)?(?P<n>\d{1,3})\s*(?P<unit>d|days?|w|wks?|weeks?|months?)?$")
_UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7}


def rhythm_label(days: int | None) -> str:
    """Human label for any rhythm, matching the buttons where one exists."""
    for option in RHYTHM_OPTIONS:
        if option.days == days:
            return option.label
    if days == 1:
        return "Every day"
    if days is not None and days % 7 == 0:
        return f"Every {days // 7} weeks"
    return f"Every {days} days"


def parse_rhythm(text: str) -> RhythmOption | None:
    """Read "weekly", "every 2 weeks", "10 days", "30" or "none" as a rhythm.

    Returns None only when the text is not understood; "no rhythm" is ``NO_RHYTHM`` (whose
    ``days`` is None). Bare numbers are days. Out of 1..365 days is not understood.
    """
    lowered = re.sub(r"\s+", " ", text.strip().casefold()).rstrip(".!")
    for option in RHYTHM_OPTIONS:
        if lowered == option.label.casefold():
            return option
    if lowered in _NAMED:
        return _option(_NAMED[lowered])
    found = _NUMERIC.match(lowered)
    if not found:
        return None
    unit = found.group("unit") or "days"
    multiplier = 30 if unit.startswith("month") else _UNIT_DAYS[unit]
    days = int(found.group("n")) * multiplier
    if not 1 <= days <= MAX_RHYTHM_DAYS:
        return None
    return _option(days)


def _option(days: int | None) -> RhythmOption:
    return RhythmOption(days, rhythm_label(days))
