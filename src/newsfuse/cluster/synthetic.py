"""A synthetic news stream from templates, for scale tests of ingest and clustering.

Each story is an event (a kind, made-up people and places, a number, a start day); each of
its articles is written from that kind's templates with its own wording, so articles of a
story share names and key words but not sentences. Some articles are wire copies (same text,
another outlet). Names are built from syllables, so the text is fiction and reproducible.

A bigger stream covers more days at the same daily volume (:data:`PER_DAY`), as a store
grows over time: 100,000 articles are about 20 months of a 170-a-day feed, not 60 days of a
ten times busier one. ``per_day`` sets another volume.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from newsfuse.models import Article

_SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "qui", "bar", "nes", "ho",
              "zan", "pel", "ri", "mor", "tal", "vek", "sun", "gra", "lin", "dor", "fes", "ul"]
_OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ["Wire One", "Wire Two"]

_KINDS: dict[str, tuple[list[str], list[str]]] = {
    "flood": (
        ["Floods hit {place} as {river} bursts its banks",
         "{n} homes evacuated in {place} flooding",
         "{place} flood: {person} warns of more rain",
         "Rescue teams reach flooded {place}"],
        ["Heavy rain pushed the {river} over its banks near {place} on {day}.",
         "Officials said {n} homes were evacuated and schools closed.",
         "{person}, who leads the regional emergency office, asked residents to stay indoors.",
         "Forecasters expect more rain in {place} before the weekend.",
         "Roads into {place} remained closed on {day}, according to police."],
    ),
    "election": (
        ["{person} wins {place} mayoral race",
         "{place} votes: {person} claims victory with {n} percent",
         "Recount sought after {person} edges rival in {place}",
         "{person} to lead {place} after tight vote"],
        ["{person} won the mayoral election in {place} on {day}, officials said.",
         "Turnout reached {n} percent, the highest in a decade.",
         "Supporters of {other} asked for a recount of several districts.",
         "{person} promised to cut transit fares and build housing.",
         "The result in {place} will be certified next week."],
    ),
    "merger": (
        ["{company} agrees to buy {other} for ${n} million",
         "{company} and {other} announce merger",
         "{other} shares jump on {company} takeover deal",
         "Regulators to review {company} bid for {other}"],
        ["{company} said on {day} it would acquire {other} for about ${n} million.",
         "Chief executive {person} called the deal a chance to grow in {place}.",
         "Shares of {other} rose sharply in early trading.",
         "The companies expect the deal to close by the end of the year.",
         "Analysts said regulators in {place} would study the bid closely."],
    ),
    "match": (
        ["{company} beat {other} {n}-1 in {place} final",
         "{person} scores twice as {company} win title",
         "{company} lift the cup after victory over {other}",
         "Late goal gives {company} win in {place}"],
        ["{company} defeated {other} in the final in {place} on {day}.",
         "{person} scored twice in the second half.",
         "About {n} thousand fans filled the stadium.",
         "The coach of {other} said his side had lacked energy.",
         "It is the first title for {company} in many years."],
    ),
    "science": (
        ["Researchers in {place} find {n} new species of {thing}",
         "{person} team reports discovery of {thing} in {place}",
         "New {thing} species described by {place} scientists",
         "Study: {thing} in {place} more diverse than thought"],
        ["Scientists led by {person} described {n} new species of {thing} on {day}.",
         "The survey took place in remote valleys near {place}.",
         "The team used genetic tests to tell the species apart.",
         "{person} said the region needs stronger protection.",
         "The findings appear in a journal published by {other}."],
    ),
}
# Articles a day: 10,000 articles span 60 days, as before this constant existed.
PER_DAY = 170
_THINGS = ["frog", "beetle", "orchid", "moth", "lizard", "snail", "fern", "spider"]


@dataclass(frozen=True)
class SyntheticArticle:
    article: Article
    story: int


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _event(rng: random.Random, start: dt.date, days: int) -> dict[str, str]:
    day = start + dt.timedelta(days=rng.randrange(0, days))
    return {
        "person": f"{_name(rng, 2)} {_name(rng, 3)}",
        "other": f"{_name(rng, 3)} {rng.choice(['Group', 'United', 'Holdings', 'City'])}",
        "company": f"{_name(rng, 2)}{rng.choice(['corp', 'tek', ' Rovers', ' Athletic'])}",
        "place": _name(rng, 3),
        "river": f"{_name(rng, 2)} River",
        "thing": rng.choice(_THINGS),
        "n": str(rng.randrange(3, 900)),
        "day": day.strftime("%A"),
        "date": day.isoformat(),
    }


def stream(
    n: int, *, seed: int = 0, mean_story_size: float = 6.0, per_day: int = PER_DAY
) -> Iterator[SyntheticArticle]:
    """``n`` articles; stories overlap in time and arrive interleaved, in date order.

    Stories start on random days over ``n / per_day`` days (at least 60).
    """
    rng = random.Random(seed)
    days = max(60, round(n / per_day))
    start = dt.date(2030, 1, 1)
    produced = story = 0
    pending: list[tuple[str, int, Article]] = []
    while produced < n:
        story += 1
        kind = rng.choice(sorted(_KINDS))
        event = _event(rng, start, days)
        size = min(n - produced, max(1, int(rng.expovariate(1 / mean_story_size)) + 1))
        texts: list[str] = []
        for k in range(size):
            text, outlet = _write(rng, kind, event, texts)
            day = dt.date.fromisoformat(event["date"]) + dt.timedelta(days=rng.randrange(0, 3))
            article = Article(
                id=f"s{story}-{k}", origin="synthetic", raw_text=text, title=text.split("\n")[0],
                outlet=outlet, published=day.isoformat(),
            )
            pending.append((day.isoformat(), produced, article))
            texts.append(text)
            produced += 1
        # Emit in date order in chunks, so stories interleave like a real feed.
        if len(pending) >= 2000 or produced >= n:
            pending.sort(key=lambda p: (p[0], p[1]))
            for _, _, article in pending:
                yield SyntheticArticle(article, int(article.id[1:].split("-")[0]))
            pending = []


def _write(
    rng: random.Random, kind: str, event: dict[str, str], earlier: list[str]
) -> tuple[str, str]:
    outlet = rng.choice(_OUTLETS)
    if earlier and rng.random() < 0.1:  # a wire copy of an earlier article
        return rng.choice(earlier), outlet
    titles, body = _KINDS[kind]
    chosen = rng.sample(body, k=rng.randrange(3, len(body) + 1))
    title = rng.choice(titles).format(**event)
    return title + "\n\n" + " ".join(s.format(**event) for s in chosen), outlet
