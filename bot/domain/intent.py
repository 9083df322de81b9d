"""Understanding log requests typed as text.

Two entry points:
- :func:`parse_log_args` reads the arguments of ``/log`` ("Aunt Mary call yesterday");
- :func:`detect_log_intent` spots plain messages that read like a log ("had coffee with Alex")
  so the bot can offer a one-tap "Log it?" button.

Detection is deliberately conservative: it only fires on past-tense phrasings it knows, and
stays quiet on questions, negations and plans. Names are returned as typed; callers resolve
them with :func:`bot.domain.matching.match_contact` and clean new ones with
:func:`bot.domain.names.clean_name`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain import intent_words as vocab
from bot.domain.channels import MAX_CHANNEL_WORDS, Channel, parse_channel
from bot.domain.days import (
    MAX_DAY_PHRASE_WORDS,
    DayProblem,
    InvalidDay,
    looks_like_day,
    parse_day,
)
from bot.domain.log_context import join_names
from bot.domain.name_forms import group_form, person_form
from bot.domain.names import search_key
from bot.domain.text import shorten


@dataclass(frozen=True)
class LogArgs:
    """What ``/log`` arguments said; anything not given is None, for the flow to ask.

    ``day_error`` is set (and ``day`` is None) when a day phrase was recognised but cannot be
    logged ("31.02", "tomorrow", "400 days ago"); show its ``.message`` and ask for the day.
    ``rest`` holds words that were neither name, channel nor day (a caller may keep it as a
    note or ignore it). ``name`` keeps inner punctuation as typed ("Dr. Lee") and is not yet
    cleaned: pass it to ``clean_name`` before storing it.
    """

    name: str | None
    channel: Channel | None = None
    day: date | None = None
    day_error: InvalidDay | None = None
    rest: str | None = None


@dataclass(frozen=True)
class LogIntent:
    """A message that reads like a log.

    ``people`` are names as typed ("mum", "Aunt Mary"); ``group`` is a group the user went to
    ("choir", "book club"), for which a new contact would be collective. At least one of them
    is present; ``names`` lists them all, group first. ``day_phrase`` is the words that gave
    the day; ``day`` is filled only when ``today`` was passed and the phrase is a day that can
    be logged.
    """

    people: tuple[str, ...]
    channel: Channel | None = None
    day_phrase: str | None = None
    day: date | None = None
    group: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone and everything to log, group first (never empty)."""
        return (self.group, *self.people) if self.group else self.people


@dataclass(frozen=True)
class _Token:
    text: str  # as typed, edge punctuation removed
    low: str  # casefolded, curly apostrophes straightened
    raw: str  # as typed, only a trailing comma or semicolon removed ("Dr.", "Sam!")


@dataclass(frozen=True)
class _Phrase:
    start: int
    length: int
    channel: Channel | None = None
    day_text: str | None = None


# ---------------------------------------------------------------------------------------------
# /log arguments


_FILLERS = frozenset({"by", "via", "over", "on", "for", "at", "in", "a", "an", "the", "with"})


def parse_log_args(args: str, today: date, known_names: Sequence[str] = ()) -> LogArgs:
    """Read ``/log`` arguments: a name first, then channel and day in any order.

    ``/log Aunt Mary call yesterday`` -> name "Aunt Mary", CALL, yesterday. The first word
    always belongs to the name ("Coffee Club call" is the Coffee Club); the name then runs
    until the first channel or day phrase (a filler like "by" or "on" before it is skipped), so
    ``Sam by phone 3 days ago`` works. Pass the user's contact names as ``known_names`` so a
    name with such a word inside ("Tea Party Crew") is kept whole when it exists. Text made
    only of a channel and/or day ("yesterday call") has no name. Inside the text, bare
    three-letter weekdays ("sun", "sat") are not days, so "Li Sun" stays a name; "on sun" is.
    """
    tokens = [token for token in _tokenize(args) if token.low != ","]
    if not tokens:
        return LogArgs(name=None)

    name_length = _known_name_length(tokens, known_names)
    if not name_length:
        whole = _scan_tail(tokens, 0)
        name_length = 0 if whole.understood_all else _name_run_length(tokens)
    tail = _scan_tail(tokens, name_length)

    day: date | None = None
    day_error: InvalidDay | None = None
    if tail.day_text is not None:
        try:
            day = parse_day(tail.day_text, today)
        except InvalidDay as problem:
            day_error = problem
    typed_name = " ".join(token.raw for token in tokens[:name_length])
    name = typed_name.strip(_EDGE_QUOTES).rstrip(".!?:").strip(_EDGE_QUOTES) or None
    return LogArgs(
        name=name,
        channel=tail.channel,
        day=day,
        day_error=day_error,
        rest=" ".join(tail.rest) or None,
    )


@dataclass(frozen=True)
class _Tail:
    channel: Channel | None
    day_text: str | None
    rest: tuple[str, ...]
    understood_all: bool


def _scan_tail(tokens: list[_Token], start: int) -> _Tail:
    channel: Channel | None = None
    day_text: str | None = None
    rest: list[str] = []
    found_any = False
    index = start
    while index < len(tokens):
        if tokens[index].low in _FILLERS and _phrase_at(tokens, index + 1):
            index += 1
            continue
        phrase = _phrase_at(tokens, index)
        if phrase is None:
            rest.append(tokens[index].text)
            index += 1
            continue
        found_any = True
        phrase_text = " ".join(token.text for token in tokens[index : index + phrase.length])
        if phrase.channel is not None and channel is None:
            channel = phrase.channel
        elif phrase.day_text is not None and day_text is None:
            day_text = phrase.day_text
        else:
            rest.append(phrase_text)  # a second channel or day: not ours to choose
        index += phrase.length
    return _Tail(channel, day_text, tuple(rest), found_any and not rest)


def _name_run_length(tokens: list[_Token]) -> int:
    """The name is the first word plus every word before the first channel/day phrase."""
    index = 1
    while index < len(tokens):
        starts_phrase = _phrase_at(tokens, index) is not None
        filler_then_phrase = tokens[index].low in _FILLERS and _phrase_at(tokens, index + 1)
        if starts_phrase or filler_then_phrase:
            break
        index += 1
    return index


def _known_name_length(tokens: list[_Token], known_names: Sequence[str]) -> int:
    known = {key for key in map(search_key, known_names) if key}
    if not known:
        return 0
    for length in range(len(tokens), 0, -1):
        if search_key(" ".join(token.text for token in tokens[:length])) in known:
            return length
    return 0


# ---------------------------------------------------------------------------------------------
# phrases shared by both readers

# Three-letter weekday abbreviations (and "now") are also names and words ("Li Sun"): inside
# longer text they count only with a qualifier ("on sat", "last sun"). parse_day takes them bare.
_TOO_AMBIGUOUS_ALONE = frozenset(
    {"mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun", "now"}
)


def _phrase_at(tokens: list[_Token], start: int) -> _Phrase | None:
    """Longest day or channel phrase starting at ``start`` (a day wins a tie)."""
    for length in range(
        min(max(MAX_DAY_PHRASE_WORDS, MAX_CHANNEL_WORDS), len(tokens) - start), 0, -1
    ):
        words = [token.low for token in tokens[start : start + length]]
        text = " ".join(words)
        if "," in words:
            continue
        if (
            length <= MAX_DAY_PHRASE_WORDS
            and text not in _TOO_AMBIGUOUS_ALONE
            and looks_like_day(text)
        ):
            return _Phrase(start, length, day_text=text)
        if length <= MAX_CHANNEL_WORDS and (channel := parse_channel(text)) is not None:
            return _Phrase(start, length, channel=channel)
    return None


_EDGE_QUOTES = "\"'“”‘’()[]{}«»"


def _tokenize(text: str) -> list[_Token]:
    """Split on spaces; commas, ``&`` and ``+`` become separator tokens."""
    tokens: list[_Token] = []
    for raw in text.split():
        core = raw.strip(_EDGE_QUOTES)
        separated = core.endswith((",", ";"))
        core = core.rstrip(",;:!?")
        if not re.fullmatch(r"[\d./-]+", core):
            core = core.rstrip(".")
        core = core.strip(_EDGE_QUOTES)
        lowered = core.casefold().replace("’", "'")
        kept = raw.rstrip(",;")
        if lowered in ("&", "+"):
            tokens.append(_Token(core, "and", kept))
        elif lowered == "w/":
            tokens.append(_Token(core, "with", kept))
        elif core:
            tokens.append(_Token(core, lowered, kept))
        if separated:
            tokens.append(_Token(",", ",", ","))
    return tokens


# ---------------------------------------------------------------------------------------------
# free-text detection

MAX_INTENT_WORDS = 30
"""Longer messages read as journalling, not a quick log; detection stays out of the way."""


def detect_log_intent(text: str, today: date | None = None) -> LogIntent | None:
    """Return a :class:`LogIntent` if ``text`` reads like the user telling of a connection.

    Recognises "talked to mum", "had coffee with Alex", "called Sam", "dinner with Sam and
    Alex", "met Jo for lunch yesterday", "went to choir" (a group). Returns None for greetings,
    questions, negations ("didn't call Sam"), plans ("lunch with Sam tomorrow"), long messages
    and anything it does not recognise. Pass ``today`` to also resolve the day.
    """
    if text.strip().endswith("?"):
        return None
    tokens = _tokenize(text)
    if not tokens or len(tokens) > MAX_INTENT_WORDS:
        return None
    lowered = [token.low for token in tokens]
    if any(
        word in vocab.NEGATIONS or word in vocab.FUTURE or word.endswith("n't") for word in lowered
    ):
        return None

    reading = _read_intent(tokens)
    if reading is None:
        return None
    day_phrase, tail_channel = _day_and_channel_outside(tokens, reading.used)
    day: date | None = None
    if day_phrase is not None and today is not None:
        try:
            day = parse_day(day_phrase, today)
        except InvalidDay as problem:
            if problem.reason is DayProblem.FUTURE:
                return None
    return LogIntent(
        people=reading.people,
        channel=reading.channel or tail_channel,
        day_phrase=day_phrase,
        day=day,
        group=reading.group,
    )


@dataclass(frozen=True)
class _Reading:
    people: tuple[str, ...]
    group: str | None
    channel: Channel | None
    used: frozenset[int]  # token positions read as the trigger or as names


def _read_intent(tokens: list[_Token]) -> _Reading | None:
    """Find the phrase carrying the log and the names after it; None if there is none."""
    for start in range(len(tokens)):
        if not _prefix_ok(tokens, start):
            return None
        for reader in (_read_person_trigger, _read_group_trigger, _read_with_phrase):
            reading = reader(tokens, start)
            if reading is not None:
                return reading
    return None


def _prefix_ok(tokens: list[_Token], end: int) -> bool:
    """Whether everything before ``end`` is small talk or a day ("yesterday I", "on friday")."""
    index = 0
    while index < end:
        phrase = _phrase_at(tokens[:end], index)
        if phrase is not None and phrase.day_text is not None:
            index += phrase.length
        elif tokens[index].low in vocab.PREFIX_WORDS or tokens[index].low == ",":
            index += 1
        else:
            return False
    return True


def _read_person_trigger(tokens: list[_Token], start: int) -> _Reading | None:
    lowered = tuple(token.low for token in tokens)
    for length in range(vocab.MAX_TRIGGER_WORDS, 0, -1):
        words = lowered[start : start + length]
        if len(words) == length and words in vocab.PERSON_TRIGGERS:
            names, name_positions = _read_names(tokens, start + length)
            if not names:
                return None
            used = frozenset(range(start, start + length)) | name_positions
            return _Reading(names, None, vocab.PERSON_TRIGGERS[words], used)
    return None


def _read_group_trigger(tokens: list[_Token], start: int) -> _Reading | None:
    lowered = tuple(token.low for token in tokens)
    for trigger in vocab.GROUP_TRIGGERS:
        if lowered[start : start + len(trigger)] != trigger:
            continue
        after = start + len(trigger)
        if after < len(tokens) and _is_possessive_name(tokens[after]):
            name = tokens[after].text[:-2]  # "went to Sam's" is a visit to Sam
            more, more_positions = _read_names(tokens, after + 1, allow_with=True)
            used = frozenset(range(start, after + 1)) | more_positions
            return _Reading((name, *more), None, Channel.IN_PERSON, used)
        group = _read_group_name(tokens, after, free=trigger[0] == "volunteered")
        if group is None:
            continue
        group_name, group_end = group
        people, people_positions = _read_names(tokens, group_end, allow_with=True)
        used = frozenset(range(start, group_end)) | people_positions
        return _Reading(people, group_name, Channel.IN_PERSON, used)
    return None


def _read_group_name(tokens: list[_Token], start: int, *, free: bool) -> tuple[str, int] | None:
    """``the climbing club`` -> ("climbing club", end); needs a group word unless ``free``."""
    index = start
    if index < len(tokens) and tokens[index].low in ("the", "my", "our"):
        index += 1
    end = index
    while (
        end < len(tokens)
        and end - index < vocab.MAX_NAME_WORDS
        and tokens[end].low not in vocab.NAME_STOPS
        and _phrase_at(tokens, end) is None
    ):
        end += 1
    if not free:  # "choir practice tonight" -> up to the last group word
        while end > index and tokens[end - 1].low not in vocab.GROUP_NOUNS:
            end -= 1
    if end == index:
        return None
    return " ".join(token.text for token in tokens[index:end]), end


def _read_with_phrase(tokens: list[_Token], start: int) -> _Reading | None:
    """``had a lovely walk with Jo``, ``dinner with Sam and Alex``: an activity, then "with"."""
    channel: Channel | None = None
    activity_seen = False
    index = start
    while index < len(tokens) and tokens[index].low != "with":
        word = tokens[index].low
        if word in vocab.ACTIVITIES:
            activity_seen = True
            channel = channel or vocab.ACTIVITIES[word]
        elif word in vocab.WITH_VERBS:
            activity_seen = True
        elif word not in vocab.WITH_FILLERS:
            return None
        index += 1
    if index >= len(tokens) or not activity_seen:
        return None
    names, name_positions = _read_names(tokens, index + 1)
    if not names:
        return None
    used = frozenset(range(start, index + 1)) | name_positions
    return _Reading(names, None, channel, used)


def _read_names(
    tokens: list[_Token], start: int, *, allow_with: bool = False
) -> tuple[tuple[str, ...], frozenset[int]]:
    """Read "Sam", "my mum", "Sam, Alex and Jo" from ``start``; stops at the first non-name."""
    index = start
    if allow_with:
        if index >= len(tokens) or tokens[index].low != "with":
            return (), frozenset()
        index += 1
    names: list[str] = []
    positions: set[int] = set()
    while index < len(tokens) and len(names) < vocab.MAX_NAMES:
        if tokens[index].low in vocab.POSSESSIVE_DETERMINERS:
            index += 1
        name_start = index
        while (
            index < len(tokens)
            and index - name_start < vocab.MAX_NAME_WORDS
            and tokens[index].low not in vocab.NAME_STOPS
            and _phrase_at(tokens, index) is None
            and any(ch.isalpha() or not ch.isascii() for ch in tokens[index].low)
        ):
            index += 1
        if index == name_start:
            break
        names.append(" ".join(token.text for token in tokens[name_start:index]))
        positions.update(range(name_start, index))
        if index < len(tokens) and tokens[index].low in vocab.NAME_SEPARATORS:
            separator = index
            index += 1
            if index < len(tokens) and tokens[index].low == "and":
                index += 1  # "Sam, and Alex"
            if index >= len(tokens) or tokens[index].low in vocab.NOT_NAMES:
                break
            positions.add(separator)
            continue
        break
    return tuple(names), frozenset(positions)


def _is_possessive_name(token: _Token) -> bool:
    return (
        token.low.endswith("'s")
        and len(token.low) > 2
        and token.low[:-2] not in vocab.NOT_NAMES
        and token.low[:-2].isalpha()
    )


def _day_and_channel_outside(
    tokens: list[_Token], used: frozenset[int]
) -> tuple[str | None, Channel | None]:
    """First day phrase and channel word among the tokens not already read as trigger/names."""
    day_phrase: str | None = None
    channel: Channel | None = None
    index = 0
    while index < len(tokens):
        if index in used:
            index += 1
            continue
        phrase = _phrase_at(tokens, index)
        if phrase is None or any(i in used for i in range(index, index + phrase.length)):
            index += 1
            continue
        if phrase.day_text is not None and day_phrase is None:
            day_phrase = phrase.day_text
        elif phrase.channel is not None and channel is None:
            channel = phrase.channel
        index += phrase.length
    return day_phrase, channel


QUOTED_NAME_LIMIT = 40
"""A name echoed back in an offer; anything longer is cut (a 4,080-character "name" once made
the offer itself too long to send)."""


def offer_sentence(intent: LogIntent) -> str:
    """ "Sounds like time with Sam." / "Sounds like time at the food bank." for a "Log it" offer.

    Names are echoed as typed but shortened, read as the user would say them ("my sister" is
    "your sister" when Tend says it) and a group is somewhere you are, not company.
    """
    people = [person_form(shorten(name, QUOTED_NAME_LIMIT)) for name in intent.people]
    place = group_form(shorten(intent.group, QUOTED_NAME_LIMIT)) if intent.group else None
    if people and place:
        return f"Sounds like time with {join_names(people)} at {place}."
    if place:
        return f"Sounds like time at {place}."
    return f"Sounds like time with {join_names(people)}."
