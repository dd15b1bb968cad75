"""Markdown and HTML renderings of a :class:`~newsfuse.report.types.Report`.

Sources are numbered [1], [2], … in input order and named by outlet (or title). Article
text is untrusted: Markdown control characters are escaped, and the HTML escapes every
piece of text and loads nothing from outside the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from newsfuse.models import Citation
from newsfuse.render import md_escape as _md
from newsfuse.report.types import Report, ReportClaim
from newsfuse.summarize.core import shown_text

_SECTIONS = ("Summary", "Agreed", "Disputed", "Conflicting", "Only in one source",
             "Timeline", "Notes", "Sources", "Left out")


def _marks(report: Report, sources: Iterable[str]) -> str:
    numbers = {s.id: s.number for s in report.sources}
    nums = sorted({numbers[s] for s in sources if s in numbers})
    return "[" + ",".join(str(n) for n in nums) + "]" if nums else ""


def _label(report: Report, source: str) -> str:
    info = report.source(source)
    return info.label if info is not None else source


def _cite_md(report: Report, c: Citation, sources: Iterable[str] = ()) -> str:
    """A quoted sentence with its marks: its own source, plus ``sources`` it stands for."""
    return f"“{_md(c.text)}” {_marks(report, [c.source, *sources])}"


def _dropped(report: Report) -> list[tuple[str, str, str]]:
    """(marks, outlet, reason) of every document left out: without them a reader sees only
    empty sections and cannot tell why a source says nothing."""
    return [(_marks(report, [d["source"]]), _label(report, d["source"]), d["reason"])
            for d in report.dropped]


# Shown after a summary sentence that takes a side in a conflict.
DIFFER = "sources differ: see Conflicting"


def agreed(report: Report) -> list[ReportClaim]:
    """The Agreed section (see :meth:`Report.agreed`)."""
    return report.agreed()


def to_markdown(report: Report) -> str:
    """The report as Markdown: Summary · Agreed · Disputed · Conflicting · Only in … ·
    Timeline · Notes · Sources (· Left out, when a document was dropped as junk)."""
    out = ["# Story analysis", ""]
    out += _md_section("Summary", [
        f"- {_md(s.text)} {_marks(report, [c.source for c in s.citations])}"
        + (f" *({DIFFER})*" if s.conflicts else "")
        for s in report.summary])
    out += _md_section("Agreed", [_md_claim(report, c) for c in agreed(report)])
    out += _md_section("Disputed", _md_disputes(report))
    out += _md_section("Conflicting", _md_conflicts(report))
    unique: list[str] = []
    for u in report.unique:
        unique.append(f"**Only in {_md(_label(report, u.source))} {_marks(report, [u.source])}**")
        unique += [_md_claim(report, c) for cid in u.claims if (c := report.claim(cid))]
        unique.append("")
    out += _md_section("Only in one source", unique)
    out += _md_section("Timeline", [
        f"- **{t.date}** {_md(shown_text(t.text))} {_marks(report, t.sources)}"
        for t in report.timeline])
    out += _md_section("Notes", [(f"- {_md(n.text)} " + " / ".join(
        _cite_md(report, c) for c in n.citations)).rstrip() for n in report.notes])
    out += _md_section("Sources", [f"[{s.number}] {_md(s.label)} · {s.published or 'no date'}"
                                   f" · {_md(s.origin)}  " for s in report.sources])
    if report.dropped:
        out += _md_section("Left out", [f"- {marks} {_md(label)}: {_md(reason)}"
                                        for marks, label, reason in _dropped(report)])
    return "\n".join(out).rstrip() + "\n"


def _md_section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *(lines or ["(none)"]), ""]


def _md_claim(report: Report, c: ReportClaim) -> str:
    who = f" — {_md(c.speaker)}" if c.speaker else ""
    via = f" (via {_md(', '.join(c.via))})" if c.via else ""
    return f"- {_md(shown_text(c.text))}{who}{via} {_marks(report, c.sources)}"


def _md_disputes(report: Report) -> list[str]:
    lines = []
    for d in report.disputes:
        lines.append(f"- **{_md(d.about)}**")
        for p in d.parties:
            # One set of marks: the quote's source and every other source of the side.
            lines.append(f"  - {_md(p.heading)}: {_cite_md(report, p.citations[0], p.sources)}")
    return lines


def _md_conflicts(report: Report) -> list[str]:
    lines = []
    for c in report.conflicts:
        lines.append(f"- **{_md(c.about)}** ({c.kind})")
        for side in c.sides:
            who = f" ({_md(side.party)})" if side.party else ""
            cites = " / ".join(_cite_md(report, x) for x in side.citations)
            lines.append(f"  - {_md(side.value)}{who}: {cites}")
    return lines


# --- HTML ------------------------------------------------------------------------------

_CSS = """body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
h2{border-bottom:1px solid #ccc}blockquote{margin:.2rem 0 .2rem 1rem;color:#333}
.src{color:#555;font-size:.9em}.status{font-size:.8em;padding:0 .3em;border:1px solid #999}"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _marks_html(report: Report, sources: Iterable[str]) -> str:
    return f'<span class="src">{_e(_marks(report, sources))}</span>'


def _cite_html(report: Report, c: Citation, sources: Iterable[str] = ()) -> str:
    return f"<blockquote>“{_e(c.text)}” {_marks_html(report, [c.source, *sources])}</blockquote>"


def to_html(report: Report) -> str:
    """A self-contained page (inline CSS, no scripts, no external assets)."""
    body = [
        _h_list("Summary", [f"{_e(s.text)} {_marks_html(report, [c.source for c in s.citations])}"
                            + (f" <i>({_e(DIFFER)})</i>" if s.conflicts else "")
                            for s in report.summary]),
        _h_list("Agreed", [_h_claim(report, c) for c in agreed(report)]),
        _h_list("Disputed", [_h_dispute(report, i) for i in range(len(report.disputes))]),
        _h_list("Conflicting", [_h_conflict(report, i) for i in range(len(report.conflicts))]),
        _h_unique(report),
        _h_list("Timeline", [
            f"<b>{_e(t.date)}</b> {_e(shown_text(t.text))} {_marks_html(report, t.sources)}"
            for t in report.timeline]),
        _h_list("Notes", [_e(n.text) + "".join(_cite_html(report, c) for c in n.citations)
                          for n in report.notes]),
        _h_list("Sources", [f"[{s.number}] {_e(s.label)} · {_e(s.published or 'no date')} · "
                            f"{_e(s.origin)}" for s in report.sources]),
    ]
    if report.dropped:
        body.append(_h_list("Left out", [f"{_e(marks)} {_e(label)}: {_e(reason)}"
                                         for marks, label, reason in _dropped(report)]))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\"><title>Story analysis</title>"
            f"<style>{_CSS}</style></head><body><h1>Story analysis</h1>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _h_list(title: str, items: list[str]) -> str:
    inner = "".join(f"<li>{i}</li>" for i in items) or "<li>(none)</li>"
    return f"<h2>{_e(title)}</h2><ul>{inner}</ul>"


def _h_claim(report: Report, c: ReportClaim) -> str:
    who = f" — {_e(c.speaker)}" if c.speaker else ""
    via = f" (via {_e(', '.join(c.via))})" if c.via else ""
    return f"{_e(shown_text(c.text))}{who}{via} {_marks_html(report, c.sources)}"


def _h_dispute(report: Report, n: int) -> str:
    d = report.disputes[n]
    parts = [f"<b>{_e(d.about)}</b><ul>"]
    for p in d.parties:
        parts.append(f"<li>{_e(p.heading)}{_cite_html(report, p.citations[0], p.sources)}</li>")
    return "".join(parts) + "</ul>"


def _h_conflict(report: Report, n: int) -> str:
    c = report.conflicts[n]
    parts = [f"<b>{_e(c.about)}</b> ({_e(c.kind)})<ul>"]
    for side in c.sides:
        who = f" ({_e(side.party)})" if side.party else ""
        cites = "".join(_cite_html(report, x) for x in side.citations)
        parts.append(f"<li>{_e(side.value)}{who}{cites}</li>")
    return "".join(parts) + "</ul>"


def _h_unique(report: Report) -> str:
    items = []
    for u in report.unique:
        facts = "".join(f"<li>{_h_claim(report, c)}</li>" for cid in u.claims
                        if (c := report.claim(cid)))
        items.append(f"Only in {_e(_label(report, u.source))} "
                     f"{_marks_html(report, [u.source])}<ul>{facts}</ul>")
    return _h_list("Only in one source", items)


__all__ = ["to_html", "to_markdown"]
