"""Small builders that keep tests short (as sumy's ``build_document``)."""

from __future__ import annotations

from newsfuse.models import Article
from newsfuse.pipeline import from_texts


def story(*texts: str) -> list[Article]:
    """Cleaned, sentence-split articles from plain texts (first line is the headline)."""
    return from_texts(list(texts), origin="test")
