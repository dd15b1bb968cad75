"""Settings of the web app: constructor arguments, checked up front, or read from the env.

``NEWSFUSE_TOKEN`` guards the write endpoints (ingest, and analyze with ``store``); when it
is unset they answer 403, so a server started without thinking about it cannot be written
to. ``NEWSFUSE_READ_TOKEN``, when set, guards every read endpoint too (a private newsroom
instance); unset, reading is open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsfuse.errors import ConfigError

DB_ENV = "NEWSFUSE_DB"
TOKEN_ENV = "NEWSFUSE_TOKEN"
READ_TOKEN_ENV = "NEWSFUSE_READ_TOKEN"
MAX_BODY_ENV = "NEWSFUSE_MAX_BODY_MB"
MAX_ARTICLES_ENV = "NEWSFUSE_MAX_ARTICLES"

MIB = 1024 * 1024
DEFAULT_MAX_BODY = 5 * MIB
DEFAULT_MAX_ARTICLES = 50
MAX_WORDS = 2000


@dataclass(frozen=True)
class WebConfig:
    """What ``newsfuse serve`` needs; ``db=None`` is the SQLite file in the data dir."""

    db: str | None = None
    token: str | None = None
    read_token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_articles: int = DEFAULT_MAX_ARTICLES
    words: int = 200
    embedder: str | None = None
    cache_seconds: float = 2.0

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise ConfigError(f"the body limit must be at least 1 KB, not {self.max_body_bytes}")
        if self.max_articles < 1:
            raise ConfigError(f"the article limit must be positive, not {self.max_articles}")
        if not 1 <= self.words <= MAX_WORDS:
            raise ConfigError(f"--words must be between 1 and {MAX_WORDS}, not {self.words}")
        for name in ("token", "read_token"):
            value = getattr(self, name)
            if value is not None and len(value) < 8:
                raise ConfigError(f"the {name.replace('_', ' ')} is too short: use 8+ characters")

    @classmethod
    def from_env(cls, db: str | None = None, **overrides: object) -> WebConfig:
        """Settings from ``NEWSFUSE_*`` variables; explicit arguments win.

        ``NEWSFUSE_DB`` names the store when ``db`` is not given, so ``uvicorn --factory
        newsfuse.web:create_app`` (e.g. with several workers) needs no code.
        """
        values: dict[str, object] = {
            "db": db or os.environ.get(DB_ENV) or None,
            "token": os.environ.get(TOKEN_ENV) or None,
            "read_token": os.environ.get(READ_TOKEN_ENV) or None,
            "max_body_bytes": int(_number(MAX_BODY_ENV, DEFAULT_MAX_BODY / MIB) * MIB),
            "max_articles": int(_number(MAX_ARTICLES_ENV, DEFAULT_MAX_ARTICLES)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    @property
    def max_body_label(self) -> str:
        size = self.max_body_bytes
        return f"{size / MIB:g} MB" if size >= MIB else f"{size // 1024} KB"


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"${name} must be a number, not {raw!r}") from exc
