"""Summarise a JSONL file of clusters (Multi-News format) to ``{"id", "summary"}`` lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import InputError, LLMError
from newsfuse.llm import LLM
from newsfuse.models import Failure
from newsfuse.pipeline import from_texts
from newsfuse.summarize.core import summarize


@dataclass
class DatasetStats:
    written: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def summarize_dataset(
    path: Path,
    output: Path,
    *,
    words: int = 200,
    embedder: str | None = None,
    llm: LLM | None = None,
    on_row: Callable[[], None] | None = None,
) -> DatasetStats:
    """Write one summary per cluster row; a bad row is reported and the rest still run."""
    if not path.is_file():
        raise InputError(str(path), "no such file; give a JSONL file of clusters")
    stats = DatasetStats()
    with path.open(encoding="utf-8") as rows, output.open("w", encoding="utf-8") as out:
        for number, line in enumerate(rows, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                row_id, documents = _parse(line, origin)
            except InputError as exc:
                stats.failures.append(Failure(exc.origin, exc.problem))
                continue
            try:
                summary = summarize(from_texts(documents, origin=row_id), words,
                                    embedder=embedder, llm=llm)
            except LLMError as exc:  # the LLM server failed on this row: go on
                stats.failures.append(Failure(origin, str(exc)))
                continue
            out.write(json.dumps({"id": row_id, "summary": summary.text}, ensure_ascii=False))
            out.write("\n")
            stats.written += 1
            if on_row is not None:
                on_row()
    return stats


def _parse(line: str, origin: str) -> tuple[str, list[str]]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"not valid JSON ({exc.msg})") from exc
    docs = row.get("documents") if isinstance(row, dict) else None
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        raise InputError(origin, 'needs a "documents" list of strings')
    return str(row.get("id", origin)), docs
