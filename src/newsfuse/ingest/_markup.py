"""HTML fragments (feed summaries and content) to plain text with paragraph breaks.

Feed snippets are a few paragraphs of trusted-shape markup; the standard library parser is
enough and, unlike a full extractor, never discards a short snippet as "not an article".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = (
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header "
    "footer figure figcaption hr dd dt"
)
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset({"script", "style", "noscript", "template"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: one paragraph per block, blank lines between."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    paragraphs = re.split(r"\n\s*\n", "".join(collector.parts))
    lines = (" ".join(paragraph.split()) for paragraph in paragraphs)
    return "\n\n".join(line for line in lines if line)
