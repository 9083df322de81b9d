"""The user's data in words: /privacy, /export's captions, /delete's lists and its last check.

/delete's first button carries when its list was shown; pressing it stores a
:class:`DeleteConfirmation` (the ``conversations`` row) before the last check is asked, and
only a "yes" naming that stored question, pressed soon enough, deletes anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import ClassVar, Self

from bot.domain.clocktime import format_time_of_day
from bot.domain.conversation import BadState, payload_of
from bot.domain.safety_replies import PRIVACY_SENTENCE

FIRST_BUTTON_LIFETIME = timedelta(minutes=30)
"""The list the user read must still be what gets deleted; after this, show a fresh one."""
CONFIRM_BUTTON_LIFETIME = timedelta(minutes=5)
"""The final "yes" must follow the first press closely."""

JSON_CAPTION = (
    "Everything Tend holds about you: settings, people and groups, logged connections, "
    "check-ins, and ideas shown with what came of them. Times are in UTC; your time "
    "zone is in the file."
)
CSV_CAPTION = "Your logged connections for a spreadsheet, in your local dates and times."
NOTHING_HELD = "I don't hold anything about you, so there's nothing to {what}."
KEPT = "Okay, I've deleted nothing. Everything stays as it was."
NOTHING_LEFT = "There was nothing left to delete."
START_OVER = "Here's the current list."
LAST_CHECK = "Last check: delete all of this now? I can't bring it back."
UNSEEN_TABLES = frozenset({"conversations"})
"""Deleted with the rest, never listed: the open question itself, not the user's data."""


class DeletionStep(StrEnum):
    """The one question /delete keeps open."""

    CONFIRM = "confirm"


@dataclass(frozen=True)
class DeleteConfirmation:
    """The last check is open; asked at ``asked_at`` (Unix seconds), which its "yes" names."""

    name: ClassVar[str] = "delete"

    asked_at: int
    step: DeletionStep = DeletionStep.CONFIRM

    def to_json(self) -> str:
        """The payload column."""
        return json.dumps({"asked_at": self.asked_at})

    @classmethod
    def from_json(cls, step: str, payload: str) -> Self:
        """Read a stored row back; a row this version cannot read raises BadState."""
        asked_at = payload_of(payload).get("asked_at")
        if step != DeletionStep.CONFIRM or type(asked_at) is not int:
            raise BadState(f"unreadable delete confirmation {step!r}")
        return cls(asked_at)


def is_fresh(shown: int, now: datetime, lifetime: timedelta) -> bool:
    """A button shown at ``shown`` (Unix seconds) may still act at ``now``."""
    age = now.timestamp() - shown
    return -60 <= age <= lifetime.total_seconds()


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe_rows(
    counts: Mapping[str, int], zone: str | None = None, checkin: time | None = None
) -> list[str]:
    """One bullet per kind of data, in words; unknown tables by name, so nothing is hidden."""
    lines: list[str] = []
    for table, count in counts.items():
        if table in UNSEEN_TABLES:
            continue
        if table == "users":
            lines.append(_settings_line(zone, checkin))
        elif table == "contacts":
            lines.append(_plural(count, "person or group", "people and groups"))
        elif table == "interactions":
            lines.append(
                _plural(count, "logged connection", "logged connections")
                + ", with their feelings and notes"
            )
        elif table == "checkins":
            lines.append(_plural(count, "check-in record", "check-in records"))
        elif table == "suggestions_shown":
            lines.append(
                _plural(count, "idea shown to you", "ideas shown to you")
                + ", and whether you acted on them"
            )
        elif table == "safety_signals":
            lines.append(
                _plural(count, "note", "notes")
                + " that a message of yours sounded like a hard moment (never your words)"
            )
        else:
            name = table.replace("_", " ")
            lines.append(_plural(count, f"{name} record", f"{name} records"))
    return [f"• {line}" for line in lines]


def _settings_line(zone: str | None, checkin: time | None) -> str:
    if zone is None:
        return "your settings"
    parts = [f"time zone {zone}"]
    if checkin is not None:
        parts.append(f"check-ins at {format_time_of_day(checkin)}")
    return f"your settings ({', '.join(parts)})"


def listing(counts: Mapping[str, int], zone: str | None, checkin: time | None) -> str:
    """What /delete would remove, before the first button."""
    return "\n".join(
        [
            "Deleting removes everything Tend holds about you:",
            *describe_rows(counts, zone, checkin),
            "",
            "It can't be undone. Want a copy first? Send /export.",
        ]
    )


def last_check(counts: Mapping[str, int], zone: str | None, checkin: time | None) -> str:
    """The same list, asking the final question."""
    return listing(counts, zone, checkin).rsplit("\n\n", 1)[0] + "\n\n" + LAST_CHECK


def deleted_text(deleted: Mapping[str, int]) -> str:
    """What went, and that Tend stays silent from now on."""
    if not deleted:
        return NOTHING_LEFT
    return "\n".join(
        [
            "Done. I've deleted everything Tend held about you:",
            *describe_rows(deleted),
            "",
            "I won't write to you again. The messages in this chat stay in Telegram; you "
            "can clear them there. If you'd like to start again one day, send /start and "
            "we'll begin fresh.",
        ]
    )


PRIVACY = (
    "Your privacy, plainly:\n\n"
    "What Tend stores: your Telegram user and chat ids; your time zone, check-in time and "
    "other settings; the people and groups you log (names as you type them, and their kind); "
    "each connection you log (when, how, how it felt, your note); and the check-ins and "
    "ideas I sent you, with whether you acted on them.\n\n"
    f"{PRIVACY_SENTENCE}\n\n"
    "Where: in one database file on the server that runs this bot. Messages travel through "
    "Telegram, as every chat does.\n\n"
    "Who can read it: you, with /export, and the person who runs this server. "
    "My logs never contain your messages, notes or the names you log.\n\n"
    "Nothing is shared: no ads, no analytics, no one else gets any of it.\n\n"
    "Your copy: /export sends everything as a JSON file, plus your logged connections as a "
    "spreadsheet (CSV).\n"
    "Deleting: /delete shows exactly what will go, asks twice, then removes all of it at once. "
    "Sending /start afterwards begins fresh."
)
