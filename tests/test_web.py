"""The web app and JSON API, in process (httpx through Starlette's TestClient).

A stored story is built from the bundled fictional example (examples/harbor-fire); other
articles are written here. Every endpoint and every refusal (token, size, count, unknown
story, malformed body) has a test, and untrusted text must come back escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newsfuse[web]'")

from fastapi.testclient import TestClient

from newsfuse.errors import ConfigError
from newsfuse.store import ingest
from newsfuse.web import WebConfig, create_app
from newsfuse.web.inputs import safe_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-fire"
SCHEMA = ROOT / "src" / "newsfuse" / "schemas" / "report.schema.json"
TOKEN = "test-token-1234"

# A fictional story in two reports that disagree on a number.
BRIDGE_A = """Old Mill bridge reopens after repairs in Lindenfeld
The Old Mill bridge in Lindenfeld reopened to traffic on Monday after four months of repairs.
Mayor Petra Voss said the repairs cost 2.1 million euros.
About 9,000 vehicles cross the bridge every day, the city transport office said.
Cyclists will get a separate lane from next spring.
"""
BRIDGE_B = """Lindenfeld's Old Mill bridge open again
Lindenfeld reopened the Old Mill bridge on Monday following four months of repair work.
The repairs cost 2.8 million euros, according to the regional auditor.
About 9,000 vehicles use the crossing each day, the transport office said.
A bus line that was diverted during the works returns to its old route on Tuesday.
"""
XSS = '<script>alert("owned")</script>'


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'news.db'}"
    summary = ingest([EXAMPLE], db=url)
    assert summary.new == 3
    return url


def _client(db: str, **settings: object) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=db, **settings))  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(stored_db: str) -> Iterator[TestClient]:
    yield from _client(stored_db)


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """An empty store that accepts writes with TOKEN."""
    yield from _client(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN)


def _story_id(client: TestClient) -> int:
    stories = client.get("/api/stories").json()["stories"]
    assert len(stories) == 1
    return int(stories[0]["id"])


def _error(response: object, status: int) -> str:
    assert getattr(response, "status_code") == status  # noqa: B009
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and body["error"]["status"] == status
    message: str = body["error"]["message"]
    assert message
    return message


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- reading stories ---------------------------------------------------------------------


def test_api_lists_stories_with_outlets_count_and_dates(client: TestClient) -> None:
    (story,) = client.get("/api/stories").json()["stories"]
    assert story["size"] == 3
    assert {"Meridian Daily", "Meridian Wire"} <= set(story["outlets"])
    assert story["first"] == "2025-06-11" and story["last"] == "2025-06-12"


def test_stories_page_links_each_story(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/stories/{_story_id(client)}"' in page.text
    assert "Meridian Wire" in page.text and "3 articles" in page.text


def test_story_report_api_follows_the_schema(client: TestClient) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = client.get(f"/api/stories/{_story_id(client)}/report").json()
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert len(report["sources"]) == 3 and report["summary"]


def test_story_api_has_listing_report_and_links(client: TestClient) -> None:
    body = client.get(f"/api/stories/{_story_id(client)}").json()
    assert body["story"]["size"] == 3
    assert "https://wire.example/2025/06/12/port-meridian-pier7-reopens" in body["links"].values()
    assert body["report"]["conflicts"]


def test_story_page_shows_everything_the_report_has(client: TestClient) -> None:
    sid = _story_id(client)
    report = client.get(f"/api/stories/{sid}/report").json()
    page = client.get(f"/stories/{sid}").text
    for section in ("Summary", "Agreed", "Disputed", "Conflicting", "Only in", "Timeline",
                    "Coverage", "Sources"):
        assert f"<h2>{section}" in page
    texts = [s["text"] for s in report["summary"]] + [t["text"] for t in report["timeline"]]
    texts += [side["value"] for c in report["conflicts"] for side in c["sides"]]
    texts += [p["party"] for d in report["disputes"] for p in d["parties"]]
    for text in texts:
        assert _escaped(text) in page, text
    # Every citation marker carries its cited sentence, revealed on hover/click.
    assert page.count('class="cite-mark"') >= len(report["summary"])
    assert 'href="https://wire.example/2025/06/12/port-meridian-pier7-reopens"' in page
    assert f'href="/stories/{sid}/report.json"' in page


def test_conflict_sides_are_shown_side_by_side(client: TestClient) -> None:
    sid = _story_id(client)
    report = client.get(f"/api/stories/{sid}/report").json()
    page = client.get(f"/stories/{sid}").text
    conflicting = page.split('id="conflicting"')[1].split("</section>")[0]
    assert conflicting.count('class="sides"') == len(report["conflicts"])
    for conflict in report["conflicts"]:
        for side in conflict["sides"]:
            for cite in side["citations"]:
                assert _escaped(cite["text"]) in conflicting
    # A summary sentence that takes one side says so and points at the conflict.
    summary = page.split('id="summary"')[1].split("</section>")[0]
    sided = [s for s in report["summary"] if s.get("conflicts")]
    assert sided and summary.count('class="differ" href="#conflicting"') == len(sided)


def test_markdown_report_and_downloads(client: TestClient) -> None:
    sid = _story_id(client)
    md = client.get(f"/api/stories/{sid}/report", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Story analysis") and "## Conflicting" in md.text
    download = client.get(f"/stories/{sid}/report.md")
    assert "attachment" in download.headers["content-disposition"]
    assert download.text == md.text
    as_json = client.get(f"/stories/{sid}/report.json")
    assert "attachment" in as_json.headers["content-disposition"]
    assert as_json.json() == client.get(f"/api/stories/{sid}/report").json()
    assert client.get(f"/stories/{sid}/report.exe").status_code == 400


def test_unknown_story_is_404_with_a_message(client: TestClient) -> None:
    message = _error(client.get("/api/stories/424242"), 404)
    assert "story 424242 does not exist" in message and "/api/stories" in message
    _error(client.get("/api/stories/424242/report"), 404)
    page = client.get("/stories/424242")
    assert page.status_code == 404 and "story 424242 does not exist" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_unknown_route_and_method_are_json_under_api(client: TestClient) -> None:
    assert "/api/stories" in _error(client.get("/api/nothing-here"), 404)
    assert "not allowed" in _error(client.delete("/api/stories"), 405)
    _error(client.get("/api/stories/not-a-number"), 422)


# --- writing: tokens ---------------------------------------------------------------------


def test_ingest_is_disabled_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"articles": [{"text": BRIDGE_A}]},
                           headers=_bearer())
    assert "NEWSFUSE_TOKEN" in _error(response, 403)


def test_ingest_needs_the_token(writable: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE_A}]}
    assert "token" in _error(writable.post("/api/ingest", json=body), 401)
    assert "not valid" in _error(writable.post("/api/ingest", json=body,
                                               headers=_bearer("wrong-token-999")), 403)
    assert writable.get("/api/stories").json()["stories"] == []


def test_ingest_stores_and_clusters_then_dedupes(writable: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE_A, "outlet": "Lindenfeld Post"},
                         {"text": BRIDGE_B, "outlet": "Valley Courier",
                          "url": "https://courier.example/bridge"}]}
    first = writable.post("/api/ingest", json=body, headers=_bearer())
    assert first.status_code == 200, first.text
    assert first.json()["new"] == 2 and first.json()["failures"] == []
    again = writable.post("/api/ingest", json=body, headers={"X-Newsfuse-Token": TOKEN})
    assert again.json()["new"] == 0 and again.json()["duplicate"] == 2
    stories = writable.get("/api/stories").json()["stories"]
    assert sum(s["size"] for s in stories) == 2
    assert {"Lindenfeld Post", "Valley Courier"} == {o for s in stories for o in s["outlets"]}


def test_ingest_files_reads_like_the_cli(writable: TestClient) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLE.glob("0*"))]
    response = writable.post("/api/ingest/files", files=files, headers=_bearer())
    assert response.status_code == 200, response.text
    assert response.json()["new"] == 3
    (story,) = writable.get("/api/stories").json()["stories"]
    assert story["size"] == 3


# --- analyze -----------------------------------------------------------------------------


def test_analyze_json_reports_without_storing(writable: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE_A, "outlet": "Lindenfeld Post"},
                         {"text": BRIDGE_B, "outlet": "Valley Courier"}], "words": 60}
    response = writable.post("/api/analyze", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert [s["label"] for s in result["report"]["sources"]] == ["Lindenfeld Post",
                                                                  "Valley Courier"]
    assert result["report"]["summary"] and result["markdown"].startswith("# Story analysis")
    assert result["stored"] is None
    assert writable.get("/api/stories").json()["stories"] == []


def test_analyze_with_store_needs_the_token_then_stores(writable: TestClient) -> None:
    body = {"articles": [{"text": BRIDGE_A}, {"text": BRIDGE_B}], "store": True}
    _error(writable.post("/api/analyze", json=body), 401)
    stored = writable.post("/api/analyze", json=body, headers=_bearer()).json()["stored"]
    assert stored["new"] == 2
    assert len(writable.get("/api/stories").json()["stories"]) >= 1


def test_analyze_files_names_uploads_not_temp_paths(client: TestClient) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(EXAMPLE.glob("0*"))]
    files.append(("files", ("empty.txt", b"")))
    response = client.post("/api/analyze/files", files=files, data={"words": "80"})
    assert response.status_code == 200, response.text
    result = response.json()
    origins = [s["origin"] for s in result["report"]["sources"]]
    assert origins == ["01-coastal-herald.txt", "02-meridian-daily.html",
                       "03-wire-service.json"]
    (failure,) = result["failures"]
    assert failure["origin"] == "empty.txt" and "newsfuse-upload" not in failure["message"]


def test_analyze_with_nothing_usable_says_what_to_send(client: TestClient) -> None:
    files = [("files", ("blank.txt", b"   \n"))]
    message = _error(client.post("/api/analyze/files", files=files), 400)
    assert "no usable article" in message and "blank.txt" in message


def test_malformed_body_is_422_naming_the_field(client: TestClient) -> None:
    message = _error(client.post("/api/analyze", json={"articles": [{"title": "x"}]}), 422)
    assert "articles.0.text" in message
    message = _error(client.post("/api/analyze", json={"articles": [{"text": "x"}],
                                                       "words": 0}), 422)
    assert "words" in message
    _error(client.post("/api/analyze", content=b"{not json",
                       headers={"content-type": "application/json"}), 422)


def test_analyze_form_page_shows_the_report(client: TestClient) -> None:
    form = {"text": [BRIDGE_A, BRIDGE_B, ""], "outlet": ["Lindenfeld Post", "Valley Courier", ""],
            "words": "60"}
    page = client.post("/analyze", data=form)
    assert page.status_code == 200, page.text
    assert "Report on 2 articles" in page.text and 'id="report-data"' in page.text
    assert "Lindenfeld Post" in page.text and "<h2>Conflicting" in page.text


def test_analyze_form_with_no_text_rerenders_with_the_error(client: TestClient) -> None:
    page = client.post("/analyze", data={"text": ["", ""]})
    assert page.status_code == 400
    assert "no usable article" in page.text and "<form" in page.text


# --- limits ------------------------------------------------------------------------------


def test_oversize_body_is_413_with_the_limit(stored_db: str) -> None:
    for client in _client(stored_db, max_body_bytes=4096):
        big = {"articles": [{"text": "word " * 2000}]}
        message = _error(client.post("/api/analyze", json=big), 413)
        assert "4 KB" in message
        upload = [("files", ("big.txt", b"x" * 10_000))]
        _error(client.post("/api/analyze/files", files=upload), 413)
        page = client.post("/analyze", files=upload)
        assert page.status_code == 413 and "4 KB" in page.text


def test_oversize_streamed_body_without_length_is_413(stored_db: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}]}'

    for client in _client(stored_db, max_body_bytes=4096):
        response = client.post("/api/analyze", content=chunks(),
                               headers={"content-type": "application/json"})
        _error(response, 413)


def test_too_many_articles_is_413(stored_db: str) -> None:
    for client in _client(stored_db, max_articles=2):
        body = {"articles": [{"text": f"Story {i}\nSomething happened {i}."} for i in range(3)]}
        assert "limit is 2" in _error(client.post("/api/analyze", json=body), 413)
        files = [("files", (f"{i}.txt", b"A headline\nA sentence here.")) for i in range(3)]
        _error(client.post("/api/analyze/files", files=files), 413)


# --- security ----------------------------------------------------------------------------


def test_script_in_an_article_shows_as_text(writable: TestClient) -> None:
    evil = f"Harbour news {XSS}\nThe ferry {XSS} left at noon on Monday, officials said.\n"
    body = {"articles": [
        {"text": evil, "outlet": f"Evil {XSS}", "title": f"Title {XSS}",
         "url": "javascript:alert(1)"},
        {"text": BRIDGE_A, "outlet": "Lindenfeld Post"}]}
    assert writable.post("/api/ingest", json=body, headers=_bearer()).status_code == 200
    pages = [writable.get("/").text]
    pages += [writable.get(f"/stories/{s['id']}").text
              for s in writable.get("/api/stories").json()["stories"]]
    pages.append(writable.post("/analyze", data={"text": [evil, BRIDGE_A],
                                                 "outlet": [f"Evil {XSS}", ""]}).text)
    for page in pages:
        assert "<script>alert" not in page
        assert "javascript:alert" not in page
    joined = "\n".join(pages)
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in joined
    # The embedded report data cannot close its <script> element either.
    assert "\\u003cscript\\u003e" in pages[-1]


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_pages_and_assets_load_nothing_from_elsewhere(client: TestClient) -> None:
    sid = _story_id(client)
    for path in ("/", f"/stories/{sid}", "/analyze", "/api/docs"):
        text = client.get(path).text
        for attr in ('src="http', "src='http", 'src="//', 'rel="stylesheet" href="http'):
            assert attr not in text, (path, attr)
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "@media print" in css.text and "url(" not in css.text
    assert client.get("/static/app.js").status_code == 200


def test_read_token_guards_reads_when_configured(stored_db: str) -> None:
    for client in _client(stored_db, read_token="read-secret-77"):
        assert "read token" in _error(client.get("/api/stories"), 401)
        assert client.get("/", follow_redirects=False).status_code == 401
        ok = client.get("/api/stories", headers=_bearer("read-secret-77"))
        assert ok.status_code == 200
        page = client.get("/?token=read-secret-77")
        assert page.status_code == 200 and "newsfuse_token" in page.headers["set-cookie"]
        assert client.get(f"/stories/{_story_id_with(client)}").status_code == 200


def _story_id_with(client: TestClient) -> int:
    return int(client.get("/api/stories").json()["stories"][0]["id"])


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/report",
            "/api/ingest", "/api/ingest/files", "/api/analyze",
            "/api/analyze/files"} <= set(spec["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/analyze/files" in docs.text
    assert client.get("/healthz").json() == {"status": "ok"}


# --- configuration and helpers -----------------------------------------------------------


def test_config_checks_values_and_reads_the_env(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="too short"):
        WebConfig(token="abc")
    with pytest.raises(ConfigError, match="article limit"):
        WebConfig(max_articles=0)
    monkeypatch.setenv("NEWSFUSE_TOKEN", TOKEN)
    monkeypatch.setenv("NEWSFUSE_MAX_BODY_MB", "0.5")
    config = WebConfig.from_env(db="sqlite://", max_articles=7)
    assert (config.token, config.max_body_bytes, config.max_articles) == (TOKEN, 524288, 7)
    monkeypatch.setenv("NEWSFUSE_MAX_ARTICLES", "many")
    with pytest.raises(ConfigError, match="NEWSFUSE_MAX_ARTICLES"):
        WebConfig.from_env()


def test_upload_names_cannot_escape_the_temp_dir() -> None:
    assert safe_name("../../etc/passwd", 0) == "passwd"
    assert safe_name("C:\\Users\\x\\story one.html", 1) == "story_one.html"
    assert safe_name("..", 2) == "upload-2"


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")


# --- the load check (bench/web.py), kept tiny here ---------------------------------------


def test_load_check_runs_against_a_real_server(stored_db: str) -> None:
    from newsfuse.bench.web import format_web_table, run_web_bench

    result = run_web_bench(stored_db, clients=4, duration=1.0, max_requests=40)
    assert result.ok and 0 < result.requests <= 40, format_web_table(result)
    assert result.p50_ms <= result.p99_ms <= result.max_ms
    assert result.page_bytes > 10_000 and "PASS" in format_web_table(result)


def test_load_check_refuses_other_hosts_and_unbounded_runs() -> None:
    from newsfuse.bench.web import percentile, run_web_bench

    with pytest.raises(ConfigError, match="loopback"):
        run_web_bench(url="http://example.org/stories/1", duration=1)
    with pytest.raises(ConfigError, match="duration"):
        run_web_bench(url="http://127.0.0.1:9/", duration=3600)
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile([float(i) for i in range(1, 101)], 99) == 99.0


@pytest.mark.shared
def test_seed_story_page_has_everything_the_cli_report_has(seed_paths: list[Path],
                                                           tmp_path: Path) -> None:
    from newsfuse.pipeline import read
    from newsfuse.report import analyze

    db = f"sqlite:///{tmp_path / 'seeds.db'}"
    assert ingest(seed_paths, db=db).new == len(seed_paths)
    cli = analyze(read(seed_paths).articles).to_dict()
    for client in _client(db):
        stories = client.get("/api/stories").json()["stories"]
        assert len(stories) == 1 and stories[0]["size"] == len(seed_paths)
        page = client.get(f"/stories/{stories[0]['id']}").text
    texts = [s["text"] for s in cli["summary"]] + [t["text"] for t in cli["timeline"]]
    texts += [c["text"] for c in cli["claims"] if c["status"] == "corroborated"]
    texts += [x["text"] for c in cli["conflicts"] for s in c["sides"] for x in s["citations"]]
    texts += [x["text"] for d in cli["disputes"] for p in d["parties"] for x in p["citations"]]
    for text in texts:
        assert _escaped(text) in page, text
