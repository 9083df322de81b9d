"""How one catalogue idea is picked for a check-in.

The catalogue itself (``bot/data/suggestions.toml``, its validation and how a name is filled
in) is `bot.domain.catalogue`; its names are re-exported here.

Selection (`choose_suggestion`) in short:

* Something quiet: ideas for the most quiet kind first (falling back to the next quiet kind
  when nothing fits); intimate/relational take reach-out, active-communication, digital and
  be-present ideas, collective takes club and volunteer ideas.
* Nothing quiet: a light "two minutes" idea of any kind; the caller decides whether to show it.
* ``{name}`` templates need a real active contact of a fitting kind (overdue people first,
  then whoever was seen longest ago); without one the template is skipped.
* Never an idea shown in the last 14 days; professional-help ideas are never picked here
  (the check-in's support line handles that gently and on its own rules).
* Interests: when the user set some, interest-tagged ideas must match one of them and are
  favoured; untagged ideas stay eligible. With no interests, tagged ideas are less likely.
* Strategies the user acted on before weigh more. Deterministic for a given ``rng``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# The catalogue (vocabulary, loading, validation, rendering) lives in bot.domain.catalogue;
# re-exported here so existing imports keep working.
from bot.domain.catalogue import (
    CIRCUMSTANCE_LABELS,
    CIRCUMSTANCES,
    DEFAULT_REPEAT_DAYS,
    KNOWN_INTERESTS,
    LIVES_WITH_SOMEONE,
    MIN_CATALOGUE_SIZE,
    NAME_SLOT,
    PROFESSIONAL_HELP_REPEAT_DAYS,
    SHIPPED_POLICY,
    SITUATION_LABELS,
    SITUATIONS,
    Catalogue,
    CatalogueError,
    CataloguePolicy,
    Effort,
    SlotRole,
    Strategy,
    Suggestion,
    kind_bucket,
    load_catalogue,
    parse_catalogue,
    render_template,
)
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import (
    ContactState,
    OverdueContact,
    QuietKind,
    overdue_sort_key,
    quiet_sort_key,
)

__all__ = [
    "ACTED_ON_WINDOW",
    "CIRCUMSTANCES",
    "CIRCUMSTANCE_LABELS",
    "DEFAULT_REPEAT_DAYS",
    "KNOWN_INTERESTS",
    "LIVES_WITH_SOMEONE",
    "MIN_CATALOGUE_SIZE",
    "NAME_SLOT",
    "PROFESSIONAL_HELP_REPEAT_DAYS",
    "REPEAT_WINDOW",
    "SHIPPED_POLICY",
    "SITUATIONS",
    "SITUATION_LABELS",
    "STRATEGIES_FOR_QUIET_KIND",
    "Catalogue",
    "CatalogueError",
    "CataloguePolicy",
    "ChosenSuggestion",
    "Effort",
    "ShownSuggestion",
    "SlotRole",
    "Strategy",
    "Suggestion",
    "choose_suggestion",
    "is_acted_on",
    "kind_bucket",
    "load_catalogue",
    "parse_catalogue",
    "recently_shown_ids",
    "render_template",
    "strategy_weights",
]

STRATEGIES_FOR_QUIET_KIND: Mapping[ConnectionType, frozenset[Strategy]] = {
    ConnectionType.INTIMATE: frozenset(
        {
            Strategy.REACH_OUT,
            Strategy.ACTIVE_COMMUNICATION,
            Strategy.DIGITAL,
            Strategy.BE_PRESENT,
        }
    ),
    ConnectionType.RELATIONAL: frozenset(
        {
            Strategy.REACH_OUT,
            Strategy.ACTIVE_COMMUNICATION,
            Strategy.DIGITAL,
            Strategy.BE_PRESENT,
        }
    ),
    ConnectionType.COLLECTIVE: frozenset({Strategy.CLUB, Strategy.VOLUNTEER}),
}
"""Which strategies answer a quiet kind."""

REPEAT_WINDOW = timedelta(days=14)
"""An idea shown within this window is never shown again."""
ACTED_ON_WINDOW = timedelta(hours=48)
"""An idea counts as acted on when an interaction of its kind is logged within this window."""
acted_on_window = ACTED_ON_WINDOW  # the name used in the design brief

_ACTED_ON_BONUS = 0.5  # each past acted-on idea of a strategy adds half a weight...
_ACTED_ON_CAP = 4  # ...up to four of them, so one strategy never drowns out the rest
_MATCHED_INTEREST_WEIGHT = 3.0
_UNTAGGED_WEIGHT = 1.0
_TAGGED_WITHOUT_INTERESTS_WEIGHT = 0.5


@dataclass(frozen=True)
class ShownSuggestion:
    """One idea the user was shown before, and whether they acted on it."""

    suggestion_id: str
    strategy: Strategy
    shown_at: datetime
    acted_on: bool


@dataclass(frozen=True)
class ChosenSuggestion:
    """The idea to show: `text` is final (name filled in), plain text.

    `kind` is the kind it was chosen for (the quiet kind, or the named contact's kind for a
    light idea); `contact_id` is the contact named in the text, if any.
    """

    suggestion_id: str
    strategy: Strategy
    text: str
    kind: ConnectionType
    contact_id: int | None


# --- Choosing ----------------------------------------------------------------------------------


def recently_shown_ids(history: Sequence[ShownSuggestion], now: datetime) -> frozenset[str]:
    """Ids shown within `REPEAT_WINDOW` before `now` (or, after clock skew, after it)."""
    cutoff = now - REPEAT_WINDOW
    return frozenset(shown.suggestion_id for shown in history if shown.shown_at > cutoff)


def strategy_weights(history: Sequence[ShownSuggestion]) -> dict[Strategy, float]:
    """Weight per strategy: 1, plus a bonus per past acted-on idea of it (capped)."""
    acted = Counter(shown.strategy for shown in history if shown.acted_on)
    return {
        strategy: 1.0 + _ACTED_ON_BONUS * min(acted[strategy], _ACTED_ON_CAP)
        for strategy in Strategy
    }


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
) -> ChosenSuggestion | None:
    """Pick one idea for this check-in, or None when nothing suitable is left.

    `contacts` are the active contacts (the only source of names), `overdue` ranks them,
    `history` is what this user was shown before (any order). See the module docstring for
    the rules.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    blocked = exclude_ids | recently_shown_ids(history, now)
    pool = _Pool(
        entries=tuple(
            entry
            for entry in catalogue
            if entry.strategy is not Strategy.PROFESSIONAL_HELP
            and entry.id not in blocked
            and not entry.requires  # until users can say they live with someone, have kids...
        ),
        contacts=contacts,
        overdue_rank={
            item.contact_id: rank for rank, item in enumerate(sorted(overdue, key=overdue_sort_key))
        },
        interests=interests,
        weights=strategy_weights(history),
    )
    if not quiet:
        return pool.choose_light(rng)
    ordered = sorted(quiet, key=quiet_sort_key)
    # Name the person, not an abstraction: an idea naming one of a quiet kind's own people
    # wins over an anonymous one for a quieter kind.
    for named_only in (True, False):
        for quiet_kind in ordered:
            chosen = pool.choose_for_kind(quiet_kind.kind, rng, named_only=named_only)
            if chosen is not None:
                return chosen
    return None


def is_acted_on(
    shown_at: datetime,
    suggestion_kinds: ConnectionType | Collection[ConnectionType],
    interaction_at: datetime,
    interaction_kind: ConnectionType,
) -> bool:
    """Whether a logged interaction counts as acting on an idea shown at `shown_at`.

    It does when its kind is one the idea serves (pass the entry's `kinds`, or the chosen
    `kind`) and it was logged from `shown_at` up to `ACTED_ON_WINDOW` later, inclusive.
    """
    kinds = (
        (suggestion_kinds,) if isinstance(suggestion_kinds, ConnectionType) else suggestion_kinds
    )
    return interaction_kind in kinds and shown_at <= interaction_at <= shown_at + ACTED_ON_WINDOW


@dataclass(frozen=True)
class _Candidate:
    entry: Suggestion
    kind: ConnectionType
    contact: ContactState | None
    weight: float


@dataclass(frozen=True)
class _Pool:
    """The ideas still allowed today plus what is needed to weigh and fill them."""

    entries: tuple[Suggestion, ...]
    contacts: Sequence[ContactState]
    overdue_rank: Mapping[int, int]
    interests: frozenset[str]
    weights: Mapping[Strategy, float]
    # The best contact depends only on the kinds a slot accepts: work it out once per set.
    _contact_for: dict[frozenset[ConnectionType], ContactState | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def choose_for_kind(
        self, kind: ConnectionType, rng: random.Random, *, named_only: bool = False
    ) -> ChosenSuggestion | None:
        allowed = STRATEGIES_FOR_QUIET_KIND[kind]
        candidates: list[_Candidate] = []
        for entry in self.entries:
            if kind not in entry.kinds or entry.strategy not in allowed:
                continue
            contact = None
            if entry.has_name_slot:
                # The quiet kind's own people fill the slot when the template allows them;
                # otherwise (e.g. "bring a friend to a club") any kind the slot names.
                wanted = (kind,) if kind in entry.slot_kinds else entry.slot_kinds
                contact = self._pick_contact(wanted)
                if contact is None:
                    continue
            candidates.append(_Candidate(entry, kind, contact, 0.0))
        if named_only:
            candidates = [c for c in candidates if c.contact is not None and c.contact.kind is kind]
        return self._draw(candidates, rng)

    def choose_light(self, rng: random.Random) -> ChosenSuggestion | None:
        candidates: list[_Candidate] = []
        for entry in self.entries:
            if entry.effort is not Effort.TWO_MINUTES:
                continue
            contact = None
            if entry.has_name_slot:
                contact = self._pick_contact(entry.slot_kinds)
                if contact is None:
                    continue
            kind = contact.kind if contact is not None else entry.kinds[0]
            candidates.append(_Candidate(entry, kind, contact, 0.0))
        return self._draw(candidates, rng)

    def _pick_contact(self, kinds: Collection[ConnectionType]) -> ContactState | None:
        """Most overdue fitting contact, else the one seen (or added) longest ago."""
        key = frozenset(kinds)
        if key not in self._contact_for:
            self._contact_for[key] = self._best_contact(key)
        return self._contact_for[key]

    def _best_contact(self, kinds: frozenset[ConnectionType]) -> ContactState | None:
        fitting = [contact for contact in self.contacts if contact.kind in kinds]
        if not fitting:
            return None
        never = len(self.overdue_rank)
        return min(
            fitting,
            key=lambda contact: (
                self.overdue_rank.get(contact.contact_id, never),
                contact.last_interaction_at or contact.created_at,
                contact.contact_id,
            ),
        )

    def _draw(self, candidates: list[_Candidate], rng: random.Random) -> ChosenSuggestion | None:
        weighted = self._weigh(candidates)
        if not weighted:
            return None
        picked = rng.choices(weighted, weights=[item.weight for item in weighted])[0]
        contact = picked.contact
        return ChosenSuggestion(
            suggestion_id=picked.entry.id,
            strategy=picked.entry.strategy,
            text=picked.entry.fill(contact.name if contact is not None else None),
            kind=picked.kind,
            contact_id=contact.contact_id if contact is not None else None,
        )

    def _weigh(self, candidates: list[_Candidate]) -> list[_Candidate]:
        usable = candidates
        if self.interests:
            # Other hobbies' ideas are dropped, unless nothing else would be left.
            usable = [c for c in candidates if _fits_interests(c.entry, self.interests)] or usable
        return [_Candidate(c.entry, c.kind, c.contact, self._weight(c.entry)) for c in usable]

    def _weight(self, entry: Suggestion) -> float:
        if not entry.interests:
            interest_weight = _UNTAGGED_WEIGHT
        elif entry.interests & self.interests:
            interest_weight = _MATCHED_INTEREST_WEIGHT
        else:
            interest_weight = _TAGGED_WITHOUT_INTERESTS_WEIGHT
        return interest_weight * self.weights[entry.strategy]


def _fits_interests(entry: Suggestion, interests: frozenset[str]) -> bool:
    return not entry.interests or bool(entry.interests & interests)
