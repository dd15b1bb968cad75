"""A small gold set for the report: fictional clusters with known conflicts and look-alikes.

``data/gold.json`` holds clusters written for newsfuse (no third-party text): their articles,
the conflicts a careful editor would report (kind + the two sources), the disputes (which
party asserts, which denies) and wire copies. Look-alikes (different days, units, times of
day) are part of the text, so any false conflict they cause costs precision.
``data/attribution.jsonl`` holds the clusters' attributed sentences in the claims gold format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.models import Article
from newsfuse.pipeline import prepare
from newsfuse.report.core import analyze
from newsfuse.report.types import Report

DATA = Path(__file__).with_name("data")
GOLD_CLUSTERS = DATA / "gold.json"
ATTRIBUTION_GOLD = DATA / "attribution.jsonl"


@dataclass
class GoldScore:
    """Conflict precision/recall over the gold clusters (and every mismatch, to debug).

    precision = predicted conflicts that match a gold conflict ÷ predicted conflicts;
    recall = gold conflicts matched ÷ gold conflicts. A prediction matches when its kind is
    the gold kind and its sides cite exactly the gold pair of sources (wire copies of a
    source count as that source).
    """

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    disputes_gold: int = 0
    disputes_found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"conflict_precision": round(self.precision, 4),
                "conflict_recall": round(self.recall, 4), "predicted": self.predicted,
                "gold": self.gold, "disputes_gold": self.disputes_gold,
                "disputes_found": self.disputes_found, "errors": self.errors}


def load_clusters(path: Path = GOLD_CLUSTERS) -> list[dict[str, Any]]:
    clusters: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["clusters"]
    return clusters


def articles_of(cluster: dict[str, Any]) -> list[Article]:
    """The cluster's articles, cleaned and split like any input (first line = headline)."""
    out = []
    for item in cluster["articles"]:
        article = Article(id=item["id"], origin=f"gold:{item['id']}", raw_text=item["text"],
                          outlet=item.get("outlet"), published=item.get("published"))
        out.append(prepare(article))
    return out


def evaluate(*, embedder: str | None = None, tagger: str | None = None,
             path: Path = GOLD_CLUSTERS) -> GoldScore:
    """Run :func:`~newsfuse.report.analyze` on every gold cluster and score it."""
    score = GoldScore()
    for cluster in load_clusters(path):
        report = analyze(articles_of(cluster), embedder=embedder, tagger=tagger)
        _score_conflicts(score, cluster, report)
        _score_disputes(score, cluster, report)
    return score


def _canonical(cluster: dict[str, Any]) -> dict[str, str]:
    """Wire copies map to the first article of their group."""
    out: dict[str, str] = {}
    for group in cluster.get("wire_copies", []):
        for member in group:
            out[member] = group[0]
    return out


def _score_conflicts(score: GoldScore, cluster: dict[str, Any], report: Report) -> None:
    canon = _canonical(cluster)
    gold = [(g["kind"], frozenset(canon.get(s, s) for s in g["sources"]))
            for g in cluster["conflicts"]]
    score.gold += len(gold)
    matched = set()
    for conflict in report.conflicts:
        score.predicted += 1
        key = (conflict.kind, frozenset(canon.get(s, s) for s in conflict.sources))
        if key in gold:
            score.correct += 1
            matched.add(key)
        else:
            score.errors.append(f"{cluster['id']}: false conflict {conflict.about!r}")
    score.found += len(matched)
    score.errors += [f"{cluster['id']}: missed {k} conflict" for k, _ in set(gold) - matched]


def _score_disputes(score: GoldScore, cluster: dict[str, Any], report: Report) -> None:
    for want in cluster["disputes"]:
        score.disputes_gold += 1
        if any(_has_party(d.parties, "assert", want["assert"])
               and _has_party(d.parties, "deny", want["deny"]) for d in report.disputes):
            score.disputes_found += 1
        else:
            score.errors.append(f"{cluster['id']}: missed dispute {want}")


def _has_party(parties: list[Any], stance: str, word: str) -> bool:
    return any(p.stance == stance and word in p.party.lower() for p in parties)


def speaker_accuracy(tagger: str | None = "rules") -> dict[str, Any]:
    """Attribution accuracy on the report's sentences (scored by the claims gold scorer)."""
    from newsfuse.claims import evaluate_gold

    return evaluate_gold(ATTRIBUTION_GOLD, tagger=tagger)
