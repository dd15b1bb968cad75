"""Optional LLM pass: shorten each summary sentence by deletion, under a strict checker.

The extractive summary is honest by construction: every sentence is a source sentence. An
LLM may make it tighter, but it also invents, and a paraphrase cannot be checked against
its source without a model we would have to trust as much. So the model is only allowed to
*delete*: :func:`unsupported` keeps a shortening when its words are the source sentence's
words in the source's order, and when the deletion spared what changes meaning if cut:
negations and hedges ("not", "allegedly", "at least"), who said it ("officials said"), and
whole quotations. Otherwise the source sentence stays and the reason is kept
(``SummarySentence.rewrite_note``). Citations never change: a shortened sentence states
part of what the sentence it replaces stated, so it cites the same sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from newsfuse.embed import _STOP
from newsfuse.llm import LLM
from newsfuse.summarize.core import Summary, SummarySentence

SYSTEM = (
    "You shorten news sentences by deleting words. Never add, change or reorder words. "
    "Keep who said it, every number and name, and words such as not, allegedly, "
    "reportedly, at least. Reply with the shortened sentence only."
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# Cutting one of these changes what a sentence claims, not only how long it is.
_KEEP_WORDS = (
    "not no never neither nor without denied denies deny allegedly alleged reportedly "
    "suspected apparently possibly probably likely may might could would should if unless "
    "former acting"
)
_KEEP = frozenset(_KEEP_WORDS.split())
# Before a number they set its precision: "more than 300" is not "300".
_QUALIFIERS_WORDS = (
    "least most about nearly almost around approximately roughly some more less than over "
    "under up to only"
)
_QUALIFIERS = frozenset(_QUALIFIERS_WORDS.split())
_SAYS_WORDS = (
    "said says say told tells according reported reports stated claimed claims announced "
    "confirmed denied denies accused wrote writes warned asked added alleged"
)
_SAYS = frozenset(_SAYS_WORDS.split())
_QUOTES = re.compile(r"[\"“”]")
# Crude marks of a finite verb, for telling a sentence from a fragment without a parser:
# "The first news of his condition in a month." has none of them.
_FINITE_WORDS = (
    "is are was were be been has have had will would can could may might must shall should "
    "do does did"
)
_FINITE = frozenset(_FINITE_WORDS.split()) | _SAYS
_SPEAKER_SPAN = 3  # words before a says-verb that name who says it


def rewrite(summary: Summary, llm: LLM) -> Summary:
    """A copy of ``summary`` whose sentences the LLM shortened where the checker allows."""
    return replace(summary, sentences=[rewrite_sentence(s, llm) for s in summary.sentences])


def rewrite_sentence(sentence: SummarySentence, llm: LLM) -> SummarySentence:
    """``sentence`` shortened by ``llm`` if :func:`unsupported` finds nothing, else with why."""
    answer = _first_line(llm.complete(f"Sentence: {sentence.text}", system=SYSTEM,
                                      max_tokens=2 * len(sentence.text.split()) + 16))
    problem = unsupported(answer, sentence.text)
    if problem is not None:
        return replace(sentence, rewrite_note=f"rewrite not used: {problem}")
    return replace(sentence, text=answer, rewritten=True)


def unsupported(candidate: str, original: str) -> str | None:
    """Why ``candidate`` is not a safe shortening of ``original`` (None: it is)."""
    mine, theirs = _tokens(candidate), _tokens(original)
    if not mine:
        return "the model gave no sentence"
    if len(mine) >= len(theirs):
        return "not shorter than the source sentence"
    if not candidate.rstrip().endswith((".", "!", "?", '"', "”", "’")):
        return "not a whole sentence"
    if not _subsequence(mine, theirs):
        return "adds, changes or reorders words (only deletions are allowed)"
    kept = set(mine)
    # Counted, not just present: "not ... not" cut to one "not" flips a claim too.
    lost = sorted((Counter(t for t in theirs if _changes_claim(t)) - Counter(mine)).keys())
    lost += _qualifiers_lost(theirs, kept)
    if lost:
        return f"drops words that change the claim ({', '.join(lost)})"
    speaker = _attribution_lost(theirs, kept)
    if speaker:
        return f"drops who said it ({speaker})"
    if len(_QUOTES.findall(candidate)) != len(_QUOTES.findall(original)):
        return "cuts into a quotation"
    if _has_verb(theirs) and not _has_verb(mine):
        return "not a whole sentence (its verb was cut)"
    return None


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _has_verb(tokens: list[str]) -> bool:
    return any(t in _FINITE or (len(t) > 4 and t.endswith("ed")) for t in tokens)


def _changes_claim(token: str) -> bool:
    return token in _KEEP or token.endswith(("n't", "n’t"))


def _qualifiers_lost(tokens: list[str], kept: set[str]) -> list[str]:
    """Qualifiers of a kept number ("at least 4") that the shortening cut."""
    lost = set()
    for i, token in enumerate(tokens):
        if token[:1].isdigit() and token in kept:
            lost |= {t for t in tokens[max(0, i - 2) : i] if t in _QUALIFIERS} - kept
    return sorted(lost)


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(any(token == other for other in rest) for token in short)


def _attribution_lost(tokens: list[str], kept: set[str]) -> str | None:
    """The attribution of ``tokens`` that ``kept`` lost: its verb, or every speaker word."""
    for i, token in enumerate(tokens):
        if token not in _SAYS:
            continue
        before = [t for t in tokens[max(0, i - _SPEAKER_SPAN) : i] if t not in _STOP]
        phrase = " ".join([*tokens[max(0, i - _SPEAKER_SPAN) : i], token])
        if token not in kept or (before and not kept & set(before)):
            return f"'{phrase}'"
    return None


def _first_line(answer: str) -> str:
    """The answer's first non-empty line, without wrapping quotes or a "Shortened:" label."""
    line = next((ln.strip() for ln in answer.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:shortened|rewritten)?(?: sentence)?\s*:\s*", "", line, flags=re.I)
    if len(line) > 1 and line[0] in "\"“" and line[-1] in "\"”" and \
            len(_QUOTES.findall(line)) == 2:
        line = line[1:-1].strip()
    return line
