"""What a check-in opens with when Tend knows something personal about today.

A date on the day leads ("It's Sam's birthday today."); a date a few days off is mentioned
once ("Sam's birthday is in 3 days (Friday)."); a due follow-up becomes the day's idea ("Sam
had the interview on Friday. Ask how it went?"). The composer puts ``opening`` before its
usual text, uses ``idea`` instead of a catalogue idea, and records ``mention_ahead`` in the
same transaction that claims the check-in, so an ahead mention is said once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.followups import Followup, due_followups, followup_idea
from bot.domain.important_dates import (
    ImportantDate,
    ahead_sentence,
    dates_in,
    dates_today,
    today_sentence,
)

AHEAD_DAYS = 3
"""How many days before a date it is mentioned (once, on the first check-in in that window)."""

MAX_DATE_SENTENCES = 3
"""More would crowd out the rest of the check-in; the others stay on /people."""


@dataclass(frozen=True, slots=True)
class AheadMention:
    """A date mentioned ahead of its ``occurrence``; store it so it is not said again."""

    date_id: int
    occurrence: date


@dataclass(frozen=True, slots=True)
class Lead:
    """The personal part of today's check-in."""

    opening: str | None
    """Date sentences to open the check-in with, or None."""
    followup: Followup | None
    """The follow-up offered as today's idea (buttons: Done, Later, Not needed)."""
    idea: str | None
    """Its sentence; use instead of a catalogue idea."""
    contact_id: int | None
    """Whom *Log a connection* should preselect: the follow-up's person, else the date's."""
    mention_ahead: tuple[AheadMention, ...] = ()
    dates_today: tuple[int, ...] = ()
    """Ids of the dates falling today (for the caller's records and tests)."""


def lead_for_today(
    dates: Iterable[ImportantDate],
    followups: Iterable[Followup],
    today: date,
    *,
    ahead_setting: bool = True,
    with_age: bool = True,
) -> Lead | None:
    """Decide the check-in's personal lead for the user's local ``today``; None if nothing.

    ``dates`` may hold any of the user's dates (the storage batch query passes those from
    today to :data:`AHEAD_DAYS` ahead); ``ahead_setting`` is the user's "mention dates
    3 days ahead" setting, and each date's own ``remind_ahead`` must allow it too.
    """
    dates = list(dates)
    on_the_day = dates_today(dates, today)
    ahead = _ahead(dates, today) if ahead_setting else []
    sentences = [today_sentence(d, today, with_age=with_age) for d in on_the_day]
    mentioned: list[AheadMention] = []
    for important, occurrence in ahead:
        if len(sentences) >= MAX_DATE_SENTENCES:
            break
        sentences.append(ahead_sentence(important, occurrence, today))
        mentioned.append(AheadMention(important.id, occurrence))
    due = due_followups(followups, today)
    followup = due[0] if due else None
    if not sentences and followup is None:
        return None
    contact_id = (
        followup.contact_id if followup else on_the_day[0].contact_id if on_the_day else None
    )
    return Lead(
        opening=" ".join(sentences[:MAX_DATE_SENTENCES]) or None,
        followup=followup,
        idea=followup_idea(followup, today) if followup else None,
        contact_id=contact_id,
        mention_ahead=tuple(mentioned),
        dates_today=tuple(d.id for d in on_the_day),
    )


def _ahead(dates: Sequence[ImportantDate], today: date) -> list[tuple[ImportantDate, date]]:
    return [
        (important, occurrence)
        for important, occurrence in dates_in(dates, today, AHEAD_DAYS)
        if important.remind_ahead and important.ahead_mentioned_for != occurrence
    ]
