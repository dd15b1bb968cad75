"""``newsfuse bench analyze`` on a few clusters of the shared evaluation data."""

from __future__ import annotations

from pathlib import Path

from newsfuse.bench.analyze import SECTIONS, format_analyze_table, run_analyze_bench


def test_bench_analyze_counts_and_table(multinews_path: Path) -> None:
    result = run_analyze_bench(multinews_path, limit=2, embedder="hashing")
    assert result.clusters == 2 and result.seconds > 0 and result.peak_bytes > 0
    assert set(result.counts) == set(SECTIONS) and result.counts["claims"] > 0
    assert result.gold["conflict_precision"] >= 0.9
    assert result.speaker_accuracy is not None and result.speaker_accuracy >= 0.9
    table = format_analyze_table(result)
    assert "clusters/s" in table and "gold conflict precision" in table
    assert result.to_dict()["clusters_per_second"] > 0
