"""Cleaning contact names and the keys that compare them."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storage
from bot.domain.names import (
    MAX_NAME_CODEPOINTS,
    MAX_NAME_LENGTH,
    ZWJ,
    ZWNJ,
    InvalidName,
    NameProblem,
    clean_name,
    grapheme_count,
    name_key,
    search_key,
)

FAMILY = "👨\u200d👩\u200d👧"
RAINBOW_FLAG = "🏳\ufe0f\u200d🌈"
CODER = "👩🏽\u200d💻"
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"

TRICKY = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a",
    "\u202e", "\u2066", "\u2069", "\u061c", "\u180e", "\u0000", "\u0007", "\x1b", "\x7f",
    "\u0085", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\u2028", "\u2029", "\u3164",
    "\u115f", "\u2800", "\u034f", "\ufe0f", "\ufe0e", "\U000e0067", "\U000e007f", "\U0001f3f4",
    "\u0301", "\u0308", "\ud800", "\ue000", "\ufdd0", "\uffff", "🏽", "👩", "💻", "🇬", "🇧",
    "e", "Z", " ", "ب", "क", "्",
]  # fmt: skip

NAME_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=90)


def _valid_or_none(raw: str) -> str | None:
    try:
        return clean_name(raw)
    except InvalidName:
        return None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Sam  ", "Sam"),
        ("Aunt \n\t Mary", "Aunt Mary"),
        ("A\u200bl\u200bex", "Alex"),
        ("\ufeffMum", "Mum"),
        ("\u202eSam\u202c", "Sam"),
        ("Jo\u00adanna", "Joanna"),
        ("Zoe\u0308", "Zoë"),  # decomposed input comes out composed (NFC)
        ("Sam\u00a0Lee", "Sam Lee"),
        ("S\u200da\u200dm", "Sam"),  # ZWJ between Latin letters joins nothing
        ("S\u200cam", "Sam"),
        ("\u0301Eve", "Eve"),  # an accent with nothing to sit on
        ("Li \u0301Na", "Li Na"),
        ("\u3164\u3164Kim", "Kim"),  # Hangul filler: invisible
        ("Book club 📚", "Book club 📚"),
        ("王小明", "王小明"),
        ("Наташа", "Наташа"),
        ("سارا", "سارا"),
        ("सीता", "सीता"),
    ],
)
def test_clean_name_tidies_text(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected


@pytest.mark.parametrize("emoji", [FAMILY, RAINBOW_FLAG, CODER, ENGLAND, "🇬🇧", "❤\ufe0f\u200d🔥"])
def test_emoji_sequences_survive_cleaning_and_count_as_one(emoji: str) -> None:
    assert clean_name(f" {emoji} ") == emoji
    assert grapheme_count(emoji) == 1


def test_joiners_kept_where_a_script_needs_them() -> None:
    persian = "مه\u200cسا"  # Mahsa, written with a zero-width non-joiner
    assert clean_name(persian) == persian
    assert ZWNJ in clean_name(persian)


def test_stray_tags_and_joiners_are_dropped() -> None:
    assert clean_name("Sam\U000e0067\U000e007f") == "Sam"
    assert clean_name(f"{ZWJ}👩") == "👩"
    assert clean_name(f"👩{ZWJ}") == "👩"
    assert clean_name(f"👩{ZWJ}{ZWJ}💻") == "👩💻"


def test_empty_names_are_refused_with_a_kind_message() -> None:
    for raw in ("", "   ", "\u200b\u200d", "\u0301", "\t\n"):
        with pytest.raises(InvalidName) as caught:
            clean_name(raw)
        assert caught.value.reason is NameProblem.EMPTY
        assert "Sam" in caught.value.message


def test_length_is_counted_in_visible_characters() -> None:
    assert clean_name("é" * MAX_NAME_LENGTH) == "é" * MAX_NAME_LENGTH
    decomposed = "e\u0301" * MAX_NAME_LENGTH  # 128 code points, 64 characters
    assert grapheme_count(clean_name(decomposed)) == MAX_NAME_LENGTH
    families = FAMILY * MAX_NAME_LENGTH  # 320 code points, 64 characters
    assert grapheme_count(families) == MAX_NAME_LENGTH
    with pytest.raises(InvalidName) as caught:
        clean_name("x" * (MAX_NAME_LENGTH + 1))
    assert caught.value.reason is NameProblem.TOO_LONG
    assert str(MAX_NAME_LENGTH) in caught.value.message


def test_stacked_marks_cannot_hide_a_huge_name() -> None:
    with pytest.raises(InvalidName) as caught:
        clean_name("Z" + "\u0301\u0302\u0303\u0304" * 100)
    assert caught.value.reason is NameProblem.TOO_LONG


def test_lone_surrogates_are_removed_so_the_name_can_be_stored() -> None:
    cleaned = clean_name("Sam\ud800")
    assert cleaned == "Sam"
    cleaned.encode("utf-8")


def test_name_key_ignores_case_but_not_accents() -> None:
    assert name_key("Mum") == name_key("mum") == name_key("MUM") == name_key(" mum ")
    assert name_key("STRASSE") == name_key("Straße")
    assert name_key("Zoë") != name_key("Zoe")
    assert name_key("Zoe\u0308") == name_key("ZOË")
    assert name_key("❤\ufe0f") == name_key("❤")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Zoë", "zoe"),
        ("  José   María ", "jose maria"),
        ("Bjørn", "bjorn"),
        ("Łukasz", "lukasz"),
        ("Mary-Jane O’Neil", "mary jane oneil"),
        ("Ｓａｍ", "sam"),  # full-width letters
        ("Ёлка", "елка"),
    ],
)
def test_search_key_folds_accents_case_and_punctuation(name: str, key: str) -> None:
    assert search_key(name) == key


def test_search_key_keeps_marks_that_change_the_word() -> None:
    assert search_key("が") != search_key("か")  # Japanese voicing mark
    assert search_key("रीना") != search_key("रानी")  # Devanagari vowel signs (Rina, Rani)


@settings(max_examples=200, deadline=None)
@given(NAME_TEXT)
def test_cleaning_is_idempotent(raw: str) -> None:
    cleaned = _valid_or_none(raw)
    if cleaned is not None:
        assert clean_name(cleaned) == cleaned


@settings(max_examples=200, deadline=None)
@given(NAME_TEXT)
def test_cleaned_names_are_tidy_visible_and_in_range(raw: str) -> None:
    cleaned = _valid_or_none(raw)
    if cleaned is None:
        return
    assert 1 <= grapheme_count(cleaned) <= MAX_NAME_LENGTH
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    cleaned.encode("utf-8")
    for index, ch in enumerate(cleaned):
        category = unicodedata.category(ch)
        assert ch == " " or not ch.isspace()
        if ch in (ZWJ, ZWNJ):
            assert 0 < index < len(cleaned) - 1 and " " not in cleaned[index - 1 : index + 2]
        elif 0xE0020 <= ord(ch) <= 0xE007F:
            assert "\U0001f3f4" in cleaned[:index]  # only inside a subdivision flag
        else:
            assert category not in ("Cc", "Cf", "Cs", "Co"), repr(ch)
        assert ch not in "\u3164\u115f\u2800\u034f"


def _has_case_pair(ch: str) -> bool:
    """Letters whose upper and lower forms fold alike (not Turkish dotless ı, by Unicode)."""
    return ch.upper().casefold() == ch.casefold() == ch.lower().casefold()


CASED_TEXT = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Lt", "Nd", "Zs"]).filter(_has_case_pair),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(CASED_TEXT)
def test_name_key_is_blind_to_case(raw: str) -> None:
    assert name_key(raw.upper()) == name_key(raw.lower()) == name_key(raw)


def _schema_limit() -> int:
    sql = Path(storage.__file__).with_name("migrations").joinpath("0001_initial.sql").read_text()
    match = re.search(r"name\s+TEXT NOT NULL CHECK \(length\(name\) BETWEEN 1 AND (\d+)\)", sql)
    assert match, "the contacts.name CHECK moved; keep this test pointing at it"
    return int(match.group(1))


def test_the_name_rule_and_the_schema_are_one_rule() -> None:
    """Issue #11 item 1: ten family emoji passed the name step and failed the INSERT."""
    assert _schema_limit() == MAX_NAME_CODEPOINTS
    family_of_four = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    for too_many in (family_of_four * 10, "\U0001f1e9\U0001f1ea" * 40):
        with pytest.raises(InvalidName) as caught:
            clean_name(too_many)
        assert caught.value.reason is NameProblem.TOO_LONG
        assert "emoji" in caught.value.message


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_every_accepted_name_fits_the_contacts_table(raw: str) -> None:
    try:
        cleaned = clean_name(raw)
    except InvalidName:
        return
    connection = sqlite3.connect(":memory:")
    connection.execute(
        f"CREATE TABLE c (name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND {_schema_limit()}))"
    )
    connection.execute("INSERT INTO c VALUES (?)", (cleaned,))
    connection.close()
