"""Channels of an interaction and the feeling scale."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel, parse_channel
from bot.domain.feelings import FEELINGS, MAX_FEELING, MIN_FEELING, feeling_label, parse_feeling

INITIAL_SCHEMA = Path(__file__).parents[2] / "storage" / "migrations" / "0001_initial.sql"


def test_channel_values_and_labels() -> None:
    assert [channel.value for channel in Channel] == ["in_person", "call", "video", "message"]
    assert [channel.label for channel in Channel] == ["In person", "Call", "Video", "Message"]


def test_channel_values_are_the_ones_the_database_accepts() -> None:
    schema = INITIAL_SCHEMA.read_text(encoding="utf-8")
    assert "CHECK (channel IN ('in_person', 'call', 'video', 'message'))" in schema


@pytest.mark.parametrize(
    ("word", "channel"),
    [
        ("phone", Channel.CALL),
        ("called", Channel.CALL),
        ("Rang", Channel.CALL),
        ("phone call", Channel.CALL),
        ("on the phone", Channel.CALL),
        ("facetime", Channel.VIDEO),
        ("Zoom", Channel.VIDEO),
        ("video call", Channel.VIDEO),
        ("Video", Channel.VIDEO),
        ("text", Channel.MESSAGE),
        ("texted!", Channel.MESSAGE),
        ("chat", Channel.MESSAGE),
        ("DM", Channel.MESSAGE),
        ("dm’d", Channel.MESSAGE),
        ("WhatsApp", Channel.MESSAGE),
        ("voice note", Channel.MESSAGE),
        ("met", Channel.IN_PERSON),
        ("coffee", Channel.IN_PERSON),
        ("dinner", Channel.IN_PERSON),
        ("lunch", Channel.IN_PERSON),
        ("walk", Channel.IN_PERSON),
        ("In person", Channel.IN_PERSON),
        ("in_person", Channel.IN_PERSON),
        ("  face   to face ", Channel.IN_PERSON),
        ("\tmessage\n", Channel.MESSAGE),
    ],
)
def test_parse_channel_understands_everyday_words(word: str, channel: Channel) -> None:
    assert parse_channel(word) is channel


@pytest.mark.parametrize("word", ["", "talked", "spoke", "Sam", "yesterday", "🎸 call", "callx"])
def test_parse_channel_refuses_what_it_cannot_tell(word: str) -> None:
    assert parse_channel(word) is None


def test_parse_channel_reads_every_label_back() -> None:
    for channel in Channel:
        assert parse_channel(channel.label) is channel
        assert parse_channel(channel.value) is channel
        assert parse_channel(channel.label.upper()) is channel


def test_feeling_scale_is_one_to_five_with_emoji_and_kind_words() -> None:
    assert [feeling.value for feeling in FEELINGS] == list(range(MIN_FEELING, MAX_FEELING + 1))
    assert feeling_label(1) == "😞 Heavy"
    assert feeling_label(5) == "😊 Great"
    assert len({feeling.emoji for feeling in FEELINGS}) == len(FEELINGS)
    assert all(feeling.label.startswith(feeling.emoji + " ") for feeling in FEELINGS)
    judging = ("bad", "fail", "wrong", "poor", "terrible")
    assert not any(word in feeling.word.casefold() for feeling in FEELINGS for word in judging)
    with pytest.raises(KeyError):
        feeling_label(6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        (" 5 ", 5),
        ("4/5", 4),
        ("3 / 5", 3),
        ("heavy", 1),
        ("A bit low", 2),
        ("meh", 2),
        ("okay", 3),
        ("OK", 3),
        ("good!", 4),
        ("Great", 5),
        ("amazing", 5),
        ("😞", 1),
        ("🙂", 4),
        ("😊 Great", 5),
    ],
)
def test_parse_feeling(text: str, value: int) -> None:
    assert parse_feeling(text) == value


@pytest.mark.parametrize("text", ["", "0", "6", "10", "-1", "2.5", "Sam", "yesterday", "🎸"])
def test_parse_feeling_refuses_non_feelings(text: str) -> None:
    assert parse_feeling(text) is None


def test_every_feeling_label_reads_back() -> None:
    for feeling in FEELINGS:
        assert parse_feeling(feeling.label) == feeling.value
        assert parse_feeling(feeling.word.upper()) == feeling.value
        assert parse_feeling(feeling.emoji) == feeling.value


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=12))
def test_parse_feeling_is_always_on_the_scale_or_none(text: str) -> None:
    value = parse_feeling(text)
    assert value is None or MIN_FEELING <= value <= MAX_FEELING
