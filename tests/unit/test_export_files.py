"""The JSON and CSV that /export sends: complete, UTC in JSON, local in the spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.export_files import (
    SCHEMA_VERSION,
    UserData,
    export_filename,
    iso_utc,
    render_interactions_csv,
    render_json,
)
from bot.domain.suggestions import load_catalogue

SECONDS = 1_795_788_600  # 2026-11-27T14:10:00Z


def _data(**tables: list[dict[str, Any]]) -> UserData:
    return UserData(user_id=7, timezone="Asia/Kolkata", tables=tables)


def test_json_keeps_every_table_and_column_with_instants_in_utc() -> None:
    data = _data(
        users=[{"id": 7, "timezone": "Asia/Kolkata", "created_at": SECONDS, "paused_until": None}],
        future_table=[{"id": 1, "user_id": 7, "payload": "x", "seen_at": SECONDS, "blob": b"\x00"}],
    )
    document = json.loads(render_json(data, datetime(2026, 11, 28, tzinfo=UTC)))
    assert document["timezone"] == "Asia/Kolkata"
    assert document["exported_at"] == "2026-11-28T00:00:00Z"
    assert document["tables"]["users"] == [
        {
            "id": 7,
            "timezone": "Asia/Kolkata",
            "created_at": "2026-11-27T14:10:00Z",
            "paused_until": None,
        }
    ]
    assert document["tables"]["future_table"][0]["seen_at"] == "2026-11-27T14:10:00Z"
    assert document["tables"]["future_table"][0]["blob"] == {"base64": "AA=="}
    assert document["about"]["future_table"] == "Future table."


def test_csv_has_a_bom_a_header_local_times_and_inert_formulas() -> None:
    data = _data(
        contacts=[
            {"id": 1, "name": "Zoë", "kind": "intimate"},
            {"id": 2, "name": "@group", "kind": "collective"},
        ],
        interactions=[
            {"id": 5, "contact_id": 2, "occurred_at": SECONDS + 60, "channel": "in_person",
             "feeling": None, "note": "-5 then +3"},
            {"id": 4, "contact_id": 1, "occurred_at": SECONDS, "channel": "video",
             "feeling": 5, "note": "Line one\nline two, \"quoted\""},
        ],
    )  # fmt: skip
    raw = render_interactions_csv(data)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Date (Asia/Kolkata)", "Time (Asia/Kolkata)"]
    assert rows[1] == [
        "2026-11-27",
        "19:40",  # 14:10 UTC is 19:40 in Kolkata (+05:30)
        "Zoë",
        "Intimate",
        "Video",
        "5",
        'Line one\nline two, "quoted"',
        "2026-11-27T14:10:00Z",
    ]
    assert rows[2][2] == "'@group" and rows[2][6] == "'-5 then +3"
    assert rows[2][4] == "In person" and rows[2][5] == ""


def test_empty_history_is_a_header_only_spreadsheet() -> None:
    rows = list(csv.reader(io.StringIO(render_interactions_csv(_data()).decode("utf-8-sig"))))
    assert len(rows) == 1


def test_file_names_carry_the_local_date() -> None:
    assert export_filename(date(2026, 11, 25)) == "tend-export-2026-11-25.json"
    assert export_filename(date(2026, 11, 25), "csv") == "tend-export-2026-11-25-interactions.csv"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=4_000_000_000))
def test_iso_utc_round_trips(seconds: int) -> None:
    text = iso_utc(seconds)
    assert text.endswith("Z")
    parsed = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert int(parsed.timestamp()) == seconds


def test_json_reads_for_a_person_too() -> None:
    catalogue = load_catalogue()
    data = _data(
        users=[{"id": 7, "timezone": "Asia/Kolkata"}],
        contacts=[
            {"id": 1, "name": "Zoë", "kind": "intimate"},
            {"id": 2, "name": "Choir", "kind": "collective"},
        ],
        interactions=[
            {"id": 9, "contact_id": 2, "occurred_at": SECONDS + 60, "channel": "in_person",
             "feeling": None, "note": None, "moment_id": 8},
            {"id": 8, "contact_id": 1, "occurred_at": SECONDS + 60, "channel": "in_person",
             "feeling": 5, "note": "Sang", "moment_id": 8},
            {"id": 4, "contact_id": 1, "occurred_at": SECONDS, "channel": "video",
             "feeling": 4, "note": None, "moment_id": None},
        ],
        suggestions_shown=[
            {"id": 3, "suggestion_id": "voice-note", "strategy": "reach-out", "kind": "intimate",
             "contact_id": 1, "shown_at": SECONDS - 3600, "acted_on_at": SECONDS},
            {"id": 5, "suggestion_id": "retired-idea", "strategy": "digital",
             "kind": "relational", "contact_id": None, "shown_at": SECONDS, "acted_on_at": None},
        ],
    )  # fmt: skip
    document = json.loads(render_json(data, datetime(2026, 11, 28, tzinfo=UTC), catalogue))
    assert list(document)[:2] == ["schema_version", "description"]
    assert document["schema_version"] == SCHEMA_VERSION == 2
    assert "interactions" in document["description"]
    assert document["interactions"][0] == {
        "when_local": "2026-11-27T19:40:00+05:30",
        "time_given": True,
        "when_utc": "2026-11-27T14:10:00Z",
        "who": "Zoë",
        "kind": "intimate",
        "how": "video",
        "feeling": 4,
        "note": None,
        "logged_together_as": 4,
    }
    assert [
        (i["who"], i["kind"], i["logged_together_as"]) for i in document["interactions"][1:]
    ] == [
        ("Zoë", "intimate", 8),
        ("Choir", "collective", 8),
    ]
    assert document["suggestions"] == [
        {
            "shown_local": "2026-11-27T18:40:00+05:30",
            "shown_utc": "2026-11-27T13:10:00Z",
            "text": "Record Zoë a one-minute voice note. No reason needed.",
            "suggestion_id": "voice-note",
            "strategy": "reach-out",
            "kind": "intimate",
            "acted_on": True,
            "acted_on_utc": "2026-11-27T14:10:00Z",
        },
        {
            "shown_local": "2026-11-27T19:40:00+05:30",
            "shown_utc": "2026-11-27T14:10:00Z",
            "text": None,  # no longer in the catalogue: the id still says which it was
            "suggestion_id": "retired-idea",
            "strategy": "digital",
            "kind": "relational",
            "acted_on": False,
            "acted_on_utc": None,
        },
    ]
    # The stored rows are still all there, for programs.
    assert len(document["tables"]["interactions"]) == 3
    # Without a catalogue, texts are null but nothing else changes.
    plain = json.loads(render_json(data, datetime(2026, 11, 28, tzinfo=UTC)))
    assert [s["text"] for s in plain["suggestions"]] == [None, None]
    assert plain["interactions"] == document["interactions"]
