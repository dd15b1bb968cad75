"""``newsfuse bench cluster``: story clustering against gold stories, next to two peers.

Data sets (read in place from ``../shared/data``, never copied):

* ``multinews``: the 570 documents of ``multinews200.jsonl`` pooled and shuffled (seed 0);
  gold = the 200 clusters. Documents are read and cleaned exactly as ``newsfuse ingest`` does.
* ``headlines``: ``uci_headlines5000.csv`` (5,000 headlines, 67 gold stories, timestamps).

Peers, run in the same process on the same inputs: TF-IDF + average-link agglomerative
clustering (the threshold picked *with* the gold labels, so optimistic, as in
``data/README.md``), and HDBSCAN on the same embeddings newsfuse uses.

The optional scale part ingests a synthetic stream (:mod:`newsfuse.cluster.synthetic`) into a
fresh SQLite store, each size in its own process so peak memory is measured per size.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsfuse.bench.data import default_data_path, require, shared_dir
from newsfuse.cluster.batch import Record, cluster_records, clustering_embedder, embed_texts
from newsfuse.cluster.metrics import adjusted_rand_index, b_cubed, singleton_rate
from newsfuse.embed import Embedder, Matrix
from newsfuse.models import Article

HEADLINES_FILE = "uci_headlines5000.csv"
TFIDF_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
SCALE_SIZES = (10_000, 30_000, 100_000)
CI_SCALE_SIZES = (1_000, 3_000)
CEILING = "ceiling"  # rows computed from the gold labels, not by a system


@dataclass(frozen=True)
class Dataset:
    name: str
    records: list[Record]
    gold: list[str]


@dataclass(frozen=True)
class ClusterRow:
    """One system on one data set."""

    dataset: str
    system: str
    precision: float
    recall: float
    f1: float
    ari: float
    singletons: float
    clusters: int
    seconds: float
    note: str = ""


@dataclass(frozen=True)
class ScaleRow:
    articles: int
    seconds: float
    peak_mb: float
    stories: int
    f1: float
    embedder: str


@dataclass
class ClusterBench:
    rows: list[ClusterRow] = field(default_factory=list)
    scale: list[ScaleRow] = field(default_factory=list)
    embedder: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"embedder": self.embedder, "rows": [asdict(r) for r in self.rows],
                "scale": [asdict(r) for r in self.scale]}


# -- data -----------------------------------------------------------------------------


def load_headlines(path: Path | None = None) -> Dataset:
    from newsfuse.cluster.batch import read_records

    path = require(path or shared_dir() / "data" / HEADLINES_FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        gold = [row["story"] for row in csv.DictReader(fh)]
    return Dataset("headlines", read_records(path), gold)


def load_multinews_pool(path: Path | None = None, seed: int = 0) -> Dataset:
    """Every document of every cluster, cleaned like ingest, shuffled with ``seed``."""
    from newsfuse.bench.data import load_clusters
    from newsfuse.pipeline import from_texts

    pool: list[tuple[Record, str]] = []
    for cluster in load_clusters(require(path or default_data_path())):
        # from_texts skips blank documents and names each "<cluster id>#<index>".
        for article in from_texts(cluster.documents, origin=cluster.id):
            pool.append((Record(article.origin, article.title, article.text), cluster.id))
    random.Random(seed).shuffle(pool)
    return Dataset("multinews", [r for r, _ in pool], [g for _, g in pool])


# -- systems --------------------------------------------------------------------------


def _row(data: Dataset, system: str, labels: Sequence[object], seconds: float,
         note: str = "") -> ClusterRow:
    b3 = b_cubed(list(labels), data.gold)
    return ClusterRow(data.name, system, b3.precision, b3.recall, b3.f1,
                      adjusted_rand_index(list(labels), data.gold),
                      singleton_rate(list(labels)), len(set(labels)), seconds, note)


def run_newsfuse(data: Dataset, embedder: Embedder, vectors: Matrix) -> ClusterRow:
    start = time.perf_counter()
    labels = cluster_records(data.records, embedder=embedder, vectors=vectors)
    return _row(data, "newsfuse (incremental)", [labels[r.id] for r in data.records],
                time.perf_counter() - start)


def run_tfidf_peer(data: Dataset) -> ClusterRow:
    """TF-IDF (sublinear tf, English stop words), average-link on cosine distance; the
    best of :data:`TFIDF_THRESHOLDS` by B³ F1 against the gold labels (optimistic)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics.pairwise import cosine_distances

    start = time.perf_counter()
    matrix = _tfidf(data)
    # Precomputed distances: a document with no vocabulary word (an all-zero row) would make
    # sklearn's cosine metric refuse the whole set; here it is simply far from everything.
    distances = np.clip(cosine_distances(matrix), 0.0, None)
    best: ClusterRow | None = None
    for threshold in TFIDF_THRESHOLDS:
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=threshold).fit(distances)
        row = _row(data, "TF-IDF + agglomerative", list(model.labels_), 0.0,
                   f"threshold {threshold} (best by gold)")
        if best is None or row.f1 > best.f1:
            best = row
    assert best is not None
    return ClusterRow(**{**asdict(best), "seconds": time.perf_counter() - start})


def _tfidf(data: Dataset) -> Any:
    """TF-IDF rows (sublinear tf, English stop words) of each record's title and text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r.summary if not r.text else f"{r.title or ''}\n{r.text}" for r in data.records]
    return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)


def run_hdbscan_peer(data: Dataset, vectors: Matrix) -> ClusterRow:
    """sklearn HDBSCAN (min_cluster_size 2) on the same embeddings; noise = singletons."""
    from sklearn.cluster import HDBSCAN

    start = time.perf_counter()
    raw = HDBSCAN(min_cluster_size=2, metric="euclidean", copy=True).fit(vectors).labels_
    labels = [int(x) if x >= 0 else -1 - i for i, x in enumerate(raw)]
    return _row(data, "HDBSCAN (same embeddings)", labels, time.perf_counter() - start)


# -- ceilings --------------------------------------------------------------------------
#
# What the gold labels allow at all. The Multi-News clusters were scraped from the web, so
# some "documents" are an archive notice or a social network's location notice, the same
# words filed under many stories; and some articles share too little with their story for
# any likeness to find it. These rows are computed from the gold labels, so they are no
# system: they say how far the best a clusterer could do is from 1.0.


def junk_ceiling(data: Dataset) -> ClusterRow | None:
    """Gold stories, with every page :func:`.features.is_junk` calls junk left alone:
    a clusterer that makes no other mistake scores this. None when no page is junk."""
    from newsfuse.cluster.features import is_junk

    junk = [is_junk(r.title, r.text or "") for r in data.records]
    if not any(junk):
        return None
    labels = [f"junk {i}" if j else g for i, (g, j) in enumerate(zip(data.gold, junk, strict=True))]
    return _row(data, f"{CEILING}: gold, junk pages alone", labels, 0.0,
                f"{sum(junk)} junk pages; computed from the gold labels")


def nearest_story_ceiling(data: Dataset, vectors: Matrix) -> ClusterRow:
    """Every article told the gold story of every *other* article: it joins the story
    whose mean is closest to it, under TF-IDF or under the embeddings (whichever is
    right, so generous), and stays alone where both pick another story."""
    from sklearn.preprocessing import normalize

    words = _tfidf(data)
    stories = sorted(set(data.gold))
    column = {g: k for k, g in enumerate(stories)}
    own = np.array([column[g] for g in data.gold])
    found = np.zeros(len(own), dtype=bool)
    for view in (normalize(words), normalize(np.asarray(vectors, dtype=np.float64))):
        found |= _closest_story(view, own, len(stories)) == own
    labels = [g if ok else f"alone {i}"
              for i, (g, ok) in enumerate(zip(data.gold, found, strict=True))]
    return _row(data, f"{CEILING}: nearest gold story", labels, 0.0,
                "each article knows all others' gold stories; computed from the gold labels")


def _closest_story(view: Any, own: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.int64]:
    """For each row of ``view`` (unit vectors, dense or sparse), the story (column of
    ``own``) whose summed vector, without the row itself, has the highest cosine; -1 for
    a row that is like no story."""
    member = np.zeros((view.shape[0], k))
    member[np.arange(view.shape[0]), own] = 1.0
    sums = np.asarray((view.T @ member).T)  # per story, its rows summed (sparse @ dense too)
    dots = np.asarray(view @ sums.T)  # row · story sum
    norms2 = (sums * sums).sum(axis=1)
    rows = np.arange(len(own))
    # The article's own story without the article: (sum - x)·x and |sum - x|².
    own_dot = dots[rows, own] - 1.0
    own_norm2 = norms2[own] - 2.0 * dots[rows, own] + 1.0
    cos = dots / np.sqrt(np.maximum(norms2, 1e-12))
    cos[rows, own] = np.where(own_norm2 > 1e-9, own_dot / np.sqrt(np.maximum(own_norm2, 1e-12)),
                              -np.inf)
    best = cos.argmax(axis=1)
    # A row like no story at all (no word in the vocabulary) finds none.
    return np.where(cos[rows, best] > 0.0, best, -1).astype(np.int64)


def run_dataset(data: Dataset, embedder: Embedder, peers: bool = True) -> list[ClusterRow]:
    start = time.perf_counter()
    vectors = embed_texts(embedder, [r.summary for r in data.records])
    embed_seconds = time.perf_counter() - start
    ours = run_newsfuse(data, embedder, vectors)
    rows = [ClusterRow(**{**asdict(ours), "seconds": ours.seconds + embed_seconds,
                          "note": f"{embedder.name}; embedding {embed_seconds:.0f} s"})]
    if peers:
        rows += [run_tfidf_peer(data), run_hdbscan_peer(data, vectors)]
        junk = junk_ceiling(data)
        rows += [*([junk] if junk else []), nearest_story_ceiling(data, vectors)]
    return rows


# -- scale ----------------------------------------------------------------------------


def scale_one(n: int, embedder: str = "hashing", batch_size: int = 500,
              workers: int | None = None) -> ScaleRow:
    """Ingest ``n`` synthetic articles into a fresh SQLite store; time, peak RSS, B³ F1.

    Ingest runs as ``newsfuse ingest`` does (``workers``: featurizing processes, None for
    the default). Peak memory is this process's plus its largest worker's.
    """
    import resource

    from newsfuse.cluster.synthetic import stream
    from newsfuse.store import IngestSession, IngestSummary, ingest_articles, open_store

    gold: dict[str, int] = {}

    def articles() -> Iterator[Article]:
        for item in stream(n, seed=1):
            gold[item.article.id] = item.story
            yield item.article

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = open_store(f"sqlite:///{tmp}/scale.db")
        session = IngestSession(store, embedder)
        ingest_articles(session, articles(), IngestSummary(), batch_size=batch_size,
                        workers=workers)
        seconds = time.perf_counter() - start
        assert session.clusterer is not None
        labels = session.clusterer.labels()
        keys = sorted(labels)
        f1 = b_cubed([labels[k] for k in keys], [gold[k] for k in keys]).f1
        store.close()
    peak_kb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
               + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return ScaleRow(n, seconds, peak_kb / 1024, len(set(labels.values())), f1,
                    session.embedder.name)


def run_scale(sizes: Sequence[int], embedder: str = "hashing",
              workers: int | None = None) -> list[ScaleRow]:
    """Each size in a fresh process (so peak memory is that size's alone)."""
    rows = []
    for n in sizes:
        code = ("import json, sys, dataclasses; from newsfuse.bench.cluster import scale_one; "
                "w = None if sys.argv[3] == 'auto' else int(sys.argv[3]); "
                "print(json.dumps(dataclasses.asdict(scale_one(int(sys.argv[1]), sys.argv[2], "
                "workers=w))))")
        args = [str(n), embedder, "auto" if workers is None else str(workers)]
        out = subprocess.run([sys.executable, "-c", code, *args], check=True,
                             capture_output=True, text=True, env=dict(os.environ)).stdout
        rows.append(ScaleRow(**json.loads(out.strip().splitlines()[-1])))
    return rows


# -- entry point and table ------------------------------------------------------------


def run_cluster_bench(
    datasets: Sequence[str] = ("multinews", "headlines"),
    *,
    embedder: str | None = None,
    peers: bool = True,
    scale_sizes: Sequence[int] = (),
    scale_embedder: str = "hashing",
    on_progress: Callable[[str], None] | None = None,
) -> ClusterBench:
    """Quality on the chosen data sets (+ peers), and optionally the scale table."""
    scale: list[ScaleRow] = []
    if scale_sizes:
        # First, while this process is small: Linux carries a process's peak RSS over
        # fork + exec, so a size's process started after the model is loaded would report
        # this process's peak as its own.
        if on_progress is not None:
            on_progress(f"scale: {', '.join(map(str, scale_sizes))} synthetic articles")
        scale = run_scale(scale_sizes, scale_embedder)
    model = clustering_embedder(embedder)
    bench = ClusterBench(embedder=model.name, scale=scale)
    loaders = {"multinews": load_multinews_pool, "headlines": load_headlines}
    for name in datasets:
        if on_progress is not None:
            on_progress(f"clustering {name}")
        bench.rows += run_dataset(loaders[name](), model, peers)
    return bench


def format_cluster_table(bench: ClusterBench) -> str:
    """Markdown tables: quality per data set and system, then time/memory per size."""
    lines = ["| data | system | B³ P | B³ R | B³ F1 | ARI | singletons | clusters | time | note |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in bench.rows:
        took = "—" if r.system.startswith(CEILING) else f"{r.seconds:.1f} s"
        lines.append(f"| {r.dataset} | {r.system} | {r.precision:.3f} | {r.recall:.3f} | "
                     f"**{r.f1:.3f}** | {r.ari:.3f} | {r.singletons:.1%} | {r.clusters} | "
                     f"{took} | {r.note} |")
    if bench.scale:
        lines += ["", "| articles | time | articles/s | peak memory | stories | B³ F1 | embedder |",
                  "|---|---|---|---|---|---|---|"]
        for s in bench.scale:
            lines.append(f"| {s.articles:,} | {s.seconds:.0f} s | {s.articles / s.seconds:.0f} | "
                         f"{s.peak_mb:.0f} MB | {s.stories:,} | {s.f1:.3f} | {s.embedder} |")
    return "\n".join(lines)


def vectors_for(records: Sequence[Record], embedder: Embedder) -> Matrix:
    """The embeddings newsfuse clusters on (exposed so tuning can cache them)."""
    return np.asarray(embed_texts(embedder, [r.summary for r in records]), dtype=np.float32)
