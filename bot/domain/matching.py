"""Find which contact the user meant when they typed a name.

Outcomes (``MatchResult.kind``):
- ``exact``: one contact has this name, ignoring case and accents. Safe to use without asking.
- ``suggest``: no exact name, but one contact is clearly the best near miss (a typo, the start
  of the name, or one word of it). Ask "Did you mean Alex?" before using it.
- ``ambiguous``: several contacts fit equally well (or share the exact name once accents are
  ignored). Ask which, offering ``candidates``.
- ``none``: nothing fits; offer to add the typed name as a new contact.

Near misses are never reported as exact, however likely, so a typo never silently logs time
with the wrong person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import OSA

from bot.domain.names import name_key, search_key

MatchKind = Literal["exact", "suggest", "ambiguous", "none"]

MIN_PREFIX_LENGTH = 2
"""Typed text shorter than this only matches exactly ("a" would otherwise fit everyone)."""


@dataclass(frozen=True)
class Candidate:
    """A contact as the matcher sees it."""

    contact_id: int
    name: str


@dataclass(frozen=True)
class MatchResult:
    """What :func:`match_contact` found; ``candidates`` is best-first and empty for ``none``."""

    kind: MatchKind
    candidates: tuple[Candidate, ...] = ()

    @property
    def single(self) -> Candidate | None:
        """The one contact for ``exact`` and ``suggest``; None otherwise."""
        if self.kind in ("exact", "suggest"):
            return self.candidates[0]
        return None


NO_MATCH = MatchResult("none")


def match_contact(typed: str, contacts: Sequence[Candidate]) -> MatchResult:
    """Match ``typed`` against the user's ``contacts``; see the module docstring for outcomes.

    Ties are returned in full (sorted by name); a caller showing buttons may cut the list.
    """
    typed_identity = name_key(typed)
    typed_search = search_key(typed)
    if not typed_identity:
        return NO_MATCH

    same_identity = [c for c in contacts if name_key(c.name) == typed_identity]
    if same_identity:
        return _exact_or_ambiguous(same_identity)
    if not typed_search:
        return NO_MATCH
    same_search = [c for c in contacts if search_key(c.name) == typed_search]
    if same_search:
        return _exact_or_ambiguous(same_search)

    scored = [(cost, c) for c in contacts if (cost := _near_miss_cost(typed_search, c)) is not None]
    if not scored:
        return NO_MATCH
    best_cost = min(cost for cost, _ in scored)
    best = _sorted([c for cost, c in scored if cost == best_cost])
    return MatchResult("suggest" if len(best) == 1 else "ambiguous", tuple(best))


def typo_budget(length: int) -> int:
    """Edits tolerated for a name of ``length`` letters.

    Two letters: none (``Jo`` vs ``Bo`` is a different name). Three to seven: one — ``bob``
    may offer ``Rob``, but only as a suggestion. Eight or more: two.
    """
    if length < 3:
        return 0
    return 1 if length < 8 else 2


def _near_miss_cost(typed: str, contact: Candidate) -> int | None:
    """How far ``typed`` is from ``contact`` (lower is closer), or None if it does not fit.

    A whole word, a prefix and a one-letter typo all cost 1 so that, say, ``jamis`` asks
    between Jamie (typo) and Jamison (prefix) instead of picking one.
    """
    key = search_key(contact.name)
    if not key:
        return None
    words = key.split(" ")
    costs: list[int] = []

    if len(typed) >= MIN_PREFIX_LENGTH and (
        key.startswith(typed) or _is_word_run(typed, words) or _starts_a_word(typed, words)
    ):
        costs.append(1)

    budget = typo_budget(min(len(typed), len(key)))
    if budget:
        whole = OSA.distance(typed, key, score_cutoff=budget)
        if whole <= budget:
            costs.append(whole)
    for word in words if len(words) > 1 else ():
        word_budget = typo_budget(min(len(typed), len(word)))
        if word_budget and OSA.distance(typed, word, score_cutoff=word_budget) <= word_budget:
            costs.append(1 + OSA.distance(typed, word))
    if len(typed) >= 4 and len(key) > len(typed):
        prefix_miss = min(
            OSA.distance(typed, key[:length]) for length in range(len(typed) - 1, len(typed) + 2)
        )
        if prefix_miss <= 1:
            costs.append(1 + prefix_miss)
    return min(costs) if costs else None


def _is_word_run(typed: str, words: list[str]) -> bool:
    """``mary`` in ``aunt mary``, ``van der berg`` in ``anna van der berg``."""
    typed_words = typed.split(" ")
    size = len(typed_words)
    return any(words[i : i + size] == typed_words for i in range(len(words) - size + 1))


def _starts_a_word(typed: str, words: list[str]) -> bool:
    """``mar`` in ``aunt mary``: the typed text begins one of the later words."""
    return any(word.startswith(typed) for word in words[1:])


def _exact_or_ambiguous(found: list[Candidate]) -> MatchResult:
    if len(found) == 1:
        return MatchResult("exact", (found[0],))
    return MatchResult("ambiguous", tuple(_sorted(found)))


def _sorted(found: list[Candidate]) -> list[Candidate]:
    return sorted(found, key=lambda c: (search_key(c.name), name_key(c.name), c.contact_id))
