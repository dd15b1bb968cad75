"""Result dataclasses of claim extraction.

Every :class:`Claim` keeps its :class:`~newsfuse.models.Sentence`, so whatever a later stage
builds from it (alignments, conflicts, a timeline) can cite exact source text.
Offsets in :class:`Quantity`, :class:`ResolvedDate` and :class:`Entity` are character offsets
into the sentence text (add ``sentence.start`` for offsets into the article).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from newsfuse.models import Citation, Sentence

Stance = Literal["assert", "deny", "confirm", "not-confirmed", "hedge"]
SpeakerKind = Literal["person", "org", "officials", "media", "pronoun", "source", "other"]


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence: ``value`` parsed, ``unit`` the head noun it counts."""

    value: float
    text: str
    unit: str
    start: int
    end: int
    qualifier: str | None = None  # "at least", "more than", "about", "or more", ...


@dataclass(frozen=True)
class Age:
    """A person's age as a sentence gives it: "the 2-year-old boy", "Ana Holt, 34,".

    ``who`` is the person as named ("Ana Holt") or the noun that stands for them ("boy").
    """

    value: int
    who: str
    start: int
    end: int


@dataclass(frozen=True)
class ResolvedDate:
    """A date mention resolved to ISO ``YYYY-MM-DD``.

    ``granularity`` says how exact it is ("day", "week", "month", "year"): "last week" is
    resolved to the day a week before the article date, with granularity "week".
    ``relative`` is True when the text needed the article date to resolve ("Wednesday").
    """

    iso: str
    text: str
    start: int
    end: int
    granularity: str = "day"
    relative: bool = False


@dataclass(frozen=True)
class Entity:
    """A named entity with a spaCy-style label (PERSON, ORG, GPE, NORP, ...)."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Attribution:
    """Who asserts a sentence, through whom, and how (what :func:`find_attribution` returns).

    ``speaker`` is the innermost source ("two US officials"); ``via`` the relays, outermost
    first (["CNN"]). ``content`` is the sentence without the attribution frame.
    ``anaphor`` is set when the speaker or relay is a reference the sentence alone cannot
    resolve ("he", "the outlet"); :func:`~newsfuse.claims.extract` resolves it within the
    article where it can.
    """

    speaker: str | None
    verb: str | None
    content: str
    via: list[str] = field(default_factory=list)
    role: str | None = None
    speaker_kind: SpeakerKind | None = None
    quote: str | None = None
    pattern: str = ""
    anaphor: str | None = None


@dataclass
class Claim:
    """One sentence's assertion with its attribution, numbers, dates and entities."""

    id: str
    source: str
    sentence: Sentence
    speaker: str | None
    speaker_kind: SpeakerKind | None
    via: list[str]
    verb: str | None
    stance: Stance
    negated: bool
    content: str
    quote: str | None = None
    role: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[ResolvedDate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Set when the speaker was an anaphor ("he", "the agency") and how it was resolved:
    # the original word, and whether resolution succeeded.
    speaker_anaphor: str | None = None
    speaker_resolved: bool = True
    pattern: str = ""

    @property
    def citation(self) -> Citation:
        return Citation.of(self.sentence)

    @property
    def speaker_key(self) -> str | None:
        """A normalised speaker for grouping: lower case, no article or count words."""
        from newsfuse.claims.attribution import speaker_key

        return speaker_key(self.speaker)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentence"] = self.citation.to_dict()
        data["speaker_key"] = self.speaker_key
        return data
