"""Personal rhythm options."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.rhythm import (
    MAX_RHYTHM_DAYS,
    NO_RHYTHM,
    RHYTHM_OPTIONS,
    RhythmOption,
    parse_rhythm,
    rhythm_label,
)


def test_options_in_display_order() -> None:
    assert [(option.days, option.label) for option in RHYTHM_OPTIONS] == [
        (7, "Every week"),
        (14, "Every 2 weeks"),
        (30, "Every month"),
        (None, "No rhythm"),
    ]
    assert NO_RHYTHM.days is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Every week", 7),
        ("weekly", 7),
        ("7", 7),
        ("1 week", 7),
        ("fortnightly", 14),
        ("every 2 weeks", 14),
        ("Every 2 weeks", 14),
        ("monthly", 30),
        ("every month", 30),
        ("10 days", 10),
        ("every 3 weeks", 21),
        ("2 months", 60),
        ("1", 1),
    ],
)
def test_parse_rhythm_reads_days(text: str, days: int) -> None:
    option = parse_rhythm(text)
    assert option is not None and option.days == days


@pytest.mark.parametrize("text", ["No rhythm", "none", "no", "off", "Never."])
def test_parse_rhythm_reads_no_rhythm(text: str) -> None:
    assert parse_rhythm(text) == NO_RHYTHM


@pytest.mark.parametrize("text", ["", "0", "0 days", "366", "sometimes", "every", "Sam"])
def test_parse_rhythm_returns_none_when_not_understood(text: str) -> None:
    assert parse_rhythm(text) is None


def test_labels_for_any_rhythm() -> None:
    assert rhythm_label(7) == "Every week"
    assert rhythm_label(None) == "No rhythm"
    assert rhythm_label(1) == "Every day"
    assert rhythm_label(21) == "Every 3 weeks"
    assert rhythm_label(10) == "Every 10 days"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_RHYTHM_DAYS))
def test_any_day_count_round_trips_through_its_label(days: int) -> None:
    assert parse_rhythm(f"{days} days") == RhythmOption(days, rhythm_label(days))
    option = parse_rhythm(rhythm_label(days).casefold())
    assert option is not None and option.days == days
