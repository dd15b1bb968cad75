"""The store's tables (SQLAlchemy Core) and its named, recorded migrations.

Like sqlite-utils' migrations: each migration has a name, runs once inside a transaction,
and is recorded in ``migrations`` in that same transaction, so a crash mid-upgrade leaves
the database at the previous version. Tables are created through Core, so the same code
targets SQLite and PostgreSQL. ``tests/test_store.py`` pins every table's columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
    insert,
    select,
    update,
)
from sqlalchemy.schema import CreateColumn

metadata = MetaData()

migrations_table = Table(
    "migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(200), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(40)),
    Column("url", Text),
    Column("language", String(20)),
    Column("raw_text", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),  # JSON list of {line, reason}
    Column("extra", Text, nullable=False),  # JSON object
    Column("ingested_at", String(40), nullable=False),
    # Not news text (empty, page chrome, or a snippet copied verbatim again and again): a
    # story of its own that never attracts articles. Added by 0002_article_junk.
    Column("junk", Boolean, nullable=False, server_default=false()),
    # UTC ``YYYY-MM-DDTHH:MM:SSZ`` when the source gave a time of day (None for a bare
    # date): the clusterer holds headline-only items to an hour window with it. Added by
    # 0003_article_published_at.
    Column("published_at", String(40)),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("model", String(100), nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, L2-normalised
    Column("tokens", Text, nullable=False),  # space-separated stemmed content words
    Column("minhash", LargeBinary, nullable=False),  # uint32 × NUM_PERM
    Column("day", Integer),  # publication date as a day ordinal
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("merged_into", Integer),  # set when this story was folded into another
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("dup_of", Integer, ForeignKey("articles.pk")),  # wire copy of this article
    Column("score", Float, nullable=False),
    Column("assigned_at", String(40), nullable=False),
    Index("ix_story_members_story", "story_id"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id"), primary_key=True),
    Column("members_hash", String(64), primary_key=True),
    Column("format", String(20), primary_key=True),
    Column("body", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Migration:
    """A named schema change; ``apply`` runs inside the transaction that records it."""

    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    # 0001 creates the tables as they first shipped; later columns come from their own
    # migrations, so a new database and an upgraded one take the same path.
    first = MetaData()
    Table("articles", first, *[c._copy() for c in articles.columns if c.name not in _LATER])
    first.create_all(conn)
    tables = [meta, sentences, embeddings, stories, story_members, analyses]
    metadata.create_all(conn, tables=tables)


_LATER = {"junk", "published_at"}  # articles columns added by migrations after 0001


def _article_junk(conn: Connection) -> None:
    """Add ``articles.junk`` and compute it for the articles already stored.

    Before 0002 the flag lived only in memory, so a reopened store forgot it and junk
    stories could attract articles again. It is recomputed the way ingest computes it,
    from the stored cleaned text and sentences.
    """
    _add_column(conn, articles.c.junk)
    junk = [pk for pk, is_junk in _stored_junk(conn) if is_junk]
    for start in range(0, len(junk), 500):
        chunk = junk[start : start + 500]
        conn.execute(update(articles).where(articles.c.pk.in_(chunk)).values(junk=True))


def _article_published_at(conn: Connection) -> None:
    """Add ``articles.published_at``, empty for the articles already stored.

    Nothing to backfill from: before 0003 a reader kept only the date, and the raw value
    it came from was not stored. Those articles stay without an hour, which the clusterer
    reads as "unknown" (held to the day window only), as before.
    """
    _add_column(conn, articles.c.published_at)


def _add_column(conn: Connection, column: Column[Any]) -> None:
    # CreateColumn renders the type, nullability and default in the database's dialect.
    ddl = CreateColumn(column).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE {column.table.name} ADD COLUMN {ddl}")


def _stored_junk(conn: Connection) -> Iterator[tuple[int, bool]]:
    """(pk, junk) of every stored article, 500 at a time so a big store fits in memory."""
    a = articles
    pks = list(conn.execute(select(a.c.pk).order_by(a.c.pk)).scalars())
    for start in range(0, len(pks), 500):
        yield from _junk_of(conn, pks[start : start + 500])


def _junk_of(conn: Connection, pks: list[int]) -> Iterator[tuple[int, bool]]:
    from newsfuse.models import Article, Sentence
    from newsfuse.summarize.junk import junk_reason

    a, x = articles, sentences
    found: dict[int, list[Sentence]] = {pk: [] for pk in pks}
    query = (select(x.c.article_pk, x.c.idx, x.c.start_char, x.c.end_char, x.c.text)
             .where(x.c.article_pk.in_(pks)).order_by(x.c.article_pk, x.c.idx))
    for pk, idx, start, end, text in conn.execute(query):
        found[int(pk)].append(Sentence("", int(idx), int(start), int(end), str(text)))
    for pk, text in conn.execute(select(a.c.pk, a.c.text).where(a.c.pk.in_(pks))):
        article = Article(id="", origin="", raw_text="", text=str(text),
                          sentences=found[int(pk)])
        yield int(pk), junk_reason(article) is not None


MIGRATIONS: list[Migration] = [
    Migration("0001_initial", _initial),
    Migration("0002_article_junk", _article_junk),
    Migration("0003_article_published_at", _article_published_at),
]


def migrate(conn: Connection) -> list[str]:
    """Apply every migration not yet recorded, in order; returns the names applied."""
    migrations_table.create(conn, checkfirst=True)
    done = set(conn.execute(select(migrations_table.c.name)).scalars())
    applied = []
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        migration.apply(conn)
        conn.execute(insert(migrations_table).values(name=migration.name, applied_at=now()))
        applied.append(migration.name)
    return applied
