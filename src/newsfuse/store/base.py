"""The Store protocol, its records, and the registry of store backends.

A backend is found by the URL's scheme (``sqlite:///…``, ``postgresql://…``): every backend
registered under the ``newsfuse.stores`` entry point group says which schemes it handles.
The built-in ``sql`` backend (SQLAlchemy Core) is registered the same way a plugin would be.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsfuse.errors import ConfigError
from newsfuse.models import Article
from newsfuse.registry import Registry

DATA_DIR_ENV = "NEWSFUSE_DATA_DIR"
DB_FILE = "newsfuse.db"


@dataclass(frozen=True)
class Membership:
    """An article's place in a story (``dup_of``: the article id it is a wire copy of).

    ``junk``: the clusterer found the article to be page chrome (possibly only later, when
    its text turned up verbatim a third time); stored so a reopened store still knows.
    """

    article_id: str
    story: int
    dup_of: str | None
    score: float
    junk: bool = False


@dataclass
class StoredArticle:
    """A new article with what clustering computed for it, written in one transaction."""

    article: Article
    content_hash: str
    model: str
    vector: npt.NDArray[np.float32]
    tokens: frozenset[str]
    minhash: npt.NDArray[np.uint32]
    day: int | None
    junk: bool = False  # not news text: never links or attracts (see cluster.features)


@dataclass
class Batch:
    """One ingest transaction: new articles, and every membership that changed."""

    articles: list[StoredArticle] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    merged: dict[int, int] = field(default_factory=dict)  # story → the story it joined


@dataclass(frozen=True)
class StoryInfo:
    """One story as ``newsfuse stories`` lists it; ``independent`` excludes wire copies."""

    id: int
    size: int
    independent: int
    outlets: list[str]
    first: str | None
    last: str | None
    title: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "size": self.size, "independent": self.independent,
            "outlets": self.outlets, "first": self.first, "last": self.last,
            "title": self.title,
        }


class Store(Protocol):
    """Persistent articles, sentences, clustering state, stories and cached analyses."""

    url: str

    def known_hashes(self, hashes: Sequence[str]) -> set[str]: ...

    def known_ids(self, ids: Sequence[str]) -> set[str]: ...

    def write(self, batch: Batch) -> None: ...

    def cluster_state(self) -> Iterator[tuple[StoredArticle, Membership]]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def stories(self, since: str | None = None) -> list[StoryInfo]: ...

    def resolve_story(self, story: int) -> int | None: ...

    def story_articles(self, story: int) -> list[Article]: ...

    def cached_analysis(self, story: int, members_hash: str, fmt: str) -> str | None: ...

    def save_analysis(self, story: int, members_hash: str, fmt: str, body: str) -> None: ...

    def close(self) -> None: ...


class StoreBackend(Protocol):
    """Opens stores for the URL schemes it names (``sqlite``, ``postgresql+psycopg``, …)."""

    schemes: tuple[str, ...]

    def open(self, url: str) -> Store: ...


backends: Registry[StoreBackend] = Registry("newsfuse.stores", "store backend")


def data_dir() -> Path:
    """``$NEWSFUSE_DATA_DIR``, else ``$XDG_DATA_HOME/newsfuse`` (``~/.local/share/newsfuse``)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "newsfuse"


def default_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILE}"


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: the SQLite file in the data dir), migrated."""
    url = url or default_url()
    scheme = url.split(":", 1)[0].lower()
    for name in backends.names():
        backend = backends.create(name)
        if any(scheme == s or scheme.startswith(s + "+") for s in backend.schemes):
            return backend.open(url)
    raise ConfigError(
        f"no store backend handles {scheme!r} URLs; use sqlite:///path/to/newsfuse.db or "
        "postgresql+psycopg://user@host/db"
    )
