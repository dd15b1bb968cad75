"""Publication dates: whatever a source gives (RFC 822, ISO, "October 8, 2015", a feed's
struct_time) becomes ``YYYY-MM-DD`` or None — never a guess from a vague phrase. When the
source also gives a time of day, :func:`normalise_datetime` keeps it as a UTC instant."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
# A clock time ("09:30", "9:30 AM"): without one a parser's midnight is invented, not given.
_HAS_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
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


@dataclass(frozen=True)
class _Found:
    """A parsed publication date; ``moment`` (aware, UTC) only when a time of day was given."""

    day: date
    moment: datetime | None = None


def normalise_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` for any common date shape, or None when there is no full date.

    A date needs day, month and year: "2015" or "October 2015" give None rather than an
    invented first-of-month. Relative phrases ("yesterday") give None because they depend
    on when the article was read, not when it was published. The date is the one the
    source states (``2024-03-05T23:30-05:00`` → ``2024-03-05``); epoch numbers and a feed's
    struct_time are UTC.
    """
    found = _parse(value)
    return found.day.isoformat() if found else None


def normalise_datetime(value: Any) -> str | None:
    """A UTC instant ``YYYY-MM-DDTHH:MM:SSZ`` when ``value`` gives a time of day, else None.

    Takes what :func:`normalise_date` takes. A datetime or string with a zone is converted
    to UTC; one without a zone (naive datetime, ``2024-03-05T09:30``, "March 5, 2024
    9:30 AM") is taken to be UTC already, as there is nothing better to go on. Epoch
    seconds or milliseconds are instants. A ``time.struct_time`` is read as feedparser
    gives it (UTC) — feedparser fills in midnight for a bare date, so a caller that cares
    checks the raw string has a clock time. A bare date gives None: midnight is never
    invented here.
    """
    found = _parse(value)
    if found is None or found.moment is None:
        return None
    return found.moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def has_clock_time(text: Any) -> bool:
    """Whether a raw date string states a time of day (``09:30``), not just a date."""
    return isinstance(text, str) and _HAS_TIME.search(text) is not None


def _parse(value: Any) -> _Found | None:
    if value is None or isinstance(value, bool):
        return None
    found: _Found | None
    if isinstance(value, datetime):
        found = _Found(value.date(), _utc(value))
    elif isinstance(value, date):
        found = _Found(value)
    elif isinstance(value, time.struct_time):
        found = _from_struct(value)
    elif isinstance(value, int | float):
        found = _from_epoch(float(value))
    else:
        found = _from_string(str(value))
    return found if found and _plausible(found.day) else None


def find_dateline(text: str) -> str | None:
    """A standalone dateline line near the top ("October 8, 2015") that parses to a date.

    The line itself is returned so the caller can take both the date
    (:func:`normalise_date`) and, when it states a clock time, the moment.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_DATELINE_SCAN]:
        if _is_dateline(line) and normalise_date(line):
            return line
    return None


def _is_dateline(line: str) -> bool:
    if len(line) > _MAX_DATELINE or not _HAS_YEAR.search(line):
        return False
    if not _HAS_MONTH_OR_NUMERIC.search(line):
        return False
    words = re.findall(r"[a-z]+", line.lower())
    return all(word in _DATELINE_WORDS for word in words)


@lru_cache(maxsize=4096)
def _from_string(text: str) -> _Found | None:
    # Cached: readers ask for the date and the date-time of the same string, and a
    # dateparser call costs milliseconds.
    text = text.strip()
    if not text or len(text) > 100:
        return None
    timed = has_clock_time(text)
    iso = _ISO.match(text)
    if iso:
        day = _safe_date(*(int(part) for part in iso.groups()))
        return _Found(day, _iso_moment(text) if timed else None) if day else None
    from email.utils import parsedate_to_datetime  # lazy: ~15 ms of start-up otherwise

    stamp: datetime | None
    try:
        stamp = parsedate_to_datetime(text)  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        stamp = _dateparser(text)
    if stamp is None:
        return None
    return _Found(stamp.date(), _utc(stamp) if timed else None)


def _iso_moment(text: str) -> datetime | None:
    try:
        return _utc(datetime.fromisoformat(text))
    except ValueError:  # "2024-3-5 9:30 UTC": the date stands, the time is not trusted
        return None


def _dateparser(text: str) -> datetime | None:
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
    return parsed if isinstance(parsed, datetime) else None


def _from_struct(value: time.struct_time) -> _Found | None:
    day = _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if day is None:
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except ValueError:  # a leap second (tm_sec 60) or an out-of-range hour
        moment = None
    return _Found(day, moment)


def _from_epoch(seconds: float) -> _Found | None:
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    if seconds < 1e8:  # a small number (a year, a count) is not a timestamp
        return None
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _Found(moment.date(), moment)


def _utc(stamp: datetime) -> datetime | None:
    """``stamp`` as an aware UTC datetime; a naive one is taken to be UTC already."""
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        return stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed past the calendar's edge
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plausible(found: date) -> bool:
    # Years outside this range are parse accidents (a bare number read as a year).
    return 1800 <= found.year <= date.today().year + 1
