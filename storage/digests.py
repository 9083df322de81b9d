"""The weekly digest: its setting and schedule on the ``users`` row (migration 0004), and its
delivery queue, the ``digests`` table (migration 0009), claimed before anything is sent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from storage.checkins import CheckinStatus
from storage.database import Database
from storage.users import USER_COLUMNS, User, from_epoch, to_epoch, user_from_row


@dataclass(frozen=True, slots=True)
class DigestSetting:
    """A user's digest choice: ``weekday`` None means off."""

    weekday: int | None
    next_at: datetime | None
    last_sent: date | None


@dataclass(frozen=True, slots=True)
class DueDigest:
    """A user whose digest time has come, and the instant it was due."""

    user: User
    due_at: datetime
    weekday: int
    last_sent: date | None


@dataclass(frozen=True, slots=True)
class DigestMove:
    """What the claim round decided for one due user: move the schedule on from ``due_at`` to
    ``next_at``; ``claim_date`` set means a digest for that local date is owed and claimed."""

    user_id: int
    due_at: datetime
    next_at: datetime | None
    claim_date: date | None


@dataclass(frozen=True, slots=True)
class QueuedDigest:
    """A claimed digest waiting to be (re)sent."""

    id: int
    user_id: int
    chat_id: int
    local_date: date
    due_at: datetime
    attempts: int
    parts_sent: int
    chart_message_id: int | None


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


class DigestRepository:
    """Reads and writes the digest columns and queue; every write names the user or row."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ the setting
    async def get(self, user_id: int) -> DigestSetting | None:
        """The setting, or None for an unknown user."""
        row = await self._db.fetch_one(
            "SELECT digest_weekday, next_digest_at, last_digest_date FROM users WHERE id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return DigestSetting(
            weekday=row["digest_weekday"],
            next_at=from_epoch(row["next_digest_at"]) if row["next_digest_at"] else None,
            last_sent=date.fromisoformat(row["last_digest_date"])
            if row["last_digest_date"]
            else None,
        )

    async def set(self, user_id: int, weekday: int | None, next_at: datetime | None) -> bool:
        """Turn the digest on (a weekday and its next instant) or off (both None)."""
        changed = await self._db.execute(
            "UPDATE users SET digest_weekday = ?, next_digest_at = ? WHERE id = ?",
            (weekday, to_epoch(next_at) if next_at else None, user_id),
        )
        return changed > 0

    # ------------------------------------------------------------------ claiming
    async def due(self, now: datetime, limit: int) -> list[DueDigest]:
        """Users whose next digest is at or before ``now``, earliest first.

        Users whose settings just changed wait for the check-in sweep to reschedule them.
        """
        rows = await self._db.fetch_all(
            f"SELECT {USER_COLUMNS} FROM users WHERE next_digest_at IS NOT NULL "
            "AND next_digest_at <= ? AND digest_weekday IS NOT NULL AND needs_reschedule = 0 "
            "ORDER BY next_digest_at, id LIMIT ?",
            (to_epoch(now), limit),
        )
        due: list[DueDigest] = []
        for row in rows:
            user = user_from_row(row)
            assert user.next_digest_at is not None and user.digest_weekday is not None
            due.append(
                DueDigest(user, user.next_digest_at, user.digest_weekday, user.last_digest_date)
            )
        return due

    async def claim(self, now: datetime, moves: Sequence[DigestMove]) -> list[int]:
        """Move each schedule on and claim the owed digests, in ONE transaction.

        A schedule moved meanwhile (the setting changed) is left alone and nothing is claimed
        for it; a date already claimed is never claimed twice. Returns the new queue row ids.
        """
        if not moves:
            return []
        claimed: list[int] = []
        async with self._db.transaction() as connection:
            for move in moves:
                date_sql = ", last_digest_date = ?" if move.claim_date is not None else ""
                params: list[object] = [to_epoch(move.next_at) if move.next_at else None]
                if move.claim_date is not None:
                    params.append(move.claim_date.isoformat())
                params += [move.user_id, to_epoch(move.due_at)]
                cursor = await connection.execute(
                    f"UPDATE users SET next_digest_at = ?{date_sql} "
                    "WHERE id = ? AND next_digest_at = ? AND needs_reschedule = 0",
                    params,
                )
                if cursor.rowcount != 1 or move.claim_date is None:
                    continue
                async with connection.execute(
                    "INSERT INTO digests (user_id, local_date, due_at, claimed_at, status, "
                    "retry_at) VALUES (?, ?, ?, ?, 'queued', ?) "
                    "ON CONFLICT (user_id, local_date) DO NOTHING RETURNING id",
                    (
                        move.user_id,
                        move.claim_date.isoformat(),
                        to_epoch(move.due_at),
                        to_epoch(now),
                        to_epoch(now),
                    ),
                ) as inserted:
                    row = await inserted.fetchone()
                if row is not None:
                    claimed.append(int(row[0]))
        return claimed

    # ------------------------------------------------------------------ the queue
    async def queued_due(
        self, now: datetime, limit: int, exclude: Iterable[int] = ()
    ) -> list[QueuedDigest]:
        """Claimed digests whose (re)try time has come, oldest first."""
        excluded = list(exclude)
        not_in = f"AND d.id NOT IN ({_placeholders(len(excluded))}) " if excluded else ""
        rows = await self._db.fetch_all(
            "SELECT d.id, d.user_id, u.chat_id, d.local_date, d.due_at, d.attempts, "
            "d.parts_sent, d.chart_message_id "
            "FROM digests AS d JOIN users AS u ON u.id = d.user_id "
            f"WHERE d.status = 'queued' AND d.retry_at <= ? {not_in}"
            "ORDER BY d.retry_at, d.id LIMIT ?",
            (to_epoch(now), *excluded, limit),
        )
        return [
            QueuedDigest(
                id=row["id"],
                user_id=row["user_id"],
                chat_id=row["chat_id"],
                local_date=date.fromisoformat(row["local_date"]),
                due_at=from_epoch(row["due_at"]),
                attempts=row["attempts"],
                parts_sent=row["parts_sent"],
                chart_message_id=row["chart_message_id"],
            )
            for row in rows
        ]

    async def mark_sending(self, digest_id: int) -> bool:
        """Queued -> sending as a request is handed to the HTTP client; False if not queued."""
        changed = await self._db.execute(
            "UPDATE digests SET status = 'sending', attempts = attempts + 1 "
            "WHERE id = ? AND status = 'queued'",
            (digest_id,),
        )
        return changed == 1

    async def mark_part_sent(self, digest_id: int, chart_message_id: int) -> None:
        """The chart of a two-message digest arrived: back to queued for the text alone."""
        await self._db.execute(
            "UPDATE digests SET status = 'queued', parts_sent = 1, chart_message_id = ? "
            "WHERE id = ?",
            (chart_message_id, digest_id),
        )

    async def mark_sent(self, digest_id: int, message_id: int, sent_at: datetime) -> None:
        """Delivered."""
        await self._db.execute(
            "UPDATE digests SET status = 'sent', message_id = ?, sent_at = ?, retry_at = NULL "
            "WHERE id = ?",
            (message_id, to_epoch(sent_at), digest_id),
        )

    async def requeue(self, digest_id: int, retry_at: datetime) -> None:
        """A transient failure, or a request that provably never left: try again later."""
        await self._db.execute(
            "UPDATE digests SET status = 'queued', retry_at = ? WHERE id = ?",
            (to_epoch(retry_at), digest_id),
        )

    async def mark_final(self, digest_id: int, status: CheckinStatus) -> None:
        """Failed, expired or unknown: nothing more will be tried for this digest."""
        await self._db.execute(
            "UPDATE digests SET status = ?, retry_at = NULL WHERE id = ?",
            (status.value, digest_id),
        )

    async def mark_blocked(self, digest_id: int, user_id: int) -> None:
        """Forbidden: this digest is done and the user inactive (as for check-ins)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE digests SET status = 'blocked', retry_at = NULL WHERE id = ?", (digest_id,)
            )
            await connection.execute(
                "UPDATE users SET active = 0, next_checkin_at = NULL WHERE id = ?", (user_id,)
            )

    async def recover_in_flight(self) -> int:
        """At start-up: a digest request interrupted by a crash may have arrived; not resent."""
        return await self._db.execute(
            "UPDATE digests SET status = 'unknown', retry_at = NULL WHERE status = 'sending'"
        )
