"""Timeline: dated events, one entry per day and event, merged over sources.

Dates come from the claims, resolved against each article's own publication date. Only
day-exact dates count. In an article with no date of its own, a relative date ("yesterday")
is left out unless it points to the same day whenever in the story's span the article
appeared (see :meth:`Story.day_dates`).
"""

from __future__ import annotations

from collections import defaultdict

from newsfuse.report.story import Story
from newsfuse.report.types import TimelineEntry

MIN_WORDS = 6
MAX_PER_DAY = 8


def build_timeline(story: Story) -> list[TimelineEntry]:
    by_day: dict[str, list[int]] = defaultdict(list)
    for i in range(len(story)):
        if len(story.text(i).split()) < MIN_WORDS:
            continue
        for day in story.day_dates(i, trusted=True):
            by_day[day].append(i)
    entries: list[TimelineEntry] = []
    for day in sorted(by_day):
        for event in _events(story, by_day[day])[:MAX_PER_DAY]:
            entries.append(_entry(story, day, event))
    return entries


def _events(story: Story, indices: list[int]) -> list[list[int]]:
    """Sentences of one day grouped by fact (the same event told by several sources)."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in indices:
        groups[story.fact[i]].append(i)
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
