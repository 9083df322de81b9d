"""The words around a saved log: the moment in a phrase, and the line of context after it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType
from bot.domain.log_context import (
    Connection,
    context_line,
    describe_day,
    join_names,
    moment_phrase,
    short_date,
    since_phrase,
)

BERLIN = ZoneInfo("Europe/Berlin")
INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType
FRIDAY_NOON = datetime(2026, 11, 27, 12, tzinfo=BERLIN)  # Friday 27 November 2026


def at(day: int, hour: int = 18, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def line(saved: list[Connection], history: list[Connection], now: datetime = FRIDAY_NOON) -> str:
    return context_line(saved, history, now.astimezone(UTC), BERLIN)


# ------------------------------------------------------------------------------ phrases


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Sam"], "Sam"),
        (["Sam", "Alex"], "Sam and Alex"),
        (["Sam", "Alex", "Jo"], "Sam, Alex and Jo"),
        (["Sam", "Alex", "Jo", "Priya"], "Sam, Alex, Jo and Priya"),
        (["A", "B", "C", "D", "E", "F"], "A, B, C and 3 others"),
    ],
)
def test_join_names(names: list[str], expected: str) -> None:
    assert join_names(names) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), "today"),
        (date(2026, 11, 26), "yesterday"),
        (date(2026, 11, 24), "on Tuesday"),
        (date(2026, 11, 21), "on Saturday"),
        (date(2026, 11, 20), "on 20 November"),
        (date(2025, 12, 1), "on 1 December 2025"),
    ],
)
def test_describe_day(day: date, expected: str) -> None:
    assert describe_day(day, date(2026, 11, 27)) == expected


def test_moment_phrase_matches_the_issue() -> None:
    today = date(2026, 11, 27)
    assert moment_phrase(Channel.CALL, ["Sam"], date(2026, 11, 26), today) == (
        "call with Sam yesterday"
    )
    assert moment_phrase(Channel.IN_PERSON, ["Sam", "Alex"], today, today) == (
        "time in person with Sam and Alex today"
    )


def test_short_date() -> None:
    assert short_date(date(2026, 11, 24), date(2026, 11, 27)) == "Tue 24 Nov"
    assert short_date(date(2025, 11, 24), date(2026, 11, 27)) == "Mon 24 Nov 2025"


# ------------------------------------------------------------------------------ context line


def test_the_example_from_the_issue() -> None:
    history = [Connection(at(24), INTIMATE), Connection(at(25), RELATIONAL)]
    saved = [Connection(at(26, 12), INTIMATE)]
    assert line(saved, history) == (
        "That's 3 connections in the last 7 days, your first intimate one since Tuesday."
    )


def test_first_ever_log() -> None:
    assert line([Connection(at(27), INTIMATE)], []) == "That's the first one you've logged here."
    two = [Connection(at(27), INTIMATE), Connection(at(27), RELATIONAL)]
    assert line(two, []) == "That's 2 connections in the last 7 days, the first you've logged here."


def test_first_of_the_week_and_first_of_its_kind() -> None:
    history = [Connection(at(19), RELATIONAL)]  # eight days back: outside the last 7 days
    assert line([Connection(at(27), COLLECTIVE)], history) == (
        "That's your first connection in the last 7 days, your first collective one so far."
    )


def test_a_kind_seen_yesterday_is_not_news() -> None:
    history = [Connection(at(26), INTIMATE)]
    saved = [Connection(at(27, 11), INTIMATE)]
    assert line(saved, history) == "That's 2 connections in the last 7 days."


def test_the_longest_quiet_kind_is_the_one_named() -> None:
    history = [Connection(at(24), INTIMATE), Connection(at(1), RELATIONAL)]
    saved = [Connection(at(27, 11), INTIMATE), Connection(at(27, 11), RELATIONAL)]
    assert line(saved, history) == (
        "That's 3 connections in the last 7 days, your first relational one since 1 November."
    )


def test_a_backfilled_day_counts_its_own_week_and_skips_kinds_seen_later() -> None:
    history = [Connection(at(12), INTIMATE), Connection(at(24), INTIMATE)]
    saved = [Connection(at(17, 12), INTIMATE)]  # ten days back, logged late
    assert line(saved, history) == "That's 2 connections in the 7 days up to then."


def test_week_means_the_last_7_days_not_the_calendar_week() -> None:
    """Issue #11 item 13: /summary's Week is the last 7 days; the Saved line now agrees."""
    history = [Connection(at(22), RELATIONAL)]  # Sunday 22 Nov: last calendar week, 5 days back
    assert line([Connection(at(27), RELATIONAL)], history) == (
        "That's 2 connections in the last 7 days, your first relational one since Sunday."
    )


@settings(max_examples=150, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=400 * 24), max_size=30),
    kinds=st.lists(st.sampled_from(list(ConnectionType)), min_size=30, max_size=30),
    saved_back=st.integers(min_value=0, max_value=365 * 24),
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Pacific/Chatham", "UTC"]),
)
def test_context_line_is_always_one_short_sentence(
    offsets: list[int], kinds: list[ConnectionType], saved_back: int, zone: str
) -> None:
    now = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night Europe changes its clocks
    history = [
        Connection(now - timedelta(hours=hours), kind)
        for hours, kind in zip(offsets, kinds, strict=False)
    ]
    saved = [Connection(now - timedelta(hours=saved_back), kinds[0])]
    text = context_line(saved, history, now, ZoneInfo(zone))
    assert text.startswith("That")
    assert text.endswith(".") and text.count(".") == 1
    assert len(text) < 120
    if not history:
        assert "first one you've logged" in text


# ------------------------------------------------------------------------------ since


@pytest.mark.parametrize(
    ("back", "expected"),
    [
        (timedelta(hours=1), "today"),
        (timedelta(days=1), "yesterday"),
        (timedelta(days=5), "5 days ago"),
        (timedelta(days=21), "3 weeks ago"),
        (timedelta(days=95), "3 months ago"),
        (timedelta(days=400), "over a year ago"),
    ],
)
def test_since_phrase(back: timedelta, expected: str) -> None:
    now = FRIDAY_NOON.astimezone(UTC)
    assert since_phrase(now - back, now, BERLIN) == expected


def test_since_phrase_counts_local_days() -> None:
    now = datetime(2026, 11, 27, 0, 10, tzinfo=BERLIN).astimezone(UTC)
    assert since_phrase(now - timedelta(minutes=20), now, BERLIN) == "yesterday"
    assert since_phrase(None, now, BERLIN) == "nothing logged yet"
    assert since_phrase(now + timedelta(hours=3), now, BERLIN) == "today"  # clock skew
