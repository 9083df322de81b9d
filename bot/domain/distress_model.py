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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "distress_corpus.tsv"
LABELS = ("crisis", "struggling", "none")
_SMOOTHING = 0.5


@dataclass(frozen=True)
class Model:
    """Per-label log prior and per-feature log likelihood (features the corpus never saw are
    ignored, so unrelated words do not push a message anywhere)."""

    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Posterior probability of each label."""
        known = {feature for feature in features if feature in self.log_likelihood}
        scores = {
            label: self.log_prior[label]
            + sum(self.log_likelihood[feature][label] for feature in known)
            for label in LABELS
        }
        top = max(scores.values())
        weights = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(weights.values())
        return {label: weight / total for label, weight in weights.items()}


def features(tokens: list[str]) -> list[str]:
    """Words and adjacent word pairs of the normalised text."""
    return [*tokens, *(f"{a}_{b}" for a, b in itertools.pairwise(tokens))]


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
    vocabulary = set().union(*counts.values())
    total_documents = sum(documents.values()) or 1
    denominators = {
        label: sum(counts[label].values()) + _SMOOTHING * max(1, len(vocabulary))
        for label in LABELS
    }
    log_prior = {
        label: math.log((documents[label] + 1) / (total_documents + len(LABELS)))
        for label in LABELS
    }
    log_likelihood = {
        feature: {
            label: math.log((counts[label][feature] + _SMOOTHING) / denominators[label])
            for label in LABELS
        }
        for feature in vocabulary
    }
    return Model(log_prior, log_likelihood)


__all__ = ["CORPUS", "LABELS", "Model", "features", "read_corpus", "train"]
