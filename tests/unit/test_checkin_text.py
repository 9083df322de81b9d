"""The check-in's words: built from the user's data, warm, and gentle about support."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin import (
    SUPPORT_LINE,
    SUPPORT_TEXT,
    CheckinFrequency,
    CheckinMessage,
    compose_checkin,
    needs_support_line,
    opening_templates,
    should_send,
)
from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import ContactState, OverdueContact, QuietKind
from bot.domain.suggestions import ChosenSuggestion, Strategy
from bot.domain.support_line import support_line

INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2024, 6, 20, 17, tzinfo=UTC)  # 19:00 in Berlin
GREETINGS = {
    "Did you connect with anyone today?",
    "Who did you connect with today? A quick message counts.",
    "Any time with people today, even a short chat?",
    "Did you catch up with anyone today?",
}
_KIND_WORDS = {
    INTIMATE: ("someone close", "closest to you"),
    RELATIONAL: ("friend",),
    COLLECTIVE: ("group",),
}
IDEA = ChosenSuggestion(
    suggestion_id="two-line-message",
    strategy=Strategy.REACH_OUT,
    text="Send Sam a two-line message about something that made you think of them.",
    kind=INTIMATE,
    contact_id=1,
)


def quiet(kind: ConnectionType, days: int, *, never_logged: bool = False) -> QuietKind:
    return QuietKind(kind, days, DEFAULT_QUIET_DAYS[kind], never_logged)


def long_quiet_everywhere(extra: int) -> list[QuietKind]:
    return [quiet(kind, DEFAULT_QUIET_DAYS[kind] + extra) for kind in ConnectionType]


def seen(contact_id: int, name: str, at: datetime | None) -> ContactState:
    return ContactState(contact_id, name, INTIMATE, None, at, NOW - timedelta(days=90))


def compose(
    *,
    quiet_kinds: Sequence[QuietKind] = (),
    overdue: Sequence[OverdueContact] = (),
    suggestion: ChosenSuggestion | None = None,
    contacts: Sequence[ContactState] = (),
    feelings: Sequence[int] = (),
    seed: int = 0,
) -> CheckinMessage:
    return compose_checkin(
        quiet=quiet_kinds,
        overdue=overdue,
        suggestion=suggestion,
        contacts=contacts,
        support=support_line(quiet_kinds, feelings, None, None, NOW),
        now=NOW,
        zone=BERLIN,
        rng=random.Random(seed),
    )


# --- nothing quiet ------------------------------------------------------------------------------


def test_nothing_quiet_is_one_warm_question_that_varies_with_the_rng() -> None:
    texts = {compose(seed=seed).text for seed in range(40)}
    assert texts <= GREETINGS
    assert len(texts) >= 3
    assert compose(seed=5) == compose(seed=5)
    message = compose()
    assert message.suggestion is None
    assert message.quiet == ()
    assert not message.support_line


def _split_first(text: str) -> tuple[str, str]:
    first, _, rest = text.partition(". ")
    return first + ".", rest


def test_nothing_quiet_mentions_who_was_seen_most_recently() -> None:
    contacts = [
        seen(1, "Sam", NOW - timedelta(days=3)),
        seen(2, "Priya", NOW - timedelta(days=1)),
        seen(3, "Never Logged", None),
    ]
    message = compose(contacts=contacts)
    first, rest = _split_first(message.text)
    assert first in {
        "You last logged time with Priya yesterday.",
        "Nice to see time with Priya yesterday in your log.",
    }
    assert rest in GREETINGS
    assert message.named_contacts == {2}

    older = compose(contacts=contacts[:1]).text
    assert "Sam 3 days ago" in older

    today = compose(contacts=[seen(1, "Sam", NOW - timedelta(hours=2))]).text
    assert today in {
        "You've already logged time with Sam today. Anyone else?",
        "Sam is already in today's log. Anyone else?",
    }


def test_days_for_the_last_seen_person_are_local_calendar_days() -> None:
    # 23:30 Berlin on the 19th is "yesterday" at 19:00 on the 20th, though under 24 h ago.
    late_last_night = datetime(2024, 6, 19, 23, 30, tzinfo=BERLIN)
    text = compose(contacts=[seen(1, "Sam", late_last_night)]).text
    assert "time with Sam yesterday" in text


def test_nothing_quiet_can_carry_a_light_idea_softly() -> None:
    text = compose(suggestion=IDEA).text
    greeting, idea = text.split("\n\n")
    assert greeting in GREETINGS
    assert idea.endswith(IDEA.text)
    assert idea.startswith(("A small idea, if you fancy it: ", "Something small, if you like: "))


# --- something quiet ----------------------------------------------------------------------------


def test_quiet_kind_is_named_with_how_long() -> None:
    message = compose(quiet_kinds=[quiet(COLLECTIVE, 9)])
    assert message.text == "It's been 9 days since your last group or community time."
    assert message.quiet == (quiet(COLLECTIVE, 9),)


def test_several_quiet_kinds_are_named_in_one_sentence_most_quiet_first() -> None:
    openings = set()
    for seed in range(40):
        message = compose(quiet_kinds=[quiet(COLLECTIVE, 16), quiet(INTIMATE, 8)], seed=seed)
        assert [item.kind for item in message.quiet] == [INTIMATE, COLLECTIVE]
        assert message.named_kinds == {INTIMATE, COLLECTIVE}
        assert message.text.count(".") == 1  # one sentence
        openings.add(message.text)
        close = min(message.text.find(w) for w in ("closest", "someone close") if w in message.text)
        assert close < message.text.find("group")
    assert openings == {
        "The people closest to you and your groups have both been quiet for at least 8 days.",
        "A few kinds of connection have gone quiet: time with someone close (8 days) and "
        "group or community time (16 days).",
        "It's been a while with the people closest to you and your groups, 8 days or more.",
    }


def test_never_logged_kind_is_measured_from_joining() -> None:
    text = compose(quiet_kinds=[quiet(RELATIONAL, 10, never_logged=True)]).text
    assert text == (
        "You haven't logged any catch-up with a friend or colleague since you joined 10 days ago."
    )


def test_overdue_person_is_named_with_their_rhythm() -> None:
    sam = OverdueContact(1, "Sam", INTIMATE, days_since=10, rhythm_days=7)
    new = OverdueContact(2, "Jo", RELATIONAL, days_since=12, rhythm_days=14, never_logged=True)
    text = compose(quiet_kinds=[quiet(INTIMATE, 6)], overdue=[new, sam]).text
    assert text == (
        "It's been 6 days since your last time with someone close. "
        "It's also been 10 days since you last logged time with Sam (you'd aimed for every 7)."
    )
    assert "Jo" not in text  # only the most overdue person, to keep it brief

    jo_only = compose(quiet_kinds=[quiet(INTIMATE, 6)], overdue=[new]).text
    assert "You added Jo 12 days ago and haven't logged time together yet." in jo_only

    daily = OverdueContact(3, "Mum", INTIMATE, days_since=1, rhythm_days=1)
    alone = compose(overdue=[daily]).text
    assert alone.endswith(
        " It's been 1 day since you last logged time with Mum (you'd aimed for every day)."
    )
    assert alone.split(" It's been")[0] in GREETINGS


def test_quiet_checkin_offers_the_chosen_suggestion() -> None:
    message = compose(quiet_kinds=[quiet(INTIMATE, 6)], suggestion=IDEA)
    nudge, idea = message.text.split("\n\n")
    assert nudge == "It's been 6 days since your last time with someone close."
    assert idea.endswith(IDEA.text)
    assert idea.startswith(("One idea: ", "An idea, if it suits: ", "Something to try: "))
    assert message.suggestion == IDEA


def test_names_are_plain_text_shown_as_typed() -> None:
    odd = OverdueContact(1, "<b>Sam & co</b>", RELATIONAL, days_since=9, rhythm_days=7)
    text = compose(quiet_kinds=[quiet(RELATIONAL, 9)], overdue=[odd]).text
    assert "<b>Sam & co</b>" in text


# --- the support line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet_kinds", "feelings", "expected"),
    [
        (long_quiet_everywhere(14), [], True),
        (long_quiet_everywhere(13), [], False),
        (long_quiet_everywhere(14)[:2], [], False),  # two kinds long quiet is not all three
        ([], [2, 2, 2, 2, 2], True),
        ([], [1, 3, 2, 1, 3], True),  # average exactly 2
        ([], [2, 2, 2, 2, 3], False),  # average 2.2
        ([], [1, 1, 1, 1], False),  # needs five feelings
        ([], [1, 1, 1, 1, 1, 5, 5, 5, 5, 5], False),  # only the last five count
        ([], [5, 5, 5, 2, 2, 2, 2, 2], True),
    ],
)
def test_support_line_conditions(
    quiet_kinds: list[QuietKind], feelings: list[int], expected: bool
) -> None:
    assert needs_support_line(quiet_kinds, feelings) is expected
    message = compose(quiet_kinds=quiet_kinds, feelings=feelings)
    assert message.support_line is expected
    assert message.text.endswith(SUPPORT_LINE) is expected
    assert message.text.count("/support") == int(expected)


def test_feelings_outside_one_to_five_are_rejected() -> None:
    with pytest.raises(ValueError, match="1-5"):
        needs_support_line([], [3, 3, 3, 3, 0])


def test_support_line_is_gentle() -> None:
    assert "/support" in SUPPORT_LINE
    assert "professional" in SUPPORT_LINE
    lowered = SUPPORT_LINE.lower()
    for alarming in ("depress", "disorder", "crisis", "emergency", "urgent", "!"):
        assert alarming not in lowered


def test_support_text_points_to_help_and_says_tend_is_not_a_crisis_service() -> None:
    lowered = SUPPORT_TEXT.lower()
    for needed in ("doctor", "helpline", "counsellor", "emergency", "not a crisis service"):
        assert needed in lowered
    assert "<" not in SUPPORT_TEXT  # plain text, no parse mode needed


# --- frequency ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "is_quiet", "expected"),
    [
        (CheckinFrequency.DAILY, False, True),
        (CheckinFrequency.DAILY, True, True),
        (CheckinFrequency.WHEN_QUIET, False, False),
        (CheckinFrequency.WHEN_QUIET, True, True),
        (CheckinFrequency.OFF, False, False),
        (CheckinFrequency.OFF, True, False),
    ],
)
def test_should_send(frequency: CheckinFrequency, is_quiet: bool, expected: bool) -> None:
    quiet_kinds = [quiet(INTIMATE, 6)] if is_quiet else []
    assert should_send(frequency, quiet_kinds) is expected


def test_frequency_values_are_what_storage_keeps() -> None:
    assert [item.value for item in CheckinFrequency] == ["daily", "when_quiet", "off"]


# --- properties ---------------------------------------------------------------------------------

quiet_lists = st.lists(
    st.builds(
        QuietKind,
        kind=st.sampled_from(list(ConnectionType)),
        days_since=st.integers(min_value=1, max_value=400),
        threshold=st.integers(min_value=1, max_value=30),
        never_logged=st.booleans(),
    ).filter(lambda q: q.days_since > q.threshold),
    unique_by=lambda q: q.kind,
    max_size=3,
)
overdue_lists = st.lists(
    st.builds(
        OverdueContact,
        contact_id=st.integers(min_value=1, max_value=1000),
        name=st.text(min_size=1, max_size=20),
        kind=st.sampled_from(list(ConnectionType)),
        days_since=st.integers(min_value=1, max_value=400),
        rhythm_days=st.integers(min_value=1, max_value=30),
        never_logged=st.booleans(),
    ),
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(
    quiet_kinds=quiet_lists,
    overdue=overdue_lists,
    with_idea=st.booleans(),
    feelings=st.lists(st.integers(min_value=1, max_value=5), max_size=8),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_every_checkin_is_built_from_its_data(
    quiet_kinds: list[QuietKind],
    overdue: list[OverdueContact],
    with_idea: bool,
    feelings: list[int],
    seed: int,
) -> None:
    suggestion = IDEA if with_idea else None
    message = compose(
        quiet_kinds=quiet_kinds,
        overdue=overdue,
        suggestion=suggestion,
        feelings=feelings,
        seed=seed,
    )
    assert message == compose(
        quiet_kinds=quiet_kinds,
        overdue=overdue,
        suggestion=suggestion,
        feelings=feelings,
        seed=seed,
    )
    assert message.text.strip() == message.text != ""
    assert message.support_line is needs_support_line(quiet_kinds, feelings)
    assert (SUPPORT_LINE in message.text) is message.support_line
    assert (IDEA.text in message.text) is with_idea
    assert message.suggestion == suggestion
    assert set(message.quiet) == set(quiet_kinds)
    if message.quiet:
        # One sentence names every quiet kind, and how long the least quiet has been.
        assert message.named_kinds == {q.kind for q in message.quiet}
        assert f"{min(q.days_since for q in message.quiet)} day" in message.text
        for item in message.quiet:
            assert any(words in message.text for words in _KIND_WORDS[item.kind])
    else:
        assert not message.named_kinds
        assert not any(kind.phrase in message.text for kind in ConnectionType)
    assert message.opener in opening_templates()
    if overdue:
        assert any(person.name in message.text for person in overdue)
