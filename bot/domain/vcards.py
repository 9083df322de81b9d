"""Reading a ``.vcf`` file as phones export it: who is in it, and their birthday and anniversary.

vobject reads the lines (vCard 2.1/3.0/4.0: folding, quoted-printable, charsets, parameters).
Tend keeps three things per person: a display name (FN, else the parts of N), a birthday (BDAY, also
``--0314`` without a year) and an anniversary (ANNIVERSARY, X-ANNIVERSARY and the vendor
variants). Phone numbers, emails, addresses, photos and everything else are read by the
parser and dropped here: :class:`VCardPerson` has no field that could hold them.

The file is split into ``BEGIN:VCARD``..``END:VCARD`` blocks first and each is parsed alone, so
one broken card is skipped with a reason instead of losing the whole file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bot.domain.names import InvalidName, clean_name, name_key

MAX_FILE_BYTES = 1024 * 1024
"""Largest .vcf accepted (1 MB: thousands of cards without photos)."""

MAX_CARDS = 500
"""Most cards one file may hold: the contact limit (``storage.contacts.MAX_CONTACTS``)."""

NO_YEAR = None

_APPLE_NO_YEAR = 1604
"""Apple Contacts writes a birthday without a year as 1604-MM-DD."""

_ANNIVERSARY_FIELDS = (
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
)

_FULL_DATE = re.compile(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:T.*)?$")
_NO_YEAR_DATE = re.compile(r"^--(?P<m>\d{2})-?(?P<d>\d{2})$")
_BEGIN = re.compile(r"^\s*begin\s*:\s*vcard\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*end\s*:\s*vcard\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day of the year, with its year when the card gave one."""

    month: int
    day: int
    year: int | None = NO_YEAR

    def __post_init__(self) -> None:
        date(self.year or 2000, self.month, self.day)  # 2000 is a leap year: 29 Feb is fine


@dataclass(frozen=True, slots=True)
class VCardPerson:
    """Everything Tend keeps from one card."""

    name: str
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None


class SkipReason(StrEnum):
    """Why a card was not offered for adding."""

    NO_NAME = "no_name"
    BAD_NAME = "bad_name"
    ALREADY_THERE = "already_there"
    TWICE_IN_FILE = "twice_in_file"
    NO_ROOM = "no_room"
    BROKEN = "broken"

    @property
    def message(self) -> str:
        """A few words for the list of skipped cards."""
        return _SKIP_MESSAGES[self]


_SKIP_MESSAGES = {
    SkipReason.NO_NAME: "no name on the card (only a number, say)",
    SkipReason.BAD_NAME: "the name can't be used",
    SkipReason.ALREADY_THERE: "already in your list",
    SkipReason.TWICE_IN_FILE: "in the file twice",
    SkipReason.NO_ROOM: "over the 500-people limit",
    SkipReason.BROKEN: "the card is damaged",
}


@dataclass(frozen=True, slots=True)
class SkippedCard:
    """A card not offered; ``label`` is its name, or "card 3" when it has none."""

    label: str
    reason: SkipReason


@dataclass(frozen=True, slots=True)
class VCardImport:
    """The people found, in file order, and the cards skipped."""

    people: tuple[VCardPerson, ...]
    skipped: tuple[SkippedCard, ...]

    @property
    def cards(self) -> int:
        """How many cards the file held."""
        return len(self.people) + len(self.skipped)


class VCardRefusal(StrEnum):
    """Why a file was refused as a whole; nothing in it is used."""

    TOO_BIG = "too_big"
    NOT_VCARD = "not_vcard"
    TOO_MANY = "too_many"
    ALL_BROKEN = "all_broken"

    @property
    def message(self) -> str:
        """The reply, ready to send."""
        return _REFUSAL_MESSAGES[self]


_REFUSAL_MESSAGES = {
    VCardRefusal.TOO_BIG: (
        "That file is over 1 MB, which is more than I take. Export without photos, or a "
        "smaller group of contacts, and send it again."
    ),
    VCardRefusal.NOT_VCARD: (
        "That doesn't look like a contacts file. I can read .vcf files (vCards), as your "
        "phone's Contacts app exports them."
    ),
    VCardRefusal.TOO_MANY: (
        f"That file has more than {MAX_CARDS} contacts, more than I can keep. Export a "
        "smaller group and send it again."
    ),
    VCardRefusal.ALL_BROKEN: (
        "I couldn't read any contact in that file — it may be damaged. Try exporting it again."
    ),
}


def parse_vcards(
    data: bytes, existing_names: Iterable[str] = (), *, room: int = MAX_CARDS
) -> VCardImport | VCardRefusal:
    """Read a .vcf file; ``existing_names`` are the user's contacts (duplicates are skipped),
    ``room`` how many more people they may add (the rest are skipped as NO_ROOM)."""
    if len(data) > MAX_FILE_BYTES:
        return VCardRefusal.TOO_BIG
    text = _decode(data)
    blocks = _card_blocks(text)
    if not blocks:
        return VCardRefusal.NOT_VCARD
    if len(blocks) > MAX_CARDS:
        return VCardRefusal.TOO_MANY
    known = {name_key(name) for name in existing_names}
    seen: set[str] = set()
    people: list[VCardPerson] = []
    skipped: list[SkippedCard] = []
    broken = 0
    for number, block in enumerate(blocks, start=1):
        label = f"card {number}"
        person = _read_card(block)
        if isinstance(person, SkipReason):
            broken += person is SkipReason.BROKEN
            skipped.append(SkippedCard(label, person))
            continue
        key = name_key(person.name)
        if key in known:
            skipped.append(SkippedCard(person.name, SkipReason.ALREADY_THERE))
        elif key in seen:
            skipped.append(SkippedCard(person.name, SkipReason.TWICE_IN_FILE))
        elif len(people) >= room:
            skipped.append(SkippedCard(person.name, SkipReason.NO_ROOM))
        else:
            people.append(person)
        seen.add(key)
    if broken == len(blocks):
        return VCardRefusal.ALL_BROKEN
    return VCardImport(tuple(people), tuple(skipped))


def parse_vcard_date(raw: str) -> PartialDate | None:
    """``1980-03-14``, ``19800314``, ``--0314``, ``--03-14`` (and Apple's 1604 = no year)."""
    text = raw.strip()
    found = _FULL_DATE.match(text)
    year: int | None
    if found:
        year = int(found.group("y"))
        year = None if year == _APPLE_NO_YEAR else year
    else:
        found = _NO_YEAR_DATE.match(text)
        if not found:
            return None
        year = None
    try:
        return PartialDate(int(found.group("m")), int(found.group("d")), year)
    except ValueError:
        return None


def _decode(data: bytes) -> str:
    """UTF-8 as phones write today; old Windows exports are Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _card_blocks(text: str) -> list[str]:
    """Each top-level BEGIN:VCARD..END:VCARD; an unfinished one is kept (and found broken)."""
    blocks: list[str] = []
    current: list[str] = []
    depth = 0
    for line in text.splitlines():
        if _BEGIN.match(line):
            depth += 1
        if depth:
            current.append(line)
        if depth and _END.match(line):
            depth -= 1
            if depth == 0:
                blocks.append("\r\n".join(current) + "\r\n")
                current = []
    if current:
        blocks.append("\r\n".join(current) + "\r\n")
    return blocks


def _read_card(block: str) -> VCardPerson | SkipReason:
    properties = _properties(block)
    if properties is None:
        return SkipReason.BROKEN
    raw_name = _display_name(properties)
    if not raw_name:
        return SkipReason.NO_NAME
    try:
        name = clean_name(raw_name)
    except InvalidName:
        return SkipReason.BAD_NAME
    return VCardPerson(name, _birthday(properties), _anniversary(properties))


@dataclass(frozen=True, slots=True)
class _Property:
    """One content line of the card, values still escaped as written."""

    name: str
    group: str
    value: str


def _properties(block: str) -> list[_Property] | None:
    """The card's own lines (not those of a card nested inside it), or None if broken.

    vobject does the line layer: unfolding, quoted-printable (also across soft line breaks),
    charsets and parameters. Values are unescaped here, because vobject's text handling keeps
    only the part before the first unescaped comma of FN ("Smith, John" -> "Smith"; Outlook
    writes such names): py-vobject/vobject issue #55, fix proposed in PR #128.
    """
    import vobject.base  # here, not at the top: ~1.5 MB that only a .vcf import needs
    from vobject.base import VObjectError

    try:
        lines = [
            vobject.base.textLineToContentLine(text, number)
            for text, number in vobject.base.getLogicalLines(io.StringIO(block), allowQP=True)
        ]
    except (VObjectError, ValueError, UnicodeError, LookupError):
        return None
    if len(lines) < 2 or not _is_marker(lines[0], "BEGIN") or not _is_marker(lines[-1], "END"):
        return None
    properties: list[_Property] = []
    depth = 0
    for line in lines[1:-1]:
        if _is_marker(line, "BEGIN"):
            depth += 1
        elif _is_marker(line, "END"):
            depth -= 1
        elif depth == 0:
            value = line.value if isinstance(line.value, str) else ""
            properties.append(_Property(line.name.upper(), (line.group or "").casefold(), value))
    return properties if depth == 0 else None


def _is_marker(line: Any, marker: str) -> bool:
    return bool(line.name.upper() == marker and str(line.value).strip().upper() == "VCARD")


def _values(properties: Sequence[_Property], name: str) -> list[_Property]:
    return [prop for prop in properties if prop.name == name]


def _split(value: str, separator: str) -> list[str]:
    """Split on separators not escaped with a backslash."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _unescape(value: str, *, version_21: bool = False) -> str:
    """vCard 3.0/4.0 text escapes: backslash before , ; \\ and n (a newline: a space here).

    vCard 2.1 escapes only the semicolon; any other backslash there is a backslash.
    """
    if version_21:
        return value.replace("\\;", ";").strip()
    out: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            out.append(" " if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        else:
            out.append(ch)
    if escaped:
        out.append("\\")
    return "".join(out).strip()


def _display_name(properties: Sequence[_Property]) -> str:
    version_21 = any(p.value.strip() == "2.1" for p in _values(properties, "VERSION"))
    for prop in _values(properties, "FN"):
        name = _unescape(prop.value, version_21=version_21)
        if name:
            return name
    for prop in _values(properties, "N"):
        # family; given; additional; prefix; suffix -> "prefix given additional family suffix"
        parts = [*_split(prop.value, ";"), "", "", "", "", ""][:5]
        family, given, additional, prefix, suffix = (
            " ".join(_unescape(item, version_21=version_21) for item in _split(part, ","))
            for part in parts
        )
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p.strip())
        if name.strip():
            return name
    return ""


def _birthday(properties: Sequence[_Property]) -> PartialDate | None:
    for prop in _values(properties, "BDAY"):
        found = parse_vcard_date(_unescape(prop.value))
        if found is not None:
            return found
    return None


def _anniversary(properties: Sequence[_Property]) -> PartialDate | None:
    for field in _ANNIVERSARY_FIELDS:
        for prop in _values(properties, field):
            found = parse_vcard_date(_unescape(prop.value))
            if found is not None:
                return found
    # Apple: "item1.X-ABDATE:2010-06-01" labelled by "item1.X-ABLabel:_$!<Anniversary>!$_".
    labels = {
        prop.group: prop.value.casefold() for prop in _values(properties, "X-ABLABEL") if prop.group
    }
    for prop in _values(properties, "X-ABDATE"):
        if "anniversary" in labels.get(prop.group, ""):
            found = parse_vcard_date(_unescape(prop.value))
            if found is not None:
                return found
    return None
