"""Timeline: dated events, one entry per day and event, merged over sources.

Dates come from the claims, resolved against each article's own publication date. Only
day-exact dates count. In an article with no date of its own, a relative date ("yesterday")
is left out unless it points to the same day whenever in the story's span the article
appeared (see :meth:`Story.day_dates`).
"""

from __future__ import annotations

from collections import defaultdict

from newsfuse.report.story import Story, told
from newsfuse.report.types import TimelineEntry
from newsfuse.summarize.core import points_back
from newsfuse.summarize.reading import event_days

MIN_WORDS = 6
MAX_PER_DAY = 8


def build_timeline(story: Story) -> list[TimelineEntry]:
    by_day: dict[str, list[int]] = defaultdict(list)
    for i in range(len(story)):
        text = story.text(i).strip()
        if len(text.split()) < MIN_WORDS or not told(story, i) or points_back(text):
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
    photo's date (see :func:`~newsfuse.summarize.reading.event_days`). Only the first:
    "ran from Jan. 24 to Oct. 2" is one event, and a sentence listed under two days reads
    as two.
    """
    trusted = story.day_dates(i, trusted=True)
    days = event_days(story.text(i), [d for d in story.claims[i].dates if d.iso in trusted])
    return days[0] if days else None


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
