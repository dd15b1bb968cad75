"""Human-readable renderings (plain text and Markdown) of articles and summaries.

Sources are numbered [1], [2], … in input order; a summary sentence shows the numbers of every
source that backs it, so a reader sees at a glance that a fact rests on three outlets.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.models import Article
from newsfuse.summarize import Summary


def articles_text(articles: Sequence[Article], *, show_removed: bool = False) -> str:
    """One block per article: metadata, cleaned text, and optionally what was removed."""
    blocks = []
    for article in articles:
        head = [
            f"== {article.title or '(untitled)'}",
            f"   id {article.id} · {article.outlet or 'unknown outlet'} · "
            f"{article.published or 'no date'} · {article.language or '?'} · "
            f"{len(article.sentences)} sentences · {article.origin}",
        ]
        body = [article.text]
        if show_removed and article.removed:
            body.append("-- removed:")
            body += [f"   [{r.reason}] {r.line}" for r in article.removed]
        blocks.append("\n".join([*head, "", *body]))
    return "\n\n".join(blocks)


def source_numbers(articles: Sequence[Article]) -> dict[str, int]:
    return {a.id: n for n, a in enumerate(articles, 1)}


def _markers(numbers: dict[str, int], sources: Sequence[str]) -> str:
    nums = sorted({numbers[s] for s in sources if s in numbers})
    return "[" + ",".join(str(n) for n in nums) + "]"


def source_line(n: int, article: Article) -> str:
    parts = [article.outlet or "unknown outlet", article.published or "no date"]
    title = f"“{article.title}” " if article.title else ""
    return f"[{n}] {title}({', '.join(parts)}) {article.origin}"


def summary_text(summary: Summary) -> str:
    numbers = source_numbers(summary.sources)
    lines = [f"{s.text} {_markers(numbers, [c.source for c in s.citations])}"
             for s in summary.sentences]
    if not lines:
        lines = ["(nothing to summarise: no usable sentences in the input)"]
    lines += ["", "Sources:"] + [source_line(n, a) for a, n in
                                  zip(summary.sources, numbers.values(), strict=True)]
    lines += [f"dropped {d.source}: {d.reason}" for d in summary.dropped]
    return "\n".join(lines)


def summary_markdown(summary: Summary) -> str:
    numbers = source_numbers(summary.sources)
    out = ["## Summary", ""]
    for s in summary.sentences:
        out.append(f"- {md_escape(s.text)} {_markers(numbers, [c.source for c in s.citations])}")
    out += ["", "## Sources", ""]
    out += [f"{source_line(n, a)}  " for a, n in zip(summary.sources, numbers.values(),
                                                    strict=True)]
    if summary.dropped:
        out += ["", "## Left out", ""] + [f"- {d.source}: {d.reason}" for d in summary.dropped]
    return "\n".join(out)


def md_escape(text: str) -> str:
    """Untrusted article text made inert in Markdown: control characters escaped, and line
    breaks folded so a sentence cannot start a heading or list of its own."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")
