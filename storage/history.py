"""/history reads: a user's moments newest first, filtered and searched, a page at a time.

Paging is by keyset, not offset: a page is "the 8 moments before (when, moment id)". Logs are
edited and deleted from the very list being paged, and an offset would then skip or repeat a
moment on the next page; a keyset cursor never does. It also fits in callback data (two
integers), and each page costs the same however far back it is.

Search folds case and accents in Python (``bot.domain.history.found_in``, with the fold name
matching uses), registered as the SQLite function ``tend_found``: no folded copy of names or
notes to keep in sync with every writer (other features and tools write those columns too).
Folds are cached, so a search over a busy year costs tens of milliseconds once warm
(``python -m bench.history`` compares it with a folded column). A search that finds nothing
can ask :meth:`HistoryRepository.did_you_mean` for the person a typo points at, as /log would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.domain.channels import Channel
from bot.domain.history import (
    PAGE_SIZE,
    TIMELINE_SIZE,
    MomentLine,
    TimelineEntry,
    found_in,
    search_words,
)
from bot.domain.kinds import ConnectionType
from bot.domain.matching import Candidate, match_contact
from storage.contacts import Contact, contact_from_row
from storage.database import Database
from storage.interactions import Moment, SavedPerson
from storage.users import from_epoch, to_epoch

FOUND_FUNCTION = "tend_found"

Direction = Literal["older", "newer"]


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which moments to list; every part is optional and they combine (AND)."""

    kind: ConnectionType | None = None
    contact_id: int | None = None
    search: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryCursor:
    """A position in the list: the moment at (``occurred_at`` epoch seconds, ``moment_id``)."""

    occurred_at: int
    moment_id: int

    @classmethod
    def of(cls, moment: Moment) -> HistoryCursor:
        """The cursor just at ``moment``."""
        return cls(to_epoch(moment.occurred_at), moment.moment_id)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page, newest first; ``older``/``newer`` are cursors for the next pages, or None."""

    moments: tuple[Moment, ...]
    older: HistoryCursor | None
    newer: HistoryCursor | None


@dataclass(frozen=True, slots=True)
class PersonTimeline:
    """A person's card: who, their latest interactions and how many there are in all."""

    contact: Contact
    latest: tuple[TimelineEntry, ...]
    last_at: datetime | None
    total: int


class HistoryRepository:
    """Reads one user's logged moments for /history and the person card."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._folding_on: object | None = None

    async def page(
        self,
        user_id: int,
        history_filter: HistoryFilter = HistoryFilter(),
        *,
        cursor: HistoryCursor | None = None,
        direction: Direction = "older",
        size: int = PAGE_SIZE,
    ) -> HistoryPage:
        """The ``size`` moments after ``cursor`` in ``direction`` (no cursor: the newest)."""
        if cursor is None:
            direction = "older"
        where = await self._where(user_id, history_filter)
        keys = await self._keys(where, cursor, direction, size + 1)
        more_beyond = len(keys) > size
        keys = keys[:size]
        if direction == "newer":
            keys.reverse()
        moments = await self._moments(user_id, [key[1] for key in keys])
        if not moments:
            return HistoryPage((), None, None)
        first = HistoryCursor(keys[0][0], keys[0][1])
        last = HistoryCursor(keys[-1][0], keys[-1][1])
        if direction == "older":
            older = last if more_beyond else None
            newer = first if cursor and await self._keys(where, first, "newer", 1) else None
        else:
            newer = first if more_beyond else None
            older = last if await self._keys(where, last, "older", 1) else None
        return HistoryPage(tuple(moments), older, newer)

    async def count(self, user_id: int, history_filter: HistoryFilter = HistoryFilter()) -> int:
        """How many moments the filter finds (for "12 logs")."""
        where = await self._where(user_id, history_filter)
        row = await self._db.fetch_one(
            f"SELECT COUNT(*) AS n FROM ({_GROUPED.format(where=where.sql, having=where.having)})",
            (*where.params, *where.having_params),
        )
        return int(row["n"]) if row else 0

    async def timeline(
        self, user_id: int, contact_id: int, limit: int = TIMELINE_SIZE
    ) -> PersonTimeline | None:
        """A person's card, or None if the contact is not the user's."""
        row = await self._db.fetch_one(
            "SELECT c.id, c.name, c.kind, c.archived, c.rhythm_days, c.created_at, "
            "(SELECT MAX(occurred_at) FROM interactions AS i "
            " WHERE i.contact_id = c.id AND i.user_id = c.user_id) AS last_at, "
            "(SELECT COUNT(*) FROM interactions AS i "
            " WHERE i.contact_id = c.id AND i.user_id = c.user_id) AS total "
            "FROM contacts AS c WHERE c.id = ? AND c.user_id = ?",
            (contact_id, user_id),
        )
        if row is None:
            return None
        rows = await self._db.fetch_all(
            "SELECT occurred_at, channel, feeling, note FROM interactions "
            "WHERE user_id = ? AND contact_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (user_id, contact_id, limit),
        )
        latest = tuple(
            TimelineEntry(
                from_epoch(r["occurred_at"]), Channel(r["channel"]), r["feeling"], r["note"]
            )
            for r in rows
        )
        last_at = from_epoch(row["last_at"]) if row["last_at"] is not None else None
        return PersonTimeline(contact_from_row(row), latest, last_at, int(row["total"]))

    # ------------------------------------------------------------------ internals
    async def _where(self, user_id: int, history_filter: HistoryFilter) -> _Where:
        having: list[str] = []
        having_params: list[Any] = []
        if history_filter.kind is not None:
            having.append("SUM(c.kind = ?) > 0")
            having_params.append(history_filter.kind.value)
        if history_filter.contact_id is not None:
            having.append("SUM(c.id = ?) > 0")
            having_params.append(history_filter.contact_id)
        words = search_words(history_filter.search or "")
        if history_filter.search is not None:
            await self._enable_folding()
            # Every word somewhere in the moment: in one of its people's names or in its note.
            all_words = (
                " AND ".join(f"MAX({FOUND_FUNCTION}(c.name, i.note, ?))" for _ in words) or "0"
            )
            having.append(f"({all_words})")
            having_params.extend(words)
        return _Where(
            sql="i.user_id = ?",
            params=(user_id,),
            having=("HAVING " + " AND ".join(having)) if having else "",
            having_params=tuple(having_params),
        )

    async def did_you_mean(self, user_id: int, typed: str) -> tuple[Candidate, ...]:
        """For a search that found nothing: the people a typo points at (``priay`` -> Priya).

        Matches as /log does (``bot.domain.matching``); show their history with a
        ``contact_id`` filter. Kept out of :meth:`page` because matching every name costs
        far more than the search itself.
        """
        rows = await self._db.fetch_all(
            "SELECT id, name FROM contacts WHERE user_id = ?", (user_id,)
        )
        result = match_contact(typed, [Candidate(row["id"], row["name"]) for row in rows])
        return result.candidates

    async def _enable_folding(self) -> None:
        connection = self._db.connection
        if self._folding_on is connection:
            return
        await connection.create_function(FOUND_FUNCTION, 3, found_in, deterministic=True)
        self._folding_on = connection

    async def _keys(
        self, where: _Where, cursor: HistoryCursor | None, direction: Direction, limit: int
    ) -> list[tuple[int, int]]:
        sql = where.sql
        params: tuple[Any, ...] = where.params
        if cursor is not None:
            sign = "<" if direction == "older" else ">"
            sql += f" AND (i.occurred_at, COALESCE(i.moment_id, i.id)) {sign} (?, ?)"
            params = (*params, cursor.occurred_at, cursor.moment_id)
        order = "DESC" if direction == "older" else "ASC"
        rows = await self._db.fetch_all(
            f"{_GROUPED.format(where=sql, having=where.having)} "
            f"ORDER BY at {order}, moment {order} LIMIT ?",
            (*params, *where.having_params, limit),
        )
        return [(int(row["at"]), int(row["moment"])) for row in rows]

    async def _moments(self, user_id: int, moment_ids: Sequence[int]) -> list[Moment]:
        if not moment_ids:
            return []
        marks = ", ".join("?" for _ in moment_ids)
        rows = await self._db.fetch_all(
            "SELECT COALESCE(i.moment_id, i.id) AS moment, i.occurred_at, i.channel, i.feeling, "
            "i.note, c.id AS contact_id, c.name, c.kind, c.archived "
            "FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id "
            "AND c.user_id = i.user_id "
            f"WHERE i.user_id = ? AND COALESCE(i.moment_id, i.id) IN ({marks}) ORDER BY i.id",
            (user_id, *moment_ids),
        )
        grouped: dict[int, list[sqlite3.Row]] = {}
        for row in rows:
            grouped.setdefault(int(row["moment"]), []).append(row)
        return [
            moment_from_rows(moment_id, grouped[moment_id])
            for moment_id in moment_ids
            if moment_id in grouped
        ]


@dataclass(frozen=True, slots=True)
class _Where:
    sql: str
    params: tuple[Any, ...]
    having: str
    having_params: tuple[Any, ...]


_GROUPED = (
    "SELECT COALESCE(i.moment_id, i.id) AS moment, MAX(i.occurred_at) AS at "
    "FROM interactions AS i JOIN contacts AS c ON c.id = i.contact_id AND c.user_id = i.user_id "
    "WHERE {where} GROUP BY moment {having}"
)


def line_of(moment: Moment) -> MomentLine:
    """What ``bot.domain.history.moment_line`` needs from a stored moment."""
    return MomentLine(
        moment.occurred_at, moment.channel, tuple(p.name for p in moment.people), moment.feeling
    )


def moment_from_rows(moment_id: int, rows: Sequence[sqlite3.Row]) -> Moment:
    """A Moment from its interaction rows (joined with contacts), in the order logged."""
    first = rows[0]
    return Moment(
        moment_id=moment_id,
        channel=Channel(first["channel"]),
        occurred_at=from_epoch(first["occurred_at"]),
        people=tuple(
            SavedPerson(
                row["contact_id"],
                row["name"],
                ConnectionType(row["kind"]),
                False,
                bool(row["archived"]),
            )
            for row in rows
        ),
        feeling=first["feeling"],
        note=first["note"],
    )
