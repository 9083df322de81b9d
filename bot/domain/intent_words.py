"""Vocabulary for spotting log-like messages (see :mod:`bot.domain.intent`).

Kept apart from the reading logic so the word lists can grow without touching it. All words
are casefolded, with straight apostrophes.
"""

from __future__ import annotations

from bot.domain.channels import Channel

NEGATIONS = frozenset(
    {
        "not", "no", "never", "didn't", "didnt", "haven't", "havent", "hasn't", "hasnt",
        "don't", "dont", "won't", "wont", "can't", "cant", "couldn't", "couldnt", "wasn't",
        "wasnt", "weren't", "werent", "hadn't", "hadnt", "shouldn't", "wouldn't", "cannot",
    }
)  # fmt: skip

FUTURE = frozenset(
    {"tomorrow", "next", "later", "soon", "will", "i'll", "we'll", "gonna", "going", "plan",
     "planning", "should", "want", "wanna", "need", "must", "remind", "maybe"}
)  # fmt: skip

# Words allowed before the phrase that carries the log: "I just", "today we", "finally".
PREFIX_WORDS = frozenset(
    {
        "i", "we", "me", "just", "finally", "also", "and", "so", "then", "today", "yesterday",
        "earlier", "this", "morning", "afternoon", "evening", "last", "night", "have", "has",
        "i've", "we've", "actually", "really", "well", "oh", "yay", "properly", "briefly",
        "recently", "on", "at", "lunchtime", "tonight",
    }
)  # fmt: skip

# Phrases followed directly by the people: (words) -> channel guess.
PERSON_TRIGGERS: dict[tuple[str, ...], Channel | None] = {
    ("called",): Channel.CALL, ("rang",): Channel.CALL, ("phoned",): Channel.CALL,
    ("got", "a", "call", "from"): Channel.CALL, ("had", "a", "call", "with"): Channel.CALL,
    ("video", "called"): Channel.VIDEO, ("video-called",): Channel.VIDEO,
    ("facetimed",): Channel.VIDEO, ("facetimed", "with"): Channel.VIDEO,
    ("skyped",): Channel.VIDEO, ("skyped", "with"): Channel.VIDEO,
    ("zoomed", "with"): Channel.VIDEO,
    ("texted",): Channel.MESSAGE, ("messaged",): Channel.MESSAGE, ("emailed",): Channel.MESSAGE,
    ("wrote", "to"): Channel.MESSAGE, ("dmed",): Channel.MESSAGE, ("dm'd",): Channel.MESSAGE,
    ("whatsapped",): Channel.MESSAGE, ("got", "a", "text", "from"): Channel.MESSAGE,
    ("sent", "a", "message", "to"): Channel.MESSAGE, ("sent", "a", "text", "to"): Channel.MESSAGE,
    ("met",): Channel.IN_PERSON, ("met", "up", "with"): Channel.IN_PERSON,
    ("met", "with"): Channel.IN_PERSON, ("visited",): Channel.IN_PERSON,
    ("saw",): Channel.IN_PERSON, ("hugged",): Channel.IN_PERSON,
    ("went", "to", "see"): Channel.IN_PERSON, ("went", "to", "visit"): Channel.IN_PERSON,
    ("popped", "in", "on"): Channel.IN_PERSON, ("dropped", "in", "on"): Channel.IN_PERSON,
    ("hung", "out", "with"): Channel.IN_PERSON, ("spent", "time", "with"): Channel.IN_PERSON,
    ("spent", "the", "day", "with"): Channel.IN_PERSON,
    ("spent", "the", "evening", "with"): Channel.IN_PERSON,
    ("stayed", "with"): Channel.IN_PERSON, ("ran", "into"): Channel.IN_PERSON,
    ("bumped", "into"): Channel.IN_PERSON,
    ("talked", "to"): None, ("talked", "with"): None, ("spoke", "to"): None,
    ("spoke", "with"): None, ("spoken", "to"): None, ("chatted", "to"): None,
    ("chatted", "with"): None, ("caught", "up", "with"): None, ("checked", "in", "with"): None,
    ("checked", "in", "on"): None, ("reached", "out", "to"): None, ("heard", "from"): None,
}  # fmt: skip

MAX_TRIGGER_WORDS = max(map(len, PERSON_TRIGGERS))

# "<activity> with <people>": activities and what channel they imply.
ACTIVITIES: dict[str, Channel | None] = {
    "coffee": Channel.IN_PERSON, "coffees": Channel.IN_PERSON, "tea": Channel.IN_PERSON,
    "lunch": Channel.IN_PERSON, "dinner": Channel.IN_PERSON, "breakfast": Channel.IN_PERSON,
    "brunch": Channel.IN_PERSON, "drinks": Channel.IN_PERSON, "drink": Channel.IN_PERSON,
    "beer": Channel.IN_PERSON, "beers": Channel.IN_PERSON, "pint": Channel.IN_PERSON,
    "pints": Channel.IN_PERSON, "meal": Channel.IN_PERSON, "food": Channel.IN_PERSON,
    "walk": Channel.IN_PERSON, "hike": Channel.IN_PERSON, "run": Channel.IN_PERSON,
    "swim": Channel.IN_PERSON, "picnic": Channel.IN_PERSON, "bbq": Channel.IN_PERSON,
    "barbecue": Channel.IN_PERSON, "movie": Channel.IN_PERSON, "film": Channel.IN_PERSON,
    "cinema": Channel.IN_PERSON, "game": Channel.IN_PERSON, "games": Channel.IN_PERSON,
    "tennis": Channel.IN_PERSON, "football": Channel.IN_PERSON, "golf": Channel.IN_PERSON,
    "squash": Channel.IN_PERSON, "badminton": Channel.IN_PERSON, "chess": Channel.IN_PERSON,
    "cards": Channel.IN_PERSON, "climbing": Channel.IN_PERSON, "yoga": Channel.IN_PERSON,
    "gym": Channel.IN_PERSON, "workout": Channel.IN_PERSON, "date": Channel.IN_PERSON,
    "party": Channel.IN_PERSON, "playdate": Channel.IN_PERSON, "sleepover": Channel.IN_PERSON,
    "call": Channel.CALL, "phone": Channel.CALL, "facetime": Channel.VIDEO,
    "zoom": Channel.VIDEO, "video": Channel.VIDEO,
    "chat": None, "catch-up": None, "catchup": None, "conversation": None, "talk": None,
}  # fmt: skip

WITH_VERBS = frozenset(
    {"walked", "played", "cooked", "ate", "danced", "hiked", "chatted", "talked", "spoke",
     "hung", "met", "caught", "spent", "went", "ran", "swam", "climbed", "trained", "sang",
     "baked", "watched", "saw", "video", "chilled"}
)  # fmt: skip

# Other words that may sit between the start and "with" in "had a lovely long walk with".
WITH_FILLERS = frozenset(
    {"had", "a", "an", "some", "the", "our", "my", "for", "out", "up", "time", "nice", "lovely",
     "great", "good", "long", "quick", "short", "little", "big", "fun", "proper", "amazing",
     "wonderful", "brilliant", "late", "early", "cosy", "cozy", "relaxed", "real", "best",
     "first", "phone", "video", "board", "tv", "again", "together", "walking", "running",
     "climbing", "shopping", "dancing", "swimming", "cycling", "bowling", "skating", "to"}
)  # fmt: skip

# Past-tense "I went to <group>" phrasings, for group contacts.
GROUP_TRIGGERS = (
    ("went", "to"), ("been", "to"), ("was", "at"), ("were", "at"), ("attended",),
    ("volunteered", "at"), ("volunteered", "with"), ("joined",), ("went", "back", "to"),
)  # fmt: skip

GROUP_NOUNS = frozenset(
    {
        "club", "choir", "group", "class", "classes", "practice", "rehearsal", "team", "church",
        "mass", "temple", "mosque", "synagogue", "gurdwara", "service", "meetup", "meet-up",
        "night", "session", "circle", "society", "parkrun", "yoga", "pilates", "orchestra",
        "band", "league", "quiz", "volunteering", "scouts", "guides", "chapel", "study",
        "workshop", "salsa", "karaoke", "training", "jam", "crew", "squad", "congregation",
        "fellowship", "sangha", "shul", "lodge", "guild", "meeting", "worship", "prayers",
    }
)  # fmt: skip

# Words that cannot be (or begin) the person's name in these phrasings.
NOT_NAMES = frozenset(
    {
        "it", "him", "her", "them", "you", "me", "us", "myself", "someone", "somebody",
        "anyone", "anybody", "everyone", "everybody", "nobody", "people", "that", "this",
        "these", "those", "a", "an", "some", "any", "the", "his", "their", "its", "your",
        "what", "nothing", "something", "everything", "one", "in", "out", "off", "up", "back",
        "work", "home", "school", "office", "uber", "taxi", "cab", "support", "again",
        "there", "here", "how", "why", "when", "where", "who", "and", "or", "but", "with",
        "today", "yesterday", "tonight", "is", "was", "were", "be", "been", "to",
    }
)  # fmt: skip

# Words that end a name inside a message ("met Jo for lunch", "called mum back").
NAME_STOPS = NOT_NAMES | frozenset(
    {"for", "on", "at", "about", "over", "via", "by", "after", "before", "because", "to",
     "which", "while", "since", "from", "until", "till", "earlier", "later", "then", "so",
     "as", "yet", "too", "all", "just", "briefly", "quickly", "finally", "properly", "who",
     "and", "plus", ",", "this", "last", "of", "like", "&", "had", "did", "went", "said"}
)  # fmt: skip

NAME_SEPARATORS = frozenset({"and", ",", "plus"})
POSSESSIVE_DETERMINERS = frozenset({"my", "our"})
MAX_NAME_WORDS = 3
MAX_NAMES = 8
