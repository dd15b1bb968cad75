"""What the clusterer knows about one article: a vector, its key words, a day, a MinHash.

Only a short text per article is embedded (headline + lead): the headline and first
paragraph say what the story is, and embedding every sentence would cost 10-50x more
model time for little gain in story assignment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsfuse.embed import _stem, words
from newsfuse.models import Article

LEAD_CHARS = 400
# Words for the lexical score come from a longer stretch than the embedded lead: word
# overlap is cheap, and the second and third paragraphs carry most of a story's names.
TOKEN_CHARS = 1500
# Word 3-gram shingles: short enough that two copies of a headline-only wire item still
# share many, long enough that two rewrites of one story share few.
SHINGLE_WORDS = 3
NUM_PERM = 64
# Below this many words a text is a headline: too short to judge as page chrome.
HEADLINE_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass
class Features:
    """Clustering features of one article.

    ``tokens`` are stemmed content words of headline + lead (each once) and drive the
    lexical overlap score; ``day`` is the publication date as a day ordinal (None when
    unknown: such articles are not held to the time window).
    """

    key: str
    vector: npt.NDArray[np.float32]
    tokens: frozenset[str]
    day: int | None
    minhash: npt.NDArray[np.uint32]
    # Not news text (empty, or page chrome): kept as a story of its own, see is_junk.
    junk: bool = False
    # Publication time in hours since the epoch, when ``published`` gives a time of day
    # (None for a bare date): headline feeds hold a story's items within hours.
    hour: float | None = None


def summary_text(title: str | None, text: str, lead_chars: int = LEAD_CHARS) -> str:
    """Headline + lead, cut at a word boundary near ``lead_chars``."""
    body = text.strip()
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    lead = body[:lead_chars].rsplit(" ", 1)[0] if len(body) > lead_chars else body
    if title and lead:
        return f"{title}. {lead}"
    return title or lead


def is_junk(title: str | None, text: str) -> bool:
    """Whether a document is not news text: empty, or mostly web page chrome.

    Junk must never link or merge stories: the same archive notice or player text is
    scraped alongside many unrelated stories and reads as a perfect copy of itself.
    Reuses the summarizer's detector; headline-length texts are never called junk for
    being short (a headline is the whole article in a headline feed).
    """
    from newsfuse.segment import segment
    from newsfuse.summarize.junk import junk_reason

    full = "\n\n".join(part for part in (title, text) if part and part.strip())
    if not full:
        return True
    article = segment(Article(id="junk-check", origin="cluster", raw_text=full, title=title,
                              text=full))
    # A text the segmenter finds no sentence in (a headline in Title Case) is not evidence.
    return (len(full.split()) >= HEADLINE_WORDS and bool(article.sentences)
            and junk_reason(article) is not None)


def article_text(article: Article) -> str:
    return summary_text(article.title, article.text or article.raw_text)


def article_tokens(title: str | None, text: str) -> frozenset[str]:
    return tokens_of(summary_text(title, text, TOKEN_CHARS))


ENTITY = "@"
# A capitalised word that does not open a sentence: a cheap stand-in for a named entity
# (person, place, organisation) that needs no model and costs microseconds per article.
_NAME = re.compile(r"(?<![.!?:\n]\s)(?<!^)\b([A-Z][\w'-]*[a-z][\w'-]*)")


# Calendar words are capitalised but name no one: two events on a Monday share nothing.
_NOT_NAMES = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
])
_CHUNK = re.compile(r"(?<=[.!?])\s+|\n+")


def _title_case(chunk: str) -> bool:
    """Headline Case capitalises every word, so capitals there say nothing about names."""
    found = re.findall(r"[A-Za-z][\w'-]*", chunk)[1:]
    return len(found) >= 2 and not any(w[0].islower() and len(w) >= 4 for w in found)


def tokens_of(text: str) -> frozenset[str]:
    """Stemmed content words, plus names marked ``@name`` (see :data:`ENTITY`)."""
    plain = {_stem(w) for w in words(text) if len(w) > 1 and not w.isdigit()}
    names = {
        ENTITY + _stem(m.lower())
        for chunk in _CHUNK.split(text) if not _title_case(chunk)
        for m in _NAME.findall(chunk) if m.lower() not in _NOT_NAMES
    }
    return frozenset(plain | {n for n in names if n[1:] in plain})


def day_of(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def hour_of(published: str | None) -> float | None:
    """Hours since the epoch of an ISO date-time (naive = UTC); None for a bare date."""
    if not published or len(published) <= 10:
        return None  # a date alone says nothing about the hour
    try:
        stamp = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.timestamp() / 3600.0


def minhash_of(text: str) -> npt.NDArray[np.uint32]:
    """A 64-permutation MinHash of word 3-gram shingles (datasketch), as uint32."""
    from datasketch import MinHash

    tokens = _WORD.findall(text.lower())
    grams = {
        " ".join(tokens[i : i + SHINGLE_WORDS]).encode()
        for i in range(max(len(tokens) - SHINGLE_WORDS + 1, 1))
    }
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch(list(grams))
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def minhash_similarity(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    """Estimated Jaccard similarity: the share of permutations whose minima agree."""
    return float(np.mean(a == b))
