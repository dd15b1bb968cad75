"""Which reader handles an input: by file extension, else by sniffing its content.

Formats are data, not an if-chain: adding one means adding a :class:`Format` to
``FORMATS``. Order matters only for sniffing (the first match wins, text is the catch-all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from newsfuse.ingest._common import Source
from newsfuse.ingest.feed import looks_like_feed, read_feed
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import read_json, read_jsonl
from newsfuse.ingest.text import read_text
from newsfuse.models import Article, Failure

Reader = Callable[[Source], Iterator[Article | Failure]]

_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<div")


@dataclass(frozen=True)
class Format:
    """One input format: its reader, the extensions that select it, and a content sniffer."""

    name: str
    reader: Reader
    suffixes: tuple[str, ...]
    sniff: Callable[[str], bool]


def _looks_like_json(text: str) -> bool:
    # read_json falls back to JSON Lines itself, so one sniffer covers both.
    return text.lstrip().startswith(("{", "["))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith("<") and any(marker in head for marker in _HTML_MARKERS)


def _anything(text: str) -> bool:
    return True


FORMATS: tuple[Format, ...] = (
    Format("json", read_json, (".json",), _looks_like_json),
    Format("jsonl", read_jsonl, (".jsonl", ".ndjson"), lambda text: False),
    Format("feed", read_feed, (".xml", ".rss", ".atom"), looks_like_feed),
    Format("html", read_html, (".html", ".htm", ".xhtml"), _looks_like_html),
    Format("text", read_text, (".txt", ".text"), _anything),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def is_article_file(name: str) -> bool:
    """Whether a file met while walking a directory is one to read.

    Article folders often hold a README, notes or images; reading those would add bogus
    "articles" or failures. A file named explicitly is always read (its content sniffed).
    """
    return PurePath(name).suffix.lower() in _BY_SUFFIX


def format_for(name: str, text: str) -> Format:
    """The format for a file name's extension; for stdin or an unknown one, sniff ``text``."""
    by_suffix = _BY_SUFFIX.get(PurePath(name).suffix.lower()) if name else None
    if by_suffix is not None:
        return by_suffix
    return next(fmt for fmt in FORMATS if fmt.sniff(text))
