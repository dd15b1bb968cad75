"""Conflicts between sources: the same thing, told differently by independent origins.

Precision comes first: a false conflict misleads the reader, a missed one only leaves the
report less complete. So a numeric conflict needs the same counted noun, near-identical
context, the same day (or no date on either side), the same time of day, and no
approximation that would let both numbers be true. Pairs that fail only on the date or the
time of day are hedged as notes ("possible mismatch"), never reported as conflicts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from newsfuse.claims import Claim, Quantity
from newsfuse.claims import lexicon as lx
from newsfuse.claims.dates import WEEKDAY_NAME
from newsfuse.claims.quantities import without_labels
from newsfuse.models import Citation
from newsfuse.report.ages import age_conflicts
from newsfuse.report.story import Story, content_set
from newsfuse.report.types import Conflict, Note, Side
from newsfuse.summarize.align import numbers

# Context similarity (share of the same-fact threshold) that makes two numbers rivals.
NUMERIC_CONTEXT = 0.9
# Looser similarity at which a same-noun pair is worth a hedged note.
MISMATCH_CONTEXT = 0.8
APPROX = {"about", "around", "some", "nearly", "almost", "roughly", "approximately", "an estimated"}
# A stated minimum or maximum: "at least nine" is any count from nine up. Strict bounds
# ("more than nine") are read as inclusive, which can only let more pairs both be true.
LOWER_BOUNDS = {"at least", "or more", "more than", "over", "greater than", "upwards of"}
UPPER_BOUNDS = {"at most", "up to", "as many as", "less than", "fewer than", "under"}
EXACT = {"only", "just"}
# An approximation covers values within 20% of the larger number: [0.8v, v / 0.8].
APPROX_SHARE = 0.2
# Units that measure age or time spans rather than count a thing of the story.
_NOT_COUNTS = {"", "year-old", "years", "year", "days", "day", "hours", "hour", "minutes",
               "weeks", "months", "percent", "yesterday", "today"}
# Measures depend on a reference point ("20 miles from the capital" / "12 miles away" from
# the park): different values are hedged as notes, never reported as hard conflicts.
# Money and speeds too: "$10,000 for the dog" and "a $26.6 million estate", "travelling at
# 12 mph" and "winds of 130 mph" are different amounts far more often than rival reports.
_MEASURES = {"dollars", "euros", "yuan", "yen", "rupees", "mph", "km/h", "kph", "knots",
             "miles", "mile", "kilometres", "kilometers", "km", "metres", "meters", "feet",
             "foot", "yards", "inches", "kilograms", "kg", "pounds", "tons", "tonnes"}
_MONEY = {"dollars", "euros", "yuan", "yen", "rupees"}  # and "pounds" written with "£"
_SPEEDS = {"mph", "km/h", "kph", "knots"}
_CURRENCY = re.compile(r"[$€£]")
# Look-alike numbers are hedges, not findings: one note per unit and pair of values, and
# only the few closest pairs (a long story can produce dozens of near-duplicate notes).
MAX_NOTES = 5
_TIME_OF_DAY = {
    "morning": "morning", "afternoon": "afternoon", "evening": "evening", "tonight": "night",
    "night": "night", "overnight": "night", "dawn": "morning", "midnight": "night",
    "noon": "afternoon", "midday": "afternoon",
}
_CONFIRMED = re.compile(
    r"\b(?:is|was|are|were|has\s+been|have\s+been|had\s+been)\s+(?:now\s+)?(?:officially\s+)?"
    r"confirmed\b|\bconfirm(?:ed|s)?\s+(?:that|the|a|an|one|two|three|its|his|her|their)\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless|until|once|when)\b[^.;]*\bconfirm",
                          re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no|never|neither|nor|yet\s+to)\b|n['’]t\b", re.IGNORECASE)
_NEGATED_CONFIRM = re.compile(
    r"\b(?:not|never|no|yet\s+to|n['’]t)\s+(?:\w+\s+){0,3}confirm", re.IGNORECASE)
_REFUSAL = re.compile(r"\bconfirm\s+or\s+deny\b|\bdeclined\s+to\s+comment\b", re.IGNORECASE)
_GENERIC_SUBJECT = re.compile(
    r"^\W*(?:the\s+)?(?:\w+\s+)?(?:officials|authorities|investigators|police|government"
    r"|ministry|nobody|no\s+one|neither)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october"
           r"|november|december)")
_MONTH = re.compile(rf"\b{_MONTHS}\b", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}})\b(?!:)",
                           re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAY_NAME}|yesterday)\b", re.IGNORECASE)
LOCAL_WINDOW = 40  # characters either side of a number that describe what it counts
_ANAPHOR_START = re.compile(r"^\W*(?:that|this|it|these|those)\b", re.IGNORECASE)
_QUOTE_START = re.compile(r"^\s*[\"“]")
_CONFIRM_WORDS = {"confi", "verif", "said", "says", "told", "yet", "neith", "indep"}


@dataclass(frozen=True)
class NumericPair:
    """Two sentences giving different values for the same counted noun."""

    unit: str
    left: int
    right: int
    left_value: Quantity
    right_value: Quantity


def find_conflicts(story: Story) -> tuple[list[Conflict], list[Note]]:
    """Numeric and confirmation conflicts, plus hedged notes for look-alike numbers."""
    pairs, notes = numeric_pairs(story)
    conflicts = merge_numeric(story, pairs)
    conflicts += age_conflicts(story)
    conflicts += confirmation_conflicts(story)
    return conflicts, notes


# --- numeric ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A hedged note with what ranks and deduplicates it."""

    key: tuple[str, float, float]  # unit and the two values, smaller first
    sim: float
    note: Note


def numeric_pairs(story: Story) -> tuple[list[NumericPair], list[Note]]:
    pairs: list[NumericPair] = []
    candidates: list[_Candidate] = []
    counted = [i for i in range(len(story)) if _counts(story, i)]
    for a, i in enumerate(counted):
        for j in counted[a + 1:]:
            if story.origin(i) == story.origin(j):
                continue
            found, note = _compare(story, i, j)
            pairs += found
            if note is not None:
                candidates.append(note)
    return pairs, _best_notes(candidates)


def _best_notes(candidates: list[_Candidate]) -> list[Note]:
    """One note per unit and value pair, the closest contexts first, at most MAX_NOTES."""
    best: dict[tuple[str, float, float], _Candidate] = {}
    for c in candidates:
        if c.key not in best or c.sim > best[c.key].sim:
            best[c.key] = c
    ranked = sorted(best.values(), key=lambda c: -c.sim)
    return [c.note for c in ranked[:MAX_NOTES]]


def _counts(story: Story, i: int) -> bool:
    """Holds a count of something, stated as fact (a speculation cannot contradict)."""
    if story.claims[i].stance == "hedge":
        return False
    return any(q.unit not in _NOT_COUNTS for q in story.claims[i].quantities)


def _compare(story: Story, i: int, j: int) -> tuple[list[NumericPair], _Candidate | None]:
    rivals = _rival_quantities(story, i, j)
    if not rivals:
        return [], None
    sim = story.sim(i, j) / story.space.same_fact
    if sim < MISMATCH_CONTEXT:
        return [], None
    differ = _when_differs(story, i, j)
    if differ is None and rivals[0][0] in _MEASURES:
        differ = _measure_reason(rivals[0][1])
    if differ is None and sim >= NUMERIC_CONTEXT:
        return [NumericPair(u, i, j, qa, qb) for u, qa, qb in rivals], None
    unit, qa, qb = rivals[0]
    reason = differ or "the sentences describe it differently"
    text = (f"{_pair_text(qa, qb)}: possibly different things ({reason}); "
            "not reported as a conflict")
    note = Note("possible-mismatch", text, [story.citation(i), story.citation(j)])
    low, high = sorted((qa.value, qb.value))
    return [], _Candidate((unit, low, high), sim, note)


def _measure_reason(q: Quantity) -> str:
    """Why two measures may both be right: what they measure is rarely stated alike."""
    if _is_money(q):
        return "amounts of money often refer to different things"
    if q.unit in _SPEEDS:
        return "speeds often belong to different things"
    return "distances and weights depend on the point of reference"


def _is_money(q: Quantity) -> bool:
    return q.unit in _MONEY or bool(_CURRENCY.search(q.text))


def _rival_quantities(story: Story, i: int, j: int) -> list[tuple[str, Quantity, Quantity]]:
    """Same counted noun, values that cannot both be true as stated.

    Compared per noun as sets: "21 of the 45 seats" in both sentences is agreement even
    though 21 ≠ 45; only when no value of one sentence is repeated by the other do they
    disagree.
    """
    out = []
    left, right = story.claims[i].quantities, story.claims[j].quantities
    for unit in dict.fromkeys(q.unit for q in left):
        if unit in _NOT_COUNTS:
            continue
        # "one of its missions" singles a thing out; it does not count them.
        mine = [q for q in left if q.unit == unit and q.value != 1]
        theirs = [q for q in right if q.unit == unit and q.value != 1]
        if not mine or not theirs or {q.value for q in mine} & {q.value for q in theirs}:
            continue
        if _rivals(story, (i, mine[0]), (j, theirs[0])):
            out.append((unit, mine[0], theirs[0]))
    return out or _rival_people(story, i, j)


def _rivals(story: Story, a: tuple[int, Quantity], b: tuple[int, Quantity], *,
            b_contains_a: bool = False) -> bool:
    """Can the two counts not both be true, told of the same thing?"""
    (i, qa), (j, qb) = a, b
    if _restated(story, qa, j) or _restated(story, qb, i):
        return False  # the other sentence has the number too, counted under another noun
    return (not _both_possible(qa, qb, b_contains_a=b_contains_a)
            and _same_local_context(story, i, qa, j, qb))


def _rival_people(story: Story, i: int, j: int) -> list[tuple[str, Quantity, Quantity]]:
    """"at least nine activists were arrested" against "eight people were arrested": the
    activists are among the people, so fewer people contradicts. More people does not (the
    others may be no activists), nor are two kinds of people ("activists", "police
    officers") compared. Only when neither sentence counts the other's noun: then each
    would be compared noun by noun instead."""
    left, right = story.claims[i].quantities, story.claims[j].quantities
    units_left, units_right = {q.unit for q in left}, {q.unit for q in right}
    for general, part, flipped in ((right, left, False), (left, right, True)):
        wide = [q for q in general if q.unit in lx.ANY_PEOPLE and q.value != 1]
        narrow = [q for q in part if q.unit in lx.PEOPLE_NOUNS and q.value != 1]
        if not wide or not narrow or units_left & units_right & (lx.ANY_PEOPLE | lx.PEOPLE_NOUNS):
            continue
        qn, qw = narrow[0], wide[0]
        n_at, w_at = (j, i) if flipped else (i, j)
        if _rivals(story, (n_at, qn), (w_at, qw), b_contains_a=True):
            unit = f"{qn.unit} / {qw.unit}"
            return [(unit, qw, qn) if flipped else (unit, qn, qw)]
    return []


def _restated(story: Story, q: Quantity, j: int) -> bool:
    """Does sentence ``j`` state ``q``'s value too (within 5%: "$15.99" ~ "$16")?

    A match counted under another real noun of the story ("three firefighters" against
    "three people") is a different count and does not count as a restatement, nor is a
    numbered label ("No. 5", a nickname) a statement of five.
    """
    claim = story.claims[j]
    for token in numbers(without_labels(_without_dates(claim))):
        try:
            value = float(token)
        except ValueError:
            continue
        if abs(value - q.value) > 0.05 * max(abs(q.value), 1.0):
            continue
        units = {x.unit for x in claim.quantities if abs(x.value - value) < 1e-9}
        if not units or units & {q.unit, ""} or not units & story_units(story):
            return True
    return False


def _without_dates(claim: Claim, *, days_only: bool = False) -> str:
    """The sentence with its dates blanked: the 3 of "May 3" restates no count of three."""
    text = claim.sentence.text
    for d in claim.dates:
        if not days_only or d.granularity == "day":
            text = text[:d.start] + " " * (d.end - d.start) + text[d.end:]
    return text


def story_units(story: Story) -> set[str]:
    """Nouns the story counts in more than one sentence."""
    seen: dict[str, int] = {}
    for claim in story.claims:
        for unit in {q.unit for q in claim.quantities}:
            seen[unit] = seen.get(unit, 0) + 1
    return {u for u, n in seen.items() if n > 1 and u}


def _local(story: Story, i: int, q: Quantity) -> set[str]:
    text = story.text(i)
    return content_set(text[max(q.start - LOCAL_WINDOW, 0): q.end + LOCAL_WINDOW])


def _same_local_context(story: Story, i: int, qa: Quantity, j: int, qb: Quantity) -> bool:
    """The words around both numbers share something besides the counted noun ("people
    were injured" / "people were treated for injuries"; not "offering $1m" / "seeking
    $972,814 in costs")."""
    unit = {qa.unit[:5]}
    return bool((_local(story, i, qa) - unit) & (_local(story, j, qb) - unit))


def _both_possible(a: Quantity, b: Quantity, *, b_contains_a: bool = False) -> bool:
    """"at least 4" and "5", "about 40" and "42": not a contradiction; "at least 9" and
    "8" is one.

    With ``b_contains_a``, ``b`` counts a wider group that ``a``'s group belongs to (nine
    activists among the people arrested): only a ``b`` smaller than ``a`` contradicts.
    """
    (a_low, a_high), (b_low, b_high) = _bounds(a), _bounds(b)
    if b_contains_a:
        return a_low <= b_high
    return a_low <= b_high and b_low <= a_high


def _bounds(q: Quantity) -> tuple[float, float]:
    """The values ``q`` allows, from its qualifier; an odd one ("as few as") allows any."""
    if q.qualifier is None or q.qualifier in EXACT:
        return q.value, q.value
    if q.qualifier in LOWER_BOUNDS:
        return q.value, float("inf")
    if q.qualifier in UPPER_BOUNDS:
        return 0.0, q.value
    if q.qualifier in APPROX:
        return q.value * (1 - APPROX_SHARE), q.value / (1 - APPROX_SHARE)
    return 0.0, float("inf")


def _when_differs(story: Story, i: int, j: int) -> str | None:
    """Why the two sentences may be about different moments, or None if they are not."""
    da, db = story.day_dates(i), story.day_dates(j)
    if da != db or _unresolved_days(story, i) != _unresolved_days(story, j):
        return "different or missing dates"
    ca, cb = _coarse_dates(story, i), _coarse_dates(story, j)
    if ca and cb and not ca & cb:
        return "different years or months"
    if ca != cb:  # only one names it: the other may or may not mean the same period
        return "a year or month named by one sentence only"
    ta, tb = _times_of_day(story.text(i)), _times_of_day(story.text(j))
    if ta != tb:
        return "different times of day"
    if _spans(story.text(i)) != _spans(story.text(j)):
        return "different time spans (a running total is not a single day's count)"
    if _different_people(story, i, j):
        return "about different people"
    return None


def _different_people(story: Story, i: int, j: int) -> bool:
    """Both sentences name people, and none in common: "A is charged with two counts" and
    "B is charged with four counts" count different people's charges."""
    def people(k: int) -> set[str]:
        return {e.text.lower() for e in story.claims[k].entities if e.label == "PERSON"}

    def same(a: str, b: str) -> bool:  # "Hunt" is "Ada Hunt"; "Bo Hunt" is not "Ada Hunt"
        return a == b or a.endswith(" " + b) or b.endswith(" " + a)

    mine, theirs = people(i), people(j)
    return bool(mine) and bool(theirs) and not any(same(a, b) for a in mine for b in theirs)


# Phrases that make a number a running total or a count over a period.
_SPAN = re.compile(
    r"\b(?:since|so far|to date|in total|in all|altogether|cumulative|this (?:year|week|month)|"
    r"over (?:the )?(?:past|last|two|three|four|five|several|\d+) \w+|"
    r"(?:a|per|each) (?:day|week|month|year)|daily|weekly|annually)\b",
    re.IGNORECASE,
)


_SINCE = re.compile(r"\bsince\s+((?:the\s+)?\w+)", re.IGNORECASE)


def _spans(text: str) -> set[str]:
    """Span words, with the start of a "since" span: "since midweek" and "since the
    conflict began" are running totals from different points."""
    found = {m.lower().split()[0] for m in _SPAN.findall(text)} - {"since"}
    return found | {"since " + m.lower() for m in _SINCE.findall(text)}


def _unresolved_days(story: Story, i: int) -> set[str]:
    """Days the date resolver left alone ("October 1", "on Friday" in an undated article):
    a day named by one sentence only may be another day than the other sentence's."""
    text = _without_dates(story.claims[i], days_only=True)
    days = {" ".join(m.lower().split()) for m in _DAY_OF_MONTH.findall(text)}
    return days | {m.lower() for m in _WEEKDAY.findall(text)}


def _coarse_dates(story: Story, i: int) -> set[str]:
    """Years, months and week/month/year-level dates: "121 cases in 2014" is not "50 cases
    as of August 2016"."""
    claim = story.claims[i]
    found = {d.iso for d in claim.dates if d.granularity != "day"}
    # A day ("since October 1", resolved or not) is compared as a day, not as a month.
    text = _DAY_OF_MONTH.sub(" ", _without_dates(claim, days_only=True))
    found |= set(_YEAR.findall(text)) | {m.lower() for m in _MONTH.findall(text)}
    return found


def _times_of_day(text: str) -> set[str]:
    found = re.findall(r"[a-z]+", text.lower())
    return {_TIME_OF_DAY[w] for w in found if w in _TIME_OF_DAY}


def _value(q: Quantity) -> str:
    """The number as a reader writes it: "about 1,200", "$8.2 billion" (not 8199999999.99)."""
    symbol = _CURRENCY.search(q.text)
    number = (symbol.group(0) if symbol else "") + _number(q.value)
    return f"{q.qualifier} {number}" if q.qualifier else number


def _stated(q: Quantity) -> str:
    """The value with its unit, unless a currency sign already says it: "12 people", "$5"."""
    return _value(q) if _CURRENCY.search(q.text) else f"{_value(q)} {q.unit}"


def _pair_text(qa: Quantity, qb: Quantity) -> str:
    if _CURRENCY.search(qa.text) and _CURRENCY.search(qb.text):
        return f"{_value(qa)} vs {_value(qb)}"
    if qa.unit != qb.unit:  # a part against the whole: "at least 9 activists vs 8 people"
        return f"{_value(qa)} {qa.unit} vs {_value(qb)} {qb.unit}"
    return f"{_value(qa)} vs {_value(qb)} {qa.unit}"


def _number(value: float) -> str:
    """Millions and billions in words, thousands separated, at most three decimals."""
    for scale, word in ((1e9, " billion"), (1e6, " million")):
        if abs(value) >= scale:
            return _plain(value / scale) + word
    return _plain(value)


def _plain(value: float) -> str:
    rounded = round(value, 3)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.3f}".rstrip("0").rstrip(".")


def merge_numeric(story: Story, pairs: list[NumericPair]) -> list[Conflict]:
    """One conflict per pair of sentence sets; units of one sentence pair share it."""
    by_sentences: dict[frozenset[int], list[NumericPair]] = defaultdict(list)
    for p in pairs:
        by_sentences[frozenset((p.left, p.right))].append(p)
    conflicts = []
    for found in by_sentences.values():
        first = found[0]
        units = list(dict.fromkeys(p.unit for p in found))
        sides = []
        for index, pick in ((first.left, "left"), (first.right, "right")):
            values = [p.left_value if pick == "left" else p.right_value for p in found]
            value = "; ".join(_stated(q) for q in values)
            backing = _backing(story, index, {(q.value, q.unit) for q in values})
            sides.append(Side(value, _sources(story, backing), _citations(story, backing),
                              story.claims[index].speaker))
        conflicts.append(Conflict(f"how many {' / '.join(units)}", "numeric", sides))
    return _merge_shared_sides(conflicts)


def _merge_shared_sides(conflicts: list[Conflict]) -> list[Conflict]:
    """The same number stated by two sources in conflict with a third: one conflict."""
    out: list[Conflict] = []
    for c in conflicts:
        home = next((o for o in out if o.about == c.about and _share_side(o, c)), None)
        if home is None:
            out.append(c)
            continue
        for side in c.sides:
            same = next((s for s in home.sides if s.value == side.value), None)
            if same is None:
                home.sides.append(side)
            else:
                _absorb(same, side)
    return out


def _share_side(a: Conflict, b: Conflict) -> bool:
    return any(sa.value == sb.value and set(sa.sources) & set(sb.sources)
               for sa in a.sides for sb in b.sides)


def _absorb(into: Side, other: Side) -> None:
    for source in other.sources:
        if source not in into.sources:
            into.sources.append(source)
    for cite in other.citations:
        if cite not in into.citations:
            into.citations.append(cite)


def _backing(story: Story, i: int, stated: set[tuple[float, str]] | None = None) -> list[int]:
    """Sentence ``i`` and the members of its fact that state the same counts: a vaguer
    paraphrase ("several people") supports neither number."""
    out = [i]
    for k in story.members(story.fact[i]):
        counts = {(q.value, q.unit) for q in story.claims[k].quantities}
        if k != i and (stated is None or stated <= counts):
            out.append(k)
    return out


def _sources(story: Story, indices: list[int]) -> list[str]:
    return list(dict.fromkeys(story.source(k) for k in indices))


def _citations(story: Story, indices: list[int]) -> list[Citation]:
    return [story.citation(k) for k in indices]


# --- confirmation ----------------------------------------------------------------------


def confirms(story: Story, i: int) -> bool:
    """Sentence ``i`` says something is (or someone has) confirmed — unconditionally."""
    claim = story.claims[i]
    text = claim.sentence.text
    if _NEGATED_CONFIRM.search(text) or _CONDITIONAL.search(text):
        return False
    if claim.stance == "confirm":
        return True
    if claim.stance != "assert" or _NEGATED.search(text) or _CONDITIONAL.search(text):
        return False
    return bool(_CONFIRMED.search(text))


def confirmation_conflicts(story: Story) -> list[Conflict]:
    """One source: X confirmed it; another: X (or nobody) has not confirmed it."""
    yes = [i for i in range(len(story)) if confirms(story, i)]
    no = [i for i in range(len(story)) if story.claims[i].stance == "not-confirmed"
          and not _REFUSAL.search(story.text(i))]
    conflicts: list[Conflict] = []
    for i in yes:
        against = [j for j in no if story.origin(j) != story.origin(i)
                   and _same_subject(story, i, j)]
        if not against:
            continue
        sides = [
            Side("confirmed", [story.source(i)], [story.citation(i)], _party(story, i)),
            Side("not confirmed", _sources(story, against), _citations(story, against),
                 _party(story, against[0])),
        ]
        conflicts.append(Conflict(f"whether it is confirmed: {_gist(story, _object(story, i))}",
                                  "confirmation", sides))
    return conflicts


def _party(story: Story, i: int) -> str | None:
    claim = story.claims[i]
    if claim.speaker:
        return claim.speaker
    for k in range(i - 1, max(i - 3, -1), -1):  # a quote's speaker named just before
        if story.doc(k) == story.doc(i) and story.claims[k].speaker:
            return story.claims[k].speaker
    return None


def _window(story: Story, i: int) -> str:
    """The confirming sentence, plus what "That is confirmed" points back to."""
    text = story.text(i)
    # A quote ("... That is confirmed," the chief said) elaborates the sentence before it.
    if not (_ANAPHOR_START.match(text) or _QUOTE_START.match(text)):
        return text
    before = [story.text(k) for k in (i - 2, i - 1) if k >= 0 and story.doc(k) == story.doc(i)]
    return " ".join([*before, text])


def _same_subject(story: Story, i: int, j: int) -> bool:
    """The same party: the not-confirmed sentence names the confirmer, or it speaks of
    officialdom in general ("officials have not confirmed") about the same object. Two
    different named parties (one confirms, another does not) are positions, not a conflict
    between sources."""
    speaker = (story.claims[i].speaker or "").lower()
    other = story.text(j).lower()
    party_words = [w for w in re.findall(r"[a-z]+", speaker) if len(w) > 3]
    if party_words and party_words[-1] in re.findall(r"[a-z]+", other):
        return True
    if not _GENERIC_SUBJECT.search(story.claims[j].content or story.text(j)) and not \
            _GENERIC_SUBJECT.search(story.text(j)):
        return False
    mine = content_set(_window(story, i)) - _CONFIRM_WORDS
    theirs = content_set(story.text(j)) - _CONFIRM_WORDS
    shared = mine & theirs
    return len(shared) >= 3 or (bool(theirs) and len(shared) / len(theirs) >= 0.5)


def _object(story: Story, i: int) -> int:
    """The sentence saying *what* is confirmed: the one before "That is confirmed"."""
    if _ANAPHOR_START.match(story.text(i)) and i > 0 and story.doc(i - 1) == story.doc(i):
        return i - 1
    return i


def _gist(story: Story, i: int) -> str:
    words = story.claims[i].content.split()
    return " ".join(words[:14]) + (" …" if len(words) > 14 else "")
