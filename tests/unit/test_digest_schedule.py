"""When the weekly digest is due: weekday, local check-in time, DST, never twice a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.digest import is_digest_too_late, next_digest_at, weekday_name

BERLIN = ZoneInfo("Europe/Berlin")
ZONES = [
    ZoneInfo(name)
    for name in (
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "Pacific/Kiritimati",
        "America/Adak",
        "Asia/Kolkata",
        "UTC",
    )
]


def test_later_today_when_today_is_the_day() -> None:
    now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # Wednesday 19:00 in Berlin
    due = next_digest_at(now, BERLIN, 2, time(19, 30))
    assert due == datetime(2026, 11, 25, 19, 30, tzinfo=BERLIN)


def test_next_week_when_todays_time_has_passed_or_it_was_sent_today() -> None:
    now = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)  # Wednesday 20:00 in Berlin
    assert next_digest_at(now, BERLIN, 2, time(19, 30)) == datetime(
        2026, 12, 2, 19, 30, tzinfo=BERLIN
    )
    early = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    assert next_digest_at(early, BERLIN, 2, time(19, 30), date(2026, 11, 25)) == datetime(
        2026, 12, 2, 19, 30, tzinfo=BERLIN
    )


def test_the_sunday_digest_keeps_its_wall_time_across_the_autumn_change() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026.
    saturday = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    due = next_digest_at(saturday, BERLIN, 6, time(19, 30))
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 10, 25, 19, 30)
    assert due.astimezone(UTC).hour == 18  # CET (+1), no longer CEST (+2)


def test_a_time_inside_the_spring_gap_moves_to_the_end_of_the_gap() -> None:
    # 02:30 does not exist in Berlin on Sunday 29 March 2026.
    friday = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    due = next_digest_at(friday, BERLIN, 6, time(2, 30))
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 0)


@settings(max_examples=150, deadline=None)
@given(
    seconds=st.integers(min_value=1_700_000_000, max_value=1_900_000_000),
    zone=st.sampled_from(ZONES),
    weekday=st.integers(min_value=0, max_value=6),
    hour=st.integers(min_value=0, max_value=23),
    minute=st.sampled_from([0, 15, 30, 45]),
    sent_today=st.booleans(),
)
def test_due_is_the_chosen_weekday_after_now_within_a_week(
    seconds: int, zone: ZoneInfo, weekday: int, hour: int, minute: int, sent_today: bool
) -> None:
    now = datetime.fromtimestamp(seconds, UTC)
    today = now.astimezone(zone).date()
    due = next_digest_at(now, zone, weekday, time(hour, minute), today if sent_today else None)
    local = due.astimezone(zone)
    assert due > now
    assert local.weekday() == weekday
    assert due - now <= timedelta(days=8)  # a week, plus a DST hour and a gap's shift
    if sent_today:
        assert local.date() > today
    if local.replace(tzinfo=None).time() != time(hour, minute):
        # only when the wall time doesn't exist that day (a DST gap)
        wall = datetime.combine(local.date(), time(hour, minute))
        assert (
            wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall
        )


def test_grace_and_names() -> None:
    due = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)
    assert not is_digest_too_late(due, due + timedelta(hours=12))
    assert is_digest_too_late(due, due + timedelta(hours=12, seconds=1))
    assert weekday_name(0) == "Monday" and weekday_name(6) == "Sunday"
    with pytest.raises(ValueError):
        weekday_name(7)
    with pytest.raises(ValueError):
        next_digest_at(due, BERLIN, -1, time(9, 0))
    with pytest.raises(ValueError):
        next_digest_at(due.replace(tzinfo=None), BERLIN, 1, time(9, 0))
