"""Editing a past log: the edits a user can make, the rules they follow, and "what changed".

Storage applies one edit at a time in one transaction and hands back a :data:`Change`; the
reply says it in words with :func:`describe_change`. The rules are the ones /log applies
when a log is first saved: at least one person, a day between a year ago and today, a
feeling from 1 to 5, a note of at most 500 characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.channels import Channel
from bot.domain.days import MAX_DAYS_BACK, DayProblem, InvalidDay
from bot.domain.feelings import MAX_FEELING, MIN_FEELING, feeling_label
from bot.domain.history import channel_word, day_label, names_text
from bot.domain.log_input import MAX_NOTE_LENGTH, NoteTooLong, clean_note
from bot.domain.text import shorten


@dataclass(frozen=True, slots=True)
class AddPerson:
    """Add an existing contact (checked for ownership in SQL) to the moment."""

    contact_id: int


@dataclass(frozen=True, slots=True)
class RemovePerson:
    """Take a person out of the moment; the last one cannot go (delete the log instead)."""

    contact_id: int


@dataclass(frozen=True, slots=True)
class SetChannel:
    channel: Channel


@dataclass(frozen=True, slots=True)
class SetDay:
    """Move the moment to another local day (parse typed text with ``days.parse_day``)."""

    day: date


@dataclass(frozen=True, slots=True)
class SetFeeling:
    """A feeling from 1 to 5, or None to clear it."""

    feeling: int | None


@dataclass(frozen=True, slots=True)
class SetNote:
    """A note (cleaned as /log cleans it), or None / "" to remove it."""

    note: str | None


MomentEdit = AddPerson | RemovePerson | SetChannel | SetDay | SetFeeling | SetNote


class EditProblem(StrEnum):
    """Why an edit was refused; nothing was written."""

    GONE = "gone"
    """The moment is not the user's, or no longer exists (a stale or forged button)."""
    UNKNOWN_PERSON = "unknown_person"
    """The contact to add is not the user's, or the one to remove is not in the moment."""
    LAST_PERSON = "last_person"
    FUTURE_DAY = "future_day"
    TOO_OLD = "too_old"
    BAD_FEELING = "bad_feeling"
    NOTE_TOO_LONG = "note_too_long"


_PROBLEM_MESSAGES = {
    EditProblem.GONE: "That log isn't there any more, so I changed nothing.",
    EditProblem.UNKNOWN_PERSON: "I couldn't find that person in your list, so I changed nothing.",
    EditProblem.LAST_PERSON: (
        "A log needs at least one person. Add someone else first, or delete the log."
    ),
    EditProblem.FUTURE_DAY: InvalidDay(DayProblem.FUTURE).message,
    EditProblem.TOO_OLD: InvalidDay(DayProblem.TOO_OLD).message,
    EditProblem.BAD_FEELING: "Pick how it felt from 1 to 5, or clear it.",
    EditProblem.NOTE_TOO_LONG: (
        f"That note is a bit long — keep it under {MAX_NOTE_LENGTH} characters."
    ),
}


def problem_message(problem: EditProblem) -> str:
    """A friendly reply for a refused edit."""
    return _PROBLEM_MESSAGES[problem]


# --- What changed --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeopleChanged:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    now_with: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChannelChanged:
    before: Channel
    after: Channel


@dataclass(frozen=True, slots=True)
class DayChanged:
    before: date
    after: date


@dataclass(frozen=True, slots=True)
class FeelingChanged:
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class NoteChanged:
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class NothingChanged:
    """The edit asked for what was already there (no write happened)."""


Change = PeopleChanged | ChannelChanged | DayChanged | FeelingChanged | NoteChanged | NothingChanged


def check_day(day: date, today: date) -> EditProblem | None:
    """The /log rule for days: today or up to a year back, never the future."""
    if day > today:
        return EditProblem.FUTURE_DAY
    if (today - day).days > MAX_DAYS_BACK:
        return EditProblem.TOO_OLD
    return None


def check_feeling(feeling: int | None) -> EditProblem | None:
    if feeling is None or MIN_FEELING <= feeling <= MAX_FEELING:
        return None
    return EditProblem.BAD_FEELING


def normalise_note(note: str | None) -> str | EditProblem | None:
    """The note to store (None when empty), or NOTE_TOO_LONG."""
    if note is None:
        return None
    try:
        cleaned = clean_note(note)
    except NoteTooLong:
        return EditProblem.NOTE_TOO_LONG
    return cleaned or None


def describe_change(change: Change, today: date) -> str:
    """What changed, in one short sentence for the reply."""
    match change:
        case PeopleChanged(added=added, removed=removed, now_with=now_with):
            detail = []
            if added:
                detail.append(f"added {names_text(added)}")
            if removed:
                detail.append(f"took out {names_text(removed)}")
            return f"Now with {names_text(now_with)} ({', '.join(detail)})."
        case ChannelChanged(before=before, after=after):
            return f"Changed to {channel_word(after)} (was {channel_word(before)})."
        case DayChanged(before=before, after=after):
            return f"Moved to {day_label(after, today)} (was {day_label(before, today)})."
        case FeelingChanged(after=None):
            return "Feeling cleared."
        case FeelingChanged(after=int(after)):
            return f"Feeling now {feeling_label(after)}."
        case NoteChanged(after=None):
            return "Note removed."
        case NoteChanged(before=None, after=str(after)):
            return f"Note added: “{shorten(after)}”."
        case NoteChanged(after=str(after)):
            return f"Note changed to “{shorten(after)}”."
        case _:
            return "That was already so — nothing to change."
