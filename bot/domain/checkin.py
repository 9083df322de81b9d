"""The words of the daily check-in, built from the user's own data.

Output is PLAIN TEXT: send it with no parse mode. Contact names go in verbatim, so a name like
"<Sam & co>" is shown as typed; nothing here needs HTML escaping.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from statistics import fmean
from zoneinfo import ZoneInfo

from bot.domain.checkin_lead import AheadMention
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
from bot.domain.variety import (
    PastCheckin,
    may_name,
    mention_ages,
    mention_discount,
    pick_opener,
    previous_opener,
)

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
class LogTarget:
    """Who (or what kind) *Log a connection* preselects: the person the check-in suggests."""

    kind: ConnectionType
    contact_id: int | None = None


@dataclass(frozen=True)
class CheckinMessage:
    """A composed check-in: plain `text` plus what went into it, for logging and buttons.

    `opener` names the opening sentence's template, `named_kinds`/`named_contacts` what the
    text names; stored per check-in so tomorrow's can vary (`bot.domain.variety`).
    """

    text: str
    suggestion: ChosenSuggestion | None
    quiet: tuple[QuietKind, ...]
    support_line: bool
    opener: str = ""
    named_kinds: frozenset[ConnectionType] = frozenset()
    named_contacts: frozenset[int] = frozenset()
    log_target: LogTarget | None = None
    followup_id: int | None = None
    """The follow-up offered as the idea (#12): its Done / Later / Not needed buttons."""
    mention_ahead: tuple[AheadMention, ...] = ()
    """Dates mentioned ahead: recorded in the claim transaction, so said once."""

    @property
    def opening_sentence(self) -> str:
        """The first sentence, as the variety rules compare it."""
        first = self.text.split("\n\n", 1)[0]
        for end in (". ", "? "):
            cut = first.find(end)
            if cut != -1:
                first = first[: cut + 1]
        return first

    def as_past(self, local_date: date) -> PastCheckin:
        """What tomorrow's check-in needs to know about this one."""
        return PastCheckin(local_date, self.opener, self.named_kinds, self.named_contacts)


_ALL_KINDS = frozenset(ConnectionType)


def should_send(
    frequency: CheckinFrequency, quiet: Sequence[QuietKind], *, has_lead: bool = False
) -> bool:
    """Whether today's check-in goes out at all under the user's chosen frequency.

    On "when quiet", a personal lead (a birthday today, a follow-up due) is reason enough.
    """
    if frequency is CheckinFrequency.DAILY:
        return True
    if frequency is CheckinFrequency.WHEN_QUIET:
        return bool(quiet) or has_lead
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
    if long_quiet == _ALL_KINDS:
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
    support: str | None,
    now: datetime,
    zone: ZoneInfo,
    rng: random.Random,
    recent: Sequence[PastCheckin] = (),
) -> CheckinMessage:
    """Build today's check-in. Deterministic for a given `rng`.

    Something quiet: ONE sentence names every quiet kind (most quiet first) and for how long,
    then the most overdue person who may be named today (rotated, see `bot.domain.variety`),
    then the `suggestion` (pick it with `choose_suggestion`; None leaves it out).
    Nothing quiet: one warm question, with who was last seen (or who is overdue) by name; a
    light suggestion passed then is offered softly. The opening never repeats the previous
    check-in's (`recent`: earlier check-ins). `support` is the pointer to /support that
    `bot.domain.support_line.support_line` chose for today, or None; it goes last.
    """
    quiet_sorted = tuple(sorted(quiet, key=quiet_sort_key))
    ages = mention_ages(recent)
    previous = previous_opener(recent)
    person = _overdue_to_name(overdue, contacts, ages)
    named_contacts: set[int] = set()
    paragraphs: list[str] = []

    if quiet_sorted:
        opener, headline = _quiet_headline(quiet_sorted, previous, rng)
        nudge = [headline]
        if person is not None:
            nudge.append(_overdue_sentence(person, also=True))
            named_contacts.add(person.contact_id)
        paragraphs.append(" ".join(nudge))
        if suggestion is not None:
            paragraphs.append(rng.choice(_IDEA_LEADS) + suggestion.text)
    else:
        opener, first = _greeting(contacts, person, ages, previous, now, zone, rng)
        paragraphs.append(first.text)
        named_contacts.update(first.named)
        if suggestion is not None:
            paragraphs.append(rng.choice(_LIGHT_IDEA_LEADS) + suggestion.text)
    if suggestion is not None and suggestion.contact_id is not None:
        named_contacts.add(suggestion.contact_id)

    if support:
        paragraphs.append(support)
    return CheckinMessage(
        text="\n\n".join(paragraphs),
        suggestion=suggestion,
        quiet=quiet_sorted,
        support_line=support is not None,
        opener=opener,
        named_kinds=frozenset(item.kind for item in quiet_sorted),
        named_contacts=frozenset(named_contacts),
        log_target=_log_target(suggestion, person, quiet_sorted),
    )


def _log_target(
    suggestion: ChosenSuggestion | None,
    person: OverdueContact | None,
    quiet: Sequence[QuietKind],
) -> LogTarget | None:
    """The idea's person, else the overdue person named, else the idea's or first quiet kind."""
    if suggestion is not None and suggestion.contact_id is not None:
        return LogTarget(suggestion.kind, suggestion.contact_id)
    if person is not None:
        return LogTarget(person.kind, person.contact_id)
    if suggestion is not None:
        return LogTarget(suggestion.kind)
    if quiet:
        return LogTarget(quiet[0].kind)
    return None


def _overdue_to_name(
    overdue: Sequence[OverdueContact],
    contacts: Sequence[ContactState],
    ages: Mapping[int, Sequence[int]],
) -> OverdueContact | None:
    """The overdue person to name today: most overdue for their rhythm, discounted for
    recent mentions, and never one already named in 3 of the last 6 (unless the only one)."""
    allowed = [item for item in overdue if may_name(item.contact_id, item.kind, contacts, ages)]
    if not allowed:
        return None
    return min(
        allowed,
        key=lambda item: (
            -item.days_since / item.rhythm_days * mention_discount(ages.get(item.contact_id, ())),
            overdue_sort_key(item),
        ),
    )


# --- Openings ----------------------------------------------------------------------------------

_WHO = {
    ConnectionType.INTIMATE: "the people closest to you",
    ConnectionType.RELATIONAL: "your friends",
    ConnectionType.COLLECTIVE: "your groups",
}
_LAST_DONE = {
    ConnectionType.INTIMATE: "spent time with someone close",
    ConnectionType.RELATIONAL: "caught up with a friend",
    ConnectionType.COLLECTIVE: "joined in with a group",
}
_ONE_KIND = {
    "one-since": "It's been {days} since your last {phrase}.",
    "one-last": "It's been {days} since you last {done}.",
    "one-quiet": "{Who} have been quiet for {days}.",
    "one-counting": "{days} and counting since your last {phrase}.",
}
_NEVER_LOGGED = {
    "never-since": "You haven't logged any {phrase} since you joined {days} ago.",
    "never-yet": "No {phrase} logged yet in the {days} since you joined.",
    "never-quiet": "{Who} haven't come up in your log yet, {days} since you joined.",
}
_SEVERAL = {
    "several-quiet": "{who} have {both} been quiet for at least {days}.",
    "several-gone": "A few kinds of connection have gone quiet: {each}.",
    "several-while": "It's been a while with {who}, {days} or more.",
}
_SEEN = {
    "seen-last": "You last logged time with {name} {when}.",
    "seen-nice": "Nice to see time with {name} {when} in your log.",
}
_SEEN_TODAY = {
    "today-already": "You've already logged time with {name} today. Anyone else?",
    "today-log": "{name} is already in today's log. Anyone else?",
}
_GREETING_IDS = {f"greet-{index}": text for index, text in enumerate(_GREETINGS)}


def opening_templates() -> dict[str, str]:
    """Every opening template by id (ids are what storage keeps; tests read the texts)."""
    return {
        **_ONE_KIND,
        **_NEVER_LOGGED,
        **_SEVERAL,
        **_SEEN,
        **_SEEN_TODAY,
        **_GREETING_IDS,
    }


def _quiet_headline(
    quiet: Sequence[QuietKind], previous: str | None, rng: random.Random
) -> tuple[str, str]:
    """One sentence naming every quiet kind, most quiet first."""
    if len(quiet) == 1:
        item = quiet[0]
        templates = _NEVER_LOGGED if item.never_logged else _ONE_KIND
        opener = pick_opener(sorted(templates), previous, rng)
        text = templates[opener].format(
            days=_days(item.days_since),
            phrase=item.kind.phrase,
            done=_LAST_DONE[item.kind],
            Who=_capital(_WHO[item.kind]),
        )
        return opener, _capital(text)
    opener = pick_opener(sorted(_SEVERAL), previous, rng)
    text = _SEVERAL[opener].format(
        who=_join([_WHO[item.kind] for item in quiet]),
        both="both" if len(quiet) == 2 else "all",
        days=_days(min(item.days_since for item in quiet)),
        each=_join([f"{item.kind.phrase} ({_days(item.days_since)})" for item in quiet]),
    )
    return opener, _capital(text)


@dataclass(frozen=True)
class _Opening:
    text: str
    named: frozenset[int] = frozenset()


def _greeting(
    contacts: Sequence[ContactState],
    person: OverdueContact | None,
    ages: Mapping[int, Sequence[int]],
    previous: str | None,
    now: datetime,
    zone: ZoneInfo,
    rng: random.Random,
) -> tuple[str, _Opening]:
    """Nothing quiet: a warm question, led by who was seen last (or followed by who is due)."""
    if person is not None:
        opener = pick_opener(sorted(_GREETING_IDS), previous, rng)
        text = f"{_GREETING_IDS[opener]} {_overdue_sentence(person)}"
        return opener, _Opening(text, frozenset({person.contact_id}))
    last = _last_seen(contacts, now)
    if last is None or not may_name(last.contact_id, last.kind, contacts, ages):
        opener = pick_opener(sorted(_GREETING_IDS), previous, rng)
        return opener, _Opening(_GREETING_IDS[opener])
    assert last.last_interaction_at is not None
    days = local_days_between(last.last_interaction_at, now, zone)
    named = frozenset({last.contact_id})
    if days == 0:
        opener = pick_opener(sorted(_SEEN_TODAY), previous, rng)
        return opener, _Opening(_SEEN_TODAY[opener].format(name=last.name), named)
    opener = pick_opener(sorted(_SEEN), previous, rng)
    when = "yesterday" if days == 1 else f"{days} days ago"
    greeting = rng.choice(_GREETINGS)
    return opener, _Opening(f"{_SEEN[opener].format(name=last.name, when=when)} {greeting}", named)


def _last_seen(contacts: Sequence[ContactState], now: datetime) -> ContactState | None:
    """The person most recently logged (not in the future), if any."""
    seen = [
        contact
        for contact in contacts
        if contact.last_interaction_at is not None and contact.last_interaction_at <= now
    ]
    if not seen:
        return None
    return max(seen, key=lambda contact: (contact.last_interaction_at, -contact.contact_id))


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


def _join(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
