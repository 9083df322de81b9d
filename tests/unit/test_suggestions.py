"""The suggestion catalogue: validation that names the entry, and how one idea is chosen."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.choosing import choose_suggestion
from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import (
    ContactState,
    OverdueContact,
    QuietKind,
    overdue_contacts,
)
from bot.domain.suggestions import (
    KNOWN_INTERESTS,
    REPEAT_WINDOW,
    STRATEGIES_FOR_QUIET_KIND,
    Catalogue,
    CatalogueError,
    ChosenSuggestion,
    Effort,
    ShownSuggestion,
    Strategy,
    load_catalogue,
    parse_catalogue,
)
from tests.unit.catalogue_files import entry, to_toml

INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType
NOW = datetime(2024, 6, 20, 17, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")
CATALOGUE = load_catalogue()
CLOSE_STRATEGIES = {
    Strategy.REACH_OUT,
    Strategy.ACTIVE_COMMUNICATION,
    Strategy.DIGITAL,
    Strategy.BE_PRESENT,
}


def quiet(kind: ConnectionType, extra_days: int = 3) -> QuietKind:
    threshold = DEFAULT_QUIET_DAYS[kind]
    return QuietKind(kind, threshold + extra_days, threshold)


def person(
    contact_id: int,
    kind: ConnectionType,
    *,
    name: str | None = None,
    last_days_ago: int | None = 2,
    rhythm_days: int | None = None,
) -> ContactState:
    return ContactState(
        contact_id=contact_id,
        name=name or f"Friend {contact_id}",
        kind=kind,
        rhythm_days=rhythm_days,
        last_interaction_at=None if last_days_ago is None else NOW - timedelta(days=last_days_ago),
        created_at=NOW - timedelta(days=100),
    )


def choose(
    catalogue: Catalogue = CATALOGUE,
    *,
    quiet_kinds: Sequence[QuietKind] = (),
    contacts: Sequence[ContactState] = (),
    overdue: Sequence[OverdueContact] = (),
    interests: frozenset[str] = frozenset(),
    history: Sequence[ShownSuggestion] = (),
    seed: int = 0,
    exclude_ids: frozenset[str] = frozenset(),
    now: datetime = NOW,
) -> ChosenSuggestion | None:
    return choose_suggestion(
        catalogue,
        quiet=quiet_kinds,
        contacts=contacts,
        overdue=overdue,
        interests=interests,
        history=history,
        now=now,
        rng=random.Random(seed),
        exclude_ids=exclude_ids,
    )


def forty_with(index: int, **fields: Any) -> str:
    """Forty valid entries numbered from 1, with entry `index` changed."""
    return to_toml([entry(i, **fields) if i == index else entry(i) for i in range(1, 41)])


def small(*entries: dict[str, Any]) -> Catalogue:
    return parse_catalogue(to_toml(entries), min_entries=1)


# --- the shipped catalogue ---------------------------------------------------------------------


def test_shipped_catalogue_loads_with_enough_varied_ideas() -> None:
    assert len(CATALOGUE) >= 48
    assert {item.strategy for item in CATALOGUE} == set(Strategy)
    for kind in (INTIMATE, RELATIONAL):
        fitting = [
            item for item in CATALOGUE if kind in item.kinds and item.strategy in CLOSE_STRATEGIES
        ]
        assert {item.strategy for item in fitting} == CLOSE_STRATEGIES
        assert sum(item.has_name_slot for item in fitting) >= 8
        assert sum(not item.has_name_slot for item in fitting) >= 8
    collective = [
        item
        for item in CATALOGUE
        if COLLECTIVE in item.kinds and item.strategy in {Strategy.CLUB, Strategy.VOLUNTEER}
    ]
    assert {item.strategy for item in collective} == {Strategy.CLUB, Strategy.VOLUNTEER}
    assert any(item.has_name_slot for item in collective)
    assert sum(not item.has_name_slot and not item.interests for item in collective) >= 8


def test_every_interest_has_its_own_group_idea() -> None:
    for interest in KNOWN_INTERESTS:
        assert any(
            interest in item.interests and item.strategy in {Strategy.CLUB, Strategy.VOLUNTEER}
            for item in CATALOGUE
        ), interest


def test_shipped_texts_are_short_plain_sentences_that_fill_cleanly() -> None:
    for item in CATALOGUE:
        text = item.fill("Sam" if item.has_name_slot else None)
        assert "{" not in text
        assert "}" not in text
        assert "<" not in text
        assert ">" not in text
        assert text[-1] in ".?!", item.id
        assert len(text) <= 140, item.id
        assert ("Sam" in text) == item.has_name_slot


def test_every_kind_has_light_ideas_without_a_name() -> None:
    for kind in ConnectionType:
        light = [
            item
            for item in CATALOGUE
            if kind in item.kinds
            and item.effort is Effort.TWO_MINUTES
            and not item.has_name_slot
            and item.strategy is not Strategy.PROFESSIONAL_HELP
        ]
        assert len(light) >= 3, kind


def test_load_catalogue_reads_a_given_path(tmp_path: Path) -> None:
    path = tmp_path / "ideas.toml"
    path.write_text(forty_with(1, text="Send {name} a photo.", slot_kinds=["intimate"]))
    catalogue = load_catalogue(path)
    assert len(catalogue) == 40
    first = catalogue.get("idea-1")
    assert first is not None
    assert first.fill("Ana") == "Send Ana a photo."
    assert first.slot_kinds == (INTIMATE,)
    assert catalogue.get("no-such-idea") is None


def test_slot_kinds_default_to_the_kinds_served() -> None:
    catalogue = small(entry(1, text="Ring {name}.", kinds=["intimate", "relational"]))
    assert catalogue.entries[0].slot_kinds == (INTIMATE, RELATIONAL)


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "fields", "problem"),
    [
        (5, {"strategy": "reachout"}, "suggestion #5 (id 'idea-5'): unknown strategy 'reachout'"),
        (6, {"kinds": ["intimates"]}, "suggestion #6 (id 'idea-6'): unknown kind 'intimates'"),
        (7, {"effort": "five minutes"}, "suggestion #7 (id 'idea-7'): unknown effort"),
        (8, {"text": ""}, "suggestion #8 (id 'idea-8'): empty text"),
        (9, {"text": "   "}, "suggestion #9 (id 'idea-9'): empty text"),
        (10, {"text": "Call {nmae}."}, "suggestion #10 (id 'idea-10'): unknown slot {nmae}"),
        (11, {"text": "Call {}."}, "suggestion #11 (id 'idea-11'): unknown slot {}"),
        (12, {"text": "Call {name!r}."}, "suggestion #12 (id 'idea-12'): the {name} slot"),
        (13, {"text": "Call {name."}, "suggestion #13 (id 'idea-13'): text has unbalanced"),
        (14, {"id": "idea-3"}, "suggestion #14 (id 'idea-3'): duplicate id, already used by #3"),
        (15, {"id": None}, "suggestion #15: missing id"),
        (16, {"id": "Bad Id"}, "suggestion #16 (id 'Bad Id'): id must be a short lowercase slug"),
        (17, {"interests": ["knitting"]}, "suggestion #17 (id 'idea-17'): unknown interest"),
        (18, {"slot_kinds": ["intimate"]}, "suggestion #18 (id 'idea-18'): slot_kinds given"),
        (
            19,
            {"text": "Call {name}.", "slot_kinds": ["aliens"]},
            "suggestion #19 (id 'idea-19'): unknown kind 'aliens' in slot_kinds",
        ),
        (20, {"txt": "typo"}, "suggestion #20 (id 'idea-20'): unknown field(s) txt"),
        (21, {"kinds": []}, "suggestion #21 (id 'idea-21'): kinds must name at least one"),
        (22, {"kinds": "intimate"}, "suggestion #22 (id 'idea-22'): kinds must be a list"),
        (23, {"text": 42}, "suggestion #23 (id 'idea-23'): text must be a string"),
        (24, {"strategy": None}, "suggestion #24 (id 'idea-24'): missing strategy"),
    ],
)
def test_validation_errors_name_the_entry_and_the_problem(
    index: int, fields: dict[str, Any], problem: str
) -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(forty_with(index, **fields), source="ideas.toml")
    message = str(raised.value)
    assert message.startswith("ideas.toml: ")
    assert problem.replace("used by #", "used by suggestion #") in message


def test_too_few_entries_is_an_error() -> None:
    text = to_toml([entry(i) for i in range(1, 40)])
    with pytest.raises(CatalogueError, match="only 39 suggestions, at least 40"):
        parse_catalogue(text)


def test_broken_toml_and_missing_file_are_catalogue_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="not valid TOML"):
        parse_catalogue("[[suggestion]\nid = ")
    with pytest.raises(CatalogueError, match="unexpected top-level keys"):
        parse_catalogue('title = "ideas"\n' + forty_with(1))
    with pytest.raises(CatalogueError, match="cannot read"):
        load_catalogue(tmp_path / "missing.toml")


# --- choosing -----------------------------------------------------------------------------------

contact_lists = st.lists(
    st.tuples(
        st.sampled_from(list(ConnectionType)),
        st.none() | st.integers(min_value=0, max_value=60),
        st.none() | st.integers(min_value=1, max_value=14),
    ),
    max_size=6,
).map(
    lambda rows: [
        person(index + 1, kind, last_days_ago=last, rhythm_days=rhythm)
        for index, (kind, last, rhythm) in enumerate(rows)
    ]
)
quiet_sets = st.lists(
    st.tuples(st.sampled_from(list(ConnectionType)), st.integers(min_value=1, max_value=30)),
    unique_by=lambda row: row[0],
    max_size=3,
).map(lambda rows: [quiet(kind, extra) for kind, extra in rows])
histories = st.lists(
    st.builds(
        ShownSuggestion,
        suggestion_id=st.sampled_from([item.id for item in CATALOGUE]),
        strategy=st.sampled_from(list(Strategy)),
        shown_at=st.floats(min_value=0, max_value=40).map(lambda d: NOW - timedelta(days=d)),
        acted_on=st.booleans(),
    ),
    max_size=40,
)
interest_sets = st.frozensets(st.sampled_from(sorted(KNOWN_INTERESTS)), max_size=3)


@settings(max_examples=150, deadline=None)
@given(
    quiet_kinds=quiet_sets,
    contacts=contact_lists,
    history=histories,
    interests=interest_sets,
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_choice_fits_quiet_kind_never_repeats_and_names_a_real_contact(
    quiet_kinds: list[QuietKind],
    contacts: list[ContactState],
    history: list[ShownSuggestion],
    interests: frozenset[str],
    seed: int,
) -> None:
    overdue = overdue_contacts(contacts, now=NOW, zone=UTC_ZONE)
    args: dict[str, Any] = {
        "contacts": contacts,
        "overdue": overdue,
        "interests": interests,
        "history": history,
    }
    chosen = choose(quiet_kinds=quiet_kinds, seed=seed, **args)
    assert chosen == choose(quiet_kinds=quiet_kinds, seed=seed, **args)  # deterministic
    if chosen is None:
        return
    item = CATALOGUE.get(chosen.suggestion_id)
    assert item is not None
    recent = {s.suggestion_id for s in history if s.shown_at > NOW - REPEAT_WINDOW}
    assert chosen.suggestion_id not in recent
    assert chosen.strategy is item.strategy is not Strategy.PROFESSIONAL_HELP

    if quiet_kinds:
        assert chosen.kind in {q.kind for q in quiet_kinds}
        assert chosen.kind in item.kinds
        assert chosen.strategy in STRATEGIES_FOR_QUIET_KIND[chosen.kind]
    else:
        assert item.effort is Effort.TWO_MINUTES

    if item.has_name_slot:
        named = next(c for c in contacts if c.contact_id == chosen.contact_id)
        assert named.kind in item.slot_kinds
        assert chosen.text == item.fill(named.name)
        if quiet_kinds and chosen.kind in item.slot_kinds:
            assert named.kind is chosen.kind
    else:
        assert chosen.contact_id is None
        assert chosen.text == item.text


def test_a_month_of_daily_choices_never_repeats_within_fourteen_days() -> None:
    rng = random.Random(7)
    contacts = [person(1, INTIMATE), person(2, RELATIONAL), person(3, COLLECTIVE)]
    history: list[ShownSuggestion] = []
    for day in range(60):
        now = NOW + timedelta(days=day)
        kinds = rng.sample(list(ConnectionType), k=rng.randint(0, 3))
        chosen = choose_suggestion(
            CATALOGUE,
            quiet=[quiet(kind) for kind in kinds],
            contacts=contacts,
            overdue=[],
            interests=frozenset(),
            history=history,
            now=now,
            rng=rng,
        )
        assert chosen is not None
        history.append(ShownSuggestion(chosen.suggestion_id, chosen.strategy, now, acted_on=False))
    last_shown: dict[str, datetime] = {}
    for shown in history:
        previous = last_shown.get(shown.suggestion_id)
        assert previous is None or shown.shown_at - previous >= REPEAT_WINDOW
        last_shown[shown.suggestion_id] = shown.shown_at


def test_collective_quiet_gets_club_or_volunteer_ideas() -> None:
    for seed in range(60):
        chosen = choose(quiet_kinds=[quiet(COLLECTIVE)], seed=seed)
        assert chosen is not None
        assert chosen.strategy in {Strategy.CLUB, Strategy.VOLUNTEER}
        assert chosen.kind is COLLECTIVE


def test_close_kinds_get_personal_ideas() -> None:
    for kind in (INTIMATE, RELATIONAL):
        for seed in range(40):
            chosen = choose(quiet_kinds=[quiet(kind)], contacts=[person(1, kind)], seed=seed)
            assert chosen is not None
            assert chosen.strategy in CLOSE_STRATEGIES


def test_within_the_learned_arm_the_most_quiet_kind_and_named_people_win() -> None:
    # One arm (reach-out, two minutes) answering both kinds: the learner has nothing to pick,
    # so the idea goes to the most quiet kind, and a template naming its own person first.
    catalogue = small(
        entry(1, kinds=["intimate", "relational"]),
        entry(2, text="Send {name} a photo.", kinds=["intimate", "relational"]),
    )
    mild = QuietKind(INTIMATE, 5, 4)
    deep = QuietKind(RELATIONAL, 20, 7)
    for seed in range(30):
        chosen = choose(catalogue, quiet_kinds=[mild, deep], seed=seed)
        assert chosen is not None
        assert (chosen.kind, chosen.suggestion_id) == (RELATIONAL, "idea-1")
        named = choose(
            catalogue, quiet_kinds=[mild, deep], contacts=[person(7, INTIMATE)], seed=seed
        )
        assert named is not None
        assert (named.kind, named.contact_id) == (INTIMATE, 7)


def test_ideas_for_every_quiet_kind_are_offered_over_time() -> None:
    mild = QuietKind(INTIMATE, 5, 4)
    deep = QuietKind(COLLECTIVE, 40, 14)
    kinds = {
        chosen.kind
        for seed in range(60)
        if (chosen := choose(quiet_kinds=[mild, deep], contacts=[person(1, INTIMATE)], seed=seed))
    }
    assert kinds == {INTIMATE, COLLECTIVE}


def test_slot_templates_are_skipped_without_a_fitting_contact() -> None:
    for seed in range(60):
        chosen = choose(quiet_kinds=[quiet(INTIMATE)], contacts=[person(1, RELATIONAL)], seed=seed)
        assert chosen is not None
        item = CATALOGUE.get(chosen.suggestion_id)
        assert item is not None
        assert not item.has_name_slot
        assert chosen.contact_id is None


def test_overdue_person_fills_the_slot_before_anyone_seen_longer_ago() -> None:
    catalogue = small(entry(1, text="Send {name} a photo.", kinds=["intimate"]))
    sam = person(1, INTIMATE, name="Sam", last_days_ago=9, rhythm_days=7)
    alex = person(2, INTIMATE, name="Alex", last_days_ago=30)
    overdue = overdue_contacts([sam, alex], now=NOW, zone=UTC_ZONE)
    chosen = choose(catalogue, quiet_kinds=[quiet(INTIMATE)], contacts=[alex, sam], overdue=overdue)
    assert chosen is not None
    assert (chosen.text, chosen.contact_id) == ("Send Sam a photo.", 1)
    # With nobody overdue, the person seen longest ago is named.
    chosen = choose(catalogue, quiet_kinds=[quiet(INTIMATE)], contacts=[alex, sam])
    assert chosen is not None
    assert (chosen.text, chosen.contact_id) == ("Send Alex a photo.", 2)


def test_a_friend_can_be_invited_along_when_groups_are_quiet() -> None:
    catalogue = small(
        entry(
            1,
            text="Ask {name} to come to a class with you.",
            strategy="club",
            kinds=["collective"],
            slot_kinds=["relational"],
        )
    )
    chosen = choose(catalogue, quiet_kinds=[quiet(COLLECTIVE)], contacts=[person(4, RELATIONAL)])
    assert chosen is not None
    assert (chosen.kind, chosen.contact_id) == (COLLECTIVE, 4)


def test_nothing_quiet_gives_a_light_idea_and_its_kind_follows_the_person() -> None:
    for seed in range(40):
        chosen = choose(contacts=[person(1, RELATIONAL)], seed=seed)
        assert chosen is not None
        item = CATALOGUE.get(chosen.suggestion_id)
        assert item is not None
        assert item.effort is Effort.TWO_MINUTES
        if chosen.contact_id is not None:
            assert chosen.kind is RELATIONAL
        else:
            assert chosen.kind in item.kinds


def test_interests_steer_tagged_ideas() -> None:
    picked: Counter[str] = Counter()
    for seed in range(200):
        chosen = choose(quiet_kinds=[quiet(COLLECTIVE)], interests=frozenset({"hiking"}), seed=seed)
        assert chosen is not None
        item = CATALOGUE.get(chosen.suggestion_id)
        assert item is not None
        assert not item.interests or "hiking" in item.interests
        picked[chosen.suggestion_id] += 1
    # The learner picks the kind of idea; interests tilt it and weigh ideas within it, so a
    # matched idea comes up far more often than with no interests set.
    without = sum(
        1
        for seed in range(200)
        if (chosen := choose(quiet_kinds=[quiet(COLLECTIVE)], seed=seed))
        and chosen.suggestion_id == "hiking-group"
    )
    assert picked["hiking-group"] >= 8  # 9 of 200 since the prior is worth one answer
    assert picked["hiking-group"] > 2 * without


def test_other_hobbies_are_used_only_when_nothing_else_is_left() -> None:
    catalogue = small(
        entry(1, strategy="club", kinds=["collective"], interests=["dance"]),
        entry(2, strategy="club", kinds=["collective"]),
    )
    only_untagged = {
        choice.suggestion_id
        for seed in range(30)
        if (
            choice := choose(
                catalogue, quiet_kinds=[quiet(COLLECTIVE)], interests=frozenset({"art"}), seed=seed
            )
        )
    }
    assert only_untagged == {"idea-2"}
    fallback = choose(
        catalogue,
        quiet_kinds=[quiet(COLLECTIVE)],
        interests=frozenset({"art"}),
        exclude_ids=frozenset({"idea-2"}),
    )
    assert fallback is not None
    assert fallback.suggestion_id == "idea-1"


def test_strategies_acted_on_before_are_favoured_and_ignored_ones_less() -> None:
    old = NOW - timedelta(days=30)  # outside the repeat window, so nothing is blocked
    acted = [ShownSuggestion("old-photo", Strategy.DIGITAL, old, acted_on=True)] * 4
    ignored = [ShownSuggestion("old-photo", Strategy.DIGITAL, old, acted_on=False)] * 4
    contacts = [person(1, INTIMATE)]

    def digital_count(history: list[ShownSuggestion]) -> int:
        chosen = [
            choose(quiet_kinds=[quiet(INTIMATE)], contacts=contacts, history=history, seed=seed)
            for seed in range(400)
        ]
        return sum(1 for c in chosen if c is not None and c.strategy is Strategy.DIGITAL)

    baseline = digital_count([])
    assert digital_count(ignored) < baseline
    assert digital_count(acted) > baseline * 1.5


def test_excluded_recent_and_professional_ideas_are_never_chosen() -> None:
    catalogue = small(
        entry(1),
        entry(2),
        entry(3, strategy="professional-help"),
    )
    recent = [ShownSuggestion("idea-1", Strategy.REACH_OUT, NOW - timedelta(days=13), False)]
    for seed in range(20):
        chosen = choose(catalogue, quiet_kinds=[quiet(INTIMATE)], history=recent, seed=seed)
        assert chosen is not None
        assert chosen.suggestion_id == "idea-2"
    assert (
        choose(
            catalogue,
            quiet_kinds=[quiet(INTIMATE)],
            history=recent,
            exclude_ids=frozenset({"idea-2"}),
        )
        is None
    )
    exactly_fourteen = [ShownSuggestion("idea-1", Strategy.REACH_OUT, NOW - REPEAT_WINDOW, False)]
    allowed = {
        choice.suggestion_id
        for seed in range(20)
        if (
            choice := choose(
                catalogue, quiet_kinds=[quiet(INTIMATE)], history=exactly_fourteen, seed=seed
            )
        )
    }
    assert allowed == {"idea-1", "idea-2"}


def test_same_rng_same_choice_different_rng_variety() -> None:
    ids = {
        choice.suggestion_id
        for seed in range(50)
        if (
            choice := choose(
                quiet_kinds=[quiet(RELATIONAL)], contacts=[person(1, RELATIONAL)], seed=seed
            )
        )
    }
    assert len(ids) >= 10
