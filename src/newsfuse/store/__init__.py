"""Persistent store: articles, sentences, vectors, stories and cached analyses.

::

    from newsfuse.store import ingest, list_stories, story_report
    summary = ingest(["articles/"], db=None)   # None: SQLite file in the data dir
    print(summary.line())
    for story in list_stories(): ...
    print(story_report(story_id, fmt="md"))

Backends implement :class:`Store`; the built-in ``sql`` backend (SQLite and PostgreSQL
through SQLAlchemy Core) is registered in the ``newsfuse.stores`` entry point group.
"""

from newsfuse.store.base import (
    DATA_DIR_ENV,
    Batch,
    Membership,
    Store,
    StoreBackend,
    StoredArticle,
    StoryInfo,
    backends,
    data_dir,
    default_url,
    open_store,
)
from newsfuse.store.service import (
    IngestSession,
    IngestSummary,
    content_hash,
    default_workers,
    featurize,
    featurized_batches,
    format_stories,
    ingest,
    ingest_articles,
    list_stories,
    members_hash,
    story_report,
)
from newsfuse.store.sql import SqlBackend, SqlStore, StoreError

# The built-in backend, registered the way a plugin's entry point would be (the same name
# is listed under [project.entry-points."newsfuse.stores"] in pyproject).
backends.register("sql", SqlBackend)

__all__ = [
    "DATA_DIR_ENV", "Batch", "IngestSession", "IngestSummary", "Membership", "SqlBackend",
    "SqlStore", "Store", "StoreBackend", "StoreError", "StoredArticle", "StoryInfo", "backends",
    "content_hash", "data_dir", "default_url", "default_workers", "featurize",
    "featurized_batches", "format_stories", "ingest", "ingest_articles", "list_stories",
    "members_hash", "open_store", "story_report",
]
