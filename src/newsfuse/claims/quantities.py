"""Numbers in a sentence, in digits or words, with their qualifier and the noun they count.

"at least four missiles" → Quantity(4, unit="missiles", qualifier="at least"). Years,
day-of-month numbers and clock times are not quantities (the date extractor owns them).
"""

from __future__ import annotations

import re

from newsfuse.claims import lexicon
from newsfuse.claims.dates import MONTH_NAME
from newsfuse.claims.lexicon import words
from newsfuse.claims.types import Age, Quantity

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_WORD_NUM = (
    r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_SCALE_ALT = "|".join(_SCALES)
# U+201A, a comma that went through the wrong encoding ("150‚000"): still a thousands mark.
THOUSANDS_MARK = "\u201a"
_NUMBER = re.compile(
    r"(?<![\w.,$€£-])(?P<cur>[$€£])?(?P<num>\d{1,3}(?:[,‚]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?i:{_WORD_NUM}))(?![\w,.]\d)(?:\s+(?P<scale>(?i:{_SCALE_ALT})))?(?![\w])"
    r"(?P<pct>\s*%|\s+percent|\s+per\s+cent)?",
)
_QUALIFIER = re.compile(
    r"(?i:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|greater\s+than|over"
    r"|under|about|around|approximately|roughly|nearly|almost|up\s+to|some|as\s+many\s+as"
    r"|as\s+few\s+as|an\s+estimated|only|just|upwards\s+of|close\s+to))\s+$"
)
_OR_MORE = re.compile(r"^\s+or\s+(?:(?:possibly|perhaps|even|maybe)\s+)*more\b", re.I)
_UNIT_WORDS = {
    "percent", "feet", "foot", "miles", "mile", "km", "kilometres", "kilometers", "metres",
    "meters", "meter", "metre", "inches", "pounds", "kg", "kilograms", "tons", "tonnes",
    "years", "year", "months", "days", "hours", "minutes", "seconds", "weeks", "dollars",
    "euros", "degrees", "acres", "mph", "times",
}
# British and American spellings of one unit are one unit: "5,000 tonnes" = "5,000 tons".
_SPELLINGS = {"tonnes": "tons", "tonne": "ton", "metres": "meters", "metre": "meter",
              "kilometres": "kilometers", "kilometre": "kilometer", "litres": "liters",
              "litre": "liter"}
_STOP = words(
    """
    a an the of to in on at by for from with and or but as than that which who whom
    whose were was is are be been being have has had will would could should can may
    might must do does did not no it its their his her our they he she we this these
    those there here while when where after before since until during about into over
    under per each hit went fell came took made got left ran say says said struck remain
    remained overnight also already still just only more most less fewer so such if
    """
)
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
# "No. 5", "#9", "Number 10": a numbered label names one thing (a stepfather nicknamed
# "No. 5", the No. 2 official); it counts nothing. Not a lower-case "number": "of that
# number 40 were children" counts.
_LABEL_MARK = r"(?:\bNos?\b\.?|\bno\.|\bNumber\b|#)"
_LABEL_BEFORE = re.compile(_LABEL_MARK + r"\s*$")
_RATIO_BEFORE = re.compile(rf"\b(?:\d+|(?i:{_WORD_NUM}))\s+(?i:in|out\s+of)\s+$")
_LABELLED = re.compile(_LABEL_MARK + r"\s*(?P<num>\d+)\b")


def find_quantities(text: str) -> list[Quantity]:
    """Every counted number in ``text`` with its value, head noun and qualifier."""
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        if _skip(text, m, num):
            continue
        value = _value(num) * (_SCALES[m.group("scale").lower()] if m.group("scale") else 1)
        start, end = m.start(), m.end()
        qualifier = None
        q = _QUALIFIER.search(text[:start])
        if q:
            qualifier = re.sub(r"\s+", " ", q.group(0).strip().lower())
            start = q.start()
        more = _OR_MORE.match(text[end:])
        if more:
            qualifier = "or more"
            end += more.end()
        if m.group("pct"):
            unit = "percent"
        elif m.group("cur"):
            unit = _CURRENCY[m.group("cur")]
        else:
            unit = head_noun(text[end:])
        found.append(Quantity(value, text[start:end], unit, start, end, qualifier))
    return found


def _skip(text: str, m: re.Match[str], num: str) -> bool:
    before, after = text[: m.start()], text[m.end():]
    if re.fullmatch(r"(?:18|19|20)\d\d", num) and not m.group("pct"):
        return True  # a year, owned by the date extractor
    if re.search(rf"{MONTH_NAME}\s*$", before) or re.match(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?"
                                                        rf"{MONTH_NAME}(?!\w)", after):
        return True  # day of month
    if re.match(r"\s*(?::\d|[ap]\.?m\b|GMT|UTC|ET\b|o'clock)", after, re.I):
        return True  # clock time
    if _LABEL_BEFORE.search(before):
        return True  # a numbered label: "No. 5"
    if _RATIO_BEFORE.search(before):
        return True  # "one in seven patients" is a share, not a count of seven
    low = num.lower()
    if low == "one" and re.search(r"\b(?:no|any|every|each|the|this)\s+$",
                                  before, re.I):
        return True
    return low == "one" and bool(re.match(r"\s+(?:another|day|of\s+(?:them|those|these))",
                                          after, re.I))


def without_labels(text: str) -> str:
    """``text`` with the numbers of numbered labels blanked (same length, so offsets hold):
    "the No. 5 bus" states no five."""
    return _LABELLED.sub(lambda m: m.group(0)[: m.start("num") - m.start()]
                         + " " * len(m.group("num")), text)


def _value(num: str) -> float:
    if num[0].isdigit():
        return float(num.replace(",", "").replace(THOUSANDS_MARK, ""))
    total = 0.0
    for part in re.split(r"[- ]", num.lower()):
        total += _UNITS.get(part, 0)
    return total


# A word (allowing "U.S." and "1,200") with optional quotes around it, or one other character.
_TOKENS = re.compile(
    r"\s*[\"“”']?([A-Za-z0-9$](?:[\w'’-]|[.,](?=\w))*\.?)[\"“”']?(?=[\s,.;:!?)\"“”]|$)|(\S)"
)


def head_noun(tail: str) -> str:
    """The noun a number counts: "27 cruise missiles were" → "missiles"."""
    if m := re.match(r"-(year|month|week|day|hour|mile|foot|metre|meter)s?-old\b", tail):
        return f"{m.group(1)}-old"
    tail = re.sub(r"^-", " ", tail)
    words: list[tuple[str, str]] = _TOKENS.findall(tail)
    run: list[str] = []
    i = 0
    while i < len(words) and len(run) < 4:
        word, punct = words[i]
        if punct:
            break
        low = word.lower()
        if not run and low == "of" and i + 1 < len(words) and words[i + 1][0].lower() in {
            "the", "its", "their", "his", "her", "these", "those", "our", "them"
        }:
            i += 2
            continue
        if low in _UNIT_WORDS and not run:
            return _SPELLINGS.get(low, low)
        if low[0].isdigit() or low[0] == "$" or low in _UNITS:
            i += 1  # "four of the 27 boats": the count's own number, skip it
            continue
        # A sentence's last word keeps its full stop: "eight people arrested." ends on a
        # participle all the same.
        if low in _STOP or (run and low.rstrip(".").endswith(("ed", "ly"))):
            break
        run.append(word)
        i += 1
    if not run:
        return ""
    plural = [w for w in run if w.lower().endswith("s") and not w.lower().endswith("ss")
              and w[0].islower()]
    head = (plural[0] if plural else run[-1]).lower()
    head = head if "." in head[:-1] else head.rstrip(".")
    return _SPELLINGS.get(head, head)


# --- ages ------------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){0,3}"
_AGE_NOUN = lexicon.alternation(lexicon.AGE_NOUNS)
# "the 2-year-old boy", "a 34-year-old Kesby man", "34-year-old Ana Holt"
_AGE_BEFORE = re.compile(
    rf"\b(?P<num>\d{{1,3}}|(?i:{_WORD_NUM}))[- ]years?[- ]old\s+"
    rf"(?:(?P<noun>(?:[\w'’-]+\s+){{0,2}}?(?:{_AGE_NOUN}))\b|(?P<name>{_NAME}))"
)
# "the boy, 3,", "his daughter, aged 5,", "Ana Holt, 34,": an age set off by commas.
_AGE_AFTER = re.compile(
    rf"(?:\b(?i:the|a|an|his|her|their|its)\s+(?:[a-z'’-]+\s+)?(?P<noun>{_AGE_NOUN})"
    rf"|(?<![\w'’-])(?P<name>{_NAME})),\s+(?:aged\s+)?(?P<num>\d{{1,3}})\s*(?=[,;)]|and\b)"
)
# Capitalised words that open a date or a sentence, not a name: "Monday, 3, ..." is no age.
_NOT_NAME = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december the a an in on at but and
    however meanwhile
    """
)
MAX_AGE = 120


def find_ages(text: str) -> list[Age]:
    """Ages of people in ``text``, each with who it belongs to (a name or a noun)."""
    found = []
    for rx in (_AGE_BEFORE, _AGE_AFTER):
        for m in rx.finditer(text):
            value = int(_value(m.group("num")))
            who = _age_holder(m)
            if who and 0 < value <= MAX_AGE:
                found.append(Age(value, who, m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def _age_holder(m: re.Match[str]) -> str | None:
    """The noun ("boy") or name ("Ana Holt") an age belongs to; None for a date or a place
    word that only looks like a name."""
    if m.group("noun"):
        return m.group("noun").split()[-1].lower()
    name = m.group("name").split()
    if name[0].lower() in _NOT_NAME or any(w.lower() in _NOT_NAME for w in name):
        return None
    return " ".join(name)
