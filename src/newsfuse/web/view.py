"""What the report templates show, computed from ``Report.to_dict()``.

The templates stay declarative: grouping citations into per-source markers, resolving claim
ids, and the coverage bars are worked out here, where they are typed and testable. Text is
never marked safe here; Jinja's autoescape escapes all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceRef:
    """One source as the page names it: ``[number] label``, with a link when safe."""

    id: str
    number: int
    label: str
    title: str | None
    outlet: str | None
    published: str | None
    origin: str
    url: str | None


@dataclass(frozen=True)
class Mark:
    """A citation marker ``[n]``: the sentences of source n that back the line it follows."""

    source: SourceRef
    quotes: list[str]


@dataclass(frozen=True)
class Coverage:
    """How many of the story's facts an outlet reports (wire copies count per article)."""

    label: str
    facts: int
    total: int
    articles: int

    @property
    def percent(self) -> int:
        return round(100 * self.facts / self.total) if self.total else 0


@dataclass
class ReportView:
    """A report dict plus lookups; built by :func:`report_view`."""

    report: dict[str, Any]
    sources: list[SourceRef]
    by_id: dict[str, SourceRef] = field(default_factory=dict)

    def marks(self, citations: list[dict[str, Any]]) -> list[Mark]:
        """Citations grouped per source, in source order (one ``[n]`` per source)."""
        quotes: dict[str, list[str]] = {}
        for cite in citations:
            if cite["source"] in self.by_id:
                quotes.setdefault(cite["source"], [])
                if cite["text"] not in quotes[cite["source"]]:
                    quotes[cite["source"]].append(cite["text"])
        refs = sorted((self.by_id[s] for s in quotes), key=lambda r: r.number)
        return [Mark(r, quotes[r.id]) for r in refs]

    def source_marks(self, sources: list[str]) -> list[SourceRef]:
        return sorted((self.by_id[s] for s in sources if s in self.by_id),
                      key=lambda r: r.number)

    def label(self, source: str) -> str:
        ref = self.by_id.get(source)
        return ref.label if ref else source

    @property
    def agreed(self) -> list[dict[str, Any]]:
        # The report names them (Report.agreed), so page, Markdown and HTML list the same.
        ids = set(self.report.get("agreed", []))
        return [c for c in self.report.get("claims", []) if c["id"] in ids]

    @property
    def unique(self) -> list[tuple[SourceRef, list[dict[str, Any]]]]:
        claims = {c["id"]: c for c in self.report.get("claims", [])}
        out = []
        for item in self.report.get("unique", []):
            ref = self.by_id.get(item["source"])
            found = [claims[i] for i in item["claims"] if i in claims]
            if ref is not None and found:
                out.append((ref, found))
        return out

    @property
    def coverage(self) -> list[Coverage]:
        """Per outlet (label): facts reported out of all facts in the report."""
        claims = self.report.get("claims", [])
        facts: dict[str, set[str]] = {}
        articles: dict[str, int] = {}
        for ref in self.sources:
            facts.setdefault(ref.label, set())
            articles[ref.label] = articles.get(ref.label, 0) + 1
        for claim in claims:
            for source in claim["sources"]:
                if source in self.by_id:
                    facts[self.by_id[source].label].add(claim["id"])
        rows = [Coverage(label, len(ids), len(claims), articles[label])
                for label, ids in facts.items()]
        return sorted(rows, key=lambda r: (-r.facts, r.label))

    @property
    def is_empty(self) -> bool:
        return not self.report.get("summary")


def report_view(report: dict[str, Any], links: dict[str, str] | None = None) -> ReportView:
    links = links or {}
    sources = [
        SourceRef(s["id"], s["number"], s.get("label") or s["id"], s.get("title"),
                  s.get("outlet"), s.get("published"), s.get("origin") or "",
                  links.get(s["id"]))
        for s in report.get("sources", [])
    ]
    return ReportView(report, sources, {s.id: s for s in sources})
