"""Which local day an interaction happened on, and the UTC instant Tend stores for it.

People say "yesterday", "last friday" or "20.11"; Tend turns that into a calendar date in the
user's own zone, then into one UTC instant. Nothing here reads the clock: callers pass ``today``
(from :func:`today_in`) or ``now_utc``.

Reading rules a caller should know:
- a bare weekday (``monday``, ``mon``, ``on monday``) is the most recent one *including today*;
- ``last monday`` is the most recent one *strictly before* today (a week ago if today is Monday);
- day-first dates without a year (``20.11``, ``20/11``, ``20 nov``) are the most recent past
  occurrence (this year, or last year if that date is still ahead);
- ``N months ago`` goes back calendar months (31 March -> 28/29 February);
- accepted days are today and up to :data:`MAX_DAYS_BACK` days back; never the future.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

MAX_DAYS_BACK = 365
"""How far back a day may be logged."""

DAY_EXAMPLES = "today, yesterday, 3 days ago, last friday, 20.11 or 2026-11-20"
"""Examples shown to the user whenever a day is not understood."""

MAX_DAY_PHRASE_WORDS = 4
"""Longest day phrase in words ("the day before yesterday"), for scanners of longer text."""


class DayProblem(StrEnum):
    """Why a day was refused."""

    UNKNOWN = "unknown"
    IMPOSSIBLE = "impossible"
    FUTURE = "future"
    TOO_OLD = "too_old"


_MESSAGES = {
    DayProblem.UNKNOWN: f"I didn't catch which day that was. Try one of these: {DAY_EXAMPLES}.",
    DayProblem.IMPOSSIBLE: (
        f"That date isn't on the calendar. Try another way of saying it, like {DAY_EXAMPLES}."
    ),
    DayProblem.FUTURE: (
        "That day hasn't happened yet — a log can't be in the future. "
        "Try today, yesterday or 3 days ago."
    ),
    DayProblem.TOO_OLD: (
        "That's more than a year back: a log can be up to a year old, no older. "
        "Try a more recent day, like 2 weeks ago or last friday."
    ),
}


class InvalidDay(ValueError):
    """A day phrase that cannot be logged; ``.message`` is ready to show, with examples."""

    def __init__(self, reason: DayProblem) -> None:
        super().__init__(reason.value)
        self.reason = reason

    @property
    def message(self) -> str:
        """User-facing explanation."""
        return _MESSAGES[self.reason]


def parse_day(text: str, today: date) -> date:
    """Read a day phrase relative to ``today`` (the user's local date).

    Raises :class:`InvalidDay` when the text is not a day, names an impossible date
    (``31.02``), lies in the future, or is more than :data:`MAX_DAYS_BACK` days back.
    """
    day = _resolve(_normalise(text), today)
    if day > today:
        raise InvalidDay(DayProblem.FUTURE)
    if (today - day).days > MAX_DAYS_BACK:
        raise InvalidDay(DayProblem.TOO_OLD)
    return day


def looks_like_day(text: str) -> bool:
    """Whether ``text`` is shaped like a day phrase, even one ``parse_day`` would refuse.

    Lets scanners of longer text ("Sam call 31.02") report a bad day instead of treating it as
    part of a name.
    """
    try:
        _resolve(_normalise(text), _ANY_DAY)
    except InvalidDay as problem:
        return problem.reason is not DayProblem.UNKNOWN
    return True


def today_in(zone: ZoneInfo, now_utc: datetime) -> date:
    """The user's local calendar date at the instant ``now_utc`` (must be timezone-aware)."""
    _require_aware(now_utc)
    return now_utc.astimezone(zone).date()


def day_to_instant(day: date, zone: ZoneInfo, now_utc: datetime) -> datetime:
    """The UTC instant to store for an interaction on local ``day``.

    Today -> ``now_utc`` itself (so "just now" sorts correctly); an earlier day -> local noon,
    which is always on that date even on DST-change days (if noon falls in a gap, the shifted
    wall time is still the same date). Raises ``ValueError`` for a future day or for a day
    the zone skipped entirely (e.g. Samoa's 30 December 2011).
    """
    today = today_in(zone, now_utc)
    if day == today:
        return now_utc.astimezone(UTC)
    if day > today:
        raise ValueError("cannot place an interaction on a future day")
    for hour in (12, *range(13, 24), *range(11, -1, -1)):
        instant = datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)
        if instant.astimezone(zone).date() == day:
            return instant
    raise ValueError("that day does not exist in this time zone")


_ANY_DAY = date(2000, 6, 15)

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_COUNTS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}  # fmt: skip

_FIXED_OFFSETS: dict[str, int] = {
    "today": 0, "now": 0, "just now": 0, "earlier today": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "tonight": 0,
    "yesterday": 1, "yday": 1, "yest": 1, "last night": 1, "yesterday morning": 1,
    "yesterday afternoon": 1, "yesterday evening": 1,
    "day before yesterday": 2, "the day before yesterday": 2,
    "tomorrow": -1,  # understood only so the user hears "not in the future", not "what?"
}  # fmt: skip

_COUNT_WORDS = "|".join(sorted(map(re.escape, _COUNTS), key=len, reverse=True))
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))

_AGO = re.compile(
    rf"^(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s*(?P<unit>days?|d|weeks?|wks?|w|months?)\s+ago$"
)
_ISO = re.compile(r"^(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})$")
_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})([./-])(?P<m>\d{1,2})(?:\2(?P<y>\d{4}|\d{2}))?$")
_DAY_MONTH = re.compile(
    rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MONTH_WORDS})\.?(?:,?\s+(?P<y>\d{{4}}))?$"
)
_MONTH_DAY = re.compile(
    rf"^(?P<mon>{_MONTH_WORDS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?$"
)
_WEEKDAY = re.compile(r"^(?:(?P<which>last|past|next)\s+)?(?P<wd>[a-z]+)$")


def _normalise(text: str) -> str:
    lowered = re.sub(r"\s+", " ", text.casefold()).strip(" ").rstrip(".!,")
    return re.sub(r"^on ", "", lowered)


def _resolve(text: str, today: date) -> date:
    """Turn a normalised phrase into a date, checking only that the date exists."""
    try:
        return _resolve_unchecked(text, today)
    except OverflowError:
        raise InvalidDay(DayProblem.TOO_OLD) from None


def _resolve_unchecked(text: str, today: date) -> date:
    if text in _FIXED_OFFSETS:
        return today - timedelta(days=_FIXED_OFFSETS[text])
    if found := _AGO.match(text):
        return _ago(found.group("n"), found.group("unit"), today)
    if found := _ISO.match(text):
        return _calendar_date(int(found.group("y")), int(found.group("m")), int(found.group("d")))
    if found := _DAY_FIRST.match(text):
        return _day_month(found.group("d"), int(found.group("m")), found.group("y"), today)
    if found := _DAY_MONTH.match(text) or _MONTH_DAY.match(text):
        month = _MONTHS[found.group("mon")]
        return _day_month(found.group("d"), month, found.group("y"), today)
    if (found := _WEEKDAY.match(text)) and found.group("wd") in _WEEKDAYS:
        weekday = _WEEKDAYS[found.group("wd")]
        back = (today.weekday() - weekday) % 7
        if found.group("which") == "next":
            return today + timedelta(days=7 - back)  # understood, then refused as future
        if found.group("which") and back == 0:
            back = 7
        return today - timedelta(days=back)
    raise InvalidDay(DayProblem.UNKNOWN)


def _ago(count_text: str, unit: str, today: date) -> date:
    count = int(count_text) if count_text.isdigit() else _COUNTS[count_text]
    if unit.startswith("month"):
        return _months_back(today, count)
    days = count * 7 if unit.startswith("w") else count
    if days > MAX_DAYS_BACK:
        raise InvalidDay(DayProblem.TOO_OLD)
    return today - timedelta(days=days)


def _months_back(today: date, months: int) -> date:
    if months > 12:
        raise InvalidDay(DayProblem.TOO_OLD)
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _day_month(day_text: str, month: int, year_text: str | None, today: date) -> date:
    day = int(day_text)
    if year_text is not None:
        year = int(year_text)
        return _calendar_date(year + 2000 if year < 100 else year, month, day)
    if not _exists_in_some_year(month, day):
        raise InvalidDay(DayProblem.IMPOSSIBLE)
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year
        if candidate <= today:
            return candidate
    raise InvalidDay(DayProblem.TOO_OLD)


def _exists_in_some_year(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _calendar_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDay(DayProblem.IMPOSSIBLE) from None


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("now_utc must be a timezone-aware datetime")
