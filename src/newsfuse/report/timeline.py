"""Timeline: dated events, one entry per day and event, merged over sources.

Dates come from the claims, resolved against each article's own publication date. Only
day-exact dates count. In an article with no date of its own, a relative date ("yesterday")
is left out unless it points to the same day whenever in the story's span the article
appeared (see :meth:`Story.day_dates`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsfuse.claims.types import ResolvedDate
from newsfuse.report.story import Story, told
from newsfuse.report.types import TimelineEntry
from newsfuse.summarize.core import CAPTION_PLACING
from newsfuse.summarize.reading import caption_like

MIN_WORDS = 6
MAX_PER_DAY = 8
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
# Photo captions describe a picture, not what happened that day: "X is pictured with Y on
# Nov. 12", "This image provided by the jail shows X", "Jane Roe (2nd L) and ...". A line
# that opens on its date is a caption or the context line of a quote list ("July 31, 2013
# A woman waves ...", "18 August, 1988, during his acceptance speech"). A caption told in
# the present that ends on its date ("Crews battle a blaze in Tarn on Tuesday, March 4.")
# is :func:`caption_like`.
_CAPTION = re.compile(
    r"\b(?:is|are)\s+pictured\b|\bposes?\b|^(?i:this)\s+(?:\w+\s+)?(?:image|photo|picture)\b"
    rf"|{CAPTION_PLACING}"
    r"|^\W*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+)\d{4}\b"
)
# An event is told in a sentence (see story.told); one opening in lower case is a PDF
# column's fragment.
_LOWER_START = re.compile(r"^\W*[a-z]")


def build_timeline(story: Story) -> list[TimelineEntry]:
    by_day: dict[str, list[int]] = defaultdict(list)
    for i in range(len(story)):
        text = story.text(i).strip()
        if len(text.split()) < MIN_WORDS or not told(story, i) or _LOWER_START.match(text):
            continue
        day = event_day(story, i)
        if day is not None:
            by_day[day].append(i)
    entries: list[TimelineEntry] = []
    for day in sorted(by_day):
        for event in _events(story, by_day[day])[:MAX_PER_DAY]:
            entries.append(_entry(story, day, event))
    return entries


def event_day(story: Story, i: int) -> str | None:
    """The day sentence ``i`` dates an event to, or None.

    The first trusted day-exact date in the sentence that is not a plan, a birthday or a
    photo's date (see ``_CAPTION``). Only the first: "ran from Jan. 24 to Oct. 2" is one
    event, and a sentence listed under two days reads as two.
    """
    text = story.text(i)
    if _CAPTION.search(text) or caption_like(text):
        return None
    trusted = story.day_dates(i, trusted=True)
    dates = sorted((d for d in story.claims[i].dates if d.iso in trusted), key=lambda d: d.start)
    for found in dates:
        if not _background(text, found):
            return found.iso
    return None


# A date inside a relative clause dates that clause, not the sentence's event: "Residents,
# who were evacuated on Tuesday night, were allowed home in the afternoon."
_IN_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b[^,;]*$", re.IGNORECASE)


def _background(text: str, found: ResolvedDate) -> bool:
    before = text[:found.start]
    if _IN_RELATIVE_CLAUSE.search(before) and "," in text[found.end:]:
        return True
    if found.relative and _inside_quote(before):
        # "tonight" in a quote is the speaker's night, not the article's publication day.
        return True
    return bool(_NOT_YET.search(before) or _BORN.search(before))


def _inside_quote(before: str) -> bool:
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _events(story: Story, indices: list[int]) -> list[list[int]]:
    """Sentences of one day grouped by fact (the same event told by several sources)."""
    groups: dict[int, list[int]] = defaultdict(list)
    first_with_text: dict[str, int] = {}
    for i in indices:
        # A sentence a page repeats (in a caption and in the text) is one event.
        fact = story.fact[first_with_text.setdefault(story.text(i).strip(), i)]
        groups[fact].append(i)
    # Events reported by more sources first, then in text order.
    return sorted(groups.values(), key=lambda g: (-len({story.origin(i) for i in g}), g[0]))


def _entry(story: Story, day: str, event: list[int]) -> TimelineEntry:
    lead = min(event, key=lambda i: (len(story.text(i)) > 300, story.doc(i), i))
    return TimelineEntry(
        date=day,
        text=story.text(lead),
        sources=list(dict.fromkeys(story.source(i) for i in event)),
        citations=[story.citation(i) for i in event],
    )
