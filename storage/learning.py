"""What each check-in named (for variety) and whom its *Log a connection* preselects.

Rows live in ``checkin_variety`` (migration 0007), one per check-in, written in the same
transaction that claims the check-in (`insert_variety_many`) and rewritten when "Another
idea" changes it (`CheckinVarietyRepository.replace`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import aiosqlite

from bot.domain.checkin import CheckinMessage, LogTarget
from bot.domain.kinds import ConnectionType
from bot.domain.variety import WINDOW, PastCheckin
from storage.database import Database
from storage.important_dates import mark_ahead_mentioned

_INSERT = (
    "INSERT INTO checkin_variety (checkin_id, user_id, local_date, opener, named_kinds, "
    "named_contacts, log_kind, log_contact_id, followup_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (checkin_id) DO UPDATE SET opener = excluded.opener, "
    "named_kinds = excluded.named_kinds, named_contacts = excluded.named_contacts, "
    "log_kind = excluded.log_kind, log_contact_id = excluded.log_contact_id, "
    "followup_id = excluded.followup_id"
)


def _params(
    user_id: int, checkin_id: int, local_date: date, message: CheckinMessage
) -> tuple[object, ...]:
    target = message.log_target
    return (
        checkin_id,
        user_id,
        local_date.isoformat(),
        message.opener,
        ",".join(sorted(kind.value for kind in message.named_kinds)),
        ",".join(str(contact_id) for contact_id in sorted(message.named_contacts)),
        target.kind.value if target is not None else None,
        target.contact_id if target is not None else None,
        message.followup_id,
    )


async def insert_variety_many(
    connection: aiosqlite.Connection,
    rows: Sequence[tuple[int, int, date, CheckinMessage]],
) -> None:
    """Record (user_id, checkin_id, local_date, message) in the caller's transaction.

    Dates the check-ins mention ahead are marked here too: the claim commits both or neither,
    so "Sam's birthday is in 3 days" is said once, and not lost if the claim fails.
    """
    if rows:
        await connection.executemany(_INSERT, [_params(*row) for row in rows])
        await mark_ahead_mentioned(
            connection,
            [(user_id, mark) for user_id, _, _, message in rows for mark in message.mention_ahead],
        )


def _kinds(stored: str) -> frozenset[ConnectionType]:
    return frozenset(ConnectionType(value) for value in stored.split(",") if value)


def _ids(stored: str) -> frozenset[int]:
    return frozenset(int(value) for value in stored.split(",") if value)


class CheckinVarietyRepository:
    """Reads and writes ``checkin_variety``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(
        self, user_id: int, checkin_id: int, local_date: date, message: CheckinMessage
    ) -> None:
        """After "Another idea": what the check-in names now, and whom it preselects."""
        async with self._db.transaction() as connection:
            await connection.execute(_INSERT, _params(user_id, checkin_id, local_date, message))

    async def recent(
        self, user_ids: Sequence[int], before: date | None = None
    ) -> dict[int, list[PastCheckin]]:
        """Each user's last `WINDOW - 1` check-ins (before `before`, if given), newest first."""
        recent: dict[int, list[PastCheckin]] = {user_id: [] for user_id in user_ids}
        if not user_ids:
            return recent
        marks = ",".join("?" * len(user_ids))
        cutoff = "AND local_date < ? " if before is not None else ""
        params: list[object] = list(user_ids)
        if before is not None:
            params.append(before.isoformat())
        rows = await self._db.fetch_all(
            "SELECT user_id, local_date, opener, named_kinds, named_contacts FROM ("
            "SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY local_date DESC) AS n "
            f"FROM checkin_variety WHERE user_id IN ({marks}) {cutoff}) WHERE n <= ? "
            "ORDER BY user_id, local_date DESC",
            (*params, WINDOW - 1),
        )
        for row in rows:
            recent[row["user_id"]].append(
                PastCheckin(
                    local_date=date.fromisoformat(row["local_date"]),
                    opener=row["opener"],
                    named_kinds=_kinds(row["named_kinds"]),
                    named_contacts=_ids(row["named_contacts"]),
                )
            )
        return recent

    async def log_target(self, checkin_id: int, user_id: int) -> LogTarget | None:
        """Whom *Log a connection* on this check-in preselects; None if nothing (or not theirs).

        A preselected contact is returned only while it is still the user's and not archived.
        """
        row = await self._db.fetch_one(
            "SELECT v.log_kind, c.id AS contact_id FROM checkin_variety AS v "
            "LEFT JOIN contacts AS c ON c.id = v.log_contact_id AND c.user_id = v.user_id "
            "AND c.archived = 0 WHERE v.checkin_id = ? AND v.user_id = ?",
            (checkin_id, user_id),
        )
        if row is None or row["log_kind"] is None:
            return None
        return LogTarget(ConnectionType(row["log_kind"]), row["contact_id"])

    async def followup_of(self, checkin_id: int, user_id: int) -> int | None:
        """The follow-up this check-in offers as its idea, if it is still pending."""
        row = await self._db.fetch_one(
            "SELECT f.id FROM checkin_variety AS v JOIN followups AS f "
            "ON f.id = v.followup_id AND f.user_id = v.user_id "
            "WHERE v.checkin_id = ? AND v.user_id = ? AND f.state IN ('open', 'snoozed')",
            (checkin_id, user_id),
        )
        return int(row["id"]) if row is not None else None
