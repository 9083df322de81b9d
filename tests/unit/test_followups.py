"""Follow-ups and the check-in's personal lead: due days, answers, words, mentions said once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.checkin_lead import AHEAD_DAYS, AheadMention, lead_for_today
from bot.domain.event_dates import EventMention, EventSpan, InvalidFutureDay, find_event
from bot.domain.followups import (
    LATER_DAYS,
    STALE_AFTER_DAYS,
    Followup,
    FollowupAnswer,
    FollowupSource,
    FollowupState,
    ReminderChoice,
    answer,
    card_line,
    day_phrase,
    due_followups,
    event_when,
    followup_idea,
    from_event,
    from_reminder,
    picked_due,
    reminder_due,
    reminder_saved,
)
from bot.domain.important_dates import DateKind, DayOfYear, ImportantDate

TUESDAY = date(2026, 12, 1)
SATURDAY = date(2026, 12, 5)


def stored(
    due: date,
    *,
    followup_id: int = 1,
    name: str = "Sam",
    phrase: str | None = "the interview",
    event_day: date | None = None,
    span: EventSpan = EventSpan.DAY,
    state: FollowupState = FollowupState.OPEN,
    source: FollowupSource = FollowupSource.NOTE_DATE,
) -> Followup:
    if event_day is None and source is FollowupSource.NOTE_DATE:
        event_day = due - timedelta(days=1)
    return Followup(
        followup_id, 10 + followup_id, name, due, state, source, phrase, event_day, span
    )


def test_a_dated_note_is_due_the_day_after_the_event() -> None:
    mention = find_event("interview on Friday", TUESDAY)
    assert mention is not None
    new = from_event(7, mention, interaction_id=3)
    assert (new.contact_id, new.due, new.event_day) == (7, SATURDAY, date(2026, 12, 4))
    assert new.source is FollowupSource.NOTE_DATE and new.interaction_id == 3
    week = from_event(7, EventMention("the surgery", date(2026, 12, 13), EventSpan.WEEK))
    assert week.due == date(2026, 12, 14)  # the Monday after next week


def test_the_idea_names_the_person_and_the_day() -> None:
    friday = stored(SATURDAY)
    assert followup_idea(friday, SATURDAY) == "Sam had the interview yesterday. Ask how it went?"
    assert followup_idea(friday, date(2026, 12, 7)) == (
        "Sam had the interview on Friday. Ask how it went?"
    )
    assert followup_idea(friday, date(2026, 12, 14)) == (
        "Sam had the interview on 4 Dec. Ask how it went?"
    )
    move = stored(SATURDAY, phrase="the move", name="Priya")
    assert followup_idea(move, SATURDAY) == "Priya was moving yesterday. Ask how the move went?"
    surgery = stored(
        date(2026, 12, 14), phrase="the surgery", event_day=date(2026, 12, 13), span=EventSpan.WEEK
    )
    assert followup_idea(surgery, date(2026, 12, 14)) == (
        "Sam had the surgery last week. Ask how Sam is doing?"
    )
    party = stored(
        date(2026, 12, 7), phrase="the party", event_day=date(2026, 12, 6), span=EventSpan.WEEKEND
    )
    assert (
        followup_idea(party, date(2026, 12, 7))
        == "Sam had the party at the weekend. Ask how it went?"
    )
    funeral = stored(SATURDAY, phrase="the funeral")
    assert "Ask how it went" not in followup_idea(funeral, SATURDAY)


def test_reminders_without_an_event_still_read_well() -> None:
    plain = stored(SATURDAY, phrase=None, source=FollowupSource.REMINDER)
    assert followup_idea(plain, SATURDAY) == (
        "You wanted to follow up with Sam. A short message asking how things are counts."
    )
    hip = stored(SATURDAY, phrase="the hip appointment", source=FollowupSource.REMINDER)
    assert followup_idea(hip, SATURDAY) == (
        "You wanted to follow up with Sam about the hip appointment. Ask how it went?"
    )
    early = stored(TUESDAY, event_day=date(2026, 12, 4), source=FollowupSource.REMINDER)
    assert followup_idea(early, TUESDAY) == (
        "Sam has the interview on Friday. A short good-luck message counts."
    )


def test_no_gendered_pronouns_in_any_sentence() -> None:
    phrases = ["the interview", "the move", "the surgery", "the new job", "the trip", None]
    for phrase in phrases:
        for source in FollowupSource:
            text = followup_idea(stored(SATURDAY, phrase=phrase, source=source), SATURDAY)
            words = set(text.lower().replace(".", " ").replace("?", " ").split())
            assert not words & {"he", "she", "his", "her", "him", "hers"}, text


def test_answers() -> None:
    followup = stored(SATURDAY)
    done = answer(followup, FollowupAnswer.DONE, SATURDAY)
    assert done.state is FollowupState.DONE and "Sam" in done.reply
    dropped = answer(followup, FollowupAnswer.NOT_NEEDED, SATURDAY)
    assert dropped.state is FollowupState.DROPPED
    later = answer(followup, FollowupAnswer.LATER, SATURDAY)
    assert later.state is FollowupState.SNOOZED
    assert later.due == SATURDAY + timedelta(days=LATER_DAYS)
    assert later.reply == "I'll bring it up again on Monday."
    assert [a.label for a in FollowupAnswer] == ["Done", "Later", "Not needed"]


def test_reminder_choices() -> None:
    assert [c.label for c in ReminderChoice] == [
        "Tomorrow",
        "In 3 days",
        "Next week",
        "Pick a date",
    ]
    assert reminder_due(ReminderChoice.TOMORROW, TUESDAY) == date(2026, 12, 2)
    assert reminder_due(ReminderChoice.IN_3_DAYS, TUESDAY) == date(2026, 12, 4)
    assert reminder_due(ReminderChoice.NEXT_WEEK, TUESDAY) == date(2026, 12, 8)
    with pytest.raises(ValueError):
        reminder_due(ReminderChoice.PICK, TUESDAY)
    assert picked_due("friday", TUESDAY) == date(2026, 12, 4)
    assert picked_due("next week", TUESDAY) == date(2026, 12, 7)
    assert picked_due("this weekend", TUESDAY) == SATURDAY
    assert picked_due("12/3", TUESDAY, day_first=False) == date(2026, 12, 3)
    with pytest.raises(InvalidFutureDay):
        picked_due("12/3", TUESDAY)
    with pytest.raises(InvalidFutureDay):
        picked_due("yesterday", TUESDAY)
    new = from_reminder(4, date(2026, 12, 4), phrase="the hip appointment", interaction_id=9)
    assert new.source is FollowupSource.REMINDER and new.event_day is None
    assert reminder_saved("Sam", date(2026, 12, 4), TUESDAY) == (
        "I'll remind you to follow up with Sam on Friday."
    )


def test_day_phrases_and_cards() -> None:
    assert day_phrase(TUESDAY, TUESDAY) == "today"
    assert day_phrase(date(2026, 11, 30), TUESDAY) == "yesterday"
    assert day_phrase(date(2026, 12, 2), TUESDAY) == "tomorrow"
    assert day_phrase(date(2026, 11, 27), TUESDAY) == "on Friday"
    assert day_phrase(date(2026, 11, 20), TUESDAY) == "on 20 Nov"
    assert day_phrase(date(2025, 11, 20), TUESDAY) == "on 20 Nov 2025"
    assert event_when(date(2026, 11, 22), EventSpan.WEEKEND, date(2026, 12, 7)) == (
        "on the weekend of 21 Nov"
    )
    assert event_when(date(2026, 11, 22), EventSpan.WEEK, date(2026, 12, 7)) == (
        "in the week of 16 Nov"
    )
    assert card_line(stored(SATURDAY), TUESDAY) == "the interview · from Sat 5 Dec"
    assert card_line(stored(TUESDAY), TUESDAY) == "the interview · due now"


def test_due_followups_skip_closed_future_and_stale_ones() -> None:
    due = [
        stored(TUESDAY, followup_id=1),
        stored(TUESDAY - timedelta(days=3), followup_id=2, state=FollowupState.SNOOZED),
        stored(TUESDAY + timedelta(days=1), followup_id=3),
        stored(TUESDAY, followup_id=4, state=FollowupState.DONE),
        stored(TUESDAY, followup_id=5, state=FollowupState.DROPPED),
        stored(TUESDAY - timedelta(days=STALE_AFTER_DAYS + 1), followup_id=6),
    ]
    assert [f.id for f in due_followups(due, TUESDAY)] == [2, 1]


# --- the lead --------------------------------------------------------------------------------


def dated(
    when: DayOfYear,
    kind: DateKind = DateKind.BIRTHDAY,
    *,
    date_id: int = 1,
    name: str = "Sam",
    remind_ahead: bool = True,
    mentioned: date | None = None,
) -> ImportantDate:
    label = "moved to Lisbon" if kind is DateKind.NAMED else None
    return ImportantDate(date_id, 10 + date_id, name, kind, when, label, remind_ahead, mentioned)


def test_a_birthday_on_the_day_leads() -> None:
    lead = lead_for_today([dated(DayOfYear(12, 1))], [], TUESDAY)
    assert lead is not None
    assert lead.opening == "It's Sam's birthday today."
    assert lead.idea is None and lead.followup is None
    assert lead.contact_id == 11 and lead.dates_today == (1,) and lead.mention_ahead == ()


def test_three_days_ahead_is_mentioned_once() -> None:
    birthday = dated(DayOfYear(12, 4))
    lead = lead_for_today([birthday], [], TUESDAY)
    assert lead is not None
    assert lead.opening == "Sam's birthday is in 3 days (Friday)."
    assert lead.mention_ahead == (AheadMention(1, date(2026, 12, 4)),)
    said = dated(DayOfYear(12, 4), mentioned=date(2026, 12, 4))
    assert lead_for_today([said], [], date(2026, 12, 2)) is None
    assert lead_for_today([birthday], [], TUESDAY, ahead_setting=False) is None
    assert lead_for_today([dated(DayOfYear(12, 4), remind_ahead=False)], [], TUESDAY) is None
    last_year = dated(DayOfYear(12, 4), mentioned=date(2025, 12, 4))
    assert lead_for_today([last_year], [], TUESDAY) is not None


def test_a_due_followup_is_the_idea_and_dates_still_open() -> None:
    followup = stored(TUESDAY, followup_id=7, name="Alex")
    lead = lead_for_today([dated(DayOfYear(12, 1))], [followup], TUESDAY)
    assert lead is not None
    assert lead.opening == "It's Sam's birthday today."
    assert lead.followup == followup
    assert lead.idea == "Alex had the interview yesterday. Ask how it went?"
    assert lead.contact_id == followup.contact_id


def test_date_sentences_are_capped() -> None:
    dates = [dated(DayOfYear(12, 1 + n), date_id=n, name=f"P{n}") for n in range(5)]
    lead = lead_for_today(dates, [], TUESDAY)
    assert lead is not None and lead.opening is not None
    assert lead.opening.count(".") == 3
    assert [m.date_id for m in lead.mention_ahead] == [1, 2]  # only what was said is marked


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 28), st.booleans(), st.sampled_from(DateKind)),
        max_size=3,  # the opening names at most 3 dates
    ),
    st.dates(min_value=date(2001, 1, 1), max_value=date(2037, 12, 31)),
)
def test_over_consecutive_days_each_date_is_said_ahead_at_most_once_and_on_its_day(
    raw: list[tuple[int, int, bool, DateKind]], start: date
) -> None:
    """Simulate 30 check-ins in a row, storing what the lead says it mentioned."""
    dates = {
        i: dated(DayOfYear(m, d), kind, date_id=i, name=f"P{i}", remind_ahead=ahead)
        for i, (m, d, ahead, kind) in enumerate(raw)
    }
    ahead_said: dict[int, list[date]] = {i: [] for i in dates}
    for offset in range(30):
        today = start + timedelta(days=offset)
        lead = lead_for_today(dates.values(), [], today)
        opening = lead.opening if lead else ""
        for mark in lead.mention_ahead if lead else ():
            assert 1 <= (mark.occurrence - today).days <= AHEAD_DAYS
            ahead_said[mark.date_id].append(mark.occurrence)
            old = dates[mark.date_id]
            dates[mark.date_id] = ImportantDate(
                old.id, old.contact_id, old.contact_name, old.kind, old.when, old.label,
                old.remind_ahead, mark.occurrence,
            )  # fmt: skip
        for d in dates.values():
            if d.next_occurrence(today) == today and lead:
                assert d.id in lead.dates_today
                assert opening and f"P{d.id}" in opening
    for i, said in ahead_said.items():
        assert len(said) == len(set(said))
        assert dates[i].remind_ahead or not said
