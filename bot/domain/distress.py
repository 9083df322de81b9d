"""Spotting distress in anything a user types: crisis, struggling, or nothing.

Technique: curated normalisation plus hand-written patterns (phrases here, concepts in
`distress_concepts.py`), then a small naive Bayes model (`distress_model.py`) that may only
raise the patterns' answer. Why both: every decision the patterns make is readable and fixable
by a reviewer (which idiom stays quiet, which negation counts), but seven rounds showed that
hand-written rules catch only 0.3-0.6 of crisis messages in wording nobody had seen; the model,
trained on the same corpus, roughly doubled that on later held-out sets at the cost of a few
more false alarms. Nothing is downloaded. Figures and remaining misses: docs/safety.md,
`make bench-safety`.

Pipeline, per clause (split at punctuation and "but", so "I'm not lonely, just busy" keeps its
negation to its own clause):

1. normalise: NFKC, casefold, emoji to words, apostrophes dropped ("don't" -> "dont"),
   leetspeak inside words ("su1c1de"), stretched letters ("sooo lonelyyy"), a curated map of
   slang, abbreviations and misspellings ("kms", "lonley", "wanna"), and a fuzzy match of long
   distinctive words against their misspellings;
2. blank out idioms that only look alarming ("dying to see", "phone died", "killed it");
3. crisis patterns, then struggling patterns. Feeling words ("lonely", "sad", "suicidal")
   directly after a negation ("not", "never", "don't feel") do not count, except that a
   negated crisis word still counts as struggling: "I'm not suicidal, just tired" deserves a
   gentle word, not silence;
4. crisis concepts per clause and across the message (goodbyes, plans, wills);
5. the naive Bayes net on the whole normalised message, raising only.

When in doubt the classifier leans towards the higher level: a crisis reply to hyperbole costs a
tap on "I'm safe, thanks"; silence to a real crisis costs far more.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extractOne

from bot.domain.distress_concepts import (
    CONCEPT_IDIOMS,
    CONCEPTS,
    DRUG,
    alive_crisis,
    blank_laughter,
    message_crisis,
)
from bot.domain.distress_model import (
    FEELING_CUE,
    MIN_WORDS_FOR_STRUGGLING,
    RISK_CUE,
    SOCIAL_PLAN,
    Model,
    features,
    read_corpus,
    train,
)


class DistressLevel(StrEnum):
    """How worried Tend should be about a message; the value is what storage keeps."""

    NONE = "none"
    STRUGGLING = "struggling"
    CRISIS = "crisis"


# --- Normalisation ------------------------------------------------------------------------------

_EMOJI_WORDS = {
    "😢": " sademoji ",
    "😥": " sademoji ",
    "😿": " sademoji ",
    "☹": " sademoji ",
    "🙁": " sademoji ",
    "😞": " sademoji ",
    "😔": " sademoji ",
    "😟": " sademoji ",
    "🥺": " sademoji ",
    "😩": " sademoji ",
    "😫": " sademoji ",
    "🥀": " sademoji ",
    "😭": " sobemoji ",
    "💔": " heartbroken ",
    "🔪": " knife ",
    "🗡": " knife ",
    "🩸": " blood ",
    "💊": " pills ",
    "🪢": " rope ",
    "🔫": " gun ",
    "⚰": " coffin ",
    "🪦": " grave ",
    "💀": " skullemoji ",
    "😂": " laughemoji ",
    "🤣": " laughemoji ",
}
_EMOJI_RE = re.compile("|".join(map(re.escape, _EMOJI_WORDS)))
_APOSTROPHES = re.compile(r"['‘’`´ʼ]")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n\r\t()\[\]{}\"“”…|/]+|\s(?:but|although|though)\s")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_MASKED_LETTER = re.compile(r"(?<=[a-z])[*!](?=[a-z])")
"""Masked words: "k*ll", "d!e"."""
_DOUBLED = re.compile(r"([a-z])\1+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_MIXED_TOKEN = re.compile(r"[@$]?[a-z@$]*[0-9@$][a-z0-9@$]*")

_SPELLING = {
    # slang and abbreviations
    "kms": "kill myself",
    "kys": "kill yourself",
    "killmyself": "kill myself",
    "ctb": "kill myself",
    "sewerslide": "suicide",
    "sewerslided": "suicide",
    "suicidial": "suicidal",
    "unalive": "unalive",
    "wanna": "want to",
    "wana": "want to",
    "wannna": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "tryna": "trying to",
    "gotta": "got to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ppl": "people",
    "noone": "no one",
    "no1": "no one",
    "nobdy": "nobody",
    "nobodys": "nobody",
    "nbdy": "nobody",
    "every1": "everyone",
    "some1": "someone",
    "any1": "anyone",
    "evry": "every",
    "evryone": "everyone",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "rn": "right now",
    "tbh": "",
    "ngl": "",
    "idk": "i dont know",
    "idc": "i dont care",
    "idgaf": "i dont care",
    "dgaf": "dont care",
    "bein": "being",
    "af": "so",
    "asf": "so",
    "iam": "im",
    "ima": "im going to",
    "imma": "im going to",
    "cannot": "cant",
    "wont": "wont",
    "anymore": "anymore",
    "anymor": "anymore",
    "nomore": "no more",
    "myslef": "myself",
    "mysef": "myself",
    "mself": "myself",
    "meself": "myself",
    "myselfe": "myself",
    "urself": "yourself",
    "selfharm": "self harm",
    "sh": "sh",
    # misspellings of words that matter
    "lonley": "lonely",
    "lonly": "lonely",
    "lonelly": "lonely",
    "lonelyy": "lonely",
    "lonleyness": "loneliness",
    "lonliness": "loneliness",
    "lonelyness": "loneliness",
    "loneley": "lonely",
    "lonley af": "lonely",
    "alon": "alone",
    "aloneee": "alone",
    "depresed": "depressed",
    "depressd": "depressed",
    "deppressed": "depressed",
    "depresso": "depressed",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "suicid": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suisidal": "suicidal",
    "worthles": "worthless",
    "hopless": "hopeless",
    "miserible": "miserable",
    "misrable": "miserable",
    "dieing": "dying",
    "ded": "dead",
    "hurtin": "hurting",
    "cryin": "crying",
    "tierd": "tired",
    "freinds": "friends",
    "frends": "friends",
    "freind": "friend",
    "frend": "friend",
    "imnot": "im not",
    "dont": "dont",
    "doesnt": "doesnt",
    "didnt": "didnt",
    "isnt": "isnt",
    "wasnt": "wasnt",
    "cant": "cant",
    "cnt": "cant",
    "cud": "could",
    "wud": "would",
    "wnt": "want",
    "wnat": "want",
    "wamt": "want",
    "watn": "want",
    "wan": "want",
    "2": "to",
    "abt": "about",
    "friendless": "no friends",
    "everythings": "everything is",
    "lifes": "life is",
    "hte": "the",
}
"""Token -> replacement (possibly several words, or nothing)."""

_PHRASES = (
    (re.compile(r" i am "), " im "),
    (re.compile(r" i m "), " im "),
    (re.compile(r" can not "), " cant "),
    (re.compile(r" do not "), " dont "),
    (re.compile(r" does not "), " doesnt "),
    (re.compile(r" did not "), " didnt "),
    (re.compile(r" is not "), " isnt "),
    (re.compile(r" are not "), " arent "),
    (re.compile(r" was not "), " wasnt "),
    (re.compile(r" will not "), " wont "),
    (re.compile(r" would not "), " wouldnt "),
    (re.compile(r" any more "), " anymore "),
    (re.compile(r" no body "), " nobody "),
    (re.compile(r" my self "), " myself "),
    (re.compile(r" un alive"), " unalive"),
    (re.compile(r" sewer slide"), " suicide"),
    (re.compile(r" self harm(?:ing|ed)? "), " selfharm "),
)

_FUZZY_TARGETS = (
    "suicide",
    "suicidal",
    "unalive",
    "overdose",
    "worthless",
    "loneliness",
    "depressed",
    "depression",
    "miserable",
    "isolated",
    "abandoned",
    "heartbroken",
    "overwhelmed",
    "struggling",
)
"""Long, distinctive words whose one-edit misspellings mean the same thing."""
_FUZZY_EXCLUDED = frozenset(
    {
        "repressed",
        "impressed",
        "isolates",
        "abandon",
        "obsessed",
        "overdone",
        "loveliness",
        "unalike",
    }
)
_FUZZY_MIN_LENGTH = 7
_SUICIDAL_TYPO = re.compile(r"su+[iy]?[cs]{1,2}[iy]?d+(?:[ae]?l+[ey]?|le|ly)")
_SUICIDE_TYPO = re.compile(r"su+[iy]?[cs]{1,2}[iy]?d+e?")
"""Misspellings too far from "suicidal" for the one-edit fuzzy match ("suicidle", "sucidl")."""
_SPELLED_OUT = re.compile(r"(?<![a-z])([a-z])[ .*_-]{1,3}([a-z])[ .*_-]{1,3}([a-z])(?![a-z])")
"""Acronyms typed letter by letter: "k.m.s", "k m s"."""


@lru_cache(maxsize=8192)
def _fix_token(token: str) -> str:
    """One word, cleaned: leetspeak, stretched letters, slang, misspellings."""
    if any(ch.isdigit() or ch in "@$" for ch in token) and any(ch.isalpha() for ch in token):
        if token in _SPELLING:
            return _SPELLING[token]
        if _MIXED_TOKEN.fullmatch(token) and not re.fullmatch(
            r"\d+(?:am|pm|h|st|nd|rd|th|s)", token
        ):
            token = token.translate(_LEET)
    if token in _SPELLING:
        return _SPELLING[token]
    if _SUICIDAL_TYPO.fullmatch(token):
        return "suicidal"
    if _SUICIDE_TYPO.fullmatch(token):
        return "suicide"
    if (
        len(token) >= 5
        and token.endswith("in")
        and token not in _known_words()
        and token + "g" in _known_words()
    ):
        return token + "g"
    if _STRETCHED.search(token):
        double = _STRETCHED.sub(r"\1\1", token)
        single = _STRETCHED.sub(r"\1", token)
        for candidate in (double, single):
            if candidate in _SPELLING:
                return _SPELLING[candidate]
            if candidate in _known_words():
                return candidate
        token = single
    if token not in _known_words() and _DOUBLED.search(token):
        undoubled = _DOUBLED.sub(r"\1", token)
        if len(undoubled) >= 3 and undoubled in _known_words():
            return undoubled
    if (
        len(token) >= _FUZZY_MIN_LENGTH
        and token.isalpha()
        and token not in _known_words()
        and token not in _FUZZY_EXCLUDED
    ):
        match = extractOne(
            token, _FUZZY_TARGETS, scorer=DamerauLevenshtein.distance, score_cutoff=1
        )
        if match is not None:
            return match[0]
    return token


def _join_spelled_out(match: re.Match[str]) -> str:
    joined = "".join(match.groups())
    return joined if joined in _SPELLED_ACRONYMS else match.group(0)


_SPELLED_ACRONYMS = frozenset({"kms", "kys", "ctb"})


def _clauses(text: str) -> list[str]:
    """The text as normalised clauses, each padded with spaces for whole-word patterns."""
    folded = unicodedata.normalize("NFKD", text).casefold().replace("\ufe0f", "")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _EMOJI_RE.sub(lambda m: _EMOJI_WORDS[m.group(0)], folded)
    folded = _APOSTROPHES.sub("", folded).replace("@", "a").replace("$", "s")
    folded = _MASKED_LETTER.sub("i", folded)
    folded = _SPELLED_OUT.sub(_join_spelled_out, folded)
    clauses: list[str] = []
    for raw in _CLAUSE_BREAK.split(f" {folded} "):
        words = [_fix_token(token) for token in _NOT_WORD.sub(" ", raw).split()]
        clause = " " + " ".join(word for word in words if word) + " "
        for pattern, replacement in _PHRASES:
            clause = pattern.sub(replacement, clause)
        if clause.strip():
            clauses.append(clause)
    return clauses


def _whole_words(pattern: str) -> str:
    """The pattern with word boundaries: at both ends, and after the first word group of each
    negative lookahead, so "down(?! (?:to))" still matches "down today"."""
    marker = "(?! (?:"
    out: list[str] = []
    start = 0
    while (found := pattern.find(marker, start)) >= 0:
        index = found + len(marker)
        depth = 1
        while depth:
            char = pattern[index]
            if char == "\\":
                index += 1
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            index += 1
        out.append(pattern[start:index] + "(?![a-z])")
        start = index
    out.append(pattern[start:])
    return f"(?<![a-z])(?:{''.join(out)})(?![a-z])"


PATTERNS_PER_REGEX = 40
"""Alternatives compiled into one regex. One 200-way alternation needs ~4 MB of parser
temporaries while it compiles, and a running bot keeps that as resident memory (2.6 MB more
peak RSS at start-up, measured); regexes of 40 peak at ~1.5 MB with the same compiled size,
and `_finditer` matches them exactly as the one alternation would."""


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(
            "|".join(
                _whole_words(pattern) for pattern in patterns[start : start + PATTERNS_PER_REGEX]
            )
        )
        for start in range(0, len(patterns), PATTERNS_PER_REGEX)
    )


# --- Patterns -----------------------------------------------------------------------------------

_ME = r"(?:myself|me)"
_IM = r"(?:im|i am|i m|ive been|been|i feel|i felt|i feel so|feeling|i get)"
_WANT = (
    r"(?:want to|want|wanted to|wish i could|would like to|need to|going to|im going to|"
    r"gonna|will|ill|might|could|should just|should|am going to|about to|plan to|planning to|"
    r"thinking about|thinking of|think about|thought about|feel like|trying to|tried to|try to)"
)
_PERSON = (
    r"(?:he|she|they|him|her|my (?:\w+ ){0,2}(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"ex|dad|father|mum|mom|mother|stepdad|stepfather|stepmum|stepmom|brother|sister|uncle|aunt|"
    r"son|daughter|carer|boss|flatmate|roommate|landlord|teacher|coach|fiance|fiancee|man|"
    r"woman|parents|family))"
)
_HARM_VERBS = (
    r"(?:hits|hit|hitting|beats|beat|beating|chokes|choked|choking|strangles|strangled|"
    r"slaps|slapped|punches|punched|kicks|kicked|hurts|hurt|hurting|abuses|abused|abusing|"
    r"rapes|raped|touches|touched|threatens|threatened|threatening|burns|burned|pushes|pushed|"
    r"shoves|shoved|locks|locked)"
)

_IDIOMS = [
    r"laugh\w* (?:so hard |till |until |that )?(?:[a-z]+ ){0,3}(?:cried|cry|crying)",
    r"(?:cried|cry|crying) (?:[a-z]+ )?laugh\w*",
    r"(?:baby|babies|kids|kid|toddler|son|daughter|he|she|they|we) (?:both |all )?(?:was |were |"
    r"is |are |been |kept |keeps |just |had a )?(?:crying|cried|cry)",
    r"(?:killing|killed|kill|kills) (?:it|time|the (?:game|vibe|mood|spider|lights|engine)|"
    r"two birds|a (?:bottle|pizza|beer)|some time|the hours)",
    r"(?:is|are|was|were|its|theyre|thats|this is|these are) killing (?:me|my|us)",
    r"(?:killing|kills|killed) me (?:softly|with)",
    r"(?:joke|story|film|movie|show|test|exam|workout|run|class|meme|video|song|that)s? "
    r"(?:killed|kill|kills|killing) me",
    r"(?:would|id|i would|could|i could) (?:die|kill|murder) for",
    r"(?:die|died|dying|dead) (?:laughing|of laughter|of (?:embarrassment|boredom|thirst|"
    r"hunger|cringe|shame|heat))",
    r"(?:nearly|almost|literally|basically) (?:died|dead|dying)(?: laughing)?",
    r"dying (?:to|for|of)(?! (?:myself|be alone|get away from))",
    r"to die for",
    r"(?:phone|battery|laptop|car|engine|printer|tv|computer|pc|plant|plants|fridge|"
    r"charger|headphones|mic|wifi|internet|router|torch|bulb|console|controller|tablet|"
    r"ipad|watch|van|bike|scooter|mower|kettle) (?:has |have |just |finally |totally )?"
    r"(?:died|dead|is dead|was dead|are dead|dying|is dying)",
    r"dead (?:tired|beat|serious|end|on|set|cold|easy|good|funny|quiet|gorgeous|ringer|"
    r"heat|weight|centre|center|right|last|ahead|battery|phone)",
    r"(?:im|literally|lol|lmao) dying(?= laughemoji| skullemoji| lol| lmao| haha| of)",
    r"(?:bored|scared|worried|frozen|freezing|sick|tired) to death",
    r"over my dead body",
    r"drop dead",
    r"killer (?:workout|run|view|views|shoes|outfit|app|game|song|track|tune|deal|idea)",
    r"(?:mum|mom|dad|boss|wife|husband|teacher|coach|she|he|they|mother|father|gran|nan|my \w+)"
    r"(?:ll| will| is going to| is gonna| would| might|d) (?:kill|murder) me "
    r"(?:if (?:im|i am|i dont|i forget|i miss|i break|i lose|i spend|i eat|we|"
    r"i tell (?:her|him) about the)|when (?:she|he|they) (?:see|sees|find|finds|hear|hears|"
    r"gets? home))",
    r"(?:murder|murdered) (?:a|an|some)",
    r"lonely (?:planets?|hearts|island|road|tree|boy|girl|street)",
    r"home alone",
    r"alone time",
    r"(?:went|go|going|hiking|walk|walked|travel|travelled|traveled|ran|run|cycle|cycled|"
    r"swim|swam|eat|ate|dinner|lunch) alone(?= (?:and|loved|was|felt (?:great|good|free)))",
    r"leave (?:me|us|him|her|it) alone",
    r"sad (?:film|films|movie|movies|song|songs|book|books|story|ending|music|playlist)",
    r"suicide (?:squad|prevention|awareness)",
    r"(?:hopeless|useless) (?:at|with|when it comes to)(?! (?:everything|life|being a person|"
    r"living))",
    r"great depression",
    r"empty (?:handed|stomach|nest|promises)",
    r"(?:film|movie|book|show|episode|ending|song|story|play|news|series) (?:was|is|were) (?:so |"
    r"really |very |a bit |quite |pretty )?sad",
    r"invisible (?:in|on) (?:photos|pictures|the photos|camera|the pictures)",
    r"isolated from (?:the )?(?:noise|sound|street|traffic|cold|wind|damp)",
    r"(?:film|films|movie|movies|book|books|documentary|article|podcast|talk|show|series|song|"
    r"songs|poem|study|research|essay|lecture|course|training|charity|campaign) (?:about|on|for) "
    r"(?:\w+ )?(?:loneliness|depression|grief|death|dying|suicide|isolation|self harm|selfharm|"
    r"abuse|"
    r"domestic violence|mental health|being lonely|being alone)",
    r"struggling (?:with|to) (?:the |this |my |a |an )?(?:wifi|internet|app|code|homework|"
    r"essay|bug|printer|form|spreadsheet|button|link|find|open|load|choose|decide|pick|"
    r"understand|park|parking|sleep in)",
    r"(?:pills?|tablets?) (?:for|from) (?:my )?(?:the )?(?:doctor|headache|hay ?fever|allergy|"
    r"allergies|cold|blood pressure)",
    r"(?:overdose|overdosed|od|oded) on (?:chocolate|sugar|caffeine|coffee|netflix|tv|"
    r"cake|sweets|candy)",
    r"shoot (?:me|us) (?:a|an)",
    r"(?:beat|beats|hit|hits|killed|kill) (?:me|us) (?:at|in)",
    r"hit me up",
    r"(?:crushing|smashing|killing) it",
    r"(?:cut|cutting|burnt|burned|burn|hurt|injured|hurting) (?:my ?self|my \w+) (?:shaving|"
    r"cooking|chopping|baking|ironing|on (?:a|the|my) \w+|at (?:the )?(?:gym|work|football|"
    r"training|park)|playing|while|during|lifting|running|skiing|cycling|falling|climbing|"
    r"in the (?:garden|kitchen))",
    r"touched (?:me|my heart|by)(?= with| by| so| deeply|$)",
    r"(?:he|she|they) hit (?:me )?(?:it|the|a|with (?:a|the) (?:joke|question))",
]
_IDIOMS += CONCEPT_IDIOMS

_CRISIS = [
    r"suicid\w*",
    r"unaliv\w*",
    r"(?:kill|killing|killed|kil) (?:my ?self|yourself|myslef)",
    r"(?:end|ending|ended|take|taking|took) (?:my|my own) life",
    r"(?:want to|going to|will|ill|could|should|might|just|im|about to|ready to|plan to|"
    r"planning to|thinking about|thinking of|decided to|gonna|need to|try to) (?:end|ending) "
    r"(?:it|things|everything|myself|my misery)(?! (?:with|off|here|now|there|early|at))",
    r"(?:end|ending|ended) it all",
    r"(?:commit|committing) (?:suicide|die)",
    r"(?:think|thinking|thought|dream|dreaming|fantasi[sz]e|fantasi[sz]ing) about (?:dying|death|"
    r"being dead|my death|not being here|not existing|not waking up)(?! (?:of|for|laughing))",
    r"(?:feel|feeling|felt) like dying",
    r"(?:wish i could|i could|want to|wanna|just want to)(?: just)? (?:die|be dead|not exist)"
    r"(?! (?:of|for|laughing|a little|on the inside))",
    r"(?:want|wanna) (?:out of|to get out of|to leave) (?:this|my) (?:life|world)",
    r"leave this world",
    r"(?:scared|afraid|terrified|frightened) of (?:my (?:husband|wife|partner|boyfriend|girlfriend|"
    r"bf|gf|ex|dad|father|stepdad|stepfather|mum|mom|mother|stepmum|stepmom|brother|uncle|"
    r"flatmate|roommate|carer)|him|her)(?! (?:reaction|dog|cat|driving|cooking))",
    r"(?:going to|might|gonna|about to|scared ill|afraid ill|think ill|want to|i could) "
    r"(?:do|doing) something (?:stupid|drastic|dangerous|bad|final|permanent)(?= to myself| "
    r"tonight| soon|\s*$)",
    r"(?:this is|its|thats) the end (?:for me|of me|of the road for me)",
    r"(?:hed|shed|theyd|he would|she would|they would|hell|shell|theyll|he will|she will|"
    r"they will|hes going to|shes going to|he is going to|"
    r"she is going to|theyre going to|he might|she might) (?:kill|hurt|hit|beat|rape|stab) "
    r"(?:me|us)",
    r"(?:want to|wanna|need to|urge to|urges to|going to|gonna|about to) (?:cut|burn)"
    r"(?: again| tonight| so bad| so badly| myself)*\s*$",
    r"(?:want|wanted|wanting|wish|wishing|ready|need|going|deserve) to (?:dye(?! (?:my|it|the|"
    r"her|his|them|our|your|a))|die|be dead|not exist|"
    r"not be alive|not be here|stop existing|stop living|cease)(?! (?:of|for|laughing|a little|"
    r"on the inside))",
    r"(?:wanna|want) (?:die|death)\b",
    r"(?:dont|do not|didnt|never|no longer) (?:want|wanna|wish|feel like) (?:to )?"
    r"(?:be here|live|be alive|exist|wake up|keep living|keep going|go on|be around|stay alive|"
    r"be on this earth)",
    r"(?:wish|wishing) (?:i|id) (?:was|were|could be|would be|had been) (?:dead|gone|never born)",
    r"(?:wish|wishing) (?:i|id) (?:wasnt|werent|hadnt been|was never|had never been|never been|"
    r"never) "
    r"(?:born|alive|here)",
    r"(?:better off|happier|be fine|be okay|be ok) (?:dead|without me|if i (?:was|were|wasnt|"
    r"died|disappeared|left|was gone|were gone|didnt exist|wasnt here|wasnt around))",
    r"(?:nobody|no one|noone|no body|none of them) (?:would|will|wud) (?:notice|care|miss me|"
    r"even notice|even care)(?: if| when)? (?:if )?(?:i|im) (?:died|was gone|were gone|"
    r"disappeared|killed|dead|gone|left forever|wasnt here)",
    r"(?:hurt|harm|cut|cutting|burn|burned|burnt|burning|hurting|harming|starve|starving|"
    r"punish|punishing|choke|hang|hanging|drown|shoot|stab|poison|overdose) (?:my ?self|me on "
    r"purpose)",
    r"(?:selfharm|self harm|self harming|self injury|sh urges|relapsed on sh|sh again)",
    r"(?:been |started |start |keep )?cutting (?:again|my (?:arm|arms|wrist|wrists|leg|legs|"
    r"thigh|thighs|skin))",
    r"(?:slit|cut|slash|slice) (?:my )?(?:wrist|wrists|throat|veins)",
    r"(?:relapsed|relapse)(?= .*(?:cut|harm|burn|blade))",
    r"(?:take|taking|took|swallow|swallowed|swallowing|down|downed|have|got|saved|) (?:all|"
    r"a bunch of|a handful of|a bottle of|a box of|a lot of|loads of|all of|too many|enough|"
    r"every one of) (?:my |the |these |those |of my |of the )?(?:pills|tablets|meds|medication|"
    r"paracetamol|sleeping pills)",
    r"(?:overdose|overdosing|overdosed|od|oding|oded)\b",
    r"(?:a|my) (?:plan|plans|method) to (?:die|end|kill)",
    r"(?:goodbye|suicide|final|last) (?:letter|letters|note|notes|message)",
    r"(?:this is|saying) (?:goodbye|my goodbye)",
    r"goodbye (?:everyone|forever|world|all|cruel world)",
    r"goodnight forever",
    r"(?:jump|jumping|throw myself|step|stepping|walk|lie down|lay down) (?:off|from|in front of|"
    r"under|into) (?:a |the |this |my )?(?:bridge|building|roof|cliff|train|bus|car|truck|"
    r"lorry|traffic|balcony|window|tracks|river|sea|ledge)",
    r"(?:on|standing on|at|at the edge of) (?:the |a |this )?(?:roof|bridge|ledge|cliff|edge)\b"
    r"(?=.*(?:jump|end|die|goodbye|nobody|no one))",
    r"(?:going|want|about|ready|gonna) to jump\s*$",
    r"(?:hang|hanging|hanged) (?:my ?self|me)",
    r"(?:bought|got|have|tied|buy|found) (?:a |the )?(?:rope|noose)",
    r"\bnoose\b",
    r"(?:rope|knife|blade|razor|pills|gun) (?:rope |knife |blade |razor |pills |gun |blood )*"
    r"(?:blood|tonight|again|goodbye|goodnight|forever|myself)",
    r"(?:knife|blade|razor) blood",
    r"blood knife",
    r"(?:cant|cannot|can not|unable to) (?:go on|do this anymore|take (?:it|this|any) ?(?:more|"
    r"anymore)|keep going|carry on|live like this|handle life anymore|keep living)",
    r"(?:cant|cant) take it anymore",
    r"(?:no|zero|not a single|not any|nothing|dont have (?:a|any)) (?:reason|reasons|point) "
    r"(?:to |in |for |of )?(?:live|living|be alive|being alive|go on|going on|keep going|stay|"
    r"exist|existing|wake up)",
    r"(?:nothing|no one|nobody|noone) (?:left )?to live for",
    r"(?:dont|do not|cant|no longer) see (?:the|a|any) (?:point|reason) (?:in|of|to) (?:living|"
    r"life|live|going on|anything anymore|being alive|existing|waking up)",
    r"(?:life|lifes|my life|living|it|its) (?:isnt|is not|aint|not|is no longer|no longer) worth "
    r"(?:living|it anymore|living anymore|it\s*$)",
    r"(?:life|living) (?:is )?not worth it",
    r"(?:tired|sick|exhausted|done) of (?:living|being alive|existing|life itself)",
    r"done with (?:life|living|everything forever|it all)",
    r"(?:want to|want|wish i could|going to|need to|just want to) (?:disappear|vanish) "
    r"(?:forever|for good|permanently|and never come back)",
    r"(?:sleep|go to sleep|fall asleep|close my eyes) (?:and )?(?:forever|never wake up|not wake "
    r"up|and not wake up)",
    r"never wake up",
    r"(?:want|wanna|wish|need) (?:it all|everything|my life|the pain|this|it) to (?:end|stop|be "
    r"over)(?: forever| for good| permanently)?(?=\s*$| forever| for good| permanently| now)",
    r"(?:want|wanna|wish) (?:my )?life (?:to )?(?:be )?(?:over|end)",
    r"my life is over",
    r"(?:give|giving|gave|given) up on (?:life|living|myself|everything forever|being alive)",
    r"(?:why|how) (?:should|do|would|can) i (?:keep|go on|carry on) (?:living|going|existing)",
    r"why (?:should|do) i (?:keep living|stay alive|even live|bother living|exist)",
    r"(?:how|way|ways|method|methods|plan|planning|plans|planned|best way|easiest way|quickest way|"
    r"painless way|researching how|looked up how|googling how) to (?:die|kill myself|end it|end my "
    r"life|do it painlessly|overdose|hang myself)(?! (?:is|was|would be|laughing|of|in|peacefully "
    r"in))",
    r"(?:wont|will not|not going to|dont think ill|dont think i will|might not|may not|probably "
    r"wont|not gonna) be (?:alive|breathing) (?:by|for|much longer|tomorrow|next|anymore|long|"
    r"to see)",
    r"(?:wont|will not|not going to|dont think ill|dont think i will|probably wont|not gonna) be "
    r"(?:around|here) (?:much longer|for (?:much )?longer|anymore|to see (?:christmas|my birthday|"
    r"next year|the new year|another))",
    r"(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding) (?:up )?(?:all |some |enough )?"
    r"(?:of )?(?:my |the |these )?(?:pills|tablets|meds|medication|paracetamol|painkillers)"
    r"(?! (?:list|in|for (?:the|my|our) (?:trip|holiday)|prescription))",
    r"(?:pills|tablets|meds|painkillers) (?:saved|stockpiled|hoarded|ready|lined up) (?:up )?"
    r"(?:for|until|when|to)",
    r"(?:scratch|scratched|scratching|cut|cutting|burn|burned|burnt|burning|punch|punched|"
    r"punching|bite|bit|biting|pick|picked|picking) (?:at )?(?:my|my own) (?:arm|arms|wrist|wrists|"
    r"leg|legs|thigh|thighs|skin|stomach|body|hips|hands)(?= .*(?:until|till|bled|bleed|bleeding|"
    r"blood|on purpose|to feel|scar|punish))",
    r"(?:until|till|til) (?:it|they|i|my \w+) (?:bled|bleed|bleeds|was bleeding|were bleeding)",
    r"my (?:arms|arm|legs|leg|wrists|wrist|thighs|skin|body) (?:is |are )?(?:covered in|full of) "
    r"(?:cuts|scars|burns|bruises|scratches)",
    r"(?:new|fresh|more) (?:cuts|scars|burns) (?:on|again)",
    r"(?:feel like|feeling like|felt like|thought of|thinking of|considering|contemplating|tempted "
    r"to|close to|urge to|urges to) (?:end|ending) (?:it|things|everything|my life|myself)",
    r"(?:rather|prefer to|sooner) (?:be dead|die|not exist|not be alive|not wake up)",
    r"(?:no way out|only way out|only option|only answer|only escape) (?:is |except |but |left )?"
    r"(?:dying|death|to die|suicide|ending it)",
    r"(?:attempt|attempted|tried to end it|tried to kill myself|tried suicide|survived an "
    r"attempt|made an attempt)(?= (?:last|again|before|in|when|twice|once|a)|\s*$)",
    r"(?:saying|said|say|writing|wrote|sending) (?:my )?goodbyes",
    r"(?:bye|goodbye) (?:everyone|all|guys|world)(?: .*)? (?:im done|its over|for good|forever)",
    r"(?:blade|razor|knife|noose|rope|gun|pills|tablets) .*(?:on myself|use it on me|for myself|"
    r"to end it)",
    r"take them all (?:at once|tonight|together)",
    r"(?:want|wanna|need) (?:out|an out|a way out)(?= of (?:life|this life|everything|here)|\s*$)",
    r"(?:cant|cannot) (?:do|face|handle|bear) (?:life|living|existing|another day)(?: anymore)?",
    r"(?:whats|what is|where is) the point (?:in|of) (?:living|life|going on|being alive|"
    r"existing|waking up|staying alive)",
    r"(?:scared|afraid|terrified|frightened|worried) (?:that )?(?:he|she|they|my \w+|my \w+ \w+) "
    r"(?:will|might|is going to|could|is gonna|would) (?:hurt|hit|kill|beat|find|attack|rape|"
    r"choke|strangle) (?:me|us)",
    r"(?:broke|broken|breaking|trying to break) into (?:my|our) (?:flat|house|home|room|apartment|"
    r"car)",
    r"(?:im |i am )?hiding (?:from (?:him|her|them|my \w+)|in (?:the|my) (?:bathroom|wardrobe|"
    r"closet|room|car))",
    r"(?:i|ill|i will|i should|i could|i might|i am going to|im going to|i need to|tonight i)"
    r"(?: \w+){0,2} end it(?! (?:with|off|here|now|there|early|at|for (?:the|this)))",
    r"(?:better|happier|easier|lighter) (?:off )?without me",
    r"(?:would be|will be|be|d be|would all be|will all be) (?:fine|okay|ok) without me",
    r"(?:any|no|a single|one|zero|a) (?:good )?reasons? (?:to|for) (?:stay alive|staying alive|"
    r"keep living|keep going|be alive|being alive|live|living|go on|going on|be here|exist)",
    r"made my peace(?! with (?:the|it|that|him|her|them|this|losing))",
    r"(?:want to|wish i could|just want to|i should|need to|id rather|i could) (?:just )?"
    r"(?:be gone|go away forever|not be here|stop breathing|sleep and never)",
    r"(?:swallow|neck) (?:everything|all of it|the lot|whatever i can find)",
    r"(?:take|swallow|down) (?:everything|all of it|the lot|whatever) (?:in|from) (?:the|my) "
    r"(?:medicine \w+|bathroom cabinet|pill \w+)",
    r"(?:i|ive|i have|just) (?:cut|hurt myself|cut myself|burned myself|burnt myself|harmed "
    r"myself) (?:again|deeper|last night|tonight)",
    r"(?:want|wanted|need|needed|wanna) to (?:bleed|see blood|feel pain|hurt|be punished)\s*$",
    r"(?:make|made|making) myself (?:bleed|bruise|sick on purpose)",
    r"(?:burn|burning|burnt|burned|cut|cutting|scratch|scratching|pick|picking|carve|carving|"
    r"carved) (?:at )?(?:my|my own) skin",
    r"if i (?:was|were|am) (?:dead|gone forever)|if i (?:died|disappeared forever|killed myself|"
    r"wasnt alive|werent alive)",
    r"(?:wish|hope|pray|want)(?: that)? (?:i|id|i would|i could|i will|ill) (?:just )?(?:die|pass "
    r"away|not wake up|never wake up|stop breathing|be dead)(?! (?:of|laughing|for))",
    # danger and abuse
    rf"{_PERSON} (?:always |keeps |sometimes |still |often |just |again |)?{_HARM_VERBS} "
    r"(?:me|us|my (?:face|body|arm|neck|mum|mom|kids|children|baby))",
    rf"{_PERSON} (?:has |had |have )?(?:been )?{_HARM_VERBS} me",
    r"(?:being|getting) hurt(?! (?:playing|at (?:the )?(?:gym|work|football)|in the|on the))",
    r"(?:being|been|am|was|im|getting) (?:physically |sexually |emotionally )?(?:abused|"
    r"beaten|hit|raped|assaulted|molested|trafficked|strangled|choked|threatened)",
    r"(?:raped|molested|sexually assaulted|assaulted me|domestic (?:violence|abuse))",
    r"(?<!it )(?<!that )(?<!this )(?<!which )(?<!what )(?<!sun )(?<!back )(?<!head )(?<!knee )"
    r"(?<!leg )(?<!foot )(?<!feet )(?<!tooth )(?<!it really )(?<!baby )(?:hurts|beats|punches|"
    r"kicks|slaps|chokes|strangles|abuses|rapes|molests|threatens|batters) me"
    r"(?! (?:up|at|in|with|that|to see|when i see|every time i think))",
    r"(?:scared|afraid|terrified|frightened) (?:to go|of going|to get) (?:back )?home",
    r"(?:someone|somebody|a man|a guy|a stranger|a woman|some guy|some man|a person|people|a car) "
    r"(?:is |are |s |keeps |has been |was |been )?(?:outside|banging on|trying to get into|"
    r"breaking into|trying to break into) my (?:door|house|window|flat|home|room|apartment)",
    r"threatened to (?:kill|hurt|hit|beat|stab|shoot) (?:me|us|my)",
    r"(?:threatening|threatens) (?:me|to kill me|to hurt me)",
    r"(?:scared|afraid|terrified|frightened) (?:he|she|they|hell|shell|theyll|he will|she will|"
    r"they will|he is going to|she is going to|they are going to|hes going to|shes going to|"
    r"theyre going to) (?:kill|hurt|hit|beat|find|come back for) (?:me|us)",
    r"(?:scared|afraid|terrified|fear) for my (?:life|safety)",
    r"(?:not|dont feel|never feel|no longer feel|dont) safe(?! (?:to|driving|in the rain|"
    r"with the wifi))",
    r"(?:feel|feeling|im|i am|we are|were|kids are|its) (?:so |really |very )?unsafe",
    r"unsafe (?:at|in) (?:home|my home|the house|my house|my flat)",
    r"(?:im|i am|were|we are|i feel|feel|might be|my kids are|my children are|life is|i think im)"
    r" in danger",
    r"(?:someone|somebody|a man|a guy|a stranger|he|she|they|my ex) (?:is|has been|keeps|was) "
    r"(?:following|stalking|watching) me",
    r"(?:wont|doesnt|dont|wouldnt|didnt) let me (?:leave|go out|out|see my|eat|sleep|call|"
    r"talk to)",
    r"(?:locked|locks|trapped) me (?:in|inside|out)",
    r"\b(?:help me|please help|someone help|send help)\b(?=.*(?:safe|scared|hurt|die|danger|"
    r"hits|kill))",
]
_CRISIS += CONCEPTS

_STRUGGLING = [
    r"lonely|loneliness|lonliness",
    # round 7
    r"on my own (?:most|every|all|each) (?:evening|evenings|night|nights|day|days|weekend|"
    r"weekends)",
    r"(?:being|spend|spent|spending|sit|sat|sitting) (?:[a-z]+ ){0,3}on my own",
    r"(?:everything|life|my life|things|it all) (?:is|feels|seems|has been|are|feel)(?: (?:just|so|"
    r"really|very|too|all|getting))* (?:hard|difficult|heavy|too much|overwhelming|exhausting|a "
    r"struggle|bleak)(?! to (?:find|get|book|park|choose|explain|say|tell))",
    r"(?:no|dont have the|dont have any|zero|havent got the|havent got any|havent the) energy "
    r"(?:for|to do|to) (?:anything|everything|life|people|anyone|do anything|get up)",
    r"(?:nobody|no one) (?:even |ever |really )?(?:noticed|realised|realized|asked|checked) "
    r"(?:i was|i wasnt|that i|when i|im|if i)",
    r"hate being (?:alone|on my own|by myself|lonely|single)",
    r"(?:cant|cannot|hard to|struggle to|unable to|never|dont|cant seem to|find it hard to) "
    r"(?:really )?(?:seem to )?(?:connect|click) with (?:anyone|anybody|people|others)",
    r"(?:im|feel|feeling|felt|i can feel myself|i feel like im) (?:myself )?slipping"
    r"(?! (?:on|over|up))",
    # round 6: broader feeling concepts
    r"(?:moved on|gone on|carried on|forgotten|left|went ahead) without me",
    r"(?:end up|ended up|cry|crying|cried|sob|sobbing|sobbed) (?:myself )?(?:into my pillow|to "
    r"sleep)",
    r"(?:^ |(?:i |im |ive been |been |keep |kept |i keep |i just |i cant stop |i started |"
    r"started |always |still |me )(?:[a-z]+ ){0,2})(?:crying|cried|cry)(?!.*happy tears)"
    r"(?! (?:laughing|with laughter|at (?:the|that|this) (?:wedding|film|movie|ad|advert|end|"
    r"video)|shame|out loud|for help with))",
    r"(?:its been|been|this has been|had) (?:a |such a )?(?:really |very |so |pretty )?(?:hard|"
    r"rough|tough|awful|terrible|horrible|dark|lonely|sad|shit|crap) (?:week|weeks|month|"
    r"couple of weeks|couple of days|few days|few weeks|while|winter|day|days)",
    r"nothing (?:makes|made) (?:any )?sense (?:anymore|any more|now)",
    r"(?:im|i am|feeling|feel|i feel|been|ive been)(?: (?:so|really|very|just|pretty|quite|a bit|"
    r"kind of|kinda|super|incredibly|extremely|a little|feeling|really really))+ (?:low|down|"
    r"flat|empty|numb|blue)(?! (?:on|battery|key|maintenance|budget|fat|sugar|carb|cost|"
    r"calorie|price|the list|to earth))",
    r"(?:feel|feeling|felt|im|i am) like (?:im |i am )?drowning|drowning(?! in (?:emails|work|"
    r"paperwork|laundry|washing|homework|admin|the pool|the sea))",
    r"(?:it all|everything|things|life|my life|the world|it) (?:feels|is|seems|has been|feel) "
    r"(?:so |really |very |too |just )?(?:heavy|bleak|grey|gray|hopeless|pointless|empty)",
    r"(?:dont|do not|havent|never) (?:really |actually )?(?:have|got) (?:any |many |much |real |"
    r"close )?(?:friends|mates|anyone)(?= here| in| since| anymore| left| nearby| now|\s*$)",
    r"(?:failing|fail|failed) at (?:everything|life|all of it|being)",
    r"(?:feel|feeling|felt|so|all|completely|totally|always|very|really|im|i am|been|being|"
    r"so very|just me|me|utterly|truly|forever|left|lonely and|sad and|scared and|tired and) "
    r"alone\b(?! (?:time|with (?:my|the|a) (?:book|cat|dog|kids|children|baby|boys|girls|"
    r"grandkids|family)))",
    r"^ alone $",
    r"alone (?:all the time|every day|every night|again|on my birthday)",
    r"(?:spend|spent|spending|another|eat|ate|eating|sit|sat|sitting)(?: \w+){0,4} alone"
    r"(?! (?:and|but) (?:loved|enjoyed|liked|it was))(?!.*(?:loved|enjoyed|liked|bliss|lovely|"
    r"peaceful|perfect|needed that|me time))",
    r"isolated|isolation|isolating",
    r"(?:talk|speak|spoken|talked|see|seen) to (?:no one|nobody|noone|not a soul|anyone for "
    r"(?:days|weeks))",
    r"(?:im|i am|and im|now im|still) (?:all |completely |totally )?on my own(?= now| again| all| "
    r"every|\s*$)",
    r"(?:nobody|no one|noone) (?:really |actually |even )?(?:knows|gets|sees|hears|understands) "
    r"(?:me|the real me|how i feel)",
    r"(?:useless|bad|rubbish|terrible|hopeless) at (?:everything|life|being a person|living)|"
    r"good (?:at|for) nothing",
    r"(?:been|its been|this has been|what a) (?:a |such a )?(?:really |very |so |pretty )?"
    r"(?:hard|rough|tough|awful|terrible|horrible|dark|lonely|sad|shit|crap) (?:year|time|few "
    r"months|couple of months|months)(?! (?:finding|getting|with|choosing|deciding|parking|"
    r"understanding|at work|for (?:the|our|their|his|her|my (?:team|business|company|shop|store|"
    r"garden|club))))",
    r"(?:im|i am|i feel|feel|feeling|i felt|felt|ive been|been|makes me|make me|made me|leaves "
    r"me|left me|i get|i keep feeling)(?: (?!(?:not|never|no|nt|dont|isnt|arent|wasnt|werent|"
    r"hardly|nor)\b)\w+){0,3} (?:lonely|alone|sad|miserable|unhappy|depressed|hopeless|"
    r"worthless|failure|outcast|crushed|heartbroken|rubbish|unloved|unwanted|forgotten|"
    r"abandoned|ignored|rejected|burden|overwhelmed|defeated|pathetic|disconnected)"
    r"(?! (?:the|to|for|at|about the|with (?:the|this|that)|by|on|in (?:the|this)))",
    r"(?:nobody|no one|noone|not one person|not a single person) (?:has |had |have )?(?:\w+ )?"
    r"(?:messaged|texted|called|asked|visited|checked|rung|spoken|talked|written|replied|"
    r"invited|noticed|cared|remembered)(?: \w+)? (?:me|on me|about me|to me|my)",
    r"(?:since|when) (?:anyone|anybody|someone|somebody) (?:last )?(?:asked|called|texted|"
    r"messaged|visited|checked|cared|spoke|talked)",
    r"my phone (?:never|doesnt|dont|didnt|hasnt) (?:rings|ring|rung|buzz|buzzes|goes off|lights "
    r"up)",
    r"(?:literally|absolutely|truly|really) (?:no one|nobody|noone)",
    r"(?:dont|do not|havent) (?:have|got) (?:a single|one|even one) (?:friend|person|mate)",
    r"(?:hate|hating|cant stand|disgusted by|ashamed of) (?:who|what) (?:i|ive|im) (?:am|become|"
    r"have become|turned into|became)",
    r"nothing (?:makes|made|brings|gives) me (?:happy|joy|happiness|smile|feel)",
    r"(?:dont|cant|no longer|dont really|cant really) (?:enjoy|feel) (?:anything|nothing|"
    r"anything anymore)",
    r"(?:barely|hardly) (?:getting|get|got|making it|make it|surviving|functioning|holding)",
    r"(?:its|everything is|it is|its all|everythings|life is) (?:all )?(?:too much|so much)"
    r"(?= right now| lately| at the moment| for me|\s*$)",
    r"such a (?:failure|loser|mess|disappointment|burden)",
    r"(?:always|all|completely|totally|so|feel|feeling|felt|forever|always just) by myself",
    r"by myself (?:all the time|every day|every night|most days|again|every weekend|always)",
    r"(?:know|knew) (?:nobody|no one|noone)(?= here| in| at| around| nearby| yet|\s*$)",
    r"(?:dont|didnt) (?:really )?know (?:anyone|anybody)(?= here| in| at| around| nearby|\s*$)",
    r"(?:everyone|everybody) (?:else )?(?:has|have|got|is with|seems to have) (?:someone|somebody|"
    r"friends|a partner|plans|people|a group|a best friend|their people)",
    r"(?:everyone|everybody|all of them) .*(?:except|but|apart from|other than|not) me\s*$",
    r"(?:feel|feeling|felt) like (?:im |i am |i m )?(?:drowning|sinking|suffocating|invisible|a "
    r"ghost|nothing|nobody|a burden|a failure|a loser|an outsider|screaming|breaking|falling apart|"
    r"giving up|disappearing|a waste|a mistake|im not here|i dont exist|i dont matter|"
    r"i dont belong)",
    r"(?:not|isnt|never) in a (?:good|great|happy|healthy|great|ok|okay) (?:place|headspace|head "
    r"space|space|way)",
    r"(?:im|i am|been|ive been|i feel|feel|currently|still) in (?:a|such a) (?:bad|dark|rough|low|"
    r"terrible|awful|horrible|weird|sad|lonely) (?:place|headspace|head space|space)",
    r"pretending (?:to be|im|i am|that im|that i am|everything is|everythings|i m) (?:ok|okay|"
    r"fine|happy|alright|good)",
    r"(?:always|all|completely|totally|so|feel|feeling|felt|forever) on my own",
    r"(?:i dont|i havent got|i do not|dont really) have (?:anyone|anybody)(?= to| who| in my| left|"
    r"\s*$| at all)",
    r"(?:nobody|no one|noone|no body|not a single person|not one person) (?:really |even |ever |"
    r"actually |at all |)?(?:cares|care|loves|likes|wants|understands|listens|gets|notices|"
    r"remembers|remembered|noticed|misses|calls|texts|messages|invites|invited|visits|asks|"
    r"talks|checks|reaches|would notice|would care|would miss)(?= (?:me|about me|my|us|anymore|"
    r"back|at all|if|whether|when|how|what|out|on me|in|to)|\s*$)",
    r"(?:nobody|no one|noone|no body|not a single person) (?:to talk to|to call|to text|to turn to|"
    r"to see|to go to|to hang out with|to spend|to be with|to lean on)",
    r"(?:dont|doesnt) (?:think |feel like )?(?:anyone|anybody) (?:cares|care|loves|likes|wants|"
    r"understands|listens|notices|would notice|would care)",
    r"(?:i have|ive got|i got|ive|i have got|have) (?:nobody|no one|noone)",
    r"(?:theres|there is|there was|ive got|i have) (?:nobody|no one|noone) (?:i can|to|who|that|"
    r"for me|in my life|left)",
    r"^ (?:nobody|no one|noone) (?:just|only|as usual|again|ever)",
    r"(?:just me|only me) (?:as usual|again|always|on my own)",
    r"(?:no|zero|dont have any|dont have a single|havent got any|lost all my|got no|"
    r"have no|ive no|without any|dont have) (?:real |close |actual )?(?:friends|friend|mates|"
    r"one to talk to|social life|family|one who cares)(?! (?:over|round|coming|are|were|came|"
    r"here|at|in|to help))",
    r"no friends",
    r"(?:friends|everyone|everybody|people|they all) (?:dont|never|stopped|no longer|doesnt|dont "
    r"even) (?:talk|text|call|reply|invite|care|visit|want|message|reach)",
    r"(?:everyone|everybody|people|they all|all my friends|my friends) (?:hates|hate|left|"
    r"leaves|ignores|ignore|ignored|forgot|forgets|forgotten|abandoned|moved away|is gone|"
    r"are gone|has left|have left|avoid|avoids)",
    r"(?:i )?(?:always|constantly|often) (?:get|feel) (?:left out|forgotten|ignored|excluded)",
    r"(?:feel|feeling|felt|im|so|always|been|i get|always get) (?:so |really |very |totally |"
    r"completely |kind of |kinda |a bit |like an? )?(?:left out|invisible|forgotten|unwanted|"
    r"unloved|abandoned|excluded|ignored|outsider|alien|rejected|disconnected|cut off|"
    r"unimportant|unseen|unheard|like nobody|like no one|like a nobody)",
    r"(?:dont|doesnt|never) (?:fit in|belong)",
    r"(?:havent|hadnt|not) (?:talked|spoken|seen|texted|heard from) (?:to |with )?(?:anyone|"
    r"anybody|a single person|another person|a soul|a human)",
    r"(?:nobody|no one|noone) (?:remembered|wished me|came to|showed up)",
    r"miss having (?:friends|people|someone|anyone)",
    r"(?:pointless|meaningless|no point|whats the point|what is the point|whats even the "
    r"point|why bother)",
    r"hopeless|no hope|lost (?:all )?hope|hopelessness",
    r"worthless|worthlessness|a waste of space|a waste of (?:oxygen|air)",
    r"(?:im|feel|feeling|felt|so|completely|totally|such an?) (?:useless|a failure|a burden|"
    r"a disappointment|pathetic|broken|a mess|a loser|not good enough|never good enough|"
    r"like a failure|like a burden|like a disappointment|like a loser|like nothing)",
    r"(?:a )?burden (?:to|on) (?:everyone|everybody|my family|my friends|people)",
    r"(?:hate|hating|hated|loathe) (?:my ?self|my life|being me|who i am|everything about me)",
    r"(?:im|feel|feeling|felt|so|really|very|been|getting|pretty|quite|kinda|always|just|too|"
    r"and|me|super|incredibly|extremely|terribly|deeply|sad|a bit|a little) sad(?! (?:to|"
    r"that the|news|day for|about the|film|song|story))",
    r"^ sad(?: so| really)? $",
    r"sadness|sademoji",
    r"(?:feel|feeling|felt|im|been|getting|i get) (?:so |really |very |pretty |quite |a bit |"
    r"kind of |kinda |super |incredibly |extremely )?(?:down|low|blue|depressed|miserable|empty|"
    r"numb|hollow|broken|awful|terrible|horrible|hopeless|heartbroken|crushed|devastated|"
    r"wretched|worthless|defeated|dead inside|dying inside|unhappy)(?! (?:the|to|for|at|about "
    r"the|with|tonight for|on|battery))",
    r"(?:feel|feeling|felt) (?:so |really |very |completely |totally )?lost",
    r"dying inside",
    r"depressed|depression|depresso|miserable|heartbroken|heartbreak",
    r"empty inside|dead inside|numb inside|broken inside",
    r"(?:crying|cried|cry|sobbing|sobbed|in tears|tears) (?:all|every|myself|again|so much|"
    r"non ?stop|for hours|alone|at night|in bed)",
    r"(?:cant|cannot|couldnt|wont) stop (?:crying|sobbing|the tears)",
    r"(?:been|keep|im|always|just|started) crying",
    r"^ (?:sademoji|sobemoji|heartbroken)(?: (?:sademoji|sobemoji|heartbroken))* $",
    r"(?:im|been|really|so|still|honestly) struggling(?! (?:with|to) (?:the |this |my |a )?"
    r"(?:wifi|app|code|homework|essay|bug|form|find|open|load|choose|decide|understand))",
    r"^ struggling",
    r"struggling (?:so much|a lot|lately|mentally|emotionally|with (?:life|everything|myself|"
    r"loneliness|my mental|depression|being alone|my mood)|to (?:cope|get out of bed|keep going|"
    r"feel anything|get through))",
    r"(?:havent|hadnt|not|didnt) (?:left|been out of|gone out of) (?:the|my) (?:house|flat|room|"
    r"apartment|home) (?:in|for) (?:days|weeks|a week|ages|a month|months)",
    r"(?:im|i am|feel|feeling|really|honestly) (?:not|isnt|never) (?:ok|okay|alright|fine|"
    r"good|great|well|right|myself|happy)(?! (?:at(?! all)|with|to|for|about|that))",
    r"nothing (?:feels|is|seems|seem|feel) (?:\w+ )?worth (?:it|doing|anything|trying|the "
    r"effort|getting up for)",
    r"(?:nothing|none of it|nothing i do) (?:is|feels|seems) worth it",
    r"not (?:doing|feeling|coping) (?:well|ok|okay|good|great|so good|too good|very well)",
    r"not coping|cant cope|cannot cope|unable to cope|barely coping|barely holding on|"
    r"holding on by a thread|cant handle (?:it|this|life|anything|everything)",
    r"(?:feel|feeling|felt|im|so|totally|completely|very|really) (?:so |really |very )?"
    r"overwhelmed",
    r"(?:falling|fell|come|coming) apart|breaking down|broke down|at breaking point|"
    r"hit rock bottom|at rock bottom",
    r"giving up(?! (?:sugar|coffee|smoking|meat|alcohol|booze|drinking|chocolate|caffeine|"
    r"dairy|social media|twitter|on (?:the|this) (?:game|puzzle|book|show|series|diet)))",
    r"^ (?:i )?give up",
    r"(?:tired|sick|exhausted|fed up|done|worn out|drained) (?:of|with|from) (?:everything|it all|"
    r"life|being alone|pretending|"
    r"being lonely|feeling like this|being me|myself|trying|people|always being alone)",
    r"(?:passed away|passed on|grieving|grief|bereaved|bereavement|mourning)",
    r"(?:my|our) (?:old |little |beloved |dear |poor |lovely |sweet |older |younger |big |"
    r"baby |twin |)(?:mum|mom|mother|dad|father|grandma|grandpa|gran|nan|granny|"
    r"grandad|granddad|grandmother|grandfather|husband|wife|partner|son|daughter|brother|"
    r"sister|friend|best friend|dog|cat|baby|aunt|uncle|cousin|boyfriend|girlfriend|wee \w+) "
    r"(?:just |recently )?(?:died|is dying|has died|passed|killed himself|killed herself)"
    r"(?! (?:her|his|their|my|the|a|an) (?:test|tests|exam|exams|driving|theory|course|degree|"
    r"audition|interview|mot|assessment))",
    r"lost my (?:\w+ )?(?:mum|mom|mother|dad|father|grandma|grandpa|gran|nan|husband|wife|"
    r"partner|son|daughter|brother|sister|friend|best friend|dog|cat|baby|job|home)",
    r"(?:miss|missing) (?:him|her|them|my \w+) (?:so much|terribly|every day|like crazy)",
    r"(?:feel|feeling|felt|i feel like|i feel) (?:like )?(?:shit|crap|garbage|trash|rubbish|"
    r"awful|terrible)",
    r"mental health (?:is|has been) (?:bad|awful|terrible|rough|shit|crap|poor|at an all time "
    r"low|in the gutter)",
    r"(?:anxiety|panic attacks?|anxious) (?:is|are|has been|have been|through the roof|so bad|"
    r"every day|all the time)",
    r"(?:^ |im |i am |ive been |i have been |been |i |weve been |were |we |honestly |still )"
    r"(?:having|had|going through) (?:a |such a )?(?:really |very |so )?(?:hard|rough|dark|tough|"
    r"difficult|awful|terrible) (?:time|patch|few weeks|few months|year)(?! (?:finding|getting|"
    r"with (?:the|this|my (?:code|car|phone|laptop))|choosing|deciding|parking|understanding))",
    r"dark (?:place|thoughts|times)",
    r"(?:can barely|cant|cant even|couldnt) get out of bed",
    r"(?:everything|life|my life) (?:is|feels|seems) (?:so )?(?:hard|heavy|too much|grey|"
    r"gray|dark|bleak|empty|meaningless|pointless|a mess|falling apart|shit)",
]


@dataclass(frozen=True)
class _Screens:
    """The three big alternations, each split into regexes of `PATTERNS_PER_REGEX`.
    Compiling them takes 0.1-0.3 s of pure Python, so it happens on first use or in
    `warm_up`, not when the module is imported at start-up."""

    idioms: tuple[re.Pattern[str], ...]
    crisis: tuple[re.Pattern[str], ...]
    struggling: tuple[re.Pattern[str], ...]


_WARM_LOCK = threading.RLock()
"""One thread builds the patterns and the model; a message arriving meanwhile waits for them."""


@cache
def _compiled_screens() -> _Screens:
    return _Screens(_compile(_IDIOMS), _compile(_CRISIS), _compile(_STRUGGLING))


def _screens() -> _Screens:
    with _WARM_LOCK:
        return _compiled_screens()


_NEGATED = re.compile(
    r"(?:\bnot|\bnever|\bno longer|\bisnt|\barent|\bwasnt|\bwerent|\baint|\bdont|\bdoesnt|"
    r"\bdidnt|\bwouldnt|\bnor|\bhardly)"
    r"(?: (?:really|that|so|too|very|even|feel|feeling|felt|being|be|at all|particularly|"
    r"remotely|actually|as|a bit|one bit|im|i am|been|getting|get|feel so|like))* $"
)
"""A negation right before a match ("not lonely", "don't feel alone", "never so sad")."""
_NEGATION_PROOF = re.compile(r"^ ?(?:dont|do not|didnt|never|no longer|cant|not) ")
"""Patterns that are themselves negative ("don't want to live") are never cancelled."""


_RESOLVED = re.compile(
    r"(?<![a-z])(?:bliss|loved it|me time|enjoying (?:a|the|my|some) \w+|"
    r"(?:much |a lot |way |loads |so much )?better now|(?:im|feeling|i feel|feel) "
    r"(?:so |much |a lot |way )?better(?! off)|(?:im|feeling|i feel) (?:ok|okay|fine|good|great) "
    r"now)(?![a-z])"
)
"""A low moment told as over ("felt lonely after the move, much better now"): no reply.
Never applies to crisis."""


def _finditer(patterns: Sequence[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """The matches one alternation of all `patterns` would find, in order: leftmost first,
    the earlier pattern on a tie, the next search after the end of the last match."""
    pending = [pattern.search(text) for pattern in patterns]
    while True:
        found = [match for match in pending if match is not None]
        if not found:
            return
        match = min(found, key=lambda candidate: candidate.start())  # first of a tie wins
        yield match
        resume = max(match.end(), match.start() + 1)
        pending = [
            patterns[index].search(text, resume)
            if candidate is not None and candidate.start() < resume
            else candidate
            for index, candidate in enumerate(pending)
        ]


def _blank(patterns: Sequence[re.Pattern[str]], text: str) -> str:
    """``re.sub(" _ ", text)`` with one alternation of all `patterns`."""
    parts: list[str] = []
    last = 0
    for match in _finditer(patterns, text):
        parts.append(text[last : match.start()])
        parts.append(" _ ")
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def _matches(patterns: Sequence[re.Pattern[str]], clause: str) -> Iterable[tuple[bool, str]]:
    """Every match in the clause, with whether a negation right before it cancels it."""
    for match in _finditer(patterns, clause):
        text = match.group(0)
        negated = False
        if not _NEGATION_PROOF.match(text):
            negated = bool(_NEGATED.search(clause[: match.start()].rstrip() + " "))
        yield negated, text


MODEL_CRISIS_THRESHOLD = 0.8
"""Model probability of crisis above which a message is crisis whatever the patterns say.
Chosen on held-out v4-v6 (docs/safety.md): 0.7 caught slightly more and alarmed more."""
MODEL_STRUGGLING_THRESHOLD = 0.9
"""Model probability of crisis or struggling above which a quiet message is struggling."""


def classify(text: str) -> DistressLevel:
    """How worried to be about one typed message (any length, any script; never raises).

    The patterns decide first; the corpus model can only raise their answer."""
    clauses = _clauses(text)
    level = _pattern_level(clauses)
    if level is DistressLevel.CRISIS:
        return level
    model = _model()
    if model is None:
        return level
    joined = " ".join(clauses)
    chances = model.probabilities(features(joined.split()))
    if chances["crisis"] >= MODEL_CRISIS_THRESHOLD and (
        RISK_CUE.search(joined) or not SOCIAL_PLAN.search(joined)
    ):
        return DistressLevel.CRISIS
    if (
        level is DistressLevel.NONE
        and chances["crisis"] + chances["struggling"] >= MODEL_STRUGGLING_THRESHOLD
        and not _RESOLVED.search(joined)
        and len(joined.split()) >= MIN_WORDS_FOR_STRUGGLING
        and FEELING_CUE.search(joined)
    ):
        return DistressLevel.STRUGGLING
    return level


def _tokens(text: str) -> list[str]:
    return " ".join(_clauses(text)).split()


def _model() -> Model | None:
    with _WARM_LOCK:
        return _trained_model()


@cache
def _trained_model() -> Model | None:
    """Trained once from the shipped corpus; without it the patterns still work alone."""
    try:
        return train(read_corpus(), _tokens)
    except (OSError, UnicodeError, ValueError):
        return None


def warm_up() -> None:
    """Compile the patterns and train the model before the first message needs them.

    Meant for a thread right after start-up: the work is pure Python, so the event loop still
    gets the GIL every few milliseconds, and `classify` stays correct if a message comes first.
    """
    classify("warming up")


def _pattern_level(clauses: list[str]) -> DistressLevel:
    """The hand-written layers: phrase patterns, concepts, idioms, negation."""
    screens = _screens()
    level = DistressLevel.NONE
    blanked: list[str] = []
    for clause in blank_laughter(clauses):
        clause = _blank(screens.idioms, clause)
        for negated, _ in _matches(screens.crisis, clause):
            if not negated:
                return DistressLevel.CRISIS
            level = DistressLevel.STRUGGLING
        if alive_crisis(clause):
            return DistressLevel.CRISIS
        blanked.append(clause)
        if level is DistressLevel.NONE:
            for negated, _ in _matches(screens.struggling, clause):
                if not negated:
                    level = DistressLevel.STRUGGLING
                    break
    if message_crisis(" | ".join(blanked)):
        return DistressLevel.CRISIS
    if level is DistressLevel.STRUGGLING and _RESOLVED.search(" ".join(clauses)):
        return DistressLevel.NONE
    return level


@cache
def _known_words() -> frozenset[str]:
    """Words the patterns and maps already spell correctly: never "fixed" by fuzzy matching."""
    sources = [
        *_CRISIS,
        *_STRUGGLING,
        *_IDIOMS,
        *_SPELLING.values(),
        *_EMOJI_WORDS.values(),
        DRUG,
    ]
    words = {word for source in sources for word in re.findall(r"[a-z]+", source)}
    return frozenset(words)


__all__ = ["DistressLevel", "classify", "warm_up"]
