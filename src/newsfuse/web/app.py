"""``create_app(config)``: the FastAPI app behind ``newsfuse serve``.

Errors: under ``/api`` every error is JSON ``{"error": {"status", "message"}}``; pages get
an error page with the same message. A :class:`~newsfuse.errors.NewsfuseError` keeps its
message (it is written for users); anything unexpected becomes a 500 that says so without
leaking internals.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from newsfuse import __version__
from newsfuse.errors import NewsfuseError
from newsfuse.report.types import party_heading
from newsfuse.store import StoreError
from newsfuse.summarize.core import shown_text
from newsfuse.web.config import WebConfig
from newsfuse.web.errors import WebError
from newsfuse.web.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from newsfuse.web.stories import StoryService

HERE = Path(__file__).parent
log = logging.getLogger("newsfuse.web")

DESCRIPTION = """Cross-source reports of news stories.

Read endpoints are open unless the server sets `NEWSFUSE_READ_TOKEN`; ingest (and analyze
with `store`) needs `NEWSFUSE_TOKEN`, sent as `Authorization: Bearer <token>`. No endpoint
fetches URLs. Errors are `{"error": {"status": …, "message": …}}`."""


def create_app(config: WebConfig | None = None, service: StoryService | None = None) -> FastAPI:
    """The app; opens the store now, so a bad ``--db`` fails before serving."""
    config = config or WebConfig.from_env()
    service = service or StoryService(config.db, config.embedder, config.cache_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(title="newsfuse", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  lifespan=lifespan)
    app.state.config = config
    app.state.service = service
    app.state.templates = templates()
    _routes(app)
    _handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes,
                       label=config.max_body_label)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def templates() -> Environment:
    """Jinja with autoescape on for every template: all article text is untrusted."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.globals["party_heading"] = party_heading
    # Listed facts read without the dateline ("PORT X, June 12 (Wire) - "), as the report
    # renderers show them; the quoted citations keep the whole sentence.
    env.filters["shown"] = shown_text
    return env


def _routes(app: FastAPI) -> None:
    from newsfuse.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsfuseError)
    async def newsfuse_error(request: Request, exc: NewsfuseError) -> Response:
        status = exc.status if isinstance(exc, WebError) else 400
        if isinstance(exc, StoreError):
            status = 503
        return error_response(request, status, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, _http_message(request, exc),
                              dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, validation_message(exc.errors()))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "newsfuse failed on this request "
                              f"({type(exc).__name__}); this is a bug, please report it")


def error_response(request: Request, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": {"status": status, "message": message}}, status,
                            headers=headers)
    env: Environment = request.app.state.templates
    html = env.get_template("error.html").render(request=request, status=status,
                                                 message=message)
    return HTMLResponse(html, status, headers=headers)


def _http_message(request: Request, exc: HTTPException) -> str:
    if exc.status_code == 404:
        return f"nothing at {request.url.path}; the stories are listed at / and /api/stories"
    if exc.status_code == 405:
        return f"{request.method} is not allowed on {request.url.path}"
    return str(exc.detail)


def validation_message(errors: Any) -> str:
    """Pydantic's errors as one sentence: ``body.articles.0.text: Field required; …``."""
    parts = []
    for err in list(errors)[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "the request is not valid: " + "; ".join(parts) + " (see /api/docs)"
