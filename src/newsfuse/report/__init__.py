"""Cross-source analysis of one story: ``newsfuse analyze``.

::

    from newsfuse.pipeline import read
    from newsfuse.report import analyze, to_markdown, to_html
    report = analyze(read(paths).articles)
    report.conflicts, report.disputes, report.timeline
    print(to_markdown(report))

:func:`analyze` returns a :class:`Report` (``to_dict()`` is the JSON published as
``newsfuse/schemas/report.schema.json``); every finding cites exact source sentences.
"""

from newsfuse.report.core import analyze
from newsfuse.report.render import to_html, to_markdown
from newsfuse.report.types import (
    Conflict,
    Dispute,
    Note,
    Party,
    Report,
    ReportClaim,
    Side,
    SourceInfo,
    SummaryItem,
    TimelineEntry,
    UniqueFacts,
)

__all__ = [
    "Conflict",
    "Dispute",
    "Note",
    "Party",
    "Report",
    "ReportClaim",
    "Side",
    "SourceInfo",
    "SummaryItem",
    "TimelineEntry",
    "UniqueFacts",
    "analyze",
    "to_html",
    "to_markdown",
]
