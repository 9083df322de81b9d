"""The open /history view, kept in the ``conversations`` row so paging survives a restart.

Search words can be longer than callback data's 64 bytes, so the filter and search live in
the row and page buttons carry only the view's serial and a keyset cursor. A button from an
older view (another serial) is out of date rather than silently showing another list. The
same row holds the typed question about one log (its day, note, or a person to add).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar

from bot.domain.conversation import BadState, payload_of
from bot.domain.kinds import ConnectionType
from bot.domain.text import shorten

MAX_SEARCH_STORED = 200
"""Characters of a search kept; only the first words count anyway."""


class HistoryStep(StrEnum):
    BROWSING = "browsing"
    DAY = "day"
    NOTE = "note"
    PERSON = "person"


@dataclass(frozen=True, slots=True)
class HistoryView:
    """Which list is open (filter, search, page) and which typed question, if any."""

    name: ClassVar[str] = "history"

    step: HistoryStep = HistoryStep.BROWSING
    view: int = 0
    """Serial of this filter and search; page buttons carry it."""
    kind: ConnectionType | None = None
    contact_id: int | None = None
    contact_name: str | None = None
    search: str | None = None
    anchor_at: int | None = None
    anchor_id: int | None = None
    anchor_newer: bool = False
    """The page shown: the cursor and direction it was read with (None: the newest)."""
    moment_id: int | None = None
    """The log a typed answer is for."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "view": self.view,
                "kind": self.kind.value if self.kind else None,
                "contact_id": self.contact_id,
                "contact_name": self.contact_name,
                "search": self.search,
                "anchor_at": self.anchor_at,
                "anchor_id": self.anchor_id,
                "anchor_newer": self.anchor_newer,
                "moment_id": self.moment_id,
            }
        )

    @classmethod
    def from_json(cls, step: str, payload: str) -> HistoryView:
        data = payload_of(payload)
        try:
            kind = data.get("kind")
            return cls(
                step=HistoryStep(step),
                view=_int(data.get("view")) or 0,
                kind=ConnectionType(kind) if kind is not None else None,
                contact_id=_int(data.get("contact_id")),
                contact_name=_str(data.get("contact_name")),
                search=_str(data.get("search")),
                anchor_at=_int(data.get("anchor_at")),
                anchor_id=_int(data.get("anchor_id")),
                anchor_newer=bool(data.get("anchor_newer", False)),
                moment_id=_int(data.get("moment_id")),
            )
        except (ValueError, TypeError) as error:
            raise BadState(f"unreadable history view: {error}") from error

    def hint(self) -> str:
        """/help's line while a question about a log is open (none for the list itself)."""
        if self.step is HistoryStep.DAY:
            return "I'm waiting for the day of that log (like “yesterday” or “24 Nov”)."
        if self.step is HistoryStep.NOTE:
            return "I'm waiting for the note for that log. /cancel keeps it as it was."
        if self.step is HistoryStep.PERSON:
            return "I'm waiting for the name of who else was there. /cancel leaves it."
        return ""  # an open list takes no typed answer: nothing to carry on with

    def filtered(
        self,
        serial: int,
        *,
        kind: ConnectionType | None,
        contact_id: int | None,
        contact_name: str | None,
        search: str | None,
    ) -> HistoryView:
        """A new list (new serial, first page); older page buttons go out of date."""
        words = shorten(search.strip(), MAX_SEARCH_STORED) if search and search.strip() else None
        return HistoryView(
            view=max(serial, self.view + 1),
            kind=kind,
            contact_id=contact_id,
            contact_name=contact_name,
            search=words,
        )

    def at_page(self, at: int | None, moment_id: int | None, newer: bool) -> HistoryView:
        return replace(
            self,
            step=HistoryStep.BROWSING,
            anchor_at=at,
            anchor_id=moment_id,
            anchor_newer=newer and at is not None,
            moment_id=None,
        )

    def asking(self, step: HistoryStep, moment_id: int) -> HistoryView:
        return replace(self, step=step, moment_id=moment_id)

    def browsing(self) -> HistoryView:
        return replace(self, step=HistoryStep.BROWSING, moment_id=None)

    @property
    def is_filtered(self) -> bool:
        return self.kind is not None or self.contact_id is not None or self.search is not None


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not an integer")
    return value


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value
