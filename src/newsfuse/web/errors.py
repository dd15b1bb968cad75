"""Errors the web app answers with, each carrying its HTTP status.

They are :class:`~newsfuse.errors.NewsfuseError` subclasses, so the message is a complete
sentence that says what to do; the app turns them into ``{"error": {...}}`` JSON under
``/api`` and into an error page elsewhere.
"""

from __future__ import annotations

from newsfuse.errors import NewsfuseError


class WebError(NewsfuseError):
    """A request the app refuses; ``status`` is the HTTP status code to answer with."""

    status = 400


class Unauthorized(WebError):
    status = 401


class Forbidden(WebError):
    status = 403


class NotFound(WebError):
    status = 404


class TooLarge(WebError):
    status = 413
