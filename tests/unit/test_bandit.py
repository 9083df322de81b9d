"""The per-user learner: priors, evidence, determinism, and that it learns."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.bandit import Arm, Outcome, choose_arm, posteriors, prior
from bot.domain.choosing import outcomes
from bot.domain.suggestions import ShownSuggestion, Strategy, load_catalogue

STRATEGIES = [s.value for s in Strategy if s is not Strategy.PROFESSIONAL_HELP]
EFFORTS = ["two minutes", "half an hour", "an evening"]
ARMS = [Arm(s, e) for s in STRATEGIES for e in EFFORTS]
NOW = datetime(2026, 5, 1, 19, tzinfo=UTC)


def test_new_users_lean_a_little_to_reaching_out_and_short_ideas() -> None:
    reach = prior(Arm("reach-out", "two minutes")).mean
    club_evening = prior(Arm("club", "an evening")).mean
    assert reach > prior(Arm("reach-out", "an evening")).mean > club_evening
    assert reach > prior(Arm("club", "two minutes")).mean > club_evening
    assert 0.2 < club_evening < reach < 0.4  # weak: one answer moves it
    picks = [choose_arm(ARMS, [], random.Random(seed)) for seed in range(600)]
    share = sum(1 for arm in picks if arm is not None and arm.strategy == "reach-out") / 600
    assert 1 / 6 < share < 0.5  # favoured, not fixed


def test_evidence_moves_the_strategy_and_the_arm() -> None:
    liked = Arm("digital", "half an hour")
    evidence = [
        Outcome(liked, True),
        Outcome(liked, True),
        Outcome(Arm("digital", "an evening"), False),
    ]
    strategies, arms = posteriors(ARMS, evidence)
    assert strategies["digital"].mean > strategies["club"].mean
    assert arms[liked].mean > arms[Arm("digital", "an evening")].mean
    partial = posteriors(ARMS, [Outcome(liked, False, 0.5)])[1][liked]
    assert partial.beta == prior(liked).beta + 0.5


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(),
    available=st.lists(st.sampled_from(ARMS), min_size=1, max_size=10),
    evidence=st.lists(
        st.builds(
            Outcome,
            st.sampled_from(ARMS),
            st.booleans(),
            st.floats(min_value=0, max_value=1),
        ),
        max_size=30,
    ),
)
def test_choice_is_one_of_the_available_arms_and_deterministic(
    seed: int, available: list[Arm], evidence: list[Outcome]
) -> None:
    chosen = choose_arm(available, evidence, random.Random(seed))
    assert chosen in available
    assert chosen == choose_arm(list(reversed(available)), evidence, random.Random(seed))
    assert choose_arm([], evidence, random.Random(seed)) is None


def test_it_learns_a_users_two_liked_strategies_within_a_month() -> None:
    hits = 0
    for user in range(100):
        rng = random.Random(user)
        liked = set(rng.sample(STRATEGIES, 2))
        evidence: list[Outcome] = []
        for day in range(30):
            arm = choose_arm(rng.sample(ARMS, 8), evidence, rng)
            assert arm is not None
            acted = rng.random() < (0.6 if arm.strategy in liked else 0.06)
            evidence.append(Outcome(arm, acted))
            hits += day >= 20 and arm.strategy in liked
    # Random choice among 8 of 18 arms finds a liked strategy about a third of the time.
    assert hits / (100 * 10) > 0.55


def test_outcomes_come_from_history_and_pending_ideas_are_partial_misses() -> None:
    catalogue = load_catalogue()
    entry = catalogue.get("old-photo")
    assert entry is not None
    history = [
        ShownSuggestion("old-photo", entry.strategy, NOW - timedelta(days=5), acted_on=True),
        ShownSuggestion("old-photo", entry.strategy, NOW - timedelta(days=4), acted_on=False),
        ShownSuggestion("old-photo", entry.strategy, NOW - timedelta(hours=12), acted_on=False),
        ShownSuggestion("retired-idea", Strategy.CLUB, NOW - timedelta(days=3), acted_on=True),
    ]
    found = outcomes(catalogue, history, NOW)
    arm = Arm(entry.strategy.value, entry.effort.value)
    assert found == [Outcome(arm, True), Outcome(arm, False), Outcome(arm, False, 0.5)]
