"""Disputes: parties in the story disagree — one asserts, another denies.

Unlike a conflict, the sources agree here: they all report that the parties disagree. A
denial is paired with the assertion it answers: a claim by a *different* named speaker that
is close in meaning, or that stands just before it in the same article (news puts the
charge and the denial side by side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.claims import lexicon as lx
from newsfuse.claims import speaker_key
from newsfuse.models import Citation
from newsfuse.report.story import Story, content_set, rare_words, told
from newsfuse.report.types import Dispute, Party
from newsfuse.summarize.align import compatible

# Similarity (share of the same-fact threshold) for a denial to answer an assertion.
ANSWERS = 0.55
NEARBY_BONUS = 0.35
NEARBY = 4
# Floors on the raw similarity (share of same-fact) before any bonus: a denial answers a
# charge about the same thing, however close the two sentences stand.
MIN_NEARBY, MIN_RELATED = 0.45, 0.7
REPORTED_BONUS = 0.15
# A denial says so, or answers reports/claims ("responded to the reports by ..."): "never
# witnessed" alone is a negative statement, not a denial of someone's charge.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|rebut(?:s|ted)?"
    r"|false|untrue|baseless|groundless|reports?|claims?|allegations?|accusations?)\b", re.I)
_REPORTS = re.compile(r"\b(?:reports?|claims?|allegations?|accusations?|sources)\b", re.I)
_DENY_WORD = re.compile(r"\bden(?:y|ies|ied|ial)\b", re.I)
_NEGATIVE = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nothing|nobody|cannot|"
    + lx.alternation(lx.SKEPTICAL_WORDS) + r")\b|n['’]t\b", re.I)
# The denier's own reason: "dismissed the claims, saying …", "denied it and said …".
_REASON = re.compile(r"(?:,\s*|\band\s+)(?:saying|said|says|adding|added|insisting|insisted"
                     r"|arguing|argued|noting|noted)\b\s*(?:that\s+)?", re.I)
# "denied the allegations", "rejected Santorum's statement", "put these claims behind him":
# the denial points back at a statement without saying what it was (no "of …", "that …").
_ANAPHORIC = re.compile(
    r"\b(?:this|these|that|those|the|such|its|their|his|her|[\w.’'-]+['’]s?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:" + lx.alternation(lx.STATEMENT_NOUNS) + r")\b(?!\s+(?:of|on|about|that|over|against"
    r"|regarding|concerning|by)\b)|\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?"
    r"|refut(?:es|ed)?|disputed?)\s+(?:it|them|this|that)\b(?!\s+\w)", re.I)
# Words that tell nothing of what a denial is about: the vocabulary of saying and denying,
# and words any sentence may use. Stems, as story.content_set() gives them.
_NOT_TOPIC = frozenset(w[:5] for w in (
    lx.STATEMENT_NOUNS | set(lx.VERB_CANON) | lx.MEDIA_NOUNS | lx.FALSEHOOD_NOUNS
    | lx.FALSITY_ADJECTIVES | lx.words(
        """
        joke denial strenuously vigorously vehemently flatly repeatedly
        him them me us my your our all some any one two many much other another each every
        time year years day days week month today yesterday last now just only very new
        like even still because people thing things way
        """)))
_ASSERTING = {"assert", "hedge", "confirm"}
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NO_PARTY = {"pronoun", None}


@dataclass
class _Draft:
    asserts: list[int] = field(default_factory=list)
    denies: list[int] = field(default_factory=list)


def find_disputes(story: Story) -> list[Dispute]:
    """Every denial paired with what it denies, merged over sources and paraphrases."""
    drafts: list[_Draft] = []
    for d in range(len(story)):
        if story.claims[d].stance != "deny" or not _named(story, d) or _verdict(story, d) or \
                not _DENIAL.search(story.text(d)) or not told(story, d):
            continue
        target = _answered(story, d)
        if target is not None:
            _add(story, drafts, target, d)
    return [_dispute(story, draft) for draft in drafts]


def _named(story: Story, i: int) -> bool:
    """A party the reader can name: not "he" and not "others" or "some"."""
    claim = story.claims[i]
    return bool(claim.speaker) and claim.speaker_kind not in _NO_PARTY and \
        claim.speaker_resolved and speaker_key(claim.speaker) not in lx.INDEFINITE_SPEAKERS


def _verdict(story: Story, i: int) -> bool:
    """A court's ruling ("Judge X rejected the board's claims", "a jury found that …")
    settles what the parties dispute: it is neither side's denial."""
    claim = story.claims[i]
    words = re.findall(r"[a-z]+", f"{claim.speaker or ''} {claim.role or ''}".lower())
    return bool(set(words) & lx.COURT_NOUNS)


def _party_key(story: Story, i: int) -> str:
    """The speaker's key; "the president" is the story's "President Edda Lunn"."""
    key = speaker_key(story.claims[i].speaker) or ""
    return story.title_holders.get(key, key)


def _answered(story: Story, d: int) -> int | None:
    """The assertion denial ``d`` answers best, or None when nothing is close enough."""
    best, best_score = None, ANSWERS
    denier = _party_key(story, d)
    for c in range(len(story)):
        claim = story.claims[c]
        if c == d or claim.stance not in _ASSERTING or not _named(story, c):
            continue
        if claim.pattern.endswith("-negated") or not told(story, c):
            continue  # "X has not said whether …" charges nobody with anything
        if _DENY_WORD.search(story.text(c)):
            continue  # '"The claims are denied," his lawyer said' is a denial, not a charge
        if _negative(story, c) and (not _answers_charge(story, d) or _reason_agrees(story, d)):
            # "X said it never allowed …", "Doctors said it would be pointless to …" may say
            # what the denial says: such a statement doubts what is denied, it does not
            # assert it. Only a denial of someone's charge ("denied the union's claims")
            # answers it, and not when the denier's own reason is as negative.
            continue
        if _same_party(_party_key(story, c), denier) or _role_of(story, c, denier):
            continue
        score = story.sim(c, d) / story.space.same_fact
        if story.fact[c] == story.fact[d] or (
                score >= 1.0 and compatible(story.text(c), story.text(d))):
            continue  # says what the denial says: the same side, not the charge
        nearby = story.doc(c) == story.doc(d) and 0 < d - c <= NEARBY
        if score < (MIN_NEARBY if nearby else MIN_RELATED):
            continue
        if not _on_topic(story, c, d, nearby):
            continue
        if nearby:
            score += NEARBY_BONUS
        if claim.stance != "hedge" and (claim.via or claim.speaker_kind == "officials") and \
                _REPORTS.search(story.text(d)):
            score += REPORTED_BONUS  # "denied the reports": a charge relayed by the media
        if score >= best_score:
            best, best_score = c, score
    return best


def _answers_charge(story: Story, d: int) -> bool:
    """The denial points at someone's statement ("denied the union's claims"), so even a
    negative charge ("had not been inspected") is what it answers."""
    return bool(_REPORTS.search(story.text(d)) or re.search(
        r"\b(?:charges?|statements?|suggestions?)\b", story.text(d), re.I))


def _on_topic(story: Story, c: int, d: int, nearby: bool) -> bool:
    """Is denial ``d`` about charge ``c``? Sentences of one story are all alike in the
    embedding, so closeness alone pairs unrelated remarks. A denial that says what it
    denies ("dismissed the story on campaign contacts with Moscow") must share a word of
    it with the charge, other than the denier's name and the words of saying and denying;
    one that only points back ("denied the allegations") answers a charge just before it.
    """
    if nearby and _ANAPHORIC.search(story.text(d)):
        return True
    denier = story.claims[d]
    topic = content_set(story.text(d)) - content_set(
        f"{denier.speaker or ''} {denier.role or ''}") - _NOT_TOPIC
    if not nearby:
        # Far apart, a word the whole story uses ("White House") says nothing: the two
        # must share a detail few of its sentences mention.
        topic &= rare_words(story, d)
    return bool(topic & content_set(story.text(c)))


def _negative(story: Story, i: int) -> bool:
    """A negative or skeptical statement: "had not been inspected", "would be pointless"."""
    return story.claims[i].negated or bool(_NEGATIVE.search(story.claims[i].content))


def _reason_agrees(story: Story, d: int) -> bool:
    """The denial's own reason is negative too ("dismissed the claims, saying the fat had no
    value"): it sides with a negative statement rather than answering it."""
    reason = _REASON.search(story.text(d))
    return reason is not None and bool(_NEGATIVE.search(story.text(d)[reason.end():]))


def _role_of(story: Story, i: int, party: str) -> bool:
    """"company spokeswoman Priya Nandakumar" speaks for "the company"."""
    role = (story.claims[i].role or "").lower()
    return bool(party) and bool(role) and party.split()[-1] in role.split()


def _same_party(a: str, b: str) -> bool:
    """Loose on purpose ("the Russians" = "Russia's Defence Ministry"): pairing a party
    with itself would report a false dispute; missing one only loses a finding."""
    if not a or not b:
        return a == b
    wa, wb = a.split(), b.split()
    return (a == b or a.endswith(b) or b.endswith(a) or wa[-1] == wb[-1]
            or wa[0][:5] == wb[0][:5])


def _add(story: Story, drafts: list[_Draft], target: int, denial: int) -> None:
    """Join the draft of the same charge: one stated by the same party, or the same fact
    told by another. A party that answers two parties' charges ("denied the union's
    claim", "denied the farmers' claim") is in two disputes: merged, one charger's side
    would be dropped and its denial filed under the other's charge."""
    for draft in drafts:
        if _charger_of(story, draft, target) or any(
                story.fact[a] == story.fact[target] for a in draft.asserts):
            _extend(draft.asserts, [target])
            _extend(draft.denies, [denial])
            return
    drafts.append(_Draft([target], [denial]))


def _charger_of(story: Story, draft: _Draft, target: int) -> bool:
    key = _party_key(story, target)
    return any(_same_party(_party_key(story, a), key) for a in draft.asserts)


def _extend(into: list[int], items: list[int]) -> None:
    into.extend(i for i in items if i not in into)


def _dispute(story: Story, draft: _Draft) -> Dispute:
    asserts = _with_fact_members(story, _main_charger(story, draft.asserts))
    parties = [_party(story, asserts, "assert")]
    parties += [_party(story, denies, "deny") for denies in _by_party(story, draft.denies)]
    return Dispute(about=_about(story, draft.asserts[0]), parties=parties)


def _by_party(story: Story, indices: list[int]) -> list[list[int]]:
    """Denials grouped by who denies: each denier is a party of its own, so that no party
    is named for another's denial (the company and the mayor both deny a leak)."""
    groups: list[list[int]] = []
    for i in indices:
        key = _party_key(story, i)
        home = next((g for g in groups if _same_party(_party_key(story, g[0]), key)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return groups


def _main_charger(story: Story, asserts: list[int]) -> list[int]:
    """The charges of the party most often answered (one asserting party a dispute)."""
    keys = [_party_key(story, a) for a in asserts]
    best = max(keys, key=lambda k: sum(_same_party(k, o) for o in keys))
    return [a for a, k in zip(asserts, keys, strict=True) if _same_party(k, best)]


def _with_fact_members(story: Story, indices: list[int]) -> list[int]:
    """Other sources reporting the same charge back the asserting side too."""
    out = list(indices)
    for i in indices:
        _extend(out, story.members(story.fact[i]))
    return out


def _party(story: Story, indices: list[int], stance: str) -> Party:
    named = [i for i in indices if story.claims[i].speaker]
    keys = [_party_key(story, i) for i in named]
    # The name most of the side's sentences use ("US officials" = "two U.S. officials"),
    # not a one-off aside; the fullest spelling on a tie.
    # A name cut at a possessive ("Some of Trump's") names nobody: any other comes first.
    best = max(range(len(named)), default=None,
               key=lambda n: (not _POSSESSIVE_END.search(keys[n]), keys.count(keys[n]),
                              len(keys[n])))
    name = "unnamed" if best is None else str(story.claims[named[best]].speaker)
    sources = list(dict.fromkeys(story.source(i) for i in indices))
    cites: list[Citation] = [story.citation(i) for i in indices]
    return Party(name, stance, sources, cites)


def _about(story: Story, i: int) -> str:
    words = story.claims[i].content.split()
    return " ".join(words[:16]) + (" …" if len(words) > 16 else "")
