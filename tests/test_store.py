"""The persistent store: migrations, idempotent ingest, crash safety, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsfuse.embed import MiniLMEmbedder
from newsfuse.models import Citation
from newsfuse.store import ingest, list_stories, open_store, story_report
from newsfuse.store.schema import metadata

if TYPE_CHECKING:
    from sqlalchemy import Engine

PG_ENV = "NEWSFUSE_TEST_PG_URL"

FLOOD_1 = """River floods town of Lorvek
Heavy rain pushed the Dunmor river over its banks in Lorvek on Monday.
Officials said 300 homes were evacuated and schools were closed.
"""
FLOOD_2 = """Lorvek residents evacuated as Dunmor river rises
The Dunmor river burst its banks in Lorvek after heavy rain on Monday, officials said.
About 300 homes were evacuated; schools stayed closed.
"""
ARCHIVE_TITLE = "Page archived"
# Page chrome scraped beside a story: junk, a story of its own that must attract nothing.
ARCHIVE_NOTICE = """Page archived
This page has been archived and is no longer updated.
This page has been archived and is no longer updated, please sign in to continue.
Sign in to read more. Subscribe to continue reading this page.
"""
MERGER = """Kalotek agrees to buy Selvar Holdings
Kalotek said on Tuesday it would acquire Selvar Holdings for about 450 million dollars.
Shares of Selvar Holdings rose sharply in early trading.
"""


def _write(directory: Path, **texts: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return directory


def _pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} (.ci/postgres.sh starts one)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL of each kind (PostgreSQL: a new database per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    from sqlalchemy import create_engine, make_url, text

    base = _pg_url()
    name = f"newsfuse_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


# -- schema ---------------------------------------------------------------------------

PINNED_COLUMNS = {
    "migrations": ["name", "applied_at"],
    "meta": ["key", "value"],
    "articles": ["pk", "id", "content_hash", "origin", "title", "outlet", "published", "url",
                 "language", "raw_text", "text", "removed", "extra", "ingested_at", "junk",
                 "published_at"],
    "sentences": ["article_pk", "idx", "start_char", "end_char", "text"],
    "embeddings": ["article_pk", "model", "vector", "tokens", "minhash", "day"],
    "stories": ["id", "merged_into", "created_at", "updated_at"],
    "story_members": ["article_pk", "story_id", "dup_of", "score", "assigned_at"],
    "analyses": ["story_id", "members_hash", "format", "body", "created_at"],
}


def test_migrations_create_the_pinned_columns(db: str) -> None:
    from sqlalchemy import inspect

    store = open_store(db)
    try:
        inspector = inspect(store.engine)  # type: ignore[attr-defined]
        found = {t: [c["name"] for c in inspector.get_columns(t)] for t in PINNED_COLUMNS}
        assert found == PINNED_COLUMNS
        assert sorted(metadata.tables) == sorted(PINNED_COLUMNS)
        assert store.applied == [  # type: ignore[attr-defined]
            "0001_initial", "0002_article_junk", "0003_article_published_at"]
    finally:
        store.close()
    again = open_store(db)
    assert again.applied == []  # type: ignore[attr-defined]  # recorded: not re-run
    again.close()


def _rewind(db: str, column: str, migration: str) -> Engine:
    """Turn a store back to before ``migration``: drop its column, forget it was applied."""
    from sqlalchemy import create_engine

    from newsfuse.store import schema

    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"ALTER TABLE articles DROP COLUMN {column}")
        conn.execute(schema.migrations_table.delete().where(
            schema.migrations_table.c.name == migration))
    return engine


def test_0002_adds_junk_to_a_0001_store_and_computes_it(db: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from newsfuse.store import schema

    # A store as 0001 left it: ingested, no junk column, only 0001 recorded.
    ingest([_write(tmp_path / "in", a=FLOOD_1, b=ARCHIVE_NOTICE)], db=db, embedder="hashing")
    engine = _rewind(db, "junk", "0002_article_junk")
    store = open_store(db)
    assert store.applied == ["0002_article_junk"]  # type: ignore[attr-defined]
    store.close()
    with engine.connect() as conn:
        rows = dict(conn.execute(select(schema.articles.c.title, schema.articles.c.junk)).all())
    engine.dispose()
    assert rows == {"River floods town of Lorvek": False, ARCHIVE_TITLE: True}


def test_0003_adds_published_at_to_a_0002_store(db: str, tmp_path: Path) -> None:
    from sqlalchemy import inspect, select

    from newsfuse.store import schema

    feed = tmp_path / "wire.rss"
    feed.write_text(_rss([HEADLINES[0]]), encoding="utf-8")
    ingest([feed], db=db, embedder="hashing")
    # A store as 0002 left it: no published_at column, 0003 not recorded.
    engine = _rewind(db, "published_at", "0003_article_published_at")
    store = open_store(db)
    assert store.applied == ["0003_article_published_at"]  # type: ignore[attr-defined]
    store.close()
    with engine.connect() as conn:
        columns = [c["name"] for c in inspect(conn).get_columns("articles")]
        stamps = conn.execute(select(schema.articles.c.published_at)).scalars().all()
    engine.dispose()
    assert columns == PINNED_COLUMNS["articles"]
    assert stamps == [None]  # nothing to backfill from: the raw time was never stored
    # The upgraded store takes new instants.
    feed.write_text(_rss([HEADLINES[1]]), encoding="utf-8")
    ingest([feed], db=db, embedder="hashing")
    with engine.connect() as conn:  # a disposed engine opens fresh connections
        query = select(schema.articles.c.published_at).order_by(schema.articles.c.pk)
        stamps = conn.execute(query).scalars().all()
    engine.dispose()
    assert stamps == [None, "2025-03-03T11:30:00Z"]


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path / 'w.db'}").close()
    with sqlite3.connect(tmp_path / "w.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_db_lives_in_the_data_dir(tmp_path: Path) -> None:
    ingest([_write(tmp_path / "in", a=FLOOD_1)], embedder="hashing")
    assert (Path(os.environ["NEWSFUSE_DATA_DIR"]) / "newsfuse.db").is_file()


def test_unknown_scheme_says_what_to_use() -> None:
    from newsfuse.errors import ConfigError

    with pytest.raises(ConfigError, match="sqlite:///"):
        open_store("mongodb://localhost/x")


# -- ingest ---------------------------------------------------------------------------


def test_reingest_is_a_noop(db: str, tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", a=FLOOD_1, b=FLOOD_2, c=MERGER)
    first = ingest([folder], db=db, embedder="hashing")
    assert (first.new, first.duplicate, first.failed) == (3, 0, 0)
    second = ingest([folder], db=db, embedder="hashing")
    assert (second.new, second.duplicate, len(second.stories)) == (0, 3, 0)
    assert sum(s.size for s in list_stories(db=db)) == 3


def test_failures_are_counted_and_the_rest_ingested(db: str, tmp_path: Path) -> None:
    folder = _write(tmp_path / "in", a=FLOOD_1)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    summary = ingest([folder, tmp_path / "missing.txt"], db=db, embedder="hashing")
    assert (summary.new, summary.failed) == (1, 2)
    assert summary.line() == "1 new, 0 duplicate, 2 failed; 1 stories touched"


def test_articles_come_back_with_the_same_text_and_offsets(db: str, tmp_path: Path) -> None:
    from newsfuse.pipeline import read

    folder = _write(tmp_path / "in", a=FLOOD_1, b=FLOOD_2)
    ingest([folder], db=db, embedder="hashing")
    [story] = list_stories(db=db)
    store = open_store(db)
    try:
        loaded = store.story_articles(story.id)
    finally:
        store.close()
    original = read([folder]).articles
    assert [a.to_dict() for a in loaded] == [a.to_dict() for a in original]
    assert [a.sentences for a in loaded] == [a.sentences for a in original]
    for article in loaded:
        assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_incremental_assignment_joins_the_right_story(db: str, tmp_path: Path) -> None:
    ingest([_write(tmp_path / "one", a=FLOOD_1, c=MERGER)], db=db, embedder="hashing")
    before = {s.title: s.id for s in list_stories(db=db)}
    assert len(before) == 2
    summary = ingest([_write(tmp_path / "two", b=FLOOD_2)], db=db, embedder="hashing")
    after = {s.id: s.size for s in list_stories(db=db)}
    flood = before["River floods town of Lorvek"]
    assert summary.stories == {flood}
    assert after == {flood: 2, before["Kalotek agrees to buy Selvar Holdings"]: 1}


ABOUT_ARCHIVES = """Archived page is no longer updated
This page has been archived and is no longer updated, the site said on Monday.
Readers who sign in can still read the archived page, and the page will not be updated again.
The archive keeps every page that is no longer updated.
"""


def _junk_then_lookalike(db: str, tmp_path: Path, *, forget_junk: bool) -> dict[str, int]:
    """Ingest junk and a story, reopen the store, ingest a text that reads like the junk."""
    from sqlalchemy import create_engine, update

    from newsfuse.store import schema

    ingest([_write(tmp_path / "one", j=ARCHIVE_NOTICE, f=FLOOD_1)], db=db, embedder="hashing")
    if forget_junk:  # what a store before 0002 restored: no junk flag at all
        engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(update(schema.articles).values(junk=False))
        engine.dispose()
    ingest([_write(tmp_path / "two", n=ABOUT_ARCHIVES)], db=db, embedder="hashing")
    return {str(s.title): s.size for s in list_stories(db=db)}


def test_junk_attracts_nothing_after_the_store_is_reopened(db: str, tmp_path: Path) -> None:
    sizes = _junk_then_lookalike(db, tmp_path, forget_junk=False)
    assert sizes == {ARCHIVE_TITLE: 1, "River floods town of Lorvek": 1,
                     "Archived page is no longer updated": 1}


def test_without_the_stored_flag_the_lookalike_would_join_the_junk(tmp_path: Path) -> None:
    # The control for the test above: the look-alike is close enough to be attracted.
    sizes = _junk_then_lookalike(f"sqlite:///{tmp_path / 'c.db'}", tmp_path, forget_junk=True)
    assert sizes[ARCHIVE_TITLE] == 2


def _stories_by_members(db_file: Path) -> set[frozenset[str]]:
    query = ("SELECT m.story_id, a.id, a.junk FROM articles a "
             "JOIN story_members m ON m.article_pk = a.pk")
    groups: dict[int, set[str]] = {}
    with sqlite3.connect(db_file) as conn:
        for story, ident, junk in conn.execute(query):
            groups.setdefault(story, set()).add(f"{ident}{'!' if junk else ''}")
    return {frozenset(g) for g in groups.values()}


def test_worker_process_gives_the_same_stories_as_serial(tmp_path: Path) -> None:
    source = tmp_path / "stream.jsonl"
    _synthetic_jsonl(source, 600)
    found = []
    for workers in (0, 1):
        db_file = tmp_path / f"w{workers}.db"
        summary = ingest([source], db=f"sqlite:///{db_file}", embedder="hashing",
                         batch_size=50, workers=workers)
        assert summary.new > 500
        found.append(_stories_by_members(db_file))
    assert found[0] == found[1]
    assert 50 < len(found[0]) < 500  # stories formed, not all singletons or one blob


def test_wire_copy_is_linked_not_independent(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    rows = [{"id": "x1", "title": "River floods town of Lorvek", "text": FLOOD_1, "outlet": "A"},
            {"id": "x2", "title": "River floods town of Lorvek", "text": FLOOD_1, "outlet": "B"}]
    copy.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ingest([copy], db=db, embedder="hashing")
    [story] = list_stories(db=db)
    assert (story.size, story.independent, story.outlets) == (2, 1, ["A", "B"])


def test_stories_since_filters_by_last_date(db: str, tmp_path: Path) -> None:
    data = tmp_path / "dated.jsonl"
    rows = [{"id": "old", "title": "Old news", "text": MERGER, "published": "2020-01-02"},
            {"id": "new", "title": "River floods", "text": FLOOD_1, "published": "2024-05-06"}]
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ingest([data], db=db, embedder="hashing")
    assert [s.last for s in list_stories(db=db, since="2024-01-01")] == ["2024-05-06"]


def test_untitled_story_is_listed_by_its_opening_sentence(db: str, tmp_path: Path) -> None:
    data = tmp_path / "untitled.jsonl"
    opening = ("Heavy rain pushed the Dunmor river over its banks in the town of Lorvek on "
               "Monday night, and the council ordered three hundred homes near the old mill "
               "to be evacuated before dawn.")
    rows = [{"id": "u1", "text": opening + " Schools stayed closed."},
            {"id": "u2", "text": "Kalotek said on Tuesday it would buy Selvar Holdings."}]
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ingest([data], db=db, embedder="hashing")
    titles = {s.title for s in list_stories(db=db)}
    cut = next(t for t in titles if t and t.startswith("Heavy rain"))
    assert cut.endswith("…") and len(cut) <= 101 and opening.startswith(cut[:-1])
    assert "Kalotek said on Tuesday it would buy Selvar Holdings." in titles


def test_other_embedder_on_existing_store_is_refused(tmp_path: Path) -> None:
    from newsfuse.errors import ConfigError

    url = f"sqlite:///{tmp_path / 'e.db'}"
    ingest([_write(tmp_path / "in", a=FLOOD_1)], db=url, embedder="hashing")
    with pytest.raises(ConfigError, match="new --db"):
        ingest([_write(tmp_path / "in", a=FLOOD_1)], db=url, embedder="minilm")


# -- hour window for headline-only feed items (issue #5) -------------------------------

# Two look-alike events two days apart, each a burst of headline-only items (the feed's
# description repeats the headline): (title, RSS pubDate).
HEADLINES = [
    ("Storm closes Port Vellin ferry terminal", "Mon, 03 Mar 2025 08:00:00 GMT"),
    ("Port Vellin ferry terminal shut by storm", "Mon, 03 Mar 2025 11:30:00 GMT"),
    ("Storm shuts Port Vellin ferry terminal again", "Wed, 05 Mar 2025 09:00:00 GMT"),
    ("Port Vellin ferry terminal closed as storm returns", "Wed, 05 Mar 2025 10:15:00 GMT"),
]
FIRST_EVENT = {t for t, _ in HEADLINES[:2]}
SECOND_EVENT = {t for t, _ in HEADLINES[2:]}


def _rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><description>{title}</description>"
        f"<pubDate>{when}</pubDate><guid>urn:harbour-wire:{title.replace(' ', '-')}</guid></item>"
        for title, when in items
    )
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Harbour Wire</title>{entries}</channel></rss>")


def _headline_stories(db: str, tmp_path: Path, *, window: float | None,
                      items: list[tuple[str, str]] | None = None,
                      reopen: bool = False, forget_times: bool = False) -> set[frozenset[str]]:
    """Ingest the headline feed (in two runs when ``reopen``); the stories as title sets."""
    from dataclasses import replace

    from newsfuse.cluster import config_for

    items = items or HEADLINES
    config = replace(config_for("hashing"), window_hours_short=window)
    parts = [items[:2], items[2:]] if reopen else [items]
    for number, part in enumerate(parts):
        if number and forget_times:  # what a store without published_at restored
            _null_published_at(db)
        feed = tmp_path / f"wire{number}.rss"
        feed.write_text(_rss(part), encoding="utf-8")
        ingest([feed], db=db, embedder="hashing", config=config)
    return _story_titles(db)


def _null_published_at(db: str) -> None:
    from sqlalchemy import create_engine, update

    from newsfuse.store import schema

    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(update(schema.articles).values(published_at=None))
    engine.dispose()


def _story_titles(db: str) -> set[frozenset[str]]:
    store = open_store(db)
    try:
        return {frozenset(str(a.title) for a in store.story_articles(info.id))
                for info in store.stories()}
    finally:
        store.close()


def test_headline_items_keep_their_time_in_the_store(db: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from newsfuse.store import schema

    _headline_stories(db, tmp_path, window=24.0)
    store = open_store(db)
    try:
        loaded = [a for info in store.stories() for a in store.story_articles(info.id)]
        with store.engine.connect() as conn:  # type: ignore[attr-defined]
            junk = conn.execute(select(schema.articles.c.junk)).scalars().all()
    finally:
        store.close()
    # A headline-only item's headline is its text, and it is news, not junk.
    assert junk == [False] * 4 and all(a.text == a.title for a in loaded)
    assert sorted(str(a.published_at) for a in loaded) == [
        "2025-03-03T08:00:00Z", "2025-03-03T11:30:00Z", "2025-03-05T09:00:00Z",
        "2025-03-05T10:15:00Z"]
    assert sorted(str(a.published) for a in loaded) == [
        "2025-03-03", "2025-03-03", "2025-03-05", "2025-03-05"]


def test_hour_window_splits_lookalike_headline_bursts(db: str, tmp_path: Path) -> None:
    # Headlines within hours join; the look-alike two days later is another event.
    assert _headline_stories(db, tmp_path, window=24.0) == {
        frozenset(FIRST_EVENT), frozenset(SECOND_EVENT)}


def test_without_the_hour_window_the_lookalikes_join(tmp_path: Path) -> None:
    # The control: two days is inside the 3-day window, so only the hours keep them apart.
    db = f"sqlite:///{tmp_path / 'nohours.db'}"
    assert _headline_stories(db, tmp_path, window=None) == {frozenset(FIRST_EVENT | SECOND_EVENT)}


def test_hour_window_holds_after_the_store_is_reopened(db: str, tmp_path: Path) -> None:
    # The second event arrives in a later run: the clusterer is rebuilt from the store and
    # must know the first story's hours.
    assert _headline_stories(db, tmp_path, window=24.0, reopen=True) == {
        frozenset(FIRST_EVENT), frozenset(SECOND_EVENT)}


def test_without_restored_hours_the_reopened_store_joins_them(tmp_path: Path) -> None:
    # The control for the test above: a first story of unknown hours is not held.
    db = f"sqlite:///{tmp_path / 'forgot.db'}"
    stories = _headline_stories(db, tmp_path, window=24.0, reopen=True, forget_times=True)
    assert stories == {frozenset(FIRST_EVENT | SECOND_EVENT)}


def test_bare_feed_dates_are_not_held_to_the_hour_window(tmp_path: Path) -> None:
    # Without a time of day nothing is known about the hours: no invented midnight may
    # put the two events 48 hours apart.
    db = f"sqlite:///{tmp_path / 'bare.db'}"
    bare = [(title, when[:16]) for title, when in HEADLINES]  # "Mon, 03 Mar 2025"
    stories = _headline_stories(db, tmp_path, window=24.0, items=bare)
    assert stories == {frozenset(FIRST_EVENT | SECOND_EVENT)}


@pytest.mark.skipif(not MiniLMEmbedder.available(), reason="MiniLM embedder not installed")
def test_minilm_default_config_splits_headline_bursts(tmp_path: Path) -> None:
    # What `newsfuse ingest` does with the default embedder: its tuned 24-hour window.
    db = f"sqlite:///{tmp_path / 'minilm.db'}"
    feed = tmp_path / "wire.rss"
    feed.write_text(_rss(HEADLINES), encoding="utf-8")
    ingest([feed], db=db, embedder="minilm")
    assert _story_titles(db) == {frozenset(FIRST_EVENT), frozenset(SECOND_EVENT)}


# -- report ---------------------------------------------------------------------------


def test_report_matches_analyze_and_is_cached(db: str, tmp_path: Path) -> None:
    from newsfuse.pipeline import read
    from newsfuse.report import analyze

    folder = _write(tmp_path / "in", a=FLOOD_1, b=FLOOD_2)
    ingest([folder], db=db, embedder="hashing")
    [story] = list_stories(db=db)
    body = story_report(story.id, fmt="json", db=db)
    assert json.loads(body) == json.loads(json.dumps(analyze(read([folder]).articles).to_dict()))
    store = open_store(db)
    try:
        from newsfuse.store import members_hash

        key = members_hash(store.story_articles(story.id))
        assert store.cached_analysis(story.id, key, "json") == body
    finally:
        store.close()
    assert story_report(story.id, fmt="json", db=db) == body


def test_report_of_missing_story_says_how_to_list(db: str) -> None:
    from newsfuse.errors import InputError

    with pytest.raises(InputError, match="newsfuse stories"):
        story_report(99, db=db)


@pytest.mark.shared
def test_seeds_form_one_story_among_multinews(
    seed_paths: list[Path], multinews_path: Path, tmp_path: Path
) -> None:
    """Acceptance: seeds + the 570 Multi-News documents; the seeds form one story, and its
    stored report is the one ``newsfuse analyze`` gives for the seeds."""
    from newsfuse.pipeline import read
    from newsfuse.report import analyze

    url = f"sqlite:///{tmp_path / 'acc.db'}"
    summary = ingest([*seed_paths, multinews_path], db=url)
    assert summary.new + summary.duplicate == 573 and summary.failed == 0
    store = open_store(url)
    try:
        seed_ids = {a.id for a in read(seed_paths).articles}
        homes = {m.story for _, m in store.cluster_state() if m.article_id in seed_ids}
        assert len(homes) == 1
        [story] = homes
        members = {a.id for a in store.story_articles(story)}
    finally:
        store.close()
    # Exactly the seeds: Multi-News has other cruise-missile and Syria stories (undated),
    # and one that joined would make the report differ from the seeds' own analysis.
    assert members == seed_ids
    expected = analyze(read(seed_paths).articles).to_dict()
    body = json.loads(story_report(story, fmt="json", db=url))
    assert body == json.loads(json.dumps(expected))


# -- crash safety ---------------------------------------------------------------------

KILL_ARTICLES = 1500


def _synthetic_jsonl(path: Path, n: int) -> None:
    from newsfuse.cluster.synthetic import stream

    with path.open("w", encoding="utf-8") as fh:
        for item in stream(n, seed=3):
            a = item.article
            fh.write(json.dumps({"id": a.id, "title": a.title, "text": a.raw_text,
                                 "outlet": a.outlet, "published": a.published}) + "\n")


def _count(db_file: Path, query: str) -> int:
    try:
        with sqlite3.connect(db_file, timeout=30) as conn:
            return int(conn.execute(query).fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_kill_during_ingest_loses_nothing_committed(tmp_path: Path) -> None:
    source = tmp_path / "stream.jsonl"
    _synthetic_jsonl(source, KILL_ARTICLES)
    db_file = tmp_path / "kill.db"
    url = f"sqlite:///{db_file}"
    code = ("import sys; from newsfuse.store import ingest; "
            "ingest([sys.argv[1]], db=sys.argv[2], embedder='hashing', batch_size=50)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(source), url])
    deadline = time.monotonic() + 240
    while _count(db_file, "SELECT count(*) FROM articles") < 200:
        assert proc.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline, "ingest too slow to reach 200 articles"
        time.sleep(0.05)
    proc.kill()  # SIGKILL: no cleanup handlers run
    proc.wait()
    committed = _count(db_file, "SELECT count(*) FROM articles")
    assert 200 <= committed < KILL_ARTICLES
    # Every committed article is whole: sentences, vector and story membership.
    for table in ("embeddings", "story_members"):
        assert _count(db_file, f"SELECT count(*) FROM {table}") == committed
    assert _count(db_file, "SELECT count(*) FROM articles WHERE pk NOT IN "
                           "(SELECT article_pk FROM sentences)") == 0

    summary = ingest([source], db=url, embedder="hashing")
    assert summary.failed == 0
    from newsfuse.pipeline import read
    from newsfuse.store import content_hash

    distinct = {content_hash(a) for a in read([source]).articles}
    assert summary.duplicate >= committed
    total = _count(db_file, "SELECT count(*) FROM articles")
    assert total == committed + summary.new == len(distinct)
    assert _count(db_file, "SELECT count(DISTINCT content_hash) FROM articles") == total
    assert _count(db_file, "SELECT count(*) FROM story_members") == total
    again = ingest([source], db=url, embedder="hashing")
    assert again.new == 0
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_report_of_a_headline_story_cites_its_headlines(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.db'}"
    _headline_stories(db, tmp_path, window=24.0)
    store = open_store(db)
    try:
        story = next(i for i in store.stories() if i.size == 2)
        articles = {a.id: a for a in store.story_articles(story.id)}
    finally:
        store.close()
    report = json.loads(story_report(story.id, fmt="json", db=db))
    assert report["summary"], "a story of headlines still gets a cited summary"
    for item in report["summary"]:
        for c in item["citations"]:
            c = Citation(c["source"], c["start"], c["end"], c["text"])
            assert articles[c.source].text[c.start : c.end] == c.text == articles[c.source].title


def test_a_cached_report_is_refreshed_when_newsfuse_is_upgraded(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse
    from newsfuse.store import members_hash

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Dam opens\n\nThe Tarn dam opened its spillway on Monday.\n")
    ingest([folder], db=db, embedder="hashing")
    [story] = list_stories(db=db)
    story_report(story.id, fmt="md", db=db)
    store = open_store(db)
    try:
        articles = store.story_articles(story.id)
        before = members_hash(articles)
        assert store.cached_analysis(story.id, before, "md") is not None
        monkeypatch.setattr(newsfuse, "__version__", "99.0")
        after = members_hash(articles)
        assert after != before and store.cached_analysis(story.id, after, "md") is None
    finally:
        store.close()
