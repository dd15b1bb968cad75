"""Analyze articles a request brings, storing them only when asked (and authorised)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsfuse.web.inputs import Inputs
from newsfuse.web.stories import StoryService, links_of, summary_dict


@dataclass(frozen=True)
class Analysis:
    """A report of the request's articles; ``stored`` is the ingest summary, if stored."""

    report: dict[str, Any]
    markdown: str
    links: dict[str, str]
    failures: list[dict[str, str]]
    stored: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.report, "markdown": self.markdown,
                "failures": self.failures, "stored": self.stored}


def analyze_inputs(inputs: Inputs, *, words: int, embedder: str | None,
                   store: StoryService | None = None) -> Analysis:
    """Report on ``inputs`` (checked by the caller); ingest them too when ``store`` is given."""
    from newsfuse import report

    # The analysis reads articles and never changes them, so ingest after it sees the same
    # cleaned text and sentence offsets the report cites.
    result = report.analyze(inputs.articles, words=words, embedder=embedder)
    stored = summary_dict(store.ingest(inputs.articles)) if store is not None else None
    return Analysis(result.to_dict(), report.to_markdown(result), links_of(inputs.articles),
                    inputs.failures_dict(), stored)
