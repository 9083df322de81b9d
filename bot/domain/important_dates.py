"""Birthdays, anniversaries and named dates ("moved to Lisbon"): reading, recurring, wording.

A date is a day of the year, the year optional. 29 February is kept as typed and falls on
28 February in other years, so it is never skipped. Everything is relative to the user's local
``today``; nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.days import _DAY_FIRST, _DAY_MONTH, _ISO, _MONTH_DAY, _MONTHS, _normalise

DATE_EXAMPLES = "14 March, 14.03, March 14 1990 or 1990-03-14"
"""Examples shown whenever a typed date is not understood."""

ASK_KIND = "What kind of date is it?"
ASK_LABEL = "What should I call it? A few words, like: moved to Lisbon."
ASK_DATE = f"Which day? For example {DATE_EXAMPLES}. The year is optional."

MAX_LABEL_LENGTH = 60
EARLIEST_YEAR = 1900
MAX_AGE_SHOWN = 120


class DateKind(StrEnum):
    """What a date is; the value is what the database stores."""

    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    NAMED = "named"

    @property
    def label(self) -> str:
        """Button and card word."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.ANNIVERSARY: "Anniversary",
    DateKind.NAMED: "Another date",
}
_KIND_ORDER = {DateKind.BIRTHDAY: 0, DateKind.ANNIVERSARY: 1, DateKind.NAMED: 2}


@dataclass(frozen=True, slots=True)
class DayOfYear:
    """A recurring day, with the year it started when known."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1 <= self.day <= _days_in(2000, self.month)):
            raise ValueError("no such day of the year")
        if self.year is not None:
            date(self.year, self.month, self.day)  # 29 February of a common year raises

    @property
    def is_leap_day(self) -> bool:
        """29 February: celebrated on 28 February in other years."""
        return (self.month, self.day) == (2, 29)

    def on_year(self, year: int) -> date:
        """The day it falls on in ``year``."""
        if self.is_leap_day and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_from(self, today: date) -> date:
        """The next time it comes round, today included."""
        this_year = self.on_year(today.year)
        return this_year if this_year >= today else self.on_year(today.year + 1)

    def years_at(self, occurrence: date) -> int | None:
        """How many years it has been at ``occurrence`` (an age, for a birthday)."""
        return None if self.year is None else occurrence.year - self.year

    def text(self) -> str:
        """ "14 March" or "14 March 1990"."""
        words = f"{self.day} {calendar.month_name[self.month]}"
        return words if self.year is None else f"{words} {self.year}"


@dataclass(frozen=True, slots=True)
class ImportantDate:
    """One stored date of one contact."""

    id: int
    contact_id: int
    contact_name: str
    kind: DateKind
    when: DayOfYear
    label: str | None = None
    remind_ahead: bool = True
    ahead_mentioned_for: date | None = None
    """The occurrence already mentioned ahead of time (so it is said once)."""

    def next_occurrence(self, today: date) -> date:
        """See :meth:`DayOfYear.next_from`."""
        return self.when.next_from(today)

    @property
    def title(self) -> str:
        """ "Sam's birthday", "Sam's anniversary", "Sam: moved to Lisbon"."""
        if self.kind is DateKind.NAMED:
            return f"{self.contact_name}: {self.label or 'a date to remember'}"
        return f"{possessive(self.contact_name)} {self.kind.value}"


# --- reading typed dates ---------------------------------------------------------------------


class DateProblem(StrEnum):
    """Why a typed date was refused."""

    UNKNOWN = "unknown"
    IMPOSSIBLE = "impossible"
    AMBIGUOUS = "ambiguous"
    FUTURE = "future"
    TOO_OLD = "too_old"


_MESSAGES = {
    DateProblem.UNKNOWN: f"I didn't catch that date. Try {DATE_EXAMPLES}; the year is optional.",
    DateProblem.IMPOSSIBLE: f"That date isn't on the calendar. Try {DATE_EXAMPLES}.",
    DateProblem.AMBIGUOUS: (
        "That date could be read two ways. Write the month as a word, like 4 March or March 4."
    ),
    DateProblem.FUTURE: (
        "That's still to come. Give the day it first happened, or leave the year out."
    ),
    DateProblem.TOO_OLD: f"That year looks too early. Try a year from {EARLIEST_YEAR} on.",
}


class InvalidDate(ValueError):
    """A typed date that cannot be kept; ``.message`` is ready to show, with examples."""

    def __init__(self, reason: DateProblem) -> None:
        super().__init__(reason.value)
        self.reason = reason

    @property
    def message(self) -> str:
        """User-facing explanation."""
        return _MESSAGES[self.reason]


def parse_day_of_year(text: str, today: date, *, day_first: bool | None = None) -> DayOfYear:
    """Read "14 March", "14.03", "March 14 1990", "14/03/1990" or "1990-03-14".

    Slashed dates follow ``day_first`` (the user's convention; None: only unambiguous ones);
    dotted and dashed ones are day-first unless ``day_first`` is False. A two-digit year is
    the latest one not after ``today``. Raises :class:`InvalidDate`.
    """
    cleaned = _normalise(text)
    if found := _ISO.match(cleaned):
        return _checked(int(found["y"]), int(found["m"]), int(found["d"]), today)
    if found := _DAY_FIRST.match(cleaned):
        first, second = int(found["d"]), int(found["m"])
        slashed = found.group(2) == "/"
        month_day = _numeric_reading(
            first, second, day_first if slashed else day_first is not False
        )
        return _checked(_full_year(found["y"], today), *month_day, today)
    if found := _DAY_MONTH.match(cleaned) or _MONTH_DAY.match(cleaned):
        return _checked(
            _full_year(found["y"], today), _MONTHS[found["mon"]], int(found["d"]), today
        )
    if found := _VCARD_NO_YEAR.match(cleaned):
        return _checked(None, int(found["m"]), int(found["d"]), today)
    raise InvalidDate(DateProblem.UNKNOWN)


def parse_vcard_date(value: str) -> DayOfYear | None:
    """A vCard BDAY/ANNIVERSARY value ("19900314", "1990-03-14", "--0314", "--03-14"), or None.

    For the vCard import (#13): dates that cannot be read are skipped, not guessed.
    """
    cleaned = value.strip().split("T", 1)[0]
    if found := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", cleaned):
        year, month, day = (int(part) for part in found.groups())
        if year < EARLIEST_YEAR or year == 1604:  # Apple writes 1604 for "no year"
            return _or_none(month, day, None)
        return _or_none(month, day, year)
    if found := _VCARD_NO_YEAR.fullmatch(cleaned):
        return _or_none(int(found["m"]), int(found["d"]), None)
    return None


_VCARD_NO_YEAR = re.compile(r"^--(?P<m>\d{2})-?(?P<d>\d{2})$")


def _or_none(month: int, day: int, year: int | None) -> DayOfYear | None:
    try:
        return DayOfYear(month, day, year)
    except ValueError:
        return None


def _numeric_reading(first: int, second: int, day_first: bool | None) -> tuple[int, int]:
    """(month, day) of "first/second"; refuses a reading that could go either way."""
    orders = (day_first,) if day_first is not None else (True, False)
    readings = {(second, first) if order else (first, second) for order in orders}
    possible = {(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= _days_in(2000, m)}
    if not possible:
        raise InvalidDate(DateProblem.IMPOSSIBLE)
    if len(possible) > 1:
        raise InvalidDate(DateProblem.AMBIGUOUS)
    return next(iter(possible))


def _full_year(text: str | None, today: date) -> int | None:
    if text is None:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _checked(year: int | None, month: int, day: int, today: date) -> DayOfYear:
    try:
        when = DayOfYear(month, day, year)
    except ValueError:
        raise InvalidDate(DateProblem.IMPOSSIBLE) from None
    if year is not None:
        if year < EARLIEST_YEAR:
            raise InvalidDate(DateProblem.TOO_OLD)
        if date(year, month, day) > today:
            raise InvalidDate(DateProblem.FUTURE)
    return when


def clean_label(text: str) -> str | None:
    """A named date's words, trimmed; None when empty or too long to read back."""
    label = " ".join(text.split()).strip(" .")
    return label if 0 < len(label) <= MAX_LABEL_LENGTH else None


def next_occurrence(when: DayOfYear, local_today: date) -> date:
    """The next time ``when`` comes round, ``local_today`` included (29 Feb: 28 Feb in
    common years)."""
    return when.next_from(local_today)


# --- which dates are when ------------------------------------------------------------------


def dates_today(dates: Iterable[ImportantDate], today: date) -> list[ImportantDate]:
    """Dates falling on ``today``, birthdays first."""
    return sorted((d for d in dates if d.next_occurrence(today) == today), key=_date_order)


def dates_in(
    dates: Iterable[ImportantDate], today: date, days: int, *, include_today: bool = False
) -> list[tuple[ImportantDate, date]]:
    """Dates whose next occurrence is within ``days`` days after today, soonest first."""
    first = today if include_today else today + timedelta(days=1)
    last = today + timedelta(days=days)
    return dates_in_period(dates, first, last)


def dates_in_period(
    dates: Iterable[ImportantDate], first: date, last: date
) -> list[tuple[ImportantDate, date]]:
    """Every occurrence from ``first`` to ``last`` inclusive (for /summary), in date order."""
    found: list[tuple[ImportantDate, date]] = []
    for important in dates:
        for year in range(first.year, last.year + 1):
            occurrence = important.when.on_year(year)
            if first <= occurrence <= last:
                found.append((important, occurrence))
    return sorted(found, key=lambda pair: (pair[1], *_date_order(pair[0])))


def _date_order(important: ImportantDate) -> tuple[int, str, int]:
    return (_KIND_ORDER[important.kind], important.contact_name.casefold(), important.id)


# --- words ---------------------------------------------------------------------------------


def possessive(name: str) -> str:
    """ "Sam's", "James's" (one rule, no guessing at plurals)."""
    return f"{name}'s"


def today_sentence(important: ImportantDate, today: date, *, with_age: bool = True) -> str:
    """The check-in's opening on the day: "It's Sam's birthday today."."""
    name = important.contact_name
    years = important.when.years_at(today) if with_age else None
    if years is not None and not 1 <= years <= MAX_AGE_SHOWN:
        years = None
    if important.kind is DateKind.BIRTHDAY:
        return (
            f"{name} turns {years} today." if years else f"It's {possessive(name)} birthday today."
        )
    if important.kind is DateKind.ANNIVERSARY:
        nth = f"{ordinal(years)} " if years else ""
        return f"It's {possessive(name)} {nth}anniversary today."
    label = important.label or "a date to remember"
    if years:
        ago = "a year ago" if years == 1 else f"{years} years ago"
        return f"A date to remember for {name} today: {label}, {ago}."
    return f"A date to remember for {name} today: {label}."


def ahead_sentence(important: ImportantDate, occurrence: date, today: date) -> str:
    """A mention a few days before: "Sam's birthday is in 3 days (Friday)."."""
    days = (occurrence - today).days
    when = "tomorrow" if days == 1 else f"in {days} days ({occurrence:%A})"
    name = important.contact_name
    if important.kind is DateKind.NAMED:
        return f"Coming up for {name} {when}: {important.label or 'a date to remember'}."
    return f"{possessive(name)} {important.kind.value} is {when}."


def card_line(important: ImportantDate, today: date) -> str:
    """One line on the person's card: "Birthday · 14 March 1990 · in 3 days"."""
    title = important.label if important.kind is DateKind.NAMED else important.kind.label
    return (
        f"{title} · {important.when.text()} · {countdown(important.next_occurrence(today), today)}"
    )


def date_saved(important: ImportantDate, today: date) -> str:
    """The answer after *Add a date*: "Saved: Sam's birthday, 14 March (in 103 days)."."""
    upcoming = countdown(important.next_occurrence(today), today)
    return f"Saved: {important.title}, {important.when.text()} ({upcoming})."


def countdown(occurrence: date, today: date) -> str:
    """ "today", "tomorrow", "in 12 days"."""
    days = (occurrence - today).days
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def period_sentence(
    dates: Iterable[ImportantDate], first: date, last: date, *, limit: int = 5
) -> str | None:
    """For /summary: "Dates in this period: Sam's birthday (Fri 4 Dec), …", or None."""
    found = dates_in_period(dates, first, last)
    if not found:
        return None
    shown = [f"{important.title} ({day:%a} {day.day} {day:%b})" for important, day in found]
    more = len(shown) - limit
    listed = ", ".join(shown[:limit]) + (f" and {more} more" if more > 0 else "")
    return f"Dates in this period: {listed}."


def coming_up(dates: Sequence[ImportantDate], today: date, days: int = 30) -> list[str]:
    """For /people: "Sam's birthday · Fri 4 Dec (in 3 days)", soonest first."""
    return [
        f"{important.title} · {day:%a} {day.day} {day:%b} ({countdown(day, today)})"
        for important, day in dates_in(dates, today, days, include_today=True)
    ]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{_SUFFIXES.get(number % 10, 'th')}"


_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
