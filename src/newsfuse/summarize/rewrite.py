"""Optional abstractive pass: an LLM rewrites each summary sentence, a checker guards it.

The extractive summary is already honest: every sentence is a source sentence. A rewrite
may read better (shorter, no "Mr.", no embedded clauses) but an LLM also invents. So each
rewrite is kept only when :func:`unsupported` finds nothing in it that its own citations do
not state: no new numbers or names, no words the sources do not use, the same polarity, and
the attribution still there. Otherwise the source sentence stays, and the reason is kept
(``SummarySentence.rewrite_note``) so a user sees what the model tried. The citations never
change: a rewrite cites exactly what the sentence it replaces cited.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsfuse.embed import _stem, words
from newsfuse.llm import LLM
from newsfuse.summarize.align import negates, numbers
from newsfuse.summarize.core import Summary, SummarySentence

SYSTEM = (
    "You edit news summaries. Rewrite the given sentence so it is shorter and plainer. "
    "Use only facts stated in the sources. Keep every number and name you use exactly as the "
    "sources write them, and keep who said it. Reply with the rewritten sentence only."
)
# Share of a rewrite's content words the cited sources must use (stemmed): room for a
# changed inflection or a joining word, none for a new claim.
MIN_SOURCED = 0.9
_SAYS = re.compile(r"\b(?:said|says|say|told|according|reported|reports|stated|claimed|"
                   r"claims|announced|confirmed|denied|denies|accused|wrote|warned)\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_TOKEN = re.compile(r"[\w'’-]+")


def rewrite(summary: Summary, llm: LLM) -> Summary:
    """A copy of ``summary`` whose sentences the LLM rewrote where the checker allows."""
    return replace(summary, sentences=[rewrite_sentence(s, llm) for s in summary.sentences])


def rewrite_sentence(sentence: SummarySentence, llm: LLM) -> SummarySentence:
    sources = [c.text for c in sentence.citations]
    prompt = (f"Sentence: {sentence.text}\n\nSources:\n"
              + "\n".join(f"- {text}" for text in sources))
    answer = _first_line(llm.complete(prompt, system=SYSTEM,
                                      max_tokens=2 * len(sentence.text.split()) + 16))
    problem = unsupported(answer, sentence.text, sources)
    if problem is not None:
        return replace(sentence, rewrite_note=f"rewrite not used: {problem}")
    return replace(sentence, text=answer, rewritten=True)


def unsupported(candidate: str, original: str, sources: list[str]) -> str | None:
    """What in ``candidate`` its sources do not back (None: nothing, the rewrite may stand)."""
    if not candidate:
        return "the model gave no sentence"
    if len(candidate.split()) >= len(original.split()):
        return "not shorter than the source sentence"
    joined = " ".join(sources)
    new_numbers = numbers(candidate) - numbers(joined)
    if new_numbers:
        return f"numbers the sources do not state ({', '.join(sorted(new_numbers))})"
    # Capitalised words after the first: names (the first word is capitalised anyway).
    first_word_end = len(candidate.split(maxsplit=1)[0])
    new_names = set(_NAME.findall(candidate, first_word_end)) - set(_TOKEN.findall(joined))
    if new_names:
        return f"names the sources do not use ({', '.join(sorted(new_names))})"
    mine = [_stem(w) for w in words(candidate)]
    theirs = {_stem(w) for w in words(joined)}
    if mine and sum(w in theirs for w in mine) / len(mine) < MIN_SOURCED:
        return "words the sources do not use"
    if negates(candidate) != negates(original):
        return "the negation changed"
    if _SAYS.search(original) and not _SAYS.search(candidate):
        return "the attribution (who said it) was dropped"
    return None


def _first_line(answer: str) -> str:
    """The answer's first non-empty line, without quotes or a "Rewritten:" label."""
    line = next((ln.strip() for ln in answer.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:rewritten(?: sentence)?|sentence|answer)\s*:\s*", "", line, flags=re.I)
    if len(line) > 1 and line[0] in "\"“" and line[-1] in "\"”":
        line = line[1:-1].strip()
    return line
