"""Articles from what a request carries: uploaded files, pasted text, or JSON objects.

Uploads go through the same readers as the CLI (format by file name, else sniffed), via a
private temporary directory; the upload's own name replaces the temporary path in every
origin and message, so nothing about the server's file system leaks into a response.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsfuse import ingest
from newsfuse.ingest.jsonl import read_row
from newsfuse.models import Article, Failure
from newsfuse.pipeline import prepare
from newsfuse.web.errors import TooLarge, WebError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the client gave it, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Pasted:
    """One article pasted into the form; ``outlet`` is optional."""

    text: str
    outlet: str | None = None


@dataclass
class Inputs:
    """Prepared (cleaned, split) articles, and the inputs that could not be used."""

    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def extend(self, other: Inputs) -> None:
        self.articles.extend(other.articles)
        self.failures.extend(other.failures)

    def check(self, max_articles: int) -> None:
        """Refuse an empty request, and one with more articles than the limit."""
        if len(self.articles) > max_articles:
            raise TooLarge(f"too many articles: {len(self.articles)} in one request, the limit "
                           f"is {max_articles}; send them in smaller batches")
        if not self.articles:
            reasons = "; ".join(f.message for f in self.failures[:5])
            raise WebError("no usable article in the request: paste article text or upload "
                           ".txt, .html, .json, .jsonl or feed files"
                           + (f" ({reasons})" if reasons else ""))

    def failures_dict(self) -> list[dict[str, str]]:
        return [{"origin": f.origin, "message": f.message} for f in self.failures]


def from_uploads(uploads: Sequence[Upload], max_bytes: int) -> Inputs:
    """Read uploaded files with the CLI's readers; a bad file fails alone."""
    result = Inputs()
    with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as tmp:
        for n, upload in enumerate(uploads):
            name = safe_name(upload.name, n)
            folder = Path(tmp) / str(n)
            folder.mkdir()
            path = folder / name
            path.write_bytes(upload.data)
            for item in ingest.read_path(str(path), max_bytes=max_bytes):
                _add(result, item, str(path), upload.name or name)
    return result


def from_pasted(pasted: Iterable[Pasted]) -> Inputs:
    """Plain-text articles (first headline-like line is the title); blank boxes skipped."""
    result = Inputs()
    for n, item in enumerate(pasted, 1):
        if item.text.strip():
            article = ingest.from_text(item.text, f"pasted #{n}",
                                       outlet=(item.outlet or "").strip() or None)
            result.articles.append(prepare(article))
    return result


def from_rows(rows: Iterable[dict[str, Any]]) -> Inputs:
    """JSON article objects (``text``, ``title``, ``outlet``, ``published``, ``url``, ``id``)
    read exactly as rows of a ``.jsonl`` file are."""
    result = Inputs()
    for n, row in enumerate(rows):
        for item in read_row(row, f"articles[{n}]", None):
            _add(result, item, "", "")
    return result


def safe_name(name: str, index: int) -> str:
    """A file name that is safe to create: the last path part, odd characters replaced.

    The suffix survives, since it picks the reader (``.html``, ``.json`` …).
    """
    base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")
    return base[-100:] or f"upload-{index}"


def _add(result: Inputs, item: Article | Failure, path: str, name: str) -> None:
    if isinstance(item, Failure):
        origin = item.origin.replace(path, name) if path else item.origin
        message = item.message.replace(path, name) if path else item.message
        result.failures.append(Failure(origin, message))
        return
    if path:
        item = replace(item, origin=item.origin.replace(path, name))
    result.articles.append(prepare(item))
