"""Unfinished logs: which question comes next, what counts as an answer, and storage round trips."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel
from bot.domain.contact_menu import ContactActivity, clamp_page, page_count, rank_for_menu
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import (
    DRAFT_TIMEOUT,
    DraftPerson,
    LogDraft,
    LogStep,
    PendingName,
    QueuedName,
    advance,
    answers_so_far,
    is_stale,
    next_step,
    with_whom,
)
from bot.domain.log_input import (
    NoteTooLong,
    clean_note,
    is_done,
    is_skip,
    is_yes,
    parse_kind,
    split_names,
)
from storage.log_drafts import draft_from_json, draft_to_json

SAM = DraftPerson("Sam", ConnectionType.INTIMATE, 1)
CHOIR = DraftPerson("Choir", ConnectionType.COLLECTIVE, 2)


def test_questions_follow_the_issue_order() -> None:
    draft = LogDraft()
    assert next_step(draft) is LogStep.WHO
    draft = draft.with_person(SAM)
    assert next_step(draft) is LogStep.HOW
    draft = replace(draft, channel=Channel.CALL)
    assert next_step(draft) is LogStep.WHEN
    draft = replace(draft, day=date(2026, 11, 26))
    assert next_step(draft) is LogStep.FEELING
    draft = replace(draft, feeling=None, feeling_answered=True)
    assert next_step(draft) is LogStep.NOTE
    assert next_step(replace(draft, note_answered=True)) is None


def test_name_decisions_come_first() -> None:
    draft = LogDraft(pending=PendingName("alx", "suggest", (3,)))
    assert next_step(draft) is LogStep.CONFIRM
    assert next_step(replace(draft, pending=PendingName("Zed", "none"))) is LogStep.KIND
    assert next_step(LogDraft(naming="person")) is LogStep.NEW_NAME
    assert next_step(LogDraft(people=(SAM,), adding=True)) is LogStep.WHO


def test_quick_logs_skip_the_optional_questions() -> None:
    draft = LogDraft(people=(SAM,), channel=Channel.CALL, day=date(2026, 11, 26), quick=True)
    assert next_step(draft) is None


def test_groups_default_to_in_person_unless_the_user_asked() -> None:
    draft, step = advance(LogDraft(people=(CHOIR,)))
    assert (draft.channel, draft.channel_defaulted, step) == (Channel.IN_PERSON, True, LogStep.WHEN)
    draft, step = advance(LogDraft(people=(CHOIR,), channel_wanted=True))
    assert (draft.channel, step) == (None, LogStep.HOW)
    draft, step = advance(LogDraft(people=(CHOIR, SAM)))
    assert (draft.channel, step) == (None, LogStep.HOW)


def test_a_person_is_added_once_by_id_or_by_name_case() -> None:
    draft = LogDraft().with_person(SAM).with_person(SAM)
    draft = draft.with_person(DraftPerson("sam", ConnectionType.RELATIONAL))
    assert draft.people == (SAM,)
    assert draft.includes(contact_id=1) and draft.includes(name="SAM")


def test_has_answers() -> None:
    assert not LogDraft().has_answers
    assert not LogDraft(channel=Channel.IN_PERSON, channel_defaulted=True).has_answers
    assert LogDraft(people=(SAM,)).has_answers
    assert LogDraft(queue=(QueuedName("Sam"),)).has_answers
    assert LogDraft(day=date(2026, 1, 1)).has_answers


def test_staleness_is_fifteen_minutes() -> None:
    touched = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert not is_stale(touched, touched + DRAFT_TIMEOUT - timedelta(seconds=1))
    assert is_stale(touched, touched + DRAFT_TIMEOUT)


def test_describing_a_draft() -> None:
    draft = LogDraft(people=(SAM, CHOIR), channel=Channel.CALL, day=date(2026, 11, 26), feeling=4)
    assert with_whom(draft) == " with Sam and Choir"
    assert with_whom(LogDraft()) == ""
    assert answers_so_far(draft, date(2026, 11, 27)) == "Sam and Choir · call · yesterday · 🙂 Good"


_names = st.text(min_size=1, max_size=20)
any_draft = st.builds(
    LogDraft,
    people=st.lists(
        st.builds(
            DraftPerson,
            name=_names,
            kind=st.sampled_from(list(ConnectionType)),
            contact_id=st.none() | st.integers(1, 10**9),
        ),
        max_size=4,
    ).map(tuple),
    pending=st.none()
    | st.builds(
        PendingName,
        name=_names,
        match=st.sampled_from(["suggest", "ambiguous", "none"]),
        candidates=st.lists(st.integers(1, 10**6), max_size=3).map(tuple),
        group=st.booleans(),
    ),
    queue=st.lists(st.builds(QueuedName, name=_names, group=st.booleans()), max_size=3).map(tuple),
    naming=st.sampled_from([None, "person", "group"]),
    adding=st.booleans(),
    channel=st.none() | st.sampled_from(list(Channel)),
    channel_defaulted=st.booleans(),
    channel_wanted=st.booleans(),
    day=st.none() | st.dates(),
    feeling=st.none() | st.integers(1, 5),
    feeling_answered=st.booleans(),
    note=st.none() | st.text(max_size=500),
    note_answered=st.booleans(),
    quick=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(any_draft)
def test_drafts_survive_storage_unchanged(draft: LogDraft) -> None:
    assert draft_from_json(draft_to_json(draft)) == draft


@pytest.mark.parametrize(
    "bad",
    ["[]", '{"people": [{"name": "x", "kind": "stranger"}]}', '{"feeling": 9}', '{"naming": 1}'],
)
def test_unreadable_drafts_are_refused(bad: str) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        draft_from_json(bad)


# ------------------------------------------------------------------------------ menu ranking


def _activity(contact_id: int, days_ago: int | None, count: int) -> ContactActivity:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    return ContactActivity(
        contact_id=contact_id,
        name=f"P{contact_id}",
        kind=ConnectionType.RELATIONAL,
        last_at=None if days_ago is None else now - timedelta(days=days_ago),
        recent_count=count,
        created_at=now - timedelta(days=contact_id),
    )


def test_menu_mixes_most_recent_and_most_frequent() -> None:
    contacts = [_activity(n, n, 1) for n in range(1, 12)] + [_activity(50, 60, 30)]
    ranked = [c.contact_id for c in rank_for_menu(contacts)]
    assert ranked[:2] == [1, 50]
    assert len(ranked) == 8


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.none() | st.integers(0, 300), st.integers(0, 50)), max_size=40).map(
        lambda rows: [_activity(i + 1, days, count) for i, (days, count) in enumerate(rows)]
    )
)
def test_menu_is_at_most_eight_distinct_contacts(contacts: list[ContactActivity]) -> None:
    ranked = rank_for_menu(contacts)
    ids = [c.contact_id for c in ranked]
    assert len(ids) == len(set(ids)) == min(8, len(contacts))
    logged = [c for c in contacts if c.last_at is not None]
    if logged:
        most_recent = min(logged, key=lambda c: (-c.last_at.timestamp(), c.name))  # type: ignore[union-attr]
        assert most_recent.contact_id == ids[0]


@pytest.mark.parametrize(
    ("total", "pages"), [(0, 1), (1, 1), (8, 1), (9, 2), (16, 2), (17, 3), (500, 63)]
)
def test_paging(total: int, pages: int) -> None:
    assert page_count(total) == pages
    assert clamp_page(99, total) == pages - 1
    assert clamp_page(-3, total) == 0


# ------------------------------------------------------------------------------ typed answers


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("intimate", ConnectionType.INTIMATE),
        ("1", ConnectionType.INTIMATE),
        ("Family", ConnectionType.INTIMATE),
        ("relational", ConnectionType.RELATIONAL),
        (" 2 ", ConnectionType.RELATIONAL),
        ("a friend", None),
        ("friend", ConnectionType.RELATIONAL),
        ("Collective · a club, team, faith group, volunteering", ConnectionType.COLLECTIVE),
        ("club", ConnectionType.COLLECTIVE),
        ("whatever", None),
    ],
)
def test_parse_kind(text: str, kind: ConnectionType | None) -> None:
    assert parse_kind(text) is kind


def test_small_words() -> None:
    assert is_yes("Yes!") and is_yes("yep") and not is_yes("yesterday")
    assert is_skip("Skip") and is_skip("no thanks") and not is_skip("skipping stones")
    assert is_done("That’s everyone") and is_done("done") and not is_done("Sam")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sam", ("Sam",)),
        ("Sam and Alex", ("Sam", "Alex")),
        ("Sam, Alex & Jo", ("Sam", "Alex", "Jo")),
        ("Alexandra", ("Alexandra",)),
        ("Sandy", ("Sandy",)),
    ],
)
def test_split_names(text: str, names: tuple[str, ...]) -> None:
    assert split_names(text) == names


def test_notes_are_trimmed_and_capped() -> None:
    assert clean_note("  lovely\r\nchat \x07 ") == "lovely\nchat"
    assert clean_note("é" * 500) == "é" * 500
    with pytest.raises(NoteTooLong) as problem:
        clean_note("x" * 501)
    assert problem.value.length == 501
    assert clean_note("👩🏽‍💻 with Sam") == "👩🏽‍💻 with Sam"
