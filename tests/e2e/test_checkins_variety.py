"""Check-ins over consecutive days: people and kinds rotate, and each one knows whom to log."""

from __future__ import annotations

import itertools
from datetime import date

from bot.domain.checkin import LogTarget
from bot.domain.kinds import ConnectionType
from bot.domain.variety import MAX_MENTIONS
from storage.database import Database
from storage.learning import CheckinVarietyRepository
from tests.e2e.checkin_support import (
    add_contact,
    checkin_rows,
    execute,
    expect_checkin,
    onboarded_user,
    scheduled_at,
    travel_to,
)
from tests.helpers import eventually, query
from tests.rig import BotRig

DAYS = 6


async def test_people_and_kinds_rotate_over_consecutive_days(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2301)
    now = bot.clock.now()
    mum = add_contact(bot, 2301, "Mum", "intimate", days_ago=[12], now=now)
    dad = add_contact(bot, 2301, "Dad", "intimate", days_ago=[10], now=now)
    sam = add_contact(bot, 2301, "Sam", "relational", days_ago=[12], now=now)
    add_contact(bot, 2301, "Choir", "collective", days_ago=[30], now=now)
    for contact_id, rhythm in ((mum, 3), (dad, 7), (sam, 7)):
        execute(bot, "UPDATE contacts SET rhythm_days = ? WHERE id = ?", (rhythm, contact_id))

    texts: list[str] = []
    for _ in range(DAYS):
        due = scheduled_at(bot, 2301)
        assert due is not None
        travel_to(bot, due)
        texts.append((await expect_checkin(user)).text)
        await eventually(lambda: len(checkin_rows(bot, 2301)) == len(texts))

    rows = query(
        bot.db_path,
        "SELECT v.* FROM checkin_variety AS v JOIN checkins AS c ON c.id = v.checkin_id "
        "WHERE v.user_id = 2301 ORDER BY v.local_date",
    )
    assert len(rows) == DAYS
    openings = [text.split(". ")[0] for text in texts]
    assert all(a != b for a, b in itertools.pairwise(openings))
    assert len({row["opener"] for row in rows}) >= 2
    # All three kinds are quiet and named every day, in one sentence.
    for text, row in zip(texts, rows, strict=True):
        assert row["named_kinds"] == "collective,intimate,relational"
        assert "group" in text.split("\n\n")[0]
    named = [int(i) for row in rows for i in row["named_contacts"].split(",") if i]
    assert {mum, dad, sam} <= set(named)  # not the most overdue one every day
    assert all(named.count(person) <= MAX_MENTIONS for person in (mum, dad, sam))
    assert any(name in texts[day] for day in range(DAYS) for name in ("Dad", "Sam"))


async def test_a_checkin_remembers_whom_log_a_connection_preselects(bot: BotRig) -> None:
    user = await onboarded_user(bot, 2302)
    now = bot.clock.now()
    add_contact(bot, 2302, "Mum", "intimate", days_ago=[1], now=now)
    sam = add_contact(bot, 2302, "Sam", "relational", days_ago=[15], now=now)
    add_contact(bot, 2302, "Choir", "collective", days_ago=[2], now=now)
    execute(bot, "UPDATE contacts SET rhythm_days = 7 WHERE id = ?", (sam,))
    due = scheduled_at(bot, 2302)
    assert due is not None
    travel_to(bot, due)
    checkin = await expect_checkin(user, "Sam")
    await eventually(lambda: len(checkin_rows(bot, 2302)) == 1)
    checkin_id = checkin_rows(bot, 2302)[0]["id"]

    database = Database(bot.db_path)
    await database.open()
    try:
        variety = CheckinVarietyRepository(database)
        target = await variety.log_target(checkin_id, 2302)
        assert target == LogTarget(ConnectionType.RELATIONAL, sam)
        assert await variety.log_target(checkin_id, 2301) is None  # someone else's check-in
        recent = await variety.recent([2302], before=date.max)
        assert [past.named_contacts for past in recent[2302]] == [frozenset({sam})]
    finally:
        await database.close()

    # "Another idea" keeps the preselection in step with the idea on screen.
    await user.press("💡 Another idea", message=checkin)
    await user.wait_for(lambda event: event.kind == "edit")
    shown = query(
        bot.db_path,
        "SELECT contact_id, kind FROM suggestions_shown WHERE checkin_id = ? ORDER BY id DESC",
        (checkin_id,),
    )[0]
    row = query(bot.db_path, "SELECT * FROM checkin_variety WHERE checkin_id = ?", (checkin_id,))[0]
    assert row["log_kind"] == shown["kind"] == "relational"
    assert row["log_contact_id"] == sam  # the idea's person, else the overdue person named
