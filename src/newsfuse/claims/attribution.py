"""Who asserts a sentence: rule-based attribution over one sentence's text.

The rules read the frame news writing uses around a claim — "X said …", "…, X said.",
"…, said X.", "According to X, …", "X, citing Y, said …", "X quoted Y as saying …",
"…, reports X." — and split it into speaker, relays (``via``), reporting verb and the
asserted ``content``. They are deliberately lexical (no parser): fast, deterministic, and
the same whichever entity tagger is installed. Cross-sentence links ("he said", "the
outlet cites …") are resolved later, per article, in :mod:`newsfuse.claims.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.claims import lexicon as lx
from newsfuse.claims.lexicon import words
from newsfuse.claims.types import Attribution, SpeakerKind
from newsfuse.segment import open_quote

_QUOTE_CHARS = "\"“”"
_VERB_ALT = "|".join(sorted((re.escape(v) for v in lx.VERB_CANON), key=len, reverse=True))
_FINITE_ALT = "|".join(sorted((re.escape(v) for v in lx.FINITE_VERBS), key=len, reverse=True))
_VERB_RE = re.compile(rf"\b({_VERB_ALT})\b", re.IGNORECASE)
# Base forms that are far more often nouns ("state radio", "a report"): never a frame verb.
_NOUN_LIKE = words(
    """
    state report claim note post call quote dispute counter caution estimate tweet show
    blame stress reply cite add
    """
)
# Their -s forms are plural nouns as often as verbs: "his claims that …", "490 missing
# children reports were filed", "police reports show …" (see _plural_noun()).
_NOUN_PLURALS = frozenset(
    form for form in lx.VERB_CANON
    if any(form in (base + "s", base + "es", base[:-1] + "ies") for base in _NOUN_LIKE))
_WORD_RE = re.compile(r"[\w][\w'’.&-]*")
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TIME_WORD = rf"(?:{_DAY}|morning|afternoon|evening|night|week|weekend|month|year|today|tonight)"
# Phrases between the verb and what is said, or trailing a frame: "on Thursday", "in a
# statement", "to reporters", "late Tuesday".
_FRAME_PP = re.compile(
    rf"^\s*,?\s*(?:(?:on|late|early|earlier|later|last|this|during|at)\s+(?:\w+\s+)?{_TIME_WORD}"
    rf"(?:\s*\([^)]*\))?|{_DAY}|yesterday|today|tonight"
    r"|in\s+(?:an?|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|posting|post|interview|speech|letter|tweet|message|release|briefing|video"
    r"|e-?mail|conference|remarks|note|filing|report|broadcast|appearance)"
    r"(?:\s+(?:on|to|with)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?"
    r"|to\s+(?:reporters|journalists|the\s+press)"
    r"|(?:on|via)\s+(?:twitter|facebook|social media|television|state television|tv)"
    r"|in\s+a\s+rare\s+televised\s+appearance"
    r")\s*,?",
    re.IGNORECASE,
)
_LEAD_ADVERBIAL = [
    # "This evening (8 October) ...", "On Wednesday, ...", "Late on Friday ..."
    re.compile(
        rf"^(?:(?:on|late|early|earlier|later|last|this|by|from)\s+(?:on\s+)?)?(?:\w+\s+)?"
        rf"{_TIME_WORD}(?:\s+(?:morning|afternoon|evening|night))?(?:\s*\([^)]*\))?\s*,?\s+",
        re.IGNORECASE,
    ),
    re.compile(
        r"^in\s+(?:an?|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,4}?"
        r"(?:statement|posting|post|interview|speech|letter|tweet|message|release|briefing"
        r"|video|e-?mail|conference|remarks|note|filing|report|broadcast|appearance|series\s+of"
        r"\s+\w+)(?:\s+(?:on|to|with)\s+[^,]{1,40},)?(?:\s+\w+day)?\s*,?\s+",
        re.IGNORECASE,
    ),
    # "At 6:55 a.m. Monday, ...", "Around 2 p.m. ..."
    re.compile(
        r"^(?:(?:at|by|around|about|shortly\s+(?:before|after)|before|after|until)\s+)?"
        r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|o'clock)(?:\s+\w+day)?\s*,?\s+",
        re.IGNORECASE,
    ),
    # "Two days later, ...", "A week ago, ...": a time counted back or on from another
    re.compile(r"^(?:[\w-]+\s+){0,3}(?:later|earlier|ago|afterwards?)\s*,\s+", re.IGNORECASE),
    re.compile(
        r"^(?:but|and|so|yet|also|still|meanwhile|however|instead|now|then|separately"
        r"|moreover|further|furthermore|additionally)\b,?\s+",
        re.IGNORECASE,
    ),
]
# A colon between digits is a clock time ("2:40 p.m."), not a clause break.
_CLAUSE_BREAK = re.compile(
    r"(?:;|(?<!\d):|:(?!\d)|—|–|\s-\s|,\s+(?:but|and|while|whereas|as)\b|\bbut\b)\s*"
)
_ROLE_APPOSITIVE = re.compile(r"^(?:the|a|an|its|his|her|their|[\w'’.-]+'s|[\w'’.-]+’s)\b")


def canonical_verb(word: str) -> str:
    """The simple-past form newsfuse stores ("says" → "said", "denies" → "denied")."""
    return lx.VERB_CANON.get(word.lower(), word.lower())


def speaker_key(speaker: str | None) -> str | None:
    """A grouping key: lower case, no leading article/count word, "U.S." == "US"."""
    if not speaker:
        return None
    text = speaker.lower().replace(".", "").replace("’", "'")
    words = text.split()
    while words and words[0] in {"the", "a", "an", "two", "three", "four", "several", "some",
                                 "many", "other", "senior", "unnamed", "anonymous"}:
        words = words[1:]
    return " ".join(words) or text


def find_attribution(text: str) -> Attribution | None:
    """The attribution frame of one sentence, or None when the outlet itself asserts it."""
    if _TEASER.match(text):
        return None  # "[Name shows video of …]": a bracketed link to another article
    found = _find_frame(text)
    if found is not None and found.speaker_kind == "media" and found.pattern == "X-said":
        _nest_relay(found)
    return found


# A line wholly in brackets is a link or teaser, not a statement of the article.
_TEASER = re.compile(r"^\s*\[[^\]]*\]\s*$")
_INNER_SAID = re.compile(r"^(?:that\s+)?([A-Z][^,;:\"“]{1,60}?)\s+(?:said|says|told)\b")


def _nest_relay(found: Attribution) -> None:
    """"The AP reported that Mayor X said officials expect …": the mayor speaks, the AP
    relays. Only a named inner speaker is taken (a media outlet quoting "he said" keeps it)."""
    inner_match = _INNER_SAID.match(found.content)
    if inner_match is None or found.speaker is None:
        return
    inner = _frame_inner(found.content)
    if inner is None or inner.speaker is None or not _strong_subject(inner.speaker) or \
            inner.speaker.lower() in lx.PRONOUNS:
        return
    found.via = [found.speaker, *found.via, *inner.via]
    found.speaker, found.role, found.verb = inner.speaker, inner.role, inner.verb
    found.content, found.speaker_kind = inner.content, inner.speaker_kind
    found.pattern = "relay-" + inner.pattern


def _frame_inner(content: str) -> Attribution | None:
    inner = _subject_verb(re.sub(r"^that\s+", "", content))
    if inner is not None:
        inner.speaker_kind = inner.speaker_kind or speaker_kind_of(inner)
    return inner


def _find_frame(text: str) -> Attribution | None:
    for finder in (_relay_quoted, _frame_at_end, _according_to_start, _subject_verb,
                   _infinitive_subject, _according_to_end):
        found = finder(text)
        if found is not None:
            _add_according_via(found)
            found.via = [v for v in (_clean_np(v) for v in found.via) if v]
            found.quote = found.quote or find_quote(text)
            found.speaker_kind = found.speaker_kind or speaker_kind_of(found)
            return found
    return None


# --- patterns ------------------------------------------------------------------------


def _relay_quoted(text: str) -> Attribution | None:
    """"X quoted Y as saying …" and "Y was quoted by X as saying …"."""
    m = re.search(r"\b(?:was|were|is|are)\s+quoted\s+by\s+(?P<x>.+?)\s+as\s+saying\b[,:]?\s*"
                  r"(?:that\s+)?", text)
    if m:
        quoted = _clean_subject(text[: m.start()])
        outlet = _clean_np(m.group("x"))
        if quoted is not None and outlet:
            return _make(quoted.speaker, "said", text[m.end():], via=[outlet], role=quoted.role,
                         pattern="quoted-by")
    m = re.search(r"\bquoted\s+(?P<y>.+?)\s+as\s+saying\b[,:]?\s*(?:that\s+)?", text)
    if m:
        x = _clean_subject(text[: m.start()])
        y = _clean_np(m.group("y"))
        if x is not None and y and not y.lower().startswith("by ") and _valid_np(y, weak=False):
            return _make(y, "said", text[m.end():], via=[x.speaker], pattern="quoted-as-saying")
    return None


def _frame_at_end(text: str) -> Attribution | None:
    """"…, X said." / "…," said X. — the frame after the last comma or closing quote."""
    body = text.rstrip()
    seps = [m for m in re.finditer(r"[,”\"]|^", body)
            if not (m.end() > 0 and body[m.start()] == '"' and _is_opening_quote(body, m.start()))]
    # A closing quote is the likeliest frame start ('"…," a farmer, Jo Vell, said'), then
    # commas from the right.
    quotes = [m for m in seps if m.end() > 0 and body[m.start()] in "”\""]
    for m in [*reversed(quotes), *reversed(seps)]:
        found = _end_frame(body[: m.start()], body[m.end():])
        if found is not None:
            return found
    return None


_TAIL = (
    rf"(?P<tail>(?:\s+(?:on|in|at|to|during|late|early|earlier|this|last|via|from|after)\b"
    r"(?:\s+(?!that\b)[^\s,.;]+){1,6}"
    r"|\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
    r"|\s+(?:reporters|journalists|the\s+press|the\s+\w+|us|me|him|her|them)"
    rf"|\s+{_DAY}(?:\s+\w+)?|\s+(?:yesterday|today|tonight))?(?:,\s*[^;]*?)?)"
)
_END_SV = re.compile(
    rf"\s*(?P<spk>[^;“”\"]{{1,90}}?)\s+(?P<verb>{_FINITE_ALT}){_TAIL}\s*[.!?]?[”\"]?\s*$",
)
_END_VS = re.compile(
    rf"\s*(?P<verb>{_FINITE_ALT})\s+(?P<spk>[^,;.“”\"]{{1,90}}?|[^,;“”\"]{{1,90}}?)"
    rf"(?P<tail>(?:\s+(?:on|in|at|during)\b(?:\s+(?!that\b)[^\s,]+){{1,6}})?(?:,\s*[^;]*?)?)"
    r"\s*[.!?]?[”\"]?\s*$",
)


# Verbs that invert in news prose ("…, said X."); "told" needs an object and never does.
_INVERTING = frozenset({"said", "says", "added", "adds", "noted", "notes", "reported", "reports",
                        "wrote", "writes", "explained", "warned", "insisted", "stated",
                        "continued", "concluded", "tweeted", "argued", "cautioned", "declared",
                        "recalled", "asked", "replied", "claimed", "claims"})


_END_VERBS = _INVERTING | {"told", "tells", "confirmed", "confirms", "acknowledged", "admitted",
                           "estimated", "estimates", "predicted", "emphasized", "stressed",
                           "believes", "say", "tell", "wrote"}


def _end_frame(before: str, after: str) -> Attribution | None:
    content = before.strip().strip(",").strip()
    m = _END_VS.fullmatch(after)
    if m and m.group("verb") in _INVERTING and len(content.split()) >= 3:
        spk, tail = _with_edition(m.group("spk"), m.group("tail"))
        spk = _clean_np(spk)
        if spk and _valid_np(spk, weak=False) and not re.match(
            rf"(?i)(?:that|it|this|in|on|at|to|from|by|for|with|during|after|before|via|{_DAY}"
            r"|today|yesterday|tonight)\b", spk
        ):
            return _with_tail(spk, m.group("verb"), content, tail, "said-X")
    m = _END_SV.fullmatch(after)
    if m and content:
        subj = _clean_subject(m.group("spk"), loose=True)
        if subj is not None and m.group("verb") in _END_VERBS and not _plural_noun(
                m.group("verb"), m.group("spk"), m.group("tail") or ""):
            found = _with_tail(subj.speaker, m.group("verb"), content, m.group("tail"), "X-said")
            found.role = found.role or subj.role
            found.via = subj.via + found.via
            found.anaphor, found.speaker_kind = subj.anaphor, subj.speaker_kind
            return found
    return None


def _with_tail(speaker: str, verb: str, content: str, tail: str | None,
               pattern: str) -> Attribution:
    """An end frame's attribution; its tail may name a role, a relay or a citation."""
    via: list[str] = []
    role = None
    speaker, role = split_role(speaker)
    if canonical_verb(verb) == "told" and tail:
        outlet = media_addressee(tail.split(",")[0])
        if outlet:
            via.append(outlet)
    for part in (tail or "").split(","):
        part = part.strip()
        low = part.lower()
        if low.startswith("citing "):
            via.append(speaker)
            speaker, role = split_role(_clean_np(part[7:]))
        elif low.startswith("according to "):
            via.insert(0, _clean_np(part[13:]))
        elif (_ROLE_APPOSITIVE.match(part) and not low.startswith(("the ", "a "))) or re.match(
            r"^(?:a|an|the)\s+\S", part, re.IGNORECASE
        ):
            role = role or part.rstrip(".!?\"” ")
    content = _strip_quotes(content)
    return _make(speaker, verb, content, via=via, role=role, pattern=pattern)


def _according_to_start(text: str) -> Attribution | None:
    m = re.match(r"^\s*according\s+to\s+(?P<x>[^,]+?),\s+(?:(?:which|who)\s+(?:cited|quoted)"
                 r"\s+(?P<y>[^,]+?),\s+)?(?P<c>.+)$", text, re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    return _according(m.group("x"), m.group("y"), m.group("c"), "according-to")


def _according_to_end(text: str) -> Attribution | None:
    m = re.search(r",?\s+according\s+to\s+(?P<x>[^,]+?)(?:,\s*(?:which|who)\s+(?:cited|quoted"
                  r"|was citing)\s+(?P<y>[^,]+?))?(?P<rest>,\s*.*?)?\s*[.!?]?[”\"]?\s*$",
                  text, re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    content = text[: m.start()] + (m.group("rest") or "")
    return _according(m.group("x"), m.group("y"), content, "according-to")


def _according(x: str, y: str | None, content: str, pattern: str) -> Attribution | None:
    x = _clean_np(x)
    if not x or _bare(x.split()[-1]) in _TITLE_ABBREVIATIONS:
        return None  # "according to Pittsfield Lt." — the name went to the next sentence
    if y:
        return _make(_clean_np(y), "said", content, via=[x], pattern=pattern + "-cited")
    speaker, role = split_role(x)
    return _make(speaker, "said", content, role=role, pattern=pattern)


def _subject_verb(text: str) -> Attribution | None:
    """"X said (that) …", "X, citing Y, said …", "X cites Y …"; first valid subject wins."""
    for m in _VERB_RE.finditer(text):
        word = m.group(1)
        if word.endswith("ing") or word.lower() in _NOUN_LIKE or (
            word[0].isupper() and m.start() > 0
        ):
            continue
        pre = text[: m.start()]
        if _plural_noun(word, pre, text[m.end():]):
            continue
        if open_quote(pre):
            continue  # inside a quotation: quoted speech, not the frame
        if _PASSIVE_AUX.search(pre) and (word.endswith("ed") or word.lower() in _PARTICIPLES):
            continue  # passive: "had been warned about", "is estimated to" has no speaker
        judges = _judges_statement(word, text[m.end():])
        if canonical_verb(word) in _NEEDS_SPEECH_MARK and not judges and not _SPEECH_MARK.match(
                text[m.end():]):
            continue  # "X has written a letter", "police found the car": no statement
        if re.search(r"\s(?:and|but)\s+$", pre):
            pre = _clause_subject(text) or pre
        negated_frame = bool(re.search(r"\b(?:not|never|n't|n’t)\s*(?:yet\s+)?$", pre))
        subj = _clean_subject(pre)
        verb = canonical_verb(word)
        if subj is None or (verb in lx.WEAK_VERBS and not judges
                            and not _strong_subject(subj.speaker)):
            continue
        if verb in _ANSWER_VERBS and not _ANSWERED.match(text[m.end():]):
            continue  # "police responded within minutes": came to the scene, said nothing
        if verb in lx.RELAY_VERBS:
            found = _relay_object(subj, text[m.end():])
            if found is not None:
                return found
            continue
        rest = _after_verb(verb, text[m.end():])
        outlet = media_addressee(text[m.end():]) if verb == "told" else None
        found = _make(subj.speaker, word, rest, via=subj.via + ([outlet] if outlet else []),
                      role=subj.role,
                      pattern="X-said", anaphor=subj.anaphor)
        found.speaker_kind = subj.speaker_kind
        if negated_frame:
            found.pattern += "-negated"
        return found
    return None


# Words that make the next word a noun: "the claims", "his reports", "several estimates",
# "with reports from …".
_NOUN_BEFORE = words(
    """
    the a an these those such some several many few numerous multiple various other all both
    no any each every his her their its our my your only with of about after following amid
    despite over against from for by
    """
)
# Plural nouns that do not end in -s ("children reports", "police reports show").
_PLURAL_NOUNS = words("children people men women police media")
# After the noun, a plural or copular verb: "reports were filed", "claims, however, are".
_VERB_AFTER_NOUN = re.compile(
    r"^\s*(?:,\s*[a-z]+\s*,\s*)?(?:is|are|was|were|have|has|had|will|would|can|could|may"
    r"|might|must|should|do|did|remain|remained)\b")
_SINGULAR_SUBJECTS = frozenset({"he", "she", "it", "who", "which"})


def _plural_noun(word: str, pre: str, post: str) -> bool:
    """Is ``word`` ("reports", "claims", "estimates") a plural noun here, not a verb?

    The verb needs a singular subject right before it: a name ("CNN reports", "Ivo Tamm
    claims"), "he"/"she"/"it", or a singular agent noun ("the agency notes", "the woman
    claims"). A determiner or possessive ("his claims", "Trump's claims"), a plural
    ("children reports", "police reports") or a modifier that is no speaker ("toxicology
    reports") makes it a noun, and so does a verb after it ("reports were filed").
    """
    if word.lower() not in _NOUN_PLURALS:
        return False
    if _VERB_AFTER_NOUN.match(post):
        return True
    tokens = pre.split()
    while tokens and _is_adverb(tokens[-1]):
        tokens.pop()  # "the paper also reports", "he now claims"
    if not tokens:
        return False
    head = tokens[-1].strip(_QUOTE_CHARS + ",;:()[]")
    low = head.lower()
    if re.search(r"['’]s?$", head) or low in _NOUN_BEFORE | _PLURAL_NOUNS:
        return True  # "Trump's claims", "Reuters' reports", "Some estimates", "Police reports"
    if not head[:1].islower() or low in {"and", "but"}:
        return False  # a name ("Microsoft claims"); at a sentence start, anything capitalised
    singular_agent = low in lx.AGENT_NOUNS | lx.MEDIA_NOUNS | lx.DOCUMENT_NOUNS and not (
        low.endswith("s") and not low.endswith("ss"))
    return not (singular_agent or low in _SINGULAR_SUBJECTS)


def _is_adverb(token: str) -> bool:
    low = token.lower()
    return low in lx.SPEAKER_TRAILING_ADVERBS or (
        low.endswith("ly") and len(low) > 4 and low not in _LY_NOUNS and token.islower())


_PASSIVE_AUX = re.compile(
    r"\b(?:been|be|being|was|were|is|are|am|get|got|gets)\s+(?:(?-i:[a-z]+ly)\s+)?$",
    re.IGNORECASE,
)
# Irregular past participles among the frame verbs ("have been found", "is said to").
_PARTICIPLES = frozenset({"told", "shown", "found", "written", "said", "thought"})
# Verbs that also name a non-speech act ("wrote a letter", "posted a photo", "called a
# meeting", "found the car"): they report a statement only with "that", a colon or a quote.
_NEEDS_SPEECH_MARK = frozenset({"wrote", "posted", "called", "described", "found", "showed"})
_SPEECH_MARK = re.compile(r"^(?:\W*(?:\S+\s+){0,8}?that\b|[^.;]*?[:\"“‘])")


# "called the report false", "described the claims as baseless": judging what someone
# said is itself a statement, whoever the subject (a boat may be called something, a
# report may not).
_JUDGING_VERBS = frozenset({"called", "described"})
_STATEMENT_NOUN = lx.alternation(lx.STATEMENT_NOUNS)
_STATEMENT_OBJECT = re.compile(r"^\s*(?:[\w'’.-]+\s+){0,3}?(?:" + _STATEMENT_NOUN + r")\b")


# "called the report 'a fabrication'", "called it fake news", "described the claims as a
# hoax": the object (a statement, or "it"/"them" standing for one) named a falsehood.
_FALSEHOOD_OBJECT = re.compile(
    r"^\s*(?:it|them|this|that|these|those|(?:[\w'’.-]+\s+){0,3}?(?:"
    + _STATEMENT_NOUN + r")\b[^\"“”,;]{0,80}?)\s+(?:as\s+)?[\"“‘']?"
    r"(?:[\w'’-]+\s+){0,3}?(?:fake\s+news|" + lx.alternation(lx.FALSEHOOD_NOUNS) + r")\b",
    re.IGNORECASE)


def _judges_statement(verb: str, rest: str) -> bool:
    return names_falsehood(verb, rest) or (
        canonical_verb(verb) in _JUDGING_VERBS and bool(_STATEMENT_OBJECT.match(rest)))


def names_falsehood(verb: str | None, rest: str) -> bool:
    """Does "<verb> <rest>" call a statement a lie ("called the report 'a fabrication'",
    "called it fake news")? Such a judgement denies the statement, as "false" does."""
    return verb is not None and canonical_verb(verb) in _JUDGING_VERBS and bool(
        _FALSEHOOD_OBJECT.match(rest))


# "responded"/"replied" report speech only when what follows is what was said or how:
# "that …", a quote, "to the reports by …", "in a statement", "on Twitter".
_ANSWER_VERBS = frozenset({"responded", "replied"})
_ANSWERED = re.compile(r"^\s*(?:\w+ly\s+)?(?:(?:that|to|by|with|in|on)\b|[:\"“'‘]|,\s*[\"“'‘])")


def _clause_subject(text: str) -> str | None:
    """The sentence's subject for "X have been … and say that …": text before the first aux."""
    m = re.match(r"^(?P<np>(?:\S+\s+){0,7}?\S+)\s+(?:has|have|had|are|is|were|was|will|would"
                 r"|could)\b", text)
    return m.group("np") + " " if m else None


def _relay_object(subj: _Subject, rest: str) -> Attribution | None:
    """"The outlet cites two officials for the information." → speaker = the object."""
    # Dots inside "U.S." belong to the phrase; a sentence-final dot ends it.
    m = re.match(r"\s*(?P<y>(?:[^,.;:]|\.(?=\w)|(?<=\b[A-Z])\.)+?)(?=\s+(?:for|as|in|on|to|about"
                 r"|saying|who|that|over)\b|[,;:]|(?<!\b[A-Z])\.(?!\w)|$)", rest)
    if not m:
        return None
    y = _clean_np(m.group("y"))
    if not y or not _valid_np(y, weak=False):
        return None
    after = rest[m.end():]
    said = re.search(r"\bas\s+saying\b[,:]?\s*(?:that\s+)?|\bsaying\b[,:]?\s*(?:that\s+)?", after)
    content = after[said.end():] if said else ""
    speaker, role = split_role(y)
    found = _make(speaker, "said", content, via=[subj.speaker, *subj.via], role=role,
                  pattern="cites-Y", anaphor=subj.anaphor)
    return found


def _infinitive_subject(text: str) -> Attribution | None:
    """"Iran has not commented, other than to confirm …": subject of a to-infinitive report."""
    m = re.search(r"\b(?:to|declined to|refused to)\s+(?P<v>confirm|deny|say|comment|report)\b",
                  text, re.IGNORECASE)
    s = re.match(r"^(?P<np>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:has|have|had"
                 r"|did|does|do|was|were|is|are|would|will|could|also)\b", text)
    if not m or not s or m.group("v").lower() == "comment":
        return None
    speaker = _clean_np(s.group("np"))
    if not speaker or not _valid_np(speaker, weak=False):
        return None
    found = _make(speaker, m.group("v"), text[m.end():], pattern="to-confirm")
    if re.search(r"\b(?:declined|refused)\s+to\s+\w+$|\bnot\s+to\s+\w+$", text[: m.end()]):
        found.pattern += "-negated"
    return found


# --- phrase cleaning -----------------------------------------------------------------


@dataclass
class _Subject:
    """A speaker phrase found before a verb, with what its commas revealed."""

    speaker: str
    role: str | None = None
    via: list[str] = field(default_factory=list)
    anaphor: str | None = None
    speaker_kind: SpeakerKind | None = None


def _clean_subject(pre: str, *, loose: bool = False) -> _Subject | None:
    """The speaker phrase at the end of ``pre`` (text before the verb), or None.

    Relays found inside the subject ("X, citing Y,") are kept in ``via``.
    """
    seg = _CLAUSE_BREAK.split(pre)[-1] if pre.strip() else ""
    seg = seg.strip().lstrip(_QUOTE_CHARS + "(").strip()
    seg = _strip_leading_adverbials(seg)
    seg = _strip_trailing_modifiers(seg)
    # "A lawmaker who oversees the Coast Guard predicted": the verb closes a relative clause
    # not set off by commas, so the speaker is the noun phrase the clause describes.
    relative = _OPEN_RELATIVE.match(seg)
    if relative:
        seg = relative.group("np")
    if not seg:
        return None
    via: list[str] = []
    role: str | None = None
    closed = bool(re.search(r",\s*[”\"]?\s*$|[”\"],\s*$", seg))
    parts = [p.strip() for p in seg.rstrip(",").split(",")]
    parts = [p for p in parts if p.strip(_QUOTE_CHARS + " ")]
    if not closed and _is_place_modified(parts):
        parts = [", ".join(parts)]  # "a Tarn County, Oregon, judge": one noun phrase
    if not parts or (not closed and len(parts) > 1 and parts[-1].lower().startswith(
        ("who ", "which ", "whose ", "that ", "whom ")
    )):
        return None  # the verb belongs to an open relative clause ("X, which Y describes")
    head = parts[0]
    for part in parts[1:]:
        low = part.lower().strip(_QUOTE_CHARS)
        if not low or low in {"however", "meanwhile", "too", "though", "in turn", "for example",
                              "for its part", "for his part", "for her part"}:
            continue
        if low.startswith("citing "):
            via.append(head)
            head = part[7:]
        elif low.startswith(("who ", "which ", "whose ", "where ", "whom ")) or re.match(
            r"[a-z]+ing\b", low
        ):
            continue  # relative clause or "speaking on condition of anonymity"
        elif _is_name(part) and (_is_role_phrase(head) or head[:1].islower()
                                 or re.match(r"(?i)(?:a|an|the|his|her|their|its)\s", head)
                                 or re.search(r"['’]s\s", head)):
            head, role = part, head  # "A spokesman for the utility, Jon Ebbe,"
        elif _ROLE_APPOSITIVE.match(part) or _is_role_phrase(part):
            role = part
        else:
            return None
    citing = re.search(r"\s+citing\s+", head)
    if citing:
        via.append(_clean_np(head[: citing.start()]))
        head = head[citing.end():]
    raw_head = head.strip()
    head = _clean_np(head)
    neither = re.match(r"^(?:neither|both)\s+(.+?)\s+(?:nor|and)\s+(.+)$", head, re.IGNORECASE)
    if neither:
        head = f"{neither.group(1)} and {neither.group(2)}"
    if not head or not _valid_np(head, weak=loose):
        return None
    speaker, name_role = split_role(head)
    out = _Subject(speaker, role=role or name_role, via=[v for v in via if v])
    if speaker.lower() in lx.PRONOUNS:
        out.anaphor = speaker.lower()
        out.speaker_kind = "pronoun"
    elif is_media_anaphor(raw_head):
        out.anaphor = speaker
        out.speaker_kind = "media"
    return out


# What can stand between a subject and its verb without being part of the speaker:
# auxiliaries and adverbs ("X has also said"), a time phrase ("The Pentagon on Friday
# said", "police early Monday said"), a party tag ("Sen. Jo Dale (D-Md.) on Sunday said").
_TRAILING_AUX = re.compile(
    r"\s+(?:did|does|do|has|have|had|would|will|could|can|may|might|was|were"
    r"|is|are|must|to|not|never|n't|n’t|yet|been|be|also|later|earlier|previously"
    r"|reportedly|allegedly|apparently|again|repeatedly|publicly|further|first"
    r"|initially|once|then|now|separately|already|refused|declined|still|too"
    r"|(?-i:[a-z]{3,}ly))$",
    re.IGNORECASE,
)
# Lower-case only, but for day names: "ABC's This Week" and "Person of the Year" are names.
_TRAILING_TIME = re.compile(
    r"\s*,?\s+(?:(?:on|late|early|earlier|later|last|this|by)\s+)?(?:(?:late|early)\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|morning|afternoon|evening|night|week"
    r"|weekend|month|year|today|tonight|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*,?$"
)
_TRAILING_PARTY = re.compile(r"\s*,?\s*\([A-Z][\w.\- ]{0,12}\)\s*,?$")


_OPEN_RELATIVE = re.compile(r"^(?P<np>[^,]+?)\s+(?:who|that|which)(?:\s+[^,]+)?$")


def _strip_trailing_modifiers(seg: str) -> str:
    """Drop auxiliaries, adverbs, time phrases and party tags from the end of a subject."""
    seg = " " + seg
    while True:
        new = seg
        for rx in (_TRAILING_AUX, _TRAILING_TIME, _TRAILING_PARTY):
            if rx is not _TRAILING_TIME or not _is_edition(new):
                new = rx.sub("", new)
        if new == seg or not new.strip():
            return new.strip()
        seg = new


# A paper's weekly edition is named after its day ("The Mail on Sunday", "the Herald on
# Sunday"): after a newspaper word, "on Sunday" is part of the name, not a time phrase.
_EDITION = re.compile(r"(?P<paper>[A-Z][\w'’-]*)\s+on\s+Sunday\s*$")


def _is_edition(name: str) -> bool:
    m = _EDITION.search(name)
    return m is not None and _bare(m.group("paper")) in lx.MEDIA_NOUNS


def _with_edition(name: str, rest: str) -> tuple[str, str]:
    """("The Mail", " on Sunday, …") → ("The Mail on Sunday", ", …"): the day that
    follows a paper's name is its edition, where a time phrase would otherwise take it."""
    m = re.match(r"\s+on\s+Sunday\b", rest)
    if m and _is_edition(name + " on Sunday"):
        return name + " on Sunday", rest[m.end():]
    return name, rest


def _is_place_modified(parts: list[str]) -> bool:
    """"a Tarn County, Oregon, judge": the commas separate the parts of a place name that
    modifies the noun after it, so the place is no appositive speaker."""
    if len(parts) < 2 or not parts[0].split()[-1][:1].isupper():
        return False
    noun = re.fullmatch(r"(?:[A-Z][\w.'’-]*\s+)*(?P<lower>[a-z]+(?:\s+[a-z]+){0,2})", parts[-1])
    return (noun is not None and noun.group("lower").split()[-1] in lx.AGENT_NOUNS
            and noun.group("lower").split()[0] not in {"the", "a", "an"}
            and all(_is_name(p) for p in parts[1:-1]))


def is_media_anaphor(phrase: str) -> bool:
    """"the outlet", "the news agency", "this newspaper": a reference to an earlier outlet."""
    words = phrase.lower().split()
    return (
        2 <= len(words) <= 3
        and words[0] in {"the", "this", "that"}
        and words[-1] in lx.MEDIA_ANAPHORS
        and all(w in lx.MEDIA_NOUNS | lx.MEDIA_ANAPHORS | {"media", "news"} for w in words[1:])
    )


def _strip_leading_adverbials(seg: str) -> str:
    changed = True
    while changed and seg:
        changed = False
        for rx in _LEAD_ADVERBIAL:
            new = rx.sub("", seg, count=1)
            if new != seg:
                seg, changed = new, True
        first = seg.split(" ", 1)[0].lower().strip(",")
        rest = seg.split(",", 1)[1].strip() if "," in seg else ""
        # "Among his mentors was X, who …": the comma closes an inverted clause's subject,
        # and what follows is a relative clause, not a speaker after an adverbial.
        if rest and (first in lx.ADVERBIAL_STARTS or _LEAD_PARTICIPLE.match(seg)) and \
                not _RELATIVE_START.match(rest):
            seg, changed = rest, True
    return seg


_RELATIVE_START = re.compile(r"(?:who|whom|whose|which|that)\b", re.IGNORECASE)


# "Appearing on the same program, Sen. X said": a participle clause opens the sentence. The
# next word is lower case, so a name ending in -ing ("Manning, a lawyer,") is no such clause.
_LEAD_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}(?:ing|ed)\s+(?:[a-z]|[A-Z][a-z]+day,)")


def _clean_np(np: str) -> str:
    # A party or state tag is no part of the name: "Rep. Jo Dale (D-Md.)", "Mayor X (I)".
    np = re.sub(r"\s*\([A-Z][\w.\- ]{0,12}\)?\s*[,.;:]?\s*$", "", np)
    np = np.strip().strip(_QUOTE_CHARS + " ,.;:()[]").strip()
    np = re.sub(r"^(?:the|a|an)\s+", "", np, flags=re.IGNORECASE)
    np = re.sub(r"\s+", " ", np)
    return np


_FIRST_PERSON = re.compile(r"^(?:I|we)['’](?:d|m|ve|ll|re)\b", re.IGNORECASE)
_TITLE_ABBREVIATIONS = frozenset({"lt", "sgt", "capt", "det", "gen", "col", "gov", "sen",
                                  "rep", "dr", "mr", "mrs", "ms", "prof", "insp", "supt"})
_PLAIN_LOWER_SPEAKERS = lx.PRONOUNS | words(
    "officials police sources authorities investigators analysts experts witnesses residents"
    " researchers scientists prosecutors"
)
_PREPOSITIONS = words("in on at from by for with of to during after before via under over")
_LY_NOUNS = words("family daily weekly monthly assembly rally ally italy supply elderly quarterly")


def _valid_np(np: str, *, weak: bool) -> bool:
    """Could ``np`` be the source of a statement? (Rejects clauses and objects.)

    ``weak`` accepts any short noun phrase: in "…, the affidavit said." the frame's position
    vouches for it, where a sentence-initial phrase needs a name or an agent noun.
    """
    tokens = _WORD_RE.findall(np)
    if _FIRST_PERSON.match(np) or (tokens and _bare(tokens[-1]) in _TITLE_ABBREVIATIONS):
        return False  # "I'd have to say" is the writer; "according to Pittsfield Lt." is cut
    if tokens and tokens[0].islower() and tokens[0].endswith("ing"):
        return False  # "citing police sources": a participle phrase, not a subject
    if not tokens or len(tokens) > 10:
        return False
    if any(_bare(w) in lx.NOT_IN_SPEAKER for w in tokens):
        return False
    if split_role(np)[1] is not None:
        np = split_role(np)[0]  # "harbour master Ines Rook": judge the name
        tokens = np.split()
    lows = [_bare(w) for w in tokens]
    if len(tokens) > 1 and (lows[0] in lx.PRONOUNS or lows[0] in _PREPOSITIONS
                            or tokens[-1] in _PREPOSITIONS):
        return False  # "it tries", "In a series of", "Details of alleged …": not a speaker
    if any(t[0].islower() and t.endswith("ed") for t in tokens[1:]):
        return False  # "staff members killed in …": a participle clause
    # "We adamantly oppose": a clause, not a name. Only a lower-case word is an adverb:
    # Reilly, Connolly and Kelly are surnames.
    if any(t[0].islower() and lw.endswith("ly") and len(lw) > 5 and lw not in _LY_NOUNS
           for t, lw in zip(tokens, lows, strict=True)):
        return False
    if tokens[-1][0].islower() and lows[-1].endswith(("ed", "ing")) and (
        lows[-1] not in lx.AGENT_NOUNS
    ):
        return False
    if any(w[0].isupper() for w in tokens) or (tokens[0][0].isdigit() and len(tokens) > 1):
        return True
    if (weak and len(tokens) <= 5) or re.fullmatch(r"\d+-year-old", lows[-1]):
        return True
    return lows[0] in _PLAIN_LOWER_SPEAKERS or _lower_agent_phrase(tokens)


def _lower_agent_phrase(words: list[str]) -> bool:
    # "two U.S. officials", "senior officials", "people familiar with the matter"
    lows = [w.lower() for w in words]
    last = lows[-1]
    agentive = last in lx.AGENT_NOUNS or (
        last.endswith(("ers", "ists", "ians", "ants", "ents", "ors")) and len(last) > 5
    )
    return (agentive or bool(set(lows) & lx.AGENT_NOUNS)) and len(words) <= 8


def _strong_subject(np: str) -> bool:
    """Subjects allowed with weak verbs ("called", "described"): names and people."""
    words = np.split()
    return any(w[0].isupper() for w in words) or np.lower() in lx.PRONOUNS


def _before_preposition(words: list[str]) -> list[str]:
    """The words before the first preposition: the head of "spokesman for the ministry"."""
    cut = next((n for n, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    return words[:cut]


def _is_role_phrase(part: str) -> bool:
    return bool({_bare(w) for w in part.split()} & lx.ROLE_WORDS)


def _is_name(part: str) -> bool:
    words = part.strip(_QUOTE_CHARS + " ").split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)


def _bare(word: str) -> str:
    """Lower case without possessive or edge punctuation: "Ministry's," → "ministry"."""
    return re.sub(r"['’]s$", "", word.lower().strip(",.;:()")).strip(".")


# A person (2-5 capitalised words, title included) and the organisation they serve.
_ORG_TAIL = re.compile(r"(?P<head>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4})\s+"
                       r"(?P<tail>(?:with|of|at|from)\s+the\s+[A-Z].*)")


def _person_with_org(np: str) -> tuple[str, str] | None:
    """(person, "with the ORG") when ``np`` names a person then the body they serve.

    The head must carry a title or the tail an organisation noun, and the head must not be
    an organisation itself: "Democratic Republic of the Congo" and "Bank of the West" stay
    whole.
    """
    m = _ORG_TAIL.fullmatch(np)
    if m is None:
        return None
    head, tail = m.group("head"), m.group("tail")
    org_words = lx.ORG_NOUNS | lx.AGENT_NOUNS | lx.MEDIA_NOUNS
    if _bare(head.split()[-1]) in org_words:
        return None
    titled = split_role(head)[1] is not None and _bare(head.split()[0]) in lx.ROLE_WORDS | {
        "mr", "mrs", "ms", "dr"}
    if not titled and not {_bare(w) for w in tail.split()} & org_words:
        return None
    return head, tail


def split_role(np: str) -> tuple[str, str | None]:
    """"US Defense Secretary Jane Roe" → ("Jane Roe", "US Defense Secretary").

    The name is what follows the last role word, if it is 1-4 capitalised words; with no
    role word, a trailing run of 2-4 capitalised words after a lower-case noun is a name
    too ("chief engineer Jo Vell").
    """
    org_tail = _person_with_org(np)
    if org_tail:  # "Lt. Jo Vell with the Tarn Sheriff's Department": the person speaks
        person, title = split_role(org_tail[0])
        return person, " ".join(filter(None, [title, org_tail[1]]))
    words = np.split()
    roles = [i for i, w in enumerate(words[:-1])
             if _bare(w) in lx.ROLE_WORDS or _bare(w) in {"mr", "mrs", "ms", "dr"}]
    if roles and not _names_an_org(words[roles[-1] + 1:]):
        name = words[roles[-1] + 1:]
        if len(name) <= 4 and all(w[0].isupper() for w in name):
            return " ".join(name), " ".join(words[: roles[-1] + 1])
    k = len(words)
    while k > 0 and words[k - 1][0].isupper():
        k -= 1
    # ... but "Bank of the Russian Federation" is one name: "of the" joins, it is no role;
    # and after a preposition the name is where the speakers are or whom they serve:
    # "officials in Tarn County" speak, not Tarn County.
    if k > 0 and 2 <= len(words) - k <= 4 and words[k - 1][0].islower() and \
            words[k - 1] not in {"the", "and", "de", "du", "von", "van"} | _PREPOSITIONS:
        return " ".join(words[k:]), " ".join(words[:k])
    if k == 1 and len(words) == 2 and _bare(words[0]) not in lx.AGENT_NOUNS | lx.ROLE_WORDS \
            and words[0].isalpha() and words[0].islower():
        return words[1], None  # "an aggressive Priebus said": the adjective is no role
    return np, None


def _names_an_org(name: list[str]) -> bool:
    """"Ashby General Hospital": a role word inside an organisation's name ("General")
    is followed by the organisation's noun, not by a person's name."""
    return bool(name) and _bare(name[-1]) in lx.ORG_NOUNS


_PROPER_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
# "of" inside a capitalised name joins it: "The Times of Varnholm".
_OUTLET_NAME = rf"{_PROPER_NAME}(?:\s+of\s+(?:the\s+)?{_PROPER_NAME})?"


def media_addressee(text: str) -> str | None:
    """The outlet in "told the Valley Times" / "told the broadcaster Radio Vest", else None.

    Only phrases with a media word count: "told reporters" or "told a rally" relay nothing.
    """
    m = re.match(rf"\s*(?:the\s+)?(?P<np>(?:[a-z]+\s+)?{_OUTLET_NAME})", text)
    if not m:
        return None
    words = _with_edition(m.group("np"), text[m.end():])[0].split()
    if not {_bare(w) for w in words} & lx.MEDIA_NOUNS:
        return None
    if words[0][0].islower() and len(words) > 1:
        words = words[1:]  # "broadcaster Radio Vest" → "Radio Vest"
    return " ".join(words)


def _after_verb(verb: str, rest: str) -> str:
    """What is said: the text after the verb, minus addressee, time and "that"."""
    m = re.match(r"^(?:\W*\w+\W+){0,9}?that\s+", rest) if verb == "told" else None
    if m:
        return rest[m.end():]
    if verb == "told":  # "told reporters the levee held": drop the addressee
        rest = re.sub(r"^\s*(?:reporters|journalists|the\s+(?:press|media)"
                      rf"|(?:the\s+)?(?:[a-z]+\s+)?{_OUTLET_NAME}"
                      r"|(?:a|an|the)\s+\w+)\s+", "", rest)
    for _ in range(3):
        m2 = _FRAME_PP.match(rest)
        if not m2 or m2.end() == 0:
            break
        rest = rest[m2.end():]
    rest = re.sub(r"^\s*[:,]?\s*(?:that\s+)?", "", rest)
    return rest


def _add_according_via(found: Attribution) -> None:
    """"X said …, according to Y" — Y relays X's words."""
    m = re.search(r",?\s+according\s+to\s+(?P<y>[^,.;]+)", found.content, re.IGNORECASE)
    if m and found.speaker is not None:
        found.via.insert(0, _clean_np(m.group("y")))
        found.content = (found.content[: m.start()] + found.content[m.end():]).strip()


def _make(speaker: str, verb: str, content: str, *, via: list[str] | None = None,
          role: str | None = None, pattern: str, anaphor: str | None = None) -> Attribution:
    content = re.sub(r"^[:,\s]+", "", content.strip())
    if not re.search(r"\w", content):
        content = ""
    return Attribution(speaker=speaker, verb=canonical_verb(verb), content=content,
                       via=list(via or []), role=role, pattern=pattern, anaphor=anaphor)


# --- quotes and kinds ------------------------------------------------------------------


def _is_opening_quote(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "(["


def find_quote(text: str) -> str | None:
    """The longest quoted span that reads as speech (≥ 2 words, not just a name)."""
    spans = re.findall(r"“([^”]+)”|\"([^\"]+)\"", text)
    best = ""
    for a, b in spans:
        q = (a or b).strip()
        words = q.split()
        if len(words) < 2 or all(w[0].isupper() for w in words if w[0].isalpha()):
            continue
        if len(q) > len(best):
            best = q
    if not best:
        m = (re.search(r"[“\"]([^”\"]{10,})$", text)  # opens a quote that goes on
             or re.match(r"^([^“”\"]{10,}?[,.!?])[”\"]", text))  # closes one begun before
        if m:
            best = m.group(1).strip()
    return best.rstrip(",").strip() or None


def _strip_quotes(content: str) -> str:
    return content.strip().strip(_QUOTE_CHARS).strip().rstrip(",").strip()


def speaker_kind_of(found: Attribution) -> SpeakerKind | None:
    """person / org / officials / media / pronoun from the phrase and the frame."""
    if not found.speaker:
        return None
    words = found.speaker.split()
    lows = [_bare(w) for w in words]
    if found.speaker.lower() in lx.PRONOUNS:
        return "pronoun"
    if found.verb == "reported" or set(lows) & lx.MEDIA_NOUNS:
        return "media"
    # "officials in Tarn County", "residents of Ashby": the noun before the preposition
    # says who speaks; the place after it only says where they are.
    head = _before_preposition(lows)
    if {lows[-1], head[-1] if head else ""} & (lx.OFFICIALS_NOUNS | {"people", "person"}):
        return "officials"
    role_at = [i for i, w in enumerate(lows) if w in lx.ROLE_WORDS]
    if role_at and not set(_before_preposition(lows[role_at[-1]:])) & lx.ORG_NOUNS:
        # "the army's chief of staff", "ministry spokesman", "a forecaster with the Met
        # Office": the role heads the phrase; only "the prime minister's office" is an org.
        return "person"
    if set(lows) & lx.ORG_NOUNS:
        return "org"
    if found.role and all(w[0].isupper() for w in words):
        return "person"
    if lows[-1] in lx.ROLE_WORDS or lows[-1] in {"spokesman", "spokeswoman", "spokesperson"}:
        return "person"
    if set(lows) & {"report", "reports", "study", "survey", "statement", "poll", "data"}:
        return "source"
    return "other"  # names without a role: the entity tagger decides (person, org, place)
