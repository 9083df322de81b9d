"""Variety and fairness across consecutive check-ins.

The rules (checked by `rule_breaches`, which the tests and `make simulate` run over long
histories), for any `WINDOW` consecutive check-ins:

* every kind that is quiet in one of them is named in one of them (the check-in names every
  quiet kind, in one sentence, so this holds by construction);
* no person is named in more than `MAX_MENTIONS` of them, unless they are the user's only
  contact of that kind (`may_name` keeps the count over the previous `WINDOW - 1`);
* no two consecutive check-ins open with the same sentence (`pick_opener` never reuses
  yesterday's opener);
* no idea repeats within its repeat window (14 days; ideas may ask for longer).

People are rotated by how overdue they are against their own rhythm (days since / rhythm; a
contact without one is measured against its kind's quiet threshold), discounted for each
recent mention, so the most overdue person leads but does not take every day.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.kinds import DEFAULT_QUIET_DAYS, ConnectionType
from bot.domain.quiet import ContactState

WINDOW = 7
MAX_MENTIONS = 3
DEFAULT_REPEAT_DAYS = 14
_SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class PastCheckin:
    """What an earlier check-in named; stored per check-in (``checkin_variety``)."""

    local_date: date
    opener: str
    named_kinds: frozenset[ConnectionType] = frozenset()
    named_contacts: frozenset[int] = frozenset()


def previous_window(recent: Sequence[PastCheckin]) -> list[PastCheckin]:
    """The last `WINDOW - 1` check-ins, newest first (today makes the window whole)."""
    return sorted(recent, key=lambda item: item.local_date, reverse=True)[: WINDOW - 1]


def previous_opener(recent: Sequence[PastCheckin]) -> str | None:
    """The opener of the latest earlier check-in, if any."""
    window = previous_window(recent)
    return window[0].opener if window else None


def mention_ages(recent: Sequence[PastCheckin]) -> dict[int, list[int]]:
    """For each contact named lately, how many check-ins ago (1 = the previous one)."""
    ages: dict[int, list[int]] = {}
    for age, past in enumerate(previous_window(recent), start=1):
        for contact_id in past.named_contacts:
            ages.setdefault(contact_id, []).append(age)
    return ages


def is_sole_of_kind(
    contact_id: int, kind: ConnectionType, contacts: Sequence[ContactState]
) -> bool:
    """The user's only active contact of this kind (they may be named every day)."""
    return all(other.contact_id == contact_id for other in contacts if other.kind is kind)


def may_name(
    contact_id: int,
    kind: ConnectionType,
    contacts: Sequence[ContactState],
    ages: Mapping[int, Sequence[int]],
) -> bool:
    """Whether naming this contact today keeps them within `MAX_MENTIONS` in every window."""
    return len(ages.get(contact_id, ())) < MAX_MENTIONS or is_sole_of_kind(
        contact_id, kind, contacts
    )


def overdue_ratio(contact: ContactState, now: datetime) -> float:
    """Days since last seen (or added) over their rhythm, or their kind's default threshold."""
    since = contact.last_interaction_at or contact.created_at
    days = max((now - since).total_seconds() / _SECONDS_PER_DAY, 0.0)
    rhythm = contact.rhythm_days or DEFAULT_QUIET_DAYS[contact.kind]
    return days / rhythm


def mention_discount(ages: Sequence[int]) -> float:
    """Each recent mention lowers the score: a lot if yesterday, a little if six days ago."""
    factor = 1.0
    for age in ages:
        factor *= min(1.0, 0.3 + 0.12 * (age - 1))
    return factor


def rotate(
    candidates: Sequence[ContactState],
    contacts: Sequence[ContactState],
    ages: Mapping[int, Sequence[int]],
    now: datetime,
    overdue_ids: Collection[int] = (),
) -> list[ContactState]:
    """`candidates` that may be named today, best first.

    Overdue people come first, by how overdue they are for their rhythm; then the others by
    how long since they were seen against their kind's threshold. Either way each recent
    mention discounts the score, so the most overdue person leads without taking every day.
    """
    allowed = [c for c in candidates if may_name(c.contact_id, c.kind, contacts, ages)]
    return sorted(
        allowed,
        key=lambda contact: (
            contact.contact_id not in overdue_ids,
            -overdue_ratio(contact, now) * mention_discount(ages.get(contact.contact_id, ())),
            contact.contact_id,
        ),
    )


def pick_opener(options: Sequence[str], previous: str | None, rng: random.Random) -> str:
    """An opener id from `options`, never the previous check-in's (when there is a choice)."""
    fresh = [option for option in options if option != previous] or list(options)
    return rng.choice(fresh)


# --- checking the rules over a history --------------------------------------------------------


@dataclass(frozen=True)
class CheckinFacts:
    """Everything the rules need about one composed check-in (for tests and the simulation)."""

    local_date: date
    quiet_kinds: frozenset[ConnectionType]
    named_kinds: frozenset[ConnectionType]
    named_contacts: frozenset[int]
    sole_contacts: frozenset[int]
    opening_sentence: str
    suggestion_id: str | None = None
    repeat_days: int = DEFAULT_REPEAT_DAYS


def rule_breaches(history: Sequence[CheckinFacts]) -> list[str]:
    """Every broken variety rule in a user's check-ins (oldest first); empty when all hold."""
    breaches: list[str] = []
    for start in range(max(len(history) - WINDOW + 1, 1)):
        window = history[start : start + WINDOW]
        quiet = frozenset().union(*(item.quiet_kinds for item in window))
        named = frozenset().union(*(item.named_kinds for item in window))
        for kind in sorted(quiet - named):
            breaches.append(f"{window[0].local_date}: quiet {kind} never named in {WINDOW}")
        counts: dict[int, int] = {}
        for item in window:
            for contact_id in item.named_contacts - item.sole_contacts:
                counts[contact_id] = counts.get(contact_id, 0) + 1
        for contact_id, count in sorted(counts.items()):
            if count > MAX_MENTIONS:
                breaches.append(f"{window[0].local_date}: contact {contact_id} named {count}x")
    for before, after in itertools.pairwise(history):
        if before.opening_sentence == after.opening_sentence:
            breaches.append(f"{after.local_date}: same opening sentence as the day before")
    last_shown: dict[str, date] = {}
    for item in history:
        if item.suggestion_id is None:
            continue
        previous = last_shown.get(item.suggestion_id)
        if previous is not None and (item.local_date - previous).days < item.repeat_days:
            breaches.append(f"{item.local_date}: idea {item.suggestion_id} repeated too soon")
        last_shown[item.suggestion_id] = item.local_date
    return breaches
