"""Scoring, selection and ordering for the extractive summarizer."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsfuse.claims.dates import parse_iso, resolve_dates
from newsfuse.clean import headline_only
from newsfuse.embed import get_embedder
from newsfuse.errors import ConfigError
from newsfuse.models import Article, Citation, Sentence
from newsfuse.summarize.align import SentenceSpace, build_space
from newsfuse.summarize.junk import Dropped, furniture, junk_reason, short
from newsfuse.summarize.reading import CAPTION_PLACING, event_days, opening, unquoted

if TYPE_CHECKING:
    from newsfuse.llm import LLM


@dataclass
class SummarySentence:
    """A summary sentence: one source sentence, and every source backing it.

    ``citations[0]`` is the sentence itself; the rest are sentences of other sources that
    state the same fact. ``origins`` counts independent origins (wire copies count once).
    ``text`` is ``citations[0].text`` or, when that opens with a dateline ("WASHINGTON (AP)
    —"), the rest of it: a suffix of the cited sentence (see :func:`shown_text`), unless
    an LLM shortened it (``rewritten``): then its words are a subsequence of that suffix.
    """

    text: str
    citations: list[Citation]
    origins: int
    score: float
    # Set by the optional LLM pass (:mod:`newsfuse.summarize.rewrite`): ``text`` is then
    # the model's shortening of the shown sentence, by deletion only and checked;
    # ``rewrite_note`` says why a shortening was refused, when it was.
    rewritten: bool = False
    rewrite_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "origins": self.origins,
            "score": round(self.score, 4),
        }
        if self.rewritten:
            out["rewritten"] = True
        if self.rewrite_note:
            out["rewrite_note"] = self.rewrite_note
        return out


@dataclass
class Summary:
    """A cited summary of one story."""

    sentences: list[SummarySentence] = field(default_factory=list)
    sources: list[Article] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    embedder: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": [s.to_dict() for s in self.sentences],
            "sources": [_source_dict(a) for a in self.sources],
            "dropped": [{"source": d.source, "reason": d.reason} for d in self.dropped],
            "embedder": self.embedder,
        }


@dataclass(frozen=True)
class Weights:
    """How much each signal counts.

    Chosen by a small grid search on Multi-News clusters 0-99 with the hashing embedder and
    checked on clusters 100-199 (rouge-score F1, stemmed, cut to 230 words; R-1/R-2):

    ================================================  ===========  ===========  ===========
    configuration                                     0-99         100-199      all 200
    ================================================  ===========  ===========  ===========
    lead 1.0, support 0.5, redundancy 1.0 (before)    45.23/15.24  43.58/13.95  44.41/14.59
    + coverage 0.4, support 0.25, redundancy 0.75     45.52/15.43  44.28/14.55  44.90/14.99
    + no page furniture, datelines cut (shown_text)   45.63/15.52  44.33/14.61  44.98/15.06
    ================================================  ===========  ===========  ===========

    ROUGE-L (python ``rouge``, all 200) 29.18, 29.13, 29.32 by row; R-Lsum 40.20 -> 40.33
    with the last row. Lead round-robin scores 43.80/13.80 and sumy LexRank 43.46/13.06 on
    all 200.

    The coverage grid (0.4-0.8 × redundancy 0.75-1.25 × support 0-0.25) is flat within
    ±0.3 R-1, so the gain is the objective, not the exact numbers. Centroid similarity,
    keyword spread, length, a quote penalty, a cut-off-aware budget, PacSum-style forward
    centrality and support × lead interactions did not help there, so they are not used
    (the first four stay here at 0 for experiments). Nor did, later (0-99 / 100-199 vs
    the last row): cutting leading connectives ("But", "However,") and letting those
    sentences in (+0.19 R-1 / -0.20 R-2), MAX_WORDS 80 (+0.16 / -0.16 R-1) or 40 (-0.8 R-1
    on 0-99), putting the last-chosen sentence last where the benchmark cuts it (-0.06 /
    +0.18 R-1), lead by rank among eligible sentences, unigram- or bigram-only concepts,
    concept weight ∝ origins², a 3-origin floor, position-weighted concepts, and weighting
    concepts by word rarity (-0.2 to -0.4 R-1) or commonness (±0.2): all within noise.
    Also measured and left out (all 200, R-1/R-2, against 44.96/15.06): centroid 0.25-1.0
    with support 0.25-1.0 and lead decay 0.3-0.5 (44.83-44.99 / 14.91-15.15); support as
    the share of origins with a similar sentence (44.85-44.98); an exact ILP over concepts
    and lead under the budget (scipy HiGHS, 42.4-43.6); a facility-location coverage gain
    (45.04/15.09 at 0.1, worse above); sentences opening with a pronoun admitted right after
    their own preceding sentence (45.14/15.11, split between halves); parentheticals or
    dash asides cut from the shown text (45.03/15.11). A greedy oracle over eligible
    sentences reaches 54.7/23.4 (clusters 0-39), so the gap is in ranking, not in what is
    eligible; within a cluster, no single unsupervised signal ranks sentences by their
    reference bigram overlap better than support or centroid similarity (rank correlation
    about 0.35), and mixing them moves nothing.

    Later (session 14, R-1/R-2 on 0-99 / 100-199 / all 200): ``lede_support`` 0.5, support
    counted against only the first two sentences of each other origin, took 45.52/15.49 /
    44.12/14.19 / 44.82/14.84 to 45.55/15.51 / 44.50/14.50 / 45.03/15.00. At 0.25 it gave
    44.91/14.94 on all 200, at 1.0 44.93/14.84; the first one or three sentences instead of
    two gave 44.90 and 44.95.

    Session 15 (all 200, after the quote-mark fix and single-origin stories told in order,
    45.26/15.33): ``follow`` lets a sentence that leans on the one before it in once that
    one is chosen (see :func:`select`): 45.83/16.16 at 1.5 (0-99 46.38/16.62, 100-199
    45.29/15.69); at 1.0, 1.2, 2, 3 and 10: 45.60/15.77, 45.75/16.04, 45.80/16.05,
    45.77/16.07, 45.77/16.07; the follower at its antecedent's score: 45.68/15.82. Then,
    one at a time: redundancy 0.5/1.0, coverage 0.3/0.5, lead_decay 0.2/0.4, support
    0.1/0.4 and lede_support 0.75 gave 45.69-45.84 R-1: flat. Also tried and left out: a
    share (0.1-0.6) of the leaning next sentence's score added to the one it leans on,
    45.70-46.19 R-1, not monotone, and chosen on 0-99 (0.5) no better on 100-199 (45.35 vs
    45.29 R-1, 15.55 vs 15.69 R-2); articles weighted by how close they are to the other
    outlets' articles (45.77-45.84); named-entity and number density (worse); bigram overlap
    with the other outlets' ledes (worse); concepts as ROUGE-style bigrams (no change). On
    these clusters the eligible lead of the single best article (chosen knowing the
    reference) scores 46.14/16.20; chosen by length, coverage of the other articles or
    their ledes' words, at most 42.97/13.17.

    Session 16 (all 200): sentences that talk to the reader ("you", "here's") left out of
    the eligible ones, 45.83/16.16 -> 45.97/16.27; the splitter's glued-quote and
    abbreviation fixes, 46.01/16.32 (0-99 46.56/16.67, 100-199 45.46/15.98). Then the
    one-at-a-time re-check (follow 1.2/2, coverage 0.3/0.5, redundancy 0.5/1.0,
    lead_decay 0.2/0.4, support 0.1/0.4, lede_support 0.25/0.75) gave 45.76-45.95 R-1:
    the weights stay. Also measured and left out (paired per-cluster differences, mean ±
    standard error, R-1): the score divided by (length/20)^r, r 0.1-0.4 (+0.05 to +0.18,
    R-2 -0.2 to -0.4); coverage 0.2 for two-origin stories only (+0.10±0.09); an antecedent
    raised when the sentence leaning on it scores higher (+0.20±0.24) or taken together
    with it by mean gain (+0.04 to +0.16); gains scaled by how much of a sentence fits the
    words left (-0.05 to +0.13); within-story IDF on the hashed vectors (-0.11 to -0.04);
    hashed and MiniLM similarities mixed (-0.23 to -0.08); article length (±0.04);
    sentences ending in "!" outside quotes left out (-0.03); photo-caption form
    (:func:`~newsfuse.summarize.reading.caption_like`) left out (+0.01: it also takes
    plans such as "The new team will start Jan. 3.").
    """

    support: float = 0.25  # similarity to the closest sentence of every other origin
    # Similarity to the closest of the first LEDE_SENTENCES sentences of every other
    # origin: what other outlets put first is the story's core (see the table above).
    lede_support: float = 0.5
    centroid: float = 0.0  # similarity to the story's mean sentence
    lead: float = 1.0  # 1/(position+1)**lead_decay: news puts the essentials first
    lead_decay: float = 0.3
    redundancy: float = 0.75  # MMR penalty for overlap with what is already selected
    # Share of the best new concept weight a sentence adds (see :func:`select`): the summary
    # should cover the words and word pairs that several independent origins use.
    coverage: float = 0.4
    keywords: float = 0.0  # mean spread of its content words across documents (SumBasic-like)
    length: float = 0.0  # fuller sentences carry more facts per selection
    quote: float = 0.0  # penalty for direct quotes: summaries paraphrase, quotes are colour
    # A sentence that leans on the one before it may follow that one once it is chosen, at
    # this multiple of its score (see :func:`select` and the table above).
    follow: float = 1.5


DEFAULT_WEIGHTS = Weights()
LEDE_SENTENCES = 2
# Selection uses the model-free embedder by default: on Multi-News it selects as well as
# MiniLM (README, "Benchmark") at a twentieth of the CPU time. Citations need paraphrase
# matching ("went astray and landed in Iran" ~ "crashed in Iran"), which hashed words miss,
# so they use the best installed embedder (MiniLM when present).
DEFAULT_EMBEDDER = "hashing"
MIN_WORDS, MAX_WORDS = 6, 60
# Similarity at which a sentence repeats a chosen one (a wire copy's): it adds nothing.
NEAR_DUPLICATE = 0.9

# A sentence that opens like this leans on context the summary will not have: it refers
# back (a pronoun, "the statement") or goes on from what came before (a connective).
_REFERS_BACK = (
    r"he|she|they|it|his|her|their|its|this|that|these|those|there|here|such|both|another|"
    r"the other|among them|"
    r"the (?:statement|outlet|media outlet|newspaper|agency|report|move|comments?|remarks?)"
)
_CONNECTIVE = r"but|and|so|also|however|meanwhile|still|yet|instead|then"
_CONNECTIVE_START = re.compile(rf"^(?:{_CONNECTIVE})\b", re.IGNORECASE)
_REFERS_BACK_START = re.compile(rf"^(?:{_REFERS_BACK})\b", re.IGNORECASE)
# '"…," she said.' names nobody: out of its paragraph the quote has no speaker.
_PRONOUN_SPEAKER = re.compile(
    r"[\"”’']\s*,?\s*(?:he|she|they|we|i)\s+(?:said|says|added|told|noted|wrote|explained)\b",
    re.IGNORECASE,
)
# "... owned by the firm, he said." names nobody either, quoted or not.
_PRONOUN_TAIL = re.compile(
    r",\s*(?:he|she|they)\s+(?:said|says|added|noted|explained|wrote)(?:\s+\w+){0,2}\.[\"”’']?$")
_SAYS = re.compile(r"\b(?:said|says|told|added|according|stated|wrote|asked)\b", re.IGNORECASE)

# A dateline says where and through which agency a story was filed. The citation keeps it;
# the summary does not need it, and it costs words of the budget. Forms: "(CNN) ",
# "(Reuters) - ", "Seoul, South Korea (CNN) ", "LIMA, Dec 1 (Reuters) - ", "SAN DIEGO - ",
# "SPOKANE, Wash. — ", "CAIRO—", "MONDAY, Jan. 25, 2016 (HealthDay News) -- ".
# Capitalised words before "(…)" count only when a wire agency or a dash follows, so
# "Sen. Jane Roe (D-Va.) said" keeps its subject.
_AGENCY = r"\((?:[A-Z][\w.&/-]*)(?:\s[A-Z\d][\w.&/-]*){0,2}\)"  # "(Reuters)", "(NEWS 10)"
# A double hyphen or a long dash may run into the first word ("SYCAMORE, Ill. --A man");
# a single hyphen may not, or "TARN -Based" would be a dateline.
_RUN_IN = r"(?=[\"“‘']?[A-Z])"
_DASH = rf"(?:[-—–]{{1,2}}\s+|(?:--|[—–]){_RUN_IN})"
_DATELINE = re.compile(
    rf"{_AGENCY}\s*(?:{_DASH})?"
    rf"|(?:[A-Z][\w.'’]*,?\s+){{1,4}}(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}},?(?:\s+\d{{4}})?\s+)?"
    rf"(?:\((?:AP|CNN|Reuters|AFP|UPI)\)\s*(?:{_DASH})?|{_AGENCY}\s*{_DASH})"
    rf"|[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){{0,3}}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    rf"\s+{_DASH}"
    # "CAIRO—The": a long dash may touch a place name in capitals too, not initials or an
    # acronym ("U.S.—Norland talks", "FBI—the bureau").
    rf"|(?:[A-Z]+\s+){{0,2}}[A-Z]{{4,}}[—–]\s*{_RUN_IN}"
    # Places joined by a slash, or set apart by ">>", with no agency or dash after them:
    # "GAZA/JERUSALEM Israel's cabinet", "JAKARTA/BUN, Indonesia Search teams", "WOODLAND
    # HILLS >> Homicide detectives"
    r"|[A-Z]{3,}(?:/[A-Z]{3,})+(?:\s+[A-Z]{3,})*(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?\s+(?=[A-Z])"
    r"|(?:[A-Z][A-Z.'’]+\s+){1,4}>>\s*"
    # A bare dash left where the page set the place name apart: "— Ten firefighters were…"
    rf"|[—–]\s*|--\s*"
)
# A sentence that opens in lower case or on closing punctuation is a fragment cut out of
# a longer one (PDF columns, broken markup: "renewals) before the court are classified.").
# Brand names written in lower case ("iPhone", "eBay") carry a capital inside the word.
_FRAGMENT_START = re.compile(r"^(?:[a-z][a-z'’-]*\b(?![\w-]*[A-Z])|[).,;:\]}])")
# A sentence that opens on a bare date and a comma ("November 1989, as the wall fell.") is
# the context line of a quote or photo; prose says "In November 1989, ...".
_CONTEXT_LINE = re.compile(
    r"^(?:(?:Early|Late|Mid|Mid-)\s*)?(?:(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+(?:\d{1,2},?\s+)?)?(?:1[89]|20)\d\d,\s")

# News text that still cannot stand in a summary: a tweet ("#breaking ..."), a photo
# caption placing people ("Jane Roe (2nd L) and ..."), a transcript's dialogue line
# ("KEILAR: Polls."), a video player's "CLOSE" label run into its blurb, text broken by a
# removed link ("anchor at CKY , now known as"), a teaser cut off with "...", a
# reference work's footnote mark ("[1]") and a pointer to the page's pictures ("Devin
# Nunes (above)", "(see video below)").
_UNFIT = re.compile(
    rf"(?<![\w&])#[A-Za-z]\w+|{CAPTION_PLACING}"
    r"|^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+)?:\s|^CLOSE\s|\w\s[,.;:](?:\s|$)|(?:\.\.\.|…)$"
    r"|\[\d{1,3}\]|\((?:see (?:\w+ )?)?(?:\w+ )?(?:above|below)\)"
)
# Outside quotation marks, "I", "we" and "my" are the writer (a column's aside, a blog's
# "just take a listen") or a speaker whose quote lost its marks, and "you" is the writer
# talking to the reader ("Step 1: Harvest your planet's resources", "If you wanted a
# pair, you had to ...", "here's what ..."): none of them reads as a summary. "I" before
# a hyphen is a road ("I-40") or a unit ("the I-Team"). Leaving out the sentences that
# talk to the reader took Multi-News from 45.83/16.16 to 45.97/16.27 (15
# clusters better, 5 worse).
_PERSONAL = re.compile(
    # "I'm", "you're": the pronoun matches before its apostrophe.
    r"\b(?:I(?![-‐‑])|me|my|we|our|us|you|your|yours)\b"
    r"|^(?:We|Our|You|Your)\b|\b(?:[Hh]ere['’]s|[Ll]et['’]s)\b")
# A sentence in capitals is a broadcast transcript or a shouted headline.
SHOUTED_SHARE = 0.8


def summarize(
    articles: Sequence[Article],
    words: int = 200,
    *,
    embedder: str | None = None,
    cite_embedder: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    llm: LLM | None = None,
) -> Summary:
    """Summarise the articles of one story in about ``words`` words, every sentence cited.

    ``embedder`` scores and selects sentences (default: hashing); ``cite_embedder`` finds
    the sentences of other sources that state the same fact (default: ``embedder`` when one
    is given, else the best installed). With ``llm``, the model is then asked to shorten
    each sentence by deleting words, kept only where a checker proves the shortening says
    no more than the sentence (:mod:`newsfuse.summarize.rewrite`).
    """
    if words < 1:
        raise ConfigError(f"--words must be a positive number, not {words}")
    kept, dropped = drop_junk(articles)
    summary = Summary(sources=list(articles), dropped=dropped)
    if not any(a.sentences for a in kept):
        return summary
    emb = get_embedder(embedder or DEFAULT_EMBEDDER)
    space = build_space(kept, emb)
    backer = get_embedder(cite_embedder or embedder)
    summary.embedder = emb.name if backer is emb else f"{emb.name}+{backer.name}"
    picked = pick(space, words, weights)
    rows = [i for i, _ in picked]
    cite_space = space if backer.name == emb.name else space.refine(backer, rows)
    summary.sentences = [cite(cite_space, i, score) for i, score in picked]
    if llm is not None:
        from newsfuse.summarize.rewrite import rewrite

        return rewrite(summary, llm)
    return summary


def pick(
    space: SentenceSpace,
    words: int,
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    bonus: npt.NDArray[np.float64] | None = None,
    facts: npt.NDArray[np.int64] | None = None,
) -> list[tuple[int, float]]:
    """The summary's sentences in reading order, as (row in ``space``, score) pairs.

    Score, select under the budget, order: shared by :func:`summarize` and the report's
    summary. The report knows more than the summarizer: ``bonus`` is added to each row's
    score (corroboration) and ``facts`` gives each row's fact id (see :func:`select`).
    """
    scores, follow = _scored(space, weights)
    if bonus is not None:
        scores, follow = scores + bonus, follow + bonus
    if len(np.unique(space.origin)) == 1:
        # A sentence taken only for following its antecedent has no score of its own.
        return [(i, float(scores[i]) if np.isfinite(scores[i]) else 0.0)
                for i in in_order(space, scores, follow, words)]
    chosen = select(space, scores, words, weights.redundancy, coverage=weights.coverage,
                    facts=facts, follow=follow)
    picked = {i: float(scores[i]) if np.isfinite(scores[i]) else float(follow[i])
              for i in chosen}
    return [(i, picked[i]) for i in order(space, picked)]


def in_order(space: SentenceSpace, scores: npt.NDArray[np.float64],
             follow: npt.NDArray[np.float64], words: int) -> list[int]:
    """A single origin's summary: its sentences from the top, in the author's order.

    With one origin there is no other outlet to tell what matters, so the writer's own
    order is the best guide; and in that order a sentence that leans on the one before
    ("She remains in hospital.") has its context, so it may stand (``follow`` finite, see
    :func:`_scored`) when the sentence before it was taken. Wire copies of the story (same
    origin) add only what they do not repeat.
    On the 15 Multi-News clusters left with one origin this took R-1/R-2 from 39.0/10.5
    (scored selection) to 41.3/13.2 (round-robin lead: 41.9/14.2); all 200: 45.03/15.00 to
    45.20/15.20.
    """
    chosen: list[int] = []
    total = 0
    follows = False
    for i, sentence in enumerate(space.sentences):
        if total >= words:
            break
        if i and space.doc[i] != space.doc[i - 1]:
            follows = False
        repeat = any(space.sim[i, j] >= NEAR_DUPLICATE for j in chosen)
        fits = np.isfinite(scores[i]) or (follows and np.isfinite(follow[i]))
        follows = fits and not repeat
        if follows:
            chosen.append(i)
            total += len(shown_text(sentence.text).split())
    return chosen


def drop_junk(articles: Sequence[Article]) -> tuple[list[Article], list[Dropped]]:
    """Split off documents that are not news text (see :mod:`newsfuse.summarize.junk`)."""
    kept: list[Article] = []
    dropped: list[Dropped] = []
    for article in articles:
        reason = junk_reason(article)
        if reason is None:
            kept.append(article)
        else:
            dropped.append(Dropped(article.id, reason))
    # A short page is only kept when it is the only thing we have or shares the story.
    if len(kept) > 1:
        long_texts = [a for a in kept if not short(a)]
        for article in [a for a in kept if short(a)]:
            if long_texts and not _shares_story(article, long_texts):
                kept.remove(article)
                dropped.append(Dropped(article.id, "short page unrelated to the other articles"))
    return kept, dropped


def _shares_story(article: Article, others: list[Article]) -> bool:
    from newsfuse.embed import words as content_words

    mine = set(content_words(article.text))
    theirs = set(content_words(" ".join(a.text for a in others)))
    return len(mine & theirs) >= max(3, len(mine) // 4)


def score_sentences(space: SentenceSpace, weights: Weights) -> npt.NDArray[np.float64]:
    """Importance of every sentence; ineligible sentences get ``-inf``."""
    return _scored(space, weights)[0]


def _scored(space: SentenceSpace, weights: Weights
            ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per row: its score standing alone (``-inf`` when it cannot), and its score right
    after the sentence before it (``-inf`` unless it leans on that sentence: see
    :func:`select`)."""
    n = len(space.sentences)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    centroid = space.vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    central = space.vectors @ centroid
    support = _support(space)
    lede_support = _support(space, lede=LEDE_SENTENCES) if weights.lede_support else 0.0
    lead = 1.0 / (_rank_in_article(space) + 1.0) ** weights.lead_decay
    scores = (weights.centroid * central + weights.support * support + weights.lead * lead
              + weights.lede_support * lede_support
              + weights.keywords * _keyword_spread(space)
              + weights.length * _fullness(space) - weights.quote * _quoted(space))
    headlines = [headline_only(a) for a in space.articles]
    formed = np.array([stands_after_previous(s, headline=headlines[int(d)])
                       for s, d in zip(space.sentences, space.doc, strict=True)], dtype=bool)
    leans = np.array([needs_context(shown_text(s.text)) for s in space.sentences], dtype=bool)
    # Only a sentence of the same article comes before it; an article's first has none.
    after_own = np.append(False, space.doc[1:] == space.doc[:-1])
    alone = np.where(formed & ~leans, scores, -np.inf).astype(np.float64)
    follows = formed & leans & after_own if weights.follow else np.zeros(n, dtype=bool)
    follow = np.where(follows, weights.follow * scores, -np.inf)
    return alone, follow.astype(np.float64)


def _support(space: SentenceSpace, lede: int | None = None) -> npt.NDArray[np.float64]:
    """Mean over the other origins of the best similarity to one of their sentences (to
    one of each article's first ``lede`` sentences, when given)."""
    origins = np.unique(space.origin)
    n = len(space.sentences)
    if len(origins) < 2:
        return np.zeros(n)
    in_lede = np.ones(n, dtype=bool)
    if lede is not None:
        in_lede = _rank_in_article(space) < lede
    total = np.zeros(n)
    for o in origins:
        cols = (space.origin == o) & in_lede
        if not cols.any():
            continue
        best = space.sim[:, cols].max(axis=1)
        total += np.where(space.origin == o, 0.0, best)
    return total / (len(origins) - 1)


def _rank_in_article(space: SentenceSpace) -> npt.NDArray[np.float64]:
    """Each row's position in its article, counting from 0 at the article's first sentence."""
    position = np.array([s.index for s in space.sentences], dtype=np.float64)
    first = np.array([space.articles[d].sentences[0].index for d in space.doc], dtype=np.float64)
    return position - first


def _keyword_spread(space: SentenceSpace) -> npt.NDArray[np.float64]:
    """Mean share of documents that use each content word of the sentence."""
    from newsfuse.embed import words as content_words

    doc_words = [set(content_words(a.text)) for a in space.articles]
    df: dict[str, int] = {}
    for vocab in doc_words:
        for w in vocab:
            df[w] = df.get(w, 0) + 1
    n_docs = max(len(doc_words), 1)
    out = np.zeros(len(space.sentences))
    for i, sentence in enumerate(space.sentences):
        toks = content_words(sentence.text)
        if toks:
            out[i] = sum(df.get(w, 0) for w in toks) / (len(toks) * n_docs)
    return out


def _fullness(space: SentenceSpace) -> npt.NDArray[np.float64]:
    return np.array([min(len(s.text.split()) / 30.0, 1.0) for s in space.sentences])


_QUOTE_MARKS = re.compile(r"[\"“”]")


def _quoted(space: SentenceSpace) -> npt.NDArray[np.float64]:
    return np.array([1.0 if _QUOTE_MARKS.search(s.text) else 0.0 for s in space.sentences])


def shown_text(text: str) -> str:
    """What a summary shows of a source sentence: the sentence without a leading dateline.

    Only a dateline goes: attributions, qualifiers, numbers and negations are never cut,
    so the shown text is a suffix of the sentence and states exactly what the sentence
    states. (Dropping leading connectives such as "But" was measured too: +0.2 R-1 on
    Multi-News clusters 0-99 but -0.2 R-2 on 100-199, so it is not done.)
    """
    match = _DATELINE.match(text)
    return text[match.end():] if match else text


def eligible_sentence(sentence: Sentence, *, headline: bool = False) -> bool:
    """Can this sentence stand alone in a summary? (Judged on what the summary would show.)

    ``headline``: the sentence is the whole text of a headline-only item (a headline feed),
    so it may end without a full stop.
    """
    return stands_after_previous(sentence, headline=headline) and not needs_context(
        shown_text(sentence.text))


def stands_after_previous(sentence: Sentence, *, headline: bool = False) -> bool:
    """Can this sentence stand in a summary right after the one before it in its article?
    (All of :func:`eligible_sentence` but the context test.)"""
    if furniture(sentence.text):
        return False
    text = shown_text(sentence.text)
    n = len(text.split())
    if not MIN_WORDS <= n <= MAX_WORDS or text.rstrip().endswith("?"):
        return False
    if not headline and not text.rstrip().endswith((".", '"', "”", "'", "’", "!")):
        return False  # headlines, sub-headings and fragments
    return not (_CONTEXT_LINE.match(text.lstrip()) or _unfit(text))


def needs_context(text: str) -> bool:
    """Whether ``text`` leans on the sentences around it: it opens on a pronoun or a
    connective ("He said", "But"), is a fragment, or quotes somebody it does not name."""
    if points_back(text) or _PRONOUN_TAIL.search(text):
        return True
    starts_quoted = text.lstrip()[:1] in "\"“'‘"
    if starts_quoted and _PRONOUN_SPEAKER.search(text):
        return True
    return starts_quoted and not _SAYS.search(text)


def points_back(text: str) -> bool:
    """Whether ``text`` opens by pointing back ("These followed", "But police") or is a
    fragment: what it is about is in the sentence before. (A closing ", he said." is not
    counted: the event is told; only its speaker is left to the context.)"""
    return bool(_CONNECTIVE_START.match(text)) or _opens_on_referent(text)


def refers_back(text: str) -> bool:
    """Whether ``text`` names what it is about only by pointing back ("She was hoping",
    "These followed", "..., he said.") or is a fragment: meaningless in a list of facts."""
    return _opens_on_referent(text) or bool(_PRONOUN_TAIL.search(text))


def _opens_on_referent(text: str) -> bool:
    """Opens on a pronoun or "the statement" (whose referent came before), or mid-sentence."""
    return bool(_REFERS_BACK_START.match(text) or _FRAGMENT_START.match(text.lstrip()))


def _unfit(text: str) -> bool:
    """News text that reads wrong in a summary (see ``_UNFIT``, ``_PERSONAL``)."""
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= SHOUTED_SHARE * len(letters):
        return True
    return bool(_UNFIT.search(text) or _PERSONAL.search(unquoted(text)))


def select(
    space: SentenceSpace,
    scores: npt.NDArray[np.float64],
    words: int,
    redundancy: float,
    *,
    coverage: float = DEFAULT_WEIGHTS.coverage,
    facts: npt.NDArray[np.int64] | None = None,
    follow: npt.NDArray[np.float64] | None = None,
) -> list[int]:
    """Greedy selection under a word budget: score, minus overlap, plus new concepts.

    Each round takes the sentence maximising ``score - redundancy * overlap + coverage *
    new / best_new``: ``overlap`` is its highest similarity to a chosen sentence (MMR),
    ``new`` the weight of the concepts (see :func:`concept_weights`) it adds that the chosen
    sentences do not cover yet, ``best_new`` the largest such weight this round. So once a
    fact is in, sentences that repeat its words stop gaining, and sentences that bring the
    story's other widely reported details move up (a Gillick-Favre-style coverage objective
    folded into MMR).

    ``facts`` (one id per row): rows with one id state one fact, so once one of them is
    chosen the others are its citations, not new content, and leave the running.

    ``follow`` (per row, ``-inf`` for most): the score of a sentence that leans on the one
    before it ("She was taken to hospital.", "But police disagreed."). It cannot stand
    alone, but once the sentence before it is chosen it joins the running with that score:
    read right after it (see :func:`order`), it has its context.
    """
    scores = scores.copy()
    chosen: list[int] = []
    total = 0
    penalty = np.zeros(len(scores))
    available = np.isfinite(scores)
    concepts = _Concepts.of(space) if coverage else None
    while total < words and available.any():
        gains = np.where(available, scores - redundancy * penalty, -np.inf)
        if concepts is not None:
            gains += coverage * concepts.new_weight(available)
        best = int(np.argmax(gains))
        chosen.append(best)
        total += len(shown_text(space.sentences[best].text).split())
        available[best] = False
        # Near-duplicates of a chosen sentence add nothing: take them out of the running.
        available &= space.sim[best] < NEAR_DUPLICATE
        if facts is not None:
            available &= facts != facts[best]
        penalty = np.maximum(penalty, space.sim[best])
        if concepts is not None:
            concepts.cover(best)
        if follow is not None:
            _let_follow(space, best, chosen, scores, follow, available, facts)
    return chosen


def _let_follow(space: SentenceSpace, best: int, chosen: list[int],
                scores: npt.NDArray[np.float64], follow: npt.NDArray[np.float64],
                available: npt.NDArray[np.bool_], facts: npt.NDArray[np.int64] | None) -> None:
    """Make the sentence after ``best`` available with its follow score, when it leans on
    ``best`` and states no fact a chosen sentence states."""
    nxt = best + 1
    if nxt >= len(follow) or not np.isfinite(follow[nxt]) or nxt in chosen:
        return
    # It cannot be weighed against what it repeats the way a free sentence is (it enters
    # late, with a raised score), so one that states a chosen fact stays out.
    if float(space.sim[nxt, chosen].max()) >= space.same_fact:
        return
    if facts is not None and facts[nxt] in {facts[c] for c in chosen}:
        return
    scores[nxt] = follow[nxt]
    available[nxt] = True


@dataclass
class _Concepts:
    """Concepts (stemmed content words and adjacent pairs) of every sentence, with weights.

    A concept weighs as many as the independent origins that use it. One only a single
    origin uses is that outlet's angle, not the story, so it weighs 0 when the story has two
    or more origins (keeping those at 1 cost 0.7 R-1 on Multi-News clusters 0-99). Wire
    copies share an origin, so reprints do not inflate a detail. Sentences are stored as one
    flat array of concept ids cut at ``starts``, so a round's gains are one vector sum.
    """

    ids: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    weight: npt.NDArray[np.float64]  # per concept id; set to 0 once covered

    @classmethod
    def of(cls, space: SentenceSpace) -> _Concepts:
        from newsfuse.embed import _stem
        from newsfuse.embed import words as content_words

        index: dict[str, int] = {}
        per_sentence: list[list[int]] = []
        for sentence in space.sentences:
            stems = [_stem(w) for w in content_words(shown_text(sentence.text))]
            found = set(stems) | {f"{a} {b}" for a, b in itertools.pairwise(stems)}
            per_sentence.append([index.setdefault(c, len(index)) for c in found])
        lengths = np.array([len(c) for c in per_sentence], dtype=np.int64)
        ids = np.array([c for cs in per_sentence for c in cs], dtype=np.int64)
        origin = np.repeat(space.origin, lengths)
        spread = np.zeros(len(index))
        np.add.at(spread, np.unique(np.stack([ids, origin]), axis=1)[0], 1.0)
        floor = 2 if len(np.unique(space.origin)) >= 2 else 1
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        return cls(ids, starts, np.where(spread >= floor, spread, 0.0))

    def new_weight(self, available: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """Uncovered concept weight per available sentence, scaled so the best is 1."""
        if not len(self.ids):
            return np.zeros(len(available))
        values = np.append(self.weight[self.ids], 0.0)
        # reduceat needs a valid index per sentence; an empty sentence's sum is fixed below.
        new = np.add.reduceat(values, np.minimum(self.starts, len(self.ids)))
        new[np.diff(np.append(self.starts, len(self.ids))) == 0] = 0.0
        new = np.where(available, new, 0.0)
        top = float(new.max())
        return new / top if top > 0 else new

    def cover(self, i: int) -> None:
        stop = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.ids)
        self.weight[self.ids[self.starts[i] : stop]] = 0.0


def order(space: SentenceSpace, scores: Mapping[int, float]) -> list[int]:
    """Reading order of the chosen rows (the keys of ``scores``): the lede, then the rest
    by their place in their articles, the dated among them in time order.

    The lede is the best-scoring row that reads as hard news (see
    :func:`~newsfuse.summarize.reading.opening`): a feature's scene-setting opener scores
    as high as a news lede, as both open their articles, but a summary must open on the
    event, and on the event rather than a later report about it (a dated opener about
    as good that tells earlier news goes first). After the lede, rows that date what they
    tell to exactly one day of the story (see :func:`_story_days`) take each other's
    places in time order; the others keep theirs. Only the order changes, never what is
    chosen; the benchmark's cut to 230 words then falls elsewhere, which moved Multi-News
    R-1/R-2 (all 200, hashing) from 44.77/14.84 to 44.77/14.82 (the hard-news lede). The
    dates change no summary there: its articles carry no publication date, so only dates
    with a year resolve, and no cluster has two dated sentences chosen.
    """
    chained = attached(space, list(scores))
    rows = sorted((i for i in scores if i not in chained), key=lambda i: _place(space, i))
    days = _story_days(space, rows)
    lede = opening([(shown_text(space.sentences[i].text), scores[i]) for i in rows],
                   [max(days[i], default=None) for i in rows])
    first = rows[lede if lede is not None else 0] if rows else None
    rest = [i for i in rows if i != first]
    heads = ([first] if first is not None else []) + _by_time(rest, days)
    return [j for i in heads for j in chain(i, chained)]


def attached(space: SentenceSpace, rows: Sequence[int]) -> set[int]:
    """The rows that lean on the row before them in their article, when that row is among
    ``rows`` too: they are read right after it (see :func:`select`)."""
    present = set(rows)
    return {i for i in present if i - 1 in present and space.doc[i - 1] == space.doc[i]
            and needs_context(shown_text(space.sentences[i].text))}


def chain(i: int, chained: set[int]) -> list[int]:
    """Row ``i`` and the rows read right after it."""
    out = [i]
    while out[-1] + 1 in chained:
        out.append(out[-1] + 1)
    return out


# Dates more than this many days before the story's latest are background ("convicted in
# March 2012", "a fire at the same pier in 2019"): told where the articles tell them, not
# moved up front as the first events.
STORY_DAYS = 7


def _story_days(space: SentenceSpace, rows: list[int]) -> dict[int, tuple[str, ...]]:
    """Per row: the days (ISO, sorted, distinct) it dates events to within the story's
    last :data:`STORY_DAYS` days. Relative dates ("on Tuesday") resolve against the row's
    own article's publication date, so in an undated article only full dates count."""
    found: dict[int, list[str]] = {}
    for i in rows:
        text = shown_text(space.sentences[i].text)
        published = parse_iso(space.articles[int(space.doc[i])].published)
        found[i] = event_days(text, resolve_dates(text, published))
    latest = max((d for ds in found.values() for d in ds), default=None)
    if latest is None:
        return {i: () for i in rows}
    floor = (date.fromisoformat(latest) - timedelta(days=STORY_DAYS)).isoformat()
    return {i: tuple(sorted({d for d in ds if d >= floor})) for i, ds in found.items()}


def _by_time(rows: list[int], days: Mapping[int, tuple[str, ...]]) -> list[int]:
    """``rows`` with those dated to one day put in time order in the places the dated rows
    held; same-day rows keep their order. A row that names two days ("arrested on Saturday,
    police said Monday") has no one time and stays where it is, like an undated row."""
    dated = [i for i in rows if len(days[i]) == 1]
    in_time = iter(sorted(dated, key=lambda i: days[i][0]))
    return [next(in_time) if len(days[i]) == 1 else i for i in rows]


def _place(space: SentenceSpace, i: int) -> tuple[float, int, int]:
    """Relative position in its article (to a tenth), then article, then position: the
    opening sentences of every article first, each article's in its own order."""
    sentence = space.sentences[i]
    article = space.articles[int(space.doc[i])]
    rel = sentence.index / max(len(article.sentences), 1)
    return (round(rel, 1), int(space.doc[i]), sentence.index)


def cite(space: SentenceSpace, i: int, score: float) -> SummarySentence:
    """Row ``i`` as a summary sentence: itself first, then every sentence backing it."""
    return cited(space, [i, *space.supporters(i)], score)


def cited(space: SentenceSpace, backing: list[int], score: float) -> SummarySentence:
    """``backing[0]`` as a summary sentence, citing every row of ``backing``."""
    return SummarySentence(
        text=shown_text(space.sentences[backing[0]].text),
        citations=[Citation.of(space.sentences[j]) for j in backing],
        origins=space.origin_count(backing),
        score=score,
    )


def _source_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "origin": article.origin,
    }
