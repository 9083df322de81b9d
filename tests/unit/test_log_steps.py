"""/log's rules as production runs them: answers, taps, queued names, questions, the row."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings

from bot.domain.channels import Channel
from bot.domain.conversation import BadState
from bot.domain.kinds import ConnectionType
from bot.domain.log_buttons import LogAddTyped, LogDay, LogFeel, LogHow, LogNew, LogPick, tap
from bot.domain.log_draft import DraftPerson, LogDraft, LogStep, PendingName, QueuedName, advance
from bot.domain.log_questions import question
from bot.domain.log_steps import (
    BAD_HOW,
    TOO_MANY,
    Again,
    LogConversation,
    NewContact,
    Next,
    PickContact,
    add_new,
    answer_text,
    draft_from_args,
    resolve_queue,
    resume_hint,
)
from bot.domain.matching import Candidate
from tests.unit.test_log_draft import any_draft

TODAY = date(2026, 11, 25)
SAM = DraftPerson("Sam", ConnectionType.INTIMATE, 1)
ALEX = DraftPerson("Alex", ConnectionType.RELATIONAL, 2)
KNOWN = [Candidate(1, "Sam"), Candidate(2, "Alex")]
AT_HOW = LogDraft(people=(SAM,))


def test_the_row_round_trips_and_refuses_what_it_cannot_read() -> None:
    state = LogConversation(LogStep.WHEN, 7, " with Sam")
    assert LogConversation.from_json(str(state.step), state.to_json()) == state
    assert "middle of a log with Sam: say which day it was" in resume_hint(state)
    for step, payload in (("when", "{}"), ("when", '{"draft": true}'), ("later", '{"draft": 1}')):
        with pytest.raises(BadState):
            LogConversation.from_json(step, payload)


@settings(max_examples=150, deadline=None)
@given(any_draft)
def test_advance_is_settled_after_one_call_and_groups_are_not_asked_how(draft: LogDraft) -> None:
    settled, step = advance(draft)
    assert advance(settled) == (settled, step)
    only_groups = bool(draft.people) and all(
        person.kind is ConnectionType.COLLECTIVE for person in draft.people
    )
    if only_groups and not (draft.channel_wanted or draft.pending or draft.adding):
        assert step is not LogStep.HOW


def test_typed_answers_fill_the_draft_or_ask_again() -> None:
    assert answer_text(AT_HOW, LogStep.HOW, "video", TODAY, []) == Next(
        replace(AT_HOW, channel=Channel.VIDEO)
    )
    assert answer_text(AT_HOW, LogStep.HOW, "by pigeon", TODAY, []) == Again(BAD_HOW)
    assert answer_text(AT_HOW, LogStep.HOW, "add another", TODAY, []) == Next(
        replace(AT_HOW, adding=True)
    )
    at_when = replace(AT_HOW, channel=Channel.CALL)
    yesterday = answer_text(at_when, LogStep.WHEN, "yesterday", TODAY, [])
    assert isinstance(yesterday, Next) and yesterday.draft.day == date(2026, 11, 24)
    skipped = answer_text(at_when, LogStep.FEELING, "skip", TODAY, [])
    assert isinstance(skipped, Next) and skipped.draft.feeling_answered
    assert isinstance(answer_text(at_when, LogStep.NOTE, "x" * 600, TODAY, []), Again)


def test_did_you_mean_takes_yes_a_number_no_or_new() -> None:
    suggest = LogDraft(pending=PendingName("alx", "suggest", (2,)))
    assert answer_text(suggest, LogStep.CONFIRM, "yes", TODAY, KNOWN) == PickContact(2)
    assert answer_text(suggest, LogStep.CONFIRM, "new", TODAY, KNOWN) == NewContact("alx", False)
    assert answer_text(suggest, LogStep.CONFIRM, "no", TODAY, KNOWN) == Next(
        LogDraft(), "Okay. Who was it, then?"
    )
    which = LogDraft(pending=PendingName("Sam", "ambiguous", (1, 3)))
    assert answer_text(which, LogStep.CONFIRM, "2", TODAY, KNOWN) == PickContact(3)


@pytest.mark.parametrize("typed", ["texted my sister", "had coffee with Sam yesterday"])
def test_a_new_log_at_did_you_mean_is_asked_about_not_merged(typed: str) -> None:
    """#11 item 9: the pending name stays; nothing from the new text joins this log."""
    suggest = LogDraft(pending=PendingName("Mum", "suggest", (2,)), channel=Channel.CALL)
    outcome = answer_text(suggest, LogStep.CONFIRM, typed, TODAY, KNOWN)
    assert isinstance(outcome, Again) and "another log" in outcome.problem
    for yes in ("yes please", "Yes, that's her", "sure"):
        assert answer_text(suggest, LogStep.CONFIRM, yes, TODAY, KNOWN) == PickContact(2)


def test_who_reads_several_names_and_whole_sentences() -> None:
    two = answer_text(LogDraft(), LogStep.WHO, "Sam and Kim", TODAY, KNOWN)
    assert isinstance(two, Next) and two.draft.queue == (QueuedName("Sam"), QueuedName("Kim"))
    sentence = answer_text(LogDraft(), LogStep.WHO, "called Sam yesterday", TODAY, KNOWN)
    assert isinstance(sentence, Next)
    assert sentence.draft.channel is Channel.CALL and sentence.draft.day == date(2026, 11, 24)


def test_taps_apply_only_values_their_buttons_can_carry() -> None:
    assert tap(AT_HOW, LogHow(1, Channel.CALL), TODAY, 10) == Next(
        replace(AT_HOW, channel=Channel.CALL)
    )
    assert tap(AT_HOW, LogPick(1, 2), TODAY, 10) == PickContact(2)
    assert tap(AT_HOW, LogDay(1, 5), TODAY, 10) is None  # forged: only today or yesterday
    assert tap(AT_HOW, LogFeel(1, 9), TODAY, 10) is None
    assert tap(AT_HOW, LogAddTyped(1), TODAY, 10) is None  # nothing pending
    assert tap(LogDraft(), LogNew(1, True), TODAY, 0) == Next(LogDraft(), TOO_MANY)


def test_queued_names_become_people_until_one_needs_a_decision() -> None:
    draft = LogDraft(queue=(QueuedName("sam"), QueuedName("Choir", group=True), QueuedName("Kim")))
    resolved, notes = resolve_queue(draft, [SAM, ALEX], 10)
    assert notes == []
    assert resolved.people == (SAM, DraftPerson("Choir", ConnectionType.COLLECTIVE))
    assert resolved.pending == PendingName("Kim", "none") and resolved.queue == ()
    full, notes = resolve_queue(LogDraft(queue=(QueuedName("Kim"),)), [SAM], 0)
    assert notes == [TOO_MANY] and full.pending is None


def test_someone_new_with_a_known_name_is_that_contact() -> None:
    assert add_new(LogDraft(), "sam", False, SAM, 10) == Next(
        LogDraft(people=(SAM,)), "You already have Sam, so I'll use them."
    )
    assert add_new(LogDraft(), "Kim", False, None, 10).draft.pending == PendingName("Kim", "none")


def test_log_arguments_make_a_quick_draft() -> None:
    draft, problem = draft_from_args("Sam call yesterday", TODAY, KNOWN)
    assert problem == ""
    assert draft.queue == (QueuedName("Sam"),) and draft.quick
    assert draft.channel is Channel.CALL and draft.day == date(2026, 11, 24)


def test_questions_carry_the_draft_id_on_every_button() -> None:
    draft = LogDraft(pending=PendingName("alx", "suggest", (2,)))
    text, rows = question(draft, 42, LogStep.CONFIRM, candidates=[Candidate(2, "Alex")])
    assert text == "Did you mean Alex?"
    assert [label for row in rows for label, _ in row] == [
        "Yes, Alex",
        "No, add “alx” as new",
        "‹ Back",
    ]
    assert all(data.draft == 42 for row in rows for _, data in row)  # type: ignore[attr-defined]
