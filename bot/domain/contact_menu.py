"""Which contacts to offer as buttons, and how /people pages through the rest.

Telegram allows 100 buttons per keyboard, but a thumb finds the right one among eight; the
menu shows the people the user sees most and most lately, and typing reaches everyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.kinds import ConnectionType
from bot.domain.names import search_key

MENU_SIZE = 8
"""Contact buttons in the "Who?" menu."""

PAGE_SIZE = 8
"""Contacts per /people page."""


@dataclass(frozen=True)
class ContactActivity:
    """A contact with how recently and how often the user has logged time with it."""

    contact_id: int
    name: str
    kind: ConnectionType
    last_at: datetime | None
    recent_count: int
    created_at: datetime


def rank_for_menu(
    contacts: Sequence[ContactActivity], limit: int = MENU_SIZE
) -> list[ContactActivity]:
    """Most recent and most frequent first, alternating, without repeats; then the rest.

    Alternating means someone seen every week and someone seen this morning both make the
    menu. Contacts never logged come last, newest first (a contact just added is likely next).
    """
    by_recency = sorted(contacts, key=_recency_key)
    by_frequency = sorted(
        (c for c in contacts if c.recent_count > 0),
        key=lambda c: (-c.recent_count, *_recency_key(c)),
    )
    chosen: dict[int, ContactActivity] = {}
    for index in range(max(len(by_recency), len(by_frequency))):
        for ranking in (by_recency, by_frequency):
            if index < len(ranking) and len(chosen) < limit:
                chosen.setdefault(ranking[index].contact_id, ranking[index])
    return list(chosen.values())


def _recency_key(contact: ContactActivity) -> tuple[int, float, float, str]:
    if contact.last_at is None:
        return (1, 0.0, -contact.created_at.timestamp(), search_key(contact.name))
    return (0, -contact.last_at.timestamp(), 0.0, search_key(contact.name))


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Pages needed for ``total`` items (at least one, so an empty list still has a page)."""
    return max(1, -(-total // size))


def clamp_page(page: int, total: int, size: int = PAGE_SIZE) -> int:
    """A page number that exists (old buttons may point past the end after deletions)."""
    return min(max(page, 0), page_count(total, size) - 1)
