"""Follow-ups and important dates in SQLite: ownership, batches, cascades, export and delete."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.checkin_lead import AheadMention, lead_for_today
from bot.domain.days import today_in
from bot.domain.event_dates import EventMention, EventSpan, find_event_at
from bot.domain.followups import (
    STALE_AFTER_DAYS,
    FollowupAnswer,
    FollowupState,
    followup_idea,
    from_event,
    from_reminder,
)
from bot.domain.important_dates import DateKind, DayOfYear
from storage.contacts import ContactRepository
from storage.database import Database
from storage.deletion import UserDataEraser
from storage.export import UserDataExporter, user_table_plan
from storage.followups import FollowupRepository
from storage.important_dates import (
    DateSource,
    ImportantDateRepository,
    days_of_year,
    mark_ahead_mentioned,
)
from storage.personal import personal_inputs

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
TODAY = date(2026, 12, 1)
FRIDAY = date(2026, 12, 4)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    try:
        for user_id in (1, 2):
            await _seed(database, user_id)
        yield database
    finally:
        await database.close()


async def _seed(db: Database, user_id: int) -> None:
    """User n owns contacts n*10 ("Sam") and n*10+1 ("Alex") and interaction n*10 with Sam."""
    await db.execute(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
        "VALUES (?, ?, 'Europe/London', '19:30', 1)",
        (user_id, user_id),
    )
    for offset, name in ((0, "Sam"), (1, "Alex")):
        await db.execute(
            "INSERT INTO contacts (id, user_id, name, name_key, kind, created_at) "
            "VALUES (?, ?, ?, ?, 'intimate', 1)",
            (user_id * 10 + offset, user_id, name, name.lower()),
        )
    await db.execute(
        "INSERT INTO interactions (id, user_id, contact_id, occurred_at, channel, note, "
        "created_at) VALUES (?, ?, ?, 100, 'call', 'interview on Friday', 101)",
        (user_id * 10, user_id, user_id * 10),
    )


async def test_followups_belong_to_their_user(db: Database) -> None:
    repo = FollowupRepository(db)
    new = from_event(10, EventMention("the interview", FRIDAY), interaction_id=10)
    followup_id = await repo.add(1, new, NOW)
    assert followup_id is not None
    # Another user's contact or note is refused, and another user cannot see or change it.
    assert await repo.add(2, new, NOW) is None
    assert await repo.add(1, from_reminder(20, FRIDAY), NOW) is None
    stolen_note = from_event(10, EventMention("the exam", FRIDAY), interaction_id=20)
    assert await repo.add(1, stolen_note, NOW) is None
    assert await repo.get(2, followup_id) is None
    assert await repo.answer(2, followup_id, FollowupAnswer.DONE, TODAY, NOW) is None
    assert not await repo.drop(2, followup_id, NOW)
    got = await repo.get(1, followup_id)
    assert got is not None
    assert (got.contact_name, got.phrase, got.event_day, got.due) == (
        "Sam", "the interview", FRIDAY, date(2026, 12, 5),
    )  # fmt: skip


async def test_the_same_note_saved_again_updates_its_followup(db: Database) -> None:
    repo = FollowupRepository(db)
    first = await repo.add(
        1, from_event(10, EventMention("the interview", FRIDAY), interaction_id=10), NOW
    )
    moved = from_event(10, EventMention("the interview", date(2026, 12, 8)), interaction_id=10)
    second = await repo.add(1, moved, NOW)
    assert first == second
    [only] = await repo.for_contact(1, 10)
    assert only.due == date(2026, 12, 9)
    reminder = await repo.add(1, from_reminder(10, TODAY, interaction_id=10), NOW)
    assert reminder not in (None, first)  # a reminder on the same note is its own


async def test_answers_and_drops(db: Database) -> None:
    repo = FollowupRepository(db)
    followup_id = await repo.add(1, from_reminder(10, TODAY, phrase="the hip appointment"), NOW)
    assert followup_id is not None
    later = await repo.answer(1, followup_id, FollowupAnswer.LATER, TODAY, NOW)
    assert later is not None
    assert later[0].state is FollowupState.SNOOZED and later[0].due == date(2026, 12, 3)
    assert "Thursday" in later[1]
    done = await repo.answer(1, followup_id, FollowupAnswer.DONE, TODAY, NOW)
    assert done is not None and done[0].state is FollowupState.DONE
    assert await repo.answer(1, followup_id, FollowupAnswer.DONE, TODAY, NOW) is None  # twice
    assert await repo.for_contact(1, 10) == []
    assert len(await repo.for_contact(1, 10, pending_only=False)) == 1
    other = await repo.add(1, from_reminder(11, FRIDAY), NOW)
    assert other is not None
    assert await repo.drop(1, other, NOW)
    assert not await repo.drop(1, other, NOW)
    assert await repo.for_user(1) == []


async def test_due_followups_for_a_batch_of_users_on_their_own_days(db: Database) -> None:
    repo = FollowupRepository(db)
    await repo.add(1, from_reminder(10, date(2026, 12, 1)), NOW)
    await repo.add(1, from_reminder(11, date(2026, 12, 2)), NOW)
    await repo.add(2, from_reminder(20, date(2026, 12, 2)), NOW)
    stale = date(2026, 12, 2).toordinal() - STALE_AFTER_DAYS - 1
    await repo.add(2, from_reminder(21, date.fromordinal(stale)), NOW)
    # User 1 is still on 1 December, user 2 already on 2 December (another zone).
    due = await repo.due_for({1: date(2026, 12, 1), 2: date(2026, 12, 2), 3: TODAY})
    assert [f.contact_name for f in due[1]] == ["Sam"]
    assert [f.contact_id for f in due[2]] == [20]
    assert due[3] == []
    await ContactRepository(db).set_archived(2, 20, True)
    assert (await repo.due_for({2: date(2026, 12, 2)}))[2] == []


async def test_many_users_in_one_call(db: Database) -> None:
    repo = FollowupRepository(db)
    await repo.add(1, from_reminder(10, TODAY), NOW)
    wanted = dict.fromkeys(range(1, 1001), TODAY)
    due = await repo.due_for(wanted)
    assert len(due) == 1000 and len(due[1]) == 1
    dates = await ImportantDateRepository(db).around(wanted)
    assert len(dates) == 1000


async def test_deleting_a_contact_or_a_log_takes_its_followups_and_dates(db: Database) -> None:
    followups = FollowupRepository(db)
    dates = ImportantDateRepository(db)
    await followups.add(
        1, from_event(10, EventMention("the interview", FRIDAY), interaction_id=10), NOW
    )
    await followups.add(1, from_reminder(11, FRIDAY), NOW)
    await dates.add(1, 11, DateKind.BIRTHDAY, DayOfYear(3, 14), NOW)
    await db.execute("DELETE FROM interactions WHERE id = 10 AND user_id = 1")
    assert [f.contact_id for f in await followups.for_user(1)] == [11]
    assert await ContactRepository(db).delete(1, 11) is not None
    assert await followups.for_user(1) == []
    assert await dates.for_user(1) == []


async def test_dates_belong_to_their_user_and_one_birthday_each(db: Database) -> None:
    repo = ImportantDateRepository(db)
    first = await repo.add(1, 10, DateKind.BIRTHDAY, DayOfYear(3, 14), NOW, source=DateSource.VCARD)
    again = await repo.add(1, 10, DateKind.BIRTHDAY, DayOfYear(3, 15, 1990), NOW)
    assert first is not None and first == again
    [birthday] = await repo.for_contact(1, 10)
    assert birthday.when == DayOfYear(3, 15, 1990)  # typed over imported
    typed = await repo.add(1, 10, DateKind.BIRTHDAY, DayOfYear(3, 16, 1990), NOW)
    imported = await repo.add(
        1, 10, DateKind.BIRTHDAY, DayOfYear(1, 1), NOW, source=DateSource.VCARD
    )
    assert typed == imported == first
    [birthday] = await repo.for_contact(1, 10)
    assert birthday.when == DayOfYear(3, 16, 1990)  # what the user typed wins over an import
    named = await repo.add(
        1, 10, DateKind.NAMED, DayOfYear(6, 1, 2020), NOW, label="moved to Lisbon"
    )
    assert named is not None
    assert await repo.add(2, 10, DateKind.ANNIVERSARY, DayOfYear(1, 1), NOW) is None
    with pytest.raises(ValueError):
        await repo.add(1, 10, DateKind.NAMED, DayOfYear(1, 1), NOW)
    assert await repo.get(2, named) is None
    assert not await repo.delete(2, named)
    assert not await repo.set_remind_ahead(2, named, False, NOW)
    assert await repo.set_remind_ahead(1, named, False, NOW)
    got = await repo.get(1, named)
    assert got is not None and got.label == "moved to Lisbon" and not got.remind_ahead
    assert await repo.delete(1, named)
    assert [d.kind for d in await repo.for_user(1)] == [DateKind.BIRTHDAY]


async def test_dates_around_today_cross_the_year_and_find_29_february(db: Database) -> None:
    repo = ImportantDateRepository(db)
    await repo.add(1, 10, DateKind.BIRTHDAY, DayOfYear(1, 2), NOW)
    await repo.add(1, 11, DateKind.BIRTHDAY, DayOfYear(2, 29, 2000), NOW)
    await repo.add(2, 20, DateKind.ANNIVERSARY, DayOfYear(3, 1), NOW)
    around = await repo.around({1: date(2026, 12, 30), 2: date(2027, 2, 26)})
    assert [d.contact_name for d in around[1]] == ["Sam"]
    assert around[2][0].kind is DateKind.ANNIVERSARY
    leap = await repo.around({1: date(2027, 2, 28), 2: date(2028, 2, 28)})
    assert [d.contact_name for d in leap[1]] == ["Alex"]  # 29 Feb falls on 28 Feb in 2027
    lead = lead_for_today(leap[1], [], date(2027, 2, 28))
    assert lead is not None and lead.opening == "Alex turns 27 today."
    assert days_of_year(date(2028, 2, 28), date(2028, 2, 28)) == [(2, 28)]
    assert days_of_year(date(2027, 2, 28), date(2027, 3, 1)) == [(2, 28), (2, 29), (3, 1)]


async def test_ahead_mentions_are_stored_once_and_the_setting_defaults_on(db: Database) -> None:
    repo = ImportantDateRepository(db)
    date_id = await repo.add(1, 10, DateKind.BIRTHDAY, DayOfYear(12, 4), NOW)
    assert date_id is not None
    assert await repo.ahead_setting([1, 2, 3]) == {1: True, 2: True}
    dates = (await repo.around({1: TODAY}))[1]
    lead = lead_for_today(dates, [], TODAY)
    assert lead is not None and lead.mention_ahead == (AheadMention(date_id, FRIDAY),)
    async with db.transaction() as connection:
        await mark_ahead_mentioned(connection, [(1, m) for m in lead.mention_ahead])
        await mark_ahead_mentioned(connection, [(2, AheadMention(date_id, date(2026, 1, 1)))])
    tomorrow = date(2026, 12, 2)
    assert lead_for_today((await repo.around({1: tomorrow}))[1], [], tomorrow) is None
    await repo.set_ahead_setting(1, False)
    assert await repo.ahead_setting([1]) == {1: False}
    await repo.mark_ahead_mentioned(1, [AheadMention(date_id, date(2027, 12, 4))])
    [stored] = await repo.for_user(1)
    assert stored.ahead_mentioned_for == date(2027, 12, 4)


async def test_batch_queries_use_their_indexes(db: Database) -> None:
    plan = await db.fetch_all(
        "EXPLAIN QUERY PLAN SELECT f.id FROM followups AS f WHERE f.user_id = ? "
        "AND f.due_date BETWEEN ? AND ? AND f.state IN ('open', 'snoozed')",
        (1, "2026-11-17", "2026-12-01"),
    )
    assert any("followups_pending_due" in row["detail"] for row in plan)
    plan = await db.fetch_all(
        "EXPLAIN QUERY PLAN SELECT d.id FROM important_dates AS d WHERE d.user_id IN (?, ?) "
        "AND ((d.month = ? AND d.day = ?) OR (d.month = ? AND d.day = ?))",
        (1, 2, 12, 1, 12, 2),
    )
    assert any("important_dates_by_user_day" in row["detail"] for row in plan)


async def test_export_and_delete_cover_followups_and_dates(db: Database) -> None:
    followups = FollowupRepository(db)
    dates = ImportantDateRepository(db)
    for user_id in (1, 2):
        contact = user_id * 10
        await followups.add(
            user_id,
            from_event(
                contact,
                EventMention("the interview", FRIDAY, EventSpan.DAY),
                interaction_id=contact,
            ),
            NOW,
        )
        await dates.add(user_id, contact, DateKind.BIRTHDAY, DayOfYear(3, 14), NOW)
    plan = await user_table_plan(db.connection)
    assert plan.unscoped == ()
    names = [table.name for table in plan.tables]
    assert names.index("followups") < names.index("interactions") < names.index("contacts")
    assert names.index("important_dates") < names.index("contacts")

    data = await UserDataExporter(db).collect(1)
    assert data is not None
    assert [row["phrase"] for row in data.tables["followups"]] == ["the interview"]
    assert [row["due_date"] for row in data.tables["followups"]] == ["2026-12-05"]
    assert [(row["month"], row["day"]) for row in data.tables["important_dates"]] == [(3, 14)]
    assert data.tables["users"][0]["dates_ahead"] == 1

    counts = await UserDataEraser(db).count(1)
    assert counts["followups"] == 1 and counts["important_dates"] == 1
    await UserDataEraser(db).delete_everything(1)
    assert await followups.for_user(1) == [] and await dates.for_user(1) == []
    assert len(await followups.for_user(2)) == 1 and len(await dates.for_user(2)) == 1


async def test_a_dated_note_comes_due_on_the_right_local_day_across_a_dst_change(
    db: Database,
) -> None:
    """London leaves summer time on Sunday 25 October 2026; the note is written on the
    Saturday evening. Asked every hour, the follow-up is due from local Tuesday 00:00 on."""
    london = ZoneInfo("Europe/London")
    written = datetime(2026, 10, 24, 20, tzinfo=UTC)  # 21:00 BST
    mention = find_event_at("Sam: job interview on Monday", written, london)
    assert mention == EventMention("the job interview", date(2026, 10, 26))
    await FollowupRepository(db).add(1, from_event(10, mention), written)
    instant = written
    first_due: datetime | None = None
    while instant < datetime(2026, 10, 29, tzinfo=UTC):
        due = await FollowupRepository(db).due_for({1: today_in(london, instant)})
        if due[1] and first_due is None:
            first_due = instant
            assert followup_idea(due[1][0], today_in(london, instant)) == (
                "Sam had the job interview yesterday. Ask how it went?"
            )
        assert bool(due[1]) is (first_due is not None)
        instant += timedelta(hours=1)
    assert first_due == datetime(2026, 10, 27, 0, tzinfo=UTC)  # midnight GMT on Tuesday


async def test_personal_inputs_bring_the_lead_for_each_user(db: Database) -> None:
    await ImportantDateRepository(db).add(1, 10, DateKind.BIRTHDAY, DayOfYear(12, 1), NOW)
    await FollowupRepository(db).add(2, from_reminder(20, TODAY, phrase="the move"), NOW)
    inputs = await personal_inputs(db, {1: TODAY, 2: TODAY, 3: TODAY})
    first = inputs[1].lead()
    assert first is not None and first.opening == "It's Sam's birthday today."
    second = inputs[2].lead()
    assert second is not None and second.idea == (
        "You wanted to follow up with Sam about the move. Ask how it went?"
    )
    assert inputs[3].lead() is None and inputs[3].ahead_setting


async def test_personal_inputs_match_the_repositories_for_every_kind_of_user(
    db: Database,
) -> None:
    """Only users with dates or pending follow-ups have them looked up; everyone gets the
    same dates, follow-ups, setting and circumstances the repositories give one by one."""
    for user_id in (3, 4, 5):
        await _seed(db, user_id)
    dates, followups = ImportantDateRepository(db), FollowupRepository(db)
    await dates.add(1, 10, DateKind.BIRTHDAY, DayOfYear(12, 3), NOW)  # ahead, not today
    await dates.set_ahead_setting(1, False)
    await followups.add(2, from_reminder(20, TODAY, phrase="the move"), NOW)
    dropped = await followups.add(3, from_reminder(30, TODAY, phrase="the exam"), NOW)
    assert dropped is not None and await followups.drop(3, dropped, NOW)
    await dates.add(4, 40, DateKind.BIRTHDAY, DayOfYear(6, 1), NOW)  # outside the window
    await db.execute("UPDATE users SET circumstances = 'new-in-town,retired-word' WHERE id = 5", ())
    today = dict.fromkeys((1, 2, 3, 4, 5, 6), TODAY)  # 6: not a user
    inputs = await personal_inputs(db, today)
    around = await dates.around(today)
    due = await followups.due_for(today)
    ahead = await dates.ahead_setting(today)
    assert set(inputs) == set(today)
    for user_id in today:
        assert inputs[user_id].dates == tuple(around[user_id])
        assert inputs[user_id].followups == tuple(due[user_id])
        assert inputs[user_id].ahead_setting is ahead.get(user_id, True)
    assert [len(inputs[user_id].dates) for user_id in (1, 4)] == [1, 0]
    assert len(inputs[2].followups) == 1 and inputs[3].followups == ()
    assert inputs[5].circumstances == frozenset({"new-in-town"})
    assert inputs[1].circumstances == frozenset() and not inputs[1].ahead_setting
    assert inputs[3].lead() is None and inputs[6].lead() is None
