"""Coming events in what the user wrote: "interview on Friday", "surgery next week".

A note is read for an event word (interview, surgery, move, exam, appointment…) and a
forward-looking day phrase in the same sentence. Only when both are there, the day lies
on or after the user's local ``today`` and the words around them are not in the past tense
("had an interview on Friday") is an event returned. Anything unsure returns None: a
follow-up on the wrong day is worse than none.

Reading rules a caller should know:
- a bare weekday (``friday``, ``on fri``, ``this friday``) is the next one *including today*;
- ``next friday`` is the Friday of next week (Monday-first weeks), so on a Monday it is 11
  days away, on a Saturday 6;
- ``this weekend`` ends on this week's Sunday, ``next weekend`` a week later; ``next week``
  is next Monday to Sunday (the event's ``day`` is the last day of such a span);
- ``the 12th`` is the next 12th on or after today (months without one are skipped);
- ``12/3`` follows ``day_first`` (the user's convention); with ``None`` only dates that read
  one way (``25/3``, ``5/5``) are taken. Dotted dates (``12.3``) are day-first unless
  ``day_first`` is False. ``2026-12-03`` is always year-month-day;
- dates without a year are the next occurrence; a date with a year in the past is no event.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.date_convention import day_first_convention
from bot.domain.days import _COUNTS, _MONTHS, _WEEKDAYS, looks_like_day, today_in
from bot.domain.event_words import EventWord, find_event_words

MAX_DAYS_AHEAD = 366
"""How far ahead an event or a reminder may be."""

__all__ = [
    "FUTURE_DAY_EXAMPLES",
    "MAX_DAYS_AHEAD",
    "EventMention",
    "EventSpan",
    "FutureDay",
    "FutureDayProblem",
    "InvalidFutureDay",
    "day_first_convention",
    "event_phrase",
    "find_event",
    "find_event_at",
    "parse_future_day",
]

FUTURE_DAY_EXAMPLES = "tomorrow, friday, next tuesday, in 2 weeks, 12 dec or the 12th"
"""Examples shown when a typed future day is not understood."""


class EventSpan(StrEnum):
    """How precisely the day of an event is known; ``day`` is always the span's last day."""

    DAY = "day"
    WEEKEND = "weekend"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class FutureDay:
    """A day (or the last day of a weekend/week) read from a forward-looking phrase."""

    day: date
    span: EventSpan = EventSpan.DAY


@dataclass(frozen=True, slots=True)
class EventMention:
    """A coming event found in a note: "the interview" on ``day``."""

    phrase: str
    day: date
    span: EventSpan = EventSpan.DAY


class FutureDayProblem(StrEnum):
    """Why a typed day was refused."""

    UNKNOWN = "unknown"
    IMPOSSIBLE = "impossible"
    AMBIGUOUS = "ambiguous"
    PAST = "past"
    TOO_FAR = "too_far"


_MESSAGES = {
    FutureDayProblem.UNKNOWN: f"I didn't catch which day that is. Try {FUTURE_DAY_EXAMPLES}.",
    FutureDayProblem.IMPOSSIBLE: (
        f"That date isn't on the calendar. Try another way, like {FUTURE_DAY_EXAMPLES}."
    ),
    FutureDayProblem.AMBIGUOUS: (
        "That date could be read two ways. Write the month as a word, like 3 dec or dec 3."
    ),
    FutureDayProblem.PAST: "That day has already gone. Try a day from today on, like tomorrow.",
    FutureDayProblem.TOO_FAR: "That's more than a year ahead. Try a day within the next year.",
}


class InvalidFutureDay(ValueError):
    """A typed day that cannot be used; ``.message`` is ready to show, with examples."""

    def __init__(self, reason: FutureDayProblem) -> None:
        super().__init__(reason.value)
        self.reason = reason

    @property
    def message(self) -> str:
        """User-facing explanation."""
        return _MESSAGES[self.reason]


def parse_future_day(text: str, today: date, *, day_first: bool | None = None) -> FutureDay:
    """Read a typed day ("friday", "3 dec", "in 2 weeks") as today or later.

    For the "pick a date" answer of *Remind me to follow up*. Raises :class:`InvalidFutureDay`.
    """
    cleaned = _normalise(text).rstrip(".!,")
    cleaned = re.sub(r"^(?:on|by|for|until|till)\s+", "", cleaned)
    for found in _find_days(cleaned, today, day_first, whole=True):
        if found.start == 0 and found.end == len(cleaned):
            if found.problem is not None:
                raise InvalidFutureDay(found.problem)
            assert found.value is not None
            return found.value
    if looks_like_day(cleaned):  # "yesterday", "last friday": understood, but gone
        raise InvalidFutureDay(FutureDayProblem.PAST)
    raise InvalidFutureDay(FutureDayProblem.UNKNOWN)


def find_event(note: str, today: date, *, day_first: bool | None = None) -> EventMention | None:
    """The coming event a note mentions, with its local day; None when unsure.

    ``today`` is the day the note speaks from: the user's local date (see
    :func:`find_event_at`), or the local day of a back-dated log, since "exam tomorrow" in a
    note about yesterday's call meant today.
    """
    text = _normalise(note)
    days = [found for found in _find_days(text, today, day_first) if found.value is not None]
    if not days:
        return None
    events = list(find_event_words(text))
    best: tuple[int, EventMention] | None = None
    for sentence_start, sentence_end in _sentences(text):
        for event in events:
            if not sentence_start <= event.start < sentence_end:
                continue
            for found in days:
                if not sentence_start <= found.start < sentence_end:
                    continue
                assert found.value is not None
                if _cancelled_or_past(text, sentence_start, event, found):
                    continue
                distance = max(found.start - event.end, event.start - found.end, 0)
                if best is None or distance < best[0]:
                    mention = EventMention(event.phrase, found.value.day, found.value.span)
                    best = (distance, mention)
    return best[1] if best else None


def find_event_at(
    note: str, now_utc: datetime, zone: ZoneInfo, *, day_first: bool | None = None
) -> EventMention | None:
    """:func:`find_event` relative to the instant ``now_utc`` in the user's ``zone``."""
    return find_event(note, today_in(zone, now_utc), day_first=day_first)


def event_phrase(note: str) -> str | None:
    """The event a note is about ("the hip appointment"), dated or not; None if none found.

    For *Remind me to follow up* on a note without a date, so the reminder can name it.
    """
    text = _normalise(note)
    for event in find_event_words(text):
        return event.phrase
    return None


# --- days in running text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FoundDay:
    start: int
    end: int
    value: FutureDay | None
    problem: FutureDayProblem | None = None
    certain_future: bool = False
    """Only forward-looking words ("tomorrow", "next friday", "in 2 weeks"): no tense check."""


_COUNT_WORDS = "|".join(sorted(map(re.escape, _COUNTS), key=len, reverse=True))
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_WORDS = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)"

_RELATIVE = re.compile(
    r"\b(?P<word>(?:the\s+)?day\s+after\s+tomorrow|tomorrow|tmrw|tmr|today|tonight|"
    r"later\s+today|this\s+(?:morning|afternoon|evening))\b"
)
_IN_COUNT = re.compile(
    rf"\bin\s+(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+(?P<unit>days?|weeks?|months?)(?:'?\s*time)?\b"
)
_WEEKEND = re.compile(r"\b(?P<which>this|next|the|coming|this\s+coming)\s+weekend\b")
_WEEK = re.compile(r"\b(?P<which>next|this|the\s+coming|coming)\s+week\b")
_WEEKDAY = re.compile(
    rf"\b(?:(?P<which>this\s+coming|this|next|coming|last|past|previous)\s+)?"
    rf"(?P<wd>{_WEEKDAY_WORDS})\b(?!\s*\d)"
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC = re.compile(
    r"(?<![\d./:-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})"
    r"(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?P=sep)?(?![\d/:-]|\.\d|\s*(?:hours?|hrs?|h|mins?|km|k|miles?|kg|lbs?|%|x)\b)"
)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<d>\d{{1,2}}){_ORDINAL}?(?:\s+of)?\s+(?P<mon>{_MONTH_WORDS})\b\.?"
    rf"(?:,?\s+(?P<y>\d{{4}}))?"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_WORDS})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}}){_ORDINAL}?\b(?!:)"
    rf"(?:,?\s+(?P<y>\d{{4}}))?"
)
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?:on|by|until|till|before|from|after)\s+the\s+(?P<d1>\d{{1,2}}){_ORDINAL}?"
    rf"|(?:the\s+)?(?P<d2>\d{{1,2}}){_ORDINAL})\b"
    rf"(?!\.?\s*(?:of\s+)?(?:{_MONTH_WORDS})\b)"
)
_ORDINAL_AS_DAY_AFTER = re.compile(r"^\s*(?:$|[,.;:!?)]|-|(?:and|at|in|then|so|but|or|for)\b)")
"""After a bare "12th", what shows it is a day ("moving the 12th, …"), not "the 2nd interview"."""
_NOT_A_DAY_BEFORE = re.compile(r"(?:\bat|\babout|\baround|@|\bscored?|\bwon|\blost|[£$€])\s*$")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip()


def _find_days(
    text: str, today: date, day_first: bool | None, *, whole: bool = False
) -> list[_FoundDay]:
    """Every forward-looking day phrase in ``text``, longest first where they overlap."""
    found: list[_FoundDay] = []
    for match in _RELATIVE.finditer(text):
        word = match.group("word")
        offset = 2 if "after" in word else 1 if word.startswith("tom") or word[:3] == "tmr" else 0
        found.append(_day(match, today + timedelta(days=offset), certain=offset > 0))
    for match in _IN_COUNT.finditer(text):
        count_text = match.group("n")
        count = int(count_text) if count_text.isdigit() else _COUNTS[count_text]
        unit = match.group("unit")
        if unit.startswith("month"):
            day: date | None = _months_ahead(today, count)
        else:
            day = _days_ahead(today, count * (7 if unit[0] == "w" else 1))
        found.append(_checked(match, day, today, certain=True))
    for match in _WEEKEND.finditer(text):
        sunday = _week_start(today) + timedelta(days=6)
        if match.group("which") == "next":
            sunday += timedelta(days=7)
        value = FutureDay(sunday, EventSpan.WEEKEND)
        certain = match.group("which") == "next"
        found.append(_FoundDay(match.start(), match.end(), value, certain_future=certain))
    for match in _WEEK.finditer(text):
        sunday = _week_start(today) + timedelta(days=6)
        if match.group("which") != "this":
            sunday += timedelta(days=7)
        value = FutureDay(sunday, EventSpan.WEEK)
        certain = match.group("which") != "this"
        found.append(_FoundDay(match.start(), match.end(), value, certain_future=certain))
    for match in _WEEKDAY.finditer(text):
        which = match.group("which") or ""
        if which in ("last", "past", "previous"):
            continue
        weekday = _WEEKDAYS[match.group("wd")]
        if (
            match.group("wd") in ("sat", "sun", "wed")
            and not which
            and not whole
            and not re.search(r"\b(?:on|by|until|till)\s*$", text[: match.start()])
        ):
            continue  # "sat an exam", "the sun": also ordinary words
        if which == "next":
            day = _week_start(today) + timedelta(days=7 + weekday)
        else:
            day = today + timedelta(days=(weekday - today.weekday()) % 7)
        found.append(_day(match, day, certain=which in ("next", "coming", "this coming")))
    for match in _ISO.finditer(text):
        found.append(_dated(match, int(match["y"]), int(match["m"]), int(match["d"]), today))
    for match in _NUMERIC.finditer(text):
        if _NOT_A_DAY_BEFORE.search(text[: match.start()]):
            continue
        found.append(_numeric(match, today, day_first))
    for match in (*_DAY_MONTH.finditer(text), *_MONTH_DAY.finditer(text)):
        year = match.group("y")
        month = _MONTHS[match.group("mon")]
        if match.group("mon") in ("may", "mar") and not _looks_like_month(match):
            continue
        day_number = int(match.group("d"))
        if year is not None:
            found.append(_dated(match, int(year), month, day_number, today))
        else:
            found.append(_next_month_day(match, month, day_number, today))
    for match in _DAY_OF_MONTH.finditer(text):
        if match.group("d2") and not _ORDINAL_AS_DAY_AFTER.match(text[match.end() :]):
            continue
        day_number = int(match.group("d1") or match.group("d2"))
        found.append(_next_day_of_month(match, day_number, today))
    return _without_overlaps(found)


def _looks_like_month(match: re.Match[str]) -> bool:
    """'may' and 'mar' are also words: "3 may" yes, "she may 3" no."""
    return match.re is _DAY_MONTH or bool(re.match(r"(?:may|mar)\.?\s+\d", match.group(0)))


def _without_overlaps(found: list[_FoundDay]) -> list[_FoundDay]:
    kept: list[_FoundDay] = []
    for candidate in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept


def _day(match: re.Match[str], day: date, *, certain: bool = False) -> _FoundDay:
    return _FoundDay(match.start(), match.end(), FutureDay(day), certain_future=certain)


def _refused(match: re.Match[str], problem: FutureDayProblem) -> _FoundDay:
    return _FoundDay(match.start(), match.end(), None, problem)


def _checked(
    match: re.Match[str], day: date | None, today: date, *, certain: bool = False
) -> _FoundDay:
    if day is None or (day - today).days > MAX_DAYS_AHEAD:
        return _refused(match, FutureDayProblem.TOO_FAR)
    if day < today:
        return _refused(match, FutureDayProblem.PAST)
    return _day(match, day, certain=certain)


def _days_ahead(today: date, days: int) -> date | None:
    return today + timedelta(days=days) if days <= MAX_DAYS_AHEAD else None


def _dated(match: re.Match[str], year: int, month: int, day: int, today: date) -> _FoundDay:
    if year < 100:
        year += 2000
    try:
        when = date(year, month, day)
    except ValueError:
        return _refused(match, FutureDayProblem.IMPOSSIBLE)
    try:
        return _checked(match, when, today, certain=when > today)
    except OverflowError:  # pragma: no cover - dates near year 9999
        return _refused(match, FutureDayProblem.IMPOSSIBLE)


def _numeric(match: re.Match[str], today: date, day_first: bool | None) -> _FoundDay:
    first, second = int(match.group("a")), int(match.group("b"))
    dotted = match.group("sep") == "."
    if day_first is None and dotted:
        day_first = True
    readings = {
        (first, second) if as_day_first else (second, first)
        for as_day_first in ((day_first,) if day_first is not None else (True, False))
    }
    possible = {(d, m) for d, m in readings if _exists_in_some_year(m, d)}
    if not possible:
        return _refused(match, FutureDayProblem.IMPOSSIBLE)
    if len(possible) > 1:
        return _refused(match, FutureDayProblem.AMBIGUOUS)
    ((day, month),) = possible
    year = match.group("y")
    if year is not None:
        return _dated(match, int(year), month, day, today)
    return _next_month_day(match, month, day, today)


def _next_month_day(match: re.Match[str], month: int, day: int, today: date) -> _FoundDay:
    if not _exists_in_some_year(month, day):
        return _refused(match, FutureDayProblem.IMPOSSIBLE)
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year: the next leap year's
        if candidate >= today:
            return _checked(match, candidate, today)
    return _refused(match, FutureDayProblem.TOO_FAR)


def _next_day_of_month(match: re.Match[str], day: int, today: date) -> _FoundDay:
    if not 1 <= day <= 31:
        return _refused(match, FutureDayProblem.IMPOSSIBLE)
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return _day(match, date(year, month, day))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return _refused(match, FutureDayProblem.IMPOSSIBLE)  # pragma: no cover - 13 months suffice


def _months_ahead(today: date, months: int) -> date | None:
    if months > 12:
        return None
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def _exists_in_some_year(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?;\n]+(?=\s|$)", text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


_PAST_MARKERS = re.compile(
    r"\b(?:had(?!\s+to\b)|was|were|went|did|didn't|moved|finished|passed|failed|happened|"
    r"took\s+place|ended|sat(?=\s+(?:an?|the|her|his|their|my)\b)|got\s+back|came\s+back|ago|yesterday|last|earlier|previous)\b"
)
_CANCELLED = re.compile(r"\b(?:cancell?ed|called\s+off|not\s+happening|no\s+longer)\b")
_CLAUSE_BREAK = re.compile(r",|\b(?:and|but|so|then|also|plus|because|though|although)\b")


def _cancelled_or_past(text: str, sentence_start: int, event: EventWord, found: _FoundDay) -> bool:
    """Cancel or past-tense words in the clause that holds both the event and its day.

    Tense only matters when the day words could name a past day too ("on friday", "the 12th");
    "tomorrow" or "next week" are coming whatever the verb ("was moved to tomorrow").
    """
    first = min(event.start, found.start)
    last = max(event.end, found.end)
    before = text[sentence_start:first]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_start = sentence_start + (breaks[-1].end() if breaks else 0)
    sentence_end = next((end for start, end in _sentences(text) if start == sentence_start))
    after = _CLAUSE_BREAK.search(text, last, sentence_end)
    clause = text[clause_start : after.start() if after else sentence_end]
    if _CANCELLED.search(clause):
        return True
    return not found.certain_future and bool(_PAST_MARKERS.search(clause))
