"""Web pages: main text through trafilatura; title, date (htmldate) and site name from its
metadata, the moment of publication from the page's own markup (:mod:`._pagedate`).
Navigation, footers and comments are left out by the extractor."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

from newsfuse.ingest._common import Fields, Source, build, clean_str, failure
from newsfuse.ingest._dates import normalise_date
from newsfuse.ingest._pagedate import page_published_at
from newsfuse.models import Article, Failure

_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


def read_html(source: Source) -> Iterator[Article | Failure]:
    """Reader for ``.html``/``.htm`` pages: one article, or a Failure when no text is found."""
    document, published_at = _extract(source.text)
    text = _paragraphs(getattr(document, "text", None))
    if document is None or not text:
        yield failure(
            source.origin,
            "has no article text that could be extracted (an index, script-only or broken "
            "page?); save the article's text as .txt and read that instead",
        )
        return
    fields = _fields(document, text, source.origin)
    fields.published_at = published_at
    if fields.published is None and published_at:
        fields.published = published_at[:10]
    yield build(fields, source.outlet)


def _fields(document: Any, text: str, origin: str) -> Fields:
    author = clean_str(getattr(document, "author", None))
    return Fields(
        raw_text=text,
        origin=origin,
        title=clean_str(getattr(document, "title", None)),
        outlet=clean_str(getattr(document, "sitename", None)),
        published=normalise_date(getattr(document, "date", None)),
        url=clean_str(getattr(document, "url", None)),
        extra={"author": author} if author else {},
    )


def _extract(markup: str) -> tuple[Any, str | None]:
    """trafilatura's document (None when it crashes) and the page's publication moment."""
    import trafilatura  # lazy: trafilatura and lxml take ~0.3 s to import
    from trafilatura.utils import load_html

    _quiet_logs()
    with warnings.catch_warnings():
        # Parser warnings about odd markup are not the user's problem; a page without text
        # is reported as a Failure instead.
        warnings.simplefilter("ignore")
        try:
            tree = load_html(markup)
            if tree is None:
                return None, None
            # Read before extraction: trafilatura prunes the tree it is given.
            published_at = page_published_at(tree)
            document = trafilatura.bare_extraction(
                tree, with_metadata=True, include_comments=False
            )
        except Exception:  # any extractor crash means "no text", reported by the caller
            return None, None
    return document, published_at


def _paragraphs(text: str | None) -> str:
    """trafilatura puts one paragraph per line; a blank line between them matches .txt input."""
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


@cache
def _quiet_logs() -> None:
    # trafilatura logs every rejected page at WARNING/ERROR; newsfuse reports those pages as
    # Failures itself, so the log lines would only be noise on the user's terminal.
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
