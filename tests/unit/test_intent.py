"""Reading /log arguments and spotting log-like messages."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.channels import Channel
from bot.domain.days import DayProblem
from bot.domain.intent import LogArgs, LogIntent, detect_log_intent, parse_log_args

WEDNESDAY = date(2026, 11, 25)
YESTERDAY = date(2026, 11, 24)


# --- /log arguments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("Sam", LogArgs("Sam")),
        ("Sam call yesterday", LogArgs("Sam", Channel.CALL, YESTERDAY)),
        ("Sam yesterday call", LogArgs("Sam", Channel.CALL, YESTERDAY)),
        ("Aunt Mary call yesterday", LogArgs("Aunt Mary", Channel.CALL, YESTERDAY)),
        ("Sam by phone 3 days ago", LogArgs("Sam", Channel.CALL, date(2026, 11, 22))),
        ("Sam, video, last friday", LogArgs("Sam", Channel.VIDEO, date(2026, 11, 20))),
        ("Jo 20.11 coffee", LogArgs("Jo", Channel.IN_PERSON, date(2026, 11, 20))),
        ("Mum on the phone on monday", LogArgs("Mum", Channel.CALL, date(2026, 11, 23))),
        ("Zoë in person a week ago", LogArgs("Zoë", Channel.IN_PERSON, date(2026, 11, 18))),
        ("Book club", LogArgs("Book club")),
        ("Dr. Lee video", LogArgs("Dr. Lee", Channel.VIDEO)),
        ('"Sam!" call', LogArgs("Sam", Channel.CALL)),
        ("Sam.", LogArgs("Sam")),
        ("Coffee Club call", LogArgs("Coffee Club", Channel.CALL)),  # first word is the name
        ("Li Sun texted", LogArgs("Li Sun", Channel.MESSAGE)),  # "Sun" alone is not a day here
        ("yesterday call", LogArgs(None, Channel.CALL, YESTERDAY)),
        ("", LogArgs(None)),
        ("   ", LogArgs(None)),
        ("Sam call yesterday lovely chat", LogArgs("Sam", Channel.CALL, YESTERDAY, rest="lovely")),
    ],
)
def test_parse_log_args(args: str, expected: LogArgs) -> None:
    result = parse_log_args(args, WEDNESDAY)
    assert (result.name, result.channel, result.day, result.day_error) == (
        expected.name,
        expected.channel,
        expected.day,
        None,
    )
    if expected.rest is not None:
        assert result.rest is not None and expected.rest in result.rest


def test_a_second_channel_is_left_over_not_guessed() -> None:
    result = parse_log_args("Sam call video", WEDNESDAY)
    assert result.channel is Channel.CALL
    assert result.rest == "video"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ("Sam 31.02", DayProblem.IMPOSSIBLE),
        ("Sam call tomorrow", DayProblem.FUTURE),
        ("Sam 400 days ago", DayProblem.TOO_OLD),
    ],
)
def test_a_day_that_cannot_be_logged_is_reported_not_swallowed(
    args: str, reason: DayProblem
) -> None:
    result = parse_log_args(args, WEDNESDAY)
    assert result.name == "Sam"
    assert result.day is None
    assert result.day_error is not None and result.day_error.reason is reason


def test_known_names_keep_channel_words_inside_a_name() -> None:
    unknown = parse_log_args("Tea Party Crew call", WEDNESDAY)
    assert unknown.name == "Tea"
    known = parse_log_args("tea party crew call", WEDNESDAY, known_names=["Tea Party Crew"])
    assert (known.name, known.channel, known.rest) == ("tea party crew", Channel.CALL, None)
    walk = parse_log_args("Walk yesterday", WEDNESDAY, known_names=["Walk"])
    assert (walk.name, walk.channel, walk.day) == ("Walk", None, YESTERDAY)


NAME_WORDS = ["Sam", "Alex", "Aunt", "Mary", "Jo", "Zoë", "O'Neil", "Priya", "王", "🎸"]
CHANNEL_WORDS = {
    "call": Channel.CALL,
    "phone": Channel.CALL,
    "video call": Channel.VIDEO,
    "zoom": Channel.VIDEO,
    "text": Channel.MESSAGE,
    "coffee": Channel.IN_PERSON,
    "in person": Channel.IN_PERSON,
}
DAY_WORDS = {
    "yesterday": YESTERDAY,
    "3 days ago": date(2026, 11, 22),
    "last friday": date(2026, 11, 20),
    "20.11": date(2026, 11, 20),
    "2 weeks ago": date(2026, 11, 11),
    "today": WEDNESDAY,
}


@settings(max_examples=150, deadline=None)
@given(
    name=st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3).map(" ".join),
    channel=st.none() | st.sampled_from(sorted(CHANNEL_WORDS)),
    day=st.none() | st.sampled_from(sorted(DAY_WORDS)),
    order=st.integers(min_value=0, max_value=1),
)
def test_name_channel_and_day_in_any_order_after_the_name(
    name: str, channel: str | None, day: str | None, order: int
) -> None:
    extras = [part for part in (channel, day) if part is not None]
    arrangements = list(permutations(extras))
    tail = arrangements[order % len(arrangements)] if arrangements else ()
    result = parse_log_args(" ".join((name, *tail)), WEDNESDAY)
    assert result.name == name
    assert result.channel == (CHANNEL_WORDS[channel] if channel else None)
    assert result.day == (DAY_WORDS[day] if day else None)
    assert result.rest is None


# --- free text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "people", "channel"),
    [
        ("talked to mum", ("mum",), None),
        ("Talked to Mum!", ("Mum",), None),
        ("had coffee with Alex", ("Alex",), Channel.IN_PERSON),
        ("called Sam", ("Sam",), Channel.CALL),
        ("dinner with Sam and Alex", ("Sam", "Alex"), Channel.IN_PERSON),
        ("Texted Sam, Alex & Jo", ("Sam", "Alex", "Jo"), Channel.MESSAGE),
        ("I just facetimed grandma", ("grandma",), Channel.VIDEO),
        ("had a lovely long walk with Aunt Mary", ("Aunt Mary",), Channel.IN_PERSON),
        ("had a great call with Sam", ("Sam",), Channel.CALL),
        ("talked to mum on the phone", ("mum",), Channel.CALL),
        ("caught up with Priya over zoom", ("Priya",), Channel.VIDEO),
        ("met my dad for a pint", ("dad",), Channel.IN_PERSON),
        ("saw a movie with Jo", ("Jo",), Channel.IN_PERSON),
        ("went to Sam's for dinner", ("Sam",), Channel.IN_PERSON),
        ("talked to mum and it was nice", ("mum",), None),
    ],
)
def test_detects_messages_that_read_like_a_log(
    text: str, people: tuple[str, ...], channel: Channel | None
) -> None:
    intent = detect_log_intent(text)
    assert intent is not None
    assert (intent.people, intent.channel, intent.group) == (people, channel, None)
    assert intent.names == people


def test_detects_the_day_and_resolves_it_when_today_is_given() -> None:
    intent = detect_log_intent("met Jo for lunch yesterday", WEDNESDAY)
    assert intent == LogIntent(("Jo",), Channel.IN_PERSON, "yesterday", YESTERDAY)
    early = detect_log_intent("Yesterday I called Sam", WEDNESDAY)
    assert early is not None and (early.people, early.day) == (("Sam",), YESTERDAY)
    unresolved = detect_log_intent("met Jo for lunch yesterday")
    assert unresolved is not None and (unresolved.day_phrase, unresolved.day) == ("yesterday", None)
    friday = detect_log_intent("on friday we had dinner with Sam", WEDNESDAY)
    assert friday is not None and friday.day == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "group", "people"),
    [
        ("went to choir", "choir", ()),
        ("I went to book club with Sam", "book club", ("Sam",)),
        ("went to the climbing club", "climbing club", ()),
        ("went to choir practice last night", "choir practice", ()),
        ("volunteered at the food bank", "food bank", ()),
    ],
)
def test_detects_going_to_a_group(text: str, group: str, people: tuple[str, ...]) -> None:
    intent = detect_log_intent(text, WEDNESDAY)
    assert intent is not None
    assert (intent.group, intent.people, intent.channel) == (group, people, Channel.IN_PERSON)
    assert intent.names == (group, *people)


def test_a_group_visit_keeps_its_day() -> None:
    intent = detect_log_intent("went to choir practice last night", WEDNESDAY)
    assert intent is not None and intent.day == WEDNESDAY - timedelta(days=1)


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "hi!",
        "what can you do?",
        "did you call Sam?",
        "should I call mum",
        "remind me to call mum",
        "I will call Sam tomorrow",
        "lunch with Sam tomorrow",
        "dinner with Sam next friday",
        "I didn't call Sam",
        "haven't talked to mum in ages",
        "never met him",
        "I called in sick",
        "called it a day",
        "saw the doctor",
        "I'm fed up with work",
        "went to the shop",
        "went to bed early",
        "went to work",
        "talked to someone",
        "with Sam",
        "Sam",
        "coffee",
        "call",
        "/start",
        "thanks",
        "",
        " ".join(["had coffee with Alex"] + ["and then"] * 20),
    ],
)
def test_stays_quiet_on_anything_else(text: str) -> None:
    assert detect_log_intent(text, WEDNESDAY) is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*NAME_WORDS, "the", "a", ",", "?", "hi", "called", "with", "dinner", "and"]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_names_found_come_from_the_text(text: str) -> None:
    intent = detect_log_intent(text, WEDNESDAY)
    if intent is not None:
        assert intent.names
        assert all(word in text.split() for name in intent.names for word in name.split())


def test_offer_sentence_reads_right_and_stays_short() -> None:
    """Issue #11 item 2 (a 4,080-character name overflowed the reply) and #12's "time with
    food bank"."""
    from bot.domain.intent import offer_sentence

    today = date(2026, 12, 1)
    long = detect_log_intent("had coffee with " + "x" * 4080, today)
    assert long is not None
    assert len(offer_sentence(long)) < 80
    choir = detect_log_intent("went to choir", today)
    assert choir is not None and offer_sentence(choir) == "Sounds like time at the choir."
    sister = detect_log_intent("texted my sister", today)
    assert sister is not None and offer_sentence(sister) == "Sounds like time with your sister."
