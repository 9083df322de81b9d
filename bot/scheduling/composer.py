"""Turning one user's stored history into today's check-in, with the pure domain functions.

Randomness is seeded from the user and the local date, so composing the same check-in again
(for "Another idea") gives the same greeting and nudge around the new idea. Nothing here
touches the database, so `bench/simulate.py` runs this very code without one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinMessage, compose_checkin, should_send
from bot.domain.choosing import Policy, choose_suggestion
from bot.domain.quiet import overdue_contacts, quiet_kinds
from bot.domain.suggestions import Catalogue, ShownSuggestion
from bot.domain.variety import PastCheckin
from storage.checkins import ComposeInputs
from storage.users import User


@dataclass(frozen=True)
class AnotherIdea:
    """ "Another idea" on a check-in: skip these ids; `attempt` reseeds the idea's draw."""

    exclude_ids: frozenset[str]
    attempt: int


def _rng(row: User, local_date: date, purpose: str) -> random.Random:
    return random.Random(f"{row.user_id}:{local_date.isoformat()}:{purpose}")


def compose(
    row: User,
    inputs: ComposeInputs,
    history: Sequence[ShownSuggestion],
    catalogue: Catalogue,
    *,
    now: datetime,
    local_date: date,
    recent: Sequence[PastCheckin] = (),
    another: AnotherIdea | None = None,
    policy: Policy = Policy.LEARN,
) -> CheckinMessage | None:
    """Today's check-in, or None.

    Daily (`another` None): None when the user's frequency says to skip today; something
    quiet gives the nudge plus one fitting idea, nothing quiet a short warm question.
    "Another idea" (`another` given): the same check-in around a different idea (a light one
    when nothing is quiet), or None when no unseen idea fits. `history` holds the ideas shown
    lately (none repeats); `recent` the earlier check-ins, NOT including this one.
    """
    assert row.timezone is not None
    zone = ZoneInfo(row.timezone)
    quiet = quiet_kinds(
        inputs.last_by_kind,
        now=now,
        zone=zone,
        joined_at=row.created_at,
        thresholds=row.thresholds,
    )
    overdue = overdue_contacts(inputs.contacts, now=now, zone=zone)
    if another is None and not should_send(row.frequency, quiet):
        return None
    suggestion = None
    if quiet or another is not None:
        purpose = "idea" if another is None else f"idea-{another.attempt}"
        suggestion = choose_suggestion(
            catalogue,
            quiet=quiet,
            contacts=inputs.contacts,
            overdue=overdue,
            interests=row.interests,
            history=history,
            now=now,
            rng=_rng(row, local_date, purpose),
            exclude_ids=another.exclude_ids if another is not None else frozenset(),
            recent=recent,
            policy=policy,
        )
        if another is not None and suggestion is None:
            return None
    return compose_checkin(
        quiet=quiet,
        overdue=overdue,
        suggestion=suggestion,
        contacts=inputs.contacts,
        recent_feelings=inputs.recent_feelings,
        now=now,
        zone=zone,
        rng=_rng(row, local_date, "text"),
        recent=recent,
    )
