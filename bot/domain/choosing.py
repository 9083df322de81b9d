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
    blocked: set[str] = set()
    for shown in history:
        entry = catalogue.get(shown.suggestion_id)
        window = repeat_window(entry) if entry is not None else REPEAT_WINDOW
        if shown.shown_at > now - window:
            blocked.add(shown.suggestion_id)
    return frozenset(blocked)


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
    blocked = exclude_ids | blocked_ids(catalogue, history, now)
    pool = _Pool(
        catalogue=catalogue,
        blocked=blocked,
        contacts=contacts,
        ages=mention_ages(recent),
        overdue_ids=frozenset(item.contact_id for item in overdue),
        interests=interests,
        now=now,
        circumstances=circumstances,
    )
    candidates = pool.for_quiet(quiet) if quiet else pool.light()
    candidates = _interest_filter(candidates, interests)
    if not candidates:
        return None
    arms = {c.arm for c in candidates}
    if policy is Policy.LEARN:
        # The user's interests tilt the draw toward arms holding an idea for one of them.
        tilt: dict[str, float] = {}
        for c in candidates:
            factor = (_INTEREST_TILT if interests and _matches(c, interests) else 1.0) * (
                _SITUATION_TILT if c.entry.situations & circumstances else 1.0
            )
            tilt[c.arm.strategy] = max(tilt.get(c.arm.strategy, 1.0), factor)
        arm = bandit.choose_arm(arms, outcomes(catalogue, history, now), rng, tilt or None)
    else:
        arm = rng.choice(sorted(arms))
    in_arm = [c for c in candidates if c.arm is arm]
    best = min(c.rank for c in in_arm)
    top = [c for c in in_arm if c.rank == best]
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


class _Candidate(NamedTuple):  # a tuple: hundreds are made per check-in
    entry: Suggestion
    kind: ConnectionType
    contact: ContactState | None
    rank: tuple[int, int]  # lower is better: (names the kind's own person? 0 : 1, quiet rank)
    arm: bandit.Arm


@dataclass(frozen=True)
class _Pool:
    """The ideas still allowed today plus what is needed to fill them."""

    catalogue: Catalogue
    blocked: frozenset[str]
    contacts: Sequence[ContactState]
    ages: Mapping[int, Sequence[int]]
    overdue_ids: frozenset[int]
    interests: frozenset[str]
    now: datetime
    circumstances: frozenset[str] = frozenset()
    # The best contact depends only on the kinds a slot accepts: work it out once per set.
    _contact_for: dict[frozenset[ConnectionType], ContactState | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def for_quiet(self, quiet: Sequence[QuietKind]) -> list[_Candidate]:
        """Every idea answering some quiet kind, once per kind it answers."""
        candidates: list[_Candidate] = []
        for quiet_rank, quiet_kind in enumerate(sorted(quiet, key=quiet_sort_key)):
            kind = quiet_kind.kind
            for entry in _answering(self.catalogue)[kind]:
                if entry.id in self.blocked or not entry.fits(self.circumstances):
                    continue
                contact = None
                if entry.has_name_slot:
                    # The quiet kind's own people fill the slot when the template allows them;
                    # otherwise (e.g. "bring a friend to a club") any kind the slot names.
                    wanted = (kind,) if kind in entry.slot_kinds else entry.slot_kinds
                    contact = self._pick_contact(wanted)
                    if contact is None:
                        continue
                own = contact is not None and contact.kind is kind
                candidates.append(
                    _Candidate(entry, kind, contact, (0 if own else 1, quiet_rank), arm_of(entry))
                )
        return candidates

    def light(self) -> list[_Candidate]:
        """Two-minute ideas of any kind, for a day when nothing is quiet."""
        candidates: list[_Candidate] = []
        for entry in _answering(self.catalogue)[None]:
            if entry.id in self.blocked or not entry.fits(self.circumstances):
                continue
            contact = None
            if entry.has_name_slot:
                contact = self._pick_contact(entry.slot_kinds)
                if contact is None:
                    continue
            kind = contact.kind if contact is not None else entry.kinds[0]
            candidates.append(_Candidate(entry, kind, contact, (0, 0), arm_of(entry)))
        return candidates

    def _pick_contact(self, kinds: Collection[ConnectionType]) -> ContactState | None:
        key = frozenset(kinds)
        if key not in self._contact_for:
            fitting = [contact for contact in self.contacts if contact.kind in key]
            ranked = rotate(fitting, self.contacts, self.ages, self.now, self.overdue_ids)
            self._contact_for[key] = ranked[0] if ranked else None
        return self._contact_for[key]


_INDEX: dict[int, tuple[Catalogue, dict[ConnectionType | None, tuple[Suggestion, ...]]]] = {}


def _answering(catalogue: Catalogue) -> dict[ConnectionType | None, tuple[Suggestion, ...]]:
    """Per quiet kind, the ideas that answer it (None: the light two-minute ones), in file
    order; worked out once per catalogue, as every check-in would otherwise redo it."""
    cached = _INDEX.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    # Ideas with preconditions ("lives with someone") are kept here and checked per user
    # (`Suggestion.fits` in `_Pool`): offering them to someone who has not said so would
    # assume too much.
    usable = [entry for entry in catalogue if entry.strategy is not Strategy.PROFESSIONAL_HELP]
    index: dict[ConnectionType | None, tuple[Suggestion, ...]] = {
        kind: tuple(
            entry
            for entry in usable
            if kind in entry.kinds and entry.strategy in STRATEGIES_FOR_QUIET_KIND[kind]
        )
        for kind in ConnectionType
    }
    index[None] = tuple(entry for entry in usable if entry.effort is Effort.TWO_MINUTES)
    _INDEX[id(catalogue)] = (catalogue, index)
    return index


def _interest_filter(candidates: list[_Candidate], interests: frozenset[str]) -> list[_Candidate]:
    """Other hobbies' ideas are dropped, unless nothing else would be left."""
    if not interests:
        return candidates
    fitting = [
        c for c in candidates if not c.entry.interests or bool(c.entry.interests & interests)
    ]
    return fitting or candidates


def _matches(candidate: _Candidate, interests: frozenset[str]) -> bool:
    return bool(candidate.entry.interests & interests)


def _interest_weight(
    entry: Suggestion, interests: frozenset[str], circumstances: frozenset[str] = frozenset()
) -> float:
    situated = _SITUATION_WEIGHT if entry.situations & circumstances else 1.0
    if not entry.interests:
        return _UNTAGGED_WEIGHT * situated
    if entry.interests & interests:
        return _MATCHED_INTEREST_WEIGHT * situated
    return _TAGGED_WITHOUT_INTERESTS_WEIGHT * situated
