"""The analysed story: sentences, their claims, and which sentences state the same fact.

:class:`Story` ties the summarizer's :class:`~newsfuse.summarize.align.SentenceSpace` (one
row per sentence, wire-copy origins) to the claims extracted from the same sentences (same
order), and groups sentences of different articles into *facts*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from newsfuse.claims import Claim, extract_all, speaker_key
from newsfuse.claims import lexicon as lx
from newsfuse.claims.dates import parse_iso, resolve_dates
from newsfuse.claims.types import ResolvedDate
from newsfuse.clean import headline_only
from newsfuse.embed import words as content_words
from newsfuse.models import Article, Citation
from newsfuse.summarize.align import SentenceSpace, compatible, numbers, opposite
from newsfuse.summarize.junk import furniture

# Members of one fact must all be this close to each other (a share of the embedder's
# same-fact threshold): union-find alone would chain A~B~C into one "fact" with A≁C.
COMPLETE_LINK = 0.9
MIN_FACT_WORDS = 5
# Shared evidence lowers the similarity two sentences need to count as one fact: the same
# count of the same thing, the same speaker (each point: 12% lower, at most 2). A shared day
# is no evidence: a story's sentences mostly share its day.
EVIDENCE_STEP = 0.12
MAX_EVIDENCE = 2
# An undated article was published some day within the dated articles' span, widened by
# this many days on each side.
DATE_SLACK = 1
# Two shared words that at most RARE_SHARE of the story's sentences (and at least RARE_MIN)
# use are one point of evidence.
RARE_SHARED, RARE_SHARE, RARE_MIN = 2, 0.04, 3


@dataclass
class Story:
    """Sentences (``space``) and their claims, aligned by index, plus derived facts."""

    space: SentenceSpace
    claims: list[Claim]
    inferred_dates: set[str] = field(default_factory=set)  # article ids dated from the story
    # Publication days an undated article may plausibly have (see story_window()).
    window: tuple[date, ...] = ()
    fact: list[int] = field(default_factory=list)  # fact id per sentence
    rare: list[set[str]] = field(default_factory=list)  # see rare_words()

    def __len__(self) -> int:
        return len(self.claims)

    def doc(self, i: int) -> int:
        return int(self.space.doc[i])

    def origin(self, i: int) -> int:
        return int(self.space.origin[i])

    def sim(self, i: int, j: int) -> float:
        return float(self.space.sim[i, j])

    def text(self, i: int) -> str:
        return self.claims[i].sentence.text

    def source(self, i: int) -> str:
        return self.claims[i].source

    def citation(self, i: int) -> Citation:
        return self.claims[i].citation

    def members(self, fact_id: int) -> list[int]:
        return [i for i, f in enumerate(self.fact) if f == fact_id]

    def is_headline(self, i: int) -> bool:
        """Whether sentence ``i`` is a headline-only item's headline (a headline feed)."""
        return self.doc(i) in self._headline_docs

    def furniture(self, i: int) -> bool:
        """Whether sentence ``i`` is page furniture (an embedded post's signature, a "Posted
        at" notice, a call to action): the cleaner judges whole lines, so such a sentence
        can sit inside a paragraph of news. No section of the report shows it."""
        return i in self._furniture

    @cached_property
    def _furniture(self) -> frozenset[int]:
        return frozenset(i for i in range(len(self)) if furniture(self.text(i)))

    @cached_property
    def title_holders(self) -> dict[str, str]:
        """Speaker key of a bare title ("the president") → key of the one person the story
        names with that title ("President Edda Lunn" → "edda lunn"); see title_holders()."""
        return title_holders(self.claims)

    @cached_property
    def _headline_docs(self) -> frozenset[int]:
        # Once per story: the check compares a whole article's text with its title.
        return frozenset(n for n, a in enumerate(self.space.articles) if headline_only(a))

    def day_dates(self, i: int, *, trusted: bool = False) -> set[str]:
        """Day-exact dates of sentence ``i``.

        ``trusted`` leaves out dates that depend on a guessed publication date: a relative
        date ("yesterday") in an undated article counts only if it resolves to the same
        day whichever day of the story's window the article appeared ("Wednesday" in a
        story dated Thursday and Friday), so the guess does not change it.
        """
        claim = self.claims[i]
        days = [d for d in claim.dates if d.granularity == "day"]
        if trusted and claim.source in self.inferred_dates:
            days = [d for d in days if not d.relative or self._stable(claim.sentence.text, d)]
        return {d.iso for d in days}

    def _stable(self, text: str, found: ResolvedDate) -> bool:
        if not self.window:
            return False
        return all(
            any(d.start == found.start and d.iso == found.iso for d in resolve_dates(text, base))
            for base in self.window
        )


def title_holders(claims: Sequence[Claim]) -> dict[str, str]:
    """Bare titles used as speakers ("the president said"), each mapped to the named speaker
    the text calls by that title ("President Edda Lunn", "President Lunn").

    When the title names several people, "the president" is the one the story names with
    it most often ("President Lunn" five times, "President Tom Ray of Kesby" once): news
    calls the person it is about by their title again and again. A tie maps to nobody (the
    rule would rather miss a link than join two people), and a former holder ("former
    President Ray") or another title ("Vice President Ray") does not count.
    """
    text = "\n".join(c.sentence.text for c in claims)
    names = {c.speaker for c in claims if c.speaker and c.speaker[:1].isupper()}
    titles = {speaker_key(c.speaker) or "" for c in claims if c.speaker and _is_title(c.speaker)}
    out: dict[str, str] = {}
    for title in titles:
        holders = _holders(title, names, text)
        ranked = sorted(holders.values(), key=len, reverse=True)
        if ranked and (len(ranked) == 1 or len(ranked[0]) > len(ranked[1])):
            out[title] = speaker_key(max(ranked[0], key=len)) or ""
    return out


# Before a title, a word that makes it someone else's: "former President X" no longer holds
# it, "Vice President X" holds another title.
_NOT_HOLDER = re.compile(
    r"\b(?:former|late|then|ex|" + lx.alternation(lx.ROLE_WORDS) + r")[\s-]+$", re.IGNORECASE)


def _holders(title: str, names: set[str], text: str) -> dict[str, list[str]]:
    """Who ``text`` calls by ``title`` now, by surname, one entry per mention: the speaker
    whose last name follows the title, or, for someone who never speaks ("President Tom Ray
    of Kesby"), the words themselves."""
    cap = r"\s+".join(re.escape(w.capitalize()) for w in title.split())
    out: dict[str, list[str]] = {}
    # Spaces, not line breaks, inside the name: the text is one sentence a line, and the
    # next sentence's first word is no part of it ("… President Tom Ray.\nLunn said").
    for m in re.finditer(rf"\b{cap} +(?P<name>[A-Z][\w'’.-]*(?: +[A-Z][\w'’.-]*){{0,2}})",
                         text):
        if _NOT_HOLDER.search(text[max(0, m.start() - 30): m.start()]):
            continue
        words = {_surname(w) for w in m.group("name").split()}
        named = [n for n in names if _surname(n.split()[-1]) in words] or [m.group("name")]
        for surname in {_surname(n.split()[-1]) for n in named}:
            spellings = [n for n in named if _surname(n.split()[-1]) == surname]
            out.setdefault(surname, []).append(max(spellings, key=len))
    return out


def _surname(word: str) -> str:
    """"Lunn's" → "Lunn", "Lunn." → "Lunn"."""
    return re.sub(r"['’]s$", "", word).strip(".,;:")


def _is_title(speaker: str) -> bool:
    """"president", "prime minister", "interior minister": lower-case words ending in a
    role word (a capitalised speaker is a name)."""
    words = speaker.split()
    return len(words) <= 3 and words[-1] in lx.ROLE_WORDS and all(
        w.isalpha() and w.islower() for w in words)


def build_story(articles: Sequence[Article], space: SentenceSpace, tagger: str) -> Story:
    """Extract claims (dating undated articles from the story) and group facts."""
    dated, inferred = infer_dates(articles)
    claims = extract_all(dated, tagger=tagger)
    story = Story(space=space, claims=claims, inferred_dates=inferred,
                  window=story_window(articles))
    story.fact = group_facts(story)
    return story


def infer_dates(articles: Sequence[Article]) -> tuple[list[Article], set[str]]:
    """Undated articles take the earliest publication date of the story's dated articles.

    Reports of one story are written within days of each other, so "8 October" in an undated
    report is read with the story's year. Dates resolved this way from *relative* words
    ("yesterday") are only used to tell events apart, never put on the timeline.
    """
    dates = _published(articles)
    if not dates:
        return list(articles), set()
    story_date = dates[0].isoformat()
    out, inferred = [], set()
    for article in articles:
        if parse_iso(article.published) is None:
            out.append(replace(article, published=story_date))
            inferred.add(article.id)
        else:
            out.append(article)
    return out, inferred


def _published(articles: Sequence[Article]) -> list[date]:
    """The publication dates the articles give, earliest first."""
    return sorted(d for a in articles if (d := parse_iso(a.published)) is not None)


def story_window(articles: Sequence[Article]) -> tuple[date, ...]:
    """Every day from the earliest to the latest dated article, DATE_SLACK wider each side."""
    dates = _published(articles)
    if not dates:
        return ()
    first = dates[0] - timedelta(days=DATE_SLACK)
    span = (dates[-1] - dates[0]).days + 2 * DATE_SLACK
    if span >= 7:
        return ()  # no weekday or "yesterday" resolves alike over a whole week
    return tuple(first + timedelta(days=n) for n in range(span + 1))


def group_facts(story: Story) -> list[int]:
    """A fact id per sentence: sentences of different articles that state the same thing.

    Candidate pairs (similarity over the embedder's same-fact threshold, compatible numbers
    and polarity, no contradicting dates) are merged best-first, and only while every
    cross-article pair of the merged group stays close (complete link).
    """
    n = len(story)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in sorted(_candidate_pairs(story), reverse=True):
        gi, gj = group[i], group[j]
        if gi == gj or not _can_merge(story, members[gi], members[gj]):
            continue
        for k in members[gj]:
            group[k] = gi
        members[gi].extend(members.pop(gj))
    ids = {g: n for n, g in enumerate(dict.fromkeys(group))}
    return [ids[g] for g in group]


def _candidate_pairs(story: Story) -> list[tuple[float, int, int]]:
    import numpy as np

    space = story.space
    lowest = space.same_fact * (1 - EVIDENCE_STEP * MAX_EVIDENCE)
    rows, cols = np.nonzero(np.triu(space.sim >= lowest, k=1))
    pairs = []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if story.doc(i) == story.doc(j) or story.sim(i, j) < fact_threshold(story, i, j):
            continue
        if story.furniture(i) or story.furniture(j):
            continue
        if same_fact(story, i, j):
            pairs.append((story.sim(i, j), i, j))
    return pairs


def fact_threshold(story: Story, i: int, j: int) -> float:
    """The similarity sentences ``i`` and ``j`` need to state the same fact."""
    return story.space.same_fact * (1 - EVIDENCE_STEP * min(evidence(story, i, j), MAX_EVIDENCE))


def evidence(story: Story, i: int, j: int) -> int:
    """Points for shared specifics: an identical count (2) or number (1), the same speaker
    (1). Counts of the speakers themselves ("two officials") do not count."""
    a, b = story.claims[i], story.claims[j]
    qa, qb = _counted(story, i), _counted(story, j)
    points = 0
    if qa & qb:
        points += 2
    elif {v for v, _ in qa} & {v for v, _ in qb}:
        points += 1
    if a.speaker_key and a.speaker_key == b.speaker_key:
        points += 1
    if len(rare_words(story, i) & rare_words(story, j)) >= RARE_SHARED:
        points += 1
    return points


def rare_words(story: Story, i: int) -> set[str]:
    """Content stems of sentence ``i`` that few sentences of the story use.

    Every sentence of a story names its main actors, so sharing those says little; sharing
    two words the story rarely uses ("broke out", "gutted", a village's name) says the two
    sentences tell the same detail. Computed once per story.
    """
    if not story.rare:
        stems = [content_set(story.text(k)) for k in range(len(story))]
        df: dict[str, int] = {}
        for found in stems:
            for w in found:
                df[w] = df.get(w, 0) + 1
        limit = max(RARE_MIN, round(RARE_SHARE * len(story)))
        story.rare = [{w for w in found if df[w] <= limit} for found in stems]
    return story.rare[i]


def _counted(story: Story, i: int) -> set[tuple[float, str]]:
    claim = story.claims[i]
    speaker = (claim.speaker or "").lower()
    return {(q.value, q.unit) for q in claim.quantities if q.unit and q.unit not in speaker}


def same_fact(story: Story, i: int, j: int) -> bool:
    """Can sentences ``i`` and ``j`` (already similar) be the same fact?"""
    a, b = story.text(i), story.text(j)
    if len(a.split()) < MIN_FACT_WORDS or len(b.split()) < MIN_FACT_WORDS:
        return False
    if not fact_compatible(story, i, j):
        return False
    da, db = story.day_dates(i), story.day_dates(j)
    return not (da and db and not da & db)


def _can_merge(story: Story, left: list[int], right: list[int]) -> bool:
    for i in left:
        for j in right:
            if story.doc(i) == story.doc(j):
                continue
            if story.sim(i, j) < COMPLETE_LINK * fact_threshold(story, i, j):
                return False
            if not fact_compatible(story, i, j):
                return False
    return True


def fact_compatible(story: Story, i: int, j: int) -> bool:
    """:func:`~newsfuse.summarize.align.compatible`, made aware of what numbers count.

    The text-only check rejects "26 missiles from four ships" against "26 missiles that hit
    11 targets" (neither number set contains the other). With the counted nouns known, only
    a noun counted differently on the two sides is a disagreement; other numbers are extra
    detail. Needs one shared count, the same polarity, and no rival bare numbers.
    """
    if different_speakers(story, i, j):
        return False
    a, b = story.text(i), story.text(j)
    if compatible(a, b):
        return True
    if opposite(a, b):
        return False
    qa, qb = _counted(story, i), _counted(story, j)
    if not qa & qb:
        return False
    for unit in {u for _, u in qa} & {u for _, u in qb}:
        if not {v for v, u in qa if u == unit} & {v for v, u in qb if u == unit}:
            return False  # the same noun counted differently: "three" vs "five injured"
    stray_a, stray_b = _stray_numbers(story, i), _stray_numbers(story, j)
    return not stray_a or not stray_b or stray_a <= stray_b or stray_b <= stray_a


def different_speakers(story: Story, i: int, j: int) -> bool:
    """Both sentences give a named person's words, and not the same person's ("Carter" is
    "Ash Carter"). Two people saying alike are two claims: one fact would credit both
    sayings to one of them."""
    a, b = story.claims[i], story.claims[j]
    if a.speaker_kind != "person" or b.speaker_kind != "person":
        return False
    if not (a.speaker_resolved and b.speaker_resolved):
        return False
    ka, kb = a.speaker_key, b.speaker_key
    if not ka or not kb:
        return False
    return ka.split()[-1] != kb.split()[-1]


def _stray_numbers(story: Story, i: int) -> set[float]:
    """Numbers of sentence ``i`` that count no known noun (dates, bare figures)."""
    counted = {q.value for q in story.claims[i].quantities if q.unit}
    out = set()
    for token in numbers(story.text(i)):
        try:
            value = float(token)
        except ValueError:
            continue
        if value not in counted:
            out.add(value)
    return out


_LEADING_CAP = re.compile(r"^[A-Z]")
_TOLD = re.compile(r"[.!?][\"'”’)]*\s*$")


def told(story: Story, i: int) -> bool:
    """Sentence ``i`` is told as a sentence of the story: it ends like one (a related
    story's headline or a heading does not) and is no page furniture."""
    return bool(_TOLD.search(story.text(i))) and not story.furniture(i)
HEADLINE_FACT_WORDS = 5


def substantive(story: Story, i: int) -> bool:
    """Worth listing on its own: a full sentence with a name, number or date in it.

    A headline-feed item's headline counts too, though it is short and has no full stop:
    it is all that outlet says, so agreement between headlines is the story's agreement.
    """
    claim = story.claims[i]
    text = claim.sentence.text.strip()
    if text.endswith("?"):
        return False
    if story.is_headline(i):
        if len(text.split()) < HEADLINE_FACT_WORDS:
            return False
    elif len(text.split()) < 7 or not text.endswith((".", '"', "”", "'", "’", "!")):
        return False
    named = any(e.start > 0 and e.label in {"PERSON", "ORG", "GPE", "NORP"}
                for e in claim.entities)
    return named or bool(claim.quantities) or bool(claim.dates)


def content_set(text: str) -> set[str]:
    """Content-word stems (first five letters), for cheap topic overlap between sentences."""
    return {w[:5] for w in content_words(text) if len(w) > 2 and not w.isdigit()}
