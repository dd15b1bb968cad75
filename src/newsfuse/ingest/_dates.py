"""Publication dates: whatever a source gives (RFC 822, ISO, "October 8, 2015", a feed's
struct_time) becomes ``YYYY-MM-DD`` or None — never a guess from a vague phrase."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from typing import Any

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_HAS_MONTH_OR_NUMERIC = re.compile(
    rf"\b{_MONTH}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\b", re.I
)
# Words a standalone dateline may contain besides numbers: weekdays, months, time-of-day
# and zone abbreviations, and the labels sites put in front ("Published on", "Updated:").
_DATELINE_VOCAB = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december mon monday tue tues tuesday wed "
    "wednesday thu thur thurs thursday fri friday sat saturday sun sunday st nd rd th at on "
    "am pm a m p gmt utc et est edt ct cst cdt pt pst pdt bst cet cest ist aest z t "
    "published updated posted date first last modified"
)
_DATELINE_WORDS = frozenset(_DATELINE_VOCAB.split())
# Labels dateparser does not understand: "Posted at 11:43 AM on Nov. 24, 2010".
_LABELS = re.compile(
    r"\b(?:(?:first|last)\s+)?(?:published|updated|posted|modified|date)\b|\b(?:at|on)\b", re.I
)
_OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
_MAX_DATELINE = 60
_DATELINE_SCAN = 10  # a dateline sits near the top; deeper dates are about events


def normalise_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` for any common date shape, or None when there is no full date.

    A date needs day, month and year: "2015" or "October 2015" give None rather than an
    invented first-of-month. Relative phrases ("yesterday") give None because they depend
    on when the article was read, not when it was published.
    """
    if value is None or isinstance(value, bool):
        return None
    found: date | None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, time.struct_time):
        found = _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    elif isinstance(value, int | float):
        found = _from_epoch(float(value))
    else:
        found = _from_string(str(value))
    return found.isoformat() if found and _plausible(found) else None


def find_dateline(text: str) -> str | None:
    """The date of a standalone dateline line near the top ("October 8, 2015"), if any."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_DATELINE_SCAN]:
        if _is_dateline(line):
            found = normalise_date(line)
            if found:
                return found
    return None


def _is_dateline(line: str) -> bool:
    if len(line) > _MAX_DATELINE or not _HAS_YEAR.search(line):
        return False
    if not _HAS_MONTH_OR_NUMERIC.search(line):
        return False
    words = re.findall(r"[a-z]+", line.lower())
    return all(word in _DATELINE_WORDS for word in words)


def _from_string(text: str) -> date | None:
    text = text.strip()
    if not text or len(text) > 100:
        return None
    iso = _ISO.match(text)
    if iso:
        return _safe_date(*(int(part) for part in iso.groups()))
    from email.utils import parsedate_to_datetime  # lazy: ~15 ms of start-up otherwise

    try:
        return parsedate_to_datetime(text).date()  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


def _dateparser(text: str) -> date | None:
    import dateparser  # lazy: importing it costs ~0.1 s of CLI start-up

    settings = {
        # No "relative-time": "2 hours ago" is not a publication date we can stand behind.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    text = _LABELS.sub(" ", text).strip(" :,")
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None and _HAS_YEAR.search(text):
        # "8. Oktober 2015": a fixed list, because dateparser's language auto-detection
        # loads a model for seconds on first use.
        parsed = dateparser.parse(text, languages=list(_OTHER_LANGUAGES), settings=settings)
    return parsed.date() if parsed else None


def _from_epoch(seconds: float) -> date | None:
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    if seconds < 1e8:  # a small number (a year, a count) is not a timestamp
        return None
    try:
        return datetime.fromtimestamp(seconds).date()
    except (OverflowError, OSError, ValueError):
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plausible(found: date) -> bool:
    # Years outside this range are parse accidents (a bare number read as a year).
    return 1800 <= found.year <= date.today().year + 1
