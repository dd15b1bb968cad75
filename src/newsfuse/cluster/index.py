"""Nearest-neighbour search over article vectors: usearch (HNSW) when installed, else exact.

Vectors are L2-normalised, so inner product = cosine similarity. The exact numpy fallback
keeps newsfuse working without usearch; it is fine up to some tens of thousands of articles.
"""

from __future__ import annotations

import importlib.util
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


def grow(rows: npt.NDArray[np.float32], needed: int) -> npt.NDArray[np.float32]:
    """``rows`` with room for ``needed`` rows, doubling so appends cost O(1) amortised."""
    if needed <= len(rows):
        return rows
    bigger = np.zeros((max(needed, 2 * len(rows), 64), rows.shape[1]), dtype=np.float32)
    bigger[: len(rows)] = rows
    return bigger
