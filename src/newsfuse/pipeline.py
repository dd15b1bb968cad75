"""Read → clean → segment: turn inputs into cleaned, sentence-split articles.

This is the library API behind ``newsfuse read``; later stages (summarize, analyze) take
the articles it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse import clean, ingest, segment
from newsfuse.models import Article, Failure


@dataclass
class ReadResult:
    """What a batch read produced: usable articles, and the inputs that failed (with why)."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def prepare(article: Article) -> Article:
    """Clean a raw article and split it into sentences (in place; returned for chaining)."""
    return segment.segment(clean.clean(article))


def read(
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_input: Callable[[str], None] | None = None,
) -> ReadResult:
    """Read every input (files, directories, ``-`` for stdin); never stop at a bad one.

    ``on_input`` is called with each input's origin as it is finished (for progress bars).
    """
    sources, failures = ingest.expand_paths([str(p) for p in paths])
    result = read_sources(sources, outlet=outlet, max_bytes=max_bytes, on_input=on_input)
    result.failures[:0] = failures
    return result


def read_sources(
    sources: Iterable[str],
    *,
    outlet: str | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_input: Callable[[str], None] | None = None,
) -> ReadResult:
    """Like :func:`read`, for inputs already expanded by ``ingest.expand_paths`` (a caller
    that needs their count first, e.g. for a progress bar, expands them only once)."""
    result = ReadResult()
    for source in sources:
        for item in ingest.read_path(source, outlet=outlet, max_bytes=max_bytes):
            if isinstance(item, Failure):
                result.failures.append(item)
            else:
                result.articles.append(prepare(item))
        if on_input is not None:
            on_input(source)
    return result


def from_texts(texts: Sequence[str], *, origin: str = "text") -> list[Article]:
    """Articles from plain strings (first non-empty line is the headline), cleaned and split.

    Empty strings are skipped: a cluster row with a blank document still yields the rest.
    """
    articles = []
    for i, text in enumerate(texts):
        if text.strip():
            articles.append(prepare(ingest.from_text(text, f"{origin}#{i}")))
    return articles
