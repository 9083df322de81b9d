"""What /history says: the list's heading, a log opened for changes, and its questions."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.kinds import ConnectionType
from bot.domain.text import shorten

EMPTY = "Nothing logged yet. Send /log to record a connection; it will show up here."
ASK_DAY = "Which day was it? Send a day like “yesterday”, “Monday” or “24 Nov”."
ASK_NOTE = "Send the note for this log (up to 500 characters)."
FRESH = "Send /history for a fresh list."
CANCELLED = "Left that log as it was."


def list_heading(
    count: int,
    *,
    kind: ConnectionType | None,
    person: str | None,
    search: str | None,
) -> str:
    """``Your history · 12 logs`` and what it is filtered by."""
    noun = "log" if count == 1 else "logs"
    parts = [f"Your history · {count} {noun}"]
    if person is not None:
        parts.append(f"with {person}")
    if kind is not None:
        parts.append(kind.label.lower())
    if search is not None:
        parts.append(f"“{shorten(search, 40)}”")
    return " · ".join(parts)


def list_text(heading: str, lines: Sequence[str]) -> str:
    numbered = [f"{n}. {line}" for n, line in enumerate(lines, start=1)]
    return "\n".join([heading, "", *numbered, "", "Tap a number to change or delete that log."])


def nothing_found(search: str | None, suggestions: Sequence[str]) -> str:
    """An empty filtered list, with the people a typo may point at."""
    if search is None:
        return "No logs match that. Tap Show all to see everything."
    text = f"Nothing found for “{shorten(search, 40)}”."
    if suggestions:
        names = ", ".join(suggestions)
        return f"{text} Did you mean {names}?"
    return f"{text} Try a name or a word from a note."


def log_text(
    line: str,
    people: Sequence[tuple[str, ConnectionType]],
    note: str | None,
    intro: str = "",
) -> str:
    """A log opened for changes."""
    who = ", ".join(f"{name} ({kind.label.lower()})" for name, kind in people)
    lines = [line, f"With: {who}"]
    if note:
        lines.append(f"Note: “{shorten(note, 300)}”")
    lines += ["", "What would you like to change?"]
    text = "\n".join(lines)
    return f"{intro}\n\n{text}" if intro else text


def delete_question(line: str) -> str:
    return f"Delete this log?\n{line}\n\nIt can't be brought back."


def deleted(line: str) -> str:
    return f"Deleted: {line}."


def kind_changed(name: str, kind: ConnectionType) -> str:
    return f"{name} is now {kind.label.lower()} (for every log with {name})."


def added_new(name: str, kind: ConnectionType) -> str:
    return f"{name} is new in your list, as {kind.label.lower()} (Kind changes that)."


def who_question(names: Sequence[str]) -> str:
    return f"With {', '.join(names)}.\n\nWho else was there? Send a name to add them."


def which_one(typed: str) -> str:
    return f"Which “{shorten(typed, 40)}” do you mean?"
