"""Reading a time of day the way people type it: ``19:30``, ``7pm``, ``7:15 am``."""

from __future__ import annotations

import re
from datetime import time

_TIME_RE = re.compile(
    r"^(?:at\s+)?(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2}))?\s*(?P<meridiem>[ap]\.?\s*m\.?)?$"
)
# Check-in times offered as buttons, wherever the user picks one (onboarding, /settings).
COMMON_CHECKIN_TIMES = (time(8, 0), time(12, 30), time(18, 0), time(19, 30), time(21, 0))

_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


class UnknownTime(ValueError):
    """The text is not a time of day we can read."""


def parse_time_of_day(text: str) -> time:
    """A local wall-clock time at minute precision, or UnknownTime."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    if re.fullmatch(r"\d{3,4}", cleaned):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    match = _TIME_RE.match(cleaned)
    if match is None:
        raise UnknownTime(text)
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    meridiem = match["meridiem"]
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise UnknownTime(text)
        is_pm = meridiem.startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise UnknownTime(text)
    return time(hour, minute)


def format_time_of_day(value: time) -> str:
    """24-hour display used in confirmations."""
    return value.strftime("%H:%M")
