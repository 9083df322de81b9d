"""Conversation state: the pure next-step rules, the JSON round trips, and the one-row table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.conversation import BadState, is_abandoned
from bot.domain.kinds import ConnectionType
from bot.domain.onboarding import Onboarding, OnboardingStep, first_step, next_step
from bot.domain.settings_edit import SettingsEdit, SettingsStep, parse_quiet_days
from storage.conversations import ConversationRepository
from storage.database import Database
from storage.users import UserRepository

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ZONE, TIME = OnboardingStep.ZONE, OnboardingStep.TIME


# ------------------------------------------------------------------------------ onboarding


def test_first_step_skips_an_answered_zone() -> None:
    assert first_step(has_zone=False) is ZONE
    assert first_step(has_zone=True) is TIME


@pytest.mark.parametrize(
    ("state", "has_zone", "has_time", "expected"),
    [
        (Onboarding(ZONE), True, False, TIME),  # fresh set-up: zone, then time
        (Onboarding(ZONE), True, True, TIME),  # a fresh set-up always confirms the time
        (Onboarding(TIME), True, True, None),  # done
        (Onboarding(ZONE, changing_only=True), True, True, None),  # only the zone changed
        (Onboarding(ZONE, changing_only=True), True, False, TIME),  # no time yet: ask it
        (Onboarding(TIME, changing_only=True), True, True, None),
        (Onboarding(TIME), False, True, ZONE),  # zone lost (data deleted): ask again
    ],
)
def test_next_step(
    state: Onboarding, has_zone: bool, has_time: bool, expected: OnboardingStep | None
) -> None:
    assert next_step(state, has_zone=has_zone, has_time=has_time) is expected


@given(st.sampled_from(OnboardingStep), st.booleans())
def test_onboarding_round_trips(step: OnboardingStep, changing_only: bool) -> None:
    state = Onboarding(step, changing_only)
    assert Onboarding.from_json(str(state.step), state.to_json()) == state


@pytest.mark.parametrize(
    ("step", "payload"),
    [("nope", "{}"), ("zone", "[]"), ("zone", "not json"), ("zone", '{"changing_only": 1}')],
)
def test_unreadable_onboarding_rows_are_refused(step: str, payload: str) -> None:
    with pytest.raises(BadState):
        Onboarding.from_json(step, payload)


# ------------------------------------------------------------------------------ settings


@given(st.sampled_from(ConnectionType))
def test_settings_edit_round_trips(kind: ConnectionType) -> None:
    for state in (
        SettingsEdit(SettingsStep.TIME),
        SettingsEdit(SettingsStep.ZONE),
        SettingsEdit(SettingsStep.QUIET_DAYS, kind),
    ):
        assert SettingsEdit.from_json(str(state.step), state.to_json()) == state


@pytest.mark.parametrize(
    ("step", "payload"),
    [("quiet", '{"kind": null}'), ("time", '{"kind": "intimate"}'), ("quiet", '{"kind": "x"}')],
)
def test_unreadable_settings_rows_are_refused(step: str, payload: str) -> None:
    with pytest.raises(BadState):
        SettingsEdit.from_json(step, payload)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("21", 21),
        (" 7 days ", 7),
        ("1 day", 1),
        ("365", 365),
        ("0", None),
        ("366", None),
        ("zero", None),
        ("-3", None),
        ("7.5", None),
        ("", None),
        ("9" * 40, None),
    ],
)
def test_parse_quiet_days(text: str, days: int | None) -> None:
    assert parse_quiet_days(text) == days


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=120))
def test_abandoned_exactly_after_the_limit(seconds: int, minutes: int) -> None:
    limit = timedelta(minutes=minutes)
    updated = NOW - timedelta(seconds=seconds)
    assert is_abandoned(updated, NOW, limit) == (timedelta(seconds=seconds) >= limit)
    assert not is_abandoned(updated, NOW, None)


# ------------------------------------------------------------------------------ storage


async def test_one_row_per_user_replaced_cleared_and_deleted_with_the_user(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    try:
        users, conversations = UserRepository(db), ConversationRepository(db)
        for user_id in (1, 2):
            await users.register(user_id, user_id, NOW)
        await conversations.put(1, "onboarding", "zone", "{}", NOW)
        later = NOW + timedelta(minutes=1)
        await conversations.put(1, "onboarding", "time", "{}", later)
        stored = await conversations.get(1)
        assert stored is not None and stored.step == "time"
        assert stored.started_at == NOW and stored.updated_at == later  # same conversation
        await conversations.put(1, "settings", "zone", '{"kind": null}', later)
        stored = await conversations.get(1)
        assert stored is not None and stored.name == "settings" and stored.started_at == later
        await conversations.put(2, "onboarding", "zone", "{}", NOW)
        assert not await conversations.clear(1, "onboarding")  # another feature's stays
        assert await conversations.clear(1, "settings")
        assert await conversations.get(1) is None
        assert await conversations.get(2) is not None  # scoped by user
        await db.execute("DELETE FROM users WHERE id = 2")
        assert await conversations.get(2) is None  # ON DELETE CASCADE
    finally:
        await db.close()
