"""Run the systems over the same clusters, score them, and gate on pinned quality floors.

Timing is fair by construction: articles are prepared (read → clean → segment) once, before
any system runs, and each system's wall time covers only its own summarizing. Each system
summarizes the first cluster once before its clock starts, so loading a model (MiniLM's ONNX
session, ~0.3 s) is not billed to throughput, as ``newsfuse bench analyze`` does too. Memory is
measured in a second, shorter pass because tracemalloc slows pure-Python code unevenly and
would distort the timings.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.bench import data, metrics
from newsfuse.bench.systems import SYSTEM_KEYS, BenchSystem, build_system
from newsfuse.errors import BackendUnavailable, ConfigError
from newsfuse.models import Article

if TYPE_CHECKING:
    from newsfuse.llm import LLM

DEFAULT_WORDS = 230  # the mean Multi-News reference length
MEMORY_CLUSTERS = 10
MEMORY_METHOD = "tracemalloc peak (Python + numpy allocations; native libraries not counted)"


@dataclass(frozen=True)
class SystemResult:
    """One system's mean scores over the clusters, its speed and its memory peak."""

    key: str
    label: str
    r1: float
    r2: float
    rlsum: float
    rouge_l: float
    clusters: int
    seconds: float
    peak_bytes: int | None
    # Clusters on which the system raised (e.g. sumy LSA's SVD not converging): scored as an
    # empty summary, so a crash costs that system its score instead of stopping the run.
    failed: int = 0

    @property
    def clusters_per_second(self) -> float:
        return self.clusters / self.seconds if self.seconds > 0 else float("inf")


@dataclass(frozen=True)
class Skipped:
    """A system that could not run here, and why (e.g. an extra that is not installed)."""

    key: str
    reason: str


@dataclass
class BenchResult:
    """Everything one benchmark run measured, plus what it ran on."""

    data_path: Path
    data_sha256: str
    clusters: int
    words: int
    prepare_seconds: float
    memory_clusters: int
    systems: list[SystemResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    memory_method: str = MEMORY_METHOD

    @property
    def data_matches_pin(self) -> bool:
        return self.data_sha256 == data.MULTINEWS_SHA256

    def system(self, key: str) -> SystemResult | None:
        return next((s for s in self.systems if s.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["data_path"] = str(self.data_path)
        out["data_matches_pin"] = self.data_matches_pin
        for row, system in zip(out["systems"], self.systems, strict=True):
            row["clusters_per_second"] = system.clusters_per_second
        return out


@dataclass(frozen=True)
class Prepared:
    """A cluster's cleaned articles and its reference split into sentences."""

    articles: list[Article]
    reference: list[str]


def run_summarize_bench(
    data_path: str | Path | None = None,
    *,
    limit: int | None = None,
    words: int = DEFAULT_WORDS,
    systems: Sequence[str] | None = None,
    embedder: str | None = None,
    memory_clusters: int = MEMORY_CLUSTERS,
    on_system: Callable[[str], None] | None = None,
    llm: LLM | None = None,
) -> BenchResult:
    """Score every system on the first ``limit`` clusters, all outputs cut to ``words`` words.

    ``systems`` is a subset of :data:`SYSTEM_KEYS` (all by default); a system that cannot be
    built here is listed in ``result.skipped`` with the reason. ``memory_clusters`` (0 to
    skip) sets how many clusters the memory pass runs over. ``on_system`` is called with each
    system's label before it runs (for progress output). ``llm`` enables the
    ``newsfuse-llm`` row (the LLM shortening pass).
    """
    _check_options(limit, words, systems)
    path = data.require(Path(data_path) if data_path else data.default_data_path())
    clusters = data.load_clusters(path, limit)
    started = time.perf_counter()
    prepared = [_prepare(c) for c in clusters]
    result = BenchResult(
        path,
        data.file_sha256(path),
        len(clusters),
        words,
        time.perf_counter() - started,
        min(memory_clusters, len(clusters)),
    )
    for system in _build_all(systems or SYSTEM_KEYS, embedder, result.skipped, llm):
        if on_system is not None:
            on_system(system.label)
        result.systems.append(_run_system(system, prepared, words, result.memory_clusters))
    return result


def _check_options(limit: int | None, words: int, systems: Sequence[str] | None) -> None:
    if limit is not None and limit <= 0:
        raise ConfigError(f"limit must be a positive number of clusters, got {limit}")
    if words <= 0:
        raise ConfigError(f"words must be a positive word count, got {words}")
    unknown = sorted(set(systems or ()) - set(SYSTEM_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown system(s) {', '.join(unknown)}: choose from {', '.join(SYSTEM_KEYS)}"
        )


def _prepare(cluster: data.Cluster) -> Prepared:
    from newsfuse.pipeline import from_texts
    from newsfuse.segment import split

    articles = from_texts(list(cluster.documents), origin=cluster.id)
    return Prepared(articles, [s.text for s in split(cluster.reference, "reference")])


def _build_all(
    keys: Iterable[str], embedder: str | None, skipped: list[Skipped], llm: LLM | None = None
) -> list[BenchSystem]:
    built: list[BenchSystem] = []
    for key in keys:
        try:
            built.append(build_system(key, embedder=embedder, llm=llm))
        except BackendUnavailable as exc:
            skipped.append(Skipped(key, str(exc)))
    return built


def _run_system(
    system: BenchSystem, prepared: Sequence[Prepared], words: int, memory_clusters: int
) -> SystemResult:
    if prepared:
        _attempt(system, prepared[0], words)  # warm-up: load models before timing
    started = time.perf_counter()
    outputs = [_attempt(system, p, words) for p in prepared]
    seconds = time.perf_counter() - started
    failed = sum(1 for o in outputs if o is None)
    peak = _peak_bytes(system, prepared[:memory_clusters], words) if memory_clusters else None
    scores = [
        metrics.score(metrics.cut_words(o or [], words), p.reference)
        for o, p in zip(outputs, prepared, strict=True)
    ]
    return SystemResult(
        system.key,
        system.label,
        _mean(s.r1 for s in scores),
        _mean(s.r2 for s in scores),
        _mean(s.rlsum for s in scores),
        _mean(s.rouge_l for s in scores),
        len(prepared),
        seconds,
        peak,
        failed,
    )


def _attempt(system: BenchSystem, prepared: Prepared, words: int) -> list[str] | None:
    try:
        return system(prepared.articles, words)
    except Exception:  # a peer's numerical failure on one cluster must not end the run
        return None


def _peak_bytes(system: BenchSystem, prepared: Sequence[Prepared], words: int) -> int:
    """Peak traced allocation while the system summarizes ``prepared`` (after warm-up)."""
    was_tracing = tracemalloc.is_tracing()
    if was_tracing:
        tracemalloc.reset_peak()
    else:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for p in prepared:
            _attempt(system, p, words)
        return max(0, tracemalloc.get_traced_memory()[1] - base)
    finally:
        if not was_tracing:
            tracemalloc.stop()


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


# -- quality gate -----------------------------------------------------------------------------

# Floors for ``limit=20`` on the pinned file, a little under what was measured, so CI fails
# on a real regression but not on float noise. Re-measure and re-pin when the summarizer
# improves; never lower them to make a change pass.
CI_LIMIT = 20
# Measured on the first 20 clusters (selection is model-free, so the default and the
# no-model path score the same): R-1 44.37, R-2 15.04 when first pinned; 44.09 / 14.66 on
# 2026-11-23 (lead 44.22 / 14.51), after quotes without a speaker and first-person lines
# were barred from summaries, a loss the whole set shows too (README, "Benchmark"); 44.91
# / 15.45 on 2026-11-24 with lede support and the dateline fixes, when re-pinned; 45.76 /
# 17.06 later that day once a sentence leaning on the one before could follow it, re-pinned;
# 46.02 / 17.14 on 2026-11-24 (session 16) with sentences talking to the reader left out and
# the splitter's glued-quote fixes, R-1 re-pinned.
CI_FLOORS: dict[str, float] = {"R-1": 45.7, "R-2": 16.8}

_METRICS: dict[str, Callable[[SystemResult], float]] = {
    "R-1": lambda s: s.r1,
    "R-2": lambda s: s.r2,
    "R-Lsum": lambda s: s.rlsum,
    "ROUGE-L": lambda s: s.rouge_l,
}


@dataclass(frozen=True)
class FloorViolation:
    """One reason the quality gate fails, written for the person reading the CI log."""

    system: str
    metric: str
    message: str


def quality_floor_check(
    result: BenchResult, floors: Mapping[str, float] | None = None, *, system: str = "newsfuse"
) -> list[FloorViolation]:
    """What fails the gate: a changed data file, a system that did not run, a score under its floor.

    ``floors`` maps metric names (``R-1``, ``R-2``, ``R-Lsum``, ``ROUGE-L``) to minimum
    scores; :data:`CI_FLOORS` by default. An empty list means the gate passes.
    """
    floors = CI_FLOORS if floors is None else floors
    unknown = sorted(set(floors) - set(_METRICS))
    if unknown:
        raise ConfigError(f"unknown metric(s) {', '.join(unknown)}: use {', '.join(_METRICS)}")
    violations: list[FloorViolation] = []
    if not result.data_matches_pin:
        violations.append(
            FloorViolation(
                system,
                "data",
                (
                    f"{result.data_path} has sha256 {result.data_sha256}, not the pinned "
                    f"{data.MULTINEWS_SHA256}: the floors were measured on another file"
                ),
            )
        )
    measured = result.system(system)
    if measured is None:
        return [*violations, FloorViolation(system, "run", f"{system} did not run")]
    for metric, floor in floors.items():
        value = _METRICS[metric](measured)
        if value < floor:
            violations.append(
                FloorViolation(
                    system, metric, f"{system} {metric} {value:.2f} is below its floor {floor:.2f}"
                )
            )
    return violations
