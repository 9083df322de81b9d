"""Unfinished logs, one per user, kept in SQLite so a restart or a long pause loses nothing.

A draft's id is new for every log (AUTOINCREMENT never reuses one), so a button carrying it
can tell whether it belongs to the log in progress or to an older one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType
from bot.domain.log_draft import (
    DraftPerson,
    DraftStatus,
    LogDraft,
    LogStep,
    PendingName,
    QueuedName,
    is_stale,
    next_step,
)
from storage.database import Database
from storage.users import from_epoch, to_epoch

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredDraft:
    """A draft as stored: its id, status and when it was last touched."""

    id: int
    status: DraftStatus
    draft: LogDraft
    updated_at: datetime

    def is_stale(self, now: datetime) -> bool:
        """Left alone long enough that carrying on silently would surprise the user."""
        return is_stale(self.updated_at, now)


class DraftRepository:
    """Reads and writes ``log_drafts``; every call names the owning user."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> StoredDraft | None:
        """The user's unfinished log, if any (an unreadable one is dropped, not trusted)."""
        row = await self._db.fetch_one(
            "SELECT id, status, answers, updated_at FROM log_drafts WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        try:
            draft = draft_from_json(row["answers"])
            status = DraftStatus(row["status"])
        except (ValueError, KeyError, TypeError):
            log.warning("dropping unreadable log draft %s of user %s", row["id"], user_id)
            await self.delete(user_id, row["id"])
            return None
        return StoredDraft(row["id"], status, draft, from_epoch(row["updated_at"]))

    async def start(self, user_id: int, draft: LogDraft, now: datetime) -> StoredDraft:
        """Begin a new log, replacing any unfinished one (callers say so to the user)."""
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM log_drafts WHERE user_id = ?", (user_id,))
            cursor = await connection.execute(
                "INSERT INTO log_drafts (user_id, step, status, answers, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    user_id,
                    _step_name(draft),
                    DraftStatus.OPEN.value,
                    draft_to_json(draft),
                    to_epoch(now),
                    to_epoch(now),
                ),
            )
            draft_id = int(cursor.lastrowid or 0)
        return StoredDraft(draft_id, DraftStatus.OPEN, draft, now)

    async def save(
        self, user_id: int, draft_id: int, draft: LogDraft, now: datetime
    ) -> StoredDraft | None:
        """Store new answers, reopen and touch the draft; None if that draft is gone."""
        changed = await self._db.execute(
            "UPDATE log_drafts SET step = ?, status = ?, answers = ?, updated_at = ? "
            "WHERE user_id = ? AND id = ?",
            (
                _step_name(draft),
                DraftStatus.OPEN.value,
                draft_to_json(draft),
                to_epoch(now),
                user_id,
                draft_id,
            ),
        )
        return StoredDraft(draft_id, DraftStatus.OPEN, draft, now) if changed else None

    async def set_status(self, user_id: int, draft_id: int, status: DraftStatus) -> bool:
        """Hold, expire or reopen a draft without touching its answers or its age."""
        changed = await self._db.execute(
            "UPDATE log_drafts SET status = ? WHERE user_id = ? AND id = ?",
            (status.value, user_id, draft_id),
        )
        return changed > 0

    async def delete(self, user_id: int, draft_id: int | None = None) -> bool:
        """Forget the user's draft (only ``draft_id``, when given)."""
        if draft_id is None:
            changed = await self._db.execute("DELETE FROM log_drafts WHERE user_id = ?", (user_id,))
        else:
            changed = await self._db.execute(
                "DELETE FROM log_drafts WHERE user_id = ? AND id = ?", (user_id, draft_id)
            )
        return changed > 0


def _step_name(draft: LogDraft) -> str:
    step = next_step(draft)
    return step.value if isinstance(step, LogStep) else "save"


# ------------------------------------------------------------------------------- JSON codec


def draft_to_json(draft: LogDraft) -> str:
    """Serialise the answers; only plain JSON types, so the row stays readable by /export."""
    data: dict[str, Any] = {
        "people": [
            {"name": person.name, "kind": person.kind.value, "contact_id": person.contact_id}
            for person in draft.people
        ],
        "pending": None
        if draft.pending is None
        else {
            "name": draft.pending.name,
            "match": draft.pending.match,
            "candidates": list(draft.pending.candidates),
            "group": draft.pending.group,
        },
        "queue": [{"name": item.name, "group": item.group} for item in draft.queue],
        "naming": draft.naming,
        "adding": draft.adding,
        "channel": draft.channel.value if draft.channel else None,
        "channel_defaulted": draft.channel_defaulted,
        "channel_wanted": draft.channel_wanted,
        "day": draft.day.isoformat() if draft.day else None,
        "feeling": draft.feeling,
        "feeling_answered": draft.feeling_answered,
        "note": draft.note,
        "note_answered": draft.note_answered,
        "quick": draft.quick,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def draft_from_json(text: str) -> LogDraft:
    """Parse what :func:`draft_to_json` wrote; anything else raises ValueError."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("draft answers are not an object")
    pending = data.get("pending")
    naming = data.get("naming")
    if naming not in (None, "person", "group"):
        raise ValueError("bad naming")
    feeling = data.get("feeling")
    if feeling is not None and not (isinstance(feeling, int) and 1 <= feeling <= 5):
        raise ValueError("bad feeling")
    return LogDraft(
        people=tuple(
            DraftPerson(
                name=str(person["name"]),
                kind=ConnectionType(person["kind"]),
                contact_id=_optional_int(person.get("contact_id")),
            )
            for person in data.get("people", [])
        ),
        pending=None
        if pending is None
        else PendingName(
            name=str(pending["name"]),
            match=_match(pending["match"]),
            candidates=tuple(int(candidate) for candidate in pending.get("candidates", [])),
            group=bool(pending.get("group", False)),
        ),
        queue=tuple(
            QueuedName(str(item["name"]), bool(item.get("group", False)))
            for item in data.get("queue", [])
        ),
        naming=naming,
        adding=bool(data.get("adding", False)),
        channel=Channel(data["channel"]) if data.get("channel") else None,
        channel_defaulted=bool(data.get("channel_defaulted", False)),
        channel_wanted=bool(data.get("channel_wanted", False)),
        day=date.fromisoformat(data["day"]) if data.get("day") else None,
        feeling=feeling,
        feeling_answered=bool(data.get("feeling_answered", False)),
        note=str(data["note"]) if data.get("note") is not None else None,
        note_answered=bool(data.get("note_answered", False)),
        quick=bool(data.get("quick", False)),
    )


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected an integer id")
    return value


def _match(value: object) -> Any:
    if value not in ("suggest", "ambiguous", "none"):
        raise ValueError("bad match kind")
    return value
