"""Claim extraction: who asserts what in each sentence, with numbers, dates and entities.

The per-sentence layer of newsfuse's cross-source analysis; aligning claims across sources
is built on top of it::

    from newsfuse.claims import extract_all
    claims = extract_all(articles)          # one Claim per sentence, citations kept
    claims[0].speaker, claims[0].via, claims[0].stance, claims[0].quantities

The smaller extractors are public for tests and reuse: :func:`find_attribution`,
:func:`find_quantities`, :func:`resolve_dates`; entity taggers are backends
(:class:`EntityTagger`, ``get_tagger("spacy" | "rules" | None)``).
"""

from newsfuse.claims.attribution import find_attribution, find_quote, speaker_key
from newsfuse.claims.dates import resolve_dates
from newsfuse.claims.entities import EntityTagger, RuleTagger, SpacyTagger, get_tagger, taggers
from newsfuse.claims.extract import extract, extract_all, stance_of
from newsfuse.claims.gold import GOLD_PATH, evaluate_gold
from newsfuse.claims.quantities import find_quantities
from newsfuse.claims.types import (
    Attribution,
    Claim,
    Entity,
    Quantity,
    ResolvedDate,
    SpeakerKind,
    Stance,
)

__all__ = [
    "GOLD_PATH",
    "Attribution",
    "Claim",
    "Entity",
    "EntityTagger",
    "Quantity",
    "ResolvedDate",
    "RuleTagger",
    "SpacyTagger",
    "SpeakerKind",
    "Stance",
    "evaluate_gold",
    "extract",
    "extract_all",
    "find_attribution",
    "find_quantities",
    "find_quote",
    "get_tagger",
    "resolve_dates",
    "speaker_key",
    "stance_of",
    "taggers",
]
