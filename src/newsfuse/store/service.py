"""What the CLI commands do with a store: ingest, list stories, report on a story.

Ingest streams inputs: articles are read, cleaned and split, then written in batches; each
batch (articles, sentences, vectors and every story membership it changed) is one
transaction. A killed ingest therefore keeps every batch committed before the kill, and the
rerun skips those articles by content hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse import ingest as readers
from newsfuse.cluster.batch import clustering_embedder, embed_texts
from newsfuse.cluster.core import Clusterer, config_for
from newsfuse.cluster.features import (
    Features,
    article_text,
    article_tokens,
    day_of,
    minhash_of,
)
from newsfuse.embed import Embedder
from newsfuse.errors import ConfigError, InputError
from newsfuse.models import Article, Failure
from newsfuse.pipeline import prepare
from newsfuse.store.base import Batch, Membership, Store, StoredArticle, StoryInfo, open_store
from newsfuse.summarize.junk import junk_reason

BATCH_SIZE = 64
REPORT_FORMATS = ("md", "json", "html")


@dataclass
class IngestSummary:
    """Counts for the summary line, plus every failure with its message."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    stories: set[int] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed; "
                f"{len(self.stories)} stories touched")


def content_hash(article: Article) -> str:
    """sha256 over outlet, title and whitespace-normalised raw text.

    The outlet is part of it so that the same wire text from a second outlet is stored
    (and linked as a copy), while re-ingesting the same file is a no-op.
    """
    parts = [article.outlet or "", article.title or "", " ".join(article.raw_text.split())]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class IngestSession:
    """A store plus the clustering state rebuilt from it; ingest batches through it."""

    def __init__(self, store: Store, embedder: str | None = None) -> None:
        self.store = store
        self.embedder = self._embedder(embedder)
        dims = int(self.store.get_meta("dims") or 0)
        self.clusterer: Clusterer | None = None
        if dims:
            self.clusterer = Clusterer(dims, config_for(self.embedder.name))
            self._restore()
        self._merged_seen = 0

    def _embedder(self, requested: str | None) -> Embedder:
        stored = self.store.get_meta("embedder")
        if stored and requested and stored != requested:
            raise ConfigError(
                f"this store's vectors come from the {stored!r} embedder, not {requested!r}; "
                "use a new --db for another embedder"
            )
        embedder = clustering_embedder(stored or requested)
        if stored is None:
            self.store.set_meta("embedder", embedder.name)
        return embedder

    def _restore(self) -> None:
        assert self.clusterer is not None
        for stored, member in self.store.cluster_state():
            self.clusterer.restore(_features(stored), member.story, member.dup_of, member.score)

    def add(self, articles: list[Article], summary: IngestSummary) -> None:
        """Store and cluster one batch of prepared articles in one transaction."""
        fresh = self._fresh(articles, summary)
        if not fresh:
            return
        texts = [article_text(a) for a in fresh]
        vectors = embed_texts(self.embedder, texts)
        clusterer = self._clusterer(vectors.shape[1])
        stored = [
            StoredArticle(a, content_hash(a), self.embedder.name, vectors[i],
                          article_tokens(a.title, a.text or a.raw_text),
                          minhash_of(a.text or a.raw_text),
                          day_of(a.published))
            for i, a in enumerate(fresh)
        ]
        for item in stored:
            # Archive notices and player text must not link or merge stories (the article
            # is already segmented, so the summarizer's junk test is cheap here).
            clusterer.add(_features(item, junk=junk_reason(item.article) is not None))
        self._write(stored, summary)
        summary.new += len(stored)

    def finish(self, summary: IngestSummary) -> None:
        """A last merge/split pass over the stories this run touched, then commit it."""
        if self.clusterer is not None:
            self.clusterer.maintain()
            self._write([], summary)

    def _clusterer(self, dims: int) -> Clusterer:
        if self.clusterer is None:
            self.store.set_meta("dims", str(dims))
            self.clusterer = Clusterer(dims, config_for(self.embedder.name))
        return self.clusterer

    def _write(self, stored: list[StoredArticle], summary: IngestSummary) -> None:
        assert self.clusterer is not None
        changes = self.clusterer.take_changes()
        merged = dict(list(self.clusterer.merged_into.items())[self._merged_seen :])
        self._merged_seen = len(self.clusterer.merged_into)
        members = [Membership(c.key, c.story, c.dup_of, c.score) for c in changes]
        self.store.write(Batch(stored, members, merged))
        summary.stories.update(m.story for m in members)

    def _fresh(self, articles: list[Article], summary: IngestSummary) -> list[Article]:
        """Articles not stored yet (by content hash); ids made unique against the store."""
        hashes = [content_hash(a) for a in articles]
        known = self.store.known_hashes(hashes)
        fresh: list[Article] = []
        seen: set[str] = set()
        for article, digest in zip(articles, hashes, strict=True):
            if digest in known or digest in seen:
                summary.duplicate += 1
                continue
            seen.add(digest)
            fresh.append(article)
        taken = self.store.known_ids([a.id for a in fresh])
        ids: set[str] = set()
        for article in fresh:
            if article.id in taken or article.id in ids:
                _rename(article, f"{article.id}~{content_hash(article)[:8]}")
            ids.add(article.id)
        return fresh


def _rename(article: Article, new_id: str) -> None:
    """Give an article a new id (another article already has its id), sentences included."""
    from dataclasses import replace

    article.id = new_id
    article.sentences = [replace(s, source=new_id) for s in article.sentences]


def _features(stored: StoredArticle, *, junk: bool = False) -> Features:
    return Features(stored.article.id, stored.vector, stored.tokens, stored.day, stored.minhash,
                    junk=junk)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    embedder: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_article: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read, store and cluster every input; never stops at a bad input.

    ``on_article`` is called with each article's (or failure's) origin as it is read.
    """
    summary = IngestSummary()
    store = open_store(db)
    try:
        session = IngestSession(store, embedder)
        batch: list[Article] = []
        for item in _read(paths):
            if on_article is not None:
                on_article(item.origin)
            if isinstance(item, Failure):
                summary.failed += 1
                summary.failures.append(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                session.add(batch, summary)
                batch = []
        if batch:
            session.add(batch, summary)
        session.finish(summary)
    finally:
        store.close()
    return summary


def _read(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    sources, failures = readers.expand_paths([str(p) for p in paths])
    yield from failures
    for source in sources:
        for item in readers.read_path(source):
            yield item if isinstance(item, Failure) else prepare(item)


def list_stories(*, db: str | None = None, since: str | None = None) -> list[StoryInfo]:
    store = open_store(db)
    try:
        return store.stories(since)
    finally:
        store.close()


def format_stories(infos: list[StoryInfo], fmt: str = "table") -> str:
    """``json``: one array of story objects; ``table``: aligned plain-text columns."""
    if fmt == "json":
        return json.dumps([i.to_dict() for i in infos], indent=2, ensure_ascii=False)
    if fmt != "table":
        raise ConfigError(f"unknown format {fmt!r}; choose table or json")
    lines = [f"{'story':>6}  {'size':>4}  {'indep':>5}  {'first':<10}  {'last':<10}  "
             "outlets / title"]
    for i in infos:
        outlets = ", ".join(i.outlets[:3]) + (f" +{len(i.outlets) - 3}" if len(i.outlets) > 3
                                              else "")
        lines.append(f"{i.id:>6}  {i.size:>4}  {i.independent:>5}  {(i.first or '-')[:10]:<10}"
                     f"  {(i.last or '-')[:10]:<10}  {outlets or '-'} | {i.title or ''}")
    return "\n".join(lines)


def members_hash(articles: list[Article]) -> str:
    return hashlib.sha256(",".join(sorted(a.id for a in articles)).encode()).hexdigest()


def story_report(story: int, *, fmt: str = "md", db: str | None = None) -> str:
    """The cross-source report of a stored story, from the cache when its members are unchanged.

    The articles are loaded back exactly as ingested (same cleaned text and sentence
    offsets), so the report equals ``newsfuse.report.analyze`` on the same inputs.
    """
    if fmt not in REPORT_FORMATS:
        choices = ", ".join(REPORT_FORMATS)
        raise ConfigError(f"unknown report format {fmt!r}; choose one of {choices}")
    store = open_store(db)
    try:
        live = store.resolve_story(story)
        if live is None:
            raise InputError(f"story {story}", "does not exist; `newsfuse stories` lists them")
        articles = store.story_articles(live)
        key = members_hash(articles)
        cached = store.cached_analysis(live, key, fmt)
        if cached is not None:
            return cached
        body = render_report(articles, fmt)
        store.save_analysis(live, key, fmt, body)
        return body
    finally:
        store.close()


def render_report(articles: list[Article], fmt: str) -> str:
    # Imported here: the report stage is heavy and not every store command needs it.
    from newsfuse import report

    result = report.analyze(articles)
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "html":
        return str(report.to_html(result))
    return str(report.to_markdown(result))
