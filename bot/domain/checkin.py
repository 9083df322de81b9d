"""The words of the daily check-in, built from the user's own data.

Output is PLAIN TEXT: send it with no parse mode. Contact names go in verbatim, so a name like
"<Sam & co>" is shown as typed; nothing here needs HTML escaping.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from statistics import fmean
from zoneinfo import ZoneInfo

from bot.domain.kinds import ConnectionType
from bot.domain.quiet import (
    ContactState,
    OverdueContact,
    QuietKind,
    local_days_between,
    overdue_sort_key,
    quiet_sort_key,
)
from bot.domain.suggestions import ChosenSuggestion

SUPPORT_COMMAND = "/support"

SUPPORT_QUIET_DAYS = 14
"""Offer the support line once every kind has been quiet this many days past its threshold."""
SUPPORT_FEELINGS_COUNT = 5
SUPPORT_FEELINGS_AVERAGE = 2.0
"""...or once the last five logged feelings (1-5) average this or less."""

SUPPORT_LINE = (
    "If things have felt heavy for a while, talking with a professional can really help. "
    f"{SUPPORT_COMMAND} has a few places to start."
)

SUPPORT_TEXT = f"""Talking with someone trained can help, whatever is going on.

• Your GP or family doctor is a good first step. They can listen and point you to support near you.
• A local helpline lets you talk to someone today, often free and anonymous. findahelpline.com lists services by country.
• A counsellor or therapist can help with loneliness, low mood or anything else that's weighing on you.

If you or someone else is in danger right now, call your local emergency number (for example 112 in Europe, 911 in the US and Canada, 999 in the UK, 000 in Australia).

Tend is a reminder bot, not a crisis service, and it can't respond in an emergency. You can come back to this any time with {SUPPORT_COMMAND}."""  # noqa: E501
"""Reply to the /support command (plain text)."""

_GREETINGS = (
    "Did you connect with anyone today?",
    "Who did you connect with today? A quick message counts.",
    "Any time with people today, even a short chat?",
    "Did you catch up with anyone today?",
)
_IDEA_LEADS = ("One idea: ", "An idea, if it suits: ", "Something to try: ")
_LIGHT_IDEA_LEADS = ("A small idea, if you fancy it: ", "Something small, if you like: ")


class CheckinFrequency(StrEnum):
    """How often the user wants the check-in; the value is what storage keeps."""

    DAILY = "daily"
    WHEN_QUIET = "when_quiet"
    OFF = "off"


@dataclass(frozen=True)
class CheckinMessage:
    """A composed check-in: plain `text` plus what went into it, for logging and buttons."""

    text: str
    suggestion: ChosenSuggestion | None
    quiet: tuple[QuietKind, ...]
    support_line: bool


def should_send(frequency: CheckinFrequency, quiet: Sequence[QuietKind]) -> bool:
    """Whether today's check-in goes out at all under the user's chosen frequency."""
    if frequency is CheckinFrequency.DAILY:
        return True
    if frequency is CheckinFrequency.WHEN_QUIET:
        return bool(quiet)
    return False


def needs_support_line(quiet: Sequence[QuietKind], recent_feelings: Sequence[int]) -> bool:
    """Whether to add the gentle pointer to /support.

    True when every kind has been quiet at least `SUPPORT_QUIET_DAYS` past its threshold, or
    when the last `SUPPORT_FEELINGS_COUNT` feelings (chronological, oldest first) average
    `SUPPORT_FEELINGS_AVERAGE` or less. Fewer feelings than that never trigger it.
    """
    for feeling in recent_feelings:
        if not 1 <= feeling <= 5:
            raise ValueError(f"feelings are 1-5, got {feeling}")
    long_quiet = {item.kind for item in quiet if item.days_past_threshold >= SUPPORT_QUIET_DAYS}
    if long_quiet == set(ConnectionType):
        return True
    if len(recent_feelings) < SUPPORT_FEELINGS_COUNT:
        return False
    return fmean(recent_feelings[-SUPPORT_FEELINGS_COUNT:]) <= SUPPORT_FEELINGS_AVERAGE


def compose_checkin(
    *,
    quiet: Sequence[QuietKind],
    overdue: Sequence[OverdueContact],
    suggestion: ChosenSuggestion | None,
    contacts: Sequence[ContactState],
    recent_feelings: Sequence[int],
    now: datetime,
    zone: ZoneInfo,
    rng: random.Random,
) -> CheckinMessage:
    """Build today's check-in. Deterministic for a given `rng`.

    Nothing quiet: one warm question, with who was last seen (or who is overdue) by name.
    Something quiet: names the quiet kind the suggestion serves (else the most quiet) and for
    how long, the most overdue person,
    and the `suggestion` (pick it with `choose_suggestion`; None leaves it out). A light
    suggestion passed while nothing is quiet is offered softly. `recent_feelings` are the
    user's logged feelings, oldest first.
    """
    quiet_sorted = tuple(sorted(quiet, key=quiet_sort_key))
    most_overdue = min(overdue, key=overdue_sort_key, default=None)
    paragraphs: list[str] = []

    if quiet_sorted:
        # Lead with the quiet kind the idea is for, so the nudge and the idea tell one story.
        headline = next(
            (item for item in quiet_sorted if suggestion and item.kind is suggestion.kind),
            quiet_sorted[0],
        )
        nudge = [_quiet_sentence(headline)]
        if most_overdue is not None:
            nudge.append(_overdue_sentence(most_overdue, also=True))
        paragraphs.append(" ".join(nudge))
        if suggestion is not None:
            paragraphs.append(rng.choice(_IDEA_LEADS) + suggestion.text)
    else:
        greeting = rng.choice(_GREETINGS)
        if most_overdue is not None:
            paragraphs.append(f"{greeting} {_overdue_sentence(most_overdue)}")
        else:
            paragraphs.append(_with_last_seen(greeting, contacts, now, zone))
        if suggestion is not None:
            paragraphs.append(rng.choice(_LIGHT_IDEA_LEADS) + suggestion.text)

    support = needs_support_line(quiet_sorted, recent_feelings)
    if support:
        paragraphs.append(SUPPORT_LINE)
    return CheckinMessage(
        text="\n\n".join(paragraphs),
        suggestion=suggestion,
        quiet=quiet_sorted,
        support_line=support,
    )


def _quiet_sentence(quiet: QuietKind) -> str:
    phrase = quiet.kind.phrase
    if quiet.never_logged:
        return f"You haven't logged any {phrase} since you joined {_days(quiet.days_since)} ago."
    return f"It's been {_days(quiet.days_since)} since your last {phrase}."


def _overdue_sentence(overdue: OverdueContact, *, also: bool = False) -> str:
    if overdue.never_logged:
        return (
            f"You added {overdue.name} {_days(overdue.days_since)} ago "
            "and haven't logged time together yet."
        )
    rhythm = "every day" if overdue.rhythm_days == 1 else f"every {overdue.rhythm_days}"
    lead = "It's also been" if also else "It's been"
    return (
        f"{lead} {_days(overdue.days_since)} since you last logged time with "
        f"{overdue.name} (you'd aimed for {rhythm})."
    )


def _with_last_seen(
    greeting: str, contacts: Sequence[ContactState], now: datetime, zone: ZoneInfo
) -> str:
    """Prefix the greeting with the person most recently logged, when there is one."""
    seen = [
        (contact.last_interaction_at, -contact.contact_id, contact.name)
        for contact in contacts
        if contact.last_interaction_at is not None and contact.last_interaction_at <= now
    ]
    if not seen:
        return greeting
    last_at, _, name = max(seen, key=lambda item: item[:2])
    days = local_days_between(last_at, now, zone)
    if days == 0:
        return f"You've already logged time with {name} today. Anyone else?"
    when = "yesterday" if days == 1 else f"{days} days ago"
    return f"You last logged time with {name} {when}. {greeting}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
