"""Choosing what goes into the answer to distress: whom to name, or which small idea.

Pure: the handler passes the user's active contacts, the catalogue, the time and the zone.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.callbacks import CallbackData
from bot.domain.catalogue import Effort, Strategy, Suggestion
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState, overdue_contacts

_PEOPLE = frozenset({ConnectionType.INTIMATE, ConnectionType.RELATIONAL})


@dataclass(frozen=True)
class TalkNow(CallbackData, prefix="sft"):
    """*Talk to someone now* under a crisis reply: the numbers again."""


@dataclass(frozen=True)
class SafeNow(CallbackData, prefix="sfs"):
    """*I'm safe, thanks* under a crisis reply: a kind close."""


def person_to_name(contacts: Sequence[ContactState], now: datetime, zone: ZoneInfo) -> str | None:
    """One of their people for a two-line message: the most overdue for their rhythm, else
    the one seen longest ago (never-logged ones count from when they were added). Groups are
    left out: a message to one person is the smallest step."""
    people = [contact for contact in contacts if contact.kind in _PEOPLE]
    if not people:
        return None
    overdue = overdue_contacts(people, now=now, zone=zone)
    if overdue:
        return overdue[0].name
    longest = min(
        people,
        key=lambda contact: (contact.last_interaction_at or contact.created_at, contact.contact_id),
    )
    return longest.name


def small_collective_idea(catalogue: Iterable[Suggestion], user_id: int, today: date) -> str | None:
    """A two-minute idea about being among others, for someone with nobody on their list.

    Only ideas that ask nothing of their situation and name no one; the same all day (seeded
    by user and date), so asking twice does not shuffle. None: use the reply's default.
    """
    fitting = sorted(
        (
            idea
            for idea in catalogue
            if ConnectionType.COLLECTIVE in idea.kinds
            and idea.effort is Effort.TWO_MINUTES
            and idea.strategy is not Strategy.PROFESSIONAL_HELP
            and not idea.has_name_slot
            and not idea.requires
            and not idea.unsuited
        ),
        key=lambda idea: idea.id,
    )
    if not fitting:
        return None
    text = random.Random(f"{user_id}:{today.isoformat()}").choice(fitting).text
    return text[:1].lower() + text[1:]
