"""The acted-on rule as production runs it: the ``suggestions_acted_on`` trigger (migration 0003).

An idea counts as acted on when an interaction of its kind happens from the moment it was
shown up to 48 hours later; only the latest idea shown for that kind gets the credit.
"""

from __future__ import annotations

from pathlib import Path

from storage.database import Database

SHOWN = 1_800_000_000
HOUR = 3600


async def _db(tmp_path: Path) -> Database:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    await db.execute("INSERT INTO users (id, chat_id, created_at) VALUES (1, 1, 0)")
    for contact_id, kind in ((1, "intimate"), (2, "relational"), (3, "collective")):
        await db.execute(
            "INSERT INTO contacts (id, user_id, name, name_key, kind, archived, created_at) "
            "VALUES (?, 1, ?, ?, ?, 0, 0)",
            (contact_id, f"c{contact_id}", f"c{contact_id}", kind),
        )
    return db


async def _show(db: Database, kind: str, at: int = SHOWN) -> None:
    await db.execute(
        "INSERT INTO suggestions_shown (user_id, suggestion_id, strategy, kind, shown_at) "
        "VALUES (1, 'idea', 'reach-out', ?, ?)",
        (kind, at),
    )


async def _log(db: Database, contact_id: int, at: int) -> None:
    await db.execute(
        "INSERT INTO interactions (user_id, contact_id, occurred_at, channel, created_at) "
        "VALUES (1, ?, ?, 'call', ?)",
        (contact_id, at, at),
    )


async def _acted(db: Database) -> list[int | None]:
    rows = await db.fetch_all("SELECT acted_on_at FROM suggestions_shown ORDER BY id")
    return [row["acted_on_at"] for row in rows]


async def test_same_kind_within_48_hours_is_acted_on(tmp_path: Path) -> None:
    db = await _db(tmp_path)
    await _show(db, "intimate")
    await _log(db, 1, SHOWN + 48 * HOUR)
    assert await _acted(db) == [SHOWN + 48 * HOUR]
    await db.close()


async def test_other_kind_too_late_or_before_is_not(tmp_path: Path) -> None:
    db = await _db(tmp_path)
    await _show(db, "intimate")
    await _log(db, 2, SHOWN + HOUR)  # another kind
    await _log(db, 1, SHOWN + 48 * HOUR + 1)  # one second too late
    await _log(db, 1, SHOWN - 60)  # before it was shown
    assert await _acted(db) == [None]
    await db.close()


async def test_only_the_latest_idea_of_the_kind_gets_the_credit_once(tmp_path: Path) -> None:
    db = await _db(tmp_path)
    await _show(db, "collective", SHOWN)
    await _show(db, "collective", SHOWN + HOUR)
    await _log(db, 3, SHOWN + 2 * HOUR)
    assert await _acted(db) == [None, SHOWN + 2 * HOUR]
    await _log(db, 3, SHOWN + 3 * HOUR)  # the next one credits the older idea
    assert await _acted(db) == [SHOWN + 3 * HOUR, SHOWN + 2 * HOUR]
    await db.close()
