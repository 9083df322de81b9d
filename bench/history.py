"""How fast /history pages and searches are for a busy user, and what a folded column would save.

``python -m bench.history`` seeds one user with a busy year (5,840 interactions in moments of
one to three people, most with a note, names in several scripts) in a temporary SQLite file,
then times (median of repeated runs, milliseconds): the first page, a page far back (keyset),
a kind filter, a search with the Python fold registered in SQLite (what Tend does), and the
same search against a folded copy kept in a column (the alternative not taken). Last line:
one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.channels import Channel
from bot.domain.history import fold_for_search, search_words
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import DraftPerson
from storage.database import Database
from storage.history import HistoryCursor, HistoryFilter, HistoryRepository
from storage.interactions import InteractionRepository, MomentToSave

INTERACTIONS = 5_840
NAMES = ["Sam", "Zoë", "Прия", "山田 太郎", "Amélie", "Jose Luis", "Sunny 🌻", "Priya", "Mum"]
NOTES = ["Dinner at Sam's", "Dîner chez elle", "Long call about the move", "Walk 🌻", None]
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


async def _seed(db: Database) -> None:
    await db.execute(
        "INSERT INTO users (id, chat_id, timezone, checkin_time, created_at) "
        "VALUES (1, 1, 'Europe/Berlin', '19:30', 1)"
    )
    rng = random.Random(13)
    repo = InteractionRepository(db)
    written = 0
    kinds = list(ConnectionType)
    while written < INTERACTIONS:
        size = rng.choice((1, 1, 1, 2, 3))
        people = tuple(
            DraftPerson(f"{rng.choice(NAMES)} {rng.randrange(40)}", rng.choice(kinds))
            for _ in range(size)
        )
        when = NOW - timedelta(minutes=rng.randrange(365 * 24 * 60))
        note = rng.choice(NOTES)
        note = f"{note} #{written}" if note else None  # every note distinct, as in life
        await repo.save_moment(
            1, MomentToSave(people, rng.choice(list(Channel)), when, 4, note), when
        )
        written += len({person.name for person in people})


async def _median_ms(run: Callable[[], Awaitable[object]], repeat: int = 15) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        await run()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def _cold(repo: HistoryRepository) -> Callable[[], Awaitable[object]]:
    """A search with the fold cache emptied first: the first search after a restart."""

    async def run() -> object:
        fold_for_search.cache_clear()
        return await repo.page(1, HistoryFilter(search="dîner"))

    return run


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.sqlite3")
        await db.open()
        await _seed(db)
        repo = HistoryRepository(db)
        moments = await repo.count(1)
        deep = HistoryCursor(int((NOW - timedelta(days=300)).timestamp()), 0)
        results = {
            "interactions": INTERACTIONS,
            "moments": moments,
            "first_page_ms": await _median_ms(lambda: repo.page(1)),
            "page_300_days_back_ms": await _median_ms(lambda: repo.page(1, cursor=deep)),
            "kind_filter_ms": await _median_ms(
                lambda: repo.page(1, HistoryFilter(kind=ConnectionType.COLLECTIVE))
            ),
            "search_cold_ms": await _median_ms(_cold(repo), repeat=5),
            "search_fold_function_ms": await _median_ms(
                lambda: repo.page(1, HistoryFilter(search="dîner"))
            ),
            "search_no_hit_ms": await _median_ms(
                lambda: repo.page(1, HistoryFilter(search="nobody"))
            ),
        }
        # The alternative: a folded copy of names and notes kept in columns.
        await db.execute("ALTER TABLE interactions ADD COLUMN note_folded TEXT")
        await db.execute("ALTER TABLE contacts ADD COLUMN name_folded TEXT")
        for table, column, source in (
            ("interactions", "note_folded", "note"),
            ("contacts", "name_folded", "name"),
        ):
            rows = await db.fetch_all(f"SELECT id, {source} FROM {table}")
            async with db.transaction() as connection:
                await connection.executemany(
                    f"UPDATE {table} SET {column} = ? WHERE id = ?",
                    [(fold_for_search(row[source]), row["id"]) for row in rows],
                )
        word = search_words("dîner")[0]

        async def folded_column() -> object:
            return await db.fetch_all(
                "SELECT COALESCE(i.moment_id, i.id) AS moment, MAX(i.occurred_at) AS at "
                "FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id "
                "WHERE i.user_id = 1 GROUP BY moment HAVING instr(group_concat(c.name_folded, "
                "' ') || ' ' || COALESCE(MAX(i.note_folded), ''), ?) > 0 "
                "ORDER BY at DESC, moment DESC LIMIT 9",
                (word,),
            )

        results["search_folded_column_ms"] = await _median_ms(folded_column)
        await db.close()
    for key, value in results.items():
        print(f"{key:28} {value}")
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main())
