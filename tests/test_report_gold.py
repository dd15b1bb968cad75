"""Quality gates of the report: the fictional gold set, the bundled example, the seed story."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.pipeline import read
from newsfuse.report import Report, analyze
from newsfuse.report.gold import evaluate, speaker_accuracy

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-fire"


def test_gold_conflict_precision_and_recall() -> None:
    score = evaluate()
    assert score.precision >= 0.9, score.errors
    assert score.recall >= 0.6, score.errors
    assert score.disputes_found == score.disputes_gold, score.errors


def test_gold_speaker_accuracy() -> None:
    assert speaker_accuracy()["speaker_accuracy"] >= 0.9


@pytest.fixture(scope="module")
def example() -> Report:
    if not EXAMPLE.is_dir():
        pytest.skip("examples/harbor-fire is absent")
    return analyze(read(sorted(EXAMPLE.glob("0*"))).articles)


def test_example_conflicts(example: Report) -> None:
    kinds = sorted(c.kind for c in example.conflicts)
    assert kinds == ["confirmation", "numeric"]
    numeric = next(c for c in example.conflicts if c.kind == "numeric")
    # Each side from a different source; the vaguer third report backs neither number.
    side_sources = [set(s.sources) for s in numeric.sides]
    assert len(side_sources) == 2 and not side_sources[0] & side_sources[1]
    assert all(len(s) == 1 for s in side_sources)
    assert "firefighters" not in numeric.about.replace("people / firefighters", "")
    confirmation = next(c for c in example.conflicts if c.kind == "confirmation")
    no_side = next(s for s in confirmation.sides if s.value == "not confirmed")
    assert len(no_side.sources) == 2


def test_example_dispute_is_not_a_conflict(example: Report) -> None:
    [dispute] = example.disputes
    assert {p.stance for p in dispute.parties} == {"assert", "deny"}
    assert len({s for p in dispute.parties for s in p.sources}) == 2


def test_example_lookalike_firefighter_counts_only_noted(example: Report) -> None:
    for conflict in example.conflicts:
        for side in conflict.sides:
            assert "25" not in side.value and "40" not in side.value


_SEED_CACHE: dict[tuple[Path, ...], Report] = {}


@pytest.fixture
def seed_report(seed_paths: list[Path]) -> Report:
    # conftest's seed_paths is function-scoped; analyse the seeds once per session anyway.
    key = tuple(seed_paths)
    if key not in _SEED_CACHE:
        _SEED_CACHE[key] = analyze(read(seed_paths).articles)
    return _SEED_CACHE[key]


def test_seed_dispute_assert_vs_deny(seed_report: Report) -> None:
    assert any({p.stance for p in d.parties} == {"assert", "deny"}
               and len({s for p in d.parties for s in p.sources}) >= 2
               for d in seed_report.disputes)


def test_seed_confirmation_conflict_across_sources(seed_report: Report) -> None:
    found = [c for c in seed_report.conflicts if c.kind == "confirmation"]
    assert found
    sides = found[0].sides
    assert len(sides) == 2 and not set(sides[0].sources) & set(sides[1].sources)


def test_seed_lookalike_counts_are_hedged_not_conflicts(seed_report: Report) -> None:
    # The seed's counts of the same noun on different days must not be a hard conflict;
    # they may appear only as hedged notes.
    assert not [c for c in seed_report.conflicts if c.kind == "numeric"]
    for note in seed_report.notes:
        assert note.kind == "possible-mismatch" and len(note.citations) == 2
        assert note.citations[0].source != note.citations[1].source


def test_seed_timeline_has_both_days(seed_report: Report) -> None:
    dates = [t.date for t in seed_report.timeline]
    assert dates == sorted(dates)
    days = sorted(set(dates))
    assert len(days) >= 2
    first, second = days[0], days[1]
    assert int(second[-2:]) - int(first[-2:]) == 1  # consecutive days of one story
    assert all(t.citations for t in seed_report.timeline)


def test_seed_unique_per_source(seed_report: Report) -> None:
    assert len(seed_report.unique) == len(seed_report.sources)
    for entry in seed_report.unique:
        for claim_id in entry.claims:
            claim = seed_report.claim(claim_id)
            assert claim is not None and claim.sources == [entry.source]
