"""Coming events in notes: found with their local day, never guessed, never in the past."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.days import today_in
from bot.domain.event_dates import (
    MAX_DAYS_AHEAD,
    EventMention,
    EventSpan,
    FutureDayProblem,
    InvalidFutureDay,
    day_first_convention,
    event_phrase,
    find_event,
    find_event_at,
    parse_future_day,
)
from tests.unit.test_days import _zone_and_instant

TUESDAY = date(2026, 12, 1)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.mark.parametrize(
    ("note", "phrase", "day", "span"),
    [
        ("interview on Friday", "the interview", date(2026, 12, 4), EventSpan.DAY),
        ("Sam has surgery next week", "the surgery", date(2026, 12, 13), EventSpan.WEEK),
        ("She's moving on the 12th", "the move", date(2026, 12, 12), EventSpan.DAY),
        ("exam tomorrow", "the exam", date(2026, 12, 2), EventSpan.DAY),
        ("her hip appointment on 3 Dec", "the hip appointment", date(2026, 12, 3), EventSpan.DAY),
        (
            "Her hip appointment on Dec 3rd.",
            "the hip appointment",
            date(2026, 12, 3),
            EventSpan.DAY,
        ),
        ("job interview in two weeks", "the job interview", date(2026, 12, 15), EventSpan.DAY),
        ("the match next Tuesday", "the match", date(2026, 12, 8), EventSpan.DAY),
        ("party this weekend", "the party", date(2026, 12, 6), EventSpan.WEEKEND),
        ("their wedding next weekend", "the wedding", date(2026, 12, 13), EventSpan.WEEKEND),
        ("dentist appointment 25/3", "the dentist appointment", date(2027, 3, 25), EventSpan.DAY),
        ("scan 14.12", "the scan", date(2026, 12, 14), EventSpan.DAY),
        ("driving test on the 3rd", "the driving test", date(2026, 12, 3), EventSpan.DAY),
        ("moving on the 1st", "the move", date(2026, 12, 1), EventSpan.DAY),  # today counts
        ("moving on the 31st", "the move", date(2026, 12, 31), EventSpan.DAY),
        ("wedding on 2027-06-05", "the wedding", date(2027, 6, 5), EventSpan.DAY),
        (
            "Lovely dinner. Her wedding is on 5 June 2027!",
            "the wedding",
            date(2027, 6, 5),
            EventSpan.DAY,
        ),
        ("Had coffee and she's got an exam tomorrow", "the exam", date(2026, 12, 2), EventSpan.DAY),
        ("she was nervous about the exam tomorrow", "the exam", date(2026, 12, 2), EventSpan.DAY),
        ("Interview on Friday, wish her luck", "the interview", date(2026, 12, 4), EventSpan.DAY),
        ("big presentation today", "the big presentation", TUESDAY, EventSpan.DAY),
        ("exam on sat", "the exam", date(2026, 12, 5), EventSpan.DAY),
        ("the op is the day after tomorrow", "the operation", date(2026, 12, 3), EventSpan.DAY),
        ("flying in 3 days' time", "the trip", date(2026, 12, 4), EventSpan.DAY),
        ("new job starts in a month", "the new job", date(2027, 1, 1), EventSpan.DAY),
        ("the 2nd interview on Monday", "the interview", date(2026, 12, 7), EventSpan.DAY),
        ("moving the 12th, so busy", "the move", date(2026, 12, 12), EventSpan.DAY),
        ("test results come back on the 5th", "the results", date(2026, 12, 5), EventSpan.DAY),
        ("Talked about her new job, starts Mon", "the new job", date(2026, 12, 7), EventSpan.DAY),
        ("May 5 is the wedding", "the wedding", date(2027, 5, 5), EventSpan.DAY),
        ("exam on the 3rd at 9", "the exam", date(2026, 12, 3), EventSpan.DAY),
        ("first day of school on Monday", "the first day", date(2026, 12, 7), EventSpan.DAY),
        ("has a date with Alex on Friday", "the date", date(2026, 12, 4), EventSpan.DAY),
    ],
)  # fmt: skip
def test_find_event_reads_everyday_notes(
    note: str, phrase: str, day: date, span: EventSpan
) -> None:
    assert find_event(note, TUESDAY) == EventMention(phrase, day, span)


@pytest.mark.parametrize(
    "note",
    [
        "She had her hip appointment, ask about results",  # no day
        "had an interview on Friday",  # past
        "The interview on Friday went well",
        "interview on friday got cancelled",
        "sat an exam on monday",
        "we talked about moving",  # no day
        "call again on Friday",  # no event
        "surgery took 1.5 hours",
        "dentist appointment 12/3",  # 12 March or 3 December: not guessed
        "exam 31.02",
        "interview last friday",
        "moved house yesterday",
        "the wedding was on 3 Dec",
        "wedding on 2026-11-30",  # a date with a year, already gone
        "might move in 14 months",  # beyond a year
        "Coffee at 10.30 before her appointment",
        "Game night on Friday",  # "game" alone is not an event
        "first day of the month on Monday: rent",
        "her date of birth is 3 may",
        "",
    ],
)
def test_find_event_refuses_what_it_cannot_date(note: str) -> None:
    assert find_event(note, TUESDAY) is None


def test_numeric_dates_follow_the_users_convention() -> None:
    assert find_event("dentist appointment 12/3", TUESDAY, day_first=True) == EventMention(
        "the dentist appointment", date(2027, 3, 12)
    )
    assert find_event("dentist appointment 12/3", TUESDAY, day_first=False) == EventMention(
        "the dentist appointment", date(2026, 12, 3)
    )
    assert find_event("exam 3/25", TUESDAY) == EventMention("the exam", date(2027, 3, 25))
    assert find_event("exam 5/5", TUESDAY) == EventMention("the exam", date(2027, 5, 5))
    assert find_event("exam 13.3", TUESDAY, day_first=False) is None  # no 13th month


@pytest.mark.parametrize(
    ("language", "zone", "expected"),
    [
        ("en-US", "Europe/London", False),
        ("en-GB", "America/New_York", True),
        ("en", "America/Chicago", False),
        ("en", "America/Indiana/Knox", False),
        ("en", "Europe/Dublin", True),
        ("de", None, True),
        ("pt-BR", "America/Sao_Paulo", True),
        ("en", "America/Toronto", None),  # Canada writes both ways
        (None, None, None),
        ("en", None, None),
    ],
)
def test_day_first_convention(
    language: str | None, zone: str | None, expected: bool | None
) -> None:
    assert day_first_convention(language, zone) is expected


def test_the_nearest_day_to_the_event_wins() -> None:
    note = "Back at work on Monday. Surgery on Thursday, then rest."
    assert find_event(note, TUESDAY) == EventMention("the surgery", date(2026, 12, 3))


def test_event_phrase_names_undated_events() -> None:
    assert event_phrase("She had her hip appointment, ask about results") == "the hip appointment"
    assert event_phrase("Sam's party was fun") == "the party"
    assert event_phrase("nice long chat") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", date(2026, 12, 2)),
        ("Friday", date(2026, 12, 4)),
        ("on fri.", date(2026, 12, 4)),
        ("tuesday", TUESDAY),
        ("next tuesday", date(2026, 12, 8)),
        ("next monday", date(2026, 12, 7)),
        ("in 2 weeks", date(2026, 12, 15)),
        ("in three days", date(2026, 12, 4)),
        ("12 dec", date(2026, 12, 12)),
        ("the 12th", date(2026, 12, 12)),
        ("1 dec", TUESDAY),
        ("30 nov", date(2027, 11, 30)),
        ("25/3", date(2027, 3, 25)),
        ("2027-01-05", date(2027, 1, 5)),
    ],
)
def test_parse_future_day_reads_typed_days(text: str, expected: date) -> None:
    assert parse_future_day(text, TUESDAY).day == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("yesterday", FutureDayProblem.PAST),
        ("last friday", FutureDayProblem.PAST),
        ("2026-11-30", FutureDayProblem.PAST),
        ("12/3", FutureDayProblem.AMBIGUOUS),
        ("31.02", FutureDayProblem.IMPOSSIBLE),
        ("in 500 days", FutureDayProblem.TOO_FAR),
        ("in 13 months", FutureDayProblem.TOO_FAR),
        ("blah", FutureDayProblem.UNKNOWN),
        ("12", FutureDayProblem.UNKNOWN),
        ("friday and saturday", FutureDayProblem.UNKNOWN),
    ],
)
def test_parse_future_day_refuses_with_a_reason(text: str, reason: FutureDayProblem) -> None:
    with pytest.raises(InvalidFutureDay) as caught:
        parse_future_day(text, TUESDAY)
    assert caught.value.reason is reason
    assert caught.value.message


def test_29_february_is_the_next_leap_day_within_a_year() -> None:
    assert parse_future_day("29 feb", date(2027, 3, 1)).day == date(2028, 2, 29)
    with pytest.raises(InvalidFutureDay):
        parse_future_day("29 feb", date(2026, 3, 1))  # 2028 is too far ahead


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(_zone_and_instant(), st.sampled_from(WEEKDAY_NAMES), st.sampled_from(["on ", "", "this "]))
def test_a_weekday_is_the_next_one_in_the_users_zone(
    where_when: tuple[ZoneInfo, datetime], weekday: str, lead: str
) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    found = find_event_at(f"Interview {lead}{weekday.title()}!", now, zone)
    assert found is not None
    assert found.day.weekday() == WEEKDAY_NAMES.index(weekday)
    assert 0 <= (found.day - today).days < 7


@settings(max_examples=100, deadline=None)
@given(_zone_and_instant(), st.sampled_from(WEEKDAY_NAMES))
def test_next_weekday_is_in_next_week(where_when: tuple[ZoneInfo, datetime], weekday: str) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    found = find_event_at(f"had coffee; surgery next {weekday}", now, zone)
    assert found is not None
    assert found.day.weekday() == WEEKDAY_NAMES.index(weekday)
    next_monday = today + timedelta(days=7 - today.weekday())
    assert next_monday <= found.day < next_monday + timedelta(days=7)


@settings(max_examples=100, deadline=None)
@given(_zone_and_instant(), st.integers(min_value=0, max_value=MAX_DAYS_AHEAD))
def test_in_n_days_counts_local_calendar_days(
    where_when: tuple[ZoneInfo, datetime], n: int
) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    found = find_event_at(f"exam in {n} days", now, zone)
    assert found == EventMention("the exam", today + timedelta(days=n))


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)),
    st.integers(min_value=1, max_value=31),
    st.sampled_from(["st", "nd", "rd", "th"]),
)
def test_on_the_nth_is_the_next_such_day(today: date, n: int, suffix: str) -> None:
    found = find_event(f"moving on the {n}{suffix}", today)
    assert found is not None
    assert found.day.day == n
    assert today <= found.day < today + timedelta(days=62)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
    st.sampled_from(["{d} {mon}", "{mon} {d}", "{d}.{m}", "{d}/{m}", "the {d} of {mon}"]),
)
def test_day_and_month_are_the_next_occurrence(
    today: date, month: int, day: int, shape: str
) -> None:
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    text = shape.format(d=day, m=month, mon=months[month - 1])
    found = find_event(f"her appointment on {text}", today, day_first=True)
    if found is None:  # only impossible dates, and a 29 February more than a year ahead
        if (month, day) != (2, 29):
            with pytest.raises(ValueError):
                date(2000, month, day)
        return
    assert (found.day.month, found.day.day) == (month, day)
    assert today <= found.day <= today + timedelta(days=MAX_DAYS_AHEAD)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
)
def test_a_numeric_date_that_reads_two_ways_is_never_guessed(
    today: date, first: int, second: int
) -> None:
    found = find_event(f"exam {first}/{second}", today)
    if first != second:
        assert found is None
    else:
        assert found is not None and found.day.month == found.day.day == first


NOTE_DAYS = st.sampled_from(
    [
        "on friday", "this sunday", "next monday", "tomorrow", "today", "on the 12th", "3 dec",
        "dec 3", "12/3", "25/3", "14.03", "in two weeks", "in a month", "this weekend",
        "next week", "on 29 feb", "2026-12-24", "next sat", "on wed",
    ]
)  # fmt: skip
NOTE_EVENTS = st.sampled_from(
    ["interview", "her hip appointment", "surgery", "moving", "the exam", "a scan", "the match"]
)


@settings(max_examples=200, deadline=None)
@given(
    _zone_and_instant(),
    NOTE_EVENTS,
    NOTE_DAYS,
    st.booleans() | st.none(),
    st.text(max_size=20),
)
def test_any_event_found_is_on_or_after_the_local_today(
    where_when: tuple[ZoneInfo, datetime],
    event: str,
    day_words: str,
    day_first: bool | None,
    noise: str,
) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    found = find_event_at(f"{noise} {event} {day_words}", now, zone, day_first=day_first)
    if found is not None:
        assert today <= found.day <= today + timedelta(days=MAX_DAYS_AHEAD)
        assert found.phrase.startswith("the ")
    past = find_event_at(f"{event} {day_words} was lovely", now, zone, day_first=day_first)
    certain = day_words.startswith(("tomorrow", "next", "in ", "2026-"))
    assert past is None or certain


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)))
def test_arbitrary_text_never_breaks_the_reader(text: str, today: date) -> None:
    found = find_event(text, today)
    assert found is None or found.day >= today
    try:
        typed = parse_future_day(text, today)
    except InvalidFutureDay as problem:
        assert problem.message
    else:
        assert today <= typed.day <= today + timedelta(days=MAX_DAYS_AHEAD)
