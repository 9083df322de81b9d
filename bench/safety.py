"""Distress classifier figures on the labelled corpora (issue #10): `make bench-safety`.

Prints one JSON line to stdout (the development corpus's figures, with each held-out file's
under its own key, e.g. "heldout_v9") and every phrase that comes out at the wrong level to
stderr. Recall is per level (crisis counts as found for a struggling phrase); the false-alarm
rate is the share of "none" phrases classified as crisis or struggling. Exit status 1 when the
development corpus misses a target, so CI can use it too.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.domain.distress import DistressLevel, classify
from bot.domain.distress_model import CORPUS as MODEL_CORPUS

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CORPUS = MODEL_CORPUS
"""The development corpus: the patterns were tuned on it and the model is trained on it."""
HELDOUT = DATA / "distress_heldout_v9.tsv"
"""The current held-out file: written after the last freeze, never used to tune the patterns."""
HELDOUT_SETS = {"heldout_v9": HELDOUT}

CRISIS_RECALL_TARGET = 0.98
STRUGGLING_RECALL_TARGET = 0.90
FALSE_ALARM_TARGET = 0.03
_TIMING_ROUNDS = 20
TELEGRAM_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class Labelled:
    """One corpus line."""

    level: DistressLevel
    text: str
    line: int


@dataclass(frozen=True)
class Figures:
    """What the benchmark reports for one corpus."""

    corpus: str
    phrases: int
    counts: dict[str, int]
    crisis_recall: float
    struggling_recall: float
    false_alarm_rate: float
    crisis_as_none: int
    microseconds_per_phrase: float
    milliseconds_longest_message: float
    failures: tuple[tuple[Labelled, DistressLevel], ...]

    def meets_targets(self) -> bool:
        """Whether the issue's targets hold."""
        return (
            self.crisis_recall >= CRISIS_RECALL_TARGET
            and self.struggling_recall >= STRUGGLING_RECALL_TARGET
            and self.false_alarm_rate <= FALSE_ALARM_TARGET
        )

    def as_dict(self) -> dict[str, object]:
        """The summary figures."""
        return {
            "corpus": self.corpus,
            "phrases": self.phrases,
            "counts": self.counts,
            "crisis_recall": round(self.crisis_recall, 4),
            "struggling_recall": round(self.struggling_recall, 4),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "crisis_as_none": self.crisis_as_none,
            "us_per_phrase": round(self.microseconds_per_phrase, 1),
            "ms_4096_chars": round(self.milliseconds_longest_message, 2),
            "meets_targets": self.meets_targets(),
        }


def load(path: Path) -> list[Labelled]:
    """Read ``label<TAB>phrase`` lines; ``#`` starts a comment line. Bad lines raise."""
    rows: list[Labelled] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        label, sep, text = raw.partition("\t")
        if not sep or not text.strip():
            raise ValueError(f"{path.name}:{number}: expected label<TAB>phrase")
        rows.append(Labelled(DistressLevel(label.strip()), text, number))
    return rows


def _recall(rows: list[tuple[Labelled, DistressLevel]], level: DistressLevel) -> float:
    """Share of `level` phrases found at that level or higher (crisis counts for struggling)."""
    wanted = [got for row, got in rows if row.level is level]
    if not wanted:
        return 1.0
    if level is DistressLevel.STRUGGLING:
        hits = sum(got is not DistressLevel.NONE for got in wanted)
    else:
        hits = sum(got is level for got in wanted)
    return hits / len(wanted)


def measure(path: Path, timing_rounds: int = _TIMING_ROUNDS) -> Figures:
    """Classify every phrase in the file and time it (`timing_rounds` passes, 0: no timing)."""
    corpus = load(path)
    results = [(row, classify(row.text)) for row in corpus]
    started = time.perf_counter()
    for _ in range(timing_rounds):
        for row in corpus:
            classify(row.text)
    elapsed = time.perf_counter() - started
    longest = " ".join(row.text for row in corpus)[:TELEGRAM_TEXT_LIMIT]
    started = time.perf_counter()
    for _ in range(timing_rounds):
        classify(longest)
    long_elapsed = time.perf_counter() - started
    nones = [got for row, got in results if row.level is DistressLevel.NONE]
    false_alarms = sum(got is not DistressLevel.NONE for got in nones)
    failures = tuple(
        (row, got)
        for row, got in results
        if got is not row.level
        and not (row.level is DistressLevel.STRUGGLING and got is DistressLevel.CRISIS)
    )
    return Figures(
        corpus=path.name,
        phrases=len(corpus),
        counts=dict(Counter(row.level.value for row in corpus)),
        crisis_recall=_recall(results, DistressLevel.CRISIS),
        struggling_recall=_recall(results, DistressLevel.STRUGGLING),
        false_alarm_rate=false_alarms / len(nones) if nones else 0.0,
        crisis_as_none=sum(
            got is DistressLevel.NONE for row, got in results if row.level is DistressLevel.CRISIS
        ),
        microseconds_per_phrase=elapsed / max(1, timing_rounds * len(corpus)) * 1e6,
        milliseconds_longest_message=long_elapsed / max(1, timing_rounds) * 1e3,
        failures=failures,
    )


def main() -> int:
    """Print the figures; non-zero exit when the development corpus misses a target."""
    development = measure(CORPUS)
    heldouts = {key: measure(path) for key, path in HELDOUT_SETS.items() if path.exists()}
    for figures in (development, *heldouts.values()):
        for row, got in figures.failures:
            print(
                f"{figures.corpus}:{row.line}: expected {row.level.value}, got {got.value}: "
                f"{row.text}",
                file=sys.stderr,
            )
    summary = development.as_dict()
    for key, figures in heldouts.items():
        summary[key] = figures.as_dict()
    print(json.dumps(summary), flush=True)
    return 0 if development.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
