"""Variety and fairness over consecutive check-ins, through the real composer."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin import CheckinFrequency, CheckinMessage, LogTarget
from bot.domain.choosing import repeat_window
from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import ContactState
from bot.domain.suggestions import ShownSuggestion, load_catalogue
from bot.domain.variety import (
    MAX_MENTIONS,
    WINDOW,
    CheckinFacts,
    PastCheckin,
    is_sole_of_kind,
    mention_ages,
    pick_opener,
    rotate,
    rule_breaches,
)
from bot.scheduling.composer import compose
from storage.checkins import ComposeInputs
from storage.users import User

INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType
CATALOGUE = load_catalogue()
START = date(2026, 3, 20)  # Europe and America change clocks in the weeks that follow
ZONES = ("Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC")


def schedule_row(user_id: int, zone: str, joined: datetime) -> User:
    return User(
        id=user_id,
        chat_id=user_id,
        timezone=zone,
        checkin_time=time(19),
        next_checkin_at=None,
        last_checkin_date=None,
        frequency=CheckinFrequency.DAILY,
        interests=frozenset(),
        paused_until=None,
        active=True,
        created_at=joined,
        quiet_days=dict(DEFAULT_QUIET_DAYS),
    )


def facts_of(
    message: CheckinMessage, local_date: date, contacts: list[ContactState]
) -> CheckinFacts:
    chosen = message.suggestion
    entry = CATALOGUE.get(chosen.suggestion_id) if chosen is not None else None
    return CheckinFacts(
        local_date=local_date,
        quiet_kinds=frozenset(item.kind for item in message.quiet),
        named_kinds=message.named_kinds,
        named_contacts=message.named_contacts,
        sole_contacts=frozenset(
            c.contact_id
            for c in contacts
            if c.contact_id in message.named_contacts
            and is_sole_of_kind(c.contact_id, c.kind, contacts)
        ),
        opening_sentence=message.opening_sentence,
        suggestion_id=chosen.suggestion_id if chosen is not None else None,
        repeat_days=repeat_window(entry).days if entry is not None else 14,
    )


def live(
    contacts: list[ContactState],
    logs: dict[int, list[int]],
    *,
    days: int,
    zone: str,
    user_id: int = 7,
) -> tuple[list[CheckinMessage], list[CheckinFacts]]:
    """`days` daily check-ins at 19:00 local; `logs[day]` are contact indexes logged that day."""
    tz = ZoneInfo(zone)
    joined = contacts[0].created_at
    row = schedule_row(user_id, zone, joined)
    history: list[ShownSuggestion] = []
    recent: list[PastCheckin] = []
    messages: list[CheckinMessage] = []
    facts: list[CheckinFacts] = []
    for day in range(days):
        local_date = START + timedelta(days=day)
        now = datetime.combine(local_date, time(19), tz).astimezone(UTC)
        for index in logs.get(day, []):
            contact = contacts[index % len(contacts)]
            contacts[index % len(contacts)] = replace(
                contact, last_interaction_at=now - timedelta(hours=3)
            )
        last_by_kind: dict[ConnectionType, datetime | None] = {}
        for contact in contacts:
            at = contact.last_interaction_at
            if at is not None and (last_by_kind.get(contact.kind) or at) <= at:
                last_by_kind[contact.kind] = at
        message = compose(
            row,
            ComposeInputs(tuple(contacts), last_by_kind, ()),
            history,
            CATALOGUE,
            now=now,
            local_date=local_date,
            recent=recent,
        )
        assert message is not None
        messages.append(message)
        facts.append(facts_of(message, local_date, contacts))
        recent = [message.as_past(local_date), *recent][: WINDOW - 1]
        if message.suggestion is not None:
            chosen = message.suggestion
            history.append(ShownSuggestion(chosen.suggestion_id, chosen.strategy, now, False))
    return messages, facts


contact_specs = st.lists(
    st.tuples(
        st.sampled_from(list(ConnectionType)),
        st.one_of(st.none(), st.integers(min_value=1, max_value=14)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
    ),
    min_size=1,
    max_size=7,
)


@settings(max_examples=100, deadline=None)
@given(
    specs=contact_specs,
    logs=st.dictionaries(
        st.integers(min_value=0, max_value=20),
        st.lists(st.integers(min_value=0, max_value=6), max_size=2),
        max_size=8,
    ),
    zone=st.sampled_from(ZONES),
    user_id=st.integers(min_value=1, max_value=10**6),
)
def test_every_variety_rule_holds_over_any_seven_consecutive_checkins(
    specs: list[tuple[ConnectionType, int | None, int | None]],
    logs: dict[int, list[int]],
    zone: str,
    user_id: int,
) -> None:
    first = datetime.combine(START, time(19), ZoneInfo(zone)).astimezone(UTC)
    joined = first - timedelta(days=60)
    contacts = [
        ContactState(
            contact_id=index + 1,
            name=f"Person {index + 1}",
            kind=kind,
            rhythm_days=rhythm,
            last_interaction_at=None if ago is None else first - timedelta(days=ago),
            created_at=joined,
        )
        for index, (kind, rhythm, ago) in enumerate(specs)
    ]
    messages, facts = live(contacts, logs, days=21, zone=zone, user_id=user_id)
    assert rule_breaches(facts) == []
    for message in messages:
        ids = {c.contact_id for c in contacts}
        assert message.named_contacts <= ids
        if message.log_target is not None and message.log_target.contact_id is not None:
            assert message.log_target.contact_id in ids


def test_overdue_people_take_turns_instead_of_the_first_one_every_day() -> None:
    first = datetime.combine(START, time(19), ZoneInfo("UTC")).astimezone(UTC)
    joined = first - timedelta(days=90)
    people = [
        ContactState(1, "Mom", INTIMATE, 3, first - timedelta(days=12), joined),
        ContactState(2, "Dad", INTIMATE, 7, first - timedelta(days=10), joined),
        ContactState(3, "Sam", RELATIONAL, 7, first - timedelta(days=12), joined),
        ContactState(4, "Alex", RELATIONAL, None, first - timedelta(days=20), joined),
        ContactState(5, "Priya", RELATIONAL, 14, first - timedelta(days=15), joined),
        ContactState(6, "Choir", COLLECTIVE, None, first - timedelta(days=30), joined),
    ]
    messages, facts = live(people, {}, days=14, zone="UTC")
    assert rule_breaches(facts) == []
    named = [contact_id for message in messages for contact_id in message.named_contacts]
    assert {1, 2, 3} <= set(named)  # Dad and Sam get their turn, not only Mom
    assert max(named.count(i) for i in (1, 2, 3, 5)) < len(messages)
    in_ideas = {m.suggestion.contact_id for m in messages if m.suggestion is not None}
    assert len(in_ideas - {None}) >= 2
    openers = [m.opening_sentence for m in messages]
    assert all(a != b for a, b in itertools.pairwise(openers))
    # Every quiet kind is named every time, in one sentence.
    for message in messages:
        assert message.named_kinds == {q.kind for q in message.quiet}


def test_an_only_person_of_their_kind_may_be_named_every_day() -> None:
    first = datetime.combine(START, time(19), ZoneInfo("UTC")).astimezone(UTC)
    mom = ContactState(1, "Mom", INTIMATE, 2, first - timedelta(days=9), first - timedelta(days=60))
    messages, facts = live([mom], {}, days=10, zone="UTC")
    assert rule_breaches(facts) == []
    assert sum(1 in m.named_contacts for m in messages) > MAX_MENTIONS


def test_log_a_connection_preselects_the_person_the_idea_names() -> None:
    first = datetime.combine(START, time(19), ZoneInfo("UTC")).astimezone(UTC)
    sam = ContactState(
        3, "Sam", RELATIONAL, None, first - timedelta(days=12), first - timedelta(60)
    )
    messages, _ = live([sam], {}, days=6, zone="UTC")
    for message in messages:
        chosen = message.suggestion
        if chosen is not None and chosen.contact_id is not None:
            assert message.log_target == LogTarget(chosen.kind, chosen.contact_id)
        elif chosen is not None:
            assert message.log_target is not None and message.log_target.kind is chosen.kind
    assert any(m.log_target == LogTarget(RELATIONAL, 3) for m in messages)


def test_rule_breaches_catches_each_broken_rule() -> None:
    def day(n: int, **fields: object) -> CheckinFacts:
        base: dict[str, object] = {
            "local_date": START + timedelta(days=n),
            "quiet_kinds": frozenset(),
            "named_kinds": frozenset(),
            "named_contacts": frozenset(),
            "sole_contacts": frozenset(),
            "opening_sentence": f"Opening {n}.",
        }
        base.update(fields)
        return CheckinFacts(**base)  # type: ignore[arg-type]

    assert rule_breaches([day(n) for n in range(10)]) == []
    quiet_unnamed = [day(0, quiet_kinds=frozenset({RELATIONAL}))] + [day(n) for n in range(1, 7)]
    assert any("never named" in b for b in rule_breaches(quiet_unnamed))
    sam = frozenset({3})
    four_of_seven = [day(n, named_contacts=sam if n % 2 == 0 else frozenset()) for n in range(7)]
    assert any("contact 3 named 4x" in b for b in rule_breaches(four_of_seven))
    only_one = [day(n, named_contacts=sam, sole_contacts=sam) for n in range(7)]
    assert rule_breaches(only_one) == []
    same_opening = [day(0), day(1, opening_sentence="Opening 0.")]
    assert any("same opening" in b for b in rule_breaches(same_opening))
    repeat = [day(0, suggestion_id="photo"), day(13, suggestion_id="photo")]
    assert any("repeated" in b for b in rule_breaches(repeat))
    assert rule_breaches([day(0, suggestion_id="photo"), day(14, suggestion_id="photo")]) == []
    slow = [day(0, suggestion_id="gp", repeat_days=30), day(20, suggestion_id="gp", repeat_days=30)]
    assert any("repeated" in b for b in rule_breaches(slow))


@settings(max_examples=150, deadline=None)
@given(
    options=st.lists(st.text(min_size=1, max_size=5), min_size=2, max_size=5, unique=True),
    seed=st.integers(),
)
def test_pick_opener_never_repeats_the_previous_one(options: list[str], seed: int) -> None:
    previous = options[seed % len(options)]
    assert pick_opener(options, previous, random.Random(seed)) != previous


def test_rotation_prefers_the_most_overdue_for_their_rhythm_and_discounts_recent_mentions() -> None:
    now = datetime(2026, 5, 1, 19, tzinfo=UTC)
    joined = now - timedelta(days=100)
    weekly = ContactState(1, "Sam", RELATIONAL, 7, now - timedelta(days=14), joined)  # 2.0x
    daily = ContactState(2, "Mum", INTIMATE, 1, now - timedelta(days=3), joined)  # 3.0x
    people = [weekly, daily]
    assert [c.contact_id for c in rotate(people, people, {}, now, {1, 2})] == [2, 1]
    ages = mention_ages([PastCheckin(date(2026, 4, 30), "greet-0", frozenset(), frozenset({2}))])
    assert [c.contact_id for c in rotate(people, people, ages, now, {1, 2})] == [1, 2]
    # Three mentions in the last six: Mum rests today (Sam is another intimate person here).
    sam_close = replace(weekly, kind=INTIMATE)
    past = [
        PastCheckin(date(2026, 4, 30 - n), "greet-0", frozenset(), frozenset({2})) for n in range(3)
    ]
    ranked = rotate([sam_close, daily], [sam_close, daily], mention_ages(past), now, {1, 2})
    assert [c.contact_id for c in ranked] == [1]
