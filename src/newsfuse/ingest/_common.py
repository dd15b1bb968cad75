"""Pieces every reader shares: the input handed to a reader, ids, outlets, building Articles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsfuse.models import Article, Failure

SUPPORTED = "newsfuse reads .txt, .html, .json, .jsonl and RSS/Atom feeds"


@dataclass(frozen=True)
class Source:
    """One decoded input, as a reader sees it.

    ``origin`` names it in messages and in ``Article.origin`` (the path as given, or
    ``stdin``); ``outlet`` is the user's override, which wins over anything inferred.
    """

    origin: str
    text: str
    outlet: str | None = None


@dataclass
class Fields:
    """What a reader found for one article before it becomes an :class:`Article`."""

    raw_text: str
    origin: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_at: str | None = None  # UTC ``YYYY-MM-DDTHH:MM:SSZ``, only if a time was given
    url: str | None = None
    id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def content_id(raw_text: str) -> str:
    """First 16 hex digits of sha256 over whitespace-normalised text.

    Normalising whitespace means a re-wrapped or CRLF copy of the same article gets the same
    id, whatever file it came from, so duplicates across inputs are easy to spot.
    """
    normalised = " ".join(raw_text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without a leading ``www.`` (``https://www.bbc.co.uk/x`` → ``bbc.co.uk``)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # e.g. a malformed IPv6 literal
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def clean_str(value: Any) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def build(fields: Fields, override_outlet: str | None) -> Article:
    """Turn found fields into an Article; the user's outlet wins, then metadata, then URL host."""
    outlet = override_outlet or fields.outlet or outlet_from_url(fields.url)
    return Article(
        id=fields.id or content_id(fields.raw_text),
        origin=fields.origin,
        raw_text=fields.raw_text,
        title=fields.title,
        outlet=outlet,
        published=fields.published,
        published_at=fields.published_at,
        url=fields.url,
        extra=fields.extra,
    )


def failure(origin: str, problem: str) -> Failure:
    """A Failure whose message is one line that starts with the input's name."""
    return Failure(origin, f"{origin} {problem}")
