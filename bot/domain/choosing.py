"""Choosing the one idea a check-in offers.

In short:

* Something quiet: ideas for any quiet kind; intimate/relational take reach-out,
  active-communication, digital and be-present ideas, collective takes club and volunteer.
  Nothing quiet: a light "two minutes" idea of any kind (for "Another idea").
* WHICH kind of idea (strategy x effort) is learned per user by Thompson sampling
  (`bot.domain.bandit`): the reward is an interaction of the idea's kind logged within 48
  hours. `Policy.UNIFORM` picks the arm uniformly instead (the simulation's baseline).
* Within the chosen arm: an idea naming one of a quiet kind's own people first, then the
  most quiet kind; among those, interest-matched ideas weigh more.
* ``{name}`` templates need a real active contact of a fitting kind; people are rotated by
  how overdue they are against their rhythm, discounted for recent mentions, and never named
  in more than 3 of 7 check-ins unless they are the only one of their kind
  (`bot.domain.variety`). Without one the template is skipped.
* Never an idea shown within its repeat window (14 days, or the entry's ``min_repeat_days``);
  professional-help ideas are never picked here (the support line handles that).
* Circumstances ("About you" in /settings): ideas whose ``requires`` the user has not said
  are never offered, nor ideas ``unsuited`` to them (`Suggestion.fits`); ideas made for one
  of their situations weigh more, both in the draw within the arm and as a tilt on the arm.
* Names go in through the catalogue's slot grammar (`Suggestion.render`: person or group).
* Interests: when the user set some, other hobbies' ideas are dropped unless nothing else is
  left; with no interests, tagged ideas are less likely. Deterministic for a given ``rng``.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from bot.domain import bandit
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState, OverdueContact, QuietKind, quiet_sort_key
from bot.domain.suggestions import (
    ACTED_ON_WINDOW,
    REPEAT_WINDOW,
    STRATEGIES_FOR_QUIET_KIND,
    Catalogue,
    ChosenSuggestion,
    Effort,
    ShownSuggestion,
    Strategy,
    Suggestion,
)
from bot.domain.variety import PastCheckin, mention_ages, rotate

_MATCHED_INTEREST_WEIGHT = 3.0
_UNTAGGED_WEIGHT = 1.0
_TAGGED_WITHOUT_INTERESTS_WEIGHT = 0.5
_INTEREST_TILT = 1.5
_SITUATION_WEIGHT = 3.0
_SITUATION_TILT = 1.5


class Policy(StrEnum):
    """How the arm (strategy x effort) is picked: learned, or uniformly (a baseline)."""

    LEARN = "learn"
    UNIFORM = "uniform"


def repeat_window(entry: Suggestion) -> timedelta:
    """How long before an idea may come back: 14 days, or longer if the catalogue says so."""
    days = getattr(entry, "min_repeat_days", None)
    return timedelta(days=days) if isinstance(days, int) and days > 0 else REPEAT_WINDOW


def blocked_ids(
    catalogue: Catalogue, history: Sequence[ShownSuggestion], now: datetime
) -> frozenset[str]:
    """Ids shown within their repeat window before `now` (or, after clock skew, after it)."""
    windows = _offers(catalogue).windows
    return frozenset(
        shown.suggestion_id
        for shown in history
        if shown.shown_at > now - windows.get(shown.suggestion_id, REPEAT_WINDOW)
    )


def arm_of(entry: Suggestion) -> bandit.Arm:
    """The bandit arm an idea belongs to (made once per strategy and effort: a hot path)."""
    key = (entry.strategy, entry.effort)
    arm = _ARMS.get(key)
    if arm is None:
        arm = _ARMS[key] = bandit.Arm(entry.strategy.value, entry.effort.value)
    return arm


_ARMS: dict[tuple[Strategy, Effort], bandit.Arm] = {}


def outcomes(
    catalogue: Catalogue, history: Sequence[ShownSuggestion], now: datetime
) -> list[bandit.Outcome]:
    """Past ideas as evidence: acted on; missed; or not acted on yet, a partial miss that
    grows over its first 24 hours: most people who act do so the same day, so an idea still
    untouched at the next check-in is nearly a full miss (credit still comes for 48 hours)."""
    evidence: list[bandit.Outcome] = []
    for shown in history:
        entry = catalogue.get(shown.suggestion_id)
        if entry is None:
            continue  # retired from the catalogue
        if shown.acted_on:
            evidence.append(bandit.Outcome(arm_of(entry), True))
            continue
        elapsed = (now - shown.shown_at) / (ACTED_ON_WINDOW / 2)
        if elapsed > 0:
            evidence.append(bandit.Outcome(arm_of(entry), False, min(elapsed, 1.0)))
    return evidence


def choose_suggestion(
    catalogue: Catalogue,
    *,
    quiet: Sequence[QuietKind],
    contacts: Sequence[ContactState],
    overdue: Sequence[OverdueContact],
    interests: frozenset[str],
    history: Sequence[ShownSuggestion],
    now: datetime,
    rng: random.Random,
    exclude_ids: frozenset[str] = frozenset(),
    recent: Sequence[PastCheckin] = (),
    policy: Policy = Policy.LEARN,
    circumstances: frozenset[str] = frozenset(),
) -> ChosenSuggestion | None:
    """Pick one idea for this check-in, or None when nothing suitable is left.

    `contacts` are the active contacts (the only source of names), `history` is what this
    user was shown before (any order), `recent` the earlier check-ins (for fairness),
    `circumstances` what the user said about their life (`CIRCUMSTANCE_LABELS`).
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    pool = _Pool(
        offers=_offers(catalogue),
        blocked=exclude_ids | blocked_ids(catalogue, history, now),
        contacts=contacts,
        ages=mention_ages(recent),
        overdue_ids=frozenset(item.contact_id for item in overdue),
        interests=interests,
        now=now,
        circumstances=circumstances,
    )
    groups: list[tuple[ConnectionType | None, int]] = [
        (quiet_kind.kind, rank) for rank, quiet_kind in enumerate(sorted(quiet, key=quiet_sort_key))
    ] or [(None, 0)]
    # Other hobbies' ideas are dropped, unless nothing else would be left.
    strict = bool(interests)
    arms = pool.available_arms(groups, strict=strict)
    if not arms and strict:
        strict = False
        arms = pool.available_arms(groups, strict=False)
    if not arms:
        return None
    if policy is Policy.LEARN:
        tilt = pool.tilt(groups, arms, strict=strict)
        chosen = bandit.choose_arm(arms, outcomes(catalogue, history, now), rng, tilt)
        assert chosen is not None  # `arms` is not empty
        arm = chosen
    else:
        arm = rng.choice(sorted(arms))
    top = pool.best_candidates(groups, arm, strict=strict)
    weights = [_interest_weight(c.entry, interests, circumstances) for c in top]
    picked = rng.choices(top, weights=weights)[0]
    contact = picked.contact
    return ChosenSuggestion(
        suggestion_id=picked.entry.id,
        strategy=picked.entry.strategy,
        text=picked.entry.render(contact.name if contact is not None else None),
        kind=picked.kind,
        contact_id=contact.contact_id if contact is not None else None,
    )


class _Candidate(NamedTuple):
    entry: Suggestion
    kind: ConnectionType
    contact: ContactState | None
    rank: tuple[int, int]  # lower is better: (names the kind's own person? 0 : 1, quiet rank)
    arm: bandit.Arm


class _Idea(NamedTuple):
    """One catalogue idea as one group (a quiet kind, or None: the light ideas) offers it,
    with what the per-check-in loop needs worked out once per catalogue."""

    entry: Suggestion
    id: str
    slot_key: frozenset[ConnectionType] | None  # who may fill its slot; None: no slot
    constrained: bool  # has `requires` or `unsuited`: ask `fits`
    interests: frozenset[str]  # the hobbies it is for (the interest filter and tilt)
    situations: frozenset[str]  # the lives it suits (the tilt)
    plain: bool  # no slot, no conditions, no hobby: on offer unless shown lately


class _Tilting(NamedTuple):
    """An arm's ideas for some hobby or situation, and the union of those, to skip fast."""

    ideas: tuple[_Idea, ...]
    any_interest: frozenset[str]
    any_situation: frozenset[str]


class _Offers(NamedTuple):
    """Per group, the ideas by arm in catalogue order, and those that can tilt an arm; per
    id, each idea's repeat window."""

    by_arm: dict[ConnectionType | None, dict[bandit.Arm, tuple[_Idea, ...]]]
    tilting: dict[ConnectionType | None, dict[bandit.Arm, _Tilting]]
    windows: dict[str, timedelta]


@dataclass(frozen=True)
class _Pool:
    """The ideas still allowed today plus what is needed to fill them.

    Ideas are grouped by arm, so a check-in asks each arm only until one idea qualifies and
    builds candidates for the chosen arm alone: the same choice as listing every candidate
    first (the old way), at a fraction of the cost.
    """

    offers: _Offers
    blocked: frozenset[str]
    contacts: Sequence[ContactState]
    ages: Mapping[int, Sequence[int]]
    overdue_ids: frozenset[int]
    interests: frozenset[str]
    now: datetime
    circumstances: frozenset[str] = frozenset()
    # The best contact depends only on the kinds a slot accepts: work it out once per set.
    _contact_for: dict[frozenset[ConnectionType], ContactState | object | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def available_arms(
        self, groups: Sequence[tuple[ConnectionType | None, int]], *, strict: bool
    ) -> set[bandit.Arm]:
        """Arms with at least one idea that may be offered today."""
        arms: set[bandit.Arm] = set()
        for kind, _rank in groups:
            for arm, ideas in self.offers.by_arm[kind].items():
                if arm in arms:
                    continue
                for idea in ideas:
                    if idea.id not in self.blocked if idea.plain else self._usable(idea, strict):
                        arms.add(arm)
                        break
        return arms

    def tilt(
        self,
        groups: Sequence[tuple[ConnectionType | None, int]],
        arms: Collection[bandit.Arm],
        *,
        strict: bool,
    ) -> dict[str, float]:
        """Per strategy, the strongest pull of an idea on offer: one for the user's interests
        (x1.5) and one made for their situation (x1.5)."""
        tilt = {arm.strategy: 1.0 for arm in arms}
        interests, circumstances = self.interests, self.circumstances
        if not interests and not circumstances:
            return tilt
        for kind, _rank in groups:
            for arm, (ideas, any_interest, any_situation) in self.offers.tilting[kind].items():
                if arm not in arms or not (
                    any_interest & interests or any_situation & circumstances
                ):
                    continue
                for idea in ideas:
                    factor = (_INTEREST_TILT if idea.interests & interests else 1.0) * (
                        _SITUATION_TILT if idea.situations & circumstances else 1.0
                    )
                    if factor > tilt[arm.strategy] and self._usable(idea, strict):
                        tilt[arm.strategy] = factor
        return tilt

    def best_candidates(
        self, groups: Sequence[tuple[ConnectionType | None, int]], arm: bandit.Arm, *, strict: bool
    ) -> list[_Candidate]:
        """The ideas of `arm` on offer with the best rank: naming a quiet kind's own person
        first, then the quietest kind; in catalogue order."""
        fallback: list[_Candidate] = []
        for kind, rank in groups:
            found: list[_Candidate] = []
            for idea in self.offers.by_arm[kind].get(arm, ()):
                candidate = self._candidate(idea, arm, kind, rank, strict)
                if candidate is not None:
                    found.append(candidate)
            own = [candidate for candidate in found if candidate.rank[0] == 0]
            if own:  # nothing in a later (less quiet) kind can rank higher
                return own
            if found and not fallback:
                fallback = found
        return fallback

    def _candidate(
        self,
        idea: _Idea,
        arm: bandit.Arm,
        kind: ConnectionType | None,
        quiet_rank: int,
        strict: bool,
    ) -> _Candidate | None:
        """The idea as today's candidate, or None when it is not `_usable`."""
        if not self._usable(idea, strict):
            return None
        contact = self._pick_contact(idea.slot_key) if idea.slot_key is not None else None
        if kind is None:  # a light idea: the person named, else the idea's own first kind
            light_kind = contact.kind if contact is not None else idea.entry.kinds[0]
            return _Candidate(idea.entry, light_kind, contact, (0, 0), arm)
        own = contact is not None and contact.kind is kind
        return _Candidate(idea.entry, kind, contact, (0 if own else 1, quiet_rank), arm)

    def _usable(self, idea: _Idea, strict: bool) -> bool:
        """False when the idea was shown lately, does not fit the user's life, is another
        hobby's (`strict`), or has no one to name in its slot."""
        if idea.id in self.blocked:
            return False
        if idea.constrained and not idea.entry.fits(self.circumstances):
            return False
        if strict and idea.interests and not idea.interests & self.interests:
            return False
        return idea.slot_key is None or self._pick_contact(idea.slot_key) is not None

    def _pick_contact(self, key: frozenset[ConnectionType]) -> ContactState | None:
        contact = self._contact_for.get(key, _UNKNOWN)
        if contact is _UNKNOWN:
            fitting = [contact for contact in self.contacts if contact.kind in key]
            ranked = rotate(fitting, self.contacts, self.ages, self.now, self.overdue_ids)
            contact = self._contact_for[key] = ranked[0] if ranked else None
        return contact  # type: ignore[return-value]


_UNKNOWN = object()
"""Not worked out yet (None means: no one fits)."""

_INDEX: dict[int, tuple[Catalogue, _Offers]] = {}


def _offers(catalogue: Catalogue) -> _Offers:
    """Per quiet kind, the ideas that answer it (None: the light two-minute ones), by arm in
    file order; worked out once per catalogue, as every check-in would otherwise redo it."""
    cached = _INDEX.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    # Ideas with preconditions ("lives with someone") are kept here and checked per user
    # (`Suggestion.fits` in `_Pool`): offering them to someone who has not said so would
    # assume too much.
    usable = [entry for entry in catalogue if entry.strategy is not Strategy.PROFESSIONAL_HELP]
    members: dict[ConnectionType | None, list[Suggestion]] = {
        kind: [
            entry
            for entry in usable
            if kind in entry.kinds and entry.strategy in STRATEGIES_FOR_QUIET_KIND[kind]
        ]
        for kind in ConnectionType
    }
    members[None] = [entry for entry in usable if entry.effort is Effort.TWO_MINUTES]
    by_arm: dict[ConnectionType | None, dict[bandit.Arm, tuple[_Idea, ...]]] = {}
    tilting: dict[ConnectionType | None, dict[bandit.Arm, _Tilting]] = {}
    for kind, entries in members.items():
        grouped: dict[bandit.Arm, list[_Idea]] = {}
        for entry in entries:
            grouped.setdefault(arm_of(entry), []).append(_idea(entry, kind))
        by_arm[kind] = {arm: tuple(ideas) for arm, ideas in grouped.items()}
        tilting[kind] = {arm: _tilting(ideas) for arm, ideas in grouped.items()}
    offers = _Offers(by_arm, tilting, {entry.id: repeat_window(entry) for entry in catalogue})
    _INDEX[id(catalogue)] = (catalogue, offers)
    return offers


def _tilting(ideas: Sequence[_Idea]) -> _Tilting:
    special = tuple(idea for idea in ideas if idea.interests or idea.situations)
    return _Tilting(
        special,
        frozenset().union(*(idea.interests for idea in special)),
        frozenset().union(*(idea.situations for idea in special)),
    )


def _idea(entry: Suggestion, kind: ConnectionType | None) -> _Idea:
    slot_key = None
    if entry.has_name_slot:
        # The quiet kind's own people fill the slot when the template allows them; otherwise
        # (e.g. "bring a friend to a club") any kind the slot names.
        own_only = kind is not None and kind in entry.slot_kinds
        slot_key = frozenset((kind,) if own_only and kind is not None else entry.slot_kinds)
    return _Idea(
        entry=entry,
        id=entry.id,
        slot_key=slot_key,
        constrained=bool(entry.requires or entry.unsuited),
        interests=entry.interests,
        situations=entry.situations,
        plain=slot_key is None and not (entry.requires or entry.unsuited or entry.interests),
    )


def _interest_weight(
    entry: Suggestion, interests: frozenset[str], circumstances: frozenset[str] = frozenset()
) -> float:
    situated = _SITUATION_WEIGHT if entry.situations & circumstances else 1.0
    if not entry.interests:
        return _UNTAGGED_WEIGHT * situated
    if entry.interests & interests:
        return _MATCHED_INTEREST_WEIGHT * situated
    return _TAGGED_WITHOUT_INTERESTS_WEIGHT * situated
