"""Tokens: the write token (ingest) and the optional read token.

A token is taken from ``Authorization: Bearer …``, the ``X-Newsfuse-Token`` header, or (for
browsers, which cannot add headers to a link) the ``newsfuse_token`` cookie that a page
visited with ``?token=…`` sets. Comparisons are constant-time.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request

from newsfuse.web.config import READ_TOKEN_ENV, TOKEN_ENV, WebConfig
from newsfuse.web.errors import Forbidden, Unauthorized

COOKIE = "newsfuse_token"
HEADER = "x-newsfuse-token"


def token_of(request: Request, form_token: str | None = None) -> str | None:
    """The token the request carries, if any (a form field wins, then headers, then cookie)."""
    if form_token:
        return form_token
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return (request.headers.get(HEADER) or request.query_params.get("token")
            or request.cookies.get(COOKIE) or None)


def matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def check_read(config: WebConfig, request: Request) -> None:
    """Open unless a read token is configured (the write token is accepted too)."""
    if config.read_token is None:
        return
    given = token_of(request)
    if matches(given, config.read_token) or (config.token and matches(given, config.token)):
        return
    raise Unauthorized("this server is private: send the read token as 'Authorization: "
                       "Bearer <token>' (or open a page once with ?token=<token>); the "
                       f"server's operator sets it with ${READ_TOKEN_ENV}")


def check_write(config: WebConfig, request: Request, form_token: str | None = None) -> None:
    """Writes need the server's token; with none configured, writing is switched off."""
    if config.token is None:
        raise Forbidden("storing articles is disabled on this server: start `newsfuse serve` "
                        f"with ${TOKEN_ENV} set to enable ingest")
    given = token_of(request, form_token)
    if given is None:
        raise Unauthorized("storing articles needs the server's token: send it as "
                           "'Authorization: Bearer <token>' or 'X-Newsfuse-Token: <token>'")
    if not matches(given, config.token):
        raise Forbidden(f"the token is not valid for this server; ask its operator for the "
                        f"${TOKEN_ENV} value")
