"""A small hand-written gold set for the extractors, and its scorer.

``data/gold.jsonl`` holds fictional sentences written for newsfuse (no third-party text).
Each line: ``text`` (one or more sentences), ``published``, optional ``sentence`` (index
of the sentence checked, default 0), and any of the expected fields ``speaker``, ``via``,
``stance``, ``verb``, ``negated``, ``quote`` (bool: a quote is found), ``quantities``
(``[value, unit, qualifier]``) and ``dates`` (ISO strings). A field is scored only on the
lines that state it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsfuse.claims.attribution import speaker_key
from newsfuse.claims.extract import extract
from newsfuse.claims.types import Claim
from newsfuse.errors import InputError
from newsfuse.models import Article
from newsfuse.segment import split

GOLD_PATH = Path(__file__).with_name("data") / "gold.jsonl"
FIELDS = ("speaker", "via", "stance", "verb", "negated", "quote", "quantities", "dates")


def load_gold(path: Path | str = GOLD_PATH) -> list[dict[str, Any]]:
    """The gold lines; a bad line raises InputError naming ``file:line``."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}", f"not valid JSON ({exc.msg}); fix the line") from exc
    return rows


def evaluate_gold(path: Path | str = GOLD_PATH, *, tagger: str | None = "rules") -> dict[str, Any]:
    """Per-field accuracy of :func:`~newsfuse.claims.extract` on the gold set.

    ``<field>_accuracy`` = lines where the extracted value equals the expected one ÷ lines
    that state the field. Speakers and relays are compared by :func:`speaker_key` (case,
    articles and count words ignored); quantities as sets of (value, unit[, qualifier]);
    dates as sets of ISO strings. ``errors`` lists every mismatch for debugging.
    """
    totals = dict.fromkeys(FIELDS, 0)
    hits = dict.fromkeys(FIELDS, 0)
    errors: list[dict[str, Any]] = []
    for row in load_gold(path):
        claim = _claim_for(row, tagger)
        for name in FIELDS:
            if name not in row:
                continue
            totals[name] += 1
            got, want = _observed(claim, name, row[name]), _expected(name, row[name])
            if got == want:
                hits[name] += 1
            else:
                errors.append({"id": row.get("id"), "field": name, "want": want, "got": got})
    report: dict[str, Any] = {"lines": sum(1 for _ in load_gold(path))}
    for name in FIELDS:
        report[f"{name}_n"] = totals[name]
        report[f"{name}_accuracy"] = round(hits[name] / totals[name], 4) if totals[name] else None
    report["errors"] = errors
    return report


def _claim_for(row: dict[str, Any], tagger: str | None) -> Claim:
    ident = str(row.get("id", "gold"))
    text = str(row["text"])
    article = Article(id=ident, origin="gold", raw_text=text, text=text,
                      published=row.get("published"))
    article.sentences = split(text, ident)
    claims = extract(article, tagger=tagger)
    return claims[int(row.get("sentence", 0))]


def _observed(claim: Claim, name: str, want: Any) -> Any:
    if name == "speaker":
        return claim.speaker_key
    if name == "via":
        return [speaker_key(v) for v in claim.via]
    if name == "quote":
        return claim.quote is not None
    if name == "quantities":
        with_qualifier = any(len(q) > 2 for q in want)
        return sorted(
            (q.value, q.unit, q.qualifier) if with_qualifier else (q.value, q.unit)
            for q in claim.quantities
        )
    if name == "dates":
        return sorted({d.iso for d in claim.dates})
    return getattr(claim, name)


def _expected(name: str, want: Any) -> Any:
    if name == "speaker":
        return speaker_key(want)
    if name == "via":
        return [speaker_key(v) for v in want]
    if name == "quantities":
        with_qualifier = any(len(q) > 2 for q in want)
        return sorted(
            (float(q[0]), q[1], q[2] if len(q) > 2 else None) if with_qualifier
            else (float(q[0]), q[1])
            for q in want
        )
    if name == "dates":
        return sorted(set(want))
    return want
