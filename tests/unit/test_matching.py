"""Finding the contact the user meant."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot.domain.matching import Candidate, MatchResult, match_contact, typo_budget
from bot.domain.names import search_key

NAMES = ["Mum", "Zoë", "Alex", "Sam", "John", "Alexandra", "Rob", "Aunt Mary", "Jo", "Book club"]
CONTACTS = [Candidate(index + 1, name) for index, name in enumerate(NAMES)]


def _names(result: MatchResult) -> list[str]:
    return [candidate.name for candidate in result.candidates]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mum", "Mum"),
        ("MUM", "Mum"),
        ("  mum ", "Mum"),
        ("zoe", "Zoë"),
        ("ZOË", "Zoë"),
        ("Zoe\u0308", "Zoë"),
        ("jo", "Jo"),  # exact beats "John" starting with it
        ("book  club", "Book club"),
        ("aunt mary", "Aunt Mary"),
    ],
)
def test_exact_matches_ignore_case_accents_and_spacing(typed: str, expected: str) -> None:
    result = match_contact(typed, CONTACTS)
    assert result.kind == "exact"
    assert _names(result) == [expected]
    assert result.single is not None and result.single.name == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("alx", "Alex"),  # a letter missing
        ("sma", "Sam"),  # two letters swapped
        ("jonh", "John"),
        ("alexandr", "Alexandra"),  # the start of a name
        ("alexnd", "Alexandra"),  # the start of a name, with a typo
        ("mary", "Aunt Mary"),  # one word of a name
        ("bob", "Rob"),  # one edit on three letters: only ever a suggestion
    ],
)
def test_near_misses_are_suggestions_never_exact(typed: str, expected: str) -> None:
    result = match_contact(typed, CONTACTS)
    assert result.kind == "suggest"
    assert _names(result) == [expected]


def test_prefix_shared_by_two_contacts_asks_which() -> None:
    result = match_contact("ale", CONTACTS)
    assert result.kind == "ambiguous"
    assert _names(result) == ["Alex", "Alexandra"]
    assert result.single is None


def test_prefix_with_one_contact_is_offered() -> None:
    result = match_contact("ale", [Candidate(1, "Alexandra"), Candidate(2, "Sam")])
    assert result == MatchResult("suggest", (Candidate(1, "Alexandra"),))


def test_typo_and_prefix_that_fit_equally_ask_which() -> None:
    contacts = [Candidate(1, "Jamie"), Candidate(2, "Jamison")]
    assert _names(match_contact("jamis", contacts)) == ["Jamie", "Jamison"]
    assert match_contact("jamis", contacts).kind == "ambiguous"


def test_names_equal_without_accents_are_ambiguous_unless_typed_exactly() -> None:
    contacts = [Candidate(1, "Zoe"), Candidate(2, "Zoë"), Candidate(3, "Zoé")]
    assert match_contact("zoë", contacts) == MatchResult("exact", (Candidate(2, "Zoë"),))
    assert match_contact("ZOE", contacts) == MatchResult("exact", (Candidate(1, "Zoe"),))
    spelled_loosely = match_contact("zoe", [Candidate(2, "Zoë"), Candidate(3, "Zoé")])
    assert spelled_loosely.kind == "ambiguous"
    assert {c.contact_id for c in spelled_loosely.candidates} == {2, 3}


@pytest.mark.parametrize("typed", ["", "   ", "\u200b", "x", "qq", "Ti", "Xavier", "hello", "!!!"])
def test_nothing_close_gives_none(typed: str) -> None:
    assert match_contact(typed, CONTACTS) == MatchResult("none", ())


def test_no_contacts_gives_none() -> None:
    assert match_contact("Sam", []).kind == "none"


def test_short_names_need_to_be_exact() -> None:
    assert typo_budget(2) == 0
    assert match_contact("Jo", [Candidate(1, "Bo")]).kind == "none"
    assert match_contact("J", [Candidate(1, "Jo")]).kind == "none"
    assert match_contact("J", [Candidate(1, "J")]).kind == "exact"


def test_emoji_names_match_exactly() -> None:
    contacts = [Candidate(1, "🎸 Band"), Candidate(2, "❤\ufe0f")]
    assert match_contact("🎸 band", contacts).single == Candidate(1, "🎸 Band")
    assert match_contact("❤", contacts).single == Candidate(2, "❤\ufe0f")


# --- properties ----------------------------------------------------------------------------

ACCENTED = "abcdefghijklmnopqrstuvwxyzàáâäãåçèéêëìíîïñòóôöøùúûüýÿ"
WORD = st.text(alphabet=ACCENTED, min_size=1, max_size=10)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(NAME, min_size=1, max_size=8, unique_by=search_key),
    pick=st.integers(min_value=0),
    variant=st.sampled_from([str.upper, str.lower, str.title, _strip_accents, lambda s: s]),
)
def test_an_exact_name_always_matches_itself(names: list[str], pick: int, variant: object) -> None:
    contacts = [Candidate(index, name) for index, name in enumerate(names)]
    target = contacts[pick % len(contacts)]
    assert callable(variant)
    result = match_contact(f"  {variant(target.name)} ", contacts)
    assert result == MatchResult("exact", (target,))


def _typo(word: str, kind: str, position: int, letter: str) -> str:
    index = position % len(word)
    if kind == "delete":
        return word[:index] + word[index + 1 :]
    if kind == "insert":
        return word[:index] + letter + word[index:]
    if kind == "replace":
        return word[:index] + letter + word[index + 1 :]
    index = min(index, len(word) - 2)  # swap two neighbours
    return word[:index] + word[index + 1] + word[index] + word[index + 2 :]


TYPO = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "swap"]),
    st.integers(min_value=0, max_value=20),
)


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=10),
        min_size=1,
        max_size=8,
        unique=True,
    ),
    pick=st.integers(min_value=0),
    typo=TYPO,
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_one_typo_in_a_long_name_still_offers_the_contact(
    names: list[str], pick: int, typo: tuple[str, int], letter: str
) -> None:
    assume(all(OSA.distance(a, b) >= 3 for a in names for b in names if a < b))
    contacts = [Candidate(index, name.capitalize()) for index, name in enumerate(names)]
    target = contacts[pick % len(contacts)]
    typed = _typo(target.name.lower(), *typo, letter)
    assume(typed != target.name.lower())
    result = match_contact(typed, contacts)
    assert result.kind in ("suggest", "ambiguous")
    assert target in result.candidates


@settings(max_examples=150, deadline=None)
@given(
    target_name=st.text(alphabet="abcdefghijklm", min_size=5, max_size=10),
    others=st.lists(st.text(alphabet="nopqrstuvwxyz", min_size=1, max_size=10), max_size=8),
    typo=TYPO,
    letter=st.sampled_from("abcdefghijklm"),
)
def test_one_typo_offers_the_only_close_contact_as_a_suggestion(
    target_name: str, others: list[str], typo: tuple[str, int], letter: str
) -> None:
    target = Candidate(0, target_name.title())
    contacts = [target, *(Candidate(index + 1, name) for index, name in enumerate(others))]
    typed = _typo(target_name, *typo, letter)
    assume(typed != target_name)
    assert match_contact(typed, contacts) == MatchResult("suggest", (target,))


@settings(max_examples=150, deadline=None)
@given(typed=NAME, names=st.lists(NAME, max_size=8))
def test_results_are_well_formed(typed: str, names: list[str]) -> None:
    contacts = [Candidate(index, name) for index, name in enumerate(names)]
    result = match_contact(typed, contacts)
    assert set(result.candidates) <= set(contacts)
    expected_count = {"exact": 1, "suggest": 1, "none": 0}
    if result.kind in expected_count:
        assert len(result.candidates) == expected_count[result.kind]
    else:
        assert len(result.candidates) >= 2
    if result.kind == "exact":
        assert search_key(result.candidates[0].name) == search_key(typed)
