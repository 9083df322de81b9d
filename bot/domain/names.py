"""Contact names: cleaning what people type, and the keys Tend compares names by.

A name arrives from a phone keyboard, a paste or a forwarded message, so it can carry invisible
characters (zero-width spaces, bidi controls, BOMs) that would make two identical-looking names
different people. Cleaning removes those while keeping every script and emoji intact.

Three views of a name:
- ``clean_name`` -> what Tend stores and shows (NFC, tidy spaces, nothing invisible);
- ``name_key``  -> identity: names equal under it are the same contact (``Mum`` == ``mum``);
- ``search_key`` -> matching: also ignores accents and punctuation (``zoe`` finds ``Zoë``).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

MAX_NAME_LENGTH = 64
"""Most user-perceived characters (grapheme clusters) a name may have."""

MAX_NAME_CODEPOINTS = 64
"""Most code points a name may have: the same number as the schema's ``CHECK (length(name)
BETWEEN 1 AND 64)`` on contacts (SQLite counts code points), so a name accepted when it is typed
can always be saved. Emoji sequences and stacked marks use several code points per character."""

ZWJ = "\u200d"
ZWNJ = "\u200c"
_JOINERS = frozenset({ZWJ, ZWNJ})
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"
_PRESENTATION_SELECTORS = frozenset({"\ufe0e", "\ufe0f"})

# Letters that render as nothing (Hangul fillers, braille blank, grapheme joiner and friends):
# they are not format characters, so the category check alone would let them through.
_INVISIBLE_FILLERS = frozenset(
    {"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u2800", "\u3164", "\uffa0", "\ufffc"}
)

_SPACES = re.compile(" +")


class NameProblem(StrEnum):
    """Why a name was refused; stable codes for callers and tests."""

    EMPTY = "empty"
    TOO_LONG = "too_long"


_PROBLEM_MESSAGES = {
    NameProblem.EMPTY: (
        "That name looks empty to me. Type at least one visible character — Sam, Mum or "
        "Book club all work."
    ),
    NameProblem.TOO_LONG: (
        f"That name is a bit long. Keep it to {MAX_NAME_LENGTH} characters — a first name or "
        "a nickname is plenty."
    ),
}


_TOO_MANY_SYMBOLS_MESSAGE = (
    "That name is too long for me to keep: emoji and accents take extra room. Try a shorter "
    "version, like a first name with one emoji."
)


class InvalidName(ValueError):
    """A typed name that cannot be stored; ``.message`` is ready to show the user."""

    def __init__(self, reason: NameProblem, *, symbols: bool = False) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.symbols = symbols

    @property
    def message(self) -> str:
        """Warm, user-facing explanation with an example of what works."""
        if self.symbols:
            return _TOO_MANY_SYMBOLS_MESSAGE
        return _PROBLEM_MESSAGES[self.reason]


def clean_name(raw: str) -> str:
    """Return the display form of ``raw`` or raise :class:`InvalidName`.

    Trims, drops control and invisible characters (keeping the joiners and tags that emoji and
    joining scripts need), collapses whitespace, NFC-normalises and checks the length in
    user-perceived characters (1..64). Idempotent: ``clean_name(clean_name(x)) == clean_name(x)``.
    """
    cleaned = _scrub(raw)
    length = grapheme_count(cleaned)
    if length == 0:
        raise InvalidName(NameProblem.EMPTY)
    if length > MAX_NAME_LENGTH:
        raise InvalidName(NameProblem.TOO_LONG)
    if len(cleaned) > MAX_NAME_CODEPOINTS:
        # Few visible characters but many code points (emoji families, flags, stacked marks).
        raise InvalidName(NameProblem.TOO_LONG, symbols=True)
    return cleaned


def name_key(name: str) -> str:
    """Identity key: names that differ only by case (or emoji presentation) are one contact.

    Accents still count (``Zoe`` and ``Zoë`` may be two people); use :func:`search_key` to match
    loosely. Safe on uncleaned input; an unusable name gives ``""``.
    """
    folded = _scrub(name).casefold()
    folded = "".join(ch for ch in folded if ch not in _PRESENTATION_SELECTORS)
    return unicodedata.normalize("NFC", folded)


def search_key(name: str) -> str:
    """Loose key for matching typed text: no case, accents, punctuation or extra spaces.

    Only true diacritics are dropped (Latin/Greek/Cyrillic accents, Hebrew points, Arabic
    harakat); vowel signs of Indic scripts and Japanese voicing marks carry meaning and stay.
    May be ``""`` for a name made only of punctuation.
    """
    # Compatibility caseless form (Unicode §3.13): fold, decompose, fold again, decompose.
    text = unicodedata.normalize("NFKD", _scrub(name).casefold())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not _is_accent(ch)).translate(_LATIN_FOLDS)
    pieces: list[str] = []
    for ch in text:
        if ch in _APOSTROPHES:
            continue
        pieces.append(" " if unicodedata.category(ch).startswith("P") else ch)
    collapsed = _SPACES.sub(" ", "".join(pieces)).strip(" ")
    return unicodedata.normalize("NFC", collapsed)


def grapheme_count(text: str) -> int:
    """Count user-perceived characters: ``👩🏽‍💻``, ``🇬🇧`` and ``é`` (as e + accent) are one each.

    An approximation of Unicode text segmentation (UAX #29) that covers combining marks,
    joiners, emoji modifiers, tag sequences and flag pairs — enough for a length limit.
    """
    count = 0
    pending_regional = False
    joins_next = False
    for ch in text:
        if joins_next and _is_pictographic(ch):
            joins_next = False
            continue
        joins_next = False
        if _extends_cluster(ch):
            count = max(count, 1)
            joins_next = ch == ZWJ
            continue
        if _is_regional_indicator(ch):
            if pending_regional:
                pending_regional = False
                continue
            pending_regional = True
        else:
            pending_regional = False
        count += 1
    return count


def _scrub(raw: str) -> str:
    """Everything ``clean_name`` does except the length check."""
    text = _drop_invisibles(unicodedata.normalize("NFC", raw))
    text = _drop_stray_joiners(text)
    text = _drop_orphan_marks(text)
    text = _SPACES.sub(" ", text).strip(" ")
    return unicodedata.normalize("NFC", text)


def _drop_invisibles(text: str) -> str:
    """Map whitespace to a plain space; drop controls, format characters and fillers.

    Joiners are kept for now (their neighbours decide later); tag characters survive only as
    part of a well-formed subdivision flag such as England's.
    """
    out: list[str] = []
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == _BLACK_FLAG:
            tag_end = _flag_tag_end(text, index + 1)
            out.append(text[index:tag_end])
            index = tag_end
            continue
        if ch.isspace() or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif ch in _JOINERS or not _is_invisible(ch):
            out.append(ch)
        index += 1
    return "".join(out)


def _flag_tag_end(text: str, start: int) -> int:
    """End of a tag run ``start..CANCEL TAG`` after a black flag, or ``start`` if malformed."""
    index = start
    while index < len(text) and 0xE0020 <= ord(text[index]) <= 0xE007E:
        index += 1
    if index > start and index < len(text) and text[index] == _CANCEL_TAG:
        return index + 1
    return start


def _is_invisible(ch: str) -> bool:
    """Characters that never belong in a name: they render as nothing or as a box."""
    if ch in _INVISIBLE_FILLERS:
        return True
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Cs", "Co"):
        return True
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE  # noncharacters


def _drop_stray_joiners(text: str) -> str:
    """Keep ZWJ inside emoji sequences and ZWJ/ZWNJ between letters of joining scripts."""
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch not in _JOINERS:
            out.append(ch)
            continue
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        in_emoji = ch == ZWJ and _ends_emoji(before) and _is_pictographic(after)
        in_script = _in_joining_script(before) and _in_joining_script(after, letter_only=True)
        if in_emoji or in_script:
            out.append(ch)
    return "".join(out)


def _drop_orphan_marks(text: str) -> str:
    """Drop combining marks with nothing to sit on (start of text or after a space)."""
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch).startswith("M") and (not out or out[-1] == " "):
            continue
        out.append(ch)
    return "".join(out)


def _is_pictographic(ch: str) -> bool:
    """Rough Extended_Pictographic: the symbols emoji ZWJ sequences are built from."""
    if not ch:
        return False
    code = ord(ch)
    if code in (0xA9, 0xAE, 0x203C, 0x2049, 0x3030, 0x303D, 0x3297, 0x3299):
        return True
    if 0x1F000 <= code <= 0x1FAFF:
        return True  # includes emoji newer than this Python's Unicode tables (category Cn)
    return 0x2190 <= code <= 0x2BFF and unicodedata.category(ch) in ("So", "Sm")


def _ends_emoji(ch: str) -> bool:
    """Whether a ZWJ after ``ch`` continues an emoji (pictograph, VS16 or skin tone)."""
    return ch == "\ufe0f" or _is_pictographic(ch)


# Arabic, Syriac, Thaana, N'Ko and the Indic scripts through Sinhala, plus Myanmar and Khmer:
# scripts where ZWJ/ZWNJ change how letters join and so are part of the spelling.
_JOINING_SCRIPT_RANGES = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x1000, 0x109F), (0x1780, 0x17FF))


def _in_joining_script(ch: str, *, letter_only: bool = False) -> bool:
    if not ch:
        return False
    code = ord(ch)
    if not any(low <= code <= high for low, high in _JOINING_SCRIPT_RANGES):
        return False
    category = unicodedata.category(ch)
    return category.startswith("L") or (not letter_only and category.startswith("M"))


def _extends_cluster(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch).startswith("M")
        or ch in _JOINERS
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # emoji tag sequence
    )


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


_ACCENT_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0591, 0x05C7),  # Hebrew points and cantillation
    (0x0610, 0x061A),  # Arabic honorifics and small marks
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE00, 0xFE0F),  # variation selectors: presentation only
    (0xFE20, 0xFE2F),
    (0xE0100, 0xE01EF),
)


def _is_accent(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "Mn" and any(
        low <= code <= high for low, high in _ACCENT_RANGES
    )


# Letters that look accented but have no decomposition, so NFKD alone would keep them apart.
_LATIN_FOLDS = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }
)

_APOSTROPHES = frozenset("'’ʼ`´‘")
