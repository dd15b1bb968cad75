"""RSS and Atom feed files: each entry is one article (its content, else its summary, as
plain text); dates come from the entry, the outlet from the feed's title."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

from newsfuse.ingest._common import Fields, Source, build, clean_str, failure
from newsfuse.ingest._dates import has_clock_time, normalise_date, normalise_datetime
from newsfuse.ingest._markup import html_to_text
from newsfuse.models import Article, Failure

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_SNIFF_CHARS = 2048


def looks_like_feed(text: str) -> bool:
    """True when the start of ``text`` has an RSS, Atom or RDF root element."""
    head = text.lstrip()[:_SNIFF_CHARS]
    return head.startswith("<") and _FEED_ROOT.search(head) is not None


def read_feed(source: Source) -> Iterator[Article | Failure]:
    """Reader for feed files: one article per entry, a Failure per unusable entry.

    feedparser is lenient (its "bozo" flag marks malformed XML it still parsed); entries it
    recovered are used, and only a feed with no entries at all fails as a whole.
    """
    parsed = _parse(source.text)
    entries = parsed.get("entries") or []
    if not entries:
        yield failure(source.origin, _why_no_entries(parsed))
        return
    feed_meta = parsed.get("feed") or {}
    outlet = clean_str(feed_meta.get("title"))
    for index, entry in enumerate(entries):
        yield _entry(entry, f"{source.origin}#{index}", outlet, source.outlet)


def _parse(text: str) -> Any:
    import feedparser  # lazy: only feed inputs pay for the import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # feedparser warns about odd encodings it recovers from
        return feedparser.parse(text)


def _why_no_entries(parsed: Any) -> str:
    if parsed.get("bozo"):
        problem = _describe(parsed.get("bozo_exception"))
        return (
            f"is not a well-formed RSS/Atom feed ({problem}); check that the file is complete "
            "(re-download it) or save the articles as .txt"
        )
    if not parsed.get("version"):
        return "is not an RSS or Atom feed; newsfuse reads feeds, .txt, .html, .json and .jsonl"
    return "is a feed with no entries: nothing to read"


def _describe(exc: Any) -> str:
    """``unclosed token at line 1, column 60`` rather than ``<unknown>:1:60: unclosed token``."""
    get_message = getattr(exc, "getMessage", None)
    if get_message is None:
        return str(exc)
    return f"{get_message()} at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"


def _entry(
    entry: Any, origin: str, feed_title: str | None, override: str | None
) -> Article | Failure:
    text = _entry_text(entry)
    if not text:
        return failure(origin, "is a feed entry with no summary or content: nothing to read")
    source_meta = entry.get("source") or {}
    fields = Fields(
        raw_text=text,
        origin=origin,
        title=clean_str(html_to_text(entry.get("title") or "")),
        outlet=clean_str(source_meta.get("title")) or feed_title,
        published=_entry_date(entry),
        published_at=_entry_datetime(entry),
        url=clean_str(entry.get("link")),
        extra=_entry_extra(entry),
    )
    return build(fields, override)


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and its summary, as plain text.

    Feeds differ: some put the full article in ``content:encoded`` and a teaser in the
    summary, others only a summary; the longest is the most article.
    """
    candidates = [block.get("value") or "" for block in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [html_to_text(candidate) for candidate in candidates]
    return max(texts, key=len)


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        found = normalise_date(entry.get(key))
        if found:
            return found
    # feedparser leaves *_parsed empty for date formats it does not know; try the raw string.
    for key in ("published", "updated", "created"):
        found = normalise_date(entry.get(key))
        if found:
            return found
    return None


def _entry_datetime(entry: Any) -> str | None:
    """The entry's UTC publication instant, only when its raw date states a clock time.

    feedparser's ``*_parsed`` is already UTC and understands more formats than we do, but
    it fills in midnight for a bare date ("05 Mar 2024"): the raw string decides whether
    there is a time of day at all.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if has_clock_time(raw):
            return normalise_datetime(entry.get(f"{key}_parsed")) or normalise_datetime(raw)
        if raw:
            return None  # the date the entry is filed under has no time of day
    return None


def _entry_extra(entry: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    author = clean_str(entry.get("author"))
    if author:
        extra["author"] = author
    guid = clean_str(entry.get("id"))
    if guid:
        extra["guid"] = guid
    return extra
