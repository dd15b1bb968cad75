"""Result dataclasses of the cross-source analysis (``newsfuse analyze``).

Every item that states something carries :class:`~newsfuse.models.Citation` objects: the
exact sentence of a source's cleaned text, so a reader can check each line of the report.
``Report.to_dict()`` is the JSON shape published in ``newsfuse/schemas/report.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from newsfuse.models import Citation

Status = Literal["corroborated", "single-source", "disputed", "conflicting"]
ConflictKind = Literal["numeric", "confirmation", "factual"]


def _cites(citations: list[Citation]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in citations]


@dataclass(frozen=True)
class SourceInfo:
    """One input article as the report lists it; ``group`` is its independent origin
    (wire copies of one story share a group and count once)."""

    id: str
    number: int
    outlet: str | None
    title: str | None
    published: str | None
    origin: str
    group: int

    @property
    def label(self) -> str:
        """What a reader calls this source: the outlet, else the title, else the id."""
        return self.outlet or self.title or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "outlet": self.outlet,
                "title": self.title, "published": self.published, "origin": self.origin,
                "group": self.group, "label": self.label}


@dataclass
class SummaryItem:
    """A summary sentence with every source sentence that backs it."""

    text: str
    citations: list[Citation]
    # Set by the optional LLM shortening (see newsfuse.summarize.rewrite).
    rewritten: bool = False
    rewrite_note: str | None = None
    # Indices into Report.conflicts of the conflicts this sentence takes a side in: a
    # summary must not state one source's number as settled when others give another.
    conflicts: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "citations": _cites(self.citations)}
        if self.rewritten:
            out["rewritten"] = True
        if self.rewrite_note:
            out["rewrite_note"] = self.rewrite_note
        if self.conflicts:
            out["conflicts"] = self.conflicts
        return out


@dataclass
class ReportClaim:
    """A fact stated by one or more sources (one aligned group of claim sentences)."""

    id: str
    text: str
    speaker: str | None
    via: list[str]
    status: Status
    sources: list[str]
    citations: list[Citation]
    origins: int
    stance: str = "assert"
    substantive: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "speaker": self.speaker, "via": self.via,
                "status": self.status, "sources": self.sources,
                "citations": _cites(self.citations), "origins": self.origins,
                "stance": self.stance}


@dataclass
class Side:
    """One side of a conflict: what it says, and the sources that say it."""

    value: str
    sources: list[str]
    citations: list[Citation]
    party: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "sources": self.sources,
                "citations": _cites(self.citations), "party": self.party}


@dataclass
class Conflict:
    """Sources that disagree about the same thing (a different number, or confirmation)."""

    about: str
    kind: ConflictKind
    sides: list[Side]
    note: str | None = None

    @property
    def sources(self) -> set[str]:
        return {s for side in self.sides for s in side.sources}

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "kind": self.kind,
                "sides": [s.to_dict() for s in self.sides], "note": self.note}


@dataclass
class Party:
    """One party of a dispute and its stance ("assert" or "deny")."""

    party: str
    stance: str
    sources: list[str]
    citations: list[Citation]

    @property
    def heading(self) -> str:
        return party_heading(self.stance, self.party)

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "stance": self.stance, "sources": self.sources,
                "citations": _cites(self.citations)}


def party_heading(stance: str, party: str) -> str:
    """"Claimed by X" / "Denied by X": no verb to agree with a plural party. (The web page
    renders stored report JSON, so it calls this with the dict's fields.)"""
    return f"{'Denied' if stance == 'deny' else 'Claimed'} by {party}"


@dataclass
class Dispute:
    """Parties *in* the story disagree (one asserts, another denies); the sources agree
    that they do."""

    about: str
    parties: list[Party]

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "parties": [p.to_dict() for p in self.parties]}


@dataclass
class UniqueFacts:
    """What only this source reports (claim ids)."""

    source: str
    claims: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "claims": self.claims}


@dataclass
class TimelineEntry:
    """A dated event (day granularity), merged over the sources that report it."""

    date: str
    text: str
    sources: list[str]
    citations: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "text": self.text, "sources": self.sources,
                "citations": _cites(self.citations)}


@dataclass
class Note:
    """A hedge, not a finding: e.g. similar numbers that may or may not be the same thing."""

    kind: str
    text: str
    citations: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "citations": _cites(self.citations)}


@dataclass
class Report:
    """The whole analysis of one story."""

    sources: list[SourceInfo] = field(default_factory=list)
    summary: list[SummaryItem] = field(default_factory=list)
    claims: list[ReportClaim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    unique: list[UniqueFacts] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dropped: list[dict[str, str]] = field(default_factory=list)
    embedder: str = ""
    tagger: str = ""

    def claim(self, claim_id: str) -> ReportClaim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def source(self, source_id: str) -> SourceInfo | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def agreed(self) -> list[ReportClaim]:
        """Facts independent sources state alike. A disputed charge counts too: the sources
        agree that the party said it (the denial is listed under Disputed)."""
        return [c for c in self.claims if c.substantive and (
            c.status == "corroborated" or (c.status == "disputed" and c.origins >= 2))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [s.to_dict() for s in self.sources],
            "summary": [s.to_dict() for s in self.summary],
            "claims": [c.to_dict() for c in self.claims],
            "agreed": [c.id for c in self.agreed()],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "disputes": [d.to_dict() for d in self.disputes],
            "unique": [u.to_dict() for u in self.unique],
            "timeline": [t.to_dict() for t in self.timeline],
            "notes": [n.to_dict() for n in self.notes],
            "dropped": self.dropped,
            "embedder": self.embedder,
            "tagger": self.tagger,
        }
