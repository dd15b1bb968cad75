"""Batch clustering of an article table (JSONL or CSV): the library behind ``newsfuse cluster``.

Rows need ``id`` and ``title``; ``text``, ``published`` and ``outlet`` are used when present
(also read from the columns named in :data:`PUBLISHED_COLUMNS` and :data:`OUTLET_COLUMNS`).
Rows are clustered in ``published`` order (file order when absent), exactly as the store
would assign them one by one, then one last maintenance pass runs.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsfuse.cluster.core import ClusterConfig, Clusterer, config_for
from newsfuse.cluster.features import (
    Features,
    article_tokens,
    day_of,
    hour_of,
    is_junk,
    minhash_of,
    summary_text,
)
from newsfuse.embed import Embedder, HashingEmbedder, Matrix, MiniLMEmbedder, get_embedder
from newsfuse.errors import ConfigError, InputError

# Hashed vectors for clustering are kept small: they live in memory for every article.
HASH_DIMS = 1024
EMBED_BATCH = 256
# Column names read as the publication time and the outlet, first filled one wins.
PUBLISHED_COLUMNS = ("published", "date", "timestamp", "timestamp_ms")
OUTLET_COLUMNS = ("outlet", "publisher", "source")


@dataclass(frozen=True)
class Record:
    """One row to cluster."""

    id: str
    title: str | None = None
    text: str = ""
    published: str | None = None
    outlet: str | None = None

    @property
    def summary(self) -> str:
        return summary_text(self.title, self.text)


def clustering_embedder(name: str | None = None) -> Embedder:
    """MiniLM when installed (or asked for), else hashed words at :data:`HASH_DIMS` dims."""
    if name == "hashing" or (name is None and not MiniLMEmbedder.available()):
        return HashingEmbedder(dims=HASH_DIMS)
    return get_embedder(name or "minilm")


def embed_texts(
    embedder: Embedder, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
) -> Matrix:
    parts = []
    for start in range(0, len(texts), EMBED_BATCH):
        parts.append(embedder.embed(list(texts[start : start + EMBED_BATCH])))
        if on_batch is not None:
            on_batch(len(parts[-1]))
    if not parts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.vstack(parts).astype(np.float32)


def features_for(records: Sequence[Record], vectors: Matrix) -> list[Features]:
    return [
        Features(
            key=r.id,
            vector=vectors[i],
            tokens=article_tokens(r.title, r.text),
            day=day_of(r.published),
            minhash=minhash_of(r.text or r.title or ""),
            junk=is_junk(r.title, r.text),
            hour=hour_of(r.published),
        )
        for i, r in enumerate(records)
    ]


def cluster_records(
    records: Sequence[Record],
    *,
    embedder: Embedder | None = None,
    config: ClusterConfig | None = None,
    vectors: Matrix | None = None,
) -> dict[str, int]:
    """Story label per record id. ``vectors`` (one row per record) skips embedding."""
    embedder = embedder or clustering_embedder()
    if vectors is None:
        vectors = embed_texts(embedder, [r.summary for r in records])
    if not records:
        return {}
    clusterer = Clusterer(vectors.shape[1], config or config_for(embedder.name))
    order = sorted(range(len(records)), key=lambda i: (records[i].published or "", i))
    feats = features_for(records, vectors)
    for i in order:
        clusterer.add(feats[i])
    clusterer.maintain()
    labels = clusterer.labels()
    return {r.id: labels[r.id] for r in records}


def read_records(path: Path) -> list[Record]:
    """Rows of a ``.jsonl`` or ``.csv`` file; a row without id or title is an InputError."""
    if not path.is_file():
        raise InputError(str(path), "does not exist: pass a .jsonl or .csv file of articles")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [_record(row, f"{path}:{n}") for n, row in enumerate(csv.DictReader(fh), 2)]
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                records.append(_record(_json_row(line, f"{path}:{n}"), f"{path}:{n}"))
    return records


def _json_row(line: str, origin: str) -> dict[str, object]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"is not valid JSON ({exc.msg}); fix or remove the line") from exc
    if not isinstance(row, dict):
        raise InputError(origin, "is not a JSON object with id and title")
    return row


def _record(row: dict[str, object], origin: str) -> Record:
    def text(*names: str) -> str | None:
        """The first of ``names`` the row fills (exports name the same column differently)."""
        for name in names:
            value = row.get(name)
            if value is not None and str(value).strip() != "":
                return str(value)
        return None

    ident, title, body = text("id"), text("title"), text("text")
    if ident is None or not (title or body):
        raise InputError(origin, "needs an id and a title or text")
    published = _date(text(*PUBLISHED_COLUMNS))
    return Record(ident, title, body or "", published, text(*OUTLET_COLUMNS))


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    if value.isdigit() and len(value) >= 9:
        import datetime as dt

        # Epoch milliseconds (12+ digits, as in the UCI export) or seconds (9-11 digits).
        seconds = int(value) / 1000 if len(value) >= 12 else int(value)
        stamp = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        return stamp.isoformat(timespec="seconds")
    return value


def cluster_file(
    path: Path, out: Path, *, embedder: str | None = None, config: ClusterConfig | None = None
) -> int:
    """Cluster ``path`` and write ``{"id", "story"}`` per line to ``out``; returns row count."""
    records = read_records(path)
    if len({r.id for r in records}) != len(records):
        raise ConfigError(f"{path}: ids must be unique; rename the repeated ids")
    labels = cluster_records(records, embedder=clustering_embedder(embedder), config=config)
    with out.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({"id": r.id, "story": labels[r.id]}) + "\n")
    return len(records)
