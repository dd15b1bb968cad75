"""The systems compared: newsfuse and the peers a user would otherwise pick.

Every system gets the same cleaned, sentence-split articles, so differences come from the
selection, not from cleaning or splitting. A system returns sentences; the runner cuts them
to the common word budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from newsfuse.bench.metrics import BENCH_EXTRA
from newsfuse.errors import BackendUnavailable, ConfigError
from newsfuse.models import Article

if TYPE_CHECKING:
    from newsfuse.llm import LLM

_WORD = re.compile(r"\w+")


class BenchSystem(Protocol):
    """A summarizer under test: articles in, sentences out (at least ``words`` words if it can)."""

    key: str
    label: str

    def __call__(self, articles: Sequence[Article], words: int) -> list[str]: ...


def round_robin(documents: Sequence[Sequence[str]]) -> list[str]:
    """First sentence of each document in turn, then each second sentence, and so on."""
    longest = max((len(d) for d in documents), default=0)
    return [d[i] for i in range(longest) for d in documents if i < len(d)]


@dataclass
class LeadBaseline:
    """Round-robin lead: news puts the key facts first, so this is a strong baseline."""

    key: str = "lead"
    label: str = "lead, round-robin"

    def __call__(self, articles: Sequence[Article], words: int) -> list[str]:
        return round_robin([[s.text for s in a.sentences] for a in articles])


class _RegexTokenizer:
    """sumy's tokenizer interface without NLTK punkt data (not installable offline).

    Sentences are never split by it: the document is built from newsfuse's sentences.
    """

    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from newsfuse.segment import split

        return tuple(s.text for s in split(paragraph, "sumy"))


def _sumy_document(articles: Sequence[Article]) -> Any:
    """One sumy paragraph per article, one sumy sentence per newsfuse sentence."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _RegexTokenizer()
    paragraphs = [
        Paragraph([Sentence(s.text, tokenizer) for s in a.sentences])
        for a in articles
        if a.sentences
    ]
    return ObjectDocumentModel(paragraphs)


def _word_budget(words: int) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A sumy sentence count that takes best-rated sentences until ``words`` words.

    sumy calls a callable count with the sentences sorted by rating (best first), so this
    picks exactly the top-ranked sentences that fill the budget; a fixed count would either
    fall short or, after sumy restores document order, let early sentences crowd out
    better-rated later ones at the cut.
    """

    def take(infos: Sequence[Any]) -> Sequence[Any]:
        total = 0
        for n, info in enumerate(infos):
            if total >= words:
                return infos[:n]
            total += len(str(info.sentence).split())
        return infos

    return take


_SUMY = {
    "lexrank": ("sumy LexRank", "sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy TextRank", "sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy LSA", "sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy Luhn", "sumy.summarizers.luhn", "LuhnSummarizer"),
}


class SumySystem:
    """A sumy summarizer with English Snowball stemming and sumy's own stop words."""

    def __init__(self, key: str) -> None:
        import importlib

        self.key = key
        self.label, module, cls = _SUMY[key]
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.utils import get_stop_words

            summarizer = getattr(importlib.import_module(module), cls)(Stemmer("english"))
        except ImportError as exc:
            raise BackendUnavailable(f"sumy is not installed: {BENCH_EXTRA}") from exc
        summarizer.stop_words = get_stop_words("english")
        self._summarizer = summarizer

    def __call__(self, articles: Sequence[Article], words: int) -> list[str]:
        picked = self._summarizer(_sumy_document(articles), _word_budget(words))
        return [str(s) for s in picked]


class NewsfuseSystem:
    """newsfuse's own summarizer, asked for the budget (then cut like everyone else)."""

    key = "newsfuse"
    label = "newsfuse"

    def __init__(self, embedder: str | None = None, key: str = "newsfuse",
                 llm: LLM | None = None) -> None:
        self.key = key
        try:
            from newsfuse.summarize import summarize
        except ImportError as exc:
            raise BackendUnavailable(f"newsfuse.summarize cannot be imported ({exc})") from exc
        self._summarize = summarize
        self._embedder = embedder
        self._llm = llm
        if key == "newsfuse-free":
            self.label = "newsfuse (no model)"
        elif llm is not None:
            self.label = "newsfuse + LLM shortening"
        elif embedder:
            self.label = f"newsfuse ({embedder})"

    def __call__(self, articles: Sequence[Article], words: int) -> list[str]:
        summary = self._summarize(articles, words, embedder=self._embedder, llm=self._llm)
        return [s.text for s in summary.sentences]


SYSTEM_KEYS: tuple[str, ...] = ("newsfuse", "newsfuse-free", "newsfuse-minilm", "newsfuse-llm",
                                "lead", *_SUMY)


def build_system(key: str, *, embedder: str | None = None, llm: LLM | None = None) -> BenchSystem:
    """The system named ``key`` (one of :data:`SYSTEM_KEYS`), ready to run.

    ``newsfuse-llm`` is newsfuse with the LLM shortening pass; it needs ``llm``.
    """
    if key == "newsfuse":
        return NewsfuseSystem(embedder)
    if key == "newsfuse-llm":
        if llm is None:
            raise BackendUnavailable("no LLM server given: run with --llm URL to include it")
        return NewsfuseSystem(embedder, key, llm)
    if key == "newsfuse-free":
        # The pure-Python path: no model at all, for selection or citations.
        return NewsfuseSystem("hashing", key)
    if key == "newsfuse-minilm":
        from newsfuse.embed import MINILM_HINT, MiniLMEmbedder

        if not MiniLMEmbedder.available():
            raise BackendUnavailable(f"MiniLM is not installed: {MINILM_HINT}")
        return NewsfuseSystem("minilm", key)
    if key == "lead":
        return LeadBaseline()
    if key in _SUMY:
        return SumySystem(key)
    raise ConfigError(f"unknown system {key!r}: choose from {', '.join(SYSTEM_KEYS)}")
