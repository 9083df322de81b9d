"""The console's line grammar: what goes to Tend as typed and what the console handles itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.console.commands import (
    MAX_TRAVEL_DAYS,
    Mistake,
    Nothing,
    PressLabel,
    PressNumber,
    Quit,
    RunCheckin,
    SendText,
    ShareLocation,
    ShowHelp,
    TravelDays,
    help_lines,
    parse_line,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/start", SendText("/start")),
        ("  Europe/Berlin  ", SendText("Europe/Berlin")),
        ("/log Sam", SendText("/log Sam")),
        (":)", SendText(":)")),
        (": hello", SendText(": hello")),
        ("3", PressNumber(3, "3")),
        (" 12 ", PressNumber(12, "12")),
        ("1234", SendText("1234")),
        ("7pm", SendText("7pm")),
        (":say 4", SendText("4")),
        (":say :days 2", SendText(":days 2")),
        (":press Call", PressLabel("Call")),
        (":press  Every week ", PressLabel("Every week")),
        (":checkin", RunCheckin()),
        (":CHECKIN", RunCheckin()),
        (":help", ShowHelp()),
        (":quit", Quit()),
        (":q", Quit()),
        (":exit", Quit()),
        (":days 10", TravelDays(10)),
        (":days +3", TravelDays(3)),
        (":location 52.52 13.40", ShareLocation(52.52, 13.40)),
        (":location 52.52, 13.40", ShareLocation(52.52, 13.40)),
        (":location -33.87 151.21", ShareLocation(-33.87, 151.21)),
        ("", Nothing()),
        ("   ", Nothing()),
    ],
)
def test_lines_mean_what_they_say(line: str, expected: object) -> None:
    assert parse_line(line) == expected


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (":days", "e.g. :days 10"),
        (":days ten", "e.g. :days 10"),
        (":days 0", "from 1 to"),
        (":days -2", "from 1 to"),
        (f":days {MAX_TRAVEL_DAYS + 1}", "from 1 to"),
        (":days 1.5", "whole number"),
        (":location", "latitude and a longitude"),
        (":location 52.52", "latitude and a longitude"),
        (":location north south", "latitude and a longitude"),
        (":location nan 13", "latitude and a longitude"),
        (":location 91 13", "Latitude goes from -90 to 90"),
        (":location 52 181", "Longitude goes from -180 to 180"),
        (":say", ":say 7"),
        (":press", ":press Call"),
        (":dayz 3", "no console command :dayz"),
    ],
)
def test_mistyped_commands_are_explained_not_sent(line: str, hint: str) -> None:
    result = parse_line(line)
    assert isinstance(result, Mistake)
    assert hint in result.message


@settings(max_examples=150, deadline=None)
@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_every_valid_coordinate_is_shared_exactly(latitude: float, longitude: float) -> None:
    assert parse_line(f":location {latitude!r} {longitude!r}") == ShareLocation(latitude, longitude)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_TRAVEL_DAYS))
def test_every_day_count_in_range_travels(days: int) -> None:
    assert parse_line(f":days {days}") == TravelDays(days)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_line_without_a_leading_colon_or_bare_number_is_sent_as_typed(text: str) -> None:
    stripped = text.strip()
    result = parse_line(text)
    if not stripped:
        assert result == Nothing()
    elif stripped.startswith(":") or (stripped.isascii() and stripped.isdigit()):
        assert not isinstance(result, Nothing)
    else:
        assert result == SendText(stripped)


def test_help_fits_80_columns_and_names_every_command() -> None:
    lines = help_lines()
    assert all(len(line) <= 78 for line in lines)
    text = "\n".join(lines)
    for command in (":location", ":press", ":say", ":checkin", ":days", ":help", ":quit"):
        assert command in text
