"""The data that flows through the pipeline.

Every :class:`Sentence` keeps its source article id and character offsets into that
article's cleaned ``text``, so any output can cite exact source text:
``article.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removed:
    """A line the cleaner took out of an article, and why."""

    line: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's cleaned text."""

    source: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class Article:
    """One news report.

    ``raw_text`` is the text as read; ``text`` is the cleaned text that sentences and
    citations point into. ``published`` is an ISO date (``YYYY-MM-DD``) or ``None``;
    ``published_at`` is the UTC instant (``YYYY-MM-DDTHH:MM:SSZ``) when the source also
    gave a time of day, else ``None`` (never an invented midnight). Both are kept because
    many consumers want the date alone, while clustering headlines needs the hour.
    """

    id: str
    origin: str
    raw_text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Last, so that no positional construction of an Article changes meaning.
    published_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape ``newsfuse read --format json`` prints."""
        return {
            "id": self.id,
            "origin": self.origin,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "published_at": self.published_at,
            "url": self.url,
            "language": self.language,
            "text": self.text,
            "sentences": len(self.sentences),
            "removed": [asdict(r) for r in self.removed],
            "extra": self.extra,
        }


@dataclass(frozen=True)
class Failure:
    """An input that could not be used, with a message that says what to do."""

    origin: str
    message: str


@dataclass(frozen=True)
class Citation:
    """An exact sentence of a source's cleaned text: ``source.text[start:end] == text``."""

    source: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, sentence: Sentence) -> Citation:
        return cls(sentence.source, sentence.start, sentence.end, sentence.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
