"""Age conflicts: one source's "2-year-old boy" is another's "the boy, 3,".

Sentences that give an age are often worded too differently to be one fact ("The 2-year-old
boy was found in a ditch" / "Rescuers pulled the boy, 3, from the ditch"), so ages are
compared by whom they belong to instead. Precision comes first, as for every conflict:

* a person named in full ("Ana Holt") is one person; a surname alone ("Holt") is that
  person only when the story names one person with it;
* a noun ("the boy") is one person only when no article gives two ages for it (a story of
  two boys is no conflict) and the words around both ages share something besides it;
  the nouns of a child ("toddler", "son") are one noun, so a story of a boy and his
  sister gives no child's age at all, and a boy is never a girl;
* a birthday may fall between two reports, and then both ages are right: a year's
  difference counts only between reports dated within a week of each other, a larger one
  only between reports not known to be years apart;
* hedged sentences state nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from newsfuse.claims import lexicon as lx
from newsfuse.claims.dates import parse_iso
from newsfuse.claims.quantities import find_ages
from newsfuse.claims.types import Age
from newsfuse.report.story import Story, content_set
from newsfuse.report.types import Conflict, Side

# Reports further apart than this may give ages on both sides of a birthday.
MAX_DAYS_APART = 7
YEAR_DAYS = 365
LOCAL_WINDOW = 40  # characters either side of an age that say what happened to the person
_AGE_WORDS = {"year", "years", "old", "aged"}
ADULT = 18  # from this age a son or daughter is no child to be told apart from others
CHILD = "child"
_GENDER = {"boy": "m", "son": "m", "girl": "f", "daughter": "f"}


@dataclass(frozen=True)
class _Mention:
    """An age given by sentence ``index`` of the story."""

    index: int
    age: Age


def age_conflicts(story: Story) -> list[Conflict]:
    """One conflict per person whose age independent sources give differently."""
    conflicts = []
    for who, mentions in _by_person(story).items():
        rivals = _rival_pairs(story, mentions)
        if rivals:
            conflicts.append(_conflict(story, who, rivals))
    return conflicts


def _by_person(story: Story) -> dict[str, list[_Mention]]:
    """Age mentions grouped by person; persons the story leaves ambiguous are left out."""
    mentions = [_Mention(i, age) for i in range(len(story)) if _states(story, i)
                for age in find_ages(story.text(i))]
    names = {_name_key(m.age.who) for m in mentions if _is_name(m.age.who)}
    names = {n for n in names if " " in n}
    grouped: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        who = _resolve(m.age, names)
        if who is not None:
            grouped[who].append(m)
    return {who: found for who, found in grouped.items() if not _two_in_one_article(story, found)}


def _states(story: Story, i: int) -> bool:
    return story.claims[i].stance != "hedge" and not story.furniture(i)


def _is_name(who: str) -> bool:
    return who[:1].isupper()


def _name_key(name: str) -> str:
    """"Sgt. Ana M. Holt" → "ana holt": titles and middle names dropped."""
    words = [w.strip(".").lower() for w in name.split()]
    words = [w for w in words if w not in lx.ROLE_WORDS and len(w) > 1] or words
    return words[-1] if len(words) == 1 else f"{words[0]} {words[-1]}"


def _resolve(age: Age, full_names: set[str]) -> str | None:
    """The person an age belongs to: a full name, a surname the story gives one person
    ("Holt" for "Ana Holt"; None when it names two Holts), a child, or a noun ("man")."""
    if not _is_name(age.who):
        return CHILD if age.who in lx.CHILD_NOUNS and age.value < ADULT else age.who
    key = _name_key(age.who)
    if " " in key:
        return key
    holders = [n for n in full_names if n.split()[-1] == key]
    if len(holders) > 1:
        return None
    return holders[0] if holders else key


def _two_in_one_article(story: Story, mentions: list[_Mention]) -> bool:
    """Does one article give the person two ages (two boys, or father and son named alike)?"""
    ages: dict[int, set[int]] = defaultdict(set)
    for m in mentions:
        ages[story.doc(m.index)].add(m.age.value)
    return any(len(values) > 1 for values in ages.values())


def _rival_pairs(story: Story, mentions: list[_Mention]) -> list[tuple[_Mention, _Mention]]:
    out = []
    for a, b in combinations(mentions, 2):
        if a.age.value == b.age.value or story.origin(a.index) == story.origin(b.index):
            continue
        if _birthday_between(story, a, b):
            continue
        if _GENDER.get(a.age.who, "") + _GENDER.get(b.age.who, "") in {"mf", "fm"}:
            continue  # a boy and a girl are two children
        if _is_name(a.age.who) or _same_scene(story, a, b):
            out.append((a, b))
    return out


def _birthday_between(story: Story, a: _Mention, b: _Mention) -> bool:
    """Can both ages be right, a birthday falling between the reports? "72" on Monday and
    "73" on Thursday can: an age a year apart needs reports dated a few days apart."""
    gap = abs(a.age.value - b.age.value)
    days = _days_apart(story, a.index, b.index)
    if gap == 1:
        return days is None or days > MAX_DAYS_APART
    return days is not None and days > YEAR_DAYS * (gap - 1)


def _days_apart(story: Story, i: int, j: int) -> int | None:
    """Days between the two sentences' articles; None when either is undated (an article
    dated from the rest of the story is undated here: its date is a guess)."""
    def published(k: int) -> date | None:
        article = story.space.articles[story.doc(k)]
        if article.id in story.inferred_dates:
            return None
        return parse_iso(article.published)

    di, dj = published(i), published(j)
    return None if di is None or dj is None else abs((di - dj).days)


def _same_scene(story: Story, a: _Mention, b: _Mention) -> bool:
    """The words around both ages share something besides the person's noun: "the boy
    found in a ditch" / "pulled the boy from a ditch", not "a man arrested" / "a man hurt"."""
    def around(m: _Mention) -> set[str]:
        text = story.text(m.index)
        window = text[max(m.age.start - LOCAL_WINDOW, 0): m.age.end + LOCAL_WINDOW]
        return content_set(window) - content_set(" ".join([a.age.who, b.age.who, *_AGE_WORDS]))

    return bool(around(a) & around(b))


def _conflict(story: Story, who: str, pairs: list[tuple[_Mention, _Mention]]) -> Conflict:
    by_value: dict[int, list[int]] = defaultdict(list)
    for m in (m for pair in pairs for m in pair):
        if m.index not in by_value[m.age.value]:
            by_value[m.age.value].append(m.index)
    sides = [Side(f"{value} years old", list(dict.fromkeys(story.source(k) for k in found)),
                  [story.citation(k) for k in found], story.claims[found[0]].speaker)
             for value, found in sorted(by_value.items())]
    said = [m.age.who for pair in pairs for m in pair]
    named = [w for w in said if _is_name(w)]
    nouns = set(said) - set(named)
    noun = nouns.pop() if len(nouns) == 1 else who  # "the boy" if all say so, else "the child"
    about = max(named, key=len) if named else f"the {noun}"  # the fullest spelling
    return Conflict(f"age of {about}", "numeric", sides)
