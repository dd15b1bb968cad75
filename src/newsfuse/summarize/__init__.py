"""Extractive multi-document summaries in which every sentence cites its sources.

``summarize(articles, words=200)`` drops junk documents, embeds every sentence, aligns
sentences that state the same fact across sources, scores candidates by cross-source support,
centrality and lead position, selects under a word budget with redundancy control (MMR),
and orders the result by source position. Each selected sentence cites itself and every
sentence of another source that says the same thing.
"""

from newsfuse.summarize.core import Summary, SummarySentence, summarize

__all__ = ["Summary", "SummarySentence", "summarize"]
