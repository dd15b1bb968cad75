"""The store as the web app uses it: stories, a story's report (cached), and ingest.

A thin adapter over :mod:`newsfuse.store`: one store is opened when the app starts (so a bad
``--db`` fails at startup, not on the first page view) and shared by every request. A
story's analysis is computed once per set of members and cached in the store under the same
keys ``newsfuse report`` uses, so the CLI and the web share it; a per-story lock keeps many
simultaneous first views from all computing it at once.

On top, a short-lived in-memory copy (``cache_seconds``, default 2 s) serves a busy story
page without reloading every article from the database per view: a page may be up to that
old after another process ingests; ingest through this app clears it at once.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsfuse.models import Article
from newsfuse.store import IngestSession, IngestSummary, Store, StoryInfo, members_hash, open_store
from newsfuse.web.errors import NotFound

SAFE_SCHEMES = ("http", "https")
MAX_CACHED = 256


@dataclass(frozen=True)
class StoryReport:
    """A stored story's report: the schema JSON, its Markdown, and links to the originals."""

    id: int
    report: dict[str, Any]
    markdown: str
    links: dict[str, str]


class StoryService:
    """Reads stories and reports from one store, and writes ingested articles to it."""

    def __init__(self, db: str | None = None, embedder: str | None = None,
                 cache_seconds: float = 2.0) -> None:
        self.store: Store = open_store(db)
        self.embedder = embedder
        self.cache_seconds = cache_seconds
        self._cache: dict[object, tuple[float, object]] = {}
        self._ingest_lock = threading.Lock()
        self._locks: dict[int, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def close(self) -> None:
        self.store.close()

    def stories(self, since: str | None = None, limit: int = 100) -> list[StoryInfo]:
        """Latest first (by newest article date, then size), at most ``limit``."""
        infos = list(self._cached(("stories", since), lambda: self.store.stories(since)))
        infos.sort(key=lambda i: (i.last or "", i.size, i.id), reverse=True)
        return infos[:limit]

    def info(self, story: int) -> StoryInfo | None:
        return next((i for i in self.stories(limit=10**9) if i.id == story), None)

    def report(self, story: int, words: int = 200) -> StoryReport:
        """The story's report; merged stories resolve to the story they joined."""
        found: StoryReport = self._cached(("report", story, words),
                                          lambda: self._report(story, words))
        return found

    def _report(self, story: int, words: int) -> StoryReport:
        live = self.store.resolve_story(story)
        if live is None:
            raise NotFound(f"story {story} does not exist; GET /api/stories lists the stories")
        articles = self.store.story_articles(live)
        if not articles:
            raise NotFound(f"story {story} has no articles left; GET /api/stories lists them")
        key = members_hash(articles)
        with self._lock(live):
            body = self.store.cached_analysis(live, key, "json")
            markdown = self.store.cached_analysis(live, key, "md")
            if body is None or markdown is None:
                body, markdown = self._analyze(live, key, articles, words)
        return StoryReport(live, json.loads(body), markdown, links_of(articles))

    def _analyze(self, story: int, key: str, articles: list[Article],
                 words: int) -> tuple[str, str]:
        from newsfuse import report

        result = report.analyze(articles, words=words, embedder=self.embedder)
        body = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
        markdown = report.to_markdown(result)
        self.store.save_analysis(story, key, "json", body)
        self.store.save_analysis(story, key, "md", markdown)
        return body, markdown

    def ingest(self, articles: list[Article]) -> IngestSummary:
        """Store and cluster prepared articles; one ingest at a time (clustering state)."""
        summary = IngestSummary()
        with self._ingest_lock:
            session = IngestSession(self.store, self.embedder)
            session.add(articles, summary)
            session.finish(summary)
            self._cache.clear()
        return summary

    def _cached(self, key: object, compute: Callable[[], Any]) -> Any:
        """``compute()``, reused for ``cache_seconds``; errors are never cached."""
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.cache_seconds:
            return hit[1]
        value = compute()
        if len(self._cache) >= MAX_CACHED:  # many distinct ?since= values: start over
            self._cache.clear()
        self._cache[key] = (now, value)
        return value

    def _lock(self, story: int) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(story, threading.Lock())


def links_of(articles: list[Article]) -> dict[str, str]:
    """Source id → original URL, only for http(s) URLs (a ``javascript:`` URL is dropped)."""
    return {a.id: a.url for a in articles if a.url and is_safe_url(a.url)}


def is_safe_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


def summary_dict(summary: IngestSummary) -> dict[str, Any]:
    return {"new": summary.new, "duplicate": summary.duplicate, "failed": summary.failed,
            "stories": sorted(summary.stories),
            "failures": [{"origin": f.origin, "message": f.message} for f in summary.failures]}
