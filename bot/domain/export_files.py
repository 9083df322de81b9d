"""The two files /export sends: a complete JSON document and a spreadsheet-ready CSV.

Pure: storage hands over every row it holds for the user (``UserData``), keyed by table, so a
table added later appears in the JSON without anyone touching this module. Instants are stored
as Unix seconds in columns named ``*_at`` / ``*_until``; the JSON shows them as ISO-8601 UTC
with the user's zone alongside, and the CSV shows local dates and times, which is what a
person reading a spreadsheet expects.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.channels import Channel
from bot.domain.kinds import ConnectionType
from bot.domain.suggestions import Catalogue

EXPORT_FORMAT = "tend-export/2"

SCHEMA_VERSION = 2
"""Bumped when the JSON changes shape. 2: readable ``interactions`` and ``suggestions`` lists."""

DESCRIPTION = (
    "Everything Tend, a Telegram bot for keeping up relationships, holds about you. "
    "'interactions' lists every connection you logged (who, what kind, how, when in your "
    "time zone and in UTC, how it felt, your note); 'suggestions' lists the ideas Tend showed "
    "you and whether you acted on them. 'tables' has every stored row exactly as kept, for "
    "programs."
)

TABLE_DESCRIPTIONS: Mapping[str, str] = {
    "users": "Your settings: time zone, check-in time, quiet thresholds, digest day.",
    "contacts": "The people and groups you log, with their kind.",
    "interactions": "Every connection you logged: when, with whom, how, how it felt, notes.",
    "checkins": "The daily check-ins Tend sent you.",
    "suggestions_shown": "Ideas Tend showed you; acted_on_at is set when you acted on one.",
    "log_drafts": "A connection you started logging and haven't finished.",
    "safety_signals": (
        "When a message of yours sounded like a hard moment, and how hard; never the words."
    ),
}
"""Plain words for the tables a reader of the export will meet; others keep their name."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class UserData:
    """Every row Tend holds about one user: table name -> rows (column -> stored value)."""

    user_id: int
    timezone: str | None
    tables: Mapping[str, Sequence[Mapping[str, Any]]]

    @property
    def zone(self) -> ZoneInfo:
        """The user's zone, UTC when onboarding never set one."""
        return ZoneInfo(self.timezone or "UTC")


def is_instant_column(column: str) -> bool:
    """Tend's naming rule for columns holding Unix seconds in UTC."""
    return column.endswith(("_at", "_until"))


def iso_utc(seconds: int) -> str:
    """Unix seconds as ``2026-11-25T18:30:00Z``."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_value(column: str, value: Any) -> Any:
    """A stored value as it appears in the JSON export."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value > 0 and is_instant_column(column):
        return iso_utc(value)  # 0 is a "recompute" marker some schedules use, not a time
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def export_filename(local_day: date, suffix: str = "json") -> str:
    """``tend-export-2026-11-25.json``; the CSV gets ``-interactions.csv``."""
    if suffix == "csv":
        return f"tend-export-{local_day.isoformat()}-interactions.csv"
    return f"tend-export-{local_day.isoformat()}.{suffix}"


def render_json(data: UserData, exported_at: datetime, catalogue: Catalogue | None = None) -> bytes:
    """The whole export as UTF-8 JSON: readable lists first, then every table and column.

    ``catalogue`` gives shown suggestions their text; without it (or for a retired id) the
    text is null and the id still says which idea it was.
    """
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must be aware")
    document = {
        "schema_version": SCHEMA_VERSION,
        "description": DESCRIPTION,
        "format": EXPORT_FORMAT,
        "exported_at": iso_utc(int(exported_at.timestamp())),
        "user_id": data.user_id,
        "timezone": data.timezone,
        "notes": (
            "Instants are ISO-8601 in UTC; add your time zone above for local times. "
            "Columns ending in _at or _until are instants."
        ),
        "interactions": readable_interactions(data),
        "suggestions": readable_suggestions(data, catalogue),
        "about": {
            table: TABLE_DESCRIPTIONS.get(table, table.replace("_", " ").capitalize() + ".")
            for table in data.tables
        },
        "tables": {
            table: [
                {column: json_value(column, value) for column, value in row.items()} for row in rows
            ]
            for table, rows in data.tables.items()
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def local_text(seconds: int, zone: ZoneInfo) -> str:
    """Unix seconds as local ``2026-11-25T19:30:00+01:00`` (the offset keeps it exact)."""
    return datetime.fromtimestamp(seconds, UTC).astimezone(zone).isoformat()


def _local_day(seconds: int, zone: ZoneInfo) -> str:
    """A day-only log's local day, ``2026-11-25``: no invented time of day."""
    return datetime.fromtimestamp(seconds, UTC).astimezone(zone).date().isoformat()


def readable_interactions(data: UserData) -> list[dict[str, Any]]:
    """Logged connections, oldest first, each with the person's name and kind."""
    zone = data.zone
    contacts = {row.get("id"): row for row in data.tables.get("contacts", ())}
    rows = sorted(
        data.tables.get("interactions", ()),
        key=lambda row: (row.get("occurred_at") or 0, row.get("id") or 0),
    )
    readable: list[dict[str, Any]] = []
    for row in rows:
        occurred = int(row["occurred_at"])
        contact = contacts.get(row.get("contact_id"), {})
        day_only = bool(row.get("day_only"))
        when_local = _local_day(occurred, zone) if day_only else local_text(occurred, zone)
        readable.append(
            {
                "when_local": when_local,
                "time_given": not day_only,
                "when_utc": iso_utc(occurred),
                "who": contact.get("name"),
                "kind": contact.get("kind"),
                "how": row.get("channel"),
                "feeling": row.get("feeling"),
                "note": row.get("note"),
                "logged_together_as": row.get("moment_id") or row.get("id"),
            }
        )
    return readable


def readable_suggestions(data: UserData, catalogue: Catalogue | None) -> list[dict[str, Any]]:
    """Ideas shown, oldest first, with their text and whether they were acted on."""
    zone = data.zone
    contacts = {row.get("id"): row for row in data.tables.get("contacts", ())}
    rows = sorted(
        data.tables.get("suggestions_shown", ()),
        key=lambda row: (row.get("shown_at") or 0, row.get("id") or 0),
    )
    readable: list[dict[str, Any]] = []
    for row in rows:
        shown = int(row["shown_at"])
        acted = row.get("acted_on_at")
        name = contacts.get(row.get("contact_id"), {}).get("name")
        readable.append(
            {
                "shown_local": local_text(shown, zone),
                "shown_utc": iso_utc(shown),
                "text": _suggestion_text(catalogue, str(row.get("suggestion_id")), name),
                "suggestion_id": row.get("suggestion_id"),
                "strategy": row.get("strategy"),
                "kind": row.get("kind"),
                "acted_on": acted is not None,
                "acted_on_utc": iso_utc(int(acted)) if acted else None,
            }
        )
    return readable


def _suggestion_text(catalogue: Catalogue | None, suggestion_id: str, name: Any) -> str | None:
    entry = catalogue.get(suggestion_id) if catalogue is not None else None
    if entry is None:
        return None
    return entry.fill(str(name) if name else "someone") if entry.has_name_slot else entry.fill(None)


CSV_COLUMNS = ("Date", "Time", "Who", "Kind", "How", "Feeling (1-5)", "Note", "UTC time")


def render_interactions_csv(data: UserData) -> bytes:
    """Logged connections, oldest first, as UTF-8 CSV with a BOM so spreadsheets read accents.

    Date and time are local to the user's zone (named in the header); the last column keeps
    the exact UTC instant. Text that a spreadsheet would run as a formula is prefixed with '.
    """
    zone = data.zone
    zone_label = data.timezone or "UTC"
    names = {row.get("id"): row for row in data.tables.get("contacts", ())}
    rows = sorted(
        data.tables.get("interactions", ()),
        key=lambda row: (row.get("occurred_at") or 0, row.get("id") or 0),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = list(CSV_COLUMNS)
    header[0] = f"Date ({zone_label})"
    header[1] = f"Time ({zone_label})"
    writer.writerow(header)
    for row in rows:
        occurred = int(row["occurred_at"])
        local = datetime.fromtimestamp(occurred, UTC).astimezone(zone)
        contact = names.get(row.get("contact_id"), {})
        kind = contact.get("kind")
        feeling = row.get("feeling")
        writer.writerow(
            [
                local.strftime("%Y-%m-%d"),
                "" if row.get("day_only") else local.strftime("%H:%M"),
                _cell(str(contact.get("name") or "")),
                _label(ConnectionType, kind),
                _label(Channel, row.get("channel")),
                "" if feeling is None else str(feeling),
                _cell(str(row.get("note") or "")),
                iso_utc(occurred),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _label(enum: type[ConnectionType] | type[Channel], value: Any) -> str:
    if value is None:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def _cell(text: str) -> str:
    """User text, made inert for spreadsheets that would evaluate ``=...`` as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
