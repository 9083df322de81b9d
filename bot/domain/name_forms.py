"""How a contact's name reads inside a sentence Tend says to the user.

People type names the way they talk about them: "Sam", "Mum", "my sister", "Running club",
"the food bank", "choir practice". Dropped into a template as typed, those give "Send my
sister a message" or "Go along to Running club". These pure functions turn the stored name into
the form a sentence needs; the stored name itself is never changed.

Rules (decided once, so every template reads the same way):

* A person: "my X"/"our X" is said back as "your X"; a bare lowercase relation word takes
  "your" ("sister" -> "your sister") unless it is one people use as a name ("mum" -> "Mum").
  Anything else is kept exactly as typed ("Sam", "Mum", "Zoë 🌻").
* A possessive always adds "'s" ("Sam's", "James's"); only a plural common noun takes a bare
  apostrophe ("your parents'").
* A group reads as a proper name, kept as typed, when it looks like one: a later word
  capitalised ("Running Club", "Food Bank"), an acronym or a digit ("WI", "U3A", "5-a-side"),
  a possessive ("Zoë's book club", "St Mary's Choir"), no cased letters at all (scripts
  without capitals, emoji first), or a single capitalised word that is not a common group noun
  ("Harmony"). A title-case name ending in a group noun still takes "the", as organisations
  do ("the Running Club", "the Food Bank", "the Harmony Singers"), and so does a lettered
  acronym ("the WI", "the YMCA"; but "U3A").
* Otherwise it is a common noun phrase, lower-cased at the front: activities ("choir
  practice", "pottery class", "quiz night", "bouldering", "parkrun") take no article,
  everything else takes "the" ("the running club", "the food bank", "the choir").
* A determiner the user typed is kept, with "my"/"our" becoming "your".

Templates never put a group after "with" and never use a pronoun for the slot, so only these
forms are needed: see `person_form`, `person_possessive` and `group_form`.
"""

from __future__ import annotations

_NAME_LIKE_RELATIONS = frozenset(
    {
        "mum",
        "mom",
        "mam",
        "mummy",
        "mommy",
        "mama",
        "mamma",
        "ma",
        "dad",
        "daddy",
        "papa",
        "pa",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "grandad",
        "granddad",
        "grandpa",
        "grandfather",
        "nan",
        "nana",
        "nanna",
        "nanny",
        "grandmom",
        "grandmum",
        "auntie",
        "aunty",
    }
)
"""Relation words people use as a name: said back capitalised, without "your"."""

_RELATION_NOUNS = frozenset(
    {
        "sister",
        "brother",
        "sis",
        "bro",
        "sibling",
        "siblings",
        "cousin",
        "cousins",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "son",
        "daughter",
        "kids",
        "children",
        "parents",
        "folks",
        "partner",
        "wife",
        "husband",
        "spouse",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancé",
        "fiancee",
        "fiancée",
        "friend",
        "friends",
        "bestie",
        "neighbour",
        "neighbours",
        "neighbor",
        "neighbors",
        "colleague",
        "colleagues",
        "boss",
        "manager",
        "mentor",
        "flatmate",
        "flatmates",
        "housemate",
        "housemates",
        "roommate",
        "roommates",
        "godmother",
        "godfather",
        "godson",
        "goddaughter",
        "stepmum",
        "stepmom",
        "stepdad",
        "in-laws",
        "mother-in-law",
        "father-in-law",
        "sister-in-law",
        "brother-in-law",
        "mother",
        "father",
        "grandparents",
        "grandson",
        "granddaughter",
    }
)
"""Common nouns naming a relation: a bare one is said back as "your ..."."""

_GROUP_NOUNS = frozenset(
    {
        "choir",
        "band",
        "orchestra",
        "club",
        "team",
        "group",
        "crew",
        "squad",
        "society",
        "guild",
        "circle",
        "league",
        "union",
        "committee",
        "council",
        "congregation",
        "parish",
        "mosque",
        "temple",
        "synagogue",
        "gurdwara",
        "gym",
        "allotment",
        "allotments",
        "library",
        "community",
        "collective",
        "association",
        "network",
        "runners",
        "walkers",
        "ramblers",
        "singers",
        "players",
        "volunteers",
        "bookclub",
        "foodbank",
        "café",
        "cafe",
        "pub",
        "hub",
        "centre",
        "center",
        "meetup",
        "charity",
        "bank",
        "shop",
        "kitchen",
        "project",
        "trust",
        "hall",
        "garden",
        "gardens",
        "market",
        "brigade",
        "scouts",
        "guides",
        "brownies",
        "cubs",
        "academy",
        "school",
        "friends",
        "fellowship",
    }
)
"""Common nouns for a group or place: a single capitalised one still takes "the"."""

_ACTIVITY_HEADS = frozenset(
    {
        "practice",
        "training",
        "rehearsal",
        "rehearsals",
        "class",
        "classes",
        "lessons",
        "night",
        "nights",
        "parkrun",
        "church",
        "mass",
        "chapel",
        "yoga",
        "pilates",
        "zumba",
        "football",
        "netball",
        "rugby",
        "hockey",
        "cricket",
        "tennis",
        "badminton",
        "basketball",
        "volleyball",
        "bingo",
        "quiz",
        "karaoke",
        "worship",
        "prayers",
        "bible",
    }
)
"""Head words naming an activity, which reads without an article ("Go along to choir practice")."""

_PROPER_FIRST_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
"""First words that keep their capital even in a common noun phrase ("the Tuesday walkers")."""

_ARTICLES = frozenset({"the", "a", "an"})
_USER_DETERMINERS = frozenset({"my", "our"})
_ADDRESSED_DETERMINERS = frozenset({"your", "his", "her", "their"})
_APOSTROPHES = ("'s", "\u2019s")


def person_form(name: str) -> str:
    """How a person's name reads when Tend talks to the user ("my sister" -> "your sister")."""
    name = name.strip()
    words = name.split(" ")
    first = words[0].lower()
    if len(words) > 1 and first in _USER_DETERMINERS:
        rest = " ".join(words[1:])
        if words[-1].lower() in _RELATION_NOUNS | _NAME_LIKE_RELATIONS:
            rest = rest.lower()  # "My Big Sister" -> "your big sister"
        return f"your {rest}"
    if name == name.lower() and _is_cased(name):
        if len(words) == 1 and first in _NAME_LIKE_RELATIONS:
            return name[0].upper() + name[1:]
        if words[-1] in _RELATION_NOUNS and words[0] not in _ARTICLES | _ADDRESSED_DETERMINERS:
            return f"your {name}"
    return name


def person_possessive(name: str) -> str:
    """The possessive of a person's sentence form: "Sam's", "James's", "your parents'"."""
    form = person_form(name)
    first = form.split(" ")[0].lower()
    if form.endswith(("s", "S")) and first in {"your", "the"} and form == form.lower():
        return form + "'"
    return form + "'s"


def group_form(name: str) -> str:
    """How a group's name reads after "to"/"at" or as an object: see the module rules."""
    name = name.strip()
    words = name.split(" ")
    first = words[0].lower()
    if len(words) > 1 and first in _USER_DETERMINERS:
        return " ".join(["your", *words[1:]])
    if len(words) > 1 and first in _ARTICLES | _ADDRESSED_DETERMINERS:
        return " ".join([first, *words[1:]])
    lettered = [word for word in words if any(ch.isalpha() for ch in word)]
    head = _bare(lettered[-1]).lower() if lettered else ""
    if _reads_as_proper(words):
        takes_the = (
            words[0][:1].isalpha()
            and not any(word.endswith(_APOSTROPHES) for word in words)  # "St Mary's Choir"
            and len(lettered) > 1
            and head in _GROUP_NOUNS
            and _is_title_case(lettered)
        )
        acronym = len(words) == 1 and name.isalpha() and name.isupper() and len(name) > 1
        return f"the {name}" if takes_the or acronym else name  # "the Food Bank", "the WI"
    phrase = name
    if words[0].lower() not in _PROPER_FIRST_WORDS:
        phrase = name[0].lower() + name[1:]
    if head in _ACTIVITY_HEADS or (head.endswith("ing") and len(lettered) == 1):
        return phrase
    return f"the {phrase}"


def time_phrase(name: str, *, group: bool) -> str:
    """Time spent with a contact, for lines like "Sounds like ...": a group is somewhere you
    are, never company ("time at the food bank", "time at choir practice", "time with Sam")."""
    if group:
        return f"time at {group_form(name)}"
    return f"time with {person_form(name)}"


def capitalise_first(text: str) -> str:
    """`text` with its first character upper-cased when it is a lower-case letter."""
    if text and text[0].islower():
        return text[0].upper() + text[1:]
    return text


def _reads_as_proper(words: list[str]) -> bool:
    if not words[0] or not words[0][0].isalpha():
        return True  # an emoji or a number first: no article can sit well in front of it
    if not any(_is_cased(word) for word in words):
        return True  # a script without capitals: keep what the user wrote
    if any(ch.isdigit() for word in words for ch in word):
        return True
    if words[0].endswith(_APOSTROPHES) and len(words) > 1:
        return True
    for index, word in enumerate(words):
        letters = [ch for ch in word if ch.isalpha()]
        if not letters:
            continue
        if any(ch.isupper() for ch in letters[1:]):
            return True  # an acronym or CamelCase: "WI", "U3A", "ParkRun"
        if index > 0 and letters[0].isupper():
            return True  # "Running Club", "St Mary's Choir"
    lettered = [word for word in words if any(ch.isalpha() for ch in word)]
    if len(lettered) == 1 and lettered[0][0].isupper():
        bare = _bare(lettered[0]).lower()
        if bare.endswith("ing") or bare in _PROPER_FIRST_WORDS:
            return False  # "Bouldering", "Swimming": an activity, whatever its capital
        return bare not in _GROUP_NOUNS | _ACTIVITY_HEADS
    return False


def _is_title_case(words: list[str]) -> bool:
    """Every word capitalised and nothing else upper-case (so not "WI" or "ParkRun")."""
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if not letters[0].isupper() or any(ch.isupper() for ch in letters[1:]):
            return False
    return True


def _bare(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha() or ch == "-")


def _is_cased(text: str) -> bool:
    return any(ch.isupper() or ch.islower() for ch in text)
