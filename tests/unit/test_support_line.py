"""The check-in's support line: at most weekly, after low feelings, long quiet or a signal."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin import SUPPORT_LINE, needs_support_line
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import QuietKind
from bot.domain.support_line import (
    GENTLE_SUPPORT_LINE,
    SIGNAL_WINDOW,
    SUPPORT_LINE_INTERVAL,
    support_line,
)

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
LOW = [1, 2, 1, 2, 1]
FINE = [4, 4, 5, 4, 4]

instants = st.one_of(
    st.none(),
    st.integers(min_value=-30 * 86400, max_value=86400).map(lambda s: NOW + timedelta(seconds=s)),
)
feelings = st.lists(st.integers(min_value=1, max_value=5), max_size=12)


def _all_quiet(days_past: int) -> list[QuietKind]:
    return [
        QuietKind(kind=kind, days_since=days_past + 30, threshold=30) for kind in ConnectionType
    ]


def test_low_feelings_bring_the_usual_line() -> None:
    assert support_line([], LOW, None, None, NOW) == SUPPORT_LINE


def test_long_quiet_everywhere_brings_the_usual_line() -> None:
    assert support_line(_all_quiet(14), FINE, None, None, NOW) == SUPPORT_LINE
    assert support_line(_all_quiet(13), FINE, None, None, NOW) is None


def test_a_recent_signal_brings_the_gentle_line_even_when_all_else_is_fine() -> None:
    assert (
        support_line([], FINE, NOW - timedelta(days=6, hours=23), None, NOW) == GENTLE_SUPPORT_LINE
    )
    assert support_line([], LOW, NOW - timedelta(days=1), None, NOW) == GENTLE_SUPPORT_LINE
    assert support_line([], FINE, NOW - timedelta(days=7), None, NOW) is None


def test_at_most_once_a_week() -> None:
    shown = NOW - timedelta(days=3)
    assert support_line([], LOW, NOW - timedelta(hours=1), shown, NOW) is None
    assert support_line([], LOW, None, NOW - timedelta(days=7), NOW) == SUPPORT_LINE


def test_bad_feelings_are_refused_as_in_checkin() -> None:
    with pytest.raises(ValueError, match="1-5"):
        support_line([], [0, 3], None, NOW, NOW)


@settings(max_examples=200, deadline=None)
@given(feelings, instants, instants)
def test_the_rule(
    recent: list[int], last_signal: datetime | None, last_shown: datetime | None
) -> None:
    line = support_line([], recent, last_signal, last_shown, NOW)
    if last_shown is not None and NOW - last_shown < SUPPORT_LINE_INTERVAL:
        assert line is None
    elif last_signal is not None and NOW - last_signal < SIGNAL_WINDOW:
        assert line == GENTLE_SUPPORT_LINE
    else:
        assert line == (SUPPORT_LINE if needs_support_line([], recent) else None)


@settings(max_examples=100, deadline=None)
@given(feelings, instants, st.lists(st.integers(min_value=0, max_value=40 * 24), max_size=40))
def test_replaying_days_never_shows_it_twice_in_a_week(
    recent: list[int], last_signal: datetime | None, hours: list[int]
) -> None:
    """Check-ins at any hours over 40 days: shown lines are always 7+ days apart."""
    shown: list[datetime] = []
    for offset in sorted(set(hours)):
        now = NOW + timedelta(hours=offset)
        if support_line([], recent, last_signal, shown[-1] if shown else None, now) is not None:
            shown.append(now)
    assert all(b - a >= SUPPORT_LINE_INTERVAL for a, b in itertools.pairwise(shown))
