"""Reading a ``.vcf`` file as phones export it: who is in it, and their birthday and anniversary.

Parsing is vobject's (vCard 2.1/3.0/4.0, quoted-printable, charsets, folded lines). Tend keeps
three things per person: a display name (FN, else the parts of N), a birthday (BDAY, also
``--0314`` without a year) and an anniversary (ANNIVERSARY, X-ANNIVERSARY and the vendor
variants). Phone numbers, emails, addresses, photos and everything else are read by the
parser and dropped here: :class:`VCardPerson` has no field that could hold them.

The file is split into ``BEGIN:VCARD``..``END:VCARD`` blocks first and each is parsed alone, so
one broken card is skipped with a reason instead of losing the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import vobject
from vobject.base import VObjectError

from bot.domain.names import InvalidName, clean_name, name_key

MAX_FILE_BYTES = 1024 * 1024
"""Largest .vcf accepted (1 MB: thousands of cards without photos)."""

MAX_CARDS = 500
"""Most cards one file may hold: the contact limit (``storage.contacts.MAX_CONTACTS``)."""

NO_YEAR = None

_APPLE_NO_YEAR = 1604
"""Apple Contacts writes a birthday without a year as 1604-MM-DD."""

_ANNIVERSARY_FIELDS = (
    "anniversary",
    "x-anniversary",
    "x-evolution-anniversary",
    "x-ms-anniversary",
    "x-kaddressbook-x-anniversary",
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
    try:
        card = vobject.readOne(block, allowQP=True)
    except (VObjectError, ValueError, UnicodeError, LookupError):
        return SkipReason.BROKEN
    if card.name.upper() != "VCARD":
        return SkipReason.BROKEN
    raw_name = _display_name(card)
    if not raw_name:
        return SkipReason.NO_NAME
    try:
        name = clean_name(raw_name)
    except InvalidName:
        return SkipReason.BAD_NAME
    return VCardPerson(name, _birthday(card), _anniversary(card))


def _children(card: Any, field: str) -> list[Any]:
    return list(card.contents.get(field, ()))


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(part) for part in value)
    return value.strip() if isinstance(value, str) else ""


def _display_name(card: Any) -> str:
    for child in _children(card, "fn"):
        name = _text(child.value)
        if name:
            return name
    for child in _children(card, "n"):
        value = child.value
        parts: Sequence[Any] = (
            (value.prefix, value.given, value.additional, value.family, value.suffix)
            if hasattr(value, "given")
            else (value,)
        )
        name = " ".join(part for part in (_text(p) for p in parts) if part)
        if name:
            return name
    return ""


def _birthday(card: Any) -> PartialDate | None:
    for child in _children(card, "bday"):
        found = parse_vcard_date(_text(child.value))
        if found is not None:
            return found
    return None


def _anniversary(card: Any) -> PartialDate | None:
    for field in _ANNIVERSARY_FIELDS:
        for child in _children(card, field):
            found = parse_vcard_date(_text(child.value))
            if found is not None:
                return found
    # Apple: "item1.X-ABDATE:2010-06-01" labelled by "item1.X-ABLabel:_$!<Anniversary>!$_".
    labels = {
        child.group: _text(child.value).casefold()
        for child in _children(card, "x-ablabel")
        if child.group
    }
    for child in _children(card, "x-abdate"):
        if "anniversary" in labels.get(child.group, ""):
            found = parse_vcard_date(_text(child.value))
            if found is not None:
                return found
    return None
