"""Ingestion: any mix of files, directories and stdin in; Articles (or Failures) out.

Readers (one module per format) are chosen by :mod:`._registry`. Nothing here raises for a
bad input: an empty, binary, oversize, undecodable or malformed input becomes a
:class:`~newsfuse.models.Failure` whose message names it and says what to do, and every
other input in the same call is still read.

Heavy libraries (trafilatura, feedparser, dateparser, charset-normalizer) are imported only
by the readers that need them, so ``newsfuse --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsfuse.ingest._common import SUPPORTED, Source, failure
from newsfuse.ingest._decode import decode, read_file, read_stream
from newsfuse.ingest._registry import FORMATS, Format, format_for, is_article_file
from newsfuse.ingest.text import from_text
from newsfuse.models import Article, Failure

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "Format", "expand_paths", "from_text", "read_path"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"
STDIN_ORIGIN = "stdin"


def expand_paths(paths: list[str]) -> tuple[list[str], list[Failure]]:
    """Files to read: directories expanded recursively (sorted, hidden entries skipped).

    Inside a directory only files with a known extension are taken (.txt, .html, .json,
    .jsonl, feeds …), so a README or a picture beside the articles is not read; files named
    directly are always read.
    ``-`` (stdin) is kept as is; a missing path or a directory with nothing in it becomes a
    Failure, so the caller can report it and go on with the rest.
    """
    files: list[str] = []
    failures: list[Failure] = []
    for path in paths:
        if path == STDIN:
            files.append(path)
        elif Path(path).is_dir():
            found = _walk(path)
            if not found:
                failures.append(failure(path, f"is a directory with no files to read; {SUPPORTED}"))
            files.extend(found)
        elif Path(path).exists():
            files.append(path)
        else:
            failures.append(_missing(path))
    return files, failures


def read_path(
    path: str,
    *,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Failure]:
    """Read one input (a file, a directory, or ``-`` for stdin); it may yield many articles.

    ``outlet`` names the outlet for every article read, overriding what the source says.
    """
    if path != STDIN and Path(path).is_dir():
        files, failures = expand_paths([path])
        yield from failures
        for file in files:
            yield from read_path(file, outlet=outlet, max_bytes=max_bytes)
        return
    origin = STDIN_ORIGIN if path == STDIN else path
    data = _load(path, origin, max_bytes, stdin)
    if isinstance(data, Failure):
        yield data
        return
    decoded = decode(data, origin)
    if isinstance(decoded, Failure):
        yield decoded
        return
    source = Source(origin=origin, text=decoded.text, outlet=outlet)
    fmt = format_for("" if path == STDIN else path, decoded.text)
    yield from _guarded(fmt, source)


def _load(path: str, origin: str, max_bytes: int, stdin: BinaryIO | None) -> bytes | Failure:
    if path == STDIN:
        return read_stream(stdin if stdin is not None else sys.stdin.buffer, origin, max_bytes)
    if not Path(path).exists():
        return _missing(path)
    return read_file(Path(path), origin, max_bytes)


def _guarded(fmt: Format, source: Source) -> Iterator[Article | Failure]:
    """Run a reader; a crash inside it fails this input only, never the whole batch."""
    try:
        yield from fmt.reader(source)
    except Exception as exc:  # a reader bug must not cost the user the other inputs
        yield failure(
            source.origin,
            f"could not be read as {fmt.name} ({type(exc).__name__}: {exc}); "
            "this is a newsfuse bug, please report it with the file",
        )


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name)
            for name in names
            if not name.startswith(".") and is_article_file(name)
        )
    return sorted(found)


def _missing(path: str) -> Failure:
    return failure(path, "does not exist: check the path (use - to read standard input)")
