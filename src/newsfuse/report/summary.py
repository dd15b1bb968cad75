"""The report's summary: the summarizer's selection, told what the report knows.

``newsfuse summarize`` sees sentences only. The report has grouped them into facts, counted
the independent origins behind each fact and found the disputes, and its summary uses that:

- one sentence per fact: the other sentences of a chosen fact become its citations instead
  of repeating it (three outlets' "missiles crashed" would otherwise take three slots);
- a fact several origins state gains :data:`CORROBORATED` per extra origin (up to two), so
  what the sources agree on outranks one outlet's colour of the same lead weight;
- both sides of a dispute: when a party's claim is in the summary, the best sentence of each
  other party joins it, displacing the lowest-scoring sentences outside the dispute, so a
  summary never carries an accusation without the denial the sources report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsfuse.models import Citation
from newsfuse.report.story import Story
from newsfuse.report.types import Dispute
from newsfuse.summarize.align import SentenceSpace
from newsfuse.summarize.core import (
    DEFAULT_WEIGHTS,
    SummarySentence,
    attached,
    chain,
    cited,
    order,
    pick,
    score_sentences,
    shown_text,
)

# Score per extra independent origin. The summarizer's scores span about 0.4-1.2, lead
# dominated; 0.15 lets a fact two outlets state pass a single-source sentence a few
# positions earlier in its article, not the articles' opening sentences.
CORROBORATED = 0.15
MAX_EXTRA_ORIGINS = 2


@dataclass
class _Picked:
    row: int
    score: float
    words: int
    party: list[int] = field(default_factory=list)  # a dispute side: its party's sentences


def report_summary(story: Story, chooser: SentenceSpace, words: int,
                   disputes: list[Dispute]) -> list[SummarySentence]:
    """The summary in reading order, cited from the story's space.

    ``chooser`` is the space the summarizer selects in; its rows are the story's rows.
    """
    facts = np.array(story.fact, dtype=np.int64)
    bonus = CORROBORATED * np.minimum(_extra_origins(story), MAX_EXTRA_ORIGINS)
    picked = [_Picked(i, s, _words(chooser, i))
              for i, s in pick(chooser, words, bonus=bonus, facts=facts)]
    by_row = {p.row: p for p in _balance(story, chooser, picked, disputes, bonus)}
    return [cited(story.space, _backing(story, i, by_row[i].party), by_row[i].score)
            for i in order(chooser, {r: p.score for r, p in by_row.items()})]


def _backing(story: Story, i: int, party: list[int]) -> list[int]:
    """Sentence ``i`` first, then every sentence of another article that states its fact:
    the members of its fact (as Agreed lists them), its close paraphrases and, for a side
    of a dispute, the party's other sentences (as Disputed lists them)."""
    others = {*story.space.supporters(i), *story.members(story.fact[i]), *party}
    return [i, *sorted(j for j in others if story.doc(j) != story.doc(i))]


def _extra_origins(story: Story) -> npt.NDArray[np.float64]:
    """Per sentence: independent origins of its fact beyond the first."""
    origins: dict[int, set[int]] = {}
    for i, fact in enumerate(story.fact):
        origins.setdefault(fact, set()).add(story.origin(i))
    return np.array([len(origins[f]) - 1 for f in story.fact], dtype=np.float64)


def _words(space: SentenceSpace, i: int) -> int:
    return len(shown_text(space.sentences[i].text).split())


def _balance(story: Story, chooser: SentenceSpace, picked: list[_Picked],
             disputes: list[Dispute], bonus: npt.NDArray[np.float64]) -> list[_Picked]:
    """Add the missing sides of every dispute the summary touches, within its word count."""
    scores = score_sentences(chooser, DEFAULT_WEIGHTS) + bonus
    budget = sum(p.words for p in picked)
    protected: set[int] = set()
    for dispute in disputes:
        sides = [_rows_of(story, party.citations) for party in dispute.parties]
        chosen_facts = {story.fact[p.row] for p in picked}
        present = [any(story.fact[r] in chosen_facts for r in rows) for rows in sides]
        if not any(present):
            continue
        for rows, here in zip(sides, present, strict=True):
            if here:
                side_facts = {story.fact[r] for r in rows}
                protected.update(p.row for p in picked if story.fact[p.row] in side_facts)
                continue
            best = max((r for r in rows if np.isfinite(scores[r])),
                       key=lambda r: scores[r], default=None)
            if best is not None:
                picked.append(_Picked(best, float(scores[best]), _words(chooser, best), rows))
                protected.add(best)
    return _trim(chooser, picked, protected, budget)


def _rows_of(story: Story, citations: list[Citation]) -> list[int]:
    keys = set(citations)
    return [i for i in range(len(story)) if story.citation(i) in keys]


def _trim(chooser: SentenceSpace, picked: list[_Picked], protected: set[int],
          budget: int) -> list[_Picked]:
    """Drop the lowest-scoring unprotected sentences until the words fit ``budget`` again;
    a sentence goes with those read right after it, which lean on it."""
    kept = list(picked)
    while sum(p.words for p in kept) > budget:
        following = attached(chooser, [p.row for p in kept])
        chains = {p.row: chain(p.row, following) for p in kept}
        spare = [p for p in kept if not protected & set(chains[p.row])]
        if not spare:
            break
        gone = set(chains[min(spare, key=lambda p: p.score).row])
        kept = [p for p in kept if p.row not in gone]
    return kept
