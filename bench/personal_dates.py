"""Batch queries behind the personal check-in lead (#12): ``python -m bench.personal_dates``.

Seeds BENCH_USERS users (default 100,000), each with 3 contacts, 3 important dates spread
over the year and 2 follow-ups, then times the composer's two batch questions with the real
repositories: "dates from today to 3 days ahead" and "follow-ups due on the user's local
today", over every user in rounds of BENCH_ROUND (2,000, a sweep's claim round). Prints a
table and, as its last line, one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bot.domain.checkin_lead import lead_for_today
from storage.database import Database
from storage.followups import FollowupRepository
from storage.important_dates import ImportantDateRepository

USERS = int(os.environ.get("BENCH_USERS", "100000"))
ROUND = int(os.environ.get("BENCH_ROUND", "2000"))
TODAY = date(2026, 12, 1)


def _seed(path: Path) -> None:
    rng = random.Random(12)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    with connection:
        connection.executemany(
            "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
            "VALUES (?, ?, 'Europe/London', '19:30', 1)",
            ((u, u) for u in range(1, USERS + 1)),
        )
        connection.executemany(
            "INSERT INTO contacts (id, user_id, name, name_key, kind, created_at) "
            "VALUES (?, ?, ?, ?, 'intimate', 1)",
            ((u * 3 + k, u, f"P{k}", f"p{k}") for u in range(1, USERS + 1) for k in range(3)),
        )
        connection.executemany(
            "INSERT INTO important_dates (user_id, contact_id, kind, month, day, created_at, "
            "updated_at) VALUES (?, ?, 'birthday', ?, ?, 1, 1)",
            (
                (u, u * 3 + k, rng.randint(1, 12), rng.randint(1, 28))
                for u in range(1, USERS + 1)
                for k in range(3)
            ),
        )
        connection.executemany(
            "INSERT INTO followups (user_id, contact_id, due_date, source, created_at, "
            "updated_at) VALUES (?, ?, ?, 'reminder', 1, 1)",
            (
                (u, u * 3 + k, (TODAY + timedelta(days=rng.randint(-20, 20))).isoformat())
                for u in range(1, USERS + 1)
                for k in range(2)
            ),
        )
    connection.close()


async def _measure(path: Path) -> dict[str, float]:
    db = Database(path)
    await db.open()
    dates = ImportantDateRepository(db)
    followups = FollowupRepository(db)
    user_ids = list(range(1, USERS + 1))
    spent_dates = spent_followups = spent_leads = 0.0
    leads = 0
    for start in range(0, USERS, ROUND):
        wanted = dict.fromkeys(user_ids[start : start + ROUND], TODAY)
        began = time.perf_counter()
        around = await dates.around(wanted)
        spent_dates += time.perf_counter() - began
        began = time.perf_counter()
        due = await followups.due_for(wanted)
        spent_followups += time.perf_counter() - began
        began = time.perf_counter()
        for user_id in wanted:
            if lead_for_today(around[user_id], due[user_id], TODAY) is not None:
                leads += 1
        spent_leads += time.perf_counter() - began
    await db.close()
    return {
        "users": USERS,
        "dates_users_per_s": round(USERS / spent_dates),
        "followups_users_per_s": round(USERS / spent_followups),
        "leads_per_s": round(USERS / spent_leads),
        "users_with_a_lead": leads,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        asyncio.run(_migrate(path))
        began = time.perf_counter()
        _seed(path)
        seeded = time.perf_counter() - began
        result = asyncio.run(_measure(path))
    print(f"seeded {USERS:,} users in {seeded:.1f} s; rounds of {ROUND:,}")
    for key, value in result.items():
        print(f"{key:>24}: {value:,}")
    print(json.dumps(result))


async def _migrate(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()


if __name__ == "__main__":
    main()
