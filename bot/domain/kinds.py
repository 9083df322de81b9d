"""The three connection types named by the article, shared by every part of Tend."""

from __future__ import annotations

from enum import StrEnum


class ConnectionType(StrEnum):
    """A kind of connection; the value is what the database stores."""

    INTIMATE = "intimate"
    RELATIONAL = "relational"
    COLLECTIVE = "collective"

    @property
    def label(self) -> str:
        """Short human name used in buttons and summaries."""
        return _LABELS[self]

    @property
    def examples(self) -> str:
        """Who belongs here, in the user's words."""
        return _EXAMPLES[self]

    @property
    def phrase(self) -> str:
        """How a sentence names time spent in this kind ("your last ... time")."""
        return _PHRASES[self]


_LABELS = {
    ConnectionType.INTIMATE: "Intimate",
    ConnectionType.RELATIONAL: "Relational",
    ConnectionType.COLLECTIVE: "Collective",
}

_EXAMPLES = {
    ConnectionType.INTIMATE: "partner, family, closest friends",
    ConnectionType.RELATIONAL: "friends, colleagues, neighbours",
    ConnectionType.COLLECTIVE: "a club, team, faith group, volunteering",
}

_PHRASES = {
    ConnectionType.INTIMATE: "time with someone close",
    ConnectionType.RELATIONAL: "catch-up with a friend or colleague",
    ConnectionType.COLLECTIVE: "group or community time",
}

DEFAULT_QUIET_DAYS: dict[ConnectionType, int] = {
    ConnectionType.INTIMATE: 4,
    ConnectionType.RELATIONAL: 7,
    ConnectionType.COLLECTIVE: 14,
}
