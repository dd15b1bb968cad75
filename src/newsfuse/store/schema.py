"""The store's tables (SQLAlchemy Core) and its named, recorded migrations.

Like sqlite-utils' migrations: each migration has a name, runs once inside a transaction,
and is recorded in ``migrations`` in that same transaction, so a crash mid-upgrade leaves
the database at the previous version. Tables are created through Core, so the same code
targets SQLite and PostgreSQL. ``tests/test_store.py`` pins every table's columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
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
    insert,
    select,
)

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
    tables = [meta, articles, sentences, embeddings, stories, story_members, analyses]
    metadata.create_all(conn, tables=tables)


MIGRATIONS: list[Migration] = [Migration("0001_initial", _initial)]


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
