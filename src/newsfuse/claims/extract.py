"""Per-sentence claims for whole articles, with the cheap cross-sentence links.

:func:`extract_all` runs the rule extractors on every sentence, tags entities for all
articles in one batch (spaCy's speed comes from batching), then resolves within each
article what one sentence cannot know: "he said" → the last person quoted, "the outlet
cites two officials" → the outlet named in the sentence before, a quote continued over
several sentences, and a bare "…, he said." frame split off its quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsfuse.claims import lexicon as lx
from newsfuse.claims.attribution import (
    find_attribution,
    find_quote,
    names_falsehood,
    speaker_key,
)
from newsfuse.claims.dates import parse_iso, resolve_dates
from newsfuse.claims.entities import get_tagger
from newsfuse.claims.quantities import find_quantities
from newsfuse.claims.types import Attribution, Claim, Entity, SpeakerKind, Stance
from newsfuse.models import Article, Sentence

_NEG_RE = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|nobody|cannot)\b|n['’]t\b",
                     re.IGNORECASE)
_NOT_CONFIRMED = re.compile(
    r"\b(?:has|have|had|did|does|do|could|would|can|will|was|were|is|are)\s*(?:not|n['’]t|never)"
    r"\s+(?:yet\s+)?(?:been\s+)?(?:independently\s+)?(?:confirm|confirmed|verify|verified)\b"
    r"|\bneither\b[^.;]*\bnor\b[^.;]*\b(?:confirm|confirmed|verified)\b"
    r"|\b(?:declined|refused)\s+to\s+(?:confirm|verify)\b|\bunconfirmed\b|\bunverified\b"
    r"|\bno\s+(?:official\s+)?confirmation\b|\bcould\s+not\s+be\s+(?:independently\s+)?"
    r"(?:confirmed|verified)\b",
    re.IGNORECASE,
)
_REPORT_WORDS = re.compile(
    r"\b(?:reports?|claims?|allegations?|rumou?rs?|accusations?|false|untrue|baseless"
    r"|fabricated|groundless|nonsense)\b",
    re.IGNORECASE,
)
_UNIVERSAL = re.compile(r"\b(?:all|every|none|no|any|each)\b", re.IGNORECASE)
# Calling a statement untrue: "the claims are not true", "a baseless report".
_FALSITY = re.compile(
    rf"\b(?:{lx.alternation(lx.FALSITY_ADJECTIVES)}|nonsense"
    r"|inapplicable|made[- ]up|not\s+(?:true|accurate|correct)"
    r"|no\s+(?:truth|basis))\b(?:\s+(\w+))?", re.IGNORECASE)
_STATEMENT_NOUNS = lx.alternation(lx.STATEMENT_NOUNS)
# "rejected a pay package", "dismissed the lawsuit", "denied bail": the verb acts on a thing,
# not on somebody's statement. A denial verb denies when a statement noun, a that-clause or
# an "as false" judgement follows within a few words; "denied" is a denial unless its object
# is something granted or refused.
_DENY_OBJECT = re.compile(
    r"^\W*(?:\S+\s+){0,5}?(?:that|any|having|wrongdoing|involvement|responsibility"
    r"|as\s+\w+|" + _STATEMENT_NOUNS + r")\b", re.IGNORECASE)
_STATEMENT_NOUN = re.compile(r"^(?:" + _STATEMENT_NOUNS + r")$", re.IGNORECASE)
# Words that may follow a predicative "false" ("… are false and politically motivated").
_AFTER_PREDICATE = frozenset({"and", "or", "but", "to", "in", "by", "as", "from", "on"})
_DENY_STEM = {"denied": "den(?:y|ies|ied|ying|ial)", "rejected": "reject",
              "dismissed": "dismiss", "disputed": "disput", "refuted": "refut"}
_GRANTED = re.compile(
    r"^\W*(?:(?:him|her|them|us|it|the|a|an|his|her|their|its)\s+){0,2}"
    r"(?:bail|entry|access|parole|permission|permits?|requests?|applications?|visas?"
    r"|benefits|service|care|treatment|chance|opportunity|tenure|hearing|admission|coverage"
    r"|appeals?|motions?|petitions?|bids?|licen[cs]es?|asylum|funding|passage|calls?"
    r"|demands?)\b", re.IGNORECASE)


def stance_of(text: str, found: Attribution | None) -> tuple[Stance, bool]:
    """(stance, negated) of one sentence given its attribution.

    Order matters: a denial verb wins, then an explicit lack of confirmation, then a
    confirmation, then hedges; anything else is a plain assertion.
    """
    content = found.content if found is not None else text
    frame_negated = found is not None and found.pattern.endswith("-negated")
    negated = bool(_NEG_RE.search(content)) or frame_negated
    verb = found.verb if found is not None else None
    if verb in lx.DENY_VERBS and not frame_negated and _denies_statement(verb, text):
        return "deny", negated
    if (verb in lx.CONFIRM_VERBS and frame_negated) or _NOT_CONFIRMED.search(text):
        return "not-confirmed", negated
    if verb in lx.CONFIRM_VERBS:
        return "confirm", negated
    if found is not None and found.speaker is not None and _counters_report(text, found):
        return "deny", negated
    if _hedged(text):
        return "hedge", negated
    return "assert", negated


def _denies_statement(verb: str, text: str) -> bool:
    """Does the denial verb act on a statement ("rejected the claims", "denied that …")?"""
    match = re.search(r"\b" + _DENY_STEM.get(verb, verb) + r"\w*", text, re.IGNORECASE)
    if match is None:
        return True  # a verb form the stems do not cover: keep the frame's reading
    rest = text[match.end():]
    if verb == "denied":
        return not _GRANTED.search(rest)
    return bool(_DENY_OBJECT.search(rest)) or calls_false(rest)


def calls_false(text: str) -> bool:
    """Does ``text`` call a statement untrue? "False claims", "the report is inaccurate";
    not "a false impression" (the adjective describes something else)."""
    for match in _FALSITY.finditer(text):
        after = match.group(1)
        if after is None or after.lower() in _AFTER_PREDICATE or _STATEMENT_NOUN.match(after):
            return True
    return False


def _counters_report(text: str, found: Attribution) -> bool:
    """"X insisted all … hit", "X said the reports were false": a counter-claim.

    A plain negation next to a report word is not one ("didn't report it", "never
    witnessed the behaviour the allegations describe"): the content must call a statement
    untrue.
    """
    if found.verb in lx.COUNTER_VERBS and (
        _UNIVERSAL.search(found.content) or re.search(r"\bto\s+(?:the\s+)?reports?\b", text)
    ):
        return True
    if names_falsehood(found.verb, found.content):
        return True  # "called the report 'a fabrication'", "called it fake news"
    return calls_false(found.content) and bool(_REPORT_WORDS.search(found.content))


# "may" as a modal: lowercase and followed by a word ("may have fled", "may not"), or
# opening the sentence; a capitalised "May" mid-sentence is the month unless a verb follows
# in a title-cased headline ("Gunman May Have Fled"). "May 3", "in May, 2019" are dates.
_MODAL_MAY = re.compile(r"\bmay\s+[a-z]|^\W*May\s+[a-z]|\bMay\s+(?:Be|Have|Not)\b")
# "suspected" hedges a statement ("suspected of arson", "is suspected", "suspected that"),
# not a noun ("the suspected gunman was arrested" states an arrest as fact).
_SUSPECTED = re.compile(
    r"\bsuspected\s+(?:of|that|to)\b"
    r"|\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|still\s+)?suspected\b",
    re.IGNORECASE)


def _hedged(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z']+", text)}
    low = text.lower()
    return (bool(words & lx.HEDGE_WORDS) or any(p in low for p in lx.HEDGE_PHRASES)
            or bool(_MODAL_MAY.search(text) or _SUSPECTED.search(text)))


def extract(article: Article, *, tagger: str | None = None) -> list[Claim]:
    """One :class:`Claim` per sentence of ``article`` (sentences must be segmented)."""
    return extract_all([article], tagger=tagger)


def extract_all(articles: Sequence[Article], *, tagger: str | None = None) -> list[Claim]:
    """Claims of every sentence of every article, entities tagged in one batch."""
    sentences = [s for a in articles for s in a.sentences]
    entities = get_tagger(tagger).tag([s.text for s in sentences]) if sentences else []
    by_sentence = dict(zip(((s.source, s.index) for s in sentences), entities, strict=True))
    claims: list[Claim] = []
    for article in articles:
        base = parse_iso(article.published)
        own = [_claim(s, base, by_sentence[(s.source, s.index)]) for s in article.sentences]
        resolve_article(own)
        claims.extend(own)
    return claims


def _claim(sentence: Sentence, base: date | None, entities: list[Entity]) -> Claim:
    found = find_attribution(sentence.text)
    stance, negated = stance_of(sentence.text, found)
    claim = Claim(
        id=f"{sentence.source}:{sentence.index}",
        source=sentence.source,
        sentence=sentence,
        speaker=found.speaker if found else None,
        speaker_kind=found.speaker_kind if found else None,
        via=list(found.via) if found else [],
        verb=found.verb if found else None,
        stance=stance,
        negated=negated,
        content=found.content if found else sentence.text,
        quote=found.quote if found else None,
        role=found.role if found else None,
        quantities=find_quantities(sentence.text),
        dates=resolve_dates(sentence.text, base),
        entities=entities,
        pattern=found.pattern if found else "",
    )
    if found is not None and found.anaphor is not None:
        claim.speaker_anaphor = found.anaphor
        claim.speaker_resolved = False
    _refine_kind(claim)
    return claim


def _refine_kind(claim: Claim) -> None:
    """Use the tagger's label when the phrase alone did not say what the speaker is."""
    if claim.speaker is None or claim.speaker_kind not in {"other", None}:
        return
    for ent in claim.entities:
        if ent.text == claim.speaker or ent.text.endswith(claim.speaker):
            kind: SpeakerKind = {"PERSON": "person", "ORG": "org", "GPE": "org",
                                 "NORP": "org"}.get(ent.label, "other")  # type: ignore[assignment]
            claim.speaker_kind = kind
            return


# --- cross-sentence resolution -------------------------------------------------------


def resolve_article(claims: list[Claim]) -> None:
    """Resolve, in text order, the links one sentence alone cannot (in place)."""
    media: set[str] = set()
    for i, claim in enumerate(claims):
        prev = claims[i - 1] if i > 0 else None
        _attach_bare_frame(claim, prev)
        _continue_quote(claims, i)
        if claim.speaker_anaphor is not None:
            _resolve_anaphor(claim, claims[:i], media)
            _share_resolution(claim, prev)
        elif claim.speaker is not None and " " not in claim.speaker:
            _expand_short_name(claim, claims[:i])
        if claim.speaker in media:
            claim.speaker_kind = "media"
        if claim.speaker_kind == "media" and claim.speaker and claim.speaker_anaphor is None:
            media.add(claim.speaker)
        media.update(v for v in claim.via if not v.lower().startswith("the "))


def _attach_bare_frame(claim: Claim, prev: Claim | None) -> None:
    """'"…," / he said.' split into two sentences: the frame belongs to the quote before."""
    if prev is None or claim.speaker is None or claim.content or prev.speaker is not None:
        return
    prev.speaker, prev.speaker_kind, prev.via = claim.speaker, claim.speaker_kind, claim.via
    prev.verb, prev.role, prev.pattern = claim.verb, claim.role, "split-frame"
    prev.speaker_anaphor, prev.speaker_resolved = claim.speaker_anaphor, claim.speaker_resolved
    prev.quote = prev.quote or find_quote(prev.sentence.text)


def _share_resolution(claim: Claim, prev: Claim | None) -> None:
    """'"…," / he said.': the quote before took the bare frame's "he" before it was resolved,
    so it takes the resolution (or the blank speaker) too."""
    if prev is not None and prev.pattern == "split-frame" and not prev.speaker_resolved and \
            prev.speaker_anaphor == claim.speaker_anaphor:
        prev.speaker, prev.speaker_resolved = claim.speaker, claim.speaker_resolved
        prev.speaker_kind = claim.speaker_kind


def _quote_balance(text: str) -> int:
    """> 0 when ``text`` leaves a quotation open (curly quotes, or an odd straight count)."""
    curly = text.count("“") - text.count("”")
    return curly if curly else text.count('"') % 2


def _continue_quote(claims: list[Claim], i: int) -> None:
    """A sentence inside a multi-sentence quote belongs to the quote's speaker.

    A sentence that opens a quote without closing it takes the speaker named where the
    quote ends (within 3 sentences); one that continues a quote left open, or that is
    wholly a quote right after an attributed quote, takes the speaker before it.
    """
    claim = claims[i]
    text = claim.sentence.text.strip()
    if claim.speaker is not None or not text:
        return
    prev = claims[i - 1] if i > 0 else None
    donor = None
    if text[0] in "\"“" and _quote_balance(text) > 0:
        for later in claims[i + 1: i + 4]:
            if later.speaker is not None:
                donor = later if later.quote else None
                break
    if donor is None and prev is not None and prev.speaker is not None and prev.quote and (
        (_quote_balance(prev.sentence.text) > 0 and re.search(r"[”\"]", text))
        or text[0] in "\"“"
    ):
        donor = prev
    if donor is None:
        return
    claim.speaker, claim.speaker_kind, claim.via = donor.speaker, donor.speaker_kind, donor.via
    claim.verb, claim.role, claim.pattern = donor.verb, donor.role, "quote-continued"
    claim.quote = find_quote(text) or text.strip("\"“” ")
    claim.content = claim.quote


def _resolve_anaphor(claim: Claim, before: list[Claim], media: set[str]) -> None:
    word = claim.speaker_anaphor or ""
    kind: SpeakerKind | None = "media"  # "the outlet"
    if word in {"he", "she", "i"}:
        target, kind = _person_for(word, before, claim), "person"
        if target is None:
            # A bare "he" is no speaker to show; the anaphor stays flagged, unresolved.
            claim.speaker = None
            return
    elif word in {"they", "it", "we"}:
        last = _last(before, {"org", "officials", "media"})
        target, kind = (last.speaker, last.speaker_kind) if last else (None, None)
    else:
        target = _last_media(before, media)
    if target is None:
        return
    if claim.pattern == "cites-Y":
        # "The outlet cites two officials": the outlet is the relay, named earlier.
        claim.via = [target, *claim.via[1:]]
        _relay_previous(claim, before)
    else:
        # The speaker is now who the pronoun stands for, so the kind is theirs too;
        # speaker_anaphor keeps the word it was resolved from.
        claim.speaker, claim.speaker_kind = target, kind
    claim.speaker_resolved = True


def _relay_previous(claim: Claim, before: list[Claim]) -> None:
    """The sentence the outlet anaphor points back to also rests on the cited source."""
    if not before:
        return
    prev = before[-1]
    if prev.speaker == claim.via[0] and not prev.via:
        prev.via = [prev.speaker]
        prev.speaker, prev.speaker_kind = claim.speaker, claim.speaker_kind
        prev.pattern += "+relayed"


# How far back (in sentences) a "he"/"she" may reach for the person it stands for.
_PRONOUN_WINDOW = 3
_MALE = lx.words("he mr man boy father son brother husband king prince spokesman chairman"
                 " congressman businessman actor nephew uncle grandfather")
_FEMALE = lx.words("she mrs ms miss woman girl mother daughter sister wife queen princess"
                   " spokeswoman chairwoman congresswoman businesswoman actress niece aunt"
                   " grandmother")


def _person_for(pronoun: str, before: list[Claim], claim: Claim) -> str | None:
    """The person a "he"/"she"/"I" frame stands for, or None when that is not clear.

    Only people named as speakers in the last few sentences count, and those of the
    pronoun's own paragraph first: news opens a paragraph on the person it goes on quoting
    ("Mayor X said …. "…," she said."). One whose gender is known (a title, a gendered
    role, "X said she …") and agrees wins; otherwise the pronoun resolves only when a
    single person is in reach.
    """
    people = _recent_people(before[_paragraph_start(before, claim):]) or _recent_people(before)
    want = {"he": "m", "she": "f"}.get(pronoun)
    genders = {p: _gender_of(p, before) for p in people}
    agreeing = [p for p in people if want is not None and genders[p] == want]
    if len(agreeing) == 1:
        return agreeing[0]
    compatible = [p for p in people if genders[p] in {None, want}]
    return compatible[0] if len(people) == 1 and compatible else None


def _paragraph_start(before: list[Claim], claim: Claim) -> int:
    """Index in ``before`` of the first sentence of ``claim``'s paragraph: sentences of one
    paragraph are one space apart in the text, a paragraph break is wider."""
    start = claim.sentence.start
    k = len(before)
    while k > 0 and start - before[k - 1].sentence.end <= 1:
        k -= 1
        start = before[k].sentence.start
    return k


def _recent_people(before: list[Claim]) -> list[str]:
    """Distinct person speakers of the last ``_PRONOUN_WINDOW`` sentences, latest first."""
    people: list[str] = []
    for c in reversed(before[-_PRONOUN_WINDOW:]):
        is_person = c.speaker_kind == "person"  # a resolved "he"/"she" is one too
        if c.speaker and is_person and c.speaker_resolved and c.speaker not in people:
            people.append(c.speaker)
    return people


def _gender_of(person: str, before: list[Claim]) -> str | None:
    """"m", "f" or None from the person's titles, role words and own "X said she …"."""
    last = re.escape(person.split()[-1])
    titled = re.compile(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}{last}\b")
    for c in before:
        title = titled.search(c.sentence.text)
        if title:  # "Mr. Tamm" anywhere in the article
            return "m" if title.group(1) == "Mr" else "f"
    for c in before:
        if c.speaker != person:
            continue
        words = {w.strip(".,").lower() for w in (c.role or "").split()}
        if person[:1].islower():  # unnamed, the phrase is the role: "spokesman for the club"
            words.update(person.split())
        first = c.content.split(" ", 1)[0].lower() if c.content else ""
        words.add(first)
        if c.speaker_anaphor in {"he", "she"}:
            words.add(c.speaker_anaphor)
        male, female = bool(words & _MALE), bool(words & _FEMALE)
        if male != female:
            return "m" if male else "f"
    return None


def _last(before: list[Claim], kinds: set[str]) -> Claim | None:
    for c in reversed(before):
        if c.speaker is not None and c.speaker_kind in kinds and c.speaker_resolved:
            return c
    return None


def _last_media(before: list[Claim], media: set[str]) -> str | None:
    """The outlet most recently named in the article (as a speaker or a relay)."""
    for c in reversed(before):
        if c.speaker in media:
            return c.speaker
        for v in c.via:
            if v in media:
                return v
    return None


def _expand_short_name(claim: Claim, before: list[Claim]) -> None:
    """"Carter said" after "Defense Secretary Ash Carter said", "the Ministry said" after
    "the Defence Ministry said", "said Fars" after "Fars News Agency blamed": same speaker.
    """
    name = claim.speaker or ""
    if not name[:1].isupper():
        return
    matches: dict[str, Claim] = {}
    for c in reversed(before):
        if not c.speaker or c.speaker == name or " " not in c.speaker:
            continue
        words = c.speaker.split()
        if not all(w[0].isupper() or w in {"of", "for", "and"} for w in words):
            continue  # only expand to a proper name ("Jo Vell", "Norden Press Agency")
        if name in (words[-1], words[0]):
            matches.setdefault(c.speaker, c)
    # Two people sharing the surname (Sara Markham, Bo Markham): "Markham" is ambiguous.
    if len(matches) == 1:
        (c,) = matches.values()
        claim.speaker, claim.speaker_kind = c.speaker, c.speaker_kind
        claim.role = claim.role or c.role


__all__ = ["extract", "extract_all", "resolve_article", "speaker_key", "stance_of"]
