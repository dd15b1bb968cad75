"""The web app and JSON API behind ``newsfuse serve``.

::

    from newsfuse.web import WebConfig, create_app, serve
    app = create_app(WebConfig(db="sqlite:///news.db", token="s3cret-token"))
    serve(WebConfig.from_env(db=url), host="127.0.0.1", port=8000)

FastAPI, uvicorn and Jinja2 are imported only here (and in the submodules), never by the
CLI at start-up, so ``newsfuse --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.web.config import WebConfig

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["WebConfig", "create_app", "serve"]


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The FastAPI app for ``config`` (default: from ``NEWSFUSE_*`` environment variables)."""
    from newsfuse.web.app import create_app as build

    return build(config)


def serve(config: WebConfig, *, host: str = "127.0.0.1", port: int = 8000,
          log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level=log_level,
                server_header=False)
