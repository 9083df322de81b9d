"""/history reads and past-log edits on a real SQLite file: paging, filters, search, ownership,
and the acted-on credit following its evidence through edits and deletions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel
from bot.domain.history import moment_line
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import DraftPerson
from bot.domain.moment_edits import (
    AddPerson,
    ChannelChanged,
    DayChanged,
    EditProblem,
    FeelingChanged,
    MomentEdit,
    NoteChanged,
    NothingChanged,
    PeopleChanged,
    RemovePerson,
    SetChannel,
    SetDay,
    SetFeeling,
    SetNote,
)
from bot.domain.quiet import overdue_contacts, quiet_kinds
from storage import migrate
from storage.checkins import CheckinRepository
from storage.contacts import ContactRepository
from storage.database import Database
from storage.history import HistoryCursor, HistoryFilter, HistoryRepository, line_of
from storage.interactions import InteractionRepository, Moment, MomentToSave
from storage.moment_edits import EditOutcome, MomentEditor
from storage.summary_queries import SummaryQueries
from storage.users import to_epoch

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
ADA, BO = 1, 2
INTIMATE, RELATIONAL, COLLECTIVE = (
    ConnectionType.INTIMATE,
    ConnectionType.RELATIONAL,
    ConnectionType.COLLECTIVE,
)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    for user_id in (ADA, BO):
        await add_user(database, user_id)
    try:
        yield database
    finally:
        await database.close()


async def add_user(db: Database, user_id: int) -> None:
    await db.execute(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
        "VALUES (?, ?, 'Europe/Berlin', '19:30', 1)",
        (user_id, user_id),
    )


async def log(
    db: Database,
    user_id: int,
    people: list[tuple[str, ConnectionType]],
    when: datetime,
    *,
    channel: Channel = Channel.CALL,
    feeling: int | None = None,
    note: str | None = None,
) -> Moment:
    saved = await InteractionRepository(db).save_moment(
        user_id,
        MomentToSave(
            people=tuple(DraftPerson(name, kind) for name, kind in people),
            channel=channel,
            occurred_at=when,
            feeling=feeling,
            note=note,
        ),
        when,
    )
    assert isinstance(saved, Moment)
    return saved


def names(moment: Moment) -> list[str]:
    return [person.name for person in moment.people]


async def all_pages(repo: HistoryRepository, user_id: int, flt: HistoryFilter) -> list[int]:
    seen: list[int] = []
    page = await repo.page(user_id, flt)
    while True:
        seen.extend(moment.moment_id for moment in page.moments)
        if page.older is None:
            return seen
        page = await repo.page(user_id, flt, cursor=page.older)


# ------------------------------------------------------------------ history pages


async def test_pages_are_newest_first_eight_at_a_time_one_line_per_moment(db: Database) -> None:
    moments = [
        await log(db, ADA, [(f"P{i}", RELATIONAL)], NOW - timedelta(days=20 - i)) for i in range(19)
    ]
    together = await log(db, ADA, [("Sam", INTIMATE), ("Alex", RELATIONAL)], NOW)
    await log(db, BO, [("Bo's brother", INTIMATE)], NOW)
    repo = HistoryRepository(db)

    first = await repo.page(ADA)
    assert [m.moment_id for m in first.moments] == [together.moment_id] + [
        m.moment_id for m in reversed(moments[-7:])
    ]
    assert names(first.moments[0]) == ["Sam", "Alex"]
    assert first.newer is None and first.older is not None

    second = await repo.page(ADA, cursor=first.older)
    assert [m.moment_id for m in second.moments] == [m.moment_id for m in reversed(moments[4:12])]
    third = await repo.page(ADA, cursor=second.older)
    assert [m.moment_id for m in third.moments] == [m.moment_id for m in reversed(moments[:4])]
    assert third.older is None and third.newer is not None

    back = await repo.page(ADA, cursor=third.newer, direction="newer")
    assert back == second
    assert await repo.count(ADA) == 20
    assert await repo.count(BO) == 1


async def test_a_moment_deleted_between_pages_neither_skips_nor_repeats(db: Database) -> None:
    moments = [await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=i)) for i in range(12)]
    repo = HistoryRepository(db)
    first = await repo.page(ADA)
    assert await MomentEditor(db).delete(ADA, moments[1].moment_id) is not None
    assert first.older is not None
    second = await repo.page(ADA, cursor=first.older)
    assert [m.moment_id for m in second.moments] == [m.moment_id for m in moments[8:]]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=60), max_size=26),
    size=st.integers(min_value=1, max_value=9),
)
async def test_walking_the_pages_meets_every_moment_once_in_order(
    db: Database, offsets: list[int], size: int
) -> None:
    # A fresh user per example; equal offsets give ties on occurred_at.
    user_id = await db_next_user(db)
    logged = [
        await log(db, user_id, [("Sam", INTIMATE)], NOW - timedelta(hours=offset))
        for offset in offsets
    ]
    expected = [
        m.moment_id
        for m in sorted(logged, key=lambda m: (m.occurred_at, m.moment_id), reverse=True)
    ]
    repo = HistoryRepository(db)
    pages = []
    page = await repo.page(user_id, size=size)
    while True:
        pages.append([m.moment_id for m in page.moments])
        assert all(len(p) == size for p in pages[:-1])
        if page.older is None:
            break
        page = await repo.page(user_id, cursor=page.older, size=size)
    assert [moment for p in pages for moment in p] == expected
    # And back again, page by page.
    for previous in reversed(pages[:-1]):
        assert page.newer is not None
        page = await repo.page(user_id, cursor=page.newer, direction="newer", size=size)
        assert [m.moment_id for m in page.moments] == previous
    assert page.newer is None


async def db_next_user(db: Database) -> int:
    row = await db.fetch_one("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM users")
    assert row is not None
    await add_user(db, int(row["id"]))
    return int(row["id"])


async def test_filters_by_kind_and_person_keep_the_whole_moment(db: Database) -> None:
    dinner = await log(db, ADA, [("Sam", INTIMATE), ("Book club", COLLECTIVE)], NOW)
    call = await log(db, ADA, [("Alex", RELATIONAL)], NOW - timedelta(days=1))
    await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=2))
    repo = HistoryRepository(db)
    groups = await repo.page(ADA, HistoryFilter(kind=COLLECTIVE))
    assert [m.moment_id for m in groups.moments] == [dinner.moment_id]
    assert names(groups.moments[0]) == ["Sam", "Book club"]
    alex_id = call.people[0].contact_id
    assert [
        m.moment_id for m in (await repo.page(ADA, HistoryFilter(contact_id=alex_id))).moments
    ] == [call.moment_id]
    sam_id = dinner.people[0].contact_id
    assert await repo.count(ADA, HistoryFilter(contact_id=sam_id)) == 2
    assert await repo.count(ADA, HistoryFilter(contact_id=sam_id, kind=RELATIONAL)) == 0
    # Someone else's contact id finds nothing of Ada's.
    theirs = await log(db, BO, [("Zed", INTIMATE)], NOW)
    assert (
        await repo.page(ADA, HistoryFilter(contact_id=theirs.people[0].contact_id))
    ).moments == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", ["Zoë"]),
        ("ZOË", ["Zoë"]),
        ("josé", ["Jose Luis"]),
        ("прия", ["Прия"]),
        ("ПРИЯ", ["Прия"]),
        ("🌻", ["Sunny 🌻"]),
        ("dinner", ["Sam"]),
        ("DÎNER", ["Amélie"]),
        ("priay", []),  # a typo: see did_you_mean
        ("sam dinner", ["Sam"]),  # every word, across names and note
        ("sam lunch", []),
        ("山田", ["山田 太郎"]),
        ("nobody", []),
    ],
)
async def test_search_folds_case_accents_and_keeps_every_script(
    db: Database, typed: str, expected: list[str]
) -> None:
    await log(db, ADA, [("Zoë", RELATIONAL)], NOW - timedelta(days=1))
    await log(db, ADA, [("Jose Luis", RELATIONAL)], NOW - timedelta(days=2))
    await log(db, ADA, [("Прия", INTIMATE)], NOW - timedelta(days=3))
    await log(db, ADA, [("Sunny 🌻", INTIMATE)], NOW - timedelta(days=4))
    await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=5), note="Dinner at Sam's")
    await log(db, ADA, [("Amélie", INTIMATE)], NOW - timedelta(days=6), note="Dîner chez elle")
    await log(db, ADA, [("Priya", RELATIONAL)], NOW - timedelta(days=7))
    await log(db, ADA, [("山田 太郎", RELATIONAL)], NOW - timedelta(days=8))
    await log(db, BO, [("Zoë", RELATIONAL)], NOW, note="dinner")
    page = await HistoryRepository(db).page(ADA, HistoryFilter(search=typed))
    assert [names(m)[0] for m in page.moments] == expected


async def test_a_search_that_finds_nothing_can_offer_the_person_a_typo_means(
    db: Database,
) -> None:
    priya = await log(db, ADA, [("Priya", RELATIONAL)], NOW)
    await log(db, ADA, [("Sam", RELATIONAL)], NOW)
    await log(db, BO, [("Priyanka", RELATIONAL)], NOW)
    repo = HistoryRepository(db)
    assert (await repo.page(ADA, HistoryFilter(search="priay"))).moments == ()
    [meant] = await repo.did_you_mean(ADA, "priay")
    assert meant.contact_id == priya.people[0].contact_id and meant.name == "Priya"
    assert await repo.did_you_mean(ADA, "zzzz") == ()


async def test_timeline_is_the_last_five_with_the_rhythm(db: Database) -> None:
    for i in range(7):
        await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=i * 3), note=f"n{i}")
    repo = HistoryRepository(db)
    sam = (await repo.page(ADA)).moments[0].people[0].contact_id
    await db.execute("UPDATE contacts SET rhythm_days = 14 WHERE id = ?", (sam,))
    timeline = await repo.timeline(ADA, sam)
    assert timeline is not None
    assert [entry.note for entry in timeline.latest] == ["n0", "n1", "n2", "n3", "n4"]
    assert timeline.total == 7 and timeline.contact.rhythm_days == 14
    assert timeline.last_at == NOW
    assert await repo.timeline(BO, sam) is None


# ------------------------------------------------------------------ edits


async def edit(db: Database, user_id: int, moment: Moment, change: MomentEdit) -> EditOutcome:
    outcome = await MomentEditor(db).edit(user_id, moment.moment_id, change, now=NOW, zone=ZONE)
    assert isinstance(outcome, EditOutcome), outcome
    return outcome


async def test_each_field_changes_at_once_and_says_what_changed(db: Database) -> None:
    moment = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=3))
    alex = await log(db, ADA, [("Alex", RELATIONAL)], NOW - timedelta(days=9))
    alex_id = alex.people[0].contact_id

    changed = await edit(db, ADA, moment, SetChannel(Channel.VIDEO))
    assert changed.change == ChannelChanged(Channel.CALL, Channel.VIDEO)
    assert changed.after.channel is Channel.VIDEO

    changed = await edit(db, ADA, moment, SetDay(date(2026, 11, 20)))
    assert changed.change == DayChanged(date(2026, 11, 22), date(2026, 11, 20))
    assert changed.after.occurred_at == datetime(2026, 11, 20, 11, 0, tzinfo=UTC)  # local noon
    day_only = await db.fetch_all("SELECT day_only FROM interactions WHERE user_id = ?", (ADA,))
    assert {row["day_only"] for row in day_only} >= {1}, "a day set by hand has no time"

    changed = await edit(db, ADA, moment, SetFeeling(4))
    assert changed.change == FeelingChanged(None, 4)
    changed = await edit(db, ADA, moment, SetNote("  Talked about the move  "))
    assert changed.change == NoteChanged(None, "Talked about the move")

    changed = await edit(db, ADA, moment, AddPerson(alex_id))
    assert changed.change == PeopleChanged(("Alex",), (), ("Sam", "Alex"))
    after = changed.after
    assert names(after) == ["Sam", "Alex"]
    assert {(p.contact_id, after.channel, after.feeling, after.note) for p in after.people} == {
        (p.contact_id, Channel.VIDEO, 4, "Talked about the move") for p in after.people
    }
    rows = await db.fetch_all(
        "SELECT DISTINCT occurred_at, channel, feeling, note FROM interactions "
        "WHERE COALESCE(moment_id, id) = ?",
        (moment.moment_id,),
    )
    assert len(rows) == 1  # every row of the moment says the same

    sam_id = moment.people[0].contact_id
    changed = await edit(db, ADA, moment, RemovePerson(sam_id))
    assert changed.change == PeopleChanged((), ("Sam",), ("Alex",))
    # The moment keeps its id even though its first row went.
    assert names(changed.after) == ["Alex"]
    again = await MomentEditor(db).edit(
        ADA, moment.moment_id, RemovePerson(alex_id), now=NOW, zone=ZONE
    )
    assert again is EditProblem.LAST_PERSON

    changed = await edit(db, ADA, moment, SetNote(""))
    assert changed.change == NoteChanged("Talked about the move", None)
    changed = await edit(db, ADA, moment, SetFeeling(None))
    assert changed.change == FeelingChanged(4, None)
    assert (await edit(db, ADA, moment, SetChannel(Channel.VIDEO))).change == NothingChanged()


async def test_refused_edits_write_nothing(db: Database) -> None:
    moment = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=3))
    theirs = await log(db, BO, [("Zed", INTIMATE)], NOW)
    editor = MomentEditor(db)
    before = await db.fetch_all("SELECT * FROM interactions ORDER BY id")
    refused: dict[EditProblem, MomentEdit] = {
        EditProblem.FUTURE_DAY: SetDay(date(2026, 11, 26)),
        EditProblem.TOO_OLD: SetDay(date(2025, 11, 24)),
        EditProblem.BAD_FEELING: SetFeeling(6),
        EditProblem.NOTE_TOO_LONG: SetNote("x" * 501),
        EditProblem.UNKNOWN_PERSON: AddPerson(theirs.people[0].contact_id),
    }
    for problem, change in refused.items():
        assert await editor.edit(ADA, moment.moment_id, change, now=NOW, zone=ZONE) is problem
    assert await editor.edit(ADA, moment.moment_id, RemovePerson(999), now=NOW, zone=ZONE) is (
        EditProblem.UNKNOWN_PERSON
    )
    # Someone else's moment, from a forged button.
    assert (
        await editor.edit(ADA, theirs.moment_id, SetFeeling(1), now=NOW, zone=ZONE)
        is EditProblem.GONE
    )
    assert await editor.delete(ADA, theirs.moment_id) is None
    assert [tuple(r) for r in await db.fetch_all("SELECT * FROM interactions ORDER BY id")] == [
        tuple(r) for r in before
    ]
    # A year back to the day is still allowed, as /log allows it.
    assert isinstance(
        await editor.edit(ADA, moment.moment_id, SetDay(date(2025, 11, 25)), now=NOW, zone=ZONE),
        EditOutcome,
    )


async def test_adding_someone_to_a_lone_log_makes_it_a_moment(db: Database) -> None:
    await db.execute(
        "INSERT INTO contacts (id, user_id, name, name_key, kind, archived, created_at) "
        "VALUES (50, 1, 'Old', 'old', 'relational', 1, 1), "
        "(51, 1, 'Pal', 'pal', 'relational', 0, 1)"
    )
    await db.execute(
        "INSERT INTO interactions (id, user_id, contact_id, occurred_at, channel, created_at) "
        f"VALUES (70, 1, 51, {to_epoch(NOW)}, 'call', 1)"
    )  # moment_id NULL, as other tools write it
    lone = (await HistoryRepository(db).page(ADA)).moments[0]
    changed = await edit(db, ADA, lone, AddPerson(50))
    assert names(changed.after) == ["Pal", "Old"]
    archived = await db.fetch_one("SELECT archived FROM contacts WHERE id = 50")
    assert archived is not None and archived["archived"] == 0  # no longer drifting
    assert await HistoryRepository(db).count(ADA) == 1


# ------------------------------------------------------------------ acted-on evidence


async def shown(db: Database, user_id: int, kind: ConnectionType, at: datetime) -> int:
    await db.execute(
        "INSERT INTO suggestions_shown (user_id, suggestion_id, strategy, kind, shown_at) "
        "VALUES (?, 'voice-note', 'digital', ?, ?)",
        (user_id, kind.value, to_epoch(at)),
    )
    row = await db.fetch_one("SELECT MAX(id) AS id FROM suggestions_shown")
    assert row is not None
    return int(row["id"])


async def acted(db: Database, suggestion: int) -> tuple[int | None, int | None]:
    row = await db.fetch_one(
        "SELECT acted_on_at, acted_on_interaction_id FROM suggestions_shown WHERE id = ?",
        (suggestion,),
    )
    assert row is not None
    return row["acted_on_at"], row["acted_on_interaction_id"]


async def test_editing_the_evidence_moves_or_removes_the_acted_on_record(db: Database) -> None:
    idea = await shown(db, ADA, INTIMATE, NOW - timedelta(days=1))
    moment = await log(db, ADA, [("Sam", INTIMATE)], NOW)
    assert await acted(db, idea) == (to_epoch(NOW), moment.moment_id)

    # Moved to before the idea was shown: no longer evidence.
    await edit(db, ADA, moment, SetDay(date(2026, 11, 20)))
    assert await acted(db, idea) == (None, None)
    # Moved back inside the 48 hours: evidence again.
    moved = await edit(db, ADA, moment, SetDay(date(2026, 11, 25)))
    assert await acted(db, idea) == (to_epoch(moved.after.occurred_at), moment.moment_id)

    # Channel, feeling and note do not matter.
    await edit(db, ADA, moment, SetChannel(Channel.MESSAGE))
    await edit(db, ADA, moment, SetNote("hi"))
    assert (await acted(db, idea))[1] == moment.moment_id

    # Swapping the person for someone of another kind: not evidence for an intimate idea.
    alex = await log(db, ADA, [("Alex", RELATIONAL)], NOW - timedelta(days=30))
    await edit(db, ADA, moment, AddPerson(alex.people[0].contact_id))
    await edit(db, ADA, moment, RemovePerson(moment.people[0].contact_id))
    assert await acted(db, idea) == (None, None)


async def test_deleting_the_evidence_removes_the_record_or_passes_it_on(db: Database) -> None:
    idea = await shown(db, ADA, INTIMATE, NOW - timedelta(days=1))
    first = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(hours=20))
    second = await log(db, ADA, [("Mum", INTIMATE)], NOW - timedelta(hours=2))
    assert await acted(db, idea) == (to_epoch(first.occurred_at), first.moment_id)
    # The first goes: the next interaction that qualifies carries the credit.
    assert await MomentEditor(db).delete(ADA, first.moment_id) is not None
    assert await acted(db, idea) == (to_epoch(second.occurred_at), second.moment_id)
    # /undo of the last evidence: nothing left, so not acted on.
    assert await InteractionRepository(db).delete_moment(ADA, second.moment_id) is not None
    assert await acted(db, idea) == (None, None)


async def test_one_interaction_is_evidence_for_one_idea_only(db: Database) -> None:
    older = await shown(db, ADA, INTIMATE, NOW - timedelta(hours=30))
    newer = await shown(db, ADA, INTIMATE, NOW - timedelta(hours=10))
    first = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(hours=5))
    assert (await acted(db, newer))[1] == first.moment_id
    assert await acted(db, older) == (None, None)
    second = await log(db, ADA, [("Mum", INTIMATE)], NOW - timedelta(hours=4))
    assert (await acted(db, older))[1] == second.moment_id
    # Deleting the newer idea's evidence: "second" is already the older one's, so no credit.
    await MomentEditor(db).delete(ADA, first.moment_id)
    assert await acted(db, newer) == (None, None)
    assert (await acted(db, older))[1] == second.moment_id


async def test_removing_a_person_who_was_the_evidence(db: Database) -> None:
    idea = await shown(db, ADA, COLLECTIVE, NOW - timedelta(hours=3))
    moment = await log(db, ADA, [("Sam", INTIMATE), ("Choir", COLLECTIVE)], NOW)
    assert (await acted(db, idea))[0] == to_epoch(NOW)
    choir = moment.people[1].contact_id
    await edit(db, ADA, moment, RemovePerson(choir))
    assert await acted(db, idea) == (None, None)
    await edit(db, ADA, moment, AddPerson(choir))
    assert (await acted(db, idea))[0] == to_epoch(NOW)


def test_cursor_of_a_moment() -> None:
    moment = Moment(7, Channel.CALL, NOW, (), None, None)
    assert HistoryCursor.of(moment) == HistoryCursor(to_epoch(NOW), 7)


# ------------------------------------------------------------------ what depends on a log


async def test_quiet_kinds_overdue_and_summary_read_the_edited_history(db: Database) -> None:
    """Nothing is cached: the next check-in and /summary see an edit at once."""
    joined = NOW - timedelta(days=60)
    moment = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=1))
    sam = moment.people[0].contact_id
    await db.execute("UPDATE contacts SET rhythm_days = 7 WHERE id = ?", (sam,))
    checkins, summary = CheckinRepository(db), SummaryQueries(db)

    async def quiet_and_overdue() -> tuple[set[ConnectionType], list[str]]:
        inputs = (await checkins.compose_inputs([ADA]))[ADA]
        quiet = quiet_kinds(inputs.last_by_kind, now=NOW, zone=ZONE, joined_at=joined)
        overdue = overdue_contacts(inputs.contacts, now=NOW, zone=ZONE)
        return {q.kind for q in quiet}, [o.name for o in overdue]

    assert await quiet_and_overdue() == ({RELATIONAL, COLLECTIVE}, [])
    await edit(db, ADA, moment, SetDay(date(2026, 11, 10)))
    assert await quiet_and_overdue() == ({INTIMATE, RELATIONAL, COLLECTIVE}, ["Sam"])
    facts = await summary.interactions(ADA)
    assert [f.occurred_at.date() for f in facts] == [date(2026, 11, 10)]

    choir = await log(db, ADA, [("Choir", COLLECTIVE)], NOW - timedelta(days=40))
    await edit(db, ADA, moment, AddPerson(choir.people[0].contact_id))
    await MomentEditor(db).delete(ADA, choir.moment_id)
    await edit(db, ADA, moment, SetDay(date(2026, 11, 20)))
    # The group is in the moment now, 5 days ago: not quiet (14 days); Sam is (4 days).
    assert await quiet_and_overdue() == ({INTIMATE, RELATIONAL}, [])
    await MomentEditor(db).delete(ADA, moment.moment_id)
    assert await summary.interactions(ADA) == []


async def test_a_stored_moment_reads_as_one_line(db: Database) -> None:
    await log(
        db, ADA, [("Sam", INTIMATE), ("Alex", RELATIONAL)], NOW - timedelta(days=1), feeling=4
    )
    [moment] = (await HistoryRepository(db).page(ADA)).moments
    assert (
        moment_line(line_of(moment), now=NOW, zone=ZONE) == "Tue 24 Nov · call · Sam, Alex · 🙂 4"
    )


async def test_deleting_a_contact_takes_its_acted_on_credit_with_it(db: Database) -> None:
    idea = await shown(db, ADA, INTIMATE, NOW - timedelta(hours=3))
    moment = await log(db, ADA, [("Sam", INTIMATE)], NOW)
    assert (await acted(db, idea))[1] == moment.moment_id
    assert await ContactRepository(db).delete(ADA, moment.people[0].contact_id) == 1
    assert await acted(db, idea) == (None, None)


async def test_migration_links_credit_given_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = migrate.load_migrations()
    before_history = [m for m in every if m.version < 8]
    monkeypatch.setattr(migrate, "load_migrations", lambda: before_history)
    database = Database(tmp_path / "old.sqlite3")
    await database.open()
    await add_user(database, ADA)
    idea = await shown(database, ADA, INTIMATE, NOW - timedelta(hours=3))
    # Written as the schema of that version stood (later migrations add columns save_moment uses).
    async with database.transaction() as connection:
        cursor = await connection.execute(
            "INSERT INTO contacts (user_id, name, name_key, kind, created_at) "
            "VALUES (?, 'Sam', 'sam', 'intimate', ?)",
            (ADA, to_epoch(NOW)),
        )
        cursor = await connection.execute(
            "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, created_at) "
            "VALUES (?, ?, ?, 'call', ?)",
            (ADA, cursor.lastrowid, to_epoch(NOW), to_epoch(NOW)),
        )
        moment_id = int(cursor.lastrowid or 0)
    unrelated = await shown(database, ADA, COLLECTIVE, NOW - timedelta(hours=3))
    await database.close()

    monkeypatch.setattr(migrate, "load_migrations", lambda: every)
    database = Database(tmp_path / "old.sqlite3")
    await database.open()
    try:
        assert await acted(database, idea) == (to_epoch(NOW), moment_id)
        assert await acted(database, unrelated) == (None, None)
        await MomentEditor(database).delete(ADA, moment_id)
        assert await acted(database, idea) == (None, None)
    finally:
        await database.close()


async def test_undo_still_means_the_last_log_after_an_old_one_is_edited(db: Database) -> None:
    old = await log(db, ADA, [("Sam", INTIMATE)], NOW - timedelta(days=5))
    latest = await log(db, ADA, [("Alex", RELATIONAL)], NOW)
    await log(db, ADA, [("Jo", RELATIONAL)], NOW - timedelta(days=9))  # logged, then deleted
    jo = (await HistoryRepository(db).page(ADA)).moments[-1]
    await MomentEditor(db).delete(ADA, jo.moment_id)
    await edit(db, ADA, old, AddPerson(latest.people[0].contact_id))
    await edit(db, ADA, old, SetNote("edited"))
    last = await InteractionRepository(db).last_moment(ADA)
    assert last is not None and last.moment_id == latest.moment_id
