"""Dates in a sentence, resolved against the article's own publication date.

Small rules cover what news text uses most — weekday names, "yesterday", "this evening",
"last week", "7 October", "October 8, 2015", and "yesterday (7 October)" where the explicit
date wins. dateparser is only asked about month-name dates the rules cannot read (it is
~1,000x slower than a regex).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsfuse.claims.types import ResolvedDate

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Calendar names as news writes them ("Sept.", "Dec"), for every module that looks for dates.
MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October"
              r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = rf"(?P<m>{MONTH_NAME})"
_EXPLICIT = [
    re.compile(r"\b(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
               r"(?:,?\s+(?P<y>\d{4}))?(?![\w])"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y>\d{{4}}))?"
               r"(?![\w])"),
]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|this|next|on|earlier|late|early)\s+(?:on\s+)?)?"
    rf"(?P<day>{WEEKDAY_NAME})\b"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
)
_RELATIVE = re.compile(
    r"\b(?:(?P<dby>the\s+day\s+before\s+yesterday)|(?P<yday>yesterday)|(?P<tmrw>tomorrow)"
    r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<lastnight>last\s+night)"
    r"|(?P<span>(?:earlier\s+|later\s+)?(?:last|this|next)\s+(?:week|month|year))"
    r"|(?P<ago>(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
    r"(?P<u>days?|weeks?|months?|years?)\s+ago))\b",
    re.IGNORECASE,
)
# A weekday in a future-tense clause is the next one ("will reopen on Monday").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+due|are\s+due|plans?\s+to|planned\s+to|expected\s+to"
    r"|scheduled|set\s+to|until|till)\b[^.;]*$",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}


def parse_iso(value: str | None) -> date | None:
    """An article's ``published`` (``YYYY-MM-DD…``) as a date, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve_dates(text: str, base: date | None) -> list[ResolvedDate]:
    """Every date mention in ``text`` that can be resolved, in text order.

    ``base`` is the article's publication date; relative mentions ("Wednesday",
    "yesterday") are skipped when it is None. A relative mention directly followed by a
    parenthesised or comma-separated explicit date ("yesterday (7 October)") yields only
    the explicit date, with the text of both.
    """
    explicit = _explicit_dates(text, base)
    relative = _relative_dates(text, base) + _weekdays(text, base)
    out = list(explicit)
    for rel in relative:
        follower = next((e for e in explicit if _adjacent(text, rel.end, e.start)), None)
        if follower is not None:
            out.remove(follower)
            end = follower.end + (text[follower.end:follower.end + 1] == ")")
            out.append(ResolvedDate(follower.iso, text[rel.start:end], rel.start, end,
                                    follower.granularity, False))
        elif not any(e.start <= rel.start < e.end for e in explicit):
            out.append(rel)
    return sorted(out, key=lambda d: d.start)


def _adjacent(text: str, end: int, start: int) -> bool:
    return start >= end and re.fullmatch(r"\s*[(,]?\s*", text[end:start]) is not None


def _explicit_dates(text: str, base: date | None) -> list[ResolvedDate]:
    out: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = _explicit(m, base)
            if d is not None:
                taken.append((m.start(), m.end()))
                out.append(ResolvedDate(d.isoformat(), m.group(0), m.start(), m.end()))
    return out


def _explicit(m: re.Match[str], base: date | None) -> date | None:
    groups = m.groupdict()
    month = int(groups["mn"]) if groups.get("mn") else _MONTH_NUM[groups["m"][:3].lower()]
    if groups.get("m") == "May" and not groups.get("d"):
        return None
    day = int(groups["d"])
    if groups.get("y"):
        year = int(groups["y"])
    elif base is not None:
        year = base.year
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not groups.get("y") and base is not None and found > base + timedelta(days=60):
        found = found.replace(year=year - 1)  # "28 December" in a January article
    return found


def _weekdays(text: str, base: date | None) -> list[ResolvedDate]:
    if base is None:
        return []
    out = []
    for m in _WEEKDAY.finditer(text):
        target = _DAYS.index(m.group("day").lower())
        back = (base.weekday() - target) % 7
        rel = (m.group("rel") or "").lower()
        if rel == "next" or (rel != "last" and back and _FUTURE.search(text[: m.start()])):
            day = base + timedelta(days=(target - base.weekday()) % 7 or 7)
        elif rel == "last" and back == 0:
            day = base - timedelta(days=7)
        else:
            day = base - timedelta(days=back)
        out.append(ResolvedDate(day.isoformat(), m.group(0), m.start(), m.end(), "day", True))
    return out


def _relative_dates(text: str, base: date | None) -> list[ResolvedDate]:
    if base is None:
        return []
    out = []
    for m in _RELATIVE.finditer(text):
        day, gran = _relative(m, base)
        out.append(ResolvedDate(day.isoformat(), m.group(0), m.start(), m.end(), gran, True))
    return out


def _relative(m: re.Match[str], base: date) -> tuple[date, str]:
    if m.group("dby"):
        return base - timedelta(days=2), "day"
    if m.group("yday") or m.group("lastnight"):
        return base - timedelta(days=1), "day"
    if m.group("tmrw"):
        return base + timedelta(days=1), "day"
    if m.group("today"):
        return base, "day"
    if m.group("span"):
        words = m.group("span").lower().split()
        unit, which = words[-1], words[-2]
        sign = {"last": -1, "this": 0, "next": 1}[which]
        return _shift(base, unit, sign), unit
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _SMALL[n]
    unit = m.group("u").lower().rstrip("s")
    return _shift(base, unit, -count), unit if unit != "day" else "day"


def _shift(base: date, unit: str, n: int) -> date:
    if unit == "day":
        return base + timedelta(days=n)
    if unit == "week":
        return base + timedelta(weeks=n)
    if unit == "month":
        month0 = base.month - 1 + n
        return date(base.year + month0 // 12, month0 % 12 + 1, 1)
    return date(base.year + n, 1, 1)
