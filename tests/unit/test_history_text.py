"""/history lines, the person card, the search fold and "what changed" replies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel
from bot.domain.history import (
    MAX_SEARCH_WORDS,
    MomentLine,
    TimelineEntry,
    day_label,
    fold_for_search,
    found_in,
    moment_line,
    names_text,
    rhythm_line,
    search_words,
    timeline_line,
)
from bot.domain.moment_edits import (
    ChannelChanged,
    DayChanged,
    EditProblem,
    FeelingChanged,
    NoteChanged,
    NothingChanged,
    PeopleChanged,
    check_day,
    check_feeling,
    describe_change,
    normalise_note,
    problem_message,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)  # Wednesday


def test_one_line_per_moment() -> None:
    line = MomentLine(datetime(2026, 11, 24, 18, 0, tzinfo=UTC), Channel.CALL, ("Sam",), 4)
    assert moment_line(line, now=NOW, zone=BERLIN) == "Tue 24 Nov · call · Sam · 🙂 4"
    together = MomentLine(
        datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
        Channel.IN_PERSON,
        ("Sam", "Alex", "Priya", "Jo", "Zoë"),
        None,
    )
    # 23:30 UTC is already 1 January in Berlin; another year shows its year.
    assert moment_line(together, now=NOW, zone=BERLIN) == (
        "Thu 1 Jan · in person · Sam, Alex, Priya +2"
    )


def test_the_day_is_the_users_local_day() -> None:
    late = MomentLine(datetime(2026, 11, 24, 23, 30, tzinfo=UTC), Channel.VIDEO, ("Sam",), 5)
    assert moment_line(late, now=NOW, zone=BERLIN).startswith("Wed 25 Nov · video")
    assert moment_line(late, now=NOW, zone=ZoneInfo("America/New_York")).startswith("Tue 24 Nov")


def test_labels() -> None:
    assert day_label(date(2025, 3, 1), date(2026, 1, 2)) == "Sat 1 Mar 2025"
    assert names_text(("Sam",)) == "Sam"
    assert names_text(("Sam", "Alex", "Jo", "Mo")) == "Sam, Alex, Jo +1"


def test_timeline_lines_quote_the_start_of_the_note() -> None:
    entry = TimelineEntry(
        datetime(2026, 11, 20, 12, tzinfo=UTC),
        Channel.MESSAGE,
        2,
        "Talked about the move and what comes after it",
    )
    assert timeline_line(entry, now=NOW, zone=BERLIN) == (
        "Fri 20 Nov · message · 😕 2 · “Talked about the move and…”"
    )
    bare = TimelineEntry(datetime(2026, 11, 20, 12, tzinfo=UTC), Channel.CALL, None, "  ")
    assert timeline_line(bare, now=NOW, zone=BERLIN) == "Fri 20 Nov · call"


@pytest.mark.parametrize(
    ("rhythm", "days_ago", "expected"),
    [
        (14, 9, "every 2 weeks · last: 9 days ago"),
        (7, 9, "every week · last: 9 days ago · due"),
        (None, 1, "no rhythm · last: yesterday"),
        (30, None, "every month · last: nothing logged yet"),
        (10, 0, "every 10 days · last: today"),
    ],
)
def test_rhythm_line(rhythm: int | None, days_ago: int | None, expected: str) -> None:
    last = None if days_ago is None else NOW - timedelta(days=days_ago)
    assert rhythm_line(rhythm, last, now=NOW, zone=BERLIN) == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Priya", ("priya",)),
        ("  ZOË  zoë ", ("zoe",)),
        ("Dîner, chez Amélie!", ("diner", "chez", "amelie")),
        ("ПРИЯ", ("прия",)),
        ("🌻", ("🌻",)),
        ("Straße", ("strasse",)),
        ("...", ()),
    ],
)
def test_search_words_fold_case_and_accents(typed: str, words: tuple[str, ...]) -> None:
    assert search_words(typed) == words


_TEXT = st.text(
    st.characters(categories=("Lu", "Ll", "Lo", "Mn", "Nd", "So", "Zs", "Po")), max_size=25
)


@settings(max_examples=200, deadline=None)
@given(name=_TEXT, before=_TEXT, after=_TEXT)
def test_any_word_of_a_name_or_note_finds_it_however_it_is_typed(
    name: str, before: str, after: str
) -> None:
    """Typing a word in another case finds it, in every script and with emoji."""
    note = f"{before} {name} {after}"
    for word in search_words(name.upper()) + search_words(name.lower()):
        assert found_in(name, None, word)
        assert found_in("Someone", note, word)
    for word in search_words(name):
        assert word in fold_for_search(name)


def test_found_in_names_and_notes() -> None:
    assert found_in("Zoë", None, "zoe")
    assert found_in("Sam", "Dîner chez elle", "diner")
    assert not found_in("Sam", None, "diner")


# ------------------------------------------------------------------ edits


def test_day_rule_is_the_log_rule() -> None:
    today = date(2026, 11, 25)
    assert check_day(today, today) is None
    assert check_day(date(2025, 11, 25), today) is None
    assert check_day(date(2025, 11, 24), today) is EditProblem.TOO_OLD
    assert check_day(date(2026, 11, 26), today) is EditProblem.FUTURE_DAY


def test_feeling_and_note_rules() -> None:
    assert check_feeling(None) is None and check_feeling(5) is None
    assert check_feeling(0) is EditProblem.BAD_FEELING
    assert normalise_note("  hi \n") == "hi"
    assert normalise_note("   ") is None and normalise_note(None) is None
    assert normalise_note("x" * 501) is EditProblem.NOTE_TOO_LONG


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (PeopleChanged(("Alex",), (), ("Sam", "Alex")), "Now with Sam, Alex (added Alex)."),
        (PeopleChanged((), ("Sam",), ("Alex",)), "Now with Alex (took out Sam)."),
        (ChannelChanged(Channel.MESSAGE, Channel.CALL), "Changed to call (was message)."),
        (
            DayChanged(date(2026, 11, 25), date(2026, 11, 24)),
            "Moved to Tue 24 Nov (was Wed 25 Nov).",
        ),
        (FeelingChanged(None, 4), "Feeling now 🙂 Good."),
        (FeelingChanged(4, None), "Feeling cleared."),
        (NoteChanged(None, "Coffee"), "Note added: “Coffee”."),
        (NoteChanged("Coffee", "Tea"), "Note changed to “Tea”."),
        (NoteChanged("Coffee", None), "Note removed."),
        (NothingChanged(), "That was already so — nothing to change."),
    ],
)
def test_what_changed_in_words(change: object, text: str) -> None:
    assert describe_change(change, date(2026, 11, 25)) == text  # type: ignore[arg-type]


def test_every_problem_has_a_friendly_message() -> None:
    for problem in EditProblem:
        assert problem_message(problem).endswith((".", "!"))


def test_a_pasted_paragraph_searches_only_its_first_words() -> None:
    assert search_words(" ".join(f"w{i}" for i in range(50))) == tuple(
        f"w{i}" for i in range(MAX_SEARCH_WORDS)
    )
