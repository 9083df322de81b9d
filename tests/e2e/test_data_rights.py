"""/export, /delete and /privacy over real HTTP, checked against the database file itself."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.e2e.seed import (
    add_checkin,
    add_contact,
    add_interaction,
    add_suggestion_shown,
    add_user,
    execute,
    local,
    set_clock,
    table_names,
)
from tests.helpers import query
from tests.rig import BotRig

ZONE = "Europe/Berlin"
ADA, BO = 1001, 2002
NOW = local(ZONE, 2026, 11, 25, 12, 0)
SEEDED = ("users", "contacts", "interactions", "checkins", "suggestions_shown", "interaction_tags")
"""Tables the seed fills for both users; tables other features add may be empty here."""


def seed_two_users(db: Path) -> None:
    """Ada and Bo, each with every kind of row, plus a table that reaches users indirectly."""
    joined = NOW - timedelta(days=40)
    add_user(db, ADA, zone=ZONE, joined=joined)
    add_user(db, BO, zone="America/New_York", checkin="08:00", joined=joined)
    sam = add_contact(db, ADA, "Sam", "intimate", added=joined)
    zoe = add_contact(db, ADA, "Zoë =1+1", "relational", added=joined)
    club = add_contact(db, ADA, "Book club", "collective", added=joined)
    bobs = add_contact(db, BO, "Bo's brother", "intimate", added=joined)
    ada_calls = [
        add_interaction(
            db, ADA, sam, local(ZONE, 2026, 11, 21, 23, 30), feeling=4, note="Long call"
        ),
        add_interaction(db, ADA, zoe, local(ZONE, 2026, 11, 22, 0, 30), channel="in_person"),
        add_interaction(db, ADA, club, local(ZONE, 2026, 11, 20, 19, 0), note="=HYPERLINK(1)"),
    ]
    add_interaction(db, BO, bobs, local(ZONE, 2026, 11, 21, 9, 0), note="Bo's secret")
    add_checkin(db, ADA, sent=local(ZONE, 2026, 11, 24, 19, 30), zone=ZONE)
    add_checkin(db, BO, sent=local(ZONE, 2026, 11, 24, 14, 0), zone="America/New_York")
    add_suggestion_shown(db, ADA, shown=NOW - timedelta(days=2), acted_on=NOW - timedelta(days=1))
    add_suggestion_shown(db, BO, shown=NOW - timedelta(days=2))
    # A table a later feature might add, reaching the user only through interactions.
    execute(
        db,
        "CREATE TABLE interaction_tags (id INTEGER PRIMARY KEY, "
        "interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE, "
        "tag TEXT NOT NULL)",
    )
    execute(
        db, "INSERT INTO interaction_tags (interaction_id, tag) VALUES (?, 'late')", (ada_calls[0],)
    )
    bo_call = query(db, "SELECT id FROM interactions WHERE user_id = ?", (BO,))[0]["id"]
    execute(
        db, "INSERT INTO interaction_tags (interaction_id, tag) VALUES (?, 'bo-tag')", (bo_call,)
    )


def rows_of(db: Path, table: str, user_id: int) -> list[dict[str, Any]]:
    """The user's rows in one table, found independently of the code under test."""
    columns = [row["name"] for row in query(db, f'PRAGMA table_info("{table}")')]
    if table == "users":
        sql, params = "SELECT * FROM users WHERE id = ?", (user_id,)
    elif "user_id" in columns:
        sql, params = f'SELECT * FROM "{table}" WHERE user_id = ?', (user_id,)
    else:
        links = query(db, f'PRAGMA foreign_key_list("{table}")')
        assert links, f"table {table} has no way to reach a user"
        link = links[0]
        sql = (
            f'SELECT * FROM "{table}" WHERE "{link["from"]}" IN '
            f'(SELECT "{link["to"] or "id"}" FROM "{link["table"]}" WHERE user_id = ?)'
        )
        params = (user_id,)
    return [dict(row) for row in query(db, sql + " ORDER BY rowid", params)]


def as_exported(row: dict[str, Any]) -> dict[str, Any]:
    """How the export writes a stored row: instants as ISO-8601 UTC."""
    return {
        column: (
            datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            if isinstance(value, int) and value > 0 and column.endswith(("_at", "_until"))
            else value
        )
        for column, value in row.items()
    }


def snapshot(db: Path, user_id: int) -> dict[str, list[dict[str, Any]]]:
    return {table: rows_of(db, table, user_id) for table in table_names(db)}


async def test_export_holds_every_row_of_the_user_and_none_of_another(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_two_users(bot.db_path)
    user = bot.user(ADA, "Ada")
    await user.send("/export")
    document = await user.next_message()
    assert document.kind == "document"
    assert document.filename == "tend-export-2026-11-25.json"
    assert document.file is not None
    exported = json.loads(document.file.decode("utf-8"))
    assert exported["user_id"] == ADA and exported["timezone"] == ZONE
    assert exported["exported_at"].startswith("2026-11-25T11:0")
    assert exported["exported_at"].endswith("Z")

    tables = table_names(bot.db_path)
    assert "interaction_tags" in tables
    assert set(exported["tables"]) == set(tables)  # every table, the new one included
    for table in tables:
        expected = [as_exported(row) for row in rows_of(bot.db_path, table, ADA)]
        assert exported["tables"][table] == expected, table
        assert expected or table not in SEEDED, f"seed left {table} empty"
    for table, rows in exported["tables"].items():
        for row in rows:
            assert row.get("user_id", ADA) == ADA, table
    text = document.file.decode("utf-8")
    assert "Bo's" not in text and "bo-tag" not in text and "America/New_York" not in text

    spreadsheet = await user.next_message()
    assert spreadsheet.kind == "document"
    assert spreadsheet.filename == "tend-export-2026-11-25-interactions.csv"
    assert spreadsheet.file is not None
    assert spreadsheet.file.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads "Zoë" right
    lines = list(csv.reader(io.StringIO(spreadsheet.file.decode("utf-8-sig"))))
    assert lines[0] == [
        f"Date ({ZONE})",
        f"Time ({ZONE})",
        "Who",
        "Kind",
        "How",
        "Feeling (1-5)",
        "Note",
        "UTC time",
    ]
    assert lines[1:] == [
        ["2026-11-20", "19:00", "Book club", "Collective", "Call", "", "'=HYPERLINK(1)",
         "2026-11-20T18:00:00Z"],
        ["2026-11-21", "23:30", "Sam", "Intimate", "Call", "4", "Long call",
         "2026-11-21T22:30:00Z"],
        ["2026-11-22", "00:30", "Zoë =1+1", "Relational", "In person", "", "",
         "2026-11-21T23:30:00Z"],
    ]  # fmt: skip


async def test_export_for_someone_tend_never_met(bot: BotRig) -> None:
    user = bot.user(3003, "Cy")
    await user.send("/export")
    await user.expect("nothing to export")
    assert not bot.api.calls_of("sendDocument")


async def test_cancelling_delete_deletes_nothing(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_two_users(bot.db_path)
    before = snapshot(bot.db_path, ADA)
    user = bot.user(ADA, "Ada")
    await user.send("/delete")
    listing = await user.expect("Deleting removes everything")
    for line in (
        "• your settings (time zone Europe/Berlin, check-ins at 19:30)",
        "• 3 people and groups",
        "• 3 logged connections, with their feelings and notes",
        "• 1 check-in record",
        "• 1 idea shown to you, and whether you acted on them",
        "• 1 interaction tags record",
    ):
        assert line in listing.text.split("\n")
    assert listing.button_labels == ["Delete my data…", "Keep it"]
    await user.press("Keep it")
    await user.expect("deleted nothing", edit=True)
    assert snapshot(bot.db_path, ADA) == before

    await user.send("/delete")
    await user.expect("Deleting removes everything")
    await user.press("Delete my data…")
    await user.expect("Last check", edit=True)
    await user.press("No, keep it")
    await user.expect("deleted nothing", edit=True)
    assert snapshot(bot.db_path, ADA) == before


async def test_delete_removes_every_row_of_the_user_and_none_of_another(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_two_users(bot.db_path)
    bo_before = snapshot(bot.db_path, BO)
    assert all(bo_before[table] for table in SEEDED), "Bo should have rows in every seeded table"
    user = bot.user(ADA, "Ada")
    await user.send("/delete")
    await user.expect("Deleting removes everything")
    await user.press("Delete my data…")
    confirm = await user.expect("Last check", edit=True)
    assert confirm.button_labels == ["Yes, delete everything", "No, keep it"]
    assert "• 3 logged connections" in confirm.text
    await user.press("Yes, delete everything")
    done = await user.expect("Done. I've deleted everything", edit=True)
    assert done.buttons == []
    assert "• 3 people and groups" in done.text

    # Table by table, straight from the file: nothing of Ada's, all of Bo's.
    for table in table_names(bot.db_path):
        assert rows_of(bot.db_path, table, ADA) == [], table
    assert snapshot(bot.db_path, BO) == bo_before
    connection = sqlite3.connect(bot.db_path)
    try:
        leftover = connection.execute(
            "SELECT COUNT(*) FROM interaction_tags WHERE tag = 'late'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert leftover == 0

    # A later /start begins fresh, as for someone new.
    await user.send("/start")
    welcome = await user.next_message()
    assert welcome.text.startswith("Hi Ada, I'm Tend")
    rows = query(bot.db_path, "SELECT timezone, checkin_time FROM users WHERE id = ?", (ADA,))
    assert [tuple(row) for row in rows] == [(None, None)]


async def test_an_old_confirmation_button_deletes_nothing(bot: BotRig) -> None:
    set_clock(bot.clock, NOW)
    seed_two_users(bot.db_path)
    before = snapshot(bot.db_path, ADA)
    user = bot.user(ADA, "Ada")
    await user.send("/delete")
    await user.expect("Deleting removes everything")
    await user.press("Delete my data…")
    confirm = await user.expect("Last check", edit=True)
    bot.clock.advance(timedelta(minutes=10))
    await user.press("Yes, delete everything", message=confirm)
    await user.expect("out of date")
    fresh = await user.expect("Deleting removes everything")
    assert fresh.button_labels == ["Delete my data…", "Keep it"]
    assert confirm.buttons == []  # the old buttons are taken away
    assert snapshot(bot.db_path, ADA) == before
    await user.press(data="dl:c:notanumber", message=fresh)
    await user.expect("out of date")
    assert snapshot(bot.db_path, ADA) == before


async def test_delete_for_someone_tend_never_met(bot: BotRig) -> None:
    user = bot.user(3003, "Cy")
    await user.send("/delete")
    await user.expect("nothing to delete")


async def test_privacy_is_a_plain_statement(bot: BotRig) -> None:
    user = bot.user(3003, "Cy")
    await user.send("/privacy")
    statement = await user.next_message()
    for fragment in (
        "What Tend stores",
        "Where: in one database file",
        "Who can read it",
        "Nothing is shared",
        "/export",
        "/delete",
    ):
        assert fragment in statement.text
    assert statement.buttons == []


async def test_help_lists_the_new_commands(bot: BotRig) -> None:
    user = bot.user(3003, "Cy")
    await user.send("/help")
    listing = await user.next_message()
    for command in ("/summary", "/digest", "/export", "/delete", "/privacy"):
        assert command in listing.text
    published = {entry["command"] for entry in bot.api.commands}
    assert {"summary", "digest", "export", "delete", "privacy"} <= published
