"""The import conversations' rows: they round-trip, and a row this version can't read is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.conversation import BadState
from bot.domain.imports import (
    PAGE_SIZE,
    AddingSomeone,
    AddingStep,
    ImportingCards,
    ImportStep,
    after_page,
    page_rows,
)
from bot.domain.kinds import ConnectionType
from bot.domain.vcards import PartialDate, VCardPerson

names = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
days = st.builds(
    PartialDate,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    year=st.none() | st.integers(1900, 2025),
)
people = st.builds(VCardPerson, names, st.none() | days, st.none() | days)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(AddingStep),
    st.integers(1, 2**31),
    names,
    st.none() | st.sampled_from(ConnectionType),
    st.booleans(),
)
def test_adding_round_trips(
    step: AddingStep, offer: int, person: str, kind: ConnectionType | None, then_log: bool
) -> None:
    state = AddingSomeone(step, offer, person, kind, then_log)
    assert AddingSomeone.from_json(step.value, state.to_json()) == state


@settings(max_examples=100, deadline=None)
@given(st.lists(people, max_size=30), st.integers(0, 5), st.integers(0, 40))
def test_import_round_trips(found: list[VCardPerson], page: int, added: int) -> None:
    state = ImportingCards(ImportStep.PAGE, 7, tuple(found), page, added, 1, 2)
    assert ImportingCards.from_json("page", state.to_json()) == state


@pytest.mark.parametrize(
    ("cls", "step", "payload"),
    [
        (AddingSomeone, "offered", "[]"),
        (AddingSomeone, "offered", '{"offer": "1", "person": "Sam", "then_log": true}'),
        (AddingSomeone, "later", '{"offer": 1, "person": "Sam", "then_log": true}'),
        (AddingSomeone, "kind", '{"offer": 1, "person": "Sam", "then_log": 1}'),
        (ImportingCards, "page", '{"offer": 1, "people": [{"name": 3}]}'),
        (
            ImportingCards,
            "page",
            '{"offer": 1, "page": 0, "added": 0, "dates": 0, "already": 0,'
            ' "people": [{"name": "Zoë", "birthday": [2, 30, null]}]}',
        ),
        (ImportingCards, "done", '{"offer": 1, "page": 0, "added": 0, "dates": 0, "already": 0}'),
    ],
)
def test_unreadable_rows_are_refused(
    cls: type[AddingSomeone] | type[ImportingCards], step: str, payload: str
) -> None:
    with pytest.raises(BadState):
        cls.from_json(step, payload)


def test_pages_end_after_the_last_and_everyone_left_ends_at_once() -> None:
    found = tuple(VCardPerson(f"Friend {n}") for n in range(PAGE_SIZE + 3))
    state = ImportingCards(ImportStep.PAGE, 1, found)
    assert state.pages == 2 and len(state.on_page()) == PAGE_SIZE
    labels = [label for row in page_rows(state) for label, _ in row]
    assert f"Add all {PAGE_SIZE + 3} left as relational" in labels
    second = after_page(state, added=PAGE_SIZE, dates=1, already=0)
    assert not second.finished and second.on_page() == found[PAGE_SIZE:]
    assert not any("Add all" in label for row in page_rows(second) for label, _ in row)
    assert after_page(second, added=3, dates=0, already=0).finished
    assert after_page(state, added=11, dates=0, already=0, everyone=True).finished
