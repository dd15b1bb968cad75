"""End to end: a real uvicorn server, driven by a real headless Chromium through Playwright.

Debian's ``chromium`` (``bash .ci/chromium.sh``) is launched by path; no browser is ever
downloaded (never ``playwright install``). Without chromium or the playwright package these
tests skip, saying which is missing. Screenshots go to ``test-artifacts/`` (git-ignored);
``docs/story-page.png`` (for the README) is written when missing, or refreshed with
``NEWSFUSE_UPDATE_SCREENSHOT=1``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfuse.store import ingest
from newsfuse.web.server import ServerProcess

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-fire"
ARTIFACTS = ROOT / "test-artifacts"
DOCS_SHOT = ROOT / "docs" / "story-page.png"
CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
# Root in CI, offline machine: no sandbox, no GPU, nothing that phones home.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install playwright")
if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
    _why = f"no chromium at {CHROMIUM}: run `bash .ci/chromium.sh` (apt-get install chromium)"
    # CI sets NEWSFUSE_REQUIRE_E2E=1 so a missing browser fails loudly instead of skipping.
    if os.environ.get("NEWSFUSE_REQUIRE_E2E"):
        raise RuntimeError(_why)
    pytest.skip(_why, allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    db = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'news.db'}"
    assert ingest([EXAMPLE], db=db).new == 3
    with ServerProcess(db=db) as running:
        yield running
        log = running.log()
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert not dialogs, f"a page opened a dialog (script ran?): {dialogs}"
    assert not errors, f"JavaScript errors: {errors}"


def _shot(page: Any, name: str, **options: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **options)
    assert path.stat().st_size > 10_000
    return path


def _open_story(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/")
    page.get_by_role("link", name="Warehouse fire forces evacuation").click()
    page.wait_for_url("**/stories/*")
    page.locator("#summary").wait_for()


def test_stories_page_then_story_page(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/")
    assert page.title().startswith("Stories")
    card = page.locator(".story-card").first
    assert "3 articles" in card.inner_text() and "Meridian Wire" in card.inner_text()
    _open_story(page, server)
    for section in ("Summary", "Agreed", "Disputed", "Conflicting", "Timeline", "Coverage"):
        assert page.get_by_role("heading", name=section).count() >= 1, section
    assert page.locator("#conflicting .versus").count() >= 1
    assert page.locator("#coverage .bar").count() == 3
    link = page.locator("#sources a[href^='https://wire.example/']")
    assert link.count() == 1 and link.get_attribute("rel") == "noopener noreferrer nofollow"
    _shot(page, "story-full.png", full_page=True)


def test_a_citation_reveals_its_sentence_and_outlet(page: Any, server: ServerProcess) -> None:
    _open_story(page, server)
    cite = page.locator("#summary .cite").first
    pop = cite.locator(".cite-pop")
    assert not pop.is_visible()
    cite.locator(".cite-mark").click()
    pop.wait_for(state="visible")
    assert cite.locator(".cite-mark").get_attribute("aria-expanded") == "true"
    first_summary = page.locator("#summary .sent").first.inner_text()
    assert first_summary in pop.inner_text()
    # The popup names the source its mark numbers (which source opens the summary is the
    # summarizer's choice, not this page's).
    mark = cite.locator(".cite-mark").inner_text()
    assert pop.locator(".cite-src").inner_text().startswith(f"{mark} ")
    _shot(page, "story-citation.png")
    if os.environ.get("NEWSFUSE_UPDATE_SCREENSHOT") or not DOCS_SHOT.exists():
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS_SHOT))
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)
    pop.wait_for(state="hidden")


def test_conflict_sides_sit_side_by_side_on_desktop(page: Any, server: ServerProcess) -> None:
    _open_story(page, server)
    sides = page.locator("#conflicting .versus").first.locator(".side")
    assert sides.count() >= 2
    first, second = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    page.locator("#conflicting").scroll_into_view_if_needed()
    _shot(page, "story-conflicts.png")


def test_story_page_fits_a_phone_and_prints(browser: Any, server: ServerProcess) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    _open_story(phone, server)
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
    phone.locator("#summary .cite-mark").first.tap()
    pop = phone.locator("#summary .cite-pop").first
    pop.wait_for(state="visible")
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 391
    _shot(phone, "story-phone.png")
    phone.emulate_media(media="print")
    assert not phone.locator("header.site nav").is_visible()
    assert not phone.locator(".toc").is_visible()
    assert phone.locator("#summary .sent").first.is_visible()
    context.close()


def test_analyze_form_with_uploaded_files(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/analyze")
    files = sorted(str(p) for p in EXAMPLE.glob("0*"))
    page.locator("input[name=files]").set_input_files(files)
    page.get_by_role("button", name="Analyze").click()
    page.locator("#result").wait_for()
    assert "Report on 3 articles" in page.locator("#result h2").first.inner_text()
    sources = page.locator("#sources li").all_inner_texts()
    assert any("Meridian Wire" in s for s in sources)
    assert "03-wire-service.json" not in " ".join(sources)  # it has a URL: linked instead
    download = page.locator(".js-download[data-format=json]")
    assert download.is_visible() and download.get_attribute("href").startswith("blob:")
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "newsfuse-report.json"
    _shot(page, "analyze-result.png", full_page=True)


def test_pasted_script_shows_as_text_and_never_runs(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/analyze")
    evil = '<script>alert("owned")</script><img src=x onerror="alert(2)">'
    boxes = page.locator("textarea[name=text]")
    boxes.nth(0).fill(f"Ferry news\nThe ferry left at noon on Monday {evil}, officials said.")
    boxes.nth(1).fill("Ferry departs\nThe ferry left the harbour at noon on Monday, the port said.")
    page.locator("input[name=outlet]").first.fill(f"Evil {evil}")
    page.get_by_role("button", name="Analyze").click()
    page.locator("#result").wait_for()
    assert evil in page.locator("#sources").inner_text()
    assert page.locator("#result script:not(#report-data)").count() == 0
    assert page.locator("#result img").count() == 0


def test_add_another_article_box(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/analyze")
    before = page.locator("fieldset.box").count()
    page.get_by_role("button", name="+ Another article").click()
    assert page.locator("fieldset.box").count() == before + 1
