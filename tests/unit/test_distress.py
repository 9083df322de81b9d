"""The distress classifier: corpus targets, the issue's own examples, and properties."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.safety import (
    CORPUS,
    CRISIS_RECALL_TARGET,
    FALSE_ALARM_TARGET,
    HELDOUT,
    STRUGGLING_RECALL_TARGET,
    load,
    measure,
)
from bot.domain import distress
from bot.domain.distress import DistressLevel, classify

CORPUS_ROWS = load(CORPUS)
HELDOUT_ROWS = load(HELDOUT)
PHRASES = [row.text for row in CORPUS_ROWS]
CRISIS_FOUND = [
    row.text
    for row in CORPUS_ROWS
    if row.level is DistressLevel.CRISIS and classify(row.text) is DistressLevel.CRISIS
]


def test_the_corpora_are_big_enough() -> None:
    counts = {level: sum(row.level is level for row in CORPUS_ROWS) for level in DistressLevel}
    assert all(count >= 110 for count in counts.values()), counts
    assert len(CORPUS_ROWS) >= 330
    assert len(HELDOUT_ROWS) >= 40
    assert not {row.text.casefold() for row in HELDOUT_ROWS} & {p.casefold() for p in PHRASES}


def test_the_corpus_meets_the_targets() -> None:
    figures = measure(CORPUS, timing_rounds=0)
    failing = "\n".join(
        f"{row.level.value} -> {got.value}: {row.text}" for row, got in figures.failures
    )
    assert figures.crisis_recall >= CRISIS_RECALL_TARGET, failing
    assert figures.struggling_recall >= STRUGGLING_RECALL_TARGET, failing
    assert figures.false_alarm_rate <= FALSE_ALARM_TARGET, failing


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I want to die", DistressLevel.CRISIS),
        ("I want to end it", DistressLevel.CRISIS),
        ("kms", DistressLevel.CRISIS),
        ("I don't want to be here anymore", DistressLevel.CRISIS),
        ("I'm going to hurt myself", DistressLevel.CRISIS),
        ("he hits me", DistressLevel.CRISIS),
        ("I feel so lonely", DistressLevel.STRUGGLING),
        ("nobody cares about me", DistressLevel.STRUGGLING),
        ("I have no friends", DistressLevel.STRUGGLING),
        ("everything is pointless", DistressLevel.STRUGGLING),
        ("nobody, I'm alone", DistressLevel.STRUGGLING),
        ("I'm not lonely, just busy", DistressLevel.NONE),
        ("this traffic is killing me", DistressLevel.NONE),
        ("I'm dead tired", DistressLevel.NONE),
        ("I'd die for a coffee", DistressLevel.NONE),
        ("my phone died", DistressLevel.NONE),
        ("killed it at the gym", DistressLevel.NONE),
        ("dying to see you", DistressLevel.NONE),
        ("lonely planet guide", DistressLevel.NONE),
        ("we killed time at the museum", DistressLevel.NONE),
        ("", DistressLevel.NONE),
        ("7pm", DistressLevel.NONE),
        ("Europe/Berlin", DistressLevel.NONE),
    ],
)
def test_the_issues_examples(text: str, level: DistressLevel) -> None:
    assert classify(text) is level


@pytest.mark.parametrize(
    "text",
    [
        "I WANT TO DIE",
        "i wanna dieee",
        "su1c1de",
        "i wanna k*ll myself",
        "UNALIVE",
        "💊💊💊 goodnight forever",
    ],
)
def test_spelling_case_and_slang_variants(text: str) -> None:
    assert classify(text) is DistressLevel.CRISIS


def test_a_negated_crisis_word_still_gets_a_gentle_answer() -> None:
    assert classify("I'm not suicidal, just tired") is DistressLevel.STRUGGLING


_SURFACE = st.sampled_from(
    [
        str.upper,
        str.lower,
        str.title,
        lambda s: f"  {s}  ",
        lambda s: "   ".join(s.split()),
        lambda s: f"{s}!!!",
        lambda s: f"{s}...",
        lambda s: f"{s}?",
        lambda s: s.replace("'", ""),
        lambda s: s.replace("'", "’"),
        lambda s: f"{s}\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PHRASES), _SURFACE)
def test_case_punctuation_and_whitespace_do_not_change_the_level(text: str, change: object) -> None:
    assert callable(change)
    assert classify(change(text)) is classify(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(CRISIS_FOUND), st.sampled_from(["Long day.", "Hi.", "ok"]))
def test_a_crisis_sentence_inside_a_longer_message_is_still_a_crisis(text: str, lead: str) -> None:
    assert classify(f"{lead} {text}. Anyway, how are you?") is DistressLevel.CRISIS


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    assert isinstance(classify(text), DistressLevel)


@pytest.mark.timeout(20)
@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1000, max_size=4096))
def test_long_input_finishes(text: str) -> None:
    """A hang guard against runaway regular expressions; speed itself is in the benchmark."""
    assert isinstance(classify(text), DistressLevel)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "a" * 4096,
        "sat " * 1000,
        "no " * 1300,
        "i " * 2000,
        "im so " * 600,
        "dont " * 800 + "lonely",
        "😭" * 2000,
        "k*" * 2000,
    ],
)
def test_adversarial_long_input_finishes(text: str) -> None:
    assert isinstance(classify(text), DistressLevel)


@pytest.mark.parametrize(
    "text",
    [
        "want to call Amir this weekend",
        "i want to catch up with Priya",
        "remind me to message Lena",
        "i want to go bowling",
        "no",
        "yes",
        "Sam",
    ],
)
def test_everyday_plans_stay_quiet_despite_the_model(text: str) -> None:
    """The naive Bayes net once learnt that "want to" is mostly crisis in the corpus."""
    assert classify(text) is DistressLevel.NONE


@pytest.mark.parametrize(
    "text",
    [
        "i just don't see myself being alive much longer",
        "it would be easier if i just died",
        "i've written a note for my family",
        "why am i even alive",
        "i took a whole packet of paracetamol",
        "i hit myself when i get upset",
        "my boyfriend forces me to do things i don't want",
        "bye everyone, i'm done",
        "i have a plan to do it on friday",
    ],
)
def test_round_five_misses_are_crisis(text: str) -> None:
    assert classify(text) is DistressLevel.CRISIS


_RANK = {DistressLevel.NONE: 0, DistressLevel.STRUGGLING: 1, DistressLevel.CRISIS: 2}


def test_the_model_never_lowers_the_patterns_answer() -> None:
    """The patterns' answer is a floor, whatever the model thinks."""
    for text in PHRASES:
        floor = distress._pattern_level(distress._clauses(text))
        assert _RANK[classify(text)] >= _RANK[floor], text


@functools.cache
def _one_alternation(name: str) -> re.Pattern[str]:
    """The screen as it was compiled before it was split: the reference for `_finditer`."""
    patterns = getattr(distress, name)
    return re.compile("|".join(distress._whole_words(pattern) for pattern in patterns))


_SCREEN_CLAUSES = sorted({clause for text in PHRASES for clause in distress._clauses(text)})
_SCREEN_WORDS = sorted(
    {word for clause in _SCREEN_CLAUSES for word in clause.split()}
    | {"not", "never", "dont", "i", "im", "feel", "want", "to", "die", "lol", "but"}
)


@pytest.mark.parametrize("name", ["_IDIOMS", "_CRISIS", "_STRUGGLING"])
@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(
        st.lists(st.sampled_from(_SCREEN_CLAUSES), min_size=1, max_size=4).map(" ".join),
        st.lists(st.sampled_from(_SCREEN_WORDS), max_size=14).map(" ".join),
    )
)
def test_the_split_screens_match_exactly_as_one_alternation(name: str, text: str) -> None:
    """Compiled in regexes of 40 to keep start-up memory down, a screen still finds the very
    matches, in the same order, that one big alternation finds, and blanks the same text."""
    whole = _one_alternation(name)
    split = distress._compile(getattr(distress, name))
    assert len(split) > 1
    found = [(match.span(), match.group(0)) for match in distress._finditer(split, text)]
    assert found == [(match.span(), match.group(0)) for match in whole.finditer(text)]
    assert distress._blank(split, text) == whole.sub(" _ ", text)
