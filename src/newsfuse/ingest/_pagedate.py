"""The publication moment a web page states about itself in its markup.

htmldate (through trafilatura) finds a page's *date*, but it drops the time of day, and the
store needs the time to hold headline items to a 24-hour window. Publishers state the
moment in a few standard places; they are read in order of how reliably they name the
article itself rather than the page, a related link or an update:

1. schema.org JSON-LD: ``datePublished`` of an ``*Article``/``Report``/``BlogPosting``;
2. Open Graph and friends: ``<meta property="article:published_time">``, ``pubdate``, …;
3. microdata: ``itemprop="datePublished"`` on a ``<meta>`` or ``<time>``.

A value without a clock time is ignored here: midnight is never invented.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsfuse.ingest._dates import normalise_datetime

# <meta> names/properties that mean "first published", compared lower-cased.
_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
)
_ARTICLE_TYPES = ("article", "report", "blogposting", "liveblogposting")
_MAX_JSONLD_CHARS = 200_000  # a script block larger than this is data, not page metadata


def page_published_at(tree: Any) -> str | None:
    """A UTC ``YYYY-MM-DDTHH:MM:SSZ`` from an lxml tree's own metadata, or None."""
    # normalise_datetime gives None for a value without a clock time: never a midnight.
    return next(filter(None, map(normalise_datetime, _candidates(tree))), None)


def _candidates(tree: Any) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        yield from _jsonld_dates(script.text or "")
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key.strip() in _META_KEYS:
            yield meta.get("content")
    for node in tree.xpath('//time[@itemprop="datePublished"][@datetime]'):
        yield node.get("datetime")


def _jsonld_dates(text: str) -> Iterator[str]:
    if len(text) > _MAX_JSONLD_CHARS:
        return
    try:
        data = json.loads(text)
    except ValueError:  # broken JSON-LD is common; the other sources still count
        return
    for node in _nodes(data, depth=0):
        value = node.get("datePublished")
        if isinstance(value, str) and _is_article(node.get("@type")):
            yield value


def _nodes(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document: top level, lists and ``@graph``, not deeper."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"), depth + 1)


def _is_article(kind: Any) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds)
