"""vCard import: names and dates out of real-world files, nothing else kept, bad files refused."""

from __future__ import annotations

import dataclasses
import quopri
from pathlib import Path

import pytest
import vobject
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.domain.names import InvalidName, clean_name
from bot.domain.vcards import (
    MAX_CARDS,
    MAX_FILE_BYTES,
    PartialDate,
    SkippedCard,
    SkipReason,
    VCardImport,
    VCardPerson,
    VCardRefusal,
    parse_vcard_date,
    parse_vcards,
)

DATA = Path(__file__).parent.parent / "data" / "vcards"


def imported(data: bytes, existing: list[str] | None = None, room: int = MAX_CARDS) -> VCardImport:
    result = parse_vcards(data, existing or [], room=room)
    assert isinstance(result, VCardImport), result
    return result


def test_three_people_one_birthday_one_already_there_one_only_a_number() -> None:
    result = imported((DATA / "three_people.vcf").read_bytes(), ["sam", "Alex"])
    assert result.people == (VCardPerson("Zoë Martin", PartialDate(3, 14, 1990), None),)
    assert result.skipped == (
        SkippedCard("Sam", SkipReason.ALREADY_THERE),
        SkippedCard("card 3", SkipReason.NO_NAME),
    )
    assert result.cards == 3


def test_vcard_21_quoted_printable_with_a_soft_break_inside_an_emoji() -> None:
    result = imported((DATA / "nokia_21_qp.vcf").read_bytes())
    assert result.people == (
        VCardPerson("Jürgen Müller 🌻", None, PartialDate(6, 9, 2012)),
        # No FN: the name is built from N; Latin-1 charset; Apple's 1604 means "no year".
        VCardPerson("François Garçon", PartialDate(12, 25, None), None),
    )


def test_vcard_40_and_apple_labelled_anniversary() -> None:
    result = imported((DATA / "v4_and_apple.vcf").read_bytes())
    assert result.people == (
        VCardPerson("Прия Шарма", PartialDate(2, 29, None), PartialDate(8, 22, 2015)),
        VCardPerson("山田 太郎", None, PartialDate(4, 1, 2011)),
    )


def test_nothing_but_name_and_dates_is_kept() -> None:
    fields = {field.name for field in dataclasses.fields(VCardPerson)}
    assert fields == {"name", "birthday", "anniversary"}
    text = repr(imported((DATA / "three_people.vcf").read_bytes()))
    text += repr(imported((DATA / "v4_and_apple.vcf").read_bytes()))
    for secret in ("7700", "example.org", "Elm Street", "BS1", "98765", "taro@"):
        assert secret not in text


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        ((DATA / "malformed.vcf").read_bytes(), VCardRefusal.ALL_BROKEN),
        (b"Shopping list:\nmilk\neggs\n", VCardRefusal.NOT_VCARD),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", VCardRefusal.NOT_VCARD),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", VCardRefusal.NOT_VCARD),
        (b"", VCardRefusal.NOT_VCARD),
        (b"BEGIN:VCARD\r\nFN:x\r\n" + b"X-PAD:" + b"a" * MAX_FILE_BYTES, VCardRefusal.TOO_BIG),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\nEND:VCARD\r\n" * (MAX_CARDS + 1),
            VCardRefusal.TOO_MANY,
        ),
    ],
)
def test_files_that_are_not_usable_are_refused_with_a_reason(
    data: bytes, refusal: VCardRefusal
) -> None:
    assert parse_vcards(data, []) is refusal
    assert refusal.message.endswith(".")


def test_one_broken_card_does_not_lose_the_others() -> None:
    data = (
        (DATA / "malformed.vcf").read_bytes()
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex\r\nEND:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex\r\nEND:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unfinished\r\n"
    )
    result = imported(data)
    assert result.people == (VCardPerson("Alex"),)
    assert [s.reason for s in result.skipped] == [
        SkipReason.BROKEN,
        SkipReason.TWICE_IN_FILE,
        SkipReason.BROKEN,
    ]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        ("VERSION:2.1\r\nFN:Smith, John", "Smith, John"),  # Outlook does not escape in 2.1
        ("VERSION:3.0\r\nFN:Smith\\, John\\; Jr", "Smith, John; Jr"),
        ("VERSION:3.0\r\nN:Smith;John,Paul;;Dr.;", "Dr. John Paul Smith"),
        ("VERSION:3.0\r\nFN:  \r\nN:;Ana;;;", "Ana"),
        (
            "VERSION:2.1\r\nFN:Pat\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Assistant\r\nEND:VCARD",
            "Pat",
        ),
    ],
)
def test_names_as_exporters_write_them(lines: str, name: str) -> None:
    data = f"BEGIN:VCARD\r\n{lines}\r\nEND:VCARD\r\n".encode()
    assert imported(data).people == (VCardPerson(name),)


def test_people_beyond_the_room_left_are_skipped() -> None:
    data = b"".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P{i}\r\nEND:VCARD\r\n".encode() for i in range(5)
    )
    result = imported(data, room=3)
    assert [p.name for p in result.people] == ["P0", "P1", "P2"]
    assert [s.reason for s in result.skipped] == [SkipReason.NO_ROOM] * 2


def test_a_name_too_long_for_tend_is_skipped() -> None:
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{'A' * 80}\r\nEND:VCARD\r\n".encode()
    assert imported(data).skipped[0].reason is SkipReason.BAD_NAME


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1990-03-14", PartialDate(3, 14, 1990)),
        ("19900314", PartialDate(3, 14, 1990)),
        ("1990-03-14T00:00:00Z", PartialDate(3, 14, 1990)),
        ("--0314", PartialDate(3, 14, None)),
        ("--03-14", PartialDate(3, 14, None)),
        ("--0229", PartialDate(2, 29, None)),
        ("1604-02-29", PartialDate(2, 29, None)),
        ("1990-02-30", None),
        ("---14", None),
        ("circa 1800", None),
        ("", None),
    ],
)
def test_dates_as_phones_write_them(raw: str, expected: PartialDate | None) -> None:
    assert parse_vcard_date(raw) == expected


_NAME_CHARS = st.characters(
    categories=("Lu", "Ll", "Lo", "Mn", "Nd", "So", "Zs"),
    include_characters="',.;:-&()\\",
    exclude_characters="\x85",
)


def _usable(name: str) -> str:
    try:
        return clean_name(name)
    except InvalidName:
        assume(False)
        raise


@settings(max_examples=150, deadline=None)
@given(st.text(_NAME_CHARS, min_size=1, max_size=30))
def test_names_survive_a_vcard_30_round_trip(raw: str) -> None:
    name = _usable(raw)
    card = vobject.vCard()
    card.add("fn").value = name
    card.add("n").value = vobject.vcard.Name(given=name)
    card.add("tel").value = "+44 7700 900123"
    result = imported(card.serialize().encode("utf-8"))
    assert result.people == (VCardPerson(name),)


@settings(max_examples=150, deadline=None)
@given(st.text(_NAME_CHARS, min_size=1, max_size=30))
def test_names_survive_a_vcard_21_quoted_printable_round_trip(raw: str) -> None:
    name = _usable(raw)
    encoded = quopri.encodestring(name.encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded.removesuffix(chr(13) + chr(10))}\r\n"
        "TEL;CELL:+4915112345678\r\nEND:VCARD\r\n"
    )
    result = imported(data.encode("ascii"))
    assert result.people == (VCardPerson(name),)
