"""The check-in schedule and the check-in queue: all of #4's SQL except suggestion history.

The schedule is ``users.next_checkin_at`` (UTC seconds, partially indexed). A check-in is
claimed by inserting its ``checkins`` row (UNIQUE per user and local date) before anything is
sent; see ``bot/scheduling/sweep.py`` for the delivery state machine built on top.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

import aiosqlite

from bot.domain.checkin import CheckinFrequency, CheckinMessage
from bot.domain.kinds import ConnectionType
from bot.domain.quiet import ContactState
from bot.domain.suggestions import ChosenSuggestion
from storage.database import Database
from storage.learning import insert_variety_many
from storage.safety_signals import mark_support_line_many
from storage.suggestion_history import insert_shown_many
from storage.users import (
    QUIET_COLUMNS,
    USER_COLUMNS,
    User,
    format_interests,
    from_epoch,
    to_epoch,
    user_from_row,
)

PAUSED_FOREVER = datetime(9999, 12, 31, tzinfo=UTC)
"""``paused_until`` for "pause until I say /resume" (any instant past year 9000 means this)."""

SENT_GROUP_SECONDS = 0.05
_FEELINGS_KEPT = 5
_CHECKIN_COLUMNS = (
    "id, user_id, local_date, due_at, status, attempts, text, message_id, response, claimed_at"
)


class CheckinStatus(StrEnum):
    """Where one claimed check-in stands (see migrations 0003 and 0009)."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    UNKNOWN = "unknown"
    BLOCKED = "blocked"
    FAILED = "failed"
    EXPIRED = "expired"


class CheckinResponse(StrEnum):
    """What the user answered with a check-in button (kept for summaries)."""

    NOT_TODAY = "not_today"
    SNOOZED = "snoozed"
    PAUSED = "paused"
    ANOTHER_IDEA = "another_idea"


def is_paused_forever(paused_until: datetime | None) -> bool:
    """True for the "until /resume" pause."""
    return paused_until is not None and paused_until.year >= 9000


@dataclass(frozen=True, slots=True)
class ScheduleUpdate:
    """Move one user's next check-in, unless someone else moved it since we read it."""

    user_id: int
    next_at: datetime | None
    expected: int | None


def expected_next(user: User) -> int | None:
    """The stored ``next_checkin_at`` as read, for the optimistic check of an update."""
    return to_epoch(user.next_checkin_at) if user.next_checkin_at is not None else None


@dataclass(frozen=True, slots=True)
class Reschedule:
    """Both schedules of a flagged user, worked out again from the settings read with it."""

    user: User
    next_checkin: datetime | None
    next_digest: datetime | None


@dataclass(frozen=True, slots=True)
class NewClaim:
    """A composed check-in about to claim its local date."""

    user_id: int
    chat_id: int
    local_date: date
    due_at: datetime
    text: str
    next_at: datetime | None
    expected_next: int | None
    suggestion: ChosenSuggestion | None
    message: CheckinMessage | None = None  # what it named and preselects (storage/learning.py)


@dataclass(frozen=True, slots=True)
class QueuedCheckin:
    """A claimed check-in waiting to be (re)sent."""

    id: int
    user_id: int
    chat_id: int
    local_date: date
    due_at: datetime
    attempts: int
    text: str


@dataclass(frozen=True, slots=True)
class CheckinRecord:
    """One check-in as stored (for its buttons)."""

    id: int
    user_id: int
    local_date: date
    due_at: datetime
    status: CheckinStatus
    attempts: int
    message_id: int | None
    response: CheckinResponse | None
    claimed_at: datetime | None = None


def _record_from_row(row: sqlite3.Row) -> CheckinRecord:
    return CheckinRecord(
        id=row["id"],
        user_id=row["user_id"],
        local_date=date.fromisoformat(row["local_date"]),
        due_at=from_epoch(row["due_at"]),
        status=CheckinStatus(row["status"]),
        attempts=row["attempts"],
        message_id=row["message_id"],
        response=CheckinResponse(row["response"]) if row["response"] else None,
        claimed_at=from_epoch(row["claimed_at"]),
    )


@dataclass(frozen=True, slots=True)
class ComposeInputs:
    """One user's history as the domain functions want it."""

    contacts: tuple[ContactState, ...]  # active (not archived) contacts only
    last_by_kind: dict[ConnectionType, datetime | None]
    recent_feelings: tuple[int, ...]
    last_signal_at: datetime | None = None  # the latest crisis or struggling message (#10)
    last_support_line_at: datetime | None = None  # when a check-in last carried /support


_KINDS = {kind.value: kind for kind in ConnectionType}


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def _from_epoch_or_none(epoch: int | None) -> datetime | None:
    return from_epoch(int(epoch)) if epoch is not None else None


def _epoch_or_none(instant: datetime | None) -> int | None:
    return to_epoch(instant) if instant is not None else None


async def _write_schedules(
    connection: aiosqlite.Connection, rows: Sequence[tuple[str, int | None, int | None, int]]
) -> None:
    """Record each claimed date and move the schedule on, unless it moved meanwhile."""
    await connection.executemany(
        "UPDATE users SET last_checkin_date = max(coalesce(last_checkin_date, ''), ?),"
        " next_checkin_at = CASE WHEN next_checkin_at IS ? THEN ? "
        "ELSE next_checkin_at END WHERE id = ?",
        rows,
    )


class CheckinRepository:
    """The schedule (columns on ``users``) and the ``checkins`` queue."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._has_rhythm: bool | None = None  # None: not looked up yet
        self._sent: list[tuple[int, int, int]] = []
        self._sent_written: asyncio.Future[None] | None = None
        self._sent_task: asyncio.Task[None] | None = None  # held, so it is not collected

    # ------------------------------------------------------------------ schedule
    async def due_users(self, now: datetime, limit: int) -> list[User]:
        """Users to look at now: settings changed, or next check-in at or before `now`.

        Two index range scans (``users_needing_reschedule``, ``users_due``), earliest first.
        """
        rows = await self._db.fetch_all(
            f"SELECT {USER_COLUMNS} FROM users WHERE needs_reschedule = 1 "
            f"UNION ALL SELECT * FROM (SELECT {USER_COLUMNS} FROM users "
            "WHERE next_checkin_at IS NOT NULL AND next_checkin_at <= ? AND needs_reschedule = 0 "
            "ORDER BY next_checkin_at LIMIT ?) LIMIT ?",
            (to_epoch(now), limit, limit),
        )
        return [user_from_row(row) for row in rows]

    async def schedule_row(self, user_id: int) -> User | None:
        """One user with their schedule, or None for someone Tend has not met."""
        row = await self._db.fetch_one(f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))
        return user_from_row(row) if row else None

    async def apply_reschedule(self, items: Sequence[Reschedule]) -> None:
        """Store recomputed schedules and clear the flag, unless the settings changed again."""
        if not items:
            return
        async with self._db.transaction() as connection:
            await connection.executemany(
                "UPDATE users SET next_checkin_at = ?, next_digest_at = ?, needs_reschedule = 0 "
                "WHERE id = ? AND needs_reschedule = 1 AND timezone IS ? AND checkin_time IS ? "
                "AND digest_weekday IS ?",
                [
                    (
                        _epoch_or_none(item.next_checkin),
                        _epoch_or_none(item.next_digest),
                        item.user.id,
                        item.user.timezone,
                        item.user.checkin_time.strftime("%H:%M")
                        if item.user.checkin_time
                        else None,
                        item.user.digest_weekday,
                    )
                    for item in items
                ],
            )

    async def apply_schedule(self, updates: Sequence[ScheduleUpdate]) -> None:
        """Write many next times at once; a row changed meanwhile keeps its newer value."""
        if not updates:
            return
        async with self._db.transaction() as connection:
            await connection.executemany(
                "UPDATE users SET next_checkin_at = ? WHERE id = ? AND next_checkin_at IS ? "
                "AND needs_reschedule = 0",
                [(_epoch_or_none(u.next_at), u.user_id, u.expected) for u in updates],
            )

    async def set_next(self, user_id: int, next_at: datetime | None) -> None:
        """Unconditionally set one user's next check-in (after their own settings change)."""
        await self._db.execute(
            "UPDATE users SET next_checkin_at = ? WHERE id = ?", (_epoch_or_none(next_at), user_id)
        )

    async def set_frequency(self, user_id: int, frequency: CheckinFrequency) -> None:
        """Daily, only when something is quiet, or off."""
        await self._db.execute(
            "UPDATE users SET checkin_frequency = ? WHERE id = ?", (frequency.value, user_id)
        )

    async def set_interests(self, user_id: int, interests: Iterable[str]) -> None:
        """Replace the user's interest tags."""
        await self._db.execute(
            "UPDATE users SET interests = ? WHERE id = ?",
            (format_interests(list(interests)), user_id),
        )

    async def set_quiet_days(self, user_id: int, kind: ConnectionType, days: int) -> None:
        """One kind's quiet threshold (1-365 days; the table enforces it too)."""
        if not 1 <= days <= 365:
            raise ValueError("quiet threshold must be 1-365 days")
        column = QUIET_COLUMNS[kind]  # from a fixed map, never from input
        await self._db.execute(f"UPDATE users SET {column} = ? WHERE id = ?", (days, user_id))

    async def set_paused_until(self, user_id: int, until: datetime | None) -> None:
        """Pause until an instant (PAUSED_FOREVER: until /resume); None resumes."""
        await self._db.execute(
            "UPDATE users SET paused_until = ? WHERE id = ?", (_epoch_or_none(until), user_id)
        )

    async def mark_blocked(self, checkin_id: int, user_id: int) -> None:
        """Forbidden: this check-in is done, the user is inactive and off the schedule.

        The ``users_reactivated`` trigger puts them back when they write again.
        """
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE checkins SET status = 'blocked', text = NULL WHERE id = ?", (checkin_id,)
            )
            await connection.execute(
                "UPDATE users SET active = 0, next_checkin_at = NULL WHERE id = ?", (user_id,)
            )

    # ------------------------------------------------------------------ claiming
    async def claim(self, now: datetime, claims: Sequence[NewClaim]) -> list[QueuedCheckin]:
        """Claim each user's local date and move their schedule on, in ONE transaction.

        A date already claimed (by a concurrent forced check-in, or before a restart) is not
        claimed twice: that user only gets their schedule moved on. Returns the new queue rows.
        Four statements per batch, whatever its size: this is the sweep's hot path.
        """
        if not claims:
            return []
        now_epoch = to_epoch(now)
        values = ",".join("(?, ?, ?, ?, 'queued', ?, ?)" for _ in claims)
        params: list[object] = []
        for claim in claims:
            params += [
                claim.user_id,
                claim.local_date.isoformat(),
                to_epoch(claim.due_at),
                now_epoch,
                now_epoch,
                claim.text,
            ]
        async with self._db.transaction() as connection:
            returned = await connection.execute_fetchall(
                "INSERT INTO checkins (user_id, local_date, due_at, claimed_at, status, "
                f"retry_at, text) VALUES {values} "
                "ON CONFLICT (user_id, local_date) DO NOTHING RETURNING id, user_id",
                params,
            )
            inserted = {row[1]: row[0] for row in returned}
            shown = [
                (claim.user_id, inserted[claim.user_id], claim.suggestion)
                for claim in claims
                if claim.suggestion is not None and claim.user_id in inserted
            ]
            varieties = [
                (claim.user_id, inserted[claim.user_id], claim.local_date, claim.message)
                for claim in claims
                if claim.message is not None and claim.user_id in inserted
            ]
            support_lines = [
                (claim.user_id, now)
                for claim in claims
                if claim.message is not None
                and claim.message.support_line
                and claim.user_id in inserted
            ]
            schedules = [
                (
                    claim.local_date.isoformat(),
                    claim.expected_next,
                    _epoch_or_none(claim.next_at),
                    claim.user_id,
                )
                for claim in claims
            ]
            # Independent writes (other tables or columns), queued at once in this order: the
            # connection's thread runs them back to back, then the commit. Every one finishes
            # before a failure propagates, so none can come after the rollback.
            outcomes = await asyncio.gather(
                insert_shown_many(connection, shown, now),
                insert_variety_many(connection, varieties),
                mark_support_line_many(connection, support_lines),
                _write_schedules(connection, schedules),
                return_exceptions=True,
            )
            for outcome in outcomes:
                if isinstance(outcome, BaseException):
                    raise outcome
        return [
            QueuedCheckin(
                id=inserted[claim.user_id],
                user_id=claim.user_id,
                chat_id=claim.chat_id,
                local_date=claim.local_date,
                due_at=claim.due_at,
                attempts=0,
                text=claim.text,
            )
            for claim in claims
            if claim.user_id in inserted
        ]

    # ------------------------------------------------------------------ the queue
    async def queued_due(
        self, now: datetime, limit: int, exclude: Iterable[int] = ()
    ) -> list[QueuedCheckin]:
        """Claimed check-ins whose (re)try time has come, oldest first."""
        excluded = list(exclude)
        not_in = f"AND c.id NOT IN ({_placeholders(len(excluded))}) " if excluded else ""
        rows = await self._db.fetch_all(
            "SELECT c.id, c.user_id, u.chat_id, c.local_date, c.due_at, c.attempts, c.text "
            "FROM checkins AS c JOIN users AS u ON u.id = c.user_id "
            f"WHERE c.status = 'queued' AND c.retry_at <= ? {not_in}"
            "ORDER BY c.retry_at, c.id LIMIT ?",
            (to_epoch(now), *excluded, limit),
        )
        return [
            QueuedCheckin(
                id=row["id"],
                user_id=row["user_id"],
                chat_id=row["chat_id"],
                local_date=date.fromisoformat(row["local_date"]),
                due_at=from_epoch(row["due_at"]),
                attempts=row["attempts"],
                text=row["text"] or "",
            )
            for row in rows
        ]

    async def mark_sending(self, checkin_id: int) -> bool:
        """Queued -> sending as the request is handed to the HTTP client (not while it waits in
        our rate limiter); False if it is no longer queued (taken by a forced check-in)."""
        changed = await self._db.execute(
            "UPDATE checkins SET status = 'sending', attempts = attempts + 1 "
            "WHERE id = ? AND status = 'queued'",
            (checkin_id,),
        )
        return changed == 1

    async def mark_sent(self, checkin_id: int, message_id: int, sent_at: datetime) -> None:
        """Delivered: keep the message id (for edits), drop the stored text.

        Sends finishing within ``SENT_GROUP_SECONDS`` share one commit (one fsync instead of
        one each): at 29 sends a second that halves the sweep's writes, which replies would
        otherwise queue behind. Returns once written. A crash before the write leaves the row
        ``sending``, which start-up marks ``unknown`` and never resends: nothing is doubled.
        """
        self._sent.append((message_id, to_epoch(sent_at), checkin_id))
        if self._sent_written is None:
            self._sent_written = asyncio.get_running_loop().create_future()
            self._sent_task = asyncio.get_running_loop().create_task(
                self._write_sent(self._sent_written)
            )
        await asyncio.shield(self._sent_written)

    async def _write_sent(self, done: asyncio.Future[None]) -> None:
        try:
            await asyncio.sleep(SENT_GROUP_SECONDS)
            batch, self._sent, self._sent_written = self._sent, [], None
            async with self._db.transaction() as connection:
                await connection.executemany(
                    "UPDATE checkins SET status = 'sent', message_id = ?, sent_at = ?, "
                    "text = NULL, retry_at = NULL WHERE id = ?",
                    batch,
                )
        except asyncio.CancelledError:
            done.cancel()
            raise
        except Exception as error:  # every waiting caller gets it
            done.set_exception(error)
        else:
            done.set_result(None)

    async def requeue(self, checkin_id: int, retry_at: datetime) -> None:
        """A transient failure: try again at `retry_at`."""
        await self._db.execute(
            "UPDATE checkins SET status = 'queued', retry_at = ? WHERE id = ?",
            (to_epoch(retry_at), checkin_id),
        )

    async def mark_final(self, checkin_id: int, status: CheckinStatus) -> None:
        """Failed or expired: nothing more will be tried for this day."""
        await self._db.execute(
            "UPDATE checkins SET status = ?, text = NULL, retry_at = NULL WHERE id = ?",
            (status.value, checkin_id),
        )

    async def mark_unknown(self, checkin_id: int) -> None:
        """The request left but its answer never came: it may have arrived, never resend it."""
        await self._db.execute(
            "UPDATE checkins SET status = 'unknown', text = NULL, retry_at = NULL "
            "WHERE id = ? AND status = 'sending'",
            (checkin_id,),
        )

    async def recover_in_flight(self) -> int:
        """At start-up: sends interrupted by a crash may have arrived, so never resend them."""
        return await self._db.execute(
            "UPDATE checkins SET status = 'unknown', text = NULL, retry_at = NULL "
            "WHERE status = 'sending'"
        )

    # ------------------------------------------------------------------ buttons
    async def get(self, checkin_id: int, user_id: int) -> CheckinRecord | None:
        """A check-in, only if it belongs to `user_id` (button data is untrusted)."""
        row = await self._db.fetch_one(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE id = ? AND user_id = ?",
            (checkin_id, user_id),
        )
        return _record_from_row(row) if row else None

    async def set_response(self, checkin_id: int, user_id: int, response: CheckinResponse) -> None:
        """Remember how the user answered a check-in."""
        await self._db.execute(
            "UPDATE checkins SET response = ? WHERE id = ? AND user_id = ?",
            (response.value, checkin_id, user_id),
        )

    # ------------------------------------------------------------------ compose inputs
    async def compose_inputs(self, user_ids: Sequence[int]) -> dict[int, ComposeInputs]:
        """Contacts with their last interaction, last interaction per kind, recent feelings,
        the latest distress signal and when the support line last went out.

        Three statements for the whole batch; each walks only these users' rows through the
        (contact_id, occurred_at) and (user_id, occurred_at) indexes.
        """
        if not user_ids:
            return {}
        marks = _placeholders(len(user_ids))
        rhythm = await self._rhythm_select()
        contact_rows, feeling_rows = await asyncio.gather(  # both queued at once: one wait
            self._db.fetch_all(
                f"SELECT c.user_id, c.id, c.name, c.kind, c.archived, c.created_at, {rhythm} "
                "AS rhythm_days, (SELECT MAX(i.occurred_at) FROM interactions AS i "
                "WHERE i.contact_id = c.id) AS last_at "
                f"FROM contacts AS c WHERE c.user_id IN ({marks}) ORDER BY c.user_id, c.id",
                tuple(user_ids),
            ),
            self._db.fetch_all(
                "SELECT u.id AS user_id, (SELECT group_concat(f) FROM (SELECT i.feeling AS f "
                "FROM interactions AS i WHERE i.user_id = u.id AND i.feeling IS NOT NULL "
                f"ORDER BY i.occurred_at DESC, i.id DESC LIMIT {_FEELINGS_KEPT})) AS feelings, "
                "(SELECT MAX(s.signalled_at) FROM safety_signals AS s WHERE s.user_id = u.id) "
                "AS last_signal_at, u.last_support_line_at "
                f"FROM users AS u WHERE u.id IN ({marks})",
                tuple(user_ids),
            ),
        )
        contacts: dict[int, list[ContactState]] = {user_id: [] for user_id in user_ids}
        last_by_kind: dict[int, dict[ConnectionType, datetime | None]] = {
            user_id: {} for user_id in user_ids
        }
        for (
            user_id,
            contact_id,
            name,
            stored_kind,
            archived,
            created_at,
            rhythm_days,
            last,
        ) in contact_rows:
            kind = _KINDS.get(stored_kind) or ConnectionType(stored_kind)
            last_at = from_epoch(last) if last is not None else None
            kinds = last_by_kind[user_id]
            if last_at is not None:
                known = kinds.get(kind)
                kinds[kind] = last_at if known is None else max(known, last_at)
            if archived:
                continue
            contacts[user_id].append(
                ContactState(
                    contact_id=contact_id,
                    name=name,
                    kind=kind,
                    rhythm_days=rhythm_days if rhythm_days and rhythm_days >= 1 else None,
                    last_interaction_at=last_at,
                    created_at=from_epoch(created_at),
                )
            )
        found: dict[int, ComposeInputs] = {}
        for user_id, raw, last_signal_at, last_support_line_at in feeling_rows:
            newest_first = [int(value) for value in raw.split(",")] if raw else []
            found[user_id] = ComposeInputs(
                contacts=tuple(contacts[user_id]),
                last_by_kind=last_by_kind[user_id],
                recent_feelings=tuple(reversed(newest_first)),
                last_signal_at=_from_epoch_or_none(last_signal_at),
                last_support_line_at=_from_epoch_or_none(last_support_line_at),
            )
        return {
            user_id: found.get(user_id)
            or ComposeInputs(
                contacts=tuple(contacts[user_id]),
                last_by_kind=last_by_kind[user_id],
                recent_feelings=(),
            )
            for user_id in user_ids
        }

    async def _rhythm_select(self) -> str:
        """Contacts get a rhythm column from the logging feature (#3); NULL until it exists."""
        if self._has_rhythm is None:
            rows = await self._db.fetch_all("PRAGMA table_info(contacts)")
            self._has_rhythm = "rhythm_days" in {row["name"] for row in rows}
        return "c.rhythm_days" if self._has_rhythm else "NULL"
