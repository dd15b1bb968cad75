"""Nearest-neighbour search over article vectors: usearch (HNSW) when installed, else exact.

Vectors are L2-normalised, so inner product = cosine similarity. The exact numpy fallback
keeps newsfuse working without usearch; it is fine up to some tens of thousands of articles.

:class:`WindowedIndex` partitions vectors by publication day: clustering only links articles
within a few days of each other, so a search reads the buckets near the query's day instead
of the whole history, and its cost stays flat as a store grows over months.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Hit:
    """One neighbour: the article's row number in the index and its cosine similarity."""

    row: int
    similarity: float


class VectorIndex:
    """Append-only index of unit vectors addressed by row number (0, 1, 2, … in add order)."""

    def __init__(self, dims: int, *, exact: bool = False) -> None:
        self.dims = dims
        self._size = 0
        self._usearch: Any = None
        self._rows = np.zeros((0, dims), dtype=np.float32)
        if not exact and importlib.util.find_spec("usearch") is not None:
            from usearch.index import Index

            # Half precision: the graph walk is bound by memory reads of 1024-dim vectors, so
            # f16 is ~30% faster and halves the index; measured recall of the exact 12
            # nearest stays the same (0.91 vs 0.91 on the synthetic stream at 30k).
            self._usearch = Index(ndim=dims, metric="ip", dtype="f16", connectivity=16)

    @property
    def backend(self) -> str:
        return "usearch" if self._usearch is not None else "exact"

    def __len__(self) -> int:
        return self._size

    def add(self, vectors: npt.NDArray[np.float32]) -> None:
        if not len(vectors):
            return
        keys = np.arange(self._size, self._size + len(vectors), dtype=np.uint64)
        if self._usearch is not None:
            # One thread: one vector per call, and the other core featurizes the next batch.
            self._usearch.add(keys, np.ascontiguousarray(vectors, dtype=np.float32), threads=1)
        else:
            self._rows = grow(self._rows, self._size + len(vectors))
            self._rows[self._size : self._size + len(vectors)] = vectors
        self._size += len(vectors)

    def search(self, vector: npt.NDArray[np.float32], k: int) -> list[Hit]:
        """The ``k`` most similar indexed vectors, most similar first."""
        if self._size == 0:
            return []
        k = min(k, self._size)
        if self._usearch is not None:
            found = self._usearch.search(np.ascontiguousarray(vector, dtype=np.float32), k,
                                         threads=1)
            return [
                Hit(int(key), 1.0 - float(dist))
                for key, dist in zip(found.keys, found.distances, strict=True)
            ]
        sims = self._rows[: self._size] @ vector
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top])]
        return [Hit(int(i), float(sims[i])) for i in top]


class WindowedIndex:
    """Unit vectors bucketed by day; a dated search reads only the buckets near its day.

    Rows are numbered in add order across all buckets, as in :class:`VectorIndex`. Each
    bucket spans ``max(window_days, 1)`` days and is a :class:`VectorIndex` of its own.
    A search on ``day`` reads the buckets overlapping ``[day - window_days, day +
    window_days]`` plus the undated bucket (an undated article may belong anywhere); an
    undated search reads every bucket, so an all-undated collection is one global index.
    """

    def __init__(self, dims: int, window_days: int, *, exact: bool = False) -> None:
        self.dims = dims
        self.window_days = window_days
        self.bucket_days = max(window_days, 1)
        self._exact = exact
        self._buckets: dict[int | None, VectorIndex] = {}
        self._rows: dict[int | None, list[int]] = {}  # bucket row → global row
        self._size = 0
        usearch = not exact and importlib.util.find_spec("usearch") is not None
        self.backend = "usearch" if usearch else "exact"  # what each bucket's index will use

    def __len__(self) -> int:
        return self._size

    def add(self, vectors: npt.NDArray[np.float32], day: int | None) -> None:
        """Append ``vectors`` (all published on ``day``) as the next global rows."""
        if not len(vectors):
            return
        key = bucket_of(day, self.bucket_days)
        if key not in self._buckets:
            self._buckets[key] = VectorIndex(self.dims, exact=self._exact)
            self._rows[key] = []
        self._buckets[key].add(vectors)
        self._rows[key].extend(range(self._size, self._size + len(vectors)))
        self._size += len(vectors)

    def search(self, vector: npt.NDArray[np.float32], k: int, day: int | None) -> list[Hit]:
        """The ``k`` most similar vectors among those near ``day``, most similar first."""
        keys = buckets_near(day, self.window_days, self.bucket_days, self._buckets)
        hits: list[Hit] = []
        for key in keys:
            rows = self._rows[key]
            hits += [Hit(rows[h.row], h.similarity) for h in self._buckets[key].search(vector, k)]
        if len(keys) > 1:  # one bucket's hits keep their index's order, as VectorIndex's
            hits.sort(key=lambda h: -h.similarity)
        return hits[:k]


def bucket_of(day: int | None, width: int) -> int | None:
    """The bucket of ``width`` days holding ``day`` (None: the undated bucket)."""
    return None if day is None else day // width


def buckets_near(
    day: int | None, window: int, width: int, present: Collection[int | None],
) -> list[int | None]:
    """The ``present`` buckets a search on ``day`` reads: those overlapping ``[day − window,
    day + window]`` and the undated one; all of them for an undated ``day``."""
    if day is None:
        return list(present)
    first, last = (day - window) // width, (day + window) // width
    return [key for key in (None, *range(first, last + 1)) if key in present]


def grow(rows: npt.NDArray[np.float32], needed: int) -> npt.NDArray[np.float32]:
    """``rows`` with room for ``needed`` rows, doubling so appends cost O(1) amortised."""
    if needed <= len(rows):
        return rows
    bigger = np.zeros((max(needed, 2 * len(rows), 64), rows.shape[1]), dtype=np.float32)
    bigger[: len(rows)] = rows
    return bigger
