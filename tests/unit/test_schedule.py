"""Daily check-in timing: local wall time, DST gaps and folds, one per local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.schedule import (
    MISSED_CHECKIN_GRACE,
    checkin_instant_on,
    is_missed_too_late,
    last_due_checkin_at,
    local_date_of,
    next_checkin_at,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
APIA = ZoneInfo("Pacific/Apia")
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
MICROSECOND = timedelta(microseconds=1)

instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
zones = st.timezones()
wall_times = st.times()
last_sent_offsets = st.none() | st.integers(min_value=-3, max_value=2)


def first_transition_after(zone: ZoneInfo, start: datetime, days: int) -> datetime | None:
    """The first instant after `start` where `zone` changes its UTC offset (test-side oracle)."""
    day = timedelta(days=1)
    for step in range(days):
        low, high = start + step * day, start + (step + 1) * day
        if low.astimezone(zone).utcoffset() != high.astimezone(zone).utcoffset():
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            return high.replace(microsecond=0)
    return None


@st.composite
def near_transitions(draw: st.DrawFn) -> tuple[ZoneInfo, datetime, time]:
    """A zone, a `now` shortly before one of its offset changes, and a wall time around it.

    Uniformly random instants almost never meet a DST change; this puts gaps and folds
    (including 30-minute and whole-day ones) in front of the properties on purpose.
    """
    zone = draw(zones)
    start = draw(instants)
    transition = first_transition_after(zone, start, days=400)
    if transition is None:
        return zone, start, draw(wall_times)
    just_before = wall(transition - timedelta(seconds=1), zone) + timedelta(seconds=1)
    around = just_before + timedelta(minutes=draw(st.integers(min_value=-150, max_value=150)))
    now = transition - timedelta(seconds=draw(st.integers(min_value=0, max_value=3 * 86_400)))
    return zone, now, around.time()


scenarios = st.one_of(st.tuples(zones, instants, wall_times), near_transitions())


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall(instant: datetime, zone: ZoneInfo) -> datetime:
    """Independent oracle: the naive wall clock in `zone` at `instant`."""
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def wall_time_exists(naive: datetime, zone: ZoneInfo) -> bool:
    return wall(naive.replace(tzinfo=zone).astimezone(UTC), zone) == naive


def assert_is_checkin_moment(result: datetime, zone: ZoneInfo, local_time: time) -> None:
    """At the chosen wall time (first occurrence), or exactly where the gap hiding it ends."""
    day = local_date_of(result, zone)
    target = datetime.combine(day, local_time)
    if wall_time_exists(target, zone):
        assert wall(result, zone) == target
        first_occurrence = target.replace(tzinfo=zone, fold=0).astimezone(UTC)
        assert result == first_occurrence
    else:
        assert wall(result - MICROSECOND, zone) < target < wall(result, zone)


def last_sent_from(now: datetime, zone: ZoneInfo, offset: int | None) -> date | None:
    return None if offset is None else local_date_of(now, zone) + timedelta(days=offset)


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(scenario=scenarios, offset=last_sent_offsets)
def test_next_checkin_is_future_on_time_and_not_on_a_sent_day(
    scenario: tuple[ZoneInfo, datetime, time], offset: int | None
) -> None:
    zone, now, local_time = scenario
    last_sent = last_sent_from(now, zone, offset)
    result = next_checkin_at(now, zone, local_time, last_sent)

    assert result.tzinfo is UTC
    assert result > now
    if last_sent is not None:
        assert local_date_of(result, zone) > last_sent
    assert_is_checkin_moment(result, zone, local_time)
    # It is the NEXT one: no earlier day between could have taken it.
    first_day = local_date_of(now, zone)
    if last_sent is not None:
        first_day = max(first_day, last_sent + timedelta(days=1))
    day = first_day
    while day < local_date_of(result, zone):
        earlier = checkin_instant_on(day, local_time, zone)
        assert earlier is None or earlier <= now
        day += timedelta(days=1)
    assert (local_date_of(result, zone) - first_day).days <= 2


@settings(max_examples=100, deadline=None)
@given(
    scenario=scenarios,
    delays=st.lists(st.integers(min_value=0, max_value=3 * 3600), min_size=6, max_size=6),
)
def test_a_run_of_sends_never_lands_twice_on_one_local_day(
    scenario: tuple[ZoneInfo, datetime, time], delays: list[int]
) -> None:
    zone, now, local_time = scenario
    last_sent: date | None = None
    sent_days: list[date] = []
    for delay in delays:
        due = next_checkin_at(now, zone, local_time, last_sent)
        sent_at = due + timedelta(seconds=delay)  # the bot may send a little late
        last_sent = local_date_of(sent_at, zone)
        sent_days.append(last_sent)
        now = sent_at
    assert sent_days == sorted(set(sent_days))


@settings(max_examples=150, deadline=None)
@given(scenario=scenarios, offset=last_sent_offsets, later=st.integers(0, 2 * 86_400))
def test_last_due_checkin_is_the_one_next_checkin_would_have_given(
    scenario: tuple[ZoneInfo, datetime, time], offset: int | None, later: int
) -> None:
    zone, now, local_time = scenario
    now += timedelta(seconds=later)  # land after the transition too
    last_sent = last_sent_from(now, zone, offset)
    due = last_due_checkin_at(now, zone, local_time, last_sent)
    if due is None:
        return
    assert due <= now
    assert last_sent is None or local_date_of(due, zone) > last_sent
    assert_is_checkin_moment(due, zone, local_time)
    assert next_checkin_at(due - MICROSECOND, zone, local_time, last_sent) == due


@settings(max_examples=100, deadline=None)
@given(due=instants, lateness=st.integers(min_value=-86_400, max_value=86_400))
def test_missed_checkin_is_skipped_only_when_more_than_three_hours_late(
    due: datetime, lateness: int
) -> None:
    now = due + timedelta(seconds=lateness)
    assert is_missed_too_late(due, now) == (timedelta(seconds=lateness) > timedelta(hours=3))


# --- explicit DST cases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "now", "local_time", "last_sent", "expected"),
    [
        # Berlin spring forward: 02:30 does not exist on 2024-03-31, sent at 03:00 CEST.
        (BERLIN, utc(2024, 3, 30, 12), time(2, 30), date(2024, 3, 30), utc(2024, 3, 31, 1)),
        # Berlin fall back: 02:30 happens twice on 2024-10-27; the first one (CEST) is used.
        (BERLIN, utc(2024, 10, 26, 12), time(2, 30), date(2024, 10, 26), utc(2024, 10, 27, 0, 30)),
        # ...and once it is sent, the second 02:30 (CET, 01:30Z) is not another check-in.
        (
            BERLIN,
            utc(2024, 10, 27, 0, 30),
            time(2, 30),
            date(2024, 10, 27),
            utc(2024, 10, 28, 1, 30),
        ),
        (BERLIN, utc(2024, 10, 27, 0, 45), time(2, 30), None, utc(2024, 10, 28, 1, 30)),
        # 19:00 stays 19:00 local on both sides of each change.
        (BERLIN, utc(2024, 3, 30, 12), time(19), None, utc(2024, 3, 30, 18)),
        (BERLIN, utc(2024, 3, 31, 12), time(19), None, utc(2024, 3, 31, 17)),
        (BERLIN, utc(2024, 10, 26, 12), time(19), None, utc(2024, 10, 26, 17)),
        (BERLIN, utc(2024, 10, 27, 12), time(19), None, utc(2024, 10, 27, 18)),
        # New York: 02:30 skipped on 2024-03-10 -> 03:00 EDT; 01:30 twice on 2024-11-03.
        (NEW_YORK, utc(2024, 3, 9, 12), time(2, 30), None, utc(2024, 3, 10, 7)),
        (NEW_YORK, utc(2024, 11, 2, 12), time(1, 30), None, utc(2024, 11, 3, 5, 30)),
        (
            NEW_YORK,
            utc(2024, 11, 3, 5, 30),
            time(1, 30),
            date(2024, 11, 3),
            utc(2024, 11, 4, 6, 30),
        ),
        # Lord Howe moves only 30 minutes: 02:15 skipped -> 02:30 (+11:00).
        (LORD_HOWE, utc(2024, 10, 5, 0), time(2, 15), None, utc(2024, 10, 5, 15, 30)),
        # ...and 01:45 happens twice on 2024-04-07; the first is at +11:00.
        (LORD_HOWE, utc(2024, 4, 6, 0), time(1, 45), None, utc(2024, 4, 6, 14, 45)),
        # Samoa skipped 2011-12-30 entirely: that day has no check-in, the next is on the 31st.
        (APIA, utc(2011, 12, 30, 6), time(19), date(2011, 12, 29), utc(2011, 12, 31, 5)),
        (APIA, utc(2011, 12, 30, 6), time(19), None, utc(2011, 12, 31, 5)),
        # Sao Paulo (2018) sprang forward at midnight: 00:30 -> 01:00 the same day.
        (SAO_PAULO, utc(2018, 11, 3, 12), time(0, 30), date(2018, 11, 3), utc(2018, 11, 4, 3)),
    ],
)
def test_explicit_transitions(
    zone: ZoneInfo, now: datetime, local_time: time, last_sent: date | None, expected: datetime
) -> None:
    assert next_checkin_at(now, zone, local_time, last_sent) == expected


def test_skipped_apia_day_has_no_checkin_instant() -> None:
    assert checkin_instant_on(date(2011, 12, 30), time(19), APIA) is None
    assert checkin_instant_on(date(2011, 12, 31), time(19), APIA) == utc(2011, 12, 31, 5)


def test_already_sent_today_moves_to_tomorrow_even_before_todays_time() -> None:
    now = utc(2024, 6, 1, 8)  # 10:00 in Berlin, before 19:00
    assert next_checkin_at(now, BERLIN, time(19), date(2024, 6, 1)) == utc(2024, 6, 2, 17)
    assert next_checkin_at(now, BERLIN, time(19), None) == utc(2024, 6, 1, 17)


def test_exactly_at_checkin_time_gives_the_next_day() -> None:
    assert next_checkin_at(utc(2024, 6, 1, 17), BERLIN, time(19), None) == utc(2024, 6, 2, 17)


def test_non_utc_aware_now_is_accepted_and_result_is_utc() -> None:
    now = datetime(2024, 6, 1, 10, tzinfo=BERLIN)
    result = next_checkin_at(now, BERLIN, time(19), None)
    assert result == utc(2024, 6, 1, 17)
    assert result.tzinfo is UTC


def test_naive_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_checkin_at(datetime(2024, 6, 1, 10), BERLIN, time(19), None)
    with pytest.raises(ValueError, match="naive"):
        next_checkin_at(utc(2024, 6, 1), BERLIN, time(19, tzinfo=UTC), None)
    with pytest.raises(ValueError, match="aware"):
        is_missed_too_late(datetime(2024, 6, 1), utc(2024, 6, 1))


def test_missed_checkin_grace_boundaries() -> None:
    due = utc(2024, 6, 1, 17)
    assert timedelta(hours=3) == MISSED_CHECKIN_GRACE
    assert not is_missed_too_late(due, due + timedelta(hours=3))
    assert is_missed_too_late(due, due + timedelta(hours=3, seconds=1))
    assert not is_missed_too_late(due, due - timedelta(hours=1))
    assert is_missed_too_late(due, due + timedelta(minutes=31), grace=timedelta(minutes=30))


def test_start_up_after_downtime_finds_the_missed_checkin() -> None:
    # Down from 18:00 to 21:30 Berlin time: the 19:00 check-in is 2.5 h late, still sent.
    now = utc(2024, 6, 1, 19, 30)
    due = last_due_checkin_at(now, BERLIN, time(19), date(2024, 5, 31))
    assert due == utc(2024, 6, 1, 17)
    assert not is_missed_too_late(due, now)
    # Already sent today: nothing owed.
    assert last_due_checkin_at(now, BERLIN, time(19), date(2024, 6, 1)) is None
    # Down until 23:00: 4 h late, skipped.
    late = utc(2024, 6, 1, 21)
    missed = last_due_checkin_at(late, BERLIN, time(19), date(2024, 5, 31))
    assert missed is not None
    assert is_missed_too_late(missed, late)


def test_local_date_of_uses_the_users_zone() -> None:
    instant = utc(2024, 6, 1, 23, 30)
    assert local_date_of(instant, BERLIN) == date(2024, 6, 2)
    assert local_date_of(instant, NEW_YORK) == date(2024, 6, 1)
