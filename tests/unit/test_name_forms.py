"""Name forms: a person's or a group's name as it reads inside one of Tend's sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.name_forms import (
    capitalise_first,
    group_form,
    person_form,
    person_possessive,
    time_phrase,
)
from bot.domain.names import clean_name


@pytest.mark.parametrize(
    ("typed", "said", "possessive"),
    [
        ("Sam", "Sam", "Sam's"),
        ("James", "James", "James's"),
        ("Mum", "Mum", "Mum's"),
        ("mum", "Mum", "Mum's"),
        ("grandma", "Grandma", "Grandma's"),
        ("my sister", "your sister", "your sister's"),
        ("My sister", "your sister", "your sister's"),
        ("My Big Sister", "your big sister", "your big sister's"),
        ("our neighbour", "your neighbour", "your neighbour's"),
        ("sister", "your sister", "your sister's"),
        ("best friend", "your best friend", "your best friend's"),
        ("my parents", "your parents", "your parents'"),
        ("the neighbours", "the neighbours", "the neighbours'"),
        ("Mum and Dad", "Mum and Dad", "Mum and Dad's"),
        ("Zoë 🌻", "Zoë 🌻", "Zoë 🌻's"),
        ("Jean-Luc", "Jean-Luc", "Jean-Luc's"),
        ("李明", "李明", "李明's"),
    ],
)
def test_person_forms(typed: str, said: str, possessive: str) -> None:
    assert person_form(typed) == said
    assert person_possessive(typed) == possessive


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Running club", "the running club"),  # the "Go along to Running club"
        ("running club", "the running club"),
        ("Running Club", "the Running Club"),  # an organisation's name still takes "the"
        ("Food Bank", "the Food Bank"),
        ("the food bank", "the food bank"),
        ("The Food Bank", "the Food Bank"),
        ("food bank", "the food bank"),
        ("Choir", "the choir"),
        ("choir practice", "choir practice"),  # an activity: no article
        ("Choir practice", "choir practice"),
        ("pottery class", "pottery class"),
        ("quiz night", "quiz night"),
        ("Bouldering", "bouldering"),
        ("Parkrun", "parkrun"),
        ("Church", "church"),
        ("Harmony", "Harmony"),  # a single capitalised word that is not a common noun
        ("WI", "the WI"),
        ("YMCA", "the YMCA"),
        ("U3A", "U3A"),
        ("5-a-side", "5-a-side"),
        ("St Mary's Choir", "St Mary's Choir"),
        ("Zoë's book club", "Zoë's book club"),
        ("Tuesday walkers", "the Tuesday walkers"),
        ("my book club", "your book club"),
        ("our choir", "your choir"),
        ("🏃 Running Club", "🏃 Running Club"),
        ("choir 🎶", "the choir 🎶"),
        ("Хор", "Хор"),
        ("合唱团", "合唱团"),
        ("café crew", "the café crew"),
    ],
)
def test_group_forms(typed: str, said: str) -> None:
    assert group_form(typed) == said


def test_time_phrase_never_keeps_company_with_a_group() -> None:
    assert time_phrase("food bank", group=True) == "time at the food bank"
    assert time_phrase("choir practice", group=True) == "time at choir practice"
    assert time_phrase("my sister", group=False) == "time with your sister"


def test_capitalise_first_only_touches_a_lowercase_letter() -> None:
    assert capitalise_first("your sister") == "Your sister"
    assert capitalise_first("Sam") == "Sam"
    assert capitalise_first("🏃 run") == "🏃 run"
    assert capitalise_first("") == ""


names = (
    st.text(
        alphabet=st.sampled_from([*list("abcdeéöxyzABCDÉZ-' "), "🌻", "李", "Х", "ß"]),
        min_size=1,
        max_size=30,
    )
    .filter(lambda raw: any(ch.isalpha() for ch in raw))
    .map(clean_name)
    .filter(lambda name: any(ch.isalpha() for ch in name))
)


@settings(max_examples=200, deadline=None)
@given(name=names)
def test_forms_are_stable_and_keep_the_name(name: str) -> None:
    said_person = person_form(name)
    said_group = group_form(name)
    # Saying it back twice changes nothing: forms are already sentence-ready.
    assert person_form(said_person) == said_person
    assert group_form(said_group) == said_group
    # The name's own last word is always still there (a determiner at most is added/changed).
    last = name.split(" ")[-1].lower()
    assert said_person.lower().endswith(last)
    assert said_group.lower().endswith(last)
    assert not said_group.lower().startswith("the the ")
    assert not said_person.lower().startswith(("my ", "your your "))
    assert person_possessive(name).startswith(said_person)
