"""Words that name an event worth asking about: interview, surgery, move, exam, appointment.

Read from case-folded note text. A word that is also everyday language ("game", "test",
"date") counts only with an article or a known modifier in front ("the game", "driving
test"); a known modifier is kept ("the hip appointment"), anything else in front (a name,
"her") is dropped, so the phrase never guesses at who or whose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventWord:
    """An event word in normalised text and the phrase that names it ("the interview")."""

    start: int
    end: int
    phrase: str


_EVENT_WORDS: dict[str, str] = {
    "interview": "the interview", "interviews": "the interview",
    "surgery": "the surgery", "operation": "the operation", "op": "the operation",
    "procedure": "the procedure", "biopsy": "the biopsy", "scan": "the scan",
    "mri": "the scan", "x-ray": "the x-ray", "check-up": "the check-up", "checkup": "the check-up",
    "appointment": "the appointment", "appt": "the appointment",
    "results": "the results", "test results": "the results",
    "treatment": "the treatment", "chemo": "the treatment",
    "move": "the move", "moving": "the move", "moves": "the move", "house move": "the move",
    "moving house": "the move", "moving day": "the move",
    "exam": "the exam", "exams": "the exams", "test": "the test",
    "driving test": "the driving test",
    "wedding": "the wedding", "funeral": "the funeral", "graduation": "the graduation",
    "presentation": "the presentation", "audition": "the audition", "hearing": "the hearing",
    "court": "the court date", "court date": "the court date",
    "first day": "the first day", "new job": "the new job", "job starts": "the new job",
    "match": "the match", "game": "the game", "race": "the race", "marathon": "the marathon",
    "concert": "the concert", "gig": "the gig", "recital": "the recital", "show": "the show",
    "performance": "the performance", "competition": "the competition",
    "party": "the party", "birthday party": "the birthday party",
    "trip": "the trip", "holiday": "the holiday", "vacation": "the vacation",
    "flight": "the trip", "flying": "the trip",
    "date": "the date", "first date": "the first date", "meeting": "the meeting",
    "deadline": "the deadline", "launch": "the launch", "defence": "the defence",
    "defense": "the defence", "viva": "the viva",
}  # fmt: skip

_MODIFIER_WORDS = (
    "hip knee back eye eyes ear heart skin foot shoulder blood dental dentist dentist's "
    "doctor doctor's gp gp's hospital vet vet's physio therapy hair job driving final big "
    "second third important new school uni university college piano dance football cup"
)
_MODIFIERS = frozenset(_MODIFIER_WORDS.split())
"""Words kept in front of an event word ("hip appointment"); others (names, "her") dropped."""

_EVENT_PATTERN = re.compile(
    r"\b(?:(?P<mod>[a-z][a-z'-]*)\s+)?(?P<word>"
    + "|".join(sorted(map(re.escape, _EVENT_WORDS), key=len, reverse=True))
    + r")\b(?!-)"
)
_NEEDS_ARTICLE = frozenset({"date", "test", "show", "game", "match", "op", "court", "moves"})
_ARTICLES = frozenset({"the", "a", "an", "her", "his", "their", "my", "our", "your", "big"})
_NOT_AN_EVENT_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:month|year|week|birth)\b|with\s+you\b|to\b)"
)


def find_event_words(text: str) -> list[EventWord]:
    """Every event word in ``text`` (already case-folded), in order."""
    found: list[EventWord] = []
    for match in _EVENT_PATTERN.finditer(text):
        word = match.group("word")
        modifier = match.group("mod")
        if word in _NEEDS_ARTICLE and modifier not in _ARTICLES and modifier not in _MODIFIERS:
            continue  # common words that only name an event with an article in front
        if word == "move" and re.search(r"\bto\s*$", text[: match.start("word")]):
            continue  # "want to move"
        if _NOT_AN_EVENT_AFTER.match(text[match.end() :]) and word in ("test", "date", "first day"):
            continue
        phrase = _EVENT_WORDS[word]
        if modifier in _MODIFIERS and phrase.count(" ") == 1 and phrase != "the move":
            phrase = f"the {modifier} {phrase.split()[1]}"
        found.append(EventWord(match.start("word"), match.end("word"), phrase))
    return found
