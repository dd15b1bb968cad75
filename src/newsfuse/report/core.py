"""``analyze(articles)``: the cross-source report of one story.

Steps: drop junk documents (as the summarizer does), embed every sentence once
(:func:`~newsfuse.summarize.align.build_space`), extract claims (:mod:`newsfuse.claims`),
group sentences of different sources into facts, then find conflicts, disputes, facts only
one source reports and dated events. The summary reuses the same sentence space, so the
sentences are embedded only once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.embed import get_embedder
from newsfuse.errors import ConfigError
from newsfuse.models import Article, Citation
from newsfuse.report.conflicts import find_conflicts
from newsfuse.report.disputes import find_disputes
from newsfuse.report.story import Story, build_story, substantive
from newsfuse.report.summary import report_summary
from newsfuse.report.timeline import build_timeline
from newsfuse.report.types import (
    Conflict,
    Dispute,
    Note,
    Report,
    ReportClaim,
    SourceInfo,
    Status,
    SummaryItem,
    UniqueFacts,
)
from newsfuse.summarize.align import build_space, wire_origins
from newsfuse.summarize.core import DEFAULT_EMBEDDER, drop_junk, refers_back, shown_text

if TYPE_CHECKING:
    from newsfuse.llm import LLM

DEFAULT_TAGGER = "rules"  # spaCy is more accurate but ~10x too slow for 2 clusters/s
MAX_UNIQUE = 8
SINGLE_SOURCE = ("All kept articles are one report (or copies of it), so nothing here is "
                 "corroborated or contradicted by another source; add more coverage of the "
                 "story to compare.")
# Looser than same-fact: a fact that another origin states in other words is not unique.
UNIQUE_SUPPORT = 0.8
_CONTESTED = frozenset({"disputed", "conflicting"})


def analyze(
    articles: Sequence[Article],
    *,
    words: int = 200,
    embedder: str | None = None,
    tagger: str | None = None,
    llm: LLM | None = None,
) -> Report:
    """Claims, agreement, conflicts, disputes, unique facts and a timeline of one story.

    ``llm``: shorten the summary's sentences as ``summarize(..., llm=)`` does.
    """
    if words < 1:
        raise ConfigError(f"--words must be a positive number, not {words}")
    articles = list(articles)
    kept, dropped = drop_junk(articles)
    report = Report(sources=_sources(articles, kept), tagger=tagger or DEFAULT_TAGGER,
                    dropped=[{"source": d.source, "reason": d.reason} for d in dropped])
    if not any(a.sentences for a in kept):
        return report
    emb = get_embedder(embedder)
    report.embedder = emb.name
    story = build_story(kept, build_space(kept, emb), report.tagger)
    report.disputes = find_disputes(story)
    report.summary = _summary(story, words, embedder, llm, report.disputes)
    report.conflicts, report.notes = find_conflicts(story)
    _mark_contested(report.summary, report.conflicts)
    report.claims, claim_of = _claims(story, report.conflicts, report.disputes)
    if len({story.origin(i) for i in range(len(story))}) > 1:
        report.unique = _unique(story, report.claims, claim_of)
    else:  # "Only in X" for every fact of the only source would tell the reader nothing
        report.notes.append(Note("single-source", SINGLE_SOURCE, []))
    report.timeline = build_timeline(story)
    return report


def _sources(articles: list[Article], kept: list[Article]) -> list[SourceInfo]:
    groups = wire_origins(articles)
    return [
        SourceInfo(a.id, n, a.outlet, a.title, a.published, a.origin, g)
        for n, (a, g) in enumerate(zip(articles, groups, strict=True), 1)
    ]


def _summary(story: Story, words: int, embedder: str | None, llm: LLM | None,
             disputes: list[Dispute]) -> list[SummaryItem]:
    """The summarizer's selection (the same embedder picks: hashing unless one is named),
    told the report's facts and disputes (:mod:`newsfuse.report.summary`); the report's own
    space finds each sentence's backing."""
    selector = get_embedder(embedder or DEFAULT_EMBEDDER)
    space = story.space
    chooser = space if selector.name == get_embedder(embedder).name else build_space(
        space.articles, selector)
    sentences = report_summary(story, chooser, words, disputes)
    if llm is not None:
        from newsfuse.summarize.rewrite import rewrite_sentence

        sentences = [rewrite_sentence(s, llm) for s in sentences]
    return [SummaryItem(s.text, s.citations, s.rewritten, s.rewrite_note) for s in sentences]


def _mark_contested(summary: list[SummaryItem], conflicts: list[Conflict]) -> None:
    """Point every summary sentence at the conflicts one of its citations is a side of."""
    for item in summary:
        spans = {(c.source, c.start, c.end) for c in item.citations}
        item.conflicts = [n for n, conflict in enumerate(conflicts)
                          if any((x.source, x.start, x.end) in spans
                                 for side in conflict.sides for x in side.citations)]


def _claims(story: Story, conflicts: list[Conflict],
            disputes: list[Dispute]) -> tuple[list[ReportClaim], dict[int, str]]:
    """One report claim per fact that holds a substantive or attributed sentence."""
    conflicted = _cited_facts(story, [c for x in conflicts for s in x.sides
                                      for c in s.citations])
    disputed = _cited_facts(story, [c for d in disputes for p in d.parties
                                    for c in p.citations])
    claims: list[ReportClaim] = []
    claim_of: dict[int, str] = {}
    for fact in dict.fromkeys(story.fact):
        members = [i for i in story.members(fact) if not story.furniture(i)]
        if not any(substantive(story, i) or story.claims[i].speaker for i in members):
            continue
        ident = f"c{len(claims) + 1}"
        status = _status(story, members, fact in conflicted, fact in disputed)
        claims.append(_claim(story, ident, members, status))
        claim_of[fact] = ident
    return claims, claim_of


def _cited_facts(story: Story, citations: list[Citation]) -> set[int]:
    keys = {(c.source, c.start) for c in citations}
    return {story.fact[i] for i in range(len(story))
            if (story.source(i), story.citation(i).start) in keys}


def _status(story: Story, members: list[int], conflicted: bool, disputed: bool) -> Status:
    if conflicted:
        return "conflicting"
    if disputed:
        return "disputed"
    origins = {story.origin(i) for i in members}
    return "corroborated" if len(origins) >= 2 else "single-source"


def _claim(story: Story, ident: str, members: list[int], status: Status) -> ReportClaim:
    lead = min(members, key=lambda i: (story.claims[i].speaker is None,
                                       not substantive(story, i), story.doc(i), i))
    speakers = [story.claims[i].speaker for i in members if story.claims[i].speaker]
    via = list(dict.fromkeys(v for i in members for v in story.claims[i].via))
    return ReportClaim(
        id=ident,
        text=story.text(lead),
        speaker=story.claims[lead].speaker or (speakers[0] if speakers else None),
        via=via,
        status=status,
        sources=list(dict.fromkeys(story.source(i) for i in members)),
        citations=[story.citation(i) for i in members],
        origins=len({story.origin(i) for i in members}),
        stance=story.claims[lead].stance,
        substantive=any(substantive(story, i) for i in members),
    )


def _unique(story: Story, claims: list[ReportClaim],
            claim_of: dict[int, str]) -> list[UniqueFacts]:
    """Per source: substantive facts no other origin states, even in other words.

    A side of a dispute or conflict is left out: that section shows it with every source
    on its side, and listing it again as one outlet's alone would contradict it.
    """
    floor = story.space.same_fact * UNIQUE_SUPPORT
    per_source: dict[str, list[str]] = {}
    by_id = {c.id: c for c in claims}
    for fact, ident in claim_of.items():
        claim = by_id[ident]
        if claim.origins != 1 or not claim.substantive or claim.status in _CONTESTED:
            continue
        if refers_back(shown_text(claim.text)):
            continue  # "She was hoping ..." means nothing in a list of facts
        members = story.members(fact)
        if all(story.is_headline(i) for i in members):
            continue  # a headline sums the story up in its own angle: not a fact of its own
        if any(story.space.supporters(i, floor) for i in members):
            continue
        per_source.setdefault(claim.sources[0], []).append(ident)
    order_of = {s.id: n for n, s in enumerate(story.space.articles)}
    return [UniqueFacts(src, _most_specific(story, ids, by_id))
            for src, ids in sorted(per_source.items(), key=lambda kv: order_of.get(kv[0], 0))]


def _most_specific(story: Story, ids: list[str], by_id: dict[str, ReportClaim]) -> list[str]:
    """The MAX_UNIQUE facts with the most names, numbers and dates, kept in text order."""
    def specifics(ident: str) -> float:
        cite = by_id[ident].citations[0]
        i = next(k for k in range(len(story)) if story.citation(k) == cite)
        claim = story.claims[i]
        named = sum(1 for e in claim.entities if e.start > 0)
        quoted = 0.5 if claim.quote else 0.0
        return named + len(claim.quantities) + len(claim.dates) - quoted

    keep = set(sorted(ids, key=specifics, reverse=True)[:MAX_UNIQUE])
    return [i for i in ids if i in keep]
