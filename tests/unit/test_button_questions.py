"""Pure state and rules behind /delete, /digest and /pause (no Telegram, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.conversation import BadState
from bot.domain.data_rights import (
    CONFIRM_BUTTON_LIFETIME,
    DeleteConfirmation,
    describe_rows,
    is_fresh,
    last_check,
)
from bot.domain.digest_choice import DigestChoice, day_label, first_digest, picked
from bot.domain.help import help_text
from bot.domain.pausing import CheckinAction, answer_text, parse_pause_days

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_delete_confirmation_round_trips_and_refuses_what_it_cannot_read() -> None:
    state = DeleteConfirmation(1_790_000_000)
    assert DeleteConfirmation.from_json(str(state.step), state.to_json()) == state
    for step, payload in (("confirm", "{}"), ("confirm", '{"asked_at": "1"}'), ("ask", "{}")):
        with pytest.raises(BadState):
            DeleteConfirmation.from_json(step, payload)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=-3600, max_value=3600))
def test_a_confirmation_is_fresh_only_within_its_lifetime(age: int) -> None:
    shown = int(NOW.timestamp()) - age
    expected = -60 <= age <= CONFIRM_BUTTON_LIFETIME.total_seconds()
    assert is_fresh(shown, NOW, CONFIRM_BUTTON_LIFETIME) is expected


def test_the_open_question_is_deleted_but_never_listed_as_data() -> None:
    rows = describe_rows({"users": 1, "conversations": 1, "contacts": 2}, "UTC", time(8, 0))
    assert rows == ["• your settings (time zone UTC, check-ins at 08:00)", "• 2 people and groups"]
    assert last_check({"contacts": 1}, None, None).endswith("I can't bring it back.")


def test_digest_choice_round_trips_and_labels_tick_the_current_day() -> None:
    assert DigestChoice.from_json("day", "{}") == DigestChoice()
    with pytest.raises(BadState):
        DigestChoice.from_json("week", "{}")
    assert (day_label(2, 2), day_label(None, 2), day_label(None, None)) == ("✓ Wed", "Off", "✓ Off")
    assert picked(None) == "Weekly digest off." and picked(0) == "Weekly digest on: Mondays."
    assert first_digest(None, NOW, "Europe/Berlin", time(19, 30), None) is None
    wednesday = first_digest(2, NOW, "Europe/Berlin", time(19, 30), None)
    assert wednesday == datetime(2026, 11, 25, 18, 30, tzinfo=UTC)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=4), st.integers(-5, 400).map(str)), max_size=2))
def test_pause_days_are_a_whole_number_in_range_or_refused(args: list[str]) -> None:
    fits = len(args) == 1 and args[0].isdecimal() and 1 <= int(args[0]) <= 365
    try:
        days = parse_pause_days(args, 365)
    except ValueError:
        assert args and not fits
        return
    assert days is None if not args else (fits and days == int(args[0]))


def test_answers_to_check_in_buttons_and_help() -> None:
    assert answer_text(CheckinAction.SNOOZE, 1, "Next: Friday.").startswith("Snoozed for 1 day.")
    assert "rest is fine" in answer_text(CheckinAction.NOT_TODAY, 0, "Next: tomorrow.")
    assert help_text([("log", "Log it")], "Carry on.").endswith("/log — Log it\n\nCarry on.")
    assert timedelta(minutes=5) == CONFIRM_BUTTON_LIFETIME
