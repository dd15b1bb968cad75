"""Sentence space of one story: embeddings, cross-source similarity, wire-copy origins.

Later stages ask two questions of it: which sentences of *other* sources say the same thing
as this one (citations, corroboration), and how many *independent* origins back a fact —
near-identical wire copies count once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from newsfuse.embed import STOPWORDS as _STOP_SET
from newsfuse.embed import Embedder, Matrix, _stem
from newsfuse.models import Article, Sentence

# Cosine similarity at which two sentences of different sources count as stating the same
# fact, per embedder (hashed bag-of-words scores run lower than MiniLM for paraphrases).
SAME_FACT = {"minilm": 0.72, "hashing": 0.5}
WIRE_COPY_JACCARD = 0.6
# Hashed bag-of-words similarity under which two sentences are never worth a model's look.
PREFILTER = 0.08


@dataclass
class SentenceSpace:
    """All sentences of a story with their vectors and pairwise similarities."""

    articles: list[Article]
    sentences: list[Sentence]
    doc: npt.NDArray[np.int64]  # index into articles, per sentence
    origin: npt.NDArray[np.int64]  # independent-origin id, per sentence
    vectors: Matrix
    sim: Matrix
    same_fact: float

    def supporters(self, i: int, threshold: float | None = None) -> list[int]:
        """Sentences of other articles that state what sentence ``i`` states."""
        limit = self.same_fact if threshold is None else threshold
        hits = np.nonzero((self.sim[i] >= limit) & (self.doc != self.doc[i]))[0]
        mine = self.sentences[i].text
        return [int(j) for j in hits if compatible(mine, self.sentences[int(j)].text)]

    def refine(self, embedder: Embedder, rows: Sequence[int]) -> SentenceSpace:
        """Re-measure similarity of ``rows`` with a better embedder, cheaply.

        Only the answers for ``rows`` (their :meth:`supporters`) are meant to be asked of the
        result. So only ``rows`` and the sentences that could back one of them are embedded
        again (see :meth:`_candidates`); every other pair gets similarity 0. On Multi-News
        this embeds about 40 of 80 sentences a cluster and loses no MiniLM same-fact pair of
        the selected sentences (measured on 15 clusters).
        """
        rows = list(rows)
        keep = sorted(set(rows) | self._candidates(rows))
        vectors = embedder.embed([self.sentences[k].text for k in keep])
        full = np.zeros((len(self.sentences), vectors.shape[1]), dtype=np.float32)
        full[keep] = vectors
        return SentenceSpace(self.articles, self.sentences, self.doc, self.origin, full,
                             full @ full.T, SAME_FACT.get(embedder.name, 0.7))

    def _candidates(self, rows: list[int]) -> set[int]:
        """Sentences that could back one of ``rows``: for each row, those of other articles
        loosely similar to it (``PREFILTER`` on this space) and :func:`compatible` with it.

        Compatibility is the test :meth:`supporters` applies after the model, so dropping
        the others first changes no answer. Nearness and compatibility are asked of the same
        row: a sentence near one row and compatible only with another is almost always too
        far from the second to reach ``same_fact`` under the model. On Multi-News clusters
        0-59 this embeds 1,519 sentences instead of 2,347 (default summaries: 3.3 -> 4.7
        clusters/s); of 2,163 citations on all 200 clusters, 3 go, each a background
        sentence that only shared the topic with the sentence it was said to back.
        """
        found: set[int] = set()
        for i in rows:
            near = np.nonzero((self.sim[i] >= PREFILTER) & (self.doc != self.doc[i]))[0]
            text = self.sentences[i].text
            found.update(int(j) for j in near if compatible(text, self.sentences[int(j)].text))
        return found

    def origin_count(self, indices: Sequence[int]) -> int:
        """How many independent origins the given sentences come from."""
        return len({int(self.origin[i]) for i in indices})


def build_space(articles: Sequence[Article], embedder: Embedder) -> SentenceSpace:
    """Embed every sentence of ``articles`` (in order) and compute their similarities."""
    articles = list(articles)
    sentences = [s for a in articles for s in a.sentences]
    doc = np.array([d for d, a in enumerate(articles) for _ in a.sentences], dtype=np.int64)
    origin_of_doc = np.array(wire_origins(articles), dtype=np.int64)
    vectors = embedder.embed([s.text for s in sentences])
    return SentenceSpace(
        articles=articles,
        sentences=sentences,
        doc=doc,
        origin=origin_of_doc[doc] if len(doc) else doc,
        vectors=vectors,
        sim=vectors @ vectors.T,
        same_fact=SAME_FACT.get(embedder.name, 0.7),
    )


_WORD = re.compile(r"\w+")
_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "dozen"
]
_NUMBER = re.compile(r"\d+(?:[.,‚]\d+)?|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|denied|denies|deny|without)\b|n['’]t\b", re.IGNORECASE
)
# These negate the words right after them ("did not provide warning", "without warning");
# the others ("denied", "neither … nor") put the rest of the sentence in doubt.
_SHORT_NEGATION = frozenset({"not", "no", "never", "without", "n't", "n’t"})
NEGATION_SCOPE = 4  # content words after a short negation that it negates
_CLAUSE_TOKEN = re.compile(r"\w+|[,;:()\u2013\u2014]")
_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "\u2013", "\u2014", "that", "which",
                            "who", "because", "but", "and", "while", "although", "though",
                            "after", "before", "when", "if", "so"})
# Skipped when collecting a sentence's words: negators and the stems of "didn't" & co.
_NEGATORS = frozenset({
    "not", "no", "never", "neither", "nor", "denied", "denies", "deny", "without", "t",
    "didn", "doesn", "don", "isn", "wasn", "aren", "weren", "hasn", "haven", "hadn", "won",
    "wouldn", "couldn", "shouldn", "can", "cannot"})
_WORD_VALUE = {w: str(n) for n, w in enumerate(_NUMBER_WORDS[:20], 1)}


def numbers(text: str) -> set[str]:
    """Numbers a sentence states, digits and words alike ("five" and "5" are the same)."""
    found = set()
    for match in _NUMBER.findall(text):
        token = match.lower().replace(",", "").replace("\u201a", "")
        found.add(_WORD_VALUE.get(token, token))
    return found


def compatible(a: str, b: str) -> bool:
    """Can two similar sentences back each other as the same fact?

    Similar wording with different numbers ("three injured" / "five injured": neither
    sentence's numbers contain the other's) or opposite
    polarity ("confirmed" / "has not confirmed") is a disagreement, not corroboration.
    """
    na, nb = _numbers_of(a), _numbers_of(b)
    if na and nb and not (na <= nb or nb <= na):
        return False
    if any(not _same_head(a, b, n) for n in na & nb):
        return False  # "27 cruise missiles" and "27 terrorist targets" count different things
    return not opposite(a, b)


def opposite(a: str, b: str) -> bool:
    """Opposite polarity: a word one sentence negates, the other states without negation.

    "Russia did not provide prior warning" negates providing warning, which "Carter called
    the action unprofessional" does not mention, so the two can back one fact; "Iran has
    not confirmed the crash" meets "Iran confirmed the crash". A denial ("denied",
    "neither … nor") reaches to the end of its sentence.
    """
    if not negates(a) and not negates(b):
        return False
    (neg_a, pos_a), (neg_b, pos_b) = _polarity(a), _polarity(b)
    return bool(neg_a & pos_b or neg_b & pos_a)


@lru_cache(maxsize=8192)
def _polarity(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the content words a sentence negates, and of those it states plainly."""
    negated: set[int] = set()
    for match in _NEGATION.finditer(text):
        negated.update(_scope(text, match.end(), match.group().lower() in _SHORT_NEGATION))
    neg: set[str] = set()
    pos: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if _polar_word(word):
            (neg if m.start() in negated else pos).add(_stem(word))
    return frozenset(neg), frozenset(pos)


def _scope(text: str, start: int, short: bool) -> list[int]:
    """Offsets of the content words a negation ending at ``start`` covers: a short one
    ("not", "no") the next few, up to a clause break ("did not warn that it would
    launch" does not negate the launch); a denial, the rest of the sentence."""
    found: list[int] = []
    for m in _CLAUSE_TOKEN.finditer(text, start):
        token = m.group().lower()
        if short and (token in _CLAUSE_BREAKS or len(found) == NEGATION_SCOPE):
            break
        if token[0].isalnum() and _polar_word(token):
            found.append(m.start())
    return found


def _polar_word(word: str) -> bool:
    """A lower-cased word that can be negated or stated: not a stopword, not a negator."""
    return word not in _STOP_SET and word not in _NEGATORS


@lru_cache(maxsize=8192)
def _numbers_of(text: str) -> frozenset[str]:
    """A sentence's numbers, cached: each sentence meets many others."""
    return frozenset(numbers(text))


@lru_cache(maxsize=8192)
def negates(text: str) -> bool:
    """Does the sentence deny or negate ("not", "never", "denied")?"""
    return bool(_NEGATION.search(text))


def _after(text: str, number: str) -> set[str] | None:
    """Stems of the three words after the first mention of ``number`` (what it counts)."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    for k, token in enumerate(tokens):
        if _WORD_VALUE.get(token, token) == number:
            return {t[:5] for t in tokens[k + 1 : k + 4] if not t.isdigit()} or None
    return None


def _same_head(a: str, b: str, number: str) -> bool:
    after_a, after_b = _after(a, number), _after(b, number)
    return after_a is None or after_b is None or bool(after_a & after_b)


def shingles(text: str, size: int = 5) -> set[int]:
    """Hashed word 5-grams: reprinted wire copy shares most of them, a rewrite few."""
    tokens = _WORD.findall(text.lower())
    return {hash(tuple(tokens[i : i + size])) for i in range(max(len(tokens) - size + 1, 1))}


def wire_origins(articles: Sequence[Article]) -> list[int]:
    """An origin id per article; articles that are near-copies of each other share one.

    Jaccard similarity of word 5-gram shingles, joined transitively (union-find), so an AP
    story reprinted by three outlets counts as one independent source.
    """
    sets = [shingles(a.text) for a in articles]
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            union = len(sets[i] | sets[j])
            if union and len(sets[i] & sets[j]) / union >= WIRE_COPY_JACCARD:
                parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(articles))]
    ids = {r: n for n, r in enumerate(dict.fromkeys(roots))}
    return [ids[r] for r in roots]
