"""Reading the short typed answers of the /log and /people questions.

Every question has buttons, and typing always works too: "2", "friend" or "relational" pick a
kind; "yes", "skip" and "that's everyone" mean what they say; "Sam and Alex" is two people.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.kinds import ConnectionType

MAX_NOTE_LENGTH = 500
"""Longest note kept with an interaction (the database checks it too)."""

_KIND_WORDS: dict[str, ConnectionType] = {
    "1": ConnectionType.INTIMATE, "intimate": ConnectionType.INTIMATE,
    "close": ConnectionType.INTIMATE, "closest": ConnectionType.INTIMATE,
    "partner": ConnectionType.INTIMATE, "family": ConnectionType.INTIMATE,
    "close friend": ConnectionType.INTIMATE, "best friend": ConnectionType.INTIMATE,
    "2": ConnectionType.RELATIONAL, "relational": ConnectionType.RELATIONAL,
    "friend": ConnectionType.RELATIONAL, "friends": ConnectionType.RELATIONAL,
    "colleague": ConnectionType.RELATIONAL, "colleagues": ConnectionType.RELATIONAL,
    "neighbour": ConnectionType.RELATIONAL, "neighbor": ConnectionType.RELATIONAL,
    "work": ConnectionType.RELATIONAL, "acquaintance": ConnectionType.RELATIONAL,
    "3": ConnectionType.COLLECTIVE, "collective": ConnectionType.COLLECTIVE,
    "group": ConnectionType.COLLECTIVE, "community": ConnectionType.COLLECTIVE,
    "club": ConnectionType.COLLECTIVE, "team": ConnectionType.COLLECTIVE,
    "faith group": ConnectionType.COLLECTIVE, "church": ConnectionType.COLLECTIVE,
    "volunteering": ConnectionType.COLLECTIVE,
}  # fmt: skip

_YES = frozenset(
    {"yes", "y", "yep", "yeah", "yup", "sure", "ok", "okay", "correct", "right", "yes please",
     "that's them", "that's her", "that's him", "yes that's them", "yes that's her",
     "yes that's him", "yes, that's them", "yes, that's her", "yes, that's him", "exactly"}
)  # fmt: skip
_NO = frozenset({"no", "n", "nope", "nah", "not them", "someone else", "wrong"})
_SKIP = frozenset({"skip", "no", "nope", "none", "nothing", "no thanks", "-", "pass", "n/a"})
_DONE = frozenset(
    {"done", "that's everyone", "thats everyone", "that's all", "thats all", "nobody else",
     "no one else", "no", "nope", "that's it", "thats it", "everyone"}
)  # fmt: skip
_NEW = frozenset({"new", "add", "add new", "add as new", "someone new", "a new one", "new one"})
_MORE = frozenset(
    {"add", "add another", "add another person", "add someone", "add more", "someone else too",
     "and someone else", "more", "another"}
)  # fmt: skip
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\+|\band\b)\s*", re.IGNORECASE)
_EDGES = " .!?\"'“”‘’"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip(_EDGES)


def parse_kind(text: str) -> ConnectionType | None:
    """Read "intimate", "2", "friend", a kind's button label or "group" as a kind."""
    words = _words(text)
    for kind in ConnectionType:
        if words.startswith(kind.value) or words == kind.label.casefold():
            return kind
    return _KIND_WORDS.get(words)


def is_yes(text: str) -> bool:
    """Typed: "yes", "yep", "ok"..."""
    return _words(text) in _YES


def is_no(text: str) -> bool:
    """Typed: "no", "nope", "someone else"..."""
    return _words(text) in _NO


def is_skip(text: str) -> bool:
    """An optional question declined in words."""
    return _words(text) in _SKIP


def is_done(text: str) -> bool:
    """Typed: "That's everyone" when asked who else was there."""
    return _words(text) in _DONE


def is_new(text: str) -> bool:
    """ "Add as new" typed after "Did you mean ...?"."""
    return _words(text) in _NEW


def wants_more(text: str) -> bool:
    """ "Add another" typed where the button offers it."""
    return _words(text) in _MORE


def split_names(text: str) -> tuple[str, ...]:
    """Typed: "Sam, Alex and Jo" -> three names; a single name comes back alone."""
    parts = [part.strip() for part in _NAME_SEPARATORS.split(text)]
    return tuple(part for part in parts if part)


class NoteTooLong(ValueError):
    """A note over :data:`MAX_NOTE_LENGTH` characters; ``length`` says how long it was."""

    def __init__(self, length: int) -> None:
        super().__init__(f"note of {length} characters")
        self.length = length


def clean_note(text: str) -> str:
    """Trim a note; raises :class:`NoteTooLong` past the limit. May return ""."""
    lines = text.splitlines()
    kept = ("".join(ch for ch in line if unicodedata.category(ch) != "Cc") for line in lines)
    note = "\n".join(line.rstrip() for line in kept).strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise NoteTooLong(len(note))
    return note
