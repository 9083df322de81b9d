"""Quiet kinds and overdue contacts, counted in the user's local calendar days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import (
    ContactState,
    QuietKind,
    local_days_between,
    overdue_contacts,
    quiet_kinds,
    quiet_sort_key,
)

INTIMATE, RELATIONAL, COLLECTIVE = ConnectionType
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2024, 6, 20, 10, tzinfo=UTC)
JOINED = datetime(2024, 1, 1, tzinfo=UTC)

instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
zones = st.timezones()


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def contact(
    contact_id: int,
    *,
    kind: ConnectionType = INTIMATE,
    rhythm_days: int | None = 7,
    last: datetime | None = None,
    created: datetime = JOINED,
    name: str | None = None,
) -> ContactState:
    return ContactState(
        contact_id=contact_id,
        name=name or f"Person {contact_id}",
        kind=kind,
        rhythm_days=rhythm_days,
        last_interaction_at=last,
        created_at=created,
    )


def oracle_days(earlier: datetime, now: datetime, zone: ZoneInfo) -> int:
    return max((now.astimezone(zone).date() - earlier.astimezone(zone).date()).days, 0)


# --- quiet kinds ------------------------------------------------------------------------------


def test_a_kind_is_quiet_only_once_its_threshold_is_exceeded() -> None:
    four = {INTIMATE: days_ago(4), RELATIONAL: NOW, COLLECTIVE: NOW}
    assert quiet_kinds(four, now=NOW, zone=BERLIN, joined_at=JOINED) == []
    five = {**four, INTIMATE: days_ago(5)}
    assert quiet_kinds(five, now=NOW, zone=BERLIN, joined_at=JOINED) == [
        QuietKind(INTIMATE, days_since=5, threshold=4)
    ]


def test_days_are_local_calendar_days_in_the_users_zone() -> None:
    # 23:50 in Tokyo on the 19th, looked at 00:10 on the 20th: one day, though 20 minutes apart.
    last = datetime(2024, 6, 19, 23, 50, tzinfo=TOKYO)
    now = datetime(2024, 6, 20, 0, 10, tzinfo=TOKYO)
    assert local_days_between(last, now, TOKYO) == 1
    # The same two instants are the same day in Berlin.
    assert local_days_between(last, now, BERLIN) == 0
    # Earlier today is 0 days; the future (clock skew) is 0 too, never negative.
    evening = datetime(2024, 6, 20, 21, 0, tzinfo=TOKYO)
    assert local_days_between(now, evening, TOKYO) == 0
    assert local_days_between(now + timedelta(days=3), now, TOKYO) == 0


def test_a_kind_never_logged_is_measured_from_joining() -> None:
    joined = days_ago(3)
    last = {INTIMATE: days_ago(1), RELATIONAL: days_ago(1)}  # collective never logged
    assert quiet_kinds(last, now=NOW, zone=BERLIN, joined_at=joined) == []
    joined_long_ago = days_ago(20)
    assert quiet_kinds(last, now=NOW, zone=BERLIN, joined_at=joined_long_ago) == [
        QuietKind(COLLECTIVE, days_since=20, threshold=14, never_logged=True)
    ]


def test_missing_and_none_kinds_both_count_as_never_logged() -> None:
    with_none = {INTIMATE: None, RELATIONAL: days_ago(1), COLLECTIVE: days_ago(1)}
    without = {RELATIONAL: days_ago(1), COLLECTIVE: days_ago(1)}
    joined = days_ago(10)
    expected = [QuietKind(INTIMATE, 10, 4, never_logged=True)]
    assert quiet_kinds(with_none, now=NOW, zone=BERLIN, joined_at=joined) == expected
    assert quiet_kinds(without, now=NOW, zone=BERLIN, joined_at=joined) == expected


def test_user_thresholds_override_defaults_kind_by_kind() -> None:
    last = {INTIMATE: days_ago(3), RELATIONAL: days_ago(3), COLLECTIVE: days_ago(3)}
    result = quiet_kinds(last, now=NOW, zone=BERLIN, joined_at=JOINED, thresholds={INTIMATE: 2})
    assert result == [QuietKind(INTIMATE, 3, 2)]


def test_threshold_below_one_day_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        quiet_kinds({}, now=NOW, zone=BERLIN, joined_at=JOINED, thresholds={RELATIONAL: 0})


def test_most_quiet_is_furthest_from_its_own_threshold() -> None:
    last = {INTIMATE: days_ago(8), RELATIONAL: days_ago(9), COLLECTIVE: days_ago(20)}
    result = quiet_kinds(last, now=NOW, zone=BERLIN, joined_at=JOINED)
    # 8/4 = 2.0 beats 9/7 and 20/14, even though collective has the most days.
    assert [item.kind for item in result] == [INTIMATE, COLLECTIVE, RELATIONAL]
    assert result[0].days_past_threshold == 4


@settings(max_examples=150, deadline=None)
@given(
    zone=zones,
    now=instants,
    joined_days=st.integers(min_value=0, max_value=400),
    last_days=st.fixed_dictionaries(
        {kind: st.none() | st.floats(min_value=-2, max_value=60) for kind in ConnectionType}
    ),
    thresholds=st.fixed_dictionaries(
        {}, optional={kind: st.integers(min_value=1, max_value=30) for kind in ConnectionType}
    ),
)
def test_quiet_kinds_match_the_calendar_day_rule(
    zone: ZoneInfo,
    now: datetime,
    joined_days: int,
    last_days: dict[ConnectionType, float | None],
    thresholds: dict[ConnectionType, int],
) -> None:
    joined = now - timedelta(days=joined_days)
    last = {
        kind: None if days is None else now - timedelta(days=days)
        for kind, days in last_days.items()
    }
    result = quiet_kinds(last, now=now, zone=zone, joined_at=joined, thresholds=thresholds)

    by_kind = {item.kind: item for item in result}
    for kind in ConnectionType:
        since = last[kind] or joined
        days = oracle_days(since, now, zone)
        threshold = thresholds.get(kind, DEFAULT_QUIET_DAYS[kind])
        if days > threshold:
            assert by_kind[kind] == QuietKind(kind, days, threshold, last[kind] is None)
        else:
            assert kind not in by_kind
    assert result == sorted(result, key=quiet_sort_key)
    ratios = [item.days_since / item.threshold for item in result]
    assert ratios == sorted(ratios, reverse=True)


# --- overdue contacts -------------------------------------------------------------------------


def test_contact_is_overdue_once_its_rhythm_has_passed() -> None:
    six = contact(1, rhythm_days=7, last=days_ago(6))
    seven = contact(2, rhythm_days=7, last=days_ago(7))
    result = overdue_contacts([six, seven], now=NOW, zone=BERLIN)
    assert [(item.contact_id, item.days_since, item.rhythm_days) for item in result] == [(2, 7, 7)]


def test_contact_without_rhythm_is_never_overdue() -> None:
    assert (
        overdue_contacts([contact(1, rhythm_days=None, last=days_ago(300))], now=NOW, zone=BERLIN)
        == []
    )


def test_never_logged_contact_counts_from_when_it_was_added() -> None:
    fresh = contact(1, rhythm_days=7, created=days_ago(2))
    older = contact(2, rhythm_days=7, created=days_ago(9), name="Sam")
    result = overdue_contacts([fresh, older], now=NOW, zone=BERLIN)
    assert len(result) == 1
    assert result[0].name == "Sam"
    assert result[0].never_logged
    assert result[0].days_since == 9


def test_overdue_sorted_by_how_far_past_their_rhythm() -> None:
    weekly_ten = contact(1, rhythm_days=7, last=days_ago(10), kind=RELATIONAL)
    every_two_five = contact(2, rhythm_days=2, last=days_ago(5))
    monthly_forty = contact(3, rhythm_days=30, last=days_ago(40), kind=COLLECTIVE)
    result = overdue_contacts([weekly_ten, every_two_five, monthly_forty], now=NOW, zone=BERLIN)
    assert [item.contact_id for item in result] == [2, 1, 3]
    assert [item.kind for item in result] == [INTIMATE, RELATIONAL, COLLECTIVE]


def test_rhythm_below_one_day_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="rhythm_days"):
        overdue_contacts([contact(1, rhythm_days=0)], now=NOW, zone=BERLIN)


@settings(max_examples=150, deadline=None)
@given(
    zone=zones,
    now=instants,
    people=st.lists(
        st.tuples(
            st.none() | st.integers(min_value=1, max_value=30),
            st.none() | st.floats(min_value=-1, max_value=90),
            st.floats(min_value=0, max_value=200),
        ),
        max_size=8,
    ),
)
def test_overdue_contacts_match_the_rhythm_rule(
    zone: ZoneInfo, now: datetime, people: list[tuple[int | None, float | None, float]]
) -> None:
    contacts = [
        contact(
            index,
            rhythm_days=rhythm,
            last=None if last is None else now - timedelta(days=last),
            created=now - timedelta(days=created),
        )
        for index, (rhythm, last, created) in enumerate(people)
    ]
    result = overdue_contacts(contacts, now=now, zone=zone)

    expected_ids = {
        item.contact_id
        for item in contacts
        if item.rhythm_days is not None
        and oracle_days(item.last_interaction_at or item.created_at, now, zone) >= item.rhythm_days
    }
    assert {item.contact_id for item in result} == expected_ids
    ratios = [item.days_since / item.rhythm_days for item in result]
    assert ratios == sorted(ratios, reverse=True)
    for item in result:
        assert item.days_since >= item.rhythm_days
