"""``newsfuse bench analyze``: speed, memory and output counts of the report, plus its gold set.

Throughput runs :func:`~newsfuse.report.analyze` over Multi-News clusters (and the seed
story when present); articles are prepared and the models loaded before timing, so
clusters/s covers only the analysis. Quality is measured on the report's own fictional gold
set: conflict precision/recall and attribution speaker accuracy.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.bench.data import default_data_path, load_clusters, shared_dir
from newsfuse.models import Article

MEMORY_CLUSTERS = 5
TARGETS = {"clusters_per_second": 2.0, "conflict_precision": 0.9, "speaker_accuracy": 0.9}
SECTIONS = ("claims", "conflicts", "disputes", "unique", "timeline", "notes")


@dataclass
class AnalyzeBenchResult:
    """What one run measured; ``counts`` are totals per report section over the clusters."""

    data_path: str
    clusters: int
    seconds: float
    peak_bytes: int
    counts: dict[str, int] = field(default_factory=dict)
    seed: dict[str, int] = field(default_factory=dict)
    gold: dict[str, Any] = field(default_factory=dict)
    speaker_accuracy: float | None = None
    embedder: str = ""
    tagger: str = ""

    @property
    def clusters_per_second(self) -> float:
        return self.clusters / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["clusters_per_second"] = round(self.clusters_per_second, 3)
        return out


def run_analyze_bench(data_path: Path | None = None, limit: int | None = None, *,
                      embedder: str | None = None, tagger: str | None = None,
                      gold: bool = True) -> AnalyzeBenchResult:
    """Analyse every cluster once (timed), then the first few again under tracemalloc."""
    from newsfuse.embed import get_embedder
    from newsfuse.pipeline import from_texts
    from newsfuse.report import analyze

    path = data_path or default_data_path()
    stories = [from_texts(c.documents, origin=c.id) for c in load_clusters(path, limit)]
    emb = get_embedder(embedder)
    emb.embed(["warm-up: load the model before timing"])
    counts = dict.fromkeys(SECTIONS, 0)
    start = time.perf_counter()
    for articles in stories:
        _count(counts, analyze(articles, embedder=emb.name, tagger=tagger).to_dict())
    seconds = time.perf_counter() - start
    result = AnalyzeBenchResult(str(path), len(stories), seconds, _peak(stories, emb.name, tagger),
                                counts, embedder=emb.name, tagger=tagger or "rules")
    result.seed = _seed_counts(emb.name, tagger)
    if gold:
        from newsfuse.report.gold import evaluate, speaker_accuracy

        result.gold = evaluate(embedder=emb.name, tagger=tagger).to_dict()
        result.speaker_accuracy = speaker_accuracy(tagger or "rules")["speaker_accuracy"]
    return result


def _count(counts: dict[str, int], report: dict[str, Any]) -> None:
    for name in SECTIONS:
        counts[name] += len(report[name])


def _peak(stories: list[list[Article]], embedder: str, tagger: str | None) -> int:
    from newsfuse.report import analyze

    tracemalloc.start()
    try:
        for articles in stories[:MEMORY_CLUSTERS]:
            analyze(articles, embedder=embedder, tagger=tagger)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _seed_counts(embedder: str, tagger: str | None) -> dict[str, int]:
    """Section sizes for the seed story, when ../shared/seeds is present."""
    from newsfuse.pipeline import read
    from newsfuse.report import analyze

    seeds = sorted((shared_dir() / "seeds").glob("*.txt"))
    if not seeds:
        return {}
    counts = dict.fromkeys(SECTIONS, 0)
    _count(counts, analyze(read(seeds).articles, embedder=embedder, tagger=tagger).to_dict())
    return counts


def format_analyze_table(result: AnalyzeBenchResult) -> str:
    """Plain-text table: measured value, target, and whether it is met."""
    rows = [
        ("clusters", str(result.clusters), ""),
        ("clusters/s (analysis only)", f"{result.clusters_per_second:.2f}",
         f"≥ {TARGETS['clusters_per_second']}"),
        ("peak MB (tracemalloc, first "
         f"{MEMORY_CLUSTERS})", f"{result.peak_bytes / 1e6:.1f}", ""),
    ]
    rows += [(f"{name} (total)", str(n), "") for name, n in result.counts.items()]
    rows += [(f"seed {name}", str(n), "") for name, n in result.seed.items()]
    if result.gold:
        rows.append(("gold conflict precision", f"{result.gold['conflict_precision']:.2f}",
                     f"≥ {TARGETS['conflict_precision']}"))
        rows.append(("gold conflict recall", f"{result.gold['conflict_recall']:.2f}", ""))
        rows.append(("gold disputes found",
                     f"{result.gold['disputes_found']}/{result.gold['disputes_gold']}", ""))
    if result.speaker_accuracy is not None:
        rows.append(("gold speaker accuracy", f"{result.speaker_accuracy:.2f}",
                     f"≥ {TARGETS['speaker_accuracy']}"))
    width = max(len(r[0]) for r in rows)
    head = f"Analysis on {result.clusters} clusters ({result.embedder}, tagger {result.tagger})"
    lines = [head, "-" * len(head)]
    lines += [f"{name:<{width}}  {value:>8}  {target}".rstrip() for name, value, target in rows]
    return "\n".join(lines)
