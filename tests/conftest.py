"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared evaluation data is not beside this checkout")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """The three real seed articles (third-party text: read in place, never copied)."""
    return _need(SHARED / "seeds")


@pytest.fixture
def seed_paths(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture
def multinews_path() -> Path:
    return _need(SHARED / "data" / "multinews200.jsonl")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may touch the user's real data directory.
    monkeypatch.setenv("NEWSFUSE_DATA_DIR", str(tmp_path / "newsfuse-data"))
