"""Length control and ROUGE, computed the way the published Multi-News numbers were.

Every system's output is cut to the same number of whitespace words before scoring:
ROUGE F1 rewards length up to the reference's, so without a common cut the longest
system would look best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsfuse.errors import BackendUnavailable, ConfigError

BENCH_EXTRA = "pip install 'newsfuse[bench]'"


@dataclass(frozen=True)
class RougeScores:
    """F1 ×100. ``rouge_l`` is the python ``rouge`` package's ROUGE-L (LongBench's metric)."""

    r1: float
    r2: float
    rlsum: float
    rouge_l: float


def cut_words(sentences: Sequence[str], words: int) -> list[str]:
    """The sentences, in order, until ``words`` whitespace words; the last one is truncated.

    Returns one line per kept sentence (inner whitespace collapsed), ready for ROUGE-Lsum.
    """
    if words <= 0:
        raise ConfigError(f"words must be a positive word count, got {words}")
    lines: list[str] = []
    left = words
    for sentence in sentences:
        tokens = sentence.split()[:left]
        if tokens:
            lines.append(" ".join(tokens))
            left -= len(tokens)
        if left == 0:
            break
    return lines


@lru_cache(maxsize=1)
def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise BackendUnavailable(f"rouge-score is not installed: {BENCH_EXTRA}") from exc
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def rouge_f1(hypothesis: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    """(ROUGE-1, ROUGE-2, ROUGE-Lsum) F1 ×100 from ``rouge-score`` with Porter stemming.

    F1 = 2PR / (P + R), P = overlap / hypothesis n-grams, R = overlap / reference n-grams.
    Both sides are given one sentence per item; they are newline-joined because ROUGE-Lsum
    computes the union LCS of every reference line against every hypothesis line.
    """
    scores = _scorer().score("\n".join(reference), "\n".join(hypothesis))
    return (
        100 * scores["rouge1"].fmeasure,
        100 * scores["rouge2"].fmeasure,
        100 * scores["rougeLsum"].fmeasure,
    )


def longbench_rouge_l(hypothesis: str, reference: str) -> float:
    """ROUGE-L F1 ×100 from the python ``rouge`` package on whole texts, as LongBench does.

    LongBench scores 0 when ``rouge`` raises (it does on an empty hypothesis, "Hypothesis is
    empty.", and can hit the recursion limit on very long sentences); so do we.
    """
    try:
        from rouge import Rouge
    except ImportError as exc:
        raise BackendUnavailable(f"the rouge package is not installed: {BENCH_EXTRA}") from exc
    try:
        scores = Rouge().get_scores(hypothesis, reference, avg=True)
    except (ValueError, RecursionError):
        return 0.0
    return 100 * float(scores["rouge-l"]["f"])


def score(hypothesis: Sequence[str], reference: Sequence[str]) -> RougeScores:
    """All four metrics for one output (sentences) against one reference (sentences)."""
    r1, r2, rlsum = rouge_f1(hypothesis, reference)
    rouge_l = longbench_rouge_l(" ".join(hypothesis), " ".join(reference))
    return RougeScores(r1, r2, rlsum, rouge_l)
