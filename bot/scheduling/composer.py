"""Turning one user's stored history into today's check-in, with the pure domain functions.

Randomness is seeded from the user and the local date, so composing the same check-in again
(for "Another idea") gives the same greeting and nudge around the new idea.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinMessage, compose_checkin, should_send
from bot.domain.quiet import OverdueContact, QuietKind, overdue_contacts, quiet_kinds
from bot.domain.suggestions import Catalogue, ChosenSuggestion, ShownSuggestion, choose_suggestion
from storage.checkins import ComposeInputs, ScheduleRow


def _rng(row: ScheduleRow, local_date: date, purpose: str) -> random.Random:
    return random.Random(f"{row.user_id}:{local_date.isoformat()}:{purpose}")


def compose_for(
    row: ScheduleRow,
    inputs: ComposeInputs,
    history: Sequence[ShownSuggestion],
    catalogue: Catalogue,
    *,
    now: datetime,
    local_date: date,
) -> CheckinMessage | None:
    """Today's check-in, or None when the user's frequency says to skip today.

    Something quiet: the nudge plus one fitting idea. Nothing quiet: a short warm question
    ("Another idea" can still fetch a small idea on request).
    """
    zone, quiet, overdue = _standing(row, inputs, now)
    if not should_send(row.frequency, quiet):
        return None
    suggestion = None
    if quiet:
        suggestion = choose_suggestion(
            catalogue,
            quiet=quiet,
            contacts=inputs.contacts,
            overdue=overdue,
            interests=row.interests,
            history=history,
            now=now,
            rng=_rng(row, local_date, "idea"),
        )
    return compose_checkin(
        quiet=quiet,
        overdue=overdue,
        suggestion=suggestion,
        contacts=inputs.contacts,
        recent_feelings=inputs.recent_feelings,
        now=now,
        zone=zone,
        rng=_rng(row, local_date, "text"),
    )


def _standing(
    row: ScheduleRow, inputs: ComposeInputs, now: datetime
) -> tuple[ZoneInfo, list[QuietKind], list[OverdueContact]]:
    """Where the user stands today: their zone, quiet kinds and overdue people."""
    assert row.timezone is not None
    zone = ZoneInfo(row.timezone)
    quiet = quiet_kinds(
        inputs.last_by_kind,
        now=now,
        zone=zone,
        joined_at=row.created_at,
        thresholds=row.thresholds,
    )
    return zone, quiet, overdue_contacts(inputs.contacts, now=now, zone=zone)


def compose_with_new_idea(
    row: ScheduleRow,
    inputs: ComposeInputs,
    history: Sequence[ShownSuggestion],
    catalogue: Catalogue,
    *,
    now: datetime,
    local_date: date,
    exclude_ids: frozenset[str],
    attempt: int,
) -> tuple[CheckinMessage, ChosenSuggestion] | None:
    """The same check-in around a different idea, or None when no unseen idea fits.

    `history` already holds every idea shown in the last 14 days (so none repeats);
    `exclude_ids` adds the ones on this check-in in case their history rows were trimmed.
    """
    zone, quiet, overdue = _standing(row, inputs, now)
    suggestion = choose_suggestion(
        catalogue,
        quiet=quiet,
        contacts=inputs.contacts,
        overdue=overdue,
        interests=row.interests,
        history=history,
        now=now,
        rng=_rng(row, local_date, f"idea-{attempt}"),
        exclude_ids=exclude_ids,
    )
    if suggestion is None:
        return None
    message = compose_checkin(
        quiet=quiet,
        overdue=overdue,
        suggestion=suggestion,
        contacts=inputs.contacts,
        recent_feelings=inputs.recent_feelings,
        now=now,
        zone=zone,
        rng=_rng(row, local_date, "text"),
    )
    return message, suggestion
