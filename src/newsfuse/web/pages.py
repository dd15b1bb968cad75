"""Server-rendered pages: stories, a story, analyze-your-own, downloads, API docs.

Templates get plain data and a :class:`~newsfuse.web.view.ReportView`; Jinja autoescapes
everything, so article text (untrusted) always shows as text.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsfuse.errors import NewsfuseError
from newsfuse.web.analysis import Analysis, analyze_inputs
from newsfuse.web.api import read_files
from newsfuse.web.auth import COOKIE, check_read, check_write, matches
from newsfuse.web.config import MAX_WORDS, WebConfig
from newsfuse.web.errors import WebError
from newsfuse.web.inputs import Inputs, Pasted, from_pasted
from newsfuse.web.stories import StoryService
from newsfuse.web.view import report_view

router = APIRouter(include_in_schema=False)
FORM_BOXES = 3


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template as a response; a valid ``?token=`` is remembered in a cookie."""
    env: Environment = request.app.state.templates
    config: WebConfig = request.app.state.config
    html = env.get_template(name).render(request=request, config=config, **context)
    response = HTMLResponse(html, status_code=status)
    given = request.query_params.get("token")
    if given and config.read_token and matches(given, config.read_token):
        response.set_cookie(COOKIE, given, httponly=True, samesite="strict")
    return response


def _state(request: Request) -> tuple[WebConfig, StoryService]:
    return request.app.state.config, request.app.state.service


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, since: str | None = None) -> HTMLResponse:
    config, service = _state(request)
    check_read(config, request)
    return render(request, "stories.html", stories=service.stories(since), since=since)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int) -> HTMLResponse:
    config, service = _state(request)
    check_read(config, request)
    found = service.report(story_id, config.words)
    info = service.info(found.id)
    view = report_view(found.report, found.links)
    title = (info.title if info else None) or next(
        (s.title for s in view.sources if s.title), f"Story {found.id}")
    return render(request, "story.html", story=found, info=info, view=view, title=title)


@router.get("/stories/{story_id}/report.{fmt}")
def story_download(request: Request, story_id: int, fmt: str) -> Response:
    """The report as a file to save (JSON or Markdown)."""
    config, service = _state(request)
    check_read(config, request)
    if fmt not in ("json", "md"):
        raise WebError(f"no {fmt!r} download; use report.json or report.md")
    found = service.report(story_id, config.words)
    if fmt == "json":
        import json

        body = json.dumps(found.report, indent=2, ensure_ascii=False)
        kind = "application/json"
    else:
        body, kind = found.markdown, "text/markdown; charset=utf-8"
    name = f"newsfuse-story-{found.id}.{fmt}"
    return Response(body, media_type=kind,
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    config, _ = _state(request)
    check_read(config, request)
    return render(request, "analyze.html", pasted=[Pasted("")] * FORM_BOXES,
                  words=config.words, result=None, error=None)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request) -> HTMLResponse:
    """The form: pasted boxes and/or files; the report on the same page, nothing stored
    unless "store" is ticked (with the token)."""
    config, service = _state(request)
    check_read(config, request)
    form = await request.form(max_files=1000, max_fields=1000,
                              max_part_size=config.max_body_bytes)
    pasted = _pasted(form.getlist("text"), form.getlist("outlet"))
    words = _words(form.get("words"), config)
    store = form.get("store") == "on"
    files = [f for f in form.getlist("files")
             if isinstance(f, UploadFile) and (f.filename or f.size)]
    try:
        if store:
            check_write(config, request, _str(form.get("token")))
        inputs = await _inputs(pasted, files, config)
        result: Analysis = await run_in_threadpool(
            analyze_inputs, inputs, words=words, embedder=config.embedder,
            store=service if store else None)
    except NewsfuseError as exc:
        status = exc.status if isinstance(exc, WebError) else 400
        return render(request, "analyze.html", status, pasted=_padded(pasted), words=words,
                      result=None, error=str(exc))
    return render(request, "analyze.html", pasted=_padded(pasted), words=words, result=result,
                  view=report_view(result.report, result.links), error=None)


async def _inputs(pasted: list[Pasted], files: list[UploadFile], config: WebConfig) -> Inputs:
    inputs = await run_in_threadpool(from_pasted, pasted)
    if files:
        inputs.extend(await read_files(files, config))
    inputs.check(config.max_articles)
    return inputs


def _pasted(texts: list[Any], outlets: list[Any]) -> list[Pasted]:
    names = [_str(o) for o in outlets] + [None] * len(texts)
    return [Pasted(_str(t) or "", names[i]) for i, t in enumerate(texts)]


def _padded(pasted: list[Pasted]) -> list[Pasted]:
    filled = [p for p in pasted if p.text.strip()]
    return filled + [Pasted("")] * max(FORM_BOXES - len(filled), 1)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _words(raw: Any, config: WebConfig) -> int:
    try:
        words = int(_str(raw) or config.words)
    except ValueError:
        return config.words
    return min(max(words, 1), MAX_WORDS)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI document as a page (Swagger UI would load from a CDN; this is offline)."""
    return render(request, "api_docs.html", spec=request.app.openapi())
