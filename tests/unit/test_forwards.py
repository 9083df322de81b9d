"""Forwards and shared contacts: who they are from, and what Tend offers."""

from __future__ import annotations

import pytest

from bot.domain.forwards import (
    AddNew,
    ChooseKnown,
    ForwardOrigin,
    LogWithKnown,
    NothingToOffer,
    OriginKind,
    forward_offer,
    offer_text,
    sender_name,
)
from bot.domain.kinds import ConnectionType
from bot.domain.matching import Candidate
from bot.domain.names import InvalidName
from bot.domain.shared_contacts import (
    SharedContactOffer,
    shared_contact_name,
    shared_contact_offer,
)
from bot.domain.shared_contacts import offer_text as contact_offer_text

CONTACTS = [
    Candidate(1, "Sam"),
    Candidate(2, "Alexandra"),
    Candidate(3, "Zoë"),
    Candidate(4, "Book club"),
    Candidate(5, "Jo Park"),
    Candidate(6, "Jo Kim"),
]


def user(first: str, last: str | None = None, *, is_bot: bool = False) -> ForwardOrigin:
    return ForwardOrigin(OriginKind.USER, first_name=first, last_name=last, is_bot=is_bot)


def test_a_known_person_is_offered_for_a_log() -> None:
    offer = forward_offer(user("Sam"), CONTACTS)
    assert offer == LogWithKnown(Candidate(1, "Sam"), "Sam", sure=True)
    assert offer_text(offer) == "Log a message with Sam today?"


def test_telegram_full_name_finds_the_first_name_kept_in_tend() -> None:
    offer = forward_offer(user("Sam", "Lee"), CONTACTS)
    assert offer == LogWithKnown(Candidate(1, "Sam"), "Sam Lee", sure=True)


def test_accents_and_case_do_not_matter() -> None:
    assert forward_offer(user("ZOE"), CONTACTS) == LogWithKnown(Candidate(3, "Zoë"), "ZOE", True)


def test_a_typo_is_a_suggestion_with_add_as_new_beside_it() -> None:
    offer = forward_offer(user("Alexandr"), CONTACTS)
    assert offer == LogWithKnown(Candidate(2, "Alexandra"), "Alexandr", sure=False)
    assert offer_text(offer) == (
        "Is this Alexandra? Log a message with them today, or add Alexandr as new."
    )


def test_two_people_fitting_equally_are_asked_about() -> None:
    offer = forward_offer(user("Jo"), CONTACTS)
    assert isinstance(offer, ChooseKnown)
    assert [c.name for c in offer.candidates] == ["Jo Kim", "Jo Park"]


def test_an_unknown_person_is_offered_as_new() -> None:
    offer = forward_offer(user("Priya", "Sharma"), CONTACTS)
    assert offer == AddNew("Priya Sharma", None)
    assert offer_text(offer) == "Priya Sharma isn't in your list yet. Add Priya Sharma as new?"


def test_a_hidden_sender_is_known_by_the_name_they_show() -> None:
    hidden = ForwardOrigin(OriginKind.HIDDEN_USER, sender_user_name="Sam")
    assert forward_offer(hidden, CONTACTS) == LogWithKnown(Candidate(1, "Sam"), "Sam", True)
    stranger = ForwardOrigin(OriginKind.HIDDEN_USER, sender_user_name="Mystery 🌙")
    assert forward_offer(stranger, CONTACTS) == AddNew("Mystery 🌙", None)


def test_a_group_chat_is_a_collective_connection() -> None:
    known = ForwardOrigin(OriginKind.CHAT, title="Book Club")
    assert forward_offer(known, CONTACTS) == LogWithKnown(
        Candidate(4, "Book club"), "Book Club", True
    )
    new = forward_offer(ForwardOrigin(OriginKind.CHAT, title="Choir"), CONTACTS)
    assert new == AddNew("Choir", ConnectionType.COLLECTIVE)
    assert offer_text(new) == "Choir isn't in your list yet. Add Choir as a new group?"


@pytest.mark.parametrize(
    "origin",
    [
        ForwardOrigin(OriginKind.CHANNEL, title="Sam"),
        user("Sam", is_bot=True),
        ForwardOrigin(OriginKind.HIDDEN_USER, sender_user_name="\u200b  "),
        user("\u2800"),
    ],
)
def test_channels_bots_and_nameless_forwards_offer_nothing(origin: ForwardOrigin) -> None:
    offer = forward_offer(origin, CONTACTS)
    assert isinstance(offer, NothingToOffer)
    assert offer_text(offer) == offer.message and offer.message.endswith(".")


def test_a_name_too_long_falls_back_to_the_first_name() -> None:
    assert sender_name(user("Sam", "X" * 64)) == "Sam"


def test_a_shared_contact_gives_just_a_name() -> None:
    assert shared_contact_name("  Sam ", " Lee ") == "Sam Lee"
    assert shared_contact_name("Прия", None) == "Прия"
    assert shared_contact_name("Sam", "X" * 64) == "Sam"
    with pytest.raises(InvalidName):
        shared_contact_name("\u200b", "")


def test_a_shared_contact_already_in_the_list_is_named() -> None:
    offer = shared_contact_offer("sam", None, CONTACTS)
    assert offer == SharedContactOffer("sam", Candidate(1, "Sam"))
    assert contact_offer_text(offer) == "Sam is already in your list — nothing to add."
    new = shared_contact_offer("Priya", "Sharma", CONTACTS)
    assert new == SharedContactOffer("Priya Sharma", None)
    assert "Add Priya Sharma" in contact_offer_text(new)
