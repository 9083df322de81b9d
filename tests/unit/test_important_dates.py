"""Important dates: typed forms, 29 February, year boundaries, and the words a check-in uses."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.important_dates import (
    DateKind,
    DateProblem,
    DayOfYear,
    ImportantDate,
    InvalidDate,
    ahead_sentence,
    card_line,
    clean_label,
    coming_up,
    date_saved,
    dates_in,
    dates_in_period,
    dates_today,
    next_occurrence,
    ordinal,
    parse_day_of_year,
    parse_vcard_date,
    period_sentence,
    today_sentence,
)

TODAY = date(2026, 12, 1)  # a Tuesday


def important(
    when: DayOfYear,
    kind: DateKind = DateKind.BIRTHDAY,
    *,
    name: str = "Sam",
    label: str | None = None,
    date_id: int = 1,
) -> ImportantDate:
    return ImportantDate(date_id, 10 + date_id, name, kind, when, label)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 March", DayOfYear(3, 14)),
        ("14th of march", DayOfYear(3, 14)),
        ("14 mar", DayOfYear(3, 14)),
        ("March 14", DayOfYear(3, 14)),
        ("March 14 1990", DayOfYear(3, 14, 1990)),
        ("March 14, 1990", DayOfYear(3, 14, 1990)),
        ("14 March 1990", DayOfYear(3, 14, 1990)),
        ("14.03", DayOfYear(3, 14)),
        ("14.03.", DayOfYear(3, 14)),
        ("14.03.1990", DayOfYear(3, 14, 1990)),
        ("14.03.90", DayOfYear(3, 14, 1990)),
        ("14.03.05", DayOfYear(3, 14, 2005)),
        ("14-03-1990", DayOfYear(3, 14, 1990)),
        ("14/03/1990", DayOfYear(3, 14, 1990)),
        ("03/14/1990", DayOfYear(3, 14, 1990)),  # reads one way only
        ("14/03", DayOfYear(3, 14)),
        ("1990-03-14", DayOfYear(3, 14, 1990)),
        ("29 February", DayOfYear(2, 29)),
        ("29.02.2000", DayOfYear(2, 29, 2000)),
        ("--03-14", DayOfYear(3, 14)),
    ],
)
def test_typed_dates_are_understood(text: str, expected: DayOfYear) -> None:
    assert parse_day_of_year(text, TODAY) == expected


def test_slashed_dates_follow_the_users_convention() -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_day_of_year("04/03", TODAY)
    assert caught.value.reason is DateProblem.AMBIGUOUS
    assert parse_day_of_year("04/03", TODAY, day_first=True) == DayOfYear(3, 4)
    assert parse_day_of_year("04/03", TODAY, day_first=False) == DayOfYear(4, 3)
    assert parse_day_of_year("04.03", TODAY) == DayOfYear(3, 4)  # dots are day-first


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31 February", DateProblem.IMPOSSIBLE),
        ("29.02.2001", DateProblem.IMPOSSIBLE),
        ("2026-13-01", DateProblem.IMPOSSIBLE),
        ("14 March 2030", DateProblem.FUTURE),
        ("1850-03-14", DateProblem.TOO_OLD),
        ("sometime in spring", DateProblem.UNKNOWN),
        ("", DateProblem.UNKNOWN),
        ("14", DateProblem.UNKNOWN),
    ],
)
def test_bad_dates_are_refused_with_a_reason(text: str, reason: DateProblem) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_day_of_year(text, TODAY)
    assert caught.value.reason is reason
    assert caught.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19900314", DayOfYear(3, 14, 1990)),
        ("1990-03-14", DayOfYear(3, 14, 1990)),
        ("1990-03-14T00:00:00Z", DayOfYear(3, 14, 1990)),
        ("--0314", DayOfYear(3, 14)),
        ("--03-14", DayOfYear(3, 14)),
        ("16040314", DayOfYear(3, 14)),  # Apple's "no year"
        ("19900230", None),
        ("march", None),
    ],
)
def test_vcard_dates(value: str, expected: DayOfYear | None) -> None:
    assert parse_vcard_date(value) == expected


def test_leap_day_falls_on_28_february_in_common_years() -> None:
    leap = DayOfYear(2, 29, 2000)
    assert leap.next_from(date(2027, 1, 10)) == date(2027, 2, 28)
    assert leap.next_from(date(2028, 2, 28)) == date(2028, 2, 29)
    assert leap.next_from(date(2027, 3, 1)) == date(2028, 2, 29)
    sam = important(leap)
    assert dates_today([sam], date(2027, 2, 28)) == [sam]
    assert today_sentence(sam, date(2027, 2, 28)) == "Sam turns 27 today."
    assert dates_today([sam], date(2028, 2, 28)) == []


def test_today_sentences() -> None:
    birthday = important(DayOfYear(12, 1))
    assert today_sentence(birthday, TODAY) == "It's Sam's birthday today."
    assert today_sentence(important(DayOfYear(12, 1, 1990)), TODAY) == "Sam turns 36 today."
    aged = important(DayOfYear(12, 1, 1990))
    assert today_sentence(aged, TODAY, with_age=False) == "It's Sam's birthday today."
    wedding = important(DayOfYear(12, 1, 2016), DateKind.ANNIVERSARY, name="Mum")
    assert today_sentence(wedding, TODAY) == "It's Mum's 10th anniversary today."
    moved = important(DayOfYear(12, 1, 2023), DateKind.NAMED, label="moved to Lisbon")
    assert (
        today_sentence(moved, TODAY)
        == "A date to remember for Sam today: moved to Lisbon, 3 years ago."
    )
    born_today = important(DayOfYear(12, 1, 2026))
    assert today_sentence(born_today, TODAY) == "It's Sam's birthday today."  # age 0: no number


def test_ahead_sentences_and_cards() -> None:
    birthday = important(DayOfYear(12, 4, 1990))
    assert ahead_sentence(birthday, date(2026, 12, 4), TODAY) == (
        "Sam's birthday is in 3 days (Friday)."
    )
    assert ahead_sentence(birthday, date(2026, 12, 2), TODAY) == "Sam's birthday is tomorrow."
    moved = important(DayOfYear(12, 3), DateKind.NAMED, label="moved to Lisbon")
    assert ahead_sentence(moved, date(2026, 12, 3), TODAY) == (
        "Coming up for Sam in 2 days (Thursday): moved to Lisbon."
    )
    assert card_line(birthday, TODAY) == "Birthday · 4 December 1990 · in 3 days"
    assert card_line(moved, TODAY) == "moved to Lisbon · 3 December · in 2 days"


def test_year_boundary_and_period_sentence() -> None:
    new_year = important(DayOfYear(1, 2), name="Alex", date_id=2)
    eve = important(DayOfYear(12, 31), DateKind.ANNIVERSARY, date_id=3)
    assert dates_in([new_year, eve], date(2026, 12, 30), 3) == [
        (eve, date(2026, 12, 31)),
        (new_year, date(2027, 1, 2)),
    ]
    sentence = period_sentence([new_year, eve], date(2026, 12, 28), date(2027, 1, 3))
    assert (
        sentence
        == "Dates in this period: Sam's anniversary (Thu 31 Dec), Alex's birthday (Sat 2 Jan)."
    )
    assert period_sentence([new_year], date(2026, 3, 1), date(2026, 3, 31)) is None
    assert coming_up([new_year, eve], date(2026, 12, 31)) == [
        "Sam's anniversary · Thu 31 Dec (today)",
        "Alex's birthday · Sat 2 Jan (in 2 days)",
    ]


def test_saved_answer_and_next_occurrence() -> None:
    birthday = important(DayOfYear(3, 14, 1990))
    assert date_saved(birthday, TODAY) == "Saved: Sam's birthday, 14 March 1990 (in 103 days)."
    assert next_occurrence(DayOfYear(12, 1), TODAY) == TODAY
    assert next_occurrence(DayOfYear(11, 30), TODAY) == date(2027, 11, 30)


def test_labels_and_ordinals() -> None:
    assert clean_label("  moved   to Lisbon. ") == "moved to Lisbon"
    assert clean_label("   ") is None
    assert clean_label("x" * 61) is None
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip


# --- properties ----------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def days_of_year(draw: st.DrawFn) -> DayOfYear:
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(2000, month)[1]))
    year = draw(st.none() | st.integers(min_value=1900, max_value=2020))
    if year is not None and (month, day) == (2, 29) and not calendar.isleap(year):
        year += 4 - year % 4 if year + 4 - year % 4 <= 2020 else -(year % 4)
    return DayOfYear(month, day, year)


@settings(max_examples=200, deadline=None)
@given(days_of_year(), DAYS)
def test_next_occurrence_is_the_first_on_or_after_today(when: DayOfYear, today: date) -> None:
    upcoming = when.next_from(today)
    assert today <= upcoming < today + timedelta(days=366)
    if when.is_leap_day and not calendar.isleap(upcoming.year):
        assert (upcoming.month, upcoming.day) == (2, 28)
    else:
        assert (upcoming.month, upcoming.day) == (when.month, when.day)
    day = today
    while day < upcoming:  # nothing earlier in between
        assert when.on_year(day.year) != day
        day += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(days_of_year(), DAYS)
def test_a_date_is_celebrated_exactly_once_a_year(when: DayOfYear, today: date) -> None:
    year_start = date(today.year, 1, 1)
    days = [
        year_start + timedelta(days=n) for n in range(366 if calendar.isleap(today.year) else 365)
    ]
    hits = [day for day in days if dates_today([important(when)], day)]
    assert len(hits) == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(days_of_year(), max_size=6), DAYS, st.integers(min_value=0, max_value=40))
def test_dates_in_a_window_are_those_whose_next_occurrence_falls_in_it(
    whens: list[DayOfYear], today: date, days: int
) -> None:
    dates = [important(when, date_id=i) for i, when in enumerate(whens)]
    found = dates_in(dates, today, days)
    expected = {d.id for d in dates if 1 <= (d.next_occurrence(today) - today).days <= days}
    assert {d.id for d, _ in found} == expected
    assert [day for _, day in found] == sorted(day for _, day in found)
    for d, day in found:
        assert day == d.next_occurrence(today)


@settings(max_examples=200, deadline=None)
@given(days_of_year(), DAYS, st.integers(min_value=0, max_value=800))
def test_a_period_holds_every_occurrence(when: DayOfYear, first: date, length: int) -> None:
    last = first + timedelta(days=length)
    found = dates_in_period([important(when)], first, last)
    occurrences = [day for _, day in found]
    assert all(first <= day <= last for day in occurrences)
    assert len(occurrences) == len(set(occurrences))
    if length >= 365:
        assert len(occurrences) >= 1


@settings(max_examples=200, deadline=None)
@given(days_of_year(), st.sampled_from(["{d} {mon}", "{mon} {d}", "{d}.{m}", "{y}-{m:02}-{d:02}"]))
def test_what_is_shown_reads_back_the_same(when: DayOfYear, shape: str) -> None:
    text = shape.format(d=when.day, m=when.month, mon=calendar.month_name[when.month], y=when.year)
    if when.year is None and "{y}" in shape:
        return
    parsed = parse_day_of_year(text, TODAY)
    assert (parsed.month, parsed.day) == (when.month, when.day)
    assert parse_day_of_year(when.text(), TODAY) == when
