"""A small naive Bayes model over the labelled corpus: the safety net under the patterns.

Why: seven rounds of hand-written rules (phrase patterns, then concept patterns) reached the
targets on the phrases they were written against but caught only 0.30-0.63 of crisis messages
written afterwards. A multinomial naive Bayes over words and word pairs, trained on the same
corpus, caught 0.77-0.93 of those later sets when trained only on the corpus as it stood before
each set was written (docs/safety.md). It needs no download and no library: it is trained in
pure Python from `bot/data/distress_corpus.tsv` on first use (tens of milliseconds) and scores
a message with a few dictionary look-ups.

It only ever raises the level the patterns give, never lowers it, so every readable rule (and
every idiom exemption that keeps "my phone died" quiet for the patterns) still holds; the
model's own false alarms are the price, measured in docs/safety.md.
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "distress_corpus.tsv"
RISK_CUE = re.compile(
    r"(?<![a-z])(?:die|died|dies|dying|dead|death|alive|live|living|life|exist|existing|born|"
    r"suicid\w*|unalive|kill\w*|kms|myself|hurt\w*|harm\w*|pain|cut|cuts|cutting|burn\w*|"
    r"scars?|bleed\w*|blood|knife|knives|blade|razor|rope|noose|belt|gun|pills?|tablets?|meds|"
    r"medication|overdose|od|paracetamol|insulin|painkillers|poison|bleach|jump\w*|bridge|roof|"
    r"ledge|edge|tracks|cliff|motorway|drown\w*|sea|river|end|ending|over|gone|goodbye|bye|"
    r"farewell|sorry|forgive|note|letter|will|forever|permanently|anymore|wake|breathe|"
    r"breathing|disappear|vanish|hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|choke\w*|"
    r"strangle\w*|stab\w*|hands|touch\w*|forced?|forces|rape\w*|abuse\w*|attack\w*|threat\w*|"
    r"scared|afraid|terrified|frightened|safe|unsafe|danger\w*|hiding|locked|following|stalk\w*|"
    r"secret|starv\w*|deserve|burden|without me|point|reason|worth|survive|last|final|grave|"
    r"funeral|heaven|voices|plan|rid|swallow\w*|rough|drive|drink\w*)(?![a-z])"
)
"""Words of death, harm, danger and farewell."""
SOCIAL_PLAN = re.compile(
    r"(?<![a-z])(?:call|calling|ring|phone|text|texting|message|messaging|email|write to|see|"
    r"seeing|meet|meeting|visit|visiting|catch up|invite|inviting|hang out|hanging out|coffee|"
    r"tea|lunch|dinner|breakfast|brunch|walk|drinks|pub|cinema|film|party|card|present|gift|"
    r"join|club|class|choir|quiz|game|match|cook|cooking|book|plan|plans|weekend|birthday|"
    r"remind|reconnect|keep in touch|thanks|thank)(?![a-z])"
)
"""Tend's everyday input: plans to reach people. Naive Bayes learns that "want to" is mostly
crisis in this corpus, so "want to call Amir" would alarm it; such a message is raised to
crisis by the model only when it also has a word of death, harm, danger or farewell."""
FEELING_CUE = re.compile(
    r"(?<![a-z])(?:lonely|loneliness|alone|isolat\w*|sad|sadness|cry\w*|cried|tears|tired|"
    r"exhausted|empty|numb|lost|low|down|hopeless|pointless|worthless|useless|burden|nobody|"
    r"no one|anyone|anybody|everyone|friends?|people|mates|miss|missing|hate|hard|heavy|awful|"
    r"terrible|rubbish|shit|crap|bad|dark|struggl\w*|cope|coping|anxi\w*|depress\w*|"
    r"overwhelm\w*|ok|okay|alright|fine|mess|broken|hurts?|pain|energy|invisible|ignored|"
    r"forgotten|left out|matter|care|cares|grief|griev\w*|died|passed|fail\w*|stuck|scared|"
    r"afraid|worried|worry|stress\w*|drowning|sinking|falling apart|never|always|anymore)"
    r"(?![a-z])"
)
"""Words of feeling and of other people. The model may raise a quiet message to struggling
only when one is present and the message has a few words: "no" or "I want to go swimming
with Ana" must stay quiet."""
MIN_WORDS_FOR_STRUGGLING = 3
LABELS = ("crisis", "struggling", "none")
_SMOOTHING = 0.5


@dataclass(frozen=True)
class Model:
    """Per-label log prior and per-feature log likelihood (features the corpus never saw are
    ignored, so unrelated words do not push a message anywhere). The likelihoods sit in one
    flat array, ``len(LABELS)`` per feature in ``LABELS`` order, found through ``row``: a
    tuple of floats per feature cost 0.4 MB more over the corpus's ~4,400 features."""

    log_prior: tuple[float, ...]
    row: dict[str, int]
    log_likelihood: array[float]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Posterior probability of each label."""
        rows = {self.row[feature] for feature in features if feature in self.row}
        scores = [
            prior + sum(self.log_likelihood[row + index] for row in rows)
            for index, prior in enumerate(self.log_prior)
        ]
        top = max(scores)
        weights = [math.exp(score - top) for score in scores]
        total = sum(weights)
        return {label: weight / total for label, weight in zip(LABELS, weights, strict=True)}


_FUNCTION_WORDS = frozenset(
    [
        "i",
        "im",
        "me",
        "my",
        "to",
        "want",
        "wanna",
        "a",
        "an",
        "the",
        "and",
        "just",
        "so",
        "go",
        "going",
        "gonna",
        "get",
        "be",
        "do",
        "it",
        "of",
        "in",
        "on",
        "for",
        "with",
        "at",
        "this",
        "that",
        "is",
        "am",
        "are",
        "was",
        "really",
        "some",
        "more",
        "like",
        "id",
        "ill",
        "ive",
        "would",
        "will",
        "can",
        "could",
        "should",
        "need",
        "try",
        "have",
        "has",
        "had",
    ]
)
"""Words that carry no risk by themselves; left out so "i want to go bowling" is judged by
"bowling", not by "i want to", which this corpus mostly saw in crisis phrases."""


def features(tokens: list[str]) -> list[str]:
    """Content words and adjacent content-word pairs of the normalised text."""
    content = [token for token in tokens if token not in _FUNCTION_WORDS]
    return [*content, *(f"{a}_{b}" for a, b in itertools.pairwise(content))]


def read_corpus(path: Path = CORPUS) -> list[tuple[str, str]]:
    """``label<TAB>phrase`` lines as (label, phrase); ``#`` lines and blanks skipped."""
    rows: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        label, sep, text = raw.partition("\t")
        if sep and label.strip() in LABELS and text.strip():
            rows.append((label.strip(), text))
    return rows


def train(rows: Iterable[tuple[str, str]], tokenise: Callable[[str], list[str]]) -> Model:
    """Multinomial naive Bayes with binary features (a word counts once per phrase)."""
    documents: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    for label, text in rows:
        documents[label] += 1
        counts[label].update(set(features(tokenise(text))))
    vocabulary = sorted(set().union(*counts.values()))
    total_documents = sum(documents.values()) or 1
    denominators = [
        sum(counts[label].values()) + _SMOOTHING * max(1, len(vocabulary)) for label in LABELS
    ]
    log_prior = tuple(
        math.log((documents[label] + 1) / (total_documents + len(LABELS))) for label in LABELS
    )
    log_likelihood = array(
        "d",
        (
            math.log((counts[label][feature] + _SMOOTHING) / denominator)
            for feature in vocabulary
            for label, denominator in zip(LABELS, denominators, strict=True)
        ),
    )
    row = {feature: number * len(LABELS) for number, feature in enumerate(vocabulary)}
    return Model(log_prior, row, log_likelihood)


__all__ = [
    "CORPUS",
    "FEELING_CUE",
    "LABELS",
    "MIN_WORDS_FOR_STRUGGLING",
    "RISK_CUE",
    "SOCIAL_PLAN",
    "Model",
    "features",
    "read_corpus",
    "train",
]
