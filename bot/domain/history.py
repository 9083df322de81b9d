"""/history and the person card as text: one line per moment, the search fold, the rhythm line.

A moment is one log (several people logged together share it). Lines are short enough for a
button list and read the same for every script: "Tue 24 Nov · call · Sam · 🙂 4".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.domain.channels import Channel
from bot.domain.feelings import FEELINGS
from bot.domain.log_context import since_phrase
from bot.domain.names import search_key
from bot.domain.quiet import local_days_between
from bot.domain.rhythm import rhythm_label
from bot.domain.text import shorten

PAGE_SIZE = 8
"""Moments on one /history page."""

TIMELINE_SIZE = 5
"""Interactions on a person's card."""

MAX_NAMES_ON_A_LINE = 3
"""More people than this read "Sam, Alex, Priya +2"."""

NOTE_START_LENGTH = 30
"""How much of a note the person card quotes."""

SEPARATOR = " · "

MAX_SEARCH_WORDS = 8
"""Words of a search that count; a pasted paragraph is not a search (and SQL stays small)."""

FOLD_CACHE_SIZE = 16_384
"""Folded names and notes kept (about 2 MB at most): a busy user's year fits."""

_FEELING_EMOJI = {feeling.value: feeling.emoji for feeling in FEELINGS}


@dataclass(frozen=True, slots=True)
class MomentLine:
    """What one /history line needs; storage's ``Moment`` converts to it."""

    occurred_at: datetime
    channel: Channel
    names: tuple[str, ...]
    feeling: int | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One of a person's latest interactions."""

    occurred_at: datetime
    channel: Channel
    feeling: int | None
    note: str | None


def day_label(day: date, today: date) -> str:
    """``Tue 24 Nov``; the year is added when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def channel_word(channel: Channel) -> str:
    """The channel as a word inside a sentence: "call", "in person"."""
    return channel.label.lower()


def feeling_text(feeling: int | None) -> str | None:
    """``🙂 4``, or None when no feeling was given."""
    if feeling is None or feeling not in _FEELING_EMOJI:
        return None
    return f"{_FEELING_EMOJI[feeling]} {feeling}"


def names_text(names: Sequence[str], limit: int = MAX_NAMES_ON_A_LINE) -> str:
    """``Sam``, ``Sam, Alex``, ``Sam, Alex, Priya +2``."""
    shown = ", ".join(names[:limit])
    extra = len(names) - limit
    return f"{shown} +{extra}" if extra > 0 else shown


def moment_line(moment: MomentLine, *, now: datetime, zone: ZoneInfo) -> str:
    """One /history line: ``Tue 24 Nov · call · Sam · 🙂 4``."""
    today = now.astimezone(zone).date()
    parts = [
        day_label(moment.occurred_at.astimezone(zone).date(), today),
        channel_word(moment.channel),
        names_text(moment.names),
    ]
    feeling = feeling_text(moment.feeling)
    if feeling is not None:
        parts.append(feeling)
    return SEPARATOR.join(parts)


def timeline_line(entry: TimelineEntry, *, now: datetime, zone: ZoneInfo) -> str:
    """One line of a person's card: ``Tue 24 Nov · call · 🙂 4 · “Talked about the mo…”``."""
    today = now.astimezone(zone).date()
    parts = [day_label(entry.occurred_at.astimezone(zone).date(), today)]
    parts.append(channel_word(entry.channel))
    feeling = feeling_text(entry.feeling)
    if feeling is not None:
        parts.append(feeling)
    if entry.note and entry.note.strip():
        parts.append(f"“{note_start(entry.note)}”")
    return SEPARATOR.join(parts)


def note_start(note: str, limit: int = NOTE_START_LENGTH) -> str:
    """The start of a note on one line, cut at a word when one ends late enough."""
    short = shorten(note, limit)
    if not short.endswith("…"):
        return short
    cut = short[:-1].rsplit(" ", 1)[0]
    return (cut if len(cut) >= limit // 2 else short[:-1]).rstrip(" ,;:.") + "…"


def rhythm_line(
    rhythm_days: int | None, last_at: datetime | None, *, now: datetime, zone: ZoneInfo
) -> str:
    """How it is going with a person: ``every 2 weeks · last: 9 days ago``.

    With a rhythm, a person past it gets `` · due`` so the card says what the nudge would.
    """
    rhythm = "no rhythm" if rhythm_days is None else rhythm_label(rhythm_days).lower()
    line = f"{rhythm}{SEPARATOR}last: {since_phrase(last_at, now, zone)}"
    if (
        rhythm_days is not None
        and last_at is not None
        and local_days_between(last_at, now, zone) >= rhythm_days
    ):
        line += f"{SEPARATOR}due"
    return line


def search_words(typed: str) -> tuple[str, ...]:
    """Typed search text as folded words; a moment must contain every one of them.

    Uses the same fold as name matching (``names.search_key``): no case, accents or
    punctuation, so ``zoe`` finds ``Zoë`` and ``ПРИЯ`` finds ``Прия``; emoji and other scripts
    are kept as they are. Duplicates are dropped and only the first :data:`MAX_SEARCH_WORDS`
    count; an empty tuple means "nothing to search".
    """
    words: list[str] = []
    for word in search_key(typed).split(" "):
        if word and word not in words:
            words.append(word)
    return tuple(words[:MAX_SEARCH_WORDS])


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold_for_search(text: str | None) -> str:
    """The text a search looks in, folded like :func:`search_words`.

    Cached: a search folds each name and note once, and names repeat on every row.
    """
    return search_key(text) if text else ""


def found_in(name: str | None, note: str | None, word: str) -> bool:
    """Whether one folded search word is in a person's name or a note (a row of a moment)."""
    return word in fold_for_search(name) or (note is not None and word in fold_for_search(note))
