"""Turning one user's stored history into today's check-in, with the pure domain functions.

A personal lead (#12, `bot.domain.checkin_lead`) goes around the usual text: a date on the
day opens it, a due follow-up replaces the catalogue idea (`_with_lead`, self-contained so
the nudge and support line stay `compose_checkin`'s business).

Randomness is seeded from the user and the local date, so composing the same check-in again
(for "Another idea") gives the same greeting and nudge around the new idea. Nothing here
touches the database, so `bench/simulate.py` runs this very code without one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.checkin import CheckinMessage, LogTarget, compose_checkin, should_send
from bot.domain.checkin_lead import Lead
from bot.domain.choosing import Policy, choose_suggestion
from bot.domain.quiet import ContactState, overdue_contacts, quiet_kinds
from bot.domain.suggestions import Catalogue, ShownSuggestion
from bot.domain.support_line import support_line
from bot.domain.variety import PastCheckin
from storage.checkins import ComposeInputs
from storage.personal import PersonalInputs
from storage.users import User


@dataclass(frozen=True)
class AnotherIdea:
    """ "Another idea" on a check-in: skip these ids; `attempt` reseeds the idea's draw."""

    exclude_ids: frozenset[str]
    attempt: int


def _rng(row: User, local_date: date, purpose: str) -> random.Random:
    return random.Random(f"{row.id}:{local_date.isoformat()}:{purpose}")


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
    personal: PersonalInputs | None = None,
) -> CheckinMessage | None:
    """Today's check-in, or None.

    Daily (`another` None): None when the user's frequency says to skip today; something
    quiet gives the nudge plus one fitting idea, nothing quiet a short warm question.
    "Another idea" (`another` given): the same check-in around a different idea (a light one
    when nothing is quiet), or None when no unseen idea fits. `history` holds the ideas shown
    lately (none repeats); `recent` the earlier check-ins, NOT including this one.
    `personal` (from `storage.personal.personal_inputs`) adds dates and follow-ups and says
    which ideas fit the user's life; a due follow-up is the daily idea.
    """
    assert row.timezone is not None
    zone = ZoneInfo(row.timezone)
    quiet = quiet_kinds(
        inputs.last_by_kind,
        now=now,
        zone=zone,
        joined_at=row.created_at,
        thresholds=row.quiet_days,
    )
    overdue = overdue_contacts(inputs.contacts, now=now, zone=zone)
    lead = personal.lead() if personal is not None else None
    circumstances = personal.circumstances if personal is not None else frozenset()
    if another is None and not should_send(row.frequency, quiet, has_lead=lead is not None):
        return None
    followup_idea = lead is not None and lead.idea is not None and another is None
    suggestion = None
    if (quiet or another is not None) and not followup_idea:
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
            circumstances=circumstances,
        )
        if another is not None and suggestion is None:
            return None
    message = compose_checkin(
        quiet=quiet,
        overdue=overdue,
        suggestion=suggestion,
        contacts=inputs.contacts,
        support=support_line(
            quiet,
            inputs.recent_feelings,
            inputs.last_signal_at,
            inputs.last_support_line_at,
            now,
        ),
        now=now,
        zone=zone,
        rng=_rng(row, local_date, "text"),
        recent=recent,
    )
    if lead is None:
        return message
    return _with_lead(message, lead, inputs.contacts, with_followup=followup_idea)


def _with_lead(
    message: CheckinMessage,
    lead: Lead,
    contacts: Sequence[ContactState],
    *,
    with_followup: bool,
) -> CheckinMessage:
    """The check-in with the dates first and the follow-up as its idea.

    *Log a connection* then preselects the follow-up's (or the date's) person.
    """
    paragraphs = message.text.split("\n\n")
    followup = lead.followup if with_followup else None
    if followup is not None and lead.idea is not None:
        paragraphs.insert(1, lead.idea)
    if lead.opening is not None:
        paragraphs.insert(0, lead.opening)
    contact_id = followup.contact_id if followup is not None else lead.contact_id
    person = next((c for c in contacts if c.contact_id == contact_id), None)
    named = message.named_contacts | ({person.contact_id} if person is not None else set())
    target = LogTarget(person.kind, person.contact_id) if person is not None else None
    return replace(
        message,
        text="\n\n".join(paragraphs),
        named_contacts=frozenset(named),
        log_target=target or message.log_target,
        followup_id=followup.id if followup is not None else None,
        mention_ahead=lead.mention_ahead,
    )
