"""The evaluation data: where it lives, whether it is the file the floors were pinned on.

The data is third-party (Multi-News, research-only terms), so it is read in place from
``<repo>/../shared/data/`` and never copied into the repository. Like trafilatura's eval gate,
the file's sha256 is pinned here: quality floors only mean something on the data they were
measured on, so a changed file is reported rather than silently scored.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError, NewsfuseError

SHARED_ENV = "NEWSFUSE_SHARED"
MULTINEWS_FILE = "multinews200.jsonl"
# sha256 of the 200-cluster Multi-News subset (LongBench v1) the floors were measured on.
MULTINEWS_SHA256 = "534e38dae3c38c3d697b984890d86ecb1b3f73f40e99131de564f63dfc318740"


class BenchDataMissing(NewsfuseError):
    """The evaluation file is not where the benchmark looked for it."""


@dataclass(frozen=True)
class Cluster:
    """One story: its source documents and the human reference summary."""

    id: str
    documents: tuple[str, ...]
    reference: str


def shared_dir() -> Path:
    """``$NEWSFUSE_SHARED`` if set, else the ``shared`` directory beside the checkout.

    This file is ``<repo>/src/newsfuse/bench/data.py``, so ``parents[4]`` is the directory
    holding ``<repo>`` (an editable install keeps that layout).
    """
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / "shared"


def default_data_path() -> Path:
    return shared_dir() / "data" / MULTINEWS_FILE


def require(path: Path) -> Path:
    """``path`` if it is a file, else an error that says how to point the benchmark at it."""
    if not path.is_file():
        raise BenchDataMissing(
            f"{path} not found: the summarization benchmark needs the Multi-News evaluation "
            f"file. Pass its path, or set {SHARED_ENV} to the directory holding "
            f"data/{MULTINEWS_FILE}."
        )
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """The first ``limit`` clusters (all when ``None``) of a ``{id, documents, summary}`` JSONL."""
    clusters: list[Cluster] = []
    with require(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(clusters) >= limit:
                break
            if line.strip():
                clusters.append(_parse_row(line, f"{path}:{lineno}"))
    return clusters


def _parse_row(line: str, origin: str) -> Cluster:
    try:
        row = json.loads(line)
        documents = tuple(str(d) for d in row["documents"])
        return Cluster(str(row["id"]), documents, strip_reference_dash(str(row["summary"])))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            origin, f"not a cluster row ({exc}); expected JSON with id, documents, summary"
        ) from exc


def strip_reference_dash(summary: str) -> str:
    """Multi-News references open with "– " (an artefact of the source site), not content."""
    text = summary.strip()
    if text.startswith("–"):
        text = text[1:].lstrip()
    return text
