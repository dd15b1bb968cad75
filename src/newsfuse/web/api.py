"""The JSON API under ``/api``: stories, reports, ingest and analyze.

Every error is ``{"error": {"status": …, "message": …}}`` (see :mod:`newsfuse.web.app`).
Heavy work (analysis, ingest) runs in the thread pool so the event loop keeps serving.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from newsfuse.web.analysis import analyze_inputs
from newsfuse.web.auth import check_read, check_write
from newsfuse.web.config import MAX_WORDS, WebConfig
from newsfuse.web.errors import TooLarge
from newsfuse.web.inputs import Inputs, Upload, from_rows, from_uploads
from newsfuse.web.stories import StoryService, summary_dict

router = APIRouter(prefix="/api")


class ArticleIn(BaseModel):
    """One article, as a row of a ``.jsonl`` file (the same field names are accepted)."""

    model_config = ConfigDict(extra="allow")
    text: str = Field(min_length=1, description="The article body (plain text).")
    title: str | None = None
    outlet: str | None = Field(None, description="Outlet name; else taken from the URL host.")
    published: str | None = Field(None, description="Publication date, e.g. 2025-06-12.")
    url: str | None = Field(None, description="Link to the original (shown, never fetched).")
    id: str | None = None


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1)


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1)
    words: int = Field(200, ge=1, le=MAX_WORDS, description="Summary length, about.")
    store: bool = Field(False, description="Also ingest the articles (needs the token).")


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in [(400, "Unusable input"), (401, "Token missing"),
                       (403, "Token wrong, or writing disabled"), (404, "No such story"),
                       (413, "Body, upload or article count over the limit"),
                       (422, "Malformed request")]
}


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def _service(request: Request) -> StoryService:
    service: StoryService = request.app.state.service
    return service


@router.get("/stories", tags=["stories"], responses=ERRORS)
def list_stories(
    request: Request,
    since: Annotated[str | None, Query(description="Only stories with news since this date "
                                                   "(YYYY-MM-DD).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Stories, latest first: outlets covering each, article count, first and last date."""
    check_read(_config(request), request)
    return {"stories": [i.to_dict() for i in _service(request).stories(since, limit)]}


@router.get("/stories/{story_id}", tags=["stories"], responses=ERRORS)
def get_story(request: Request, story_id: int) -> dict[str, Any]:
    """A story: its listing entry, its report, and links to the original articles."""
    check_read(_config(request), request)
    found = _service(request).report(story_id, _config(request).words)
    info = _service(request).info(found.id)
    return {"story": info.to_dict() if info else {"id": found.id},
            "report": found.report, "links": found.links}


@router.get("/stories/{story_id}/report", tags=["stories"], responses=ERRORS,
            response_model=None)
def get_report(
    request: Request, story_id: int,
    format: Literal["json", "md"] = "json",
) -> dict[str, Any] | PlainTextResponse:
    """The story's report: JSON (``report.schema.json``) or Markdown."""
    check_read(_config(request), request)
    found = _service(request).report(story_id, _config(request).words)
    if format == "md":
        return PlainTextResponse(found.markdown, media_type="text/markdown; charset=utf-8")
    return found.report


@router.post("/ingest", tags=["articles"], responses=ERRORS)
async def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    """Store and cluster articles (needs the token). Returns counts and per-input failures."""
    config = _config(request)
    check_write(config, request)
    inputs = await run_in_threadpool(_rows, body.articles, config)
    summary = await run_in_threadpool(_service(request).ingest, inputs.articles)
    result = summary_dict(summary)
    result["failures"] = inputs.failures_dict() + result["failures"]
    return result


@router.post("/ingest/files", tags=["articles"], responses=ERRORS)
async def ingest_files(
    request: Request, files: Annotated[list[UploadFile], File(description="Article files.")],
) -> dict[str, Any]:
    """Store and cluster uploaded files (.txt, .html, .json, .jsonl, feeds; needs the token)."""
    config = _config(request)
    check_write(config, request)
    inputs = await read_files(files, config)
    summary = await run_in_threadpool(_service(request).ingest, inputs.articles)
    result = summary_dict(summary)
    result["failures"] = inputs.failures_dict() + result["failures"]
    return result


@router.post("/analyze", tags=["articles"], responses=ERRORS)
async def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    """The cross-source report of the posted articles; nothing is stored unless ``store``."""
    config = _config(request)
    check_read(config, request)
    if body.store:
        check_write(config, request)
    inputs = await run_in_threadpool(_rows, body.articles, config)
    return await _analyze(request, inputs, body.words, body.store)


@router.post("/analyze/files", tags=["articles"], responses=ERRORS)
async def analyze_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Article files of one story.")],
    words: Annotated[int, Form(ge=1, le=MAX_WORDS)] = 200,
    store: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """The report of uploaded files, read as the CLI reads them; stored only if ``store``."""
    config = _config(request)
    check_read(config, request)
    if store:
        check_write(config, request)
    inputs = await read_files(files, config)
    return await _analyze(request, inputs, words, store)


async def _analyze(request: Request, inputs: Inputs, words: int, store: bool) -> dict[str, Any]:
    config = _config(request)
    result = await run_in_threadpool(
        analyze_inputs, inputs, words=words, embedder=config.embedder,
        store=_service(request) if store else None)
    return result.to_dict()


def _rows(articles: list[ArticleIn], config: WebConfig) -> Inputs:
    if len(articles) > config.max_articles:
        raise _too_many(len(articles), config)
    inputs = from_rows(a.model_dump(exclude_none=True) for a in articles)
    inputs.check(config.max_articles)
    return inputs


async def read_files(files: Sequence[StarletteUpload], config: WebConfig) -> Inputs:
    """Uploaded files through the CLI's readers; the count is checked before any is read."""
    if len(files) > config.max_articles:
        raise _too_many(len(files), config)
    uploads = [Upload(f.filename or "", await f.read()) for f in files]
    inputs = await run_in_threadpool(from_uploads, uploads, config.max_body_bytes)
    inputs.check(config.max_articles)
    return inputs


def _too_many(count: int, config: WebConfig) -> TooLarge:
    return TooLarge(f"too many articles: {count} in one request, the limit is "
                    f"{config.max_articles}; send them in smaller batches")
