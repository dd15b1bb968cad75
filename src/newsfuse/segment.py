"""Sentence splitting with character offsets (nupunkt, the best offline splitter measured).

nupunkt decides each boundary from statistics learned on a general corpus; news prose
still trips it in a few recurring shapes, which :func:`_continues` repairs by re-joining
two adjacent spans (so offsets stay exact: a join only widens a span):

* a rank or honorific before a name: ``... said police Lt.`` | ``Mark Gagan.``
* a dotted acronym used as a modifier: ``... (Reuters) - U.S.`` | ``Secretary of State ...``
  (but ``... in the U.S.`` | ``The next day ...`` is a real break: "The" opens sentences);
* anything followed by a lowercase word: ``... anti-U.S.`` | ``sentiment is widespread``.

The opposite slip, a full stop glued to the next sentence (``were found.He added``), is cut
by :func:`_split_glued` (a cut only divides a span, so offsets stay exact too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from newsfuse.models import Article, Sentence


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import nupunkt

    return nupunkt.load_default_model()


def split(text: str, source: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets round-trip: ``text[s.start:s.end] == s.text``.

    Paragraph breaks (blank lines, and single newlines left by cleaning) always end a
    sentence: a headline or a line of furniture never runs into the next sentence.
    """
    sentences: list[Sentence] = []
    for line_start, line in _lines(text):
        spans = _split_glued(line, _tokenizer().span_tokenize(line))
        for start, end in _rejoin(line, spans):
            start, end = _strip(line, start, end)
            if end > start:
                s, e = line_start + start, line_start + end
                sentences.append(Sentence(source, len(sentences), s, e, text[s:e]))
    return sentences


MAX_QUOTED = 600  # a quote never spans more than this many characters in news prose
# A repaired sentence longer than this is more likely a run of captions or list items
# ("a Left wing ... b Right wing ...") than one sentence; leave those split.
MAX_JOINED = 600


# A full stop glued to the next sentence ("... were found.He added"), which scraped text
# often has and nupunkt leaves whole: a word of two lowercase letters or more, then a
# capitalised word. Not a title ("Mrs.Varga") or a domain ("Amazon.Com").
# Also after a figure or a closing quotation mark: "... on Dec. 26.Cosme allegedly",
# "... into law."The medal".
_GLUED = re.compile(r"([A-Za-z]*[a-z]{2}|\d)[.!?](?:[\"”’]|’’|'')?(?=([A-Z][a-z]+))")
_DOMAINS = frozenset({"Com", "Org", "Net", "Gov", "Edu", "Info", "Biz", "Io", "Tv", "Uk"})


# nupunkt's model, learned largely from legal and technical text, lists thousands of
# ordinary words as abbreviations ("call", "car", "bombed", "cancer", "Buchanan"), so it
# runs "... a disturbance call. Modoc officials said ..." into one sentence. A full stop
# after a plain word, then a capitalised word, ends the sentence unless the word is an
# abbreviation news prose really writes before a name or a number.
_MISSED = re.compile(r"(?<![\w.'’&-])([A-Za-z][a-z]+)\.(?=\s+[\"“‘'(]?[A-Z])")
# fmt: off
_REAL_ABBREVIATIONS = frozenset((
    "al", "approx", "ca", "cf", "co", "corp", "dept", "ed", "eds", "est", "fig", "figs", "ft",
    "govt", "inc", "jr", "ltd", "mt", "no", "nos", "op", "pp", "sr", "st", "viz", "vol", "vs",
    # months and days as datelines abbreviate them ("Sept. Officials" is rare; "Sept. 9" is not)
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    # US states in AP style: "Richmond, Calif. Gov. Jerry Brown" is not a sentence break
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    # company and society suffixes, and titles nupunkt does not treat as ranks
    "assn", "bros", "brig", "pres", "univ", "supt", "gens",
))
# Of those, the ones written only before a name or a number, never at a sentence's end.
_BEFORE_NAMES = frozenset((
    "approx", "ca", "cf", "fig", "figs", "no", "nos", "op", "pp", "st", "viz", "vol", "vs",
    "brig", "pres", "supt", "gens", "mt",
))
# fmt: on


def _split_glued(line: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut spans at glued or missed sentence breaks; the pieces still cover the span exactly."""
    out: list[tuple[int, int]] = []
    for start, end in _closing_quotes_back(line, list(spans)):
        for cut in _cuts(line, start, end):
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def _cuts(line: str, start: int, end: int) -> list[int]:
    cuts = [m.end() for m in _GLUED.finditer(line, start, end)
            if m.group(1) not in _TITLES and m.group(1) != "vs" and m.group(2) not in _DOMAINS]
    cuts += [m.end() for m in _MISSED.finditer(line, start, end)
             if m.end() < end and _missed_break(m.group(1), _next_word(line, m.end()))]
    return sorted(set(cuts))


def _closing_quotes_back(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give a quotation mark glued between two sentences back to the quote it closes:
    nupunkt cuts '... into law."The medal' before the mark, which then opens a quote."""
    out = list(spans)
    for k in range(len(out) - 1):
        (a, b), (c, d) = out[k], out[k + 1]
        glued = b == c and line[b - 1 : b] in (".", "!", "?") and line[c : c + 1] in "\"”’"
        if glued and line[c + 1 : c + 2].isupper() and open_quote(line[:b]):
            out[k], out[k + 1] = (a, b + 1), (c + 1, d)
    return out


def _next_word(line: str, at: int) -> str:
    match = _FIRST_WORD.match(line[at:].lstrip())
    return _bare(match.group(1)) if match else ""


def _missed_break(word: str, following: str) -> bool:
    """A full stop after ``word`` ends its sentence (nupunkt took the word for an
    abbreviation). Capitalised words are names unless long enough not to be a rank. An
    abbreviation that may end a sentence (a state, a month, "Inc.") does before a word
    that opens sentences: "... around the Sun. To do this", "... of Boston, Mass. The"."""
    bare = word.lower()
    if word in _TITLES:
        return False
    if bare in _REAL_ABBREVIATIONS:
        return bare not in _BEFORE_NAMES and following in _OPENERS
    return word.islower() or len(word) >= 4


def _rejoin(line: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join spans the splitter cut inside an open quotation or mid-sentence.

    ``"We traced it to the panel. That is confirmed," she said.`` is one attributed
    statement; split after "panel." the second half loses its speaker.
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _joins(line, out[-1], (start, end)):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _joins(line: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    length = nxt[1] - prev[0]
    head = line[prev[0] : prev[1]]
    if open_quote(head) and length < MAX_QUOTED:
        return True
    return length < MAX_JOINED and _continues(head.rstrip(), line[nxt[0] : nxt[1]].lstrip())


def open_quote(text: str) -> bool:
    """Whether ``text`` leaves a quotation open.

    Marks are read in order: “ opens and ” closes; a straight " opens after a space, a
    bracket or a dash and closes elsewhere. So a quotation typed with mixed marks
    (“We will not tolerate it," she said.) is closed, as a reader sees it.
    """
    inside = False
    for mark in _QUOTE_MARK.finditer(text):
        if mark.group() in _OPENING:
            inside = True
        elif mark.group() in _CLOSING_QUOTE:
            inside = False
        else:
            inside = _straight_opens(text, mark.start(), inside)
    return inside


def _straight_opens(text: str, at: int, inside: bool) -> bool:
    """Whether the straight quote at ``at`` opens a quotation: it does after a space, a
    bracket or a dash and before a word; after a word it closes; spaced on both sides
    (Nicole " Snooki " Polizzi) it toggles."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before not in _BEFORE_OPENING:
        return False
    return not inside if after.isspace() else True


# Some pages type double quotes as pairs of single ones (‘‘The Wolfman’’, ``so'').
_QUOTE_MARK = re.compile(r"‘‘|``|’’|''|[“”\"]")
_OPENING = frozenset(("“", "‘‘", "``"))
_CLOSING_QUOTE = frozenset(("”", "’’", "''"))
# A straight quote right after one of these opens a quotation ("said: "We ...").
_BEFORE_OPENING = frozenset(" \t\n([{—–-:")


# Ranks and honorifics written before a name; they end a sentence only in contrived prose.
# Post-nominal ones ("Jr.", "Inc.") are left out: "... Smith Jr. The next day" is a break.
# fmt: off
_TITLES = (
    "Adm", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr", "Gen", "Gens", "Gov", "Hon",
    "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Prof", "Pvt", "Rep", "Reps",
    "Rev", "Sen", "Sens", "Sgt", "St", "Supt",
)
# fmt: on
# The title must be a whole word ("Salt." is no "Lt."), possibly after an opening bracket,
# quote or a word glued by a missing space ("officials.LASD Lt.").
_TITLE_END = re.compile(r"(?<![\w.])(" + "|".join(_TITLES) + r")\.\Z")
# Dotted uppercase acronyms (U.S., U.K., U.N., D.C., U.S.A.), also inside "anti-U.S.".
# Not times: after "at 5 P.M." a capitalised word ("Officials said") starts a sentence.
_ACRONYM_END = re.compile(r"(?<![\w.])(?![AP]\.M\.\Z)(?:[A-Z]\.){2,}\Z")
# "Main St." is a street that can end a sentence; "Cathedral of St." is a saint's name.
_STREET_BEFORE = re.compile(r"(?:^|\s)[A-Z0-9][\w'-]*\s+St\.\Z")
_FIRST_WORD = re.compile(r"""[“"'‘(]*([^\s]+)""")
# A list or panel label ("a Left wing ...", "b–d Scans of ...", "cc: @desk") starts an item
# of its own although it is lowercase.
_LABEL = re.compile(r"[a-z](?:[–-][a-z])?[.)]?\s+[A-Z]|[a-z]+:")
# No sentence starts with closing or joining punctuation: "(R-N.Y." | "), the chairman".
_CLOSING = tuple(")]},;:")
# A quoted question or exclamation, then who said it: “Where’s my daughter?’" Patty
# Campbell said. The speaker belongs to the quote.
_QUOTED_EXCLAIM_END = re.compile(r"[?!][’'\"”]+\Z")
_SPEAKER_TAIL = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|tells|added|adds|recalled|"
    r"recalls|wrote|writes|shouted|yelled)\b[^.!?]{0,80}[.!?]?\Z"
)
# Closed-class words that open sentences: after "U.S." they mean a new sentence starts
# ("... in the U.S. The next day"), while a capitalised noun continues ("U.S. Secretary").
# fmt: off
_OPENERS = frozenset((
    "A", "According", "After", "Again", "Against", "All", "Also", "Although", "Among", "An",
    "And", "Another", "Any", "As", "At", "Because", "Before", "Both", "But", "By", "Despite",
    "Dr", "During", "Each", "Earlier", "Even", "Every", "Few", "For", "From", "He", "Her",
    "Here", "His", "How", "However", "I", "If", "In", "Instead", "It", "Its", "Last", "Later",
    "Many", "Meanwhile", "Most", "Mr", "Mrs", "Ms", "My", "Next", "No", "Nor", "Not", "Now",
    "Of", "On", "One", "Only", "Or", "Other", "Our", "Over", "Several", "She", "Since", "So",
    "Some", "Still", "Such", "That", "The", "Their", "Then", "There", "These", "They", "This",
    "Those", "Though", "Thus", "To", "Today", "Under", "Until", "We", "What", "When", "Where",
    "Whether", "Which", "While", "Who", "Why", "With", "Without", "Yes", "Yet", "Yesterday",
    "You", "Your",
))
# fmt: on


def _continues(head: str, tail: str) -> bool:
    """Does ``tail`` carry on the sentence ``head`` (nupunkt ended it after ``head``)?"""
    if tail.startswith(_CLOSING):
        return True
    if _QUOTED_EXCLAIM_END.search(head) and _SPEAKER_TAIL.match(tail):
        return True
    match = _FIRST_WORD.match(tail)
    if match is None:
        return False
    word = match.group(1)
    if _lowercase_word(word):
        return _LABEL.match(tail) is None
    if not word[:1].isupper() or _bare(word) in _OPENERS:
        return False
    title = _TITLE_END.search(head)
    if title is not None:
        return title.group(1) != "St" or not _STREET_BEFORE.search(head)
    return _ACRONYM_END.search(head) is not None


def _lowercase_word(word: str) -> bool:
    """A plain lowercase word; not a name styled lowercase ("iPhone"), a URL or a handle,
    which may well start a line of furniture ("pic.twitter.com/...")."""
    bare = _bare(word)
    return bare.isalpha() and bare.islower()


def _bare(word: str) -> str:
    """``word`` without trailing punctuation or a contraction: "It’s" -> "It", "anti-war," ->
    "antiwar" (hyphens dropped so the result can be tested with ``isalpha``)."""
    stem = re.split(r"['’]", word, maxsplit=1)[0]
    return stem.rstrip(".,;:!?”\"')").replace("-", "")


def segment(article: Article) -> Article:
    """Fill ``article.sentences`` from its cleaned text."""
    article.sentences = split(article.text, article.id)
    return article


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
