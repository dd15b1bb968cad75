"""The CLI through typer's runner: exit codes, formats, error lines, help everywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app, main

runner = CliRunner()

GOOD = """Council approves harbour budget
The Westhaven council approved a new harbour budget of 12 million euros on Tuesday evening.
The money will pay for new piers and dredging work, the council's finance chair said.
"""
OTHER = """Harbour budget passes in Westhaven
Westhaven's council voted on Tuesday to approve a 12 million euro budget for the harbour.
Opposition members said the plan ignored the fishing fleet.
"""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    return tmp_path


def _command_paths() -> list[list[str]]:
    import typer.main

    def walk(command: Any, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, sub in getattr(command, "commands", {}).items():
            found += walk(sub, [*path, name])
        return found

    return walk(typer.main.get_command(app), [])


def test_every_command_has_help_and_a_docstring() -> None:
    paths = _command_paths()
    assert ["analyze"] in paths and ["bench", "summarize"] in paths
    for args in paths:
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage" in result.output
    import typer.main

    def undocumented(command: Any, path: str) -> list[str]:
        bad = [] if (command.help or "").strip() else [path or "newsfuse"]
        for name, sub in getattr(command, "commands", {}).items():
            bad += undocumented(sub, f"{path} {name}".strip())
        return bad

    assert undocumented(typer.main.get_command(app), "") == []


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newsfuse ")


def test_read_json_lists_articles(story_dir: Path) -> None:
    result = runner.invoke(app, ["read", str(story_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["title"] for r in rows} == {"Council approves harbour budget",
                                         "Harbour budget passes in Westhaven"}
    assert all(r["sentences"] >= 2 and isinstance(r["removed"], list) for r in rows)


def test_bad_input_reports_one_line_and_keeps_the_rest(story_dir: Path) -> None:
    (story_dir / "empty.txt").write_text("", encoding="utf-8")
    missing = story_dir / "nope.txt"
    result = runner.invoke(app, ["read", str(story_dir), str(missing), "--format", "json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("nope.txt" in e for e in errors)


def test_summarize_json_shape(story_dir: Path) -> None:
    result = runner.invoke(app, ["summarize", str(story_dir), "--format", "json", "-w", "40"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] and len(data["sources"]) == 2
    for sentence in data["summary"]:
        assert {"text", "citations"} <= set(sentence)
        assert all({"source", "start", "end", "text"} <= set(c) for c in sentence["citations"])


def test_summarize_markdown_and_text(story_dir: Path) -> None:
    md = runner.invoke(app, ["summarize", str(story_dir), "--format", "md"])
    assert md.exit_code == 0 and md.stdout.startswith("## Summary")
    text = runner.invoke(app, ["summarize", str(story_dir)])
    assert text.exit_code == 0 and "Sources:" in text.stdout and "[1" in text.stdout


def test_summarize_dataset_writes_one_line_per_cluster(tmp_path: Path) -> None:
    data = tmp_path / "clusters.jsonl"
    rows = [{"id": "c1", "documents": [GOOD, OTHER]}, "not json", {"id": "c2", "documents": [GOOD]}]
    data.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows),
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["summarize", "--dataset", str(data), "-o", str(out)])
    assert result.exit_code == 1  # one bad row
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [w["id"] for w in written] == ["c1", "c2"]
    assert all(w["summary"] for w in written)
    assert "clusters.jsonl:2" in result.stderr


def test_usage_errors_exit_2(story_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["summarize", str(story_dir), "--words", "0"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "positive" in err[0]
    with pytest.raises(SystemExit) as exc:
        main(["read", "--format", "yaml", str(story_dir)])
    assert exc.value.code == 2


def test_read_seeds_acceptance(seed_paths: list[Path]) -> None:
    result = runner.invoke(app, ["read", *map(str, seed_paths), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 3
    dated = [r for r in rows if r["published"]]
    assert [r["published"] for r in dated] == ["2015-10-08"]
    for furniture in ("Skip to content", "Get our newsletter", "(AFP, AP, Reuters)", "Image:"):
        assert all(furniture not in r["text"] for r in rows)


def test_cold_start_imports_no_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys, newsfuse.cli; heavy = {'numpy', 'trafilatura', 'onnxruntime', 'spacy',"
            " 'feedparser', 'dateparser', 'sqlalchemy'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_show_removed_lists_furniture_with_reasons(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(GOOD + "\nSign up for our newsletter to get the latest harbour news!\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["read", str(page), "--show-removed"])
    assert result.exit_code == 0
    assert "-- removed:" in result.stdout and "[promo]" in result.stdout


def test_nothing_readable_prints_no_report(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01binary\x00")
    for command in ("summarize", "analyze"):
        result = runner.invoke(app, [command, str(junk)])
        assert result.exit_code == 1
        assert result.stdout == ""
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and errors[0].count("junk.txt") == 1


def test_analyze_json_validates_against_the_published_schema(story_dir: Path) -> None:
    import jsonschema

    schema_path = Path(__file__).parents[1] / "src" / "newsfuse" / "schemas" / "report.schema.json"
    result = runner.invoke(app, ["analyze", str(story_dir), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), json.loads(schema_path.read_text("utf-8")))


@pytest.mark.parametrize("workers", ["0", "1"])
def test_ingest_with_or_without_a_worker_stores_one_story(
    story_dir: Path, tmp_path: Path, workers: str
) -> None:
    db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
    result = runner.invoke(app, ["ingest", str(story_dir), "--db", db, "--embedder", "hashing",
                                 "--workers", workers])
    assert result.exit_code == 0, result.stderr
    assert "2 new" in result.stdout
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    assert [s["size"] for s in listed] == [2]


def test_ingest_refuses_a_negative_worker_count(story_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", str(story_dir), "--workers", "-1"])
    assert result.exit_code == 2
    assert "--workers" in result.stderr


@pytest.mark.parametrize(("flags", "shown"), [(["--verbose"], True), ([], False)])
def test_library_notes_show_only_with_verbose(story_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                              flags: list[str], shown: bool) -> None:
    import logging

    def embed_noting(texts: list[str]) -> Any:
        # What a backend says while it works (the int8 model copy being built, say).
        logging.getLogger("newsfuse.embed").info("note from the embedder")
        return real(texts)

    from newsfuse.embed import get_embedder

    hashing = get_embedder("hashing")
    real = hashing.embed
    monkeypatch.setattr(hashing, "embed", embed_noting)
    result = runner.invoke(app, [*flags, "summarize", str(story_dir), "--embedder", "hashing"])
    assert result.exit_code == 0, result.output
    assert ("note from the embedder" in result.stderr) is shown
