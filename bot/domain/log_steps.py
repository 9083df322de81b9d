"""What each answer does to an unfinished log, and the words around it: pure and tested.

The /log handlers read the user's text or tap, call one function here with the stored draft
and whatever the database knows (the user's contacts, free slots), and store what comes back;
only looking up one contact by id or name is left to them (:class:`PickContact`,
:class:`NewContact`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import ClassVar, Self

from bot.domain.channels import parse_channel
from bot.domain.conversation import BadState, payload_of
from bot.domain.days import DayProblem, InvalidDay, parse_day
from bot.domain.feelings import parse_feeling
from bot.domain.intent import LogIntent, detect_log_intent, parse_log_args
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import (
    MAX_PEOPLE_PER_LOG,
    DraftPerson,
    LogDraft,
    LogStep,
    PendingMatch,
    PendingName,
    QueuedName,
    answers_so_far,
    with_whom,
)
from bot.domain.log_input import (
    MAX_NOTE_LENGTH,
    NoteTooLong,
    clean_note,
    is_done,
    is_new,
    is_no,
    is_skip,
    is_yes,
    parse_kind,
    split_names,
    wants_more,
)
from bot.domain.matching import Candidate, match_contact
from bot.domain.names import InvalidName, clean_name
from bot.domain.safety_replies import SUPPORT_TOO
from bot.domain.text import shorten


@dataclass(frozen=True)
class LogConversation:
    """/log's row in ``conversations``: it reads the user's text for draft ``draft_id``.

    The answers live in ``log_drafts``; ``step`` is ``next_step`` of that draft when stored.
    """

    name: ClassVar[str] = "log"

    step: LogStep
    draft_id: int
    whom: str = ""
    """``with_whom`` of the draft, for the /help hint."""

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"draft": self.draft_id, "whom": self.whom}, ensure_ascii=False)

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        data = payload_of(payload)
        draft_id, whom = data.get("draft"), data.get("whom", "")
        if not isinstance(draft_id, int) or isinstance(draft_id, bool) or not isinstance(whom, str):
            raise BadState("a log conversation names its draft")
        try:
            return cls(LogStep(step), draft_id, whom)
        except ValueError as error:
            raise BadState(f"unknown log step {step!r}") from error


# ------------------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class Next:
    """Carry on with this draft (store it, ask what it lacks), after ``intro``."""

    draft: LogDraft
    intro: str = ""


@dataclass(frozen=True)
class Again:
    """The answer didn't fit: the same question again after ``problem``; nothing is lost."""

    problem: str


@dataclass(frozen=True)
class PickContact:
    """The user chose one of their contacts by id (the caller checks it is theirs)."""

    contact_id: int


@dataclass(frozen=True)
class NewContact:
    """The user named someone new (the caller looks for the name among their contacts)."""

    name: str
    group: bool


Outcome = Next | Again | PickContact | NewContact

BAD_KIND = (
    f"I didn't catch that. Tap one, or type intimate, relational or collective. {SUPPORT_TOO}"
)
BAD_HOW = f"I didn't catch how. Tap one, or type in person, call, video or message. {SUPPORT_TOO}"
BAD_FEELING = f"I didn't catch that. Tap a face, type a number from 1 to 5, or skip. {SUPPORT_TOO}"
NOT_TEXT = "I can only read typed words here."
GONE_CONTACT = "I can't find that one any more."


def answer_text(
    draft: LogDraft, step: LogStep, text: str, today: date, known: Sequence[Candidate]
) -> Outcome:
    """A typed answer to ``step``; ``known`` are the user's contacts (for names)."""
    if step is LogStep.WHO:
        return who(draft, text, today, known)
    if step is LogStep.CONFIRM:
        return _confirm(draft, text, today, known)
    if step is LogStep.NEW_NAME:
        try:
            return NewContact(clean_name(text), group=draft.naming == "group")
        except InvalidName as problem:
            return Again(problem.message)
    if step is LogStep.KIND:
        kind = parse_kind(text)
        return Again(BAD_KIND) if kind is None else with_kind(draft, kind)
    if wants_more(text) and step in (LogStep.HOW, LogStep.WHEN):
        return Next(replace(draft, adding=True))
    if step is LogStep.HOW:
        channel = parse_channel(text)
        if channel is None:
            return Again(BAD_HOW)
        return Next(replace(draft, channel=channel, channel_defaulted=False))
    if step is LogStep.WHEN:
        return _when(draft, text, today)
    if step is LogStep.FEELING:
        value = parse_feeling(text)
        if value is None and not is_skip(text):
            return Again(BAD_FEELING)
        return Next(replace(draft, feeling=value, feeling_answered=True))
    try:
        note = None if is_skip(text) else clean_note(text) or None
    except NoteTooLong as problem:
        return Again(
            f"That note is {problem.length} characters; I keep up to {MAX_NOTE_LENGTH}. "
            "Shorten it, or tap Skip."
        )
    return Next(replace(draft, note=note, note_answered=True))


def who(draft: LogDraft, text: str, today: date, known: Sequence[Candidate]) -> Outcome:
    """Names typed at "Who?" (or instead of answering "Did you mean ...?")."""
    draft = replace(draft, pending=None, naming=None)
    if draft.adding and draft.people and is_done(text):
        return Next(replace(draft, adding=False))
    intent = detect_log_intent(text, today)
    if intent is not None:
        queued = tuple(QueuedName(name, group=name == intent.group) for name in intent.names)
        channel, day = draft.channel or intent.channel, draft.day or intent.day
        return Next(replace(draft, queue=draft.queue + queued, channel=channel, day=day))
    names = split_unknown(text, known)
    for name in names:
        try:
            clean_name(name)
        except InvalidName as problem:
            return Again(problem.message)
    return Next(replace(draft, queue=draft.queue + tuple(QueuedName(name) for name in names)))


def _confirm(draft: LogDraft, text: str, today: date, known: Sequence[Candidate]) -> Outcome:
    pending = draft.pending
    if pending is None:
        return who(draft, text, today, known)
    if pending.match == "suggest" and is_yes(text) and pending.candidates:
        return PickContact(pending.candidates[0])
    if pending.match == "ambiguous" and text.strip().isdigit():
        index = int(text.strip()) - 1
        if 0 <= index < len(pending.candidates):
            return PickContact(pending.candidates[index])
    if is_no(text):
        return Next(replace(draft, pending=None, queue=()), "Okay. Who was it, then?")
    if is_new(text):
        return NewContact(pending.name, pending.group)
    return who(draft, text, today, known)


def _when(draft: LogDraft, text: str, today: date) -> Outcome:
    try:
        day = parse_day(text, today)
    except InvalidDay as problem:
        channel = parse_channel(text)  # "video" for a group that defaulted to in person
        if channel is None or problem.reason is not DayProblem.UNKNOWN:
            return Again(problem.message)
        return Next(replace(draft, channel=channel, channel_defaulted=False))
    return Next(replace(draft, day=day))


def with_kind(draft: LogDraft, kind: ConnectionType) -> Outcome:
    """The pending new name becomes a contact of ``kind``."""
    if draft.pending is None:
        return Again("")
    return Next(draft.with_person(DraftPerson(draft.pending.name, kind)))


def day_back(draft: LogDraft, days_back: int, today: date) -> Next:
    """ "Today" (0) or "Yesterday" (1), counted from the moment of the tap."""
    return Next(replace(draft, day=today - timedelta(days=days_back)))


def back_to_who(draft: LogDraft) -> Next:
    """ "‹ Back" from a name decision: ask who again."""
    draft = replace(draft, pending=None, naming=None, queue=())
    return Next(replace(draft, adding=True) if draft.people else draft)


def add_new(
    draft: LogDraft, name: str, group: bool, existing: DraftPerson | None, free_slots: int
) -> Next:
    """Someone new by name: ``existing`` if the user already has that name, else ask the kind.

    ``free_slots``: how many more contacts the user may keep (new ones in this log not counted).
    """
    draft = replace(draft, naming=None, pending=None)
    if existing is not None:
        intro = f"You already have {existing.name}, so I'll use them."
        return Next(draft.with_person(existing), intro)
    if draft.includes(name=name):
        return Next(replace(draft, adding=False))
    if not has_room(draft, free_slots):
        return Next(draft, TOO_MANY)
    if group:
        return Next(draft.with_person(DraftPerson(name, ConnectionType.COLLECTIVE)))
    return Next(replace(draft, pending=PendingName(name, "none")))


def has_room(draft: LogDraft, free_slots: int) -> bool:
    """Whether one more new contact fits, counting the new ones already in this log."""
    return sum(1 for person in draft.people if person.contact_id is None) < free_slots


MAX_CONTACTS = 500
"""The most people and groups one user keeps (storage enforces it again on save)."""

TOO_MANY = (
    f"You already keep {MAX_CONTACTS} people and groups, the most Tend can hold. To add someone "
    "new, delete someone you no longer need in /people. Anyone already there still works."
)


def split_unknown(text: str, known: Sequence[Candidate]) -> tuple[str, ...]:
    """Names typed: "Sam and Alex" is two people unless someone is actually called that."""
    whole = text.strip()
    if match_contact(whole, known).kind != "none":
        return (whole,)
    parts = split_names(whole)
    return parts if len(parts) > 1 else (whole,)


def resolve_queue(
    draft: LogDraft, contacts: Sequence[DraftPerson], free_slots: int
) -> tuple[LogDraft, list[str]]:
    """Turn typed names into people until one needs a decision (which one? what kind?).

    ``contacts``: the user's contacts (with ids); returns the draft and notes to say first.
    """
    notes: list[str] = []
    by_id = {person.contact_id: person for person in contacts}
    candidates = [Candidate(person.contact_id or 0, person.name) for person in contacts]
    while draft.queue and draft.pending is None and draft.naming is None:
        item, draft = draft.queue[0], replace(draft, queue=draft.queue[1:])
        try:
            name = clean_name(item.name)
        except InvalidName as problem:
            notes.append(f"“{shorten(item.name)}”: {problem.message}")
            continue
        if len(draft.people) >= MAX_PEOPLE_PER_LOG:
            notes.append(f"One log holds up to {MAX_PEOPLE_PER_LOG} people; I kept the first ones.")
            draft = replace(draft, queue=())
            break
        result = match_contact(name, candidates)
        if result.kind == "exact" and result.single is not None:
            draft = draft.with_person(by_id[result.single.contact_id])
        elif result.kind == "none":
            if draft.includes(name=name):
                continue
            if not has_room(draft, free_slots):
                notes.append(TOO_MANY)
            elif item.group:
                draft = draft.with_person(DraftPerson(name, ConnectionType.COLLECTIVE))
            else:
                draft = replace(draft, pending=PendingName(name, "none"))
        else:
            ids = tuple(candidate.contact_id for candidate in result.candidates)
            match: PendingMatch = "suggest" if result.kind == "suggest" else "ambiguous"
            draft = replace(draft, pending=PendingName(name, match, ids, item.group))
    return draft, notes


# ------------------------------------------------------------------------------ words


def join_lines(*parts: str) -> str:
    """The non-empty parts, one per line."""
    return "\n".join(part for part in parts if part)


def picking_up(draft: LogDraft, today: date) -> str:
    """The line before a resumed question, with what was already answered."""
    so_far = answers_so_far(draft, today)
    return join_lines(
        f"Picking up your log{with_whom(draft)}. Nothing is saved until the end.",
        f"So far: {so_far}." if so_far else "",
    )


def in_the_middle(draft: LogDraft) -> str:
    """Bare /log with a log open."""
    return f"You're in the middle of a log{with_whom(draft)}. Here's where we were."


def dropped_note(draft: LogDraft | None) -> str:
    """Said when a new log replaces an unfinished one (never silently)."""
    if draft is None or not draft.has_answers:
        return ""
    return f"(I dropped your unfinished log{with_whom(draft)}; nothing from it was saved.)"


def dropped(draft: LogDraft) -> str:
    """ "Drop it" / "Start over"."""
    return f"Dropped your log{with_whom(draft)}. Nothing from it was saved."


def cancelled(draft: LogDraft) -> str:
    """/cancel with a log open or on hold."""
    return f"Okay, dropped your log{with_whom(draft)}. Nothing from it was saved."


def expired_text(draft: LogDraft, today: date) -> str:
    """The "wasn't saved" notice, with what was already answered."""
    so_far = answers_so_far(draft, today)
    answered = f"\nSo far: {so_far}." if so_far else ""
    return (
        f"Your log{with_whom(draft)} wasn't saved: it was left unfinished for over "
        f"15 minutes.{answered}\nPick it up where you left off?"
    )


def held_text(draft: LogDraft) -> str:
    """The "on hold" note."""
    return f"Your log{with_whom(draft)} is on hold — /log to continue."


def replaces_note(draft: LogDraft | None) -> str:
    """Under a "Log it" offer while another log is unfinished."""
    if draft is None or not draft.has_answers:
        return ""
    return f"\n(That replaces your unfinished log{with_whom(draft)}.)"


_INSTRUCTIONS = {
    LogStep.WHO: "say who it was with",
    LogStep.CONFIRM: "tap who you meant, or type the name again",
    LogStep.NEW_NAME: "type the name",
    LogStep.KIND: "pick what kind of connection it is",
    LogStep.HOW: "say how you connected",
    LogStep.WHEN: "say which day it was",
    LogStep.FEELING: "say how it felt, or skip",
    LogStep.NOTE: "type a short note, or skip",
}


def resume_hint(state: LogConversation) -> str:
    """What /help says while this log is open."""
    return (
        f"You're in the middle of a log{state.whom}: {_INSTRUCTIONS[state.step]}, "
        "or /cancel to drop it."
    )


def means_carry_on(text: str) -> bool:
    """ "yes", "resume", "go on" while a log is on hold."""
    words = text.strip().casefold().rstrip(".!")
    return is_yes(words) or words in ("resume", "continue", "carry on", "go on", "pick it up")


def draft_from_args(args: str, today: date, known: Sequence[Candidate]) -> tuple[LogDraft, str]:
    """A draft from ``/log`` arguments, and the problem with the day if there was one."""
    parsed = parse_log_args(args, today, [candidate.name for candidate in known])
    if parsed.rest and parsed.rest.split()[0].casefold() in ("and", "&", "+"):
        parsed = parse_log_args(args, today)  # "Sam and Alex ...": several people, not one
    names = split_unknown(parsed.name, known) if parsed.name else ()
    quick = parsed.channel is not None or parsed.day is not None or parsed.day_error is not None
    note = parsed.rest if quick and parsed.rest and len(parsed.rest) <= MAX_NOTE_LENGTH else None
    draft = LogDraft(
        queue=tuple(QueuedName(name) for name in names),
        channel=parsed.channel,
        day=parsed.day,
        note=note,
        note_answered=note is not None,
        quick=quick,
    )
    return draft, parsed.day_error.message if parsed.day_error else ""


def from_intent(intent: LogIntent) -> LogDraft:
    """The draft a "Log it" offer starts with: everything the message said."""
    return LogDraft(
        queue=tuple(QueuedName(name, group=name == intent.group) for name in intent.names),
        channel=intent.channel,
        day=intent.day,
        quick=True,
    )
