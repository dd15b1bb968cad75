"""What the CLI commands do with a store: ingest, list stories, report on a story.

Ingest streams inputs: articles are read, cleaned and split, then written in batches; each
batch (articles, sentences, vectors and every story membership it changed) is one
transaction. A killed ingest therefore keeps every batch committed before the kill, and the
rerun skips those articles by content hash.

The per-article work before clustering (cleaning, splitting, embedding, word sets, MinHash:
:func:`featurize`) depends on nothing but the article, so with two or more cores a worker
process does it for the next batches while this one clusters and writes the current batch.
Batches are consumed in input order, and :func:`featurize` is the same function either
way, so the stories come out the same with or without the worker.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsfuse import ingest as readers
from newsfuse.cluster.batch import clustering_embedder, embed_texts
from newsfuse.cluster.core import ClusterConfig, Clusterer, config_for
from newsfuse.cluster.features import (
    HEADLINE_WORDS,
    Features,
    article_text,
    article_tokens,
    day_of,
    hour_of,
    is_junk,
    minhash_of,
)
from newsfuse.embed import Embedder
from newsfuse.errors import ConfigError, InputError
from newsfuse.models import Article, Failure
from newsfuse.pipeline import prepare
from newsfuse.store.base import Batch, Membership, Store, StoredArticle, StoryInfo, open_store
from newsfuse.summarize.junk import junk_reason

if TYPE_CHECKING:
    from newsfuse.llm import LLM

BATCH_SIZE = 64
# Batches a worker may run ahead of clustering: enough to hide one slow batch, little memory.
AHEAD = 2
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
    """A store plus the clustering state rebuilt from it; ingest batches through it.

    ``config``: clustering thresholds (default: the embedder's tuned ones, see
    ``cluster.core.CONFIGS``). Not stored: a store reopened with other thresholds keeps
    its stories and places only new articles by the new ones.
    """

    def __init__(self, store: Store, embedder: str | None = None, *,
                 config: ClusterConfig | None = None) -> None:
        self.store = store
        self.embedder = self._embedder(embedder)
        self.config = config or config_for(self.embedder.name)
        dims = int(self.store.get_meta("dims") or 0)
        self.clusterer: Clusterer | None = None
        if dims:
            self.clusterer = Clusterer(dims, self.config)
        self._known_at_start = self._restore() if self.clusterer is not None else frozenset()
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

    def _restore(self) -> frozenset[str]:
        """Rebuild the clusterer from the store; returns the stored articles' hashes."""
        assert self.clusterer is not None
        hashes: set[str] = set()
        for stored, member in self.store.cluster_state():
            self.clusterer.restore(_features(stored), member.story, member.dup_of, member.score)
            hashes.add(stored.content_hash)
        return frozenset(hashes)

    def add(self, articles: list[Article], summary: IngestSummary) -> None:
        """Store and cluster one batch of prepared (cleaned, split) articles."""
        self.add_featurized(featurize(self.unseen(articles, summary), self.embedder), summary)

    def add_featurized(self, stored: list[StoredArticle], summary: IngestSummary) -> None:
        """Cluster one batch from :func:`featurize` and write it in one transaction."""
        fresh = self._fresh(stored, summary)
        if not fresh:
            return
        clusterer = self._clusterer(len(fresh[0].vector))
        for item in fresh:
            clusterer.add(_features(item))
        self._write(fresh, summary)
        summary.new += len(fresh)

    def unseen(self, articles: list[Article], summary: IngestSummary) -> list[Article]:
        """Articles whose hash was not in the store when this session opened.

        Only saves the work of featurizing what a rerun already stored; :meth:`_fresh` asks
        the store itself. Not updated as batches are written: featurize's input then does
        not depend on how far clustering has got, so a worker sees the same batches.
        """
        if not self._known_at_start:
            return articles
        left = [a for a in articles if content_hash(a) not in self._known_at_start]
        summary.duplicate += len(articles) - len(left)
        return left

    def finish(self, summary: IngestSummary) -> None:
        """A last merge/split pass over the stories this run touched, then commit it."""
        if self.clusterer is not None:
            self.clusterer.maintain()
            self._write([], summary)

    def _clusterer(self, dims: int) -> Clusterer:
        if self.clusterer is None:
            self.store.set_meta("dims", str(dims))
            self.clusterer = Clusterer(dims, self.config)
        return self.clusterer

    def _write(self, stored: list[StoredArticle], summary: IngestSummary) -> None:
        assert self.clusterer is not None
        changes = self.clusterer.take_changes()
        merged = dict(list(self.clusterer.merged_into.items())[self._merged_seen :])
        self._merged_seen = len(self.clusterer.merged_into)
        members = [Membership(c.key, c.story, c.dup_of, c.score, self.clusterer.is_junk(c.key))
                   for c in changes]
        self.store.write(Batch(stored, members, merged))
        summary.stories.update(m.story for m in members)

    def _fresh(self, stored: list[StoredArticle], summary: IngestSummary) -> list[StoredArticle]:
        """Articles not stored yet (by content hash); ids made unique against the store."""
        known = self.store.known_hashes([item.content_hash for item in stored])
        fresh: list[StoredArticle] = []
        seen: set[str] = set()
        for item in stored:
            digest = item.content_hash
            if digest in known or digest in seen:
                summary.duplicate += 1
                continue
            seen.add(digest)
            fresh.append(item)
        taken = self.store.known_ids([item.article.id for item in fresh])
        ids: set[str] = set()
        for item in fresh:
            article = item.article
            if article.id in taken or article.id in ids:
                _rename(article, f"{article.id}~{item.content_hash[:8]}")
            ids.add(article.id)
        return fresh


def featurize(articles: list[Article], embedder: Embedder | str, *,
              raw: bool = False) -> list[StoredArticle]:
    """Everything clustering needs per article, in input order; cleans and splits if ``raw``.

    A pure function of its input (``embedder`` by name in a worker process), so a batch
    comes out the same in the worker as in this process.
    """
    # By name in a worker: get_embedder caches the model, so it loads once per process.
    model = clustering_embedder(embedder) if isinstance(embedder, str) else embedder
    ready = [prepare(a) for a in articles] if raw else articles
    if not ready:
        return []
    vectors = embed_texts(model, [article_text(a) for a in ready])
    return [
        StoredArticle(a, content_hash(a), model.name, vectors[i],
                      article_tokens(a.title, a.text or a.raw_text),
                      minhash_of(a.text or a.raw_text), day_of(a.published),
                      # Archive notices and player text must not link or merge stories.
                      junk=_is_junk(a))
        for i, a in enumerate(ready)
    ]


def _is_junk(article: Article) -> bool:
    """Whether a prepared article is not news text, so it must never link stories.

    A headline-only feed item (no description, or one that repeats the title) has little
    or no text left after cleaning, and ``junk_reason`` alone calls it junk ("no
    sentences", "too short"); yet its title is the whole article. It is judged the way
    ``newsfuse cluster FILE`` judges it (``cluster.features.is_junk``), so headline feeds
    cluster alike either way. Chrome of eight words or more (title included) is still
    junk; shorter chrome is a headline-length item, held to the short-text thresholds.
    """
    if article.title and len(article.text.split()) < HEADLINE_WORDS:
        return is_junk(article.title, article.text)
    return junk_reason(article) is not None


def default_workers() -> int:
    """Worker processes for featurizing: one when there is a second core, else none."""
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def featurized_batches(
    batches: Iterable[list[Article]], embedder: Embedder, *, workers: int | None = None
) -> Iterator[list[StoredArticle]]:
    """:func:`featurize` of each raw batch, in order; in worker processes when ``workers``.

    Workers start only once a second batch exists: a small input is done before a process
    could start. Up to ``workers + AHEAD`` batches are in flight, consumed in input order.
    """
    workers = default_workers() if workers is None else workers
    todo = iter(batches)
    first = next(todo, None)
    if first is None:
        return
    second = next(todo, None)
    if second is None or workers < 1:
        for batch in _chain(first, second, todo):
            yield featurize(batch, embedder, raw=True)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork on Linux: spawn would re-run the caller's main script in the worker (a script
    # without an ``if __name__ == "__main__"`` guard would then fail). Elsewhere fork is
    # unsafe (macOS frameworks): spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_worker_start, initargs=(os.getpid(),)) as pool:
        pending: deque[Future[list[StoredArticle]]] = deque()
        for batch in _chain(first, second, todo):
            pending.append(pool.submit(featurize, batch, embedder.name, raw=True))
            if len(pending) > workers + AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _worker_start(parent: int) -> None:
    """Set up a featurizing worker: die with the parent, leave its memory alone.

    A killed ingest (``kill -9``) must not leave a forked worker waiting forever on a
    queue whose other end it inherited, hence the parent-death signal. Freezing what the
    worker inherited keeps its garbage collector from touching (and so copying) the
    parent's clustering state.
    """
    import gc

    gc.freeze()
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)


def _chain(first: list[Article], second: list[Article] | None,
           rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    if second is not None:
        yield second
    yield from rest


def _rename(article: Article, new_id: str) -> None:
    """Give an article a new id (another article already has its id), sentences included."""
    from dataclasses import replace

    article.id = new_id
    article.sentences = [replace(s, source=new_id) for s in article.sentences]


def _features(stored: StoredArticle) -> Features:
    # Interned: the clusterer keeps every article's words, and most words recur in many
    # articles; one shared string each saves ~3 KB per article at no cost to the results.
    tokens = frozenset(map(sys.intern, stored.tokens))
    # The hour comes from the stored instant, so a restored article keeps its hour window.
    return Features(stored.article.id, stored.vector, tokens, stored.day, stored.minhash,
                    junk=stored.junk, hour=hour_of(stored.article.published_at))


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    embedder: str | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    on_article: Callable[[str], None] | None = None,
    config: ClusterConfig | None = None,
) -> IngestSummary:
    """Read, store and cluster every input; never stops at a bad input.

    ``on_article`` is called with each article's (or failure's) origin as it is read.
    ``workers``: processes that featurize ahead of clustering (None: one if there is a
    second core; 0: all in this process). ``config``: clustering thresholds (default: the
    embedder's, see :class:`IngestSession`).
    """
    summary = IngestSummary()
    store = open_store(db)
    try:
        session = IngestSession(store, embedder, config=config)
        ingest_articles(session, _read(paths, summary, on_article), summary,
                        batch_size=batch_size, workers=workers)
    finally:
        store.close()
    return summary


def ingest_articles(
    session: IngestSession,
    articles: Iterable[Article],
    summary: IngestSummary,
    *,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
) -> None:
    """Clean, split, store and cluster raw ``articles`` in batches, then a last maintenance."""
    raw = (session.unseen(batch, summary) for batch in _batched(articles, batch_size))
    for stored in featurized_batches(raw, session.embedder, workers=workers):
        session.add_featurized(stored, summary)
    session.finish(summary)


def _batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read(paths: Iterable[str | Path], summary: IngestSummary,
          on_article: Callable[[str], None] | None) -> Iterator[Article]:
    """Raw articles of every input; failures are counted in ``summary`` as they are read."""
    sources, failures = readers.expand_paths([str(p) for p in paths])
    items = (item for source in sources for item in readers.read_path(source))
    for item in itertools.chain(failures, items):
        if on_article is not None:
            on_article(item.origin)
        if isinstance(item, Failure):
            summary.failed += 1
            summary.failures.append(item)
        else:
            yield item


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
    """The cache key of a story's report: its members, and what else the report depends
    on (the newsfuse version, and whether MiniLM is installed), so upgrading newsfuse or
    installing the model refreshes cached reports instead of serving the old ones."""
    from newsfuse import __version__
    from newsfuse.embed import MiniLMEmbedder

    setup = f"newsfuse {__version__}; minilm {MiniLMEmbedder.available()}"
    members = ",".join(sorted(a.id for a in articles))
    return hashlib.sha256(f"{members}\n{setup}".encode()).hexdigest()


def story_report(story: int, *, fmt: str = "md", db: str | None = None,
                 llm: LLM | None = None) -> str:
    """The cross-source report of a stored story, from the cache when its members are unchanged.

    The articles are loaded back exactly as ingested (same cleaned text and sentence
    offsets), so the report equals ``newsfuse.report.analyze`` on the same inputs. With
    ``llm`` the summary is shortened as ``analyze(..., llm=)`` does; such a report depends
    on the model, so it is neither read from nor written to the cache.
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
        if llm is not None:
            return render_report(articles, fmt, llm)
        key = members_hash(articles)
        cached = store.cached_analysis(live, key, fmt)
        if cached is not None:
            return cached
        body = render_report(articles, fmt)
        store.save_analysis(live, key, fmt, body)
        return body
    finally:
        store.close()


def render_report(articles: list[Article], fmt: str, llm: LLM | None = None) -> str:
    # Imported here: the report stage is heavy and not every store command needs it.
    from newsfuse import report

    result = report.analyze(articles, llm=llm)
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "html":
        return str(report.to_html(result))
    return str(report.to_markdown(result))
