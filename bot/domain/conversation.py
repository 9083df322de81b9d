"""What every multi-step conversation's state has in common, so one table can hold them all.

A conversation's state is a frozen dataclass in ``bot/domain`` that names its feature
(``name``), its open question (``step``), and round-trips through JSON (``to_json`` /
``from_json``). Handlers store it before asking the next question and read it back for the
next message or button, so nothing a conversation needs lives in process memory.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol


class ConversationState(Protocol):
    """The shape :mod:`storage.conversations` stores: a feature name, a step, a payload."""

    name: ClassVar[str]

    @property
    def step(self) -> str:
        """The open question (a StrEnum value)."""
        ...

    def to_json(self) -> str:
        """Everything besides ``step`` the next answer needs, as a JSON object."""
        ...


class BadState(ValueError):
    """A stored row this version cannot read (dropped, never trusted)."""


def payload_of(text: str) -> Mapping[str, Any]:
    """A stored payload as a mapping; anything but a JSON object is a :class:`BadState`."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadState("payload is not JSON") from error
    if not isinstance(value, dict):
        raise BadState("payload is not a JSON object")
    return value


def is_abandoned(updated_at: datetime, now: datetime, expires_after: timedelta | None) -> bool:
    """Left alone so long that reading the next text as its answer would surprise the user."""
    return expires_after is not None and now - updated_at >= expires_after
