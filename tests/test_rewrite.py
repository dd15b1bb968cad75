"""The optional LLM rewording pass: what the checker lets through, and what it refuses.

The LLM here is a scriptable fake (it answers what a test tells it to): these are tests of
the caller, the checker and the wiring. The real server is exercised in test_llm.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.helpers import story
from typer.testing import CliRunner

from newsfuse.cli import app, main
from newsfuse.errors import BackendUnavailable, ConfigError, LLMError
from newsfuse.llm import OpenAICompatible, get_llm
from newsfuse.summarize import summarize
from newsfuse.summarize.rewrite import _first_line, unsupported

SOURCE = ("Westhaven's harbour master, Ilse Marten, said on Tuesday that the storm had "
          "damaged 14 boats in the old harbour overnight.")
OTHER = "The storm damaged 14 boats in the old harbour of Westhaven, the harbour master said."

HERALD = f"""Storm hits Westhaven harbour
{SOURCE}
Crews worked through the morning to clear debris from the quay, officials said.
"""
GAZETTE = f"""Boats damaged in Westhaven
{OTHER}
The council will meet on Friday to discuss repairs to the quay.
"""


class ScriptedLLM:
    """Answers every prompt with ``answer`` (or what ``answer_for`` maps the prompt to)."""

    name = "scripted"

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.prompts: list[str] = []

    def complete(self, prompt: str, *, system: str | None = None, max_tokens: int = 200,
                 temperature: float = 0.0) -> str:
        self.prompts.append(prompt)
        return self.answer


GOOD = "Westhaven's harbour master said the storm had damaged 14 boats in the old harbour."


def test_a_shortening_by_deletion_passes() -> None:
    assert unsupported(GOOD, SOURCE) is None
    assert unsupported("Westhaven's harbour master said the storm had damaged 14 boats.",
                       SOURCE) is None


@pytest.mark.parametrize(("candidate", "problem"), [
    # paraphrase, a changed number, a new name, reordering: not deletions
    ("The harbour master said the storm damaged 14 boats.", "only deletions"),
    ("Westhaven's harbour master said the storm had damaged 41 boats.", "only deletions"),
    ("Mayor Brandt said the storm had damaged 14 boats.", "only deletions"),
    ("The storm had damaged 14 boats, Westhaven's harbour master said.", "only deletions"),
    # deletions that change the claim
    ("The storm had damaged 14 boats in the old harbour overnight.", "who said it"),
    ("", "no sentence"),
    (SOURCE, "not shorter"),
    ("Westhaven's harbour master said the storm had damaged 14 boats in the", "whole sentence"),
    ("Westhaven's harbour master, Ilse Marten.", "who said it"),
])
def test_unsupported_shortenings_are_refused(candidate: str, problem: str) -> None:
    found = unsupported(candidate, SOURCE)
    assert found is not None and problem in found, found


@pytest.mark.parametrize(("original", "candidate", "problem"), [
    ("Officials said the ferry had not been inspected since the spring floods.",
     "Officials said the ferry had been inspected.", "not"),
    ("Officials said the ferry was not insured and had not been inspected in years.",
     "Officials said the ferry was not insured and had been inspected in years.", "not"),
    ("Police said the driver allegedly fled the scene before the crash was reported.",
     "Police said the driver fled the scene.", "allegedly"),
    ("Officials said at least 40 homes were flooded along the river overnight.",
     "Officials said 40 homes were flooded.", "least"),
    ('"We will rebuild the quay," the mayor said on Tuesday after the storm passed.',
     '"We will rebuild the quay," the mayor said.', None),
    ('"We will rebuild the quay by summer," the mayor said on Tuesday.',
     '"We will rebuild the quay, the mayor said.', "quotation"),
    ("Her comments about the quay are the first news of the repairs in a month.",
     "The first news of the repairs in a month.", "whole sentence"),
    ("The ferry sank in the storm, according to the coast guard in Westhaven.",
     "The ferry sank in the storm.", "who said it"),
])
def test_deletions_must_keep_what_changes_the_claim(original: str, candidate: str,
                                                     problem: str | None) -> None:
    found = unsupported(candidate, original)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found, found


def test_summarize_keeps_checked_rewordings_and_their_citations() -> None:
    articles = story(HERALD, GAZETTE)
    plain = summarize(articles, 60, embedder="hashing")
    llm = ScriptedLLM(f'Shortened: "{GOOD}"')
    reworded = summarize(articles, 60, embedder="hashing", llm=llm)
    assert len(llm.prompts) == len(plain.sentences) > 0
    boats = next(s for s in reworded.sentences if "14 boats" in s.citations[0].text)
    assert boats.rewritten and boats.text == GOOD
    original = next(s for s in plain.sentences if "14 boats" in s.citations[0].text)
    assert boats.citations == original.citations  # a rewrite cites what it replaces
    assert boats.to_dict()["rewritten"] is True
    # the same answer does not fit the sentences about something else: they stay, with why
    for kept in [s for s in reworded.sentences if "14 boats" not in s.citations[0].text]:
        assert not kept.rewritten and kept.rewrite_note
        assert kept.text in kept.citations[0].text


def test_invented_facts_never_replace_a_source_sentence() -> None:
    articles = story(HERALD, GAZETTE)
    llm = ScriptedLLM("Officials said 200 boats sank and 3 people died.")
    summary = summarize(articles, 60, embedder="hashing", llm=llm)
    assert summary.sentences and not any(s.rewritten for s in summary.sentences)
    assert all("only deletions" in (s.rewrite_note or "") for s in summary.sentences)


def test_answer_cleanup() -> None:
    assert _first_line('\n  Shortened: "Boats sank."\nExplanation: shorter') == "Boats sank."
    assert _first_line("“Boats sank.”") == "Boats sank."


def test_client_rejects_a_bad_url_and_names_an_unreachable_server() -> None:
    with pytest.raises(ConfigError, match="http"):
        get_llm("127.0.0.1:8080")
    client = OpenAICompatible("http://127.0.0.1:9/", timeout=2.0)
    assert client.endpoint == "http://127.0.0.1:9/v1/chat/completions"
    with pytest.raises(BackendUnavailable, match="cannot reach the LLM server"):
        client.complete("hello")


def test_cli_llm_errors_are_one_readable_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(HERALD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GAZETTE, encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    for extra, message in ((["--llm-model", "m"], "--llm-model needs --llm"),
                           (["--llm", "http://127.0.0.1:9/v1"], "cannot reach the LLM server")):
        with pytest.raises(SystemExit) as exc:
            main(["summarize", *paths, *extra])
        assert exc.value.code != 0
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0]
    # without --llm the JSON has no rewrite fields at all
    result = CliRunner().invoke(app, ["summarize", *paths, "--format", "json"])
    assert result.exit_code == 0
    assert all("rewritten" not in s for s in json.loads(result.stdout)["summary"])


def test_analyze_shortens_its_summary_the_same_way() -> None:
    import jsonschema
    from tests.test_report import SCHEMA

    from newsfuse.report import analyze

    articles = story(HERALD, GAZETTE)
    report = analyze(articles, words=60, embedder="hashing", llm=ScriptedLLM(GOOD))
    plain = analyze(articles, words=60, embedder="hashing")
    # The same sentences, each shortened by deletion only (or left whole, with a note).
    assert [s.citations for s in report.summary] == [s.citations for s in plain.summary]
    for short, whole in zip(report.summary, plain.summary, strict=True):
        kept = iter(re.findall(r"\w+", whole.text))
        assert all(word in kept for word in re.findall(r"\w+", short.text))
    assert any(s.rewritten for s in report.summary)
    data = json.loads(json.dumps(report.to_dict()))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert all(s.get("rewritten") or s.get("rewrite_note") for s in data["summary"])


def test_stored_story_report_with_llm_is_shortened_and_never_cached(tmp_path: Path) -> None:
    from newsfuse.store import ingest, open_store, story_report

    for name, text in (("a.txt", HERALD), ("b.txt", GAZETTE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    ingest([tmp_path / "a.txt", tmp_path / "b.txt"], db=db, embedder="hashing")
    store = open_store(db)
    story = next(iter(store.stories())).id
    store.close()
    shortened = json.loads(story_report(story, fmt="json", db=db, llm=ScriptedLLM(GOOD)))
    assert any(s.get("rewritten") for s in shortened["summary"])
    # the plain report is computed (and cached) as before, without the model's wording
    plain = json.loads(story_report(story, fmt="json", db=db))
    assert not any("rewritten" in s or "rewrite_note" in s for s in plain["summary"])
    again = json.loads(story_report(story, fmt="json", db=db, llm=ScriptedLLM("Nothing.")))
    assert not any(s.get("rewritten") for s in again["summary"])


class FlakyLLM(ScriptedLLM):
    """Fails (as a server error) on the prompts that mention ``word``."""

    def __init__(self, answer: str, word: str) -> None:
        super().__init__(answer)
        self.word = word

    def complete(self, prompt: str, *, system: str | None = None, max_tokens: int = 200,
                 temperature: float = 0.0) -> str:
        if self.word in prompt:
            raise LLMError("the LLM server at http://127.0.0.1:9/v1 answered HTTP 503")
        return super().complete(prompt, system=system, max_tokens=max_tokens)


def test_dataset_rows_the_llm_fails_on_are_reported_and_the_rest_complete(
        tmp_path: Path) -> None:
    from newsfuse.summarize.dataset import summarize_dataset

    other = ("Quay repairs begin in Eastport\nWorkers began repairing the Eastport quay on "
             "Monday after weeks of delays, the port authority said on Monday.\n")
    data = tmp_path / "clusters.jsonl"
    data.write_text("\n".join(json.dumps({"id": i, "documents": d}) for i, d in
                              (("storm", [HERALD, GAZETTE]), ("quay", [other]))),
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = summarize_dataset(data, out, words=60, embedder="hashing",
                              llm=FlakyLLM(GOOD, "boats"))
    assert [f.origin for f in stats.failures] == [f"{data}:1"]
    assert "HTTP 503" in stats.failures[0].message
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["quay"]
