"""Learning which kinds of idea this user acts on: Thompson sampling over strategy x effort.

Why Thompson sampling: each check-in offers ONE idea, the user's answer is a yes/no ("did an
interaction of that kind follow within 48 hours?"), and a new user has only a handful of
answers. Thompson sampling keeps a Beta posterior per arm (an arm is a strategy with an
effort, e.g. reach-out x two minutes), draws one plausible act-on rate from each, and offers
the best draw. That explores in proportion to its doubt and exploits as soon as evidence
builds up, with no exploration schedule to tune (unlike epsilon-greedy) and no extra state:
the posterior is recomputed from the stored idea history on every check-in, so /delete and
/export cover it and a restart forgets nothing.

Two levels: one strategy's three efforts mostly ask the same question ("does this person
like messages?"), so the strategy is drawn first from all its outcomes, then the effort
within it from that arm's own. One draw per strategy (not one per arm) keeps exploration in
proportion to the six real questions, so it learns in tens of check-ins, not hundreds.

Priors (new users): a weak Beta worth `PRIOR_STRENGTH` pseudo-check-in whose mean leans a
little toward reaching out and toward two-minute ideas, the easiest first steps the article
recommends. It is worth ONE answer, not two: a user sees one idea a day, and by the second
week their own yes/no answers should outweigh our guess about people in general, so their
own evidence leads early (in `make simulate` halving it lifted the day-30 act-on rate most).

Draws are tempered (`SHARPNESS`): plain Thompson sampling is tuned for long horizons, but a
user sees only a few dozen ideas a month, so it explores less and settles sooner. An idea
not acted on yet counts as a partial miss while its first day runs (see `Outcome` and
`bot.domain.choosing.outcomes`). Measured with `make simulate` (1,000 users, days 21-30):
learner/random 1.44x before these two changes, 1.53x after; the simulated users' hidden
preferences were not touched.

Deterministic for a given `random.Random`; nothing here reads the clock or the database.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

PRIOR_STRENGTH = 1.0
"""How many pseudo-check-ins the prior is worth."""
SHARPNESS = 4.0
"""Draws come from the posterior tempered by this factor (as if each answer counted 3 times)."""

_BASE_RATE = 0.25
_FAVOURED_STRATEGY = "reach-out"
_FAVOURED_EFFORT = "two minutes"
_FAVOURED_BONUS = 0.05


class Arm(NamedTuple):
    """One strategy at one effort (values as the catalogue spells them); a tuple, as it is
    hashed thousands of times per check-in."""

    strategy: str
    effort: str


class Outcome(NamedTuple):
    """One idea shown: which arm, whether it was acted on, and how much the answer counts.

    An idea not acted on YET counts as a partial miss (`weight` < 1) until its 48 hours are
    up, so yesterday's ignored idea already says something today.
    """

    arm: Arm
    acted_on: bool
    weight: float = 1.0


@dataclass(frozen=True)
class Posterior:
    """Beta(alpha, beta) belief about an arm's act-on rate."""

    alpha: float
    beta: float

    @property
    def mean(self) -> float:
        """The expected act-on rate."""
        return self.alpha / (self.alpha + self.beta)


@cache  # a handful of arms; the same belief object serves every check-in
def prior(arm: Arm) -> Posterior:
    """A new user's belief about one arm: weak, leaning a little to reaching out and short ideas."""
    rate = _BASE_RATE
    if arm.strategy == _FAVOURED_STRATEGY:
        rate += _FAVOURED_BONUS
    if arm.effort == _FAVOURED_EFFORT:
        rate += _FAVOURED_BONUS
    return Posterior(rate * PRIOR_STRENGTH, (1 - rate) * PRIOR_STRENGTH)


@cache
def strategy_prior(strategy: str) -> Posterior:
    """A new user's belief about a strategy, whatever the effort."""
    rate = _BASE_RATE + (_FAVOURED_BONUS if strategy == _FAVOURED_STRATEGY else 0.0)
    return Posterior(rate * PRIOR_STRENGTH, (1 - rate) * PRIOR_STRENGTH)


def _updated(base: Posterior, counts: Sequence[float] | None) -> Posterior:
    return base if counts is None else Posterior(base.alpha + counts[0], base.beta + counts[1])


def posteriors(
    arms: Iterable[Arm], outcomes: Iterable[Outcome]
) -> tuple[dict[str, Posterior], dict[Arm, Posterior]]:
    """Beliefs per strategy (all its efforts' outcomes) and per arm (its own outcomes)."""
    own: dict[Arm, list[float]] = {}
    by_strategy: dict[str, list[float]] = {}
    for outcome in outcomes:
        if not 0.0 <= outcome.weight <= 1.0:  # also NaN: a bad weight would stall the draw
            raise ValueError(f"outcome weight must be 0-1, got {outcome.weight}")
        index = 0 if outcome.acted_on else 1
        own.setdefault(outcome.arm, [0.0, 0.0])[index] += outcome.weight
        by_strategy.setdefault(outcome.arm.strategy, [0.0, 0.0])[index] += outcome.weight
    arm_beliefs = {arm: _updated(prior(arm), own.get(arm)) for arm in arms}
    strategy_beliefs: dict[str, Posterior] = {}
    for arm in arm_beliefs:
        if arm.strategy not in strategy_beliefs:
            strategy_beliefs[arm.strategy] = _updated(
                strategy_prior(arm.strategy), by_strategy.get(arm.strategy)
            )
    return strategy_beliefs, arm_beliefs


def choose_arm(
    arms: Iterable[Arm],
    outcomes: Iterable[Outcome],
    rng: random.Random,
    tilt: Mapping[str, float] | None = None,
) -> Arm | None:
    """The arm to offer today among `arms` (those with an idea available), or None if empty.

    Two Thompson draws: first the strategy (one draw each, from all its efforts' outcomes),
    then the effort within it (one draw per available arm). `tilt` multiplies some
    strategies' draws (the user's stated interests): a nudge that evidence soon outweighs.
    """
    strategy_beliefs, arm_beliefs = posteriors(set(arms), outcomes)
    if not arm_beliefs:
        return None
    pull = tilt or {}
    scores = {
        strategy: _draw(strategy_beliefs[strategy], rng) * pull.get(strategy, 1.0)
        for strategy in sorted(strategy_beliefs)
    }
    best = max(scores, key=lambda strategy: (scores[strategy], strategy))
    efforts = {
        arm: _draw(arm_beliefs[arm], rng)
        for arm in sorted(arm for arm in arm_beliefs if arm.strategy == best)
    }
    return max(efforts, key=lambda arm: (efforts[arm], arm))


def _draw(belief: Posterior, rng: random.Random) -> float:
    return rng.betavariate(belief.alpha * SHARPNESS, belief.beta * SHARPNESS)
