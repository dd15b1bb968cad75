"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and isolation."""

from __future__ import annotations

import os
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


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Nor its cache (the int8 model copy is built there once per test run), unless the
    # caller points the tests at one on purpose to skip rebuilding it.
    os.environ.setdefault("NEWSFUSE_CACHE_DIR", str(tmp_path_factory.mktemp("newsfuse-cache")))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may touch the user's real data directory.
    monkeypatch.setenv("NEWSFUSE_DATA_DIR", str(tmp_path / "newsfuse-data"))
