"""The optional 1-5 "how did it feel" scale attached to a logged interaction.

Words are kind and descriptive, never a grade: a heavy conversation can still be a good thing
to have had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_FEELING = 1
MAX_FEELING = 5


@dataclass(frozen=True)
class Feeling:
    """One point on the scale."""

    value: int
    emoji: str
    word: str

    @property
    def label(self) -> str:
        """Button text, e.g. "🙂 Good"."""
        return f"{self.emoji} {self.word}"


FEELINGS: tuple[Feeling, ...] = (
    Feeling(1, "😞", "Heavy"),
    Feeling(2, "😕", "A bit low"),
    Feeling(3, "😐", "Okay"),
    Feeling(4, "🙂", "Good"),
    Feeling(5, "😊", "Great"),
)
"""The scale in order, value 1 first."""

_BY_VALUE = {feeling.value: feeling for feeling in FEELINGS}

_WORDS: dict[str, int] = {
    "heavy": 1, "hard": 1, "tough": 1, "sad": 1, "difficult": 1, "rough": 1,
    "a bit low": 2, "low": 2, "bit low": 2, "meh": 2, "not great": 2, "flat": 2,
    "okay": 3, "ok": 3, "fine": 3, "alright": 3, "all right": 3, "so so": 3, "so-so": 3,
    "good": 4, "nice": 4, "lovely": 4, "warm": 4, "pleasant": 4,
    "great": 5, "amazing": 5, "wonderful": 5, "brilliant": 5, "fantastic": 5, "awesome": 5,
}  # fmt: skip

_SCORE = re.compile(r"^([1-5])(?:\s*/\s*5)?$")
_TRAILING = re.compile(r"[\s.!]+$")
_SPACES = re.compile(r"\s+")


def feeling_label(value: int) -> str:
    """Label for a stored value; raises ``KeyError`` outside 1..5."""
    return _BY_VALUE[value].label


def parse_feeling(text: str) -> int | None:
    """Read "4", "4/5", "good", "🙂" or a full button label as 1..5; None if not a feeling."""
    stripped = _TRAILING.sub("", text.strip())
    lowered = _SPACES.sub(" ", stripped.casefold())
    score = _SCORE.match(lowered)
    if score:
        return int(score.group(1))
    for feeling in FEELINGS:
        if lowered in (feeling.label.casefold(), feeling.word.casefold()):
            return feeling.value
        if stripped.replace("\ufe0f", "") == feeling.emoji:
            return feeling.value
    return _WORDS.get(lowered)
