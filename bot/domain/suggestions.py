"""The vocabulary a check-in's idea is described in: what was shown and what was chosen.

The catalogue itself (``bot/data/suggestions.toml``, its validation and how a name is filled
in) is `bot.domain.catalogue`, re-exported here; choosing one idea is `bot.domain.choosing`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    "kind_bucket",
    "load_catalogue",
    "parse_catalogue",
    "render_template",
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
