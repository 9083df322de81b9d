"""Follow-ups: asking someone how their interview, move or surgery went, on the right day.

A follow-up comes from a dated note ("interview on Friday": due the day after) or from the
user's own *Remind me to follow up* (due on the day they chose). It is offered as the idea of
the first check-in on or after its due local day, and stays open until answered *Done* or
*Not needed*; *Later* moves it :data:`LATER_DAYS` days on. One left unanswered for
:data:`STALE_AFTER_DAYS` days is no longer offered ("how did it go?" a month later jars),
though it stays on the person's card until dropped.

Names are used as the user wrote them, and sentences repeat the name rather than guess a
pronoun.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.event_dates import EventMention, EventSpan, parse_future_day

LATER_DAYS = 2
"""*Later* brings a follow-up back the day after tomorrow: not tomorrow's check-in again
(that nags), not so late that the moment has passed."""

STALE_AFTER_DAYS = 14
"""Days after its due day that a follow-up is still offered."""


class FollowupState(StrEnum):
    """Where a follow-up stands; the value is what the database stores."""

    OPEN = "open"
    SNOOZED = "snoozed"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_pending(self) -> bool:
        """Still to be offered (open, or brought back later)."""
        return self in (FollowupState.OPEN, FollowupState.SNOOZED)


class FollowupSource(StrEnum):
    """Where a follow-up came from."""

    NOTE_DATE = "note_date"
    REMINDER = "reminder"


class FollowupAnswer(StrEnum):
    """The check-in buttons under a follow-up idea."""

    DONE = "done"
    LATER = "later"
    NOT_NEEDED = "not_needed"

    @property
    def label(self) -> str:
        """Button text."""
        return _ANSWER_LABELS[self]


_ANSWER_LABELS = {
    FollowupAnswer.DONE: "Done",
    FollowupAnswer.LATER: "Later",
    FollowupAnswer.NOT_NEEDED: "Not needed",
}


class ReminderChoice(StrEnum):
    """The *Remind me to follow up* choices after a note without a recognisable date."""

    TOMORROW = "tomorrow"
    IN_3_DAYS = "in_3_days"
    NEXT_WEEK = "next_week"
    PICK = "pick"

    @property
    def label(self) -> str:
        """Button text."""
        return _CHOICE_LABELS[self]


_CHOICE_LABELS = {
    ReminderChoice.TOMORROW: "Tomorrow",
    ReminderChoice.IN_3_DAYS: "In 3 days",
    ReminderChoice.NEXT_WEEK: "Next week",
    ReminderChoice.PICK: "Pick a date",
}
_CHOICE_DAYS = {
    ReminderChoice.TOMORROW: 1,
    ReminderChoice.IN_3_DAYS: 3,
    ReminderChoice.NEXT_WEEK: 7,
}

REMIND_PROMPT = "Remind me to follow up"
PICK_PROMPT = "Which day should I remind you? For example tomorrow, friday, 12 dec or in 2 weeks."


@dataclass(frozen=True, slots=True)
class NewFollowup:
    """A follow-up about to be stored."""

    contact_id: int
    due: date
    source: FollowupSource
    phrase: str | None = None
    event_day: date | None = None
    event_span: EventSpan = EventSpan.DAY
    interaction_id: int | None = None


@dataclass(frozen=True, slots=True)
class Followup:
    """A stored follow-up, with the contact's name for its sentences."""

    id: int
    contact_id: int
    contact_name: str
    due: date
    state: FollowupState
    source: FollowupSource
    phrase: str | None = None
    event_day: date | None = None
    event_span: EventSpan = EventSpan.DAY


def from_event(
    contact_id: int, mention: EventMention, *, interaction_id: int | None = None
) -> NewFollowup:
    """The follow-up for a dated note: due the day after the event (or its weekend/week)."""
    return NewFollowup(
        contact_id=contact_id,
        due=mention.day + timedelta(days=1),
        source=FollowupSource.NOTE_DATE,
        phrase=mention.phrase,
        event_day=mention.day,
        event_span=mention.span,
        interaction_id=interaction_id,
    )


def from_reminder(
    contact_id: int, due: date, *, phrase: str | None = None, interaction_id: int | None = None
) -> NewFollowup:
    """The follow-up the user asked for, due on the day they chose."""
    return NewFollowup(
        contact_id=contact_id,
        due=due,
        source=FollowupSource.REMINDER,
        phrase=phrase,
        interaction_id=interaction_id,
    )


def reminder_due(choice: ReminderChoice, today: date) -> date:
    """The due day of a one-tap choice; *Pick a date* goes through :func:`picked_due`."""
    if choice is ReminderChoice.PICK:
        raise ValueError("a picked date is typed; use picked_due")
    return today + timedelta(days=_CHOICE_DAYS[choice])


def picked_due(text: str, today: date, *, day_first: bool | None = None) -> date:
    """The due day of a typed date ("friday", "12 dec"); "next week" is its Monday.

    Raises :class:`bot.domain.event_dates.InvalidFutureDay` (its ``.message`` says why).
    """
    picked = parse_future_day(text, today, day_first=day_first)
    if picked.span is EventSpan.WEEK:
        return max(today, picked.day - timedelta(days=6))
    if picked.span is EventSpan.WEEKEND:
        return max(today, picked.day - timedelta(days=1))
    return picked.day


def is_due(followup: Followup, today: date) -> bool:
    """Pending, due on or before ``today``, and not yet stale."""
    late = (today - followup.due).days
    return followup.state.is_pending and 0 <= late <= STALE_AFTER_DAYS


def due_followups(followups: Iterable[Followup], today: date) -> list[Followup]:
    """The follow-ups today's check-in may offer, the longest-waiting first."""
    return sorted((f for f in followups if is_due(f, today)), key=lambda f: (f.due, f.id))


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    """What an answer does: the new state and due day, and what to say."""

    state: FollowupState
    due: date
    reply: str


def answer(followup: Followup, choice: FollowupAnswer, today: date) -> AnswerOutcome:
    """Apply a check-in button to a follow-up."""
    name = followup.contact_name
    if choice is FollowupAnswer.DONE:
        reply = f"Lovely. I'll leave it there with {name}."
        return AnswerOutcome(FollowupState.DONE, followup.due, reply)
    if choice is FollowupAnswer.NOT_NEEDED:
        return AnswerOutcome(FollowupState.DROPPED, followup.due, "Okay, I've let that one go.")
    later = today + timedelta(days=LATER_DAYS)
    reply = f"I'll bring it up again {day_phrase(later, today)}."
    return AnswerOutcome(FollowupState.SNOOZED, later, reply)


def followup_idea(followup: Followup, today: date) -> str:
    """The check-in idea: "Sam had the interview on Friday. Ask how it went?"."""
    name = followup.contact_name
    phrase = followup.phrase
    if followup.event_day is None or phrase is None:
        if phrase:
            return f"You wanted to follow up with {name} about {phrase}. Ask how it went?"
        return f"You wanted to follow up with {name}. A short message asking how things are counts."
    when = event_when(followup.event_day, followup.event_span, today)
    if followup.event_day >= today:
        return f"{name} has {phrase} {when}. A short good-luck message counts."
    template = _SENTENCES.get(phrase, _MEDICAL if phrase in _MEDICAL_PHRASES else _DEFAULT)
    return template.format(name=name, phrase=phrase, when=when)


_DEFAULT = "{name} had {phrase} {when}. Ask how it went?"
_MEDICAL = "{name} had {phrase} {when}. Ask how {name} is doing?"
_MEDICAL_PHRASES = frozenset(
    {"the surgery", "the operation", "the procedure", "the biopsy", "the treatment"}
)
_SENTENCES = {
    "the move": "{name} was moving {when}. Ask how the move went?",
    "the new job": "{name} was starting the new job {when}. Ask how it's going?",
    "the first day": "{name} had the first day {when}. Ask how it's going?",
    "the trip": "{name} was off on the trip {when}. Ask how it was?",
    "the holiday": "{name} was off on holiday {when}. Ask how it was?",
    "the vacation": "{name} was off on vacation {when}. Ask how it was?",
    "the results": "{name} was getting the results {when}. Ask how it went, gently?",
    "the exams": "{name} had the exams {when}. Ask how they went?",
    "the funeral": (
        "{name} had the funeral {when}. A few kind words, or just asking how things are, "
        "can mean a lot."
    ),
}


def event_when(day: date, span: EventSpan, today: date) -> str:
    """When an event was, as a check-in says it: "yesterday", "on Friday", "last week"."""
    if span is EventSpan.WEEKEND:
        saturday = day - timedelta(days=1)
        if day >= today:
            return "this weekend"
        if (today - day).days <= 6:
            return "at the weekend"
        return f"on the weekend of {_short(saturday, today)}"
    if span is EventSpan.WEEK:
        monday = day - timedelta(days=6)
        if day >= today:
            return "this week"
        if (today - day).days <= 7:
            return "last week"
        return f"in the week of {_short(monday, today)}"
    return day_phrase(day, today)


def day_phrase(day: date, today: date) -> str:
    """ "today", "yesterday", "tomorrow", "on Friday" (within 6 days), else "on 3 Dec"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if abs(days) <= 6:
        return f"on {day:%A}"
    return f"on {_short(day, today)}"


def _short(day: date, today: date) -> str:
    words = f"{day.day} {day:%b}"
    return words if abs((day - today).days) < 300 else f"{words} {day.year}"


def card_line(followup: Followup, today: date) -> str:
    """One line on the person's card: "the interview · ask from Sat 5 Dec"."""
    what = followup.phrase or "follow up"
    if followup.due <= today:
        return f"{what} · due now"
    return f"{what} · from {followup.due:%a} {followup.due.day} {followup.due:%b}"


def reminder_saved(name: str, due: date, today: date) -> str:
    """The answer after *Remind me to follow up*."""
    return f"I'll remind you to follow up with {name} {day_phrase(due, today)}."
