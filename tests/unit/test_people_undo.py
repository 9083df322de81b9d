"""/people's and /undo's pure parts: stored questions, reading answers, pages and buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.callbacks import CallbackData
from bot.domain.channels import Channel
from bot.domain.conversation import BadState
from bot.domain.kinds import ConnectionType
from bot.domain.people_buttons import PeopleKind, PeopleList, PeopleRhythm, list_rows, question_rows
from bot.domain.people_edit import (
    AskAgain,
    Delete,
    PeopleEdit,
    PeopleStep,
    Rename,
    SetKind,
    SetRhythm,
    changed_text,
    deleted_text,
    is_rhythm,
    read_answer,
)
from bot.domain.people_pages import card_text, list_page
from bot.domain.undo import UndoQuestion, describe_moment, read_confirmation

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class _Contact:
    id: int
    name: str
    kind: ConnectionType = ConnectionType.RELATIONAL
    archived: bool = False
    rhythm_days: int | None = None


@dataclass(frozen=True)
class _Listed:
    contact: _Contact
    last_at: datetime | None = None


@dataclass(frozen=True)
class _Line:
    occurred_at: datetime
    channel: Channel
    feeling: int | None = None
    note: str | None = None


# ------------------------------------------------------------------------------ stored state


@given(
    st.sampled_from(PeopleStep),
    st.integers(min_value=1, max_value=2**62),
    st.text(min_size=1, max_size=64),
    st.integers(min_value=0, max_value=1000),
)
@settings(max_examples=150, deadline=None)
def test_people_edit_round_trips(step: PeopleStep, contact: int, name: str, page: int) -> None:
    edit = PeopleEdit(step, contact, name, page)
    assert PeopleEdit.from_json(str(edit.step), edit.to_json()) == edit
    assert name in edit.hint()


@pytest.mark.parametrize(
    ("step", "payload"),
    [
        ("nope", '{"contact": 1, "name": "Sam", "page": 0}'),
        ("rename", "[]"),
        ("rename", '{"contact": "1", "name": "Sam", "page": 0}'),
        ("kind", '{"contact": 1, "page": 0}'),
    ],
)
def test_unreadable_people_rows_are_refused(step: str, payload: str) -> None:
    with pytest.raises(BadState):
        PeopleEdit.from_json(step, payload)


@given(st.integers(min_value=1, max_value=2**62))
def test_undo_question_round_trips(moment: int) -> None:
    question = UndoQuestion(moment)
    assert UndoQuestion.from_json(str(question.step), question.to_json()) == question


@pytest.mark.parametrize(
    ("step", "payload"),
    [("confirm", "{}"), ("confirm", '{"moment": true}'), ("x", '{"moment": 1}')],
)
def test_unreadable_undo_rows_are_refused(step: str, payload: str) -> None:
    with pytest.raises(BadState):
        UndoQuestion.from_json(step, payload)


# ------------------------------------------------------------------------------ answers


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (PeopleStep.RENAME, "  Samuel ", Rename("Samuel")),
        (PeopleStep.KIND, "collective", SetKind(ConnectionType.COLLECTIVE)),
        (PeopleStep.RHYTHM, "every 10 days", SetRhythm(10)),
        (PeopleStep.RHYTHM, "no rhythm", SetRhythm(None)),
        (PeopleStep.DELETE, "yes", Delete(confirmed=True)),
        (PeopleStep.DELETE, "delete them", Delete(confirmed=True)),
        (PeopleStep.DELETE, "keep", Delete(confirmed=False)),
        (PeopleStep.DELETE, "no", Delete(confirmed=False)),
    ],
)
def test_read_answer(step: PeopleStep, text: str, expected: object) -> None:
    assert read_answer(step, text, "Sam") == expected


@pytest.mark.parametrize(
    ("step", "text", "reply"),
    [
        (PeopleStep.RENAME, "x" * 70, "Or /cancel to keep Sam."),
        (PeopleStep.KIND, "a group", "Type intimate, relational or collective"),
        (PeopleStep.RHYTHM, "sometimes", "every 10 days"),
        (PeopleStep.DELETE, "maybe", "Type yes to delete Sam, or no to keep them."),
    ],
)
def test_what_is_not_understood_asks_again(step: PeopleStep, text: str, reply: str) -> None:
    answer = read_answer(step, text, "Sam")
    assert isinstance(answer, AskAgain) and reply in answer.reply


def test_changed_and_deleted_texts() -> None:
    relational = ConnectionType.RELATIONAL
    assert changed_text("Sam", relational, Rename("Samuel")) == "Done: Sam is now Samuel."
    assert changed_text("Sam", relational, Rename("Sam")) == "Nothing to change."
    assert changed_text("Sam", relational, SetKind(relational)) == "Sam is already relational."
    assert changed_text("Sam", relational, SetRhythm(14)) == "Rhythm for Sam: every 2 weeks."
    assert changed_text("Sam", relational, SetRhythm(None)) == "No rhythm for Sam."
    assert changed_text("Sam", relational, Delete(confirmed=False)) == "Kept."
    assert deleted_text("Sam", 3) == "Deleted Sam and 3 logged connections."
    assert deleted_text("Sam", 1) == "Deleted Sam and 1 logged connection."
    assert deleted_text("Sam", None) == "Sam was already deleted."


@given(st.integers(min_value=-(10**6), max_value=10**6) | st.none())
def test_only_real_rhythms_are_accepted_from_buttons(days: int | None) -> None:
    assert is_rhythm(days) == (days is None or 1 <= days <= 365)


@pytest.mark.parametrize(
    ("text", "remove"),
    [("yes", True), ("remove it", True), ("no", False), ("keep it", False), ("maybe", None)],
)
def test_read_confirmation(text: str, remove: bool | None) -> None:
    assert read_confirmation(text) is remove


# ------------------------------------------------------------------------------ pages, buttons


@given(st.integers(min_value=0, max_value=40), st.integers(min_value=-5, max_value=10))
@settings(max_examples=100, deadline=None)
def test_every_contact_is_on_exactly_one_page(total: int, asked: int) -> None:
    items = [_Listed(_Contact(n, f"Friend {n:02d}")) for n in range(total)]
    seen: list[int] = []
    for page in range(6):
        shown = list_page(items, page, False, NOW, BERLIN)
        if shown.page == page:
            seen += [contact.id for contact in shown.shown]
    assert seen == list(range(total))
    clamped = list_page(items, asked, False, NOW, BERLIN)
    assert 0 <= clamped.page <= max(0, (total - 1) // 8)
    labels = [label for row in list_rows(clamped, False) for label, _ in row]
    assert ("Next ›" in labels) == clamped.has_next
    assert ("‹ Previous" in labels) == clamped.has_previous


def test_list_groups_by_kind_and_hides_the_drifted() -> None:
    items = [
        _Listed(_Contact(1, "Alex"), NOW - timedelta(days=21)),
        _Listed(_Contact(2, "Mum", ConnectionType.INTIMATE, rhythm_days=7), NOW),
        _Listed(_Contact(3, "Old Friend", archived=True)),
    ]
    shown = list_page(items, 0, False, NOW, BERLIN)
    assert shown.text.splitlines()[:6] == [
        "Your people and groups (2)",
        "",
        "Intimate",
        "• Mum — today · every week",
        "",
        "Relational",
    ]
    rows = list_rows(shown, False)
    assert [label for row in rows for label, _ in row] == ["Mum", "Alex", "Drifted (1)"]
    assert rows[-1][0][1] == PeopleList(0, True)


def test_card_shows_history_newest_first_with_clipped_notes() -> None:
    sam = _Contact(5, "Sam", ConnectionType.INTIMATE, rhythm_days=14)
    history = [
        _Line(NOW - timedelta(days=1), Channel.CALL, 4, "x" * 300),
        _Line(NOW - timedelta(days=400), Channel.IN_PERSON),
    ]
    text = card_text(sam, history, NOW, BERLIN, intro="Kept.")
    lines = text.splitlines()
    assert lines[:4] == ["Kept.", "", "Sam", "Intimate · every 2 weeks · last: yesterday"]
    assert any(line.endswith("…”") and len(line) < 80 for line in lines)
    assert card_text(_Contact(6, "Jo"), [], NOW, BERLIN).endswith("last: nothing logged yet")


def _data(rows: list[list[tuple[str, CallbackData]]]) -> list[CallbackData]:
    return [data for row in rows for _, data in row]


def test_question_buttons_tick_the_current_value() -> None:
    sam = _Contact(5, "Sam", ConnectionType.INTIMATE, rhythm_days=14)
    kinds = question_rows(PeopleStep.KIND, sam, 2)
    assert [row[0][0].startswith("✓ ") for row in kinds[:3]] == [True, False, False]
    assert PeopleKind(5, ConnectionType.COLLECTIVE, 2) in _data([list(r) for r in kinds])
    rhythms = question_rows(PeopleStep.RHYTHM, sam, 2)
    assert [label for row in rhythms for label, _ in row][:2] == ["Every week", "✓ Every 2 weeks"]
    assert PeopleRhythm(5, None, 2) in _data([list(r) for r in rhythms])


def test_describe_moment_uses_the_users_days() -> None:
    @dataclass(frozen=True)
    class Person:
        name: str

    @dataclass(frozen=True)
    class Moment:
        channel: Channel
        occurred_at: datetime
        people: tuple[Person, ...]

    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # 00:30 on the 25th in Berlin
    moment = Moment(Channel.CALL, late, (Person("Sam"), Person("Alex")))
    assert describe_moment(moment, NOW, BERLIN) == "call with Sam and Alex today"
