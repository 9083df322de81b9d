"""Export and deletion find every user table from the schema, however it reaches the user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import Database
from storage.deletion import DeletionIncompleteError, UserDataEraser
from storage.export import UserDataExporter, user_table_plan

EXTRA_SCHEMA = """
CREATE TABLE interaction_tags (
    id INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interactions (id),
    tag TEXT NOT NULL
);
CREATE TABLE tag_notes (
    id INTEGER PRIMARY KEY,
    tag_id INTEGER NOT NULL REFERENCES interaction_tags (id),
    text TEXT NOT NULL
);
CREATE TABLE devices (
    token TEXT PRIMARY KEY,
    owner INTEGER NOT NULL REFERENCES users (id)
) WITHOUT ROWID;
"""


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "tend.sqlite3")
    await database.open()
    try:
        yield database
    finally:
        await database.close()


async def _seed(db: Database, user_id: int) -> None:
    await db.execute(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
        "VALUES (?, ?, 'Europe/Berlin', '19:30', 1)",
        (user_id, user_id),
    )
    contact = user_id * 10
    await db.execute(
        "INSERT INTO contacts (id, user_id, name, name_key, kind, created_at) "
        "VALUES (?, ?, 'Sam', 'sam', 'intimate', 1)",
        (contact, user_id),
    )
    await db.execute(
        "INSERT INTO interactions (id, user_id, contact_id, occurred_at, channel, created_at) "
        "VALUES (?, ?, ?, 100, 'call', 101)",
        (contact, user_id, contact),
    )


async def _seed_extra(db: Database, user_id: int) -> None:
    interaction = user_id * 10
    await db.execute(
        "INSERT INTO interaction_tags (id, interaction_id, tag) VALUES (?, ?, 'late')",
        (interaction, interaction),
    )
    await db.execute("INSERT INTO tag_notes (tag_id, text) VALUES (?, 'note')", (interaction,))
    await db.execute(
        "INSERT INTO devices (token, owner) VALUES (?, ?)", (f"token-{user_id}", user_id)
    )


async def test_the_shipped_schema_has_no_table_without_an_owner(db: Database) -> None:
    plan = await user_table_plan(db.connection)
    assert plan.unscoped == ()
    names = [table.name for table in plan.tables]
    for expected in ("users", "contacts", "interactions", "checkins", "suggestions_shown"):
        assert expected in names
    assert names[-1] == "users"  # everything else references it: deleted last
    assert names.index("interactions") < names.index("contacts")


async def test_tables_reaching_the_user_indirectly_are_exported_and_deleted(
    db: Database,
) -> None:
    await db.connection.executescript(EXTRA_SCHEMA)
    for user_id in (1, 2):
        await _seed(db, user_id)
        await _seed_extra(db, user_id)
    plan = await user_table_plan(db.connection)
    names = [table.name for table in plan.tables]
    assert names.index("tag_notes") < names.index("interaction_tags") < names.index("interactions")

    data = await UserDataExporter(db).collect(1)
    assert data is not None
    assert [row["tag"] for row in data.tables["interaction_tags"]] == ["late"]
    assert [row["tag_id"] for row in data.tables["tag_notes"]] == [10]
    assert [row["token"] for row in data.tables["devices"]] == ["token-1"]
    assert await UserDataExporter(db).collect(3) is None

    counts = await UserDataEraser(db).count(1)
    assert counts["tag_notes"] == 1 and counts["devices"] == 1 and counts["users"] == 1
    # The extra tables don't cascade; deleting children first is what makes this work.
    deleted = await UserDataEraser(db).delete_everything(1)
    assert deleted == counts
    assert await UserDataEraser(db).count(1) == {}
    assert (await UserDataEraser(db).count(2))["tag_notes"] == 1
    assert await UserDataEraser(db).delete_everything(1) == {}


async def test_a_table_with_no_way_to_a_user_is_reported(db: Database) -> None:
    await db.connection.executescript("CREATE TABLE loose (id INTEGER PRIMARY KEY, x TEXT);")
    plan = await user_table_plan(db.connection)
    assert plan.unscoped == ("loose",)


async def test_a_row_that_survives_rolls_the_whole_deletion_back(db: Database) -> None:
    await db.connection.executescript(
        """
        CREATE TABLE audit (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, what TEXT);
        CREATE TRIGGER contacts_audit AFTER DELETE ON contacts
        BEGIN INSERT INTO audit (user_id, what) VALUES (OLD.user_id, 'contact gone'); END;
        """
    )
    await _seed(db, 1)
    before = await UserDataEraser(db).count(1)
    with pytest.raises(DeletionIncompleteError):
        await UserDataEraser(db).delete_everything(1)
    assert await UserDataEraser(db).count(1) == before
