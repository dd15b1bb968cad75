"""How a sentence reads: as a quote, as hard news, or as a photo caption. Word rules only
(tense, quotation marks, the opening words): no model and no names, so they work the same
on any story.

- :func:`reads_as_news`: it tells that something happened or was said, on its own. News
  writing puts that first (who did what, when); a feature opens on a scene, a rhetorical
  line or a quote and reaches the event later. :func:`opening` picks the summary sentence
  to open with.
- :func:`caption_like`: it describes a picture in the present tense and ends on the day
  the picture was taken, so it dates no event.
- :func:`event_days`: the days it dates events to, leaving out plans, birthdays and a
  photo's date. The timeline lists events by them; the summary orders by them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.claims.dates import MONTH_NAME, WEEKDAY_NAME
from newsfuse.claims.lexicon import VERB_CANON, alternation, words
from newsfuse.claims.types import ResolvedDate
from newsfuse.segment import open_quote

_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# What is left of a quote that opens or closes in a neighbouring sentence.
_OPEN_QUOTE = re.compile(r"(?:^|(?<=\s))[\"“](?=\w).*$|“.*$")
_CLOSE_QUOTE = re.compile(r"^.*”|^.*\w[.,!?]?\"(?=\s|$)")

# Irregular simple pasts. Forms that are the same in the present ("hit", "put", "set")
# count as past: a caption missed costs less than a dated event ("A storm hit the coast on
# Monday.") taken for one.
_IRREGULAR_PAST = words(
    """
    was were had did made took got gave came went found won lost left fell rose began
    became broke brought bought caught chose drove fled flew fought held kept knew led met
    paid ran saw sent sold spent stood struck threw wrote grew built felt heard hid hung
    lay laid lit meant sank sat shook slept slid spoke stole stuck swore swept taught tore
    thought understood woke wore withdrew forgot forgave froze overtook undertook upheld
    shot hit put set cut quit shut spread beat hurt let cost
    """
)
# Participles tell the past only after an auxiliary, an adverb apart at most ("has taken",
# "was given", "has reportedly written"); alone they describe ("a child being taken").
_PARTICIPLES = words(
    """
    been done gone taken given seen known shown grown thrown drawn driven written spoken
    broken chosen stolen frozen fallen risen begun
    """
)
_AUXILIARIES = words("has have had was were been")
# Reporting verbs: every simple past the lexicon knows, and the present forms news uses
# for attribution ("police say", "the agency reports"). Not bare "report" or "state": as
# nouns they are everywhere.
_REPORTING = frozenset(v for v, canon in VERB_CANON.items() if v == canon) | words(
    "say says tells reports announces warns confirms denies according")
# "-ed" words that are no verbs, and the words after which an "-ed" word is an adjective
# or a present passive ("a closed road", "is detained", "of supported sites"), not a past.
_NOT_VERBS = words("bed red need seed speed feed breed shed hundred sacred naked wicked "
                   "kindred shred steed weed greed creed deed indeed")
_NOT_PAST_AFTER = words("a an the is are am be being get gets its their his her our your my "
                        "this that these those of in on at for with by from into to than")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

_WEEKDAY, _MONTH = WEEKDAY_NAME, MONTH_NAME
# A sentence that ends on its date: "... in Tarn on Tuesday, March 4, 2014." / "... on
# Saturday, June 2." / "... March 4." (a credit in brackets may follow).
_TRAILING_DATE = re.compile(
    rf"(?:\bon\s+)?(?:\b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    r"(?:,?\s+\d{4})?\s*(?:\([^()]*\))?\s*[.!\"”’']*\s*$"
)
# Says when: a weekday, a month and day, "yesterday", "this week".
_WHEN = re.compile(
    rf"\b{_WEEKDAY}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b(?:yesterday|today|tonight|last\s+night"
    r"|this\s+(?:week|morning|afternoon|evening))\b",
    re.IGNORECASE,
)
# What may happen is no event yet: "could lose", "will retaliate".
_MODAL = re.compile(r"\b(?:will|would|could|can|may|might|should|shall)\b", re.IGNORECASE)

# Openers of a feature or a scene: a clause or phrase before the subject that sets a mood
# or a condition ("Behind all the ...", "If you ...", "When he woke ...", "Imagine ..."),
# or a connective that goes on from a sentence the reader has not seen. Time and place
# phrases ("On Monday, ...", "In Tarn, ...") open news: not here.
_FEATURE_OPENER = re.compile(
    r"^\W*(?:if|when|whenever|before|as|while|although|though|since|once|because|unless"
    r"|until|behind|beyond|like|unlike|imagine|picture|forget|remember|now|so"
    r"|additionally|moreover|furthermore|besides|indeed|of\s+course|in\s+fact"
    r"|for\s+(?:years|decades|months|weeks|centuries|generations)|it['’]s|there['’]s"
    r"|what|why|how|who|where|don['’]t|let['’]s)\b|^\W*(?:yes|no|well|oh|wow|okay),",
    re.IGNORECASE,
)
# News told as going on now: "Police are investigating ...", "The agency is warning ...".
_PROGRESSIVE = re.compile(r"\b(?:is|are)\s+(?:now\s+|still\s+)?[a-z]{3,}ing\b")
# Hard news told as a present passive, as headlines and ledes tell it: "A man is charged
# with murder", "Six are feared dead". Only acts done to someone by police, courts, attackers
# or employers: "is located", "is held every year", "is presumed innocent", "is expected
# to" describe or foresee, they tell nothing that happened.
_HARD_PASSIVE = words(
    """
    charged accused suspected feared arrested detained jailed indicted sentenced convicted
    acquitted sued fined fired ousted killed injured wounded hurt evacuated rescued freed
    ordered
    """
)
_PRESENT_PASSIVE = re.compile(
    rf"\b(?:is|are)\s+(?:now\s+|being\s+|also\s+)?(?:{alternation(_HARD_PASSIVE)})\b")
_YOU = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_QUOTE_START = "\"“‘'"

# A photo caption placing the people in the picture: "Jane Roe (2nd L)", "(R)".
CAPTION_PLACING = r"\((?:\d(?:st|nd|rd|th)\s+)?(?:L|R|C|left|right|cent(?:er|re))\)"
# Photo captions describe a picture, not what happened that day: "X is pictured with Y on
# Nov. 12", "This image provided by the jail shows X", "Jane Roe (2nd L) and ...". A line
# that opens on its date is a caption or the context line of a quote list ("July 31, 2013
# A woman waves ...", "18 August, 1988, during his acceptance speech"). A caption told in
# the present that ends on its date ("Crews battle a blaze in Tarn on Tuesday, March 4.")
# is :func:`caption_like`.
_PICTURED = re.compile(
    r"\b(?:is|are)\s+pictured\b|\bposes?\b|^(?i:this)\s+(?:\w+\s+)?(?:image|photo|picture)\b"
    rf"|{CAPTION_PLACING}"
    r"|^\W*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+)\d{4}\b"
)
# A date after these words is a plan, not an event yet: "a vigil will be held Thursday",
# "the launch is scheduled for July 31", "held pending a hearing Nov. 29", "the next time
# ... will be on Dec. 31, 2028". (A date before them dates the telling: "said on Monday
# the bridge will reopen".)
_NOT_YET = re.compile(
    r"\b(?:will|shall|won['’]t)\b|\b(?:scheduled|set|expected|due|slated|planned)\s+(?:to|for)\b"
    r"|\bpending\b|\bnext\b|\bupcoming\b",
    re.IGNORECASE,
)
# A date after "born" is a birthday, background to any story about the person.
_BORN = re.compile(r"\bborn\b[^,;]{0,120}$", re.IGNORECASE)

# How much saying when counts towards opening a summary, on top of the sentence's score:
# a little more than the lead-score gap between an article's first and second sentences
# (1.0 and 0.81), so an opener that says when the event happened passes an undated one,
# the undated second sentence of the same article does not pass it. The "who did what,
# when" of a news lede.
WHEN_BONUS = 0.2
# How close to the best rank another opener must come for the earlier news to open the
# summary instead (see :func:`opening`): under the gap between an article's first and
# second sentences (0.19), so only the openers of other articles compete. A report of
# Wednesday's finding about Tuesday's fire then yields to the report of the fire.
EARLIER_MARGIN = 0.1


def unquoted(text: str) -> str:
    """``text`` without what it quotes (the writer's own words)."""
    text = _QUOTED.sub(" ", text)
    return _CLOSE_QUOTE.sub(" ", _OPEN_QUOTE.sub(" ", text))


def tells_past(text: str) -> bool:
    """Whether ``text`` has a verb telling that something happened or was said: a simple
    past or perfect ("voted", "has closed", "was found") or a reporting verb in any tense
    ("says", "announced"). Captions and scene-setting are told in the present."""
    return _first_told(_WORD.findall(text)) is not None


def _first_told(tokens: list[str]) -> int | None:
    """Index of the first token that tells a past or an attribution (see :func:`tells_past`)."""
    for k, word in enumerate(tokens):
        low = word.lower()
        before = [t.lower() for t in tokens[max(k - 2, 0):k]]
        if low in _IRREGULAR_PAST or low in _REPORTING:
            return k
        if low in _PARTICIPLES and any(_auxiliary(b) for b in before):
            return k
        if word.islower() and _past_ed(low, before, tokens[k + 1:k + 2]):
            return k
    return None


def _describes(tokens: list[str]) -> bool:
    """Whether the sentence says what something is ("The medal is one of the highest honours
    awarded to ...") before it tells anything, and credits nobody for it: background, not
    news. "is doing" and "is charged" tell an action; "..., according to the study" is
    news of a finding."""
    told = _first_told(tokens)
    for k, word in enumerate(tokens[: len(tokens) if told is None else told]):
        nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
        if word.lower() in {"is", "are"} and not nxt.endswith(("ing", "ed")) \
                and nxt not in _PARTICIPLES:
            return not any(t.lower() in _REPORTING for t in tokens[k:])
    return False


def _past_ed(word: str, before: list[str], after: list[str]) -> bool:
    """An "-ed" word used as a past tense: not an adjective after an article or "is"
    ("a closed road", "is detained"), nor a participle that only describes, followed by
    its agent ("property owned by the family"), unless an auxiliary makes it a past
    ("was arrested by police")."""
    if not word.endswith("ed") or len(word) <= 3 or word in _NOT_VERBS:
        return False
    if not before or before[-1] in _NOT_PAST_AFTER:
        return False
    return after != ["by"] or any(_auxiliary(b) for b in before)


def _auxiliary(word: str) -> bool:
    return word in _AUXILIARIES or word.endswith(("'ve", "’ve"))


def caption_like(text: str) -> bool:
    """A photo caption: it ends on its date and tells nothing in the past ("Firefighters
    battle a blaze at the quay on Tuesday, March 4, 2014."). A dated event says what
    happened ("The council voted on Tuesday ...")."""
    return bool(_TRAILING_DATE.search(text.strip())) and not tells_past(text)


def event_days(text: str, dates: Sequence[ResolvedDate]) -> list[str]:
    """The days (ISO) that ``text`` dates events to, in text order: its day-exact
    ``dates`` except a plan's ("will reopen on Monday"), a birthday and every date of a
    photo caption (see ``_PICTURED``, :func:`caption_like`)."""
    if _PICTURED.search(text) or caption_like(text):
        return []
    return [d.iso for d in sorted(dates, key=lambda d: d.start)
            if d.granularity == "day" and not _background(text, d)]


# A date inside a relative clause dates that clause, not the sentence's event: "Residents,
# who were evacuated on Tuesday night, were allowed home in the afternoon."
_IN_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b[^,;]*$", re.IGNORECASE)


def _background(text: str, found: ResolvedDate) -> bool:
    before = text[:found.start]
    if _IN_RELATIVE_CLAUSE.search(before) and "," in text[found.end:]:
        return True
    if found.relative and open_quote(before):
        # "tonight" in a quote is the speaker's night, not the article's publication day.
        return True
    return bool(_NOT_YET.search(before) or _BORN.search(before))


def reads_as_news(text: str) -> bool:
    """A hard-news sentence: it tells what happened or was said (a past, a perfect, an
    attribution, "is doing" now, or a hard-news act in the present passive: "is charged
    with"), opens on its subject or on a time or place rather than a scene-setting clause,
    speaks to no "you", and is no quote or photo caption."""
    text = text.strip()
    if not text or text[0] in _QUOTE_START or text.endswith("?"):
        return False
    bare = unquoted(text)
    if 2 * len(bare.split()) < len(text.split()):  # mostly quotation
        return False
    if _FEATURE_OPENER.match(text) or _YOU.search(bare) or caption_like(text):
        return False
    if _PRESENT_PASSIVE.search(bare):
        return True
    tokens = _WORD.findall(bare)
    if _describes(tokens):
        return False
    return _first_told(tokens) is not None or bool(_PROGRESSIVE.search(bare))


def says_when(text: str) -> bool:
    """It dates what it tells ("on Tuesday", "yesterday") and tells no mere possibility."""
    return bool(_WHEN.search(text)) and not _MODAL.search(text)


def opening(sentences: Sequence[tuple[str, float]],
            days: Sequence[str | None] | None = None) -> int | None:
    """Which of the (text, score) pairs should open a summary, or None when none reads as
    news: the highest scoring hard-news sentence, :data:`WHEN_BONUS` added when it says
    when. The first of equals wins, so pass them in reading order.

    ``days`` gives each sentence's news day (ISO), the latest day it dates an event to, or
    None. A summary opens on the event, not on its aftermath: when the best is dated, a
    hard-news sentence ranked within :data:`EARLIER_MARGIN` of it that tells earlier news
    opens instead (the earliest such).
    """
    ranks = [score + (WHEN_BONUS if says_when(text) else 0.0) if reads_as_news(text)
             else float("-inf") for text, score in sentences]
    best = max(range(len(ranks)), key=lambda k: (ranks[k], -k), default=None)
    if best is None or ranks[best] == float("-inf"):
        return None
    day = days[best] if days is not None else None
    if days is None or day is None:
        return best
    earlier = [k for k, d in enumerate(days)
               if d is not None and d < day and ranks[k] >= ranks[best] - EARLIER_MARGIN]
    return min(earlier, key=lambda k: (days[k] or "", -ranks[k], k), default=best)
