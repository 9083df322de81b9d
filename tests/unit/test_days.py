"""Reading the day of an interaction and placing it in time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.domain.days import (
    MAX_DAYS_BACK,
    DayProblem,
    InvalidDay,
    day_to_instant,
    looks_like_day,
    parse_day,
    today_in,
)

WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 25)),
        ("  TODAY ", date(2026, 11, 25)),
        ("this morning", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 24)),
        ("Yesterday.", date(2026, 11, 24)),
        ("last night", date(2026, 11, 24)),
        ("the day before yesterday", date(2026, 11, 23)),
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-1-5", date(2026, 1, 5)),
        ("20.11", date(2026, 11, 20)),
        ("20.11.", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("20/11", date(2026, 11, 20)),
        ("20/11/26", date(2026, 11, 20)),
        ("5.3", date(2026, 3, 5)),
        ("20.12", date(2025, 12, 20)),  # no year, still ahead this year: last year's
        ("20 nov", date(2026, 11, 20)),
        ("Nov 20th", date(2026, 11, 20)),
        ("3rd of march 2026", date(2026, 3, 3)),
        ("3 days ago", date(2026, 11, 22)),
        ("3   DAYS    ago", date(2026, 11, 22)),
        ("3d ago", date(2026, 11, 22)),
        ("0 days ago", date(2026, 11, 25)),
        ("a day ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 18)),
        ("2 weeks ago", date(2026, 11, 11)),
        ("two weeks ago", date(2026, 11, 11)),
        ("a couple of days ago", date(2026, 11, 23)),
        ("a month ago", date(2026, 10, 25)),
        ("365 days ago", date(2025, 11, 25)),
        ("last friday", date(2026, 11, 20)),
        ("last Fri", date(2026, 11, 20)),
        ("friday", date(2026, 11, 20)),
        ("on friday", date(2026, 11, 20)),
        ("monday", date(2026, 11, 23)),
        ("mon", date(2026, 11, 23)),
        ("thurs", date(2026, 11, 19)),
    ],
)
def test_parse_day_understands_everyday_phrases(text: str, expected: date) -> None:
    assert parse_day(text, WEDNESDAY) == expected


def test_bare_weekday_includes_today_but_last_weekday_does_not() -> None:
    assert parse_day("wednesday", WEDNESDAY) == WEDNESDAY
    assert parse_day("wed", WEDNESDAY) == WEDNESDAY
    assert parse_day("last wednesday", WEDNESDAY) == WEDNESDAY - timedelta(days=7)
    assert parse_day("last thursday", WEDNESDAY) == date(2026, 11, 19)


def test_day_month_without_year_uses_the_most_recent_past_one() -> None:
    leap_spring = date(2028, 3, 10)
    assert parse_day("29.02", leap_spring) == date(2028, 2, 29)
    assert parse_day("10.3", leap_spring) == leap_spring
    assert parse_day("11.3", leap_spring) == date(2027, 3, 11)


def test_months_ago_stays_within_short_months() -> None:
    assert parse_day("1 month ago", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse_day("2 months ago", date(2026, 1, 15)) == date(2025, 11, 15)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tomorrow", DayProblem.FUTURE),
        ("next friday", DayProblem.FUTURE),
        ("2026-11-26", DayProblem.FUTURE),
        ("26.11.2026", DayProblem.FUTURE),
        ("366 days ago", DayProblem.TOO_OLD),
        ("53 weeks ago", DayProblem.TOO_OLD),
        ("13 months ago", DayProblem.TOO_OLD),
        ("2025-11-24", DayProblem.TOO_OLD),
        ("29.02", DayProblem.TOO_OLD),  # the last 29 February was in 2024
        ("31.02", DayProblem.IMPOSSIBLE),
        ("31.02.2024", DayProblem.IMPOSSIBLE),
        ("2026-13-01", DayProblem.IMPOSSIBLE),
        ("0.11", DayProblem.IMPOSSIBLE),
        ("", DayProblem.UNKNOWN),
        ("blah", DayProblem.UNKNOWN),
        ("last week", DayProblem.UNKNOWN),
        ("-3 days ago", DayProblem.UNKNOWN),
        ("20", DayProblem.UNKNOWN),
        ("friday 13", DayProblem.UNKNOWN),
    ],
)
def test_parse_day_refuses_with_a_reason(text: str, reason: DayProblem) -> None:
    with pytest.raises(InvalidDay) as caught:
        parse_day(text, WEDNESDAY)
    assert caught.value.reason is reason
    assert looks_like_day(text) is (reason is not DayProblem.UNKNOWN)


def test_refusals_explain_with_examples() -> None:
    messages = {}
    for text in ("blah", "31.02", "tomorrow", "400 days ago"):
        with pytest.raises(InvalidDay) as caught:
            parse_day(text, WEDNESDAY)
        messages[caught.value.reason] = caught.value.message
    assert "yesterday" in messages[DayProblem.UNKNOWN]
    assert "3 days ago" in messages[DayProblem.UNKNOWN]
    assert "20.11" in messages[DayProblem.IMPOSSIBLE]
    assert "future" in messages[DayProblem.FUTURE]
    assert "year" in messages[DayProblem.TOO_OLD]


def test_today_in_uses_the_users_zone() -> None:
    now = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert today_in(ZoneInfo("Europe/London"), now) == date(2026, 11, 25)
    assert today_in(ZoneInfo("Asia/Tokyo"), now) == date(2026, 11, 26)
    assert today_in(ZoneInfo("America/Los_Angeles"), now) == date(2026, 11, 25)
    with pytest.raises(ValueError, match="aware"):
        today_in(ZoneInfo("UTC"), datetime(2026, 11, 25, 12))


def test_day_to_instant_is_now_today_and_local_noon_before() -> None:
    zone = ZoneInfo("America/New_York")
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    assert day_to_instant(date(2026, 11, 25), zone, now) == now
    assert day_to_instant(date(2026, 11, 24), zone, now) == datetime(2026, 11, 24, 17, tzinfo=UTC)
    with pytest.raises(ValueError, match="future"):
        day_to_instant(date(2026, 11, 26), zone, now)


def test_day_to_instant_on_dst_days() -> None:
    london = ZoneInfo("Europe/London")
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    spring = day_to_instant(date(2026, 3, 29), london, now)  # clocks went forward at 01:00
    assert spring == datetime(2026, 3, 29, 11, tzinfo=UTC)
    autumn = day_to_instant(date(2026, 10, 25), london, now)  # and back at 02:00
    assert autumn == datetime(2026, 10, 25, 12, tzinfo=UTC)


def test_day_to_instant_refuses_a_day_the_zone_skipped() -> None:
    samoa = ZoneInfo("Pacific/Apia")  # jumped from 29 to 31 December 2011
    with pytest.raises(ValueError, match="does not exist"):
        day_to_instant(date(2011, 12, 30), samoa, datetime(2012, 6, 1, tzinfo=UTC))


# --- properties ----------------------------------------------------------------------------

DST_ZONES = (
    "Europe/London",
    "America/New_York",
    "America/Santiago",  # changes at midnight: some local midnights do not exist
    "America/Havana",  # also at midnight
    "Asia/Beirut",
    "Australia/Lord_Howe",  # half-hour shift
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",
)


@cache
def _transitions(zone_name: str) -> tuple[datetime, ...]:
    """UTC instants (to the hour) where ``zone_name`` changed its offset in 2025-2027."""
    zone = ZoneInfo(zone_name)
    found: list[datetime] = []
    instant = datetime(2025, 1, 1, tzinfo=UTC)
    previous = instant.astimezone(zone).utcoffset()
    while instant < datetime(2028, 1, 1, tzinfo=UTC):
        instant += timedelta(hours=1)
        offset = instant.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(instant)
            previous = offset
    return tuple(found)


@st.composite
def _zone_and_instant(draw: st.DrawFn) -> tuple[ZoneInfo, datetime]:
    """Anywhere, anytime; half the time a few hours from a DST change in a tricky zone."""
    if draw(st.booleans()):
        zone_name = draw(st.sampled_from(DST_ZONES))
        change = draw(st.sampled_from(_transitions(zone_name)))
        minutes = draw(st.integers(min_value=-26 * 60, max_value=26 * 60))
        return ZoneInfo(zone_name), change + timedelta(minutes=minutes)
    zone = draw(st.timezones(no_cache=False))
    assert isinstance(zone, ZoneInfo)
    naive = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)))
    return zone, naive.replace(tzinfo=UTC)


def _day_exists(day: date, zone: ZoneInfo) -> bool:
    start = datetime.combine(day, time(0), tzinfo=UTC) - timedelta(hours=15)
    return any(
        (start + timedelta(minutes=30 * step)).astimezone(zone).date() == day for step in range(80)
    )


@settings(max_examples=200, deadline=None)
@given(_zone_and_instant())
def test_yesterday_is_one_local_day_before_and_its_instant_is_in_the_past(
    where_when: tuple[ZoneInfo, datetime],
) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    assert today == now.astimezone(zone).date()
    yesterday = parse_day("yesterday", today)
    assert yesterday + timedelta(days=1) == today
    assume(_day_exists(yesterday, zone))
    instant = day_to_instant(yesterday, zone, now)
    assert instant.tzinfo is UTC
    assert instant < now
    assert instant.astimezone(zone).date() == yesterday


@settings(max_examples=200, deadline=None)
@given(_zone_and_instant(), st.integers(min_value=0, max_value=MAX_DAYS_BACK))
def test_n_days_ago_counts_calendar_days(where_when: tuple[ZoneInfo, datetime], n: int) -> None:
    zone, now = where_when
    today = today_in(zone, now)
    assert parse_day(f"{n} days ago", today) == today - timedelta(days=n)
    assert parse_day(f"  {n}  DAYS AGO ", today) == today - timedelta(days=n)


PHRASE = st.one_of(
    st.sampled_from(
        ["today", "yesterday", "tomorrow", "last night", "day before yesterday", "a week ago"]
    ),
    st.builds(
        "{} {} ago".format,
        st.integers(min_value=0, max_value=500),
        st.sampled_from(["days", "weeks", "months", "d", "w"]),
    ),
    st.builds(
        "{}{} {}".format,
        st.sampled_from(["", "last ", "next ", "on "]),
        st.sampled_from(["monday", "tue", "wednesday", "thurs", "fri", "saturday", "sun"]),
        st.just(""),
    ),
    st.builds(
        "{}{}{}{}".format,
        st.integers(min_value=0, max_value=40),
        st.sampled_from([".", "/", "-"]),
        st.integers(min_value=0, max_value=14),
        st.sampled_from(["", ".2025", ".2026", ".2027", ".26"]),
    ),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)).map(date.isoformat),
    st.text(max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(PHRASE, st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)))
def test_a_parsed_day_is_never_in_the_future_nor_over_a_year_back(phrase: str, today: date) -> None:
    try:
        day = parse_day(phrase, today)
    except InvalidDay as problem:
        assert problem.message
        return
    assert today - timedelta(days=MAX_DAYS_BACK) <= day <= today


@settings(max_examples=200, deadline=None)
@given(
    zone=st.timezones(no_cache=False),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2037, 12, 30)),
    later=st.timedeltas(min_value=timedelta(days=1), max_value=timedelta(days=400)),
)
def test_day_to_instant_lands_on_the_same_local_date(
    zone: ZoneInfo, day: date, later: timedelta
) -> None:
    assume(_day_exists(day, zone))
    now = datetime.combine(day, time(12), tzinfo=UTC) + later
    instant = day_to_instant(day, zone, now)
    assert instant.astimezone(zone).date() == day
    assert instant <= now


@settings(max_examples=100, deadline=None)
@given(_zone_and_instant())
def test_day_to_instant_keeps_now_for_today(where_when: tuple[ZoneInfo, datetime]) -> None:
    zone, now = where_when
    assert day_to_instant(today_in(zone, now), zone, now) == now


def test_too_old_says_what_is_true() -> None:
    """Issue #11 item 12: nothing is pruned after a year; only logging further back is refused."""
    message = InvalidDay(DayProblem.TOO_OLD).message
    assert "more than a year back" in message
    assert "keep" not in message and "delete" not in message
