"""The open /history view: survives its row, refuses rows it cannot read; buttons fit 64 bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.conversation import BadState
from bot.domain.history_buttons import PageFacts, list_rows, saved_followup_rows
from bot.domain.history_view import MAX_SEARCH_STORED, HistoryStep, HistoryView
from bot.domain.kinds import ConnectionType

BIG = 2**63 - 1
ids = st.integers(min_value=1, max_value=BIG)


@settings(max_examples=150, deadline=None)
@given(
    search=st.one_of(st.none(), st.text(max_size=400)),
    kind=st.one_of(st.none(), st.sampled_from(list(ConnectionType))),
    contact=st.one_of(st.none(), ids),
    anchor=st.one_of(st.none(), st.tuples(ids, ids, st.booleans())),
    step=st.sampled_from(list(HistoryStep)),
    moment=ids,
)
def test_view_round_trips_through_its_row(
    search: str | None,
    kind: ConnectionType | None,
    contact: int | None,
    anchor: tuple[int, int, bool] | None,
    step: HistoryStep,
    moment: int,
) -> None:
    view = HistoryView().filtered(
        1_700_000_000, kind=kind, contact_id=contact, contact_name="Zoë 🌸", search=search
    )
    if anchor is not None:
        view = view.at_page(*anchor)
    if step is not HistoryStep.BROWSING:
        view = view.asking(step, moment)
    assert HistoryView.from_json(str(view.step), view.to_json()) == view
    assert view.search is None or 0 < len(view.search) <= MAX_SEARCH_STORED


def test_a_new_filter_gets_a_new_serial_and_the_first_page() -> None:
    first = HistoryView().filtered(100, kind=None, contact_id=None, contact_name=None, search="x")
    paged = first.at_page(5, 6, False)
    again = paged.filtered(100, kind=None, contact_id=None, contact_name=None, search="  ")
    assert again.view == 101 and again.anchor_at is None and again.search is None


@pytest.mark.parametrize(
    ("step", "payload"),
    [
        ("browsing", "[]"),
        ("browsing", '{"view": "1"}'),
        ("browsing", '{"kind": "enemy"}'),
        ("wandering", "{}"),
        ("note", '{"moment_id": true}'),
    ],
)
def test_unreadable_rows_are_bad_state(step: str, payload: str) -> None:
    with pytest.raises(BadState):
        HistoryView.from_json(step, payload)


@settings(max_examples=100, deadline=None)
@given(
    view=ids,
    moments=st.lists(ids, max_size=8),
    older=st.tuples(ids, ids),
    newer=st.tuples(ids, ids),
)
def test_list_buttons_pack_within_telegram_limits(
    view: int, moments: list[int], older: tuple[int, int], newer: tuple[int, int]
) -> None:
    facts = PageFacts(view, tuple(moments), older, newer, ConnectionType.COLLECTIVE, True)
    for row in list_rows(facts):
        for _label, data in row:
            assert len(data.pack().encode()) <= 64


def test_saved_offers_only_what_is_missing() -> None:
    assert [label for label, _ in saved_followup_rows(3, False, False)[0]] == [
        "Add how it felt",
        "Add a note",
    ]
    assert [label for label, _ in saved_followup_rows(3, True, False)[0]] == ["Add a note"]
    assert saved_followup_rows(3, True, True) == []
