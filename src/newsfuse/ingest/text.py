"""Plain-text articles: the whole text is kept; the first headline-like line is the title.

The headline line stays in ``raw_text``: whether it is a duplicate to drop is the
cleaner's call, and keeping it means nothing the reader saw is lost before cleaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsfuse.ingest._common import Fields, Source, build
from newsfuse.ingest._dates import find_dateline, normalise_date, normalise_datetime
from newsfuse.models import Article, Failure

_MAX_TITLE_CHARS = 150
_MAX_TITLE_WORDS = 20
# Site menus pasted with an article arrive as numbered or bulleted lines before the
# headline ("1. Skip to content"); a headline itself is never a list item.
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•·–])\s+")
_MAX_LEADING_LIST_ITEMS = 12
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def from_text(
    text: str, origin: str, *, outlet: str | None = None, title: str | None = None
) -> Article:
    """A plain-text article from a string.

    ``title`` defaults to the first non-empty line when it looks like a headline (short, no
    final period) after any leading menu list; otherwise None. A standalone dateline near
    the top ("October 8, 2015") becomes the publication date; when it states a time of day
    ("Posted 14:25 GMT, 4 March 2026") that is ``published_at`` too.
    """
    dateline = find_dateline(text)
    fields = Fields(
        raw_text=text,
        origin=origin,
        title=title if title is not None else headline_of(text),
        published=normalise_date(dateline),
        published_at=normalise_datetime(dateline),
    )
    return build(fields, outlet)


def read_text(source: Source) -> Iterator[Article | Failure]:
    """Reader for ``.txt`` files and text on stdin: one article per input."""
    yield from_text(source.text, source.origin, outlet=source.outlet)


def headline_of(text: str) -> str | None:
    """The first non-list, non-empty line if it reads like a headline, else None."""
    skipped = 0
    for raw_line in text.splitlines():
        line = _MARKDOWN_HEADING.sub("", raw_line.strip())
        if not line:
            continue
        if _LIST_ITEM.match(line) and skipped < _MAX_LEADING_LIST_ITEMS:
            skipped += 1
            continue
        return line if looks_like_headline(line) and not _furniture(line) else None
    return None


# Line verdicts of the cleaner that mean "page furniture, not a headline". A tag line
# ("Russia Syria") may still be the only title a pasted page has, so it stays one, unless
# it is only the page's buttons and labels ("Photo", "Play Facebook", "Abstract").
_FURNITURE = frozenset({"navigation", "promo", "boilerplate", "byline", "photo-credit",
                        "caption", "dateline"})
_UI_WORDS = frozenset({
    "abstract", "advertisement", "audio", "email", "facebook", "gallery", "image", "images",
    "instagram", "listen", "menu", "photo", "photos", "play", "print", "share", "summary",
    "twitter", "video", "watch", "whatsapp",
})


def _furniture(line: str) -> bool:
    """Whether the cleaner would drop ``line`` as furniture ("Sign up for our newsletter")."""
    from newsfuse.clean import classify_lines  # lazy: clean is the next stage, not a base

    if {w.lower() for w in line.split()} <= _UI_WORDS:
        return True
    [verdict] = classify_lines([line], title=None, language=None)
    return verdict.reason in _FURNITURE


def looks_like_headline(line: str) -> bool:
    """Short, few words, and not ending like a sentence (a final period) or a lead-in colon."""
    return (
        len(line) <= _MAX_TITLE_CHARS
        and len(line.split()) <= _MAX_TITLE_WORDS
        and not line.endswith((".", ":", ";", ","))
    )
