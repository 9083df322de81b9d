"""Whom the struggling answer names, which small idea it offers, and what it says is kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalogue import Effort
from bot.domain.distress_answers import person_to_name, small_collective_idea
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState
from bot.domain.safety_replies import kept_sentence, struggling_reply
from bot.domain.suggestions import load_catalogue

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType


def person(
    contact_id: int,
    name: str,
    kind: ConnectionType = RELATIONAL,
    *,
    seen_days_ago: int | None = None,
    rhythm: int | None = None,
) -> ContactState:
    seen = NOW - timedelta(days=seen_days_ago) if seen_days_ago is not None else None
    return ContactState(contact_id, name, kind, rhythm, seen, NOW - timedelta(days=100))


def test_the_most_overdue_person_is_named_first() -> None:
    contacts = [
        person(1, "Sam", seen_days_ago=60),
        person(2, "Jo", seen_days_ago=20, rhythm=7),
        person(3, "Ana", INTIMATE, seen_days_ago=10, rhythm=2),
    ]
    assert person_to_name(contacts, NOW, BERLIN) == "Ana"  # 5x their rhythm beats Jo's 3x


def test_without_anyone_overdue_the_one_seen_longest_ago_is_named() -> None:
    contacts = [
        person(1, "Sam", seen_days_ago=3),
        person(2, "Jo", seen_days_ago=40),
        person(3, "Never", seen_days_ago=None),  # added 100 days ago, never logged
    ]
    assert person_to_name(contacts, NOW, BERLIN) == "Never"
    assert person_to_name(contacts[:2], NOW, BERLIN) == "Jo"


def test_groups_are_never_named_and_nobody_gives_none() -> None:
    assert person_to_name([person(1, "Choir", COLLECTIVE, seen_days_ago=90)], NOW, BERLIN) is None
    assert person_to_name([], NOW, BERLIN) is None


@settings(max_examples=100, deadline=None)
@given(
    user_id=st.integers(min_value=1, max_value=2**40),
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
)
def test_the_small_idea_is_a_two_minute_collective_one_and_stable_all_day(
    user_id: int, day: date
) -> None:
    catalogue = load_catalogue()
    idea = small_collective_idea(catalogue, user_id, day)
    assert idea is not None and idea == small_collective_idea(catalogue, user_id, day)
    source = next(s for s in catalogue if s.text[1:] == idea[1:])
    assert COLLECTIVE in source.kinds and source.effort is Effort.TWO_MINUTES
    assert not source.unsuited and not source.requires and not source.has_name_slot
    reply = struggling_reply(None, idea)
    assert idea in reply and "/support" in reply


def test_no_fitting_idea_leaves_the_default() -> None:
    assert small_collective_idea([], 1, NOW.date()) is None


def test_the_kept_sentence_names_a_log_or_speaks_generally() -> None:
    assert kept_sentence(" with Sam") == "Your log with Sam is still here when you want it."
    assert kept_sentence("") == "Your log is still here when you want it."
    assert "saved" in kept_sentence()
