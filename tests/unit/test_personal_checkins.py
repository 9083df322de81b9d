"""#12 wiring, pure parts: circumstances in the chooser, the lead in the composer, the
conversation states, and that every idea goes through the slot grammar."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin import CheckinFrequency, should_send
from bot.domain.choosing import choose_suggestion
from bot.domain.conversation import BadState
from bot.domain.followups import Followup, FollowupSource, FollowupState
from bot.domain.important_dates import DateKind, DayOfYear, ImportantDate
from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.personal_flows import (
    DateAdd,
    DateAddStep,
    FollowupPick,
    FollowupPickStep,
    first_step,
)
from bot.domain.quiet import ContactState, QuietKind
from bot.domain.suggestions import CIRCUMSTANCES, load_catalogue
from bot.scheduling.composer import compose
from storage.checkins import ComposeInputs
from storage.personal import PersonalInputs
from storage.users import User

CATALOGUE = load_catalogue()
NOW = datetime(2026, 12, 1, 18, tzinfo=UTC)
TODAY = date(2026, 12, 1)
INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType


def _sam(kind: ConnectionType = INTIMATE) -> ContactState:
    return ContactState(1, "Sam", kind, None, NOW - timedelta(days=30), NOW - timedelta(days=90))


def _quiet(kind: ConnectionType) -> QuietKind:
    return QuietKind(kind, DEFAULT_QUIET_DAYS[kind] + 5, DEFAULT_QUIET_DAYS[kind])


def _choose(circumstances: frozenset[str], seed: int, kind: ConnectionType = INTIMATE) -> str:
    chosen = choose_suggestion(
        CATALOGUE,
        quiet=[_quiet(kind)],
        contacts=[_sam(kind)],
        overdue=[],
        interests=frozenset(),
        history=[],
        now=NOW,
        rng=random.Random(seed),
        circumstances=circumstances,
    )
    assert chosen is not None
    return chosen.suggestion_id


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    said=st.frozensets(st.sampled_from(sorted(CIRCUMSTANCES))),
    kind=st.sampled_from(list(ConnectionType)),
)
def test_an_idea_is_offered_only_when_it_fits_what_the_user_said(
    seed: int, said: frozenset[str], kind: ConnectionType
) -> None:
    entry = CATALOGUE.get(_choose(said, seed, kind))
    assert entry is not None and entry.fits(said)


def test_ideas_made_for_a_situation_come_up_more_for_people_in_it() -> None:
    def share(said: frozenset[str]) -> float:
        picks = [CATALOGUE.get(_choose(said, seed)) for seed in range(300)]
        return sum(1 for e in picks if e is not None and "introvert" in e.situations) / 300

    assert share(frozenset({"introvert"})) > share(frozenset()) + 0.05


def test_ideas_needing_a_precondition_wait_until_the_user_says_so() -> None:
    needing = {e.id for e in CATALOGUE if e.requires}
    assert needing
    without = {_choose(frozenset(), seed) for seed in range(200)}
    assert not without & needing
    everything = {_choose(frozenset(CIRCUMSTANCES) - {"housebound"}, s) for s in range(400)}
    assert everything & needing


def test_a_lead_counts_on_when_quiet_days_but_never_when_off() -> None:
    assert should_send(CheckinFrequency.WHEN_QUIET, [], has_lead=True)
    assert not should_send(CheckinFrequency.WHEN_QUIET, [])
    assert not should_send(CheckinFrequency.OFF, [], has_lead=True)


def _row(frequency: CheckinFrequency) -> User:
    return User(
        id=7,
        chat_id=7,
        timezone="Europe/Berlin",
        checkin_time=time(19),
        next_checkin_at=None,
        last_checkin_date=None,
        frequency=frequency,
        interests=frozenset(),
        paused_until=None,
        active=True,
        created_at=NOW - timedelta(days=2),  # too new for anything to be quiet
        quiet_days=dict(DEFAULT_QUIET_DAYS),
    )


def _personal(*, birthday: bool = False, followup: bool = False) -> PersonalInputs:
    dates = (ImportantDate(3, 1, "Sam", DateKind.BIRTHDAY, DayOfYear(12, 1)),) if birthday else ()
    followups = (
        (
            Followup(
                5,
                1,
                "Sam",
                TODAY,
                FollowupState.OPEN,
                FollowupSource.NOTE_DATE,
                phrase="the interview",
                event_day=TODAY - timedelta(days=1),
            ),
        )
        if followup
        else ()
    )
    return PersonalInputs(TODAY, dates, followups, True)


def test_the_lead_opens_the_checkin_and_a_followup_is_its_idea() -> None:
    inputs = ComposeInputs((_sam(),), {INTIMATE: NOW - timedelta(days=1)}, ())
    row = _row(CheckinFrequency.WHEN_QUIET)
    assert compose(row, inputs, [], CATALOGUE, now=NOW, local_date=TODAY) is None  # no lead
    personal = _personal(birthday=True, followup=True)
    message = compose(row, inputs, [], CATALOGUE, now=NOW, local_date=TODAY, personal=personal)
    assert message is not None
    first, *rest = message.text.split("\n\n")
    assert first == "It's Sam's birthday today."
    assert "Sam had the interview yesterday. Ask how it went?" in rest
    assert message.followup_id == 5 and message.suggestion is None
    assert message.log_target is not None and message.log_target.contact_id == 1
    assert 1 in message.named_contacts


def test_conversation_states_round_trip_and_refuse_bad_rows() -> None:
    pick = FollowupPick(FollowupPickStep.DAY, 4, 9)
    assert FollowupPick.from_json("day", pick.to_json()) == pick
    named = first_step(4, DateKind.NAMED)
    assert named.step is DateAddStep.LABEL
    assert first_step(4, DateKind.BIRTHDAY).step is DateAddStep.DAY
    labelled = DateAdd(DateAddStep.DAY, 4, DateKind.NAMED, "moved to Lisbon")
    assert DateAdd.from_json("day", labelled.to_json()) == labelled
    for step, payload in (("day", "[]"), ("nope", pick.to_json()), ("day", '{"contact": "x"}')):
        with pytest.raises(BadState):
            FollowupPick.from_json(step, payload)
    with pytest.raises(BadState):
        DateAdd.from_json("day", '{"contact": 4, "kind": "named", "label": null}')


def test_the_chooser_fills_names_through_the_slot_grammar() -> None:
    group = ContactState(2, "food bank", COLLECTIVE, None, None, NOW - timedelta(days=90))
    for seed in range(60):
        chosen = choose_suggestion(
            CATALOGUE,
            quiet=[_quiet(COLLECTIVE)],
            contacts=[group],
            overdue=[],
            interests=frozenset(),
            history=[],
            now=NOW,
            rng=random.Random(seed),
        )
        assert chosen is not None
        entry = CATALOGUE.get(chosen.suggestion_id)
        assert entry is not None
        expected = entry.render("food bank" if entry.has_name_slot else None)
        assert chosen.text == expected
        assert "with food bank" not in chosen.text and "their" not in chosen.text.lower()
