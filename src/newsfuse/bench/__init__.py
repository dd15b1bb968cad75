"""Benchmarks: ``newsfuse bench summarize`` compares newsfuse with the peers on Multi-News.

Library entry points: :func:`run_summarize_bench` runs and scores the systems,
:func:`format_table` / :func:`build_table` present the result, :func:`quality_floor_check`
is the CI gate (pinned floors plus a pinned hash of the evaluation file).
"""

from newsfuse.bench.data import MULTINEWS_SHA256, BenchDataMissing, Cluster, load_clusters
from newsfuse.bench.metrics import RougeScores, cut_words, longbench_rouge_l, rouge_f1
from newsfuse.bench.runner import (
    CI_FLOORS,
    CI_LIMIT,
    DEFAULT_WORDS,
    BenchResult,
    FloorViolation,
    Skipped,
    SystemResult,
    quality_floor_check,
    run_summarize_bench,
)
from newsfuse.bench.systems import SYSTEM_KEYS, round_robin
from newsfuse.bench.table import build_table, format_table

__all__ = [
    "CI_FLOORS",
    "CI_LIMIT",
    "DEFAULT_WORDS",
    "MULTINEWS_SHA256",
    "SYSTEM_KEYS",
    "BenchDataMissing",
    "BenchResult",
    "Cluster",
    "FloorViolation",
    "RougeScores",
    "Skipped",
    "SystemResult",
    "build_table",
    "cut_words",
    "format_table",
    "load_clusters",
    "longbench_rouge_l",
    "quality_floor_check",
    "rouge_f1",
    "round_robin",
    "run_summarize_bench",
]
