"""Learning which kinds of idea this user acts on: Thompson sampling over strategy x effort.

Why Thompson sampling: each check-in offers ONE idea, the user's answer is a yes/no ("did an
interaction of that kind follow within 48 hours?"), and a new user has only a handful of
answers. Thompson sampling keeps a Beta posterior per arm (an arm is a strategy with an
effort, e.g. reach-out x two minutes), draws one plausible act-on rate from each, and offers
the best draw. That explores in proportion to its doubt and exploits as soon as evidence
builds up, with no tuning constant (unlike epsilon-greedy or UCB) and no extra state: the
posterior is recomputed from the stored idea history on every check-in, so /delete and
/export cover it and a restart forgets nothing.

Arms share strength: one strategy's three efforts are mostly the same question ("does this
person like messages?"), so each arm's counts are its own plus `POOLING` of its strategy's
other efforts. That learns in tens of check-ins instead of hundreds.

Priors (new users): a weak Beta worth `PRIOR_STRENGTH` pseudo-check-ins whose mean leans a
little toward reaching out and toward two-minute ideas, the easiest first steps the article
recommends. One real answer moves it noticeably.

Deterministic for a given `random.Random`; nothing here reads the clock or the database.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PRIOR_STRENGTH = 4.0
"""How many pseudo-check-ins the prior is worth."""
POOLING = 0.5
"""Weight of a strategy's other efforts in each arm's counts."""

_BASE_RATE = 0.25
_FAVOURED_STRATEGY = "reach-out"
_FAVOURED_EFFORT = "two minutes"
_FAVOURED_BONUS = 0.05


@dataclass(frozen=True, order=True)
class Arm:
    """One strategy at one effort (values as the catalogue spells them)."""

    strategy: str
    effort: str


@dataclass(frozen=True)
class Outcome:
    """One idea shown: which arm, and whether it was acted on."""

    arm: Arm
    acted_on: bool


@dataclass(frozen=True)
class Posterior:
    """Beta(alpha, beta) belief about an arm's act-on rate."""

    alpha: float
    beta: float

    @property
    def mean(self) -> float:
        """The expected act-on rate."""
        return self.alpha / (self.alpha + self.beta)


def prior(arm: Arm) -> Posterior:
    """A new user's belief: a weak Beta leaning a little to reaching out and short ideas."""
    rate = _BASE_RATE
    if arm.strategy == _FAVOURED_STRATEGY:
        rate += _FAVOURED_BONUS
    if arm.effort == _FAVOURED_EFFORT:
        rate += _FAVOURED_BONUS
    return Posterior(rate * PRIOR_STRENGTH, (1 - rate) * PRIOR_STRENGTH)


def posteriors(arms: Iterable[Arm], outcomes: Iterable[Outcome]) -> dict[Arm, Posterior]:
    """Each arm's posterior from the prior, its own outcomes and (pooled) its strategy's."""
    own: dict[Arm, list[int]] = {}
    by_strategy: dict[str, list[int]] = {}
    for outcome in outcomes:
        index = 0 if outcome.acted_on else 1
        own.setdefault(outcome.arm, [0, 0])[index] += 1
        by_strategy.setdefault(outcome.arm.strategy, [0, 0])[index] += 1
    result: dict[Arm, Posterior] = {}
    for arm in arms:
        base = prior(arm)
        mine = own.get(arm, [0, 0])
        family = by_strategy.get(arm.strategy, [0, 0])
        result[arm] = Posterior(
            base.alpha + mine[0] + POOLING * (family[0] - mine[0]),
            base.beta + mine[1] + POOLING * (family[1] - mine[1]),
        )
    return result


def thompson_draws(beliefs: Mapping[Arm, Posterior], rng: random.Random) -> dict[Arm, float]:
    """One plausible act-on rate per arm, in a stable order so the same rng gives the same draws."""
    return {arm: rng.betavariate(beliefs[arm].alpha, beliefs[arm].beta) for arm in sorted(beliefs)}


def choose_arm(arms: Iterable[Arm], outcomes: Iterable[Outcome], rng: random.Random) -> Arm | None:
    """The arm to offer today among `arms` (those with an idea available), or None if empty."""
    draws = thompson_draws(posteriors(set(arms), outcomes), rng)
    if not draws:
        return None
    return max(draws, key=lambda arm: (draws[arm], arm))
