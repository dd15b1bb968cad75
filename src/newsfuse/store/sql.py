"""The built-in ``sql`` store: SQLAlchemy Core on SQLite (default) or PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL``: a reader never blocks the writer, and a
committed batch survives a crash or ``kill -9`` (an uncommitted one rolls back as a whole,
so no article is ever half-written). Every :meth:`SqlStore.write` is one transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.errors import ConfigError, NewsfuseError
from newsfuse.models import Article, Removed, Sentence
from newsfuse.store import schema as s
from newsfuse.store.base import Batch, Membership, StoredArticle, StoryInfo

CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


class StoreError(NewsfuseError):
    """The database could not be opened or written."""


class SqlBackend:
    """Opens :class:`SqlStore` for SQLite and PostgreSQL URLs."""

    schemes: tuple[str, ...] = ("sqlite", "postgresql", "postgres")

    def open(self, url: str) -> SqlStore:
        return SqlStore(url)


class SqlStore:
    """A :class:`~newsfuse.store.base.Store` over any SQLAlchemy URL it can migrate."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        self.url = _normalise_url(url)
        try:
            self.engine = _engine(self.url)
            with self.engine.begin() as conn:
                self.applied = s.migrate(conn)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the store at {_redact(self.url)} ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}); check the --db URL and that the server runs"
            ) from exc

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()

    # -- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        from sqlalchemy import select

        with self.engine.connect() as conn:
            value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        from sqlalchemy import delete, insert

        with self.engine.begin() as conn:
            conn.execute(delete(s.meta).where(s.meta.c.key == key))
            conn.execute(insert(s.meta).values(key=key, value=value))

    # -- ingest -------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        return self._existing(s.articles.c.content_hash, hashes)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return self._existing(s.articles.c.id, ids)

    def _existing(self, column: Any, values: Sequence[str]) -> set[str]:
        from sqlalchemy import select

        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(list(values)):
                found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
        return found

    def write(self, batch: Batch) -> None:
        """Articles, sentences, vectors and story memberships of a batch: all or nothing."""
        with self.engine.begin() as conn:
            pks = self._insert_articles(conn, batch.articles)
            pks.update(self._pks(conn, _referenced_ids(batch, pks)))
            self._upsert_stories(conn, batch)
            self._upsert_members(conn, batch.memberships, pks)

    def _insert_articles(self, conn: Any, stored: list[StoredArticle]) -> dict[str, int]:
        from sqlalchemy import insert

        if not stored:
            return {}
        when = s.now()
        rows = [_article_row(item, when) for item in stored]
        result = conn.execute(
            insert(s.articles).returning(s.articles.c.pk, sort_by_parameter_order=True), rows
        )
        pks = [int(pk) for pk in result.scalars()]
        sentence_rows = [
            {"article_pk": pk, "idx": x.index, "start_char": x.start, "end_char": x.end,
             "text": x.text}
            for pk, item in zip(pks, stored, strict=True) for x in item.article.sentences
        ]
        if sentence_rows:
            conn.execute(insert(s.sentences), sentence_rows)
        conn.execute(insert(s.embeddings), [
            {"article_pk": pk, "model": item.model, "day": item.day,
             "vector": np.asarray(item.vector, dtype=np.float32).tobytes(),
             "tokens": " ".join(sorted(item.tokens)),
             "minhash": np.asarray(item.minhash, dtype=np.uint32).tobytes()}
            for pk, item in zip(pks, stored, strict=True)
        ])
        return {item.article.id: pk for pk, item in zip(pks, stored, strict=True)}

    def _pks(self, conn: Any, ids: Sequence[str]) -> dict[str, int]:
        from sqlalchemy import select

        found: dict[str, int] = {}
        for chunk in _chunks(list(ids)):
            query = select(s.articles.c.id, s.articles.c.pk).where(s.articles.c.id.in_(chunk))
            found.update({str(i): int(pk) for i, pk in conn.execute(query)})
        return found

    def _upsert_stories(self, conn: Any, batch: Batch) -> None:
        from sqlalchemy import insert, select, update

        ids = sorted({m.story for m in batch.memberships} | set(batch.merged) |
                     set(batch.merged.values()))
        if not ids:
            return
        when = s.now()
        existing: set[int] = set()
        for chunk in _chunks(ids):
            existing.update(conn.execute(
                select(s.stories.c.id).where(s.stories.c.id.in_(chunk))).scalars())
        new = [{"id": i, "created_at": when, "updated_at": when} for i in ids if i not in existing]
        if new:
            conn.execute(insert(s.stories), new)
        for chunk in _chunks([i for i in ids if i in existing]):
            conn.execute(update(s.stories).where(s.stories.c.id.in_(chunk)).values(updated_at=when))
        for old, into in sorted(batch.merged.items()):
            conn.execute(update(s.stories).where(s.stories.c.id == old).values(merged_into=into))

    def _upsert_members(self, conn: Any, members: list[Membership], pks: dict[str, int]) -> None:
        from sqlalchemy import delete, insert, update

        if not members:
            return
        when = s.now()
        article_pks = [pks[m.article_id] for m in members]
        for chunk in _chunks(article_pks):
            conn.execute(delete(s.story_members).where(s.story_members.c.article_pk.in_(chunk)))
        conn.execute(insert(s.story_members), [
            {"article_pk": pks[m.article_id], "story_id": m.story, "score": m.score,
             "dup_of": None if m.dup_of is None else pks[m.dup_of], "assigned_at": when}
            for m in members
        ])
        # A copy found to be a template only later becomes junk then (never the reverse).
        junk = sorted({pks[m.article_id] for m in members if m.junk})
        for chunk in _chunks(junk):
            conn.execute(update(s.articles).where(s.articles.c.pk.in_(chunk)).values(junk=True))

    # -- reading back -------------------------------------------------------------------

    def cluster_state(self) -> Iterator[tuple[StoredArticle, Membership]]:
        """Every clustered article in insertion order, for rebuilding the clusterer."""
        from sqlalchemy import select
        from sqlalchemy.orm import aliased

        a, e, m = s.articles, s.embeddings, s.story_members
        dup = aliased(s.articles)
        query = (
            select(a.c.id, a.c.content_hash, e.c.model, e.c.vector, e.c.tokens, e.c.minhash,
                   e.c.day, m.c.story_id, dup.c.id, m.c.score, a.c.junk, a.c.published_at)
            .join(e, e.c.article_pk == a.c.pk)
            .join(m, m.c.article_pk == a.c.pk)
            .outerjoin(dup, dup.c.pk == m.c.dup_of)
            .order_by(a.c.pk)
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                stored = StoredArticle(
                    # The clusterer needs only the id and the time (for the hour window).
                    article=Article(id=row[0], origin="", raw_text="", published_at=row[11]),
                    content_hash=row[1], model=row[2],
                    vector=np.frombuffer(row[3], dtype=np.float32),
                    tokens=frozenset(row[4].split()),
                    minhash=np.frombuffer(row[5], dtype=np.uint32), day=row[6],
                    junk=bool(row[10]),
                )
                yield stored, Membership(row[0], int(row[7]), row[8], float(row[9]),
                                         bool(row[10]))

    def resolve_story(self, story: int) -> int | None:
        """The live id of ``story`` (following merges), or None if it never existed."""
        from sqlalchemy import select

        seen: set[int] = set()
        with self.engine.connect() as conn:
            while story not in seen:
                seen.add(story)
                row = conn.execute(
                    select(s.stories.c.merged_into).where(s.stories.c.id == story)).first()
                if row is None:
                    return None
                if row[0] is None:
                    return story
                story = int(row[0])
        return story

    def stories(self, since: str | None = None) -> list[StoryInfo]:
        from sqlalchemy import select

        a, m, x = s.articles, s.story_members, s.sentences
        # The first sentence stands in for a title when no member has one (plain text,
        # JSONL rows without a title field).
        query = (select(m.c.story_id, a.c.outlet, a.c.published, m.c.dup_of, a.c.title,
                        x.c.text, a.c.junk)
                 .join(a, a.c.pk == m.c.article_pk)
                 .outerjoin(x, (x.c.article_pk == a.c.pk) & (x.c.idx == 0))
                 .order_by(m.c.story_id, a.c.pk))
        grouped: dict[int, list[Any]] = defaultdict(list)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                grouped[int(row[0])].append(row)
        infos = [_story_info(story, rows) for story, rows in grouped.items()]
        if since:
            infos = [i for i in infos if i.last is not None and i.last[:10] >= since[:10]]
        return sorted(infos, key=lambda i: (-i.size, i.id))

    def story_articles(self, story: int) -> list[Article]:
        """The story's articles as ingested (cleaned text, sentences with offsets)."""
        from sqlalchemy import select

        a, m, x = s.articles, s.story_members, s.sentences
        with self.engine.connect() as conn:
            rows = conn.execute(select(a).join(m, m.c.article_pk == a.c.pk)
                                .where(m.c.story_id == story).order_by(a.c.pk)).mappings().all()
            pks = [int(r["pk"]) for r in rows]
            id_of = {int(r["pk"]): str(r["id"]) for r in rows}
            by_article: dict[int, list[Sentence]] = defaultdict(list)
            for chunk in _chunks(pks):
                query = select(x).where(x.c.article_pk.in_(chunk)).order_by(x.c.article_pk, x.c.idx)
                for sr in conn.execute(query).mappings():
                    by_article[int(sr["article_pk"])].append(_sentence(sr, id_of))
        return [_article(r, by_article[int(r["pk"])]) for r in rows]

    # -- analyses cache -----------------------------------------------------------------

    def cached_analysis(self, story: int, members_hash: str, fmt: str) -> str | None:
        from sqlalchemy import select

        t = s.analyses
        query = select(t.c.body).where(
            t.c.story_id == story, t.c.members_hash == members_hash, t.c.format == fmt)
        with self.engine.connect() as conn:
            body = conn.execute(query).scalar()
        return None if body is None else str(body)

    def save_analysis(self, story: int, members_hash: str, fmt: str, body: str) -> None:
        from sqlalchemy import delete, insert

        t = s.analyses
        with self.engine.begin() as conn:
            # Older analyses of this story are stale once its members changed.
            conn.execute(delete(t).where(t.c.story_id == story, t.c.format == fmt))
            conn.execute(insert(t).values(story_id=story, members_hash=members_hash, format=fmt,
                                          body=body, created_at=s.now()))


def _normalise_url(url: str) -> str:
    # SQLAlchemy's default PostgreSQL driver is psycopg2; newsfuse uses psycopg (v3).
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL has nothing worth hiding
        return url


def _engine(url: str) -> Any:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    from sqlalchemy.pool import StaticPool

    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"{url!r} is not a database URL; try sqlite:///newsfuse.db") from exc
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    memory = parsed.database in (None, "", ":memory:")
    if not memory:
        Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, poolclass=StaticPool) if memory else create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _referenced_ids(batch: Batch, known: dict[str, int]) -> list[str]:
    ids = {m.article_id for m in batch.memberships} | {
        m.dup_of for m in batch.memberships if m.dup_of is not None}
    return sorted(ids - set(known))


def _article_row(item: StoredArticle, when: str) -> dict[str, Any]:
    art = item.article
    return {
        "id": art.id, "content_hash": item.content_hash, "origin": art.origin,
        "title": art.title, "outlet": art.outlet, "published": art.published,
        "published_at": art.published_at, "url": art.url,
        "language": art.language, "raw_text": art.raw_text, "text": art.text,
        "removed": json.dumps([{"line": r.line, "reason": r.reason} for r in art.removed]),
        "extra": json.dumps(art.extra, default=str), "ingested_at": when, "junk": item.junk,
    }


def _article(row: Any, sentences: list[Sentence]) -> Article:
    return Article(
        id=row["id"], origin=row["origin"], raw_text=row["raw_text"], title=row["title"],
        outlet=row["outlet"], published=row["published"], published_at=row["published_at"],
        url=row["url"],
        language=row["language"], text=row["text"],
        removed=[Removed(r["line"], r["reason"]) for r in json.loads(row["removed"])],
        sentences=sentences, extra=json.loads(row["extra"]),
    )


def _sentence(row: Any, id_of: dict[int, str]) -> Sentence:
    source = id_of[int(row["article_pk"])]
    return Sentence(source, int(row["idx"]), int(row["start_char"]), int(row["end_char"]),
                    row["text"])


def _story_info(story: int, rows: list[Any]) -> StoryInfo:
    dates = sorted(r[2] for r in rows if r[2])
    outlets = sorted({r[1] for r in rows if r[1]})
    title = next((r[4] for r in rows if r[4]), None) or _first_sentence(rows)
    independent = sum(1 for r in rows if r[3] is None)
    return StoryInfo(story, len(rows), independent, outlets,
                     dates[0] if dates else None, dates[-1] if dates else None, title)


_MAX_TITLE = 100


def _first_sentence(rows: list[Any]) -> str | None:
    """The opening sentence of the first non-junk member (else any), cut to a title's length."""
    texts = [r[5] for r in rows if r[5] and not r[6]] or [r[5] for r in rows if r[5]]
    if not texts:
        return None
    text = " ".join(texts[0].split())
    if len(text) <= _MAX_TITLE:
        return text
    return text[: _MAX_TITLE].rsplit(" ", 1)[0] + "…"
