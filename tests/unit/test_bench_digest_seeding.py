"""The benchmark's digest run: every digest it seeds is owed when it runs (issue #14)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.checkins import ZONES, seed, seed_digests
from bot.scheduling.digests import plan_digest
from storage.database import Database
from storage.digests import DigestRepository


@pytest.mark.parametrize(
    ("seeded_at", "run_at"),
    [
        # New York passes midnight between seeding (23:58) and the digest run (00:20).
        (datetime(2026, 12, 1, 4, 58, 30, tzinfo=UTC), datetime(2026, 12, 1, 5, 20, tzinfo=UTC)),
        (datetime(2026, 12, 1, 10, 40, tzinfo=UTC), datetime(2026, 12, 1, 10, 55, tzinfo=UTC)),
    ],
)
async def test_every_seeded_digest_is_owed_even_across_a_local_midnight(
    tmp_path: Path, seeded_at: datetime, run_at: datetime
) -> None:
    path = tmp_path / "bench.sqlite3"
    await seed(path, 2 * len(ZONES), seeded_at)
    seed_digests(path, len(ZONES), run_at)
    database = Database(path)
    await database.open()
    try:
        due = await DigestRepository(database).due(run_at, 100)
    finally:
        await database.close()
    assert len(due) == len(ZONES)
    assert all(plan_digest(item, run_at).claim_date is not None for item in due)
    connection = sqlite3.connect(path)
    try:  # no settings changed, so no reschedule moves them on first
        assert connection.execute("SELECT sum(needs_reschedule) FROM users").fetchone()[0] == 0
    finally:
        connection.close()
