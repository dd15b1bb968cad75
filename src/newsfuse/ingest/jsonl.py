"""JSON and JSON Lines: article rows (``id, title, text, url, outlet, published``) and
Multi-News cluster rows (``{"documents": [...]}``), in any mix.

A row that cannot be used fails alone, named by line (``file.jsonl:3``) or list position
(``file.json#2``); the rows around it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsfuse.ingest._common import Fields, Source, build, clean_str, failure
from newsfuse.ingest._dates import normalise_date, normalise_datetime
from newsfuse.ingest.text import from_text
from newsfuse.models import Article, Failure

# Fields with a meaning; the first name present wins. The alternatives are the names other
# scrapers and datasets commonly use, so such files read without a conversion step.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title", "headline"),
    "text": ("text", "content", "body", "article"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "site"),
    "published": ("published", "date", "published_at", "pubdate"),
}


def read_json(source: Source) -> Iterator[Article | Failure]:
    """Reader for ``.json``: one object or a list of objects.

    A file that fails to parse as a whole but has one object per line is read as JSON Lines
    (a common naming slip), so each good line still counts.
    """
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        if _looks_like_lines(source.text):
            yield from read_jsonl(source)
        else:
            yield failure(
                source.origin,
                f"is not valid JSON ({_describe(exc)}); fix it, or write one object per "
                "line as .jsonl so one bad row cannot spoil the rest",
            )
        return
    if isinstance(data, list):
        for index, row in enumerate(data):
            yield from read_row(row, f"{source.origin}#{index}", source.outlet)
    else:
        yield from read_row(data, source.origin, source.outlet)


def read_jsonl(source: Source) -> Iterator[Article | Failure]:
    """Reader for ``.jsonl``: one object per line; a bad line fails alone, by line number."""
    for number, line in enumerate(source.text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{source.origin}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failure(
                origin,
                f"is not valid JSON ({_describe(exc)}); fix or remove that line "
                "(the other lines are still read)",
            )
            continue
        yield from read_row(row, origin, source.outlet)


def read_row(row: Any, origin: str, outlet: str | None) -> Iterator[Article | Failure]:
    """One parsed row: an article object or a Multi-News cluster."""
    if not isinstance(row, dict):
        yield failure(origin, f'is a JSON {type(row).__name__}, not an object with a "text" field')
    elif isinstance(row.get("documents"), list):
        yield from _cluster(row, origin, outlet)
    else:
        yield _article(row, origin, outlet)


def _article(row: dict[str, Any], origin: str, outlet: str | None) -> Article | Failure:
    picked = {field: _pick(row, names) for field, names in _ALIASES.items()}
    found = {field: row[key] if key else None for field, key in picked.items()}
    text = found["text"]
    if not isinstance(text, str) or not text.strip():
        return failure(
            origin,
            'has no text: give each row a non-empty "text" field (the article body)',
        )
    fields = Fields(
        raw_text=text,
        origin=origin,
        id=clean_str(found["id"]),
        title=clean_str(found["title"]),
        outlet=_outlet_name(found["outlet"]),
        published=normalise_date(found["published"]),
        published_at=normalise_datetime(found["published"]),
        url=clean_str(found["url"]),
        extra={key: value for key, value in row.items() if key not in picked.values()},
    )
    return build(fields, outlet)


def _cluster(row: dict[str, Any], origin: str, outlet: str | None) -> Iterator[Article | Failure]:
    """A Multi-News row: each document string is one article of the cluster."""
    cluster = clean_str(row.get("id"))
    for index, document in enumerate(row["documents"]):
        doc_origin = f"{origin}#{index}"
        if not isinstance(document, str) or not document.strip():
            yield failure(doc_origin, "is an empty document in its cluster: skipped")
            continue
        article = from_text(document, doc_origin, outlet=outlet)
        if cluster is not None:
            article.extra["cluster"] = cluster
        yield article


def _pick(row: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` the row gives a value for (its key), or None."""
    return next((name for name in names if row.get(name) is not None), None)


def _outlet_name(value: Any) -> str | None:
    # News APIs often nest it: "source": {"id": "bbc-news", "name": "BBC News"}.
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    return clean_str(value)


def _looks_like_lines(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines[:2])


def _describe(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
