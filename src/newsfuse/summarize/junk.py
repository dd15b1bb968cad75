"""Recognise documents that are not news text (archive notices, error pages, player chrome).

A cluster scraped from the web often holds such a page in place of an article; summarising
it would put "JavaScript is disabled" into a news summary. A document is junk when most of
its sentences are web boilerplate, or when it is tiny and shares nothing with the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.models import Article

# Vocabulary of web/page chrome, not of any story: browsers, archives, players, errors.
_BOILERPLATE = re.compile(
    r"javascript|cookies?\b|your browser|page (?:you requested )?(?:was )?not found|"
    r"\b404\b|wayback machine|internet archive|crawl data|web crawl|"
    r"transcript could not be loaded|video (?:is )?(?:not )?available|"
    r"please try again later|\bsign in\b|\blog in to\b|subscribe to (?:read|continue)|"
    r"enable (?:js|scripts)|access denied|click here to go",
    re.IGNORECASE,
)

MIN_WORDS = 40


@dataclass(frozen=True)
class Dropped:
    """A document left out of the summary, and why (shown to users)."""

    source: str
    reason: str


def junk_reason(article: Article) -> str | None:
    """Why ``article`` is not summarisable news text, or None when it is."""
    sentences = article.sentences
    if not sentences:
        return "no sentences after cleaning"
    boiler = sum(1 for s in sentences if _BOILERPLATE.search(s.text))
    if boiler / len(sentences) >= 0.5:
        return "web page chrome (archive notice, error page or player text), not an article"
    if len(article.text.split()) < 8:
        return "too short to be an article"
    return None


def short(article: Article) -> bool:
    """Short documents are dropped only when nothing else in the cluster supports them."""
    return len(article.text.split()) < MIN_WORDS
