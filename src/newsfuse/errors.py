"""Errors newsfuse shows to users.

Every error newsfuse raises on purpose is a :class:`NewsfuseError`; its message is written
for the person running the tool and says what to do. Third-party exceptions are translated
into one of these where they enter (``raise ... from exc``), so callers catch one class::

    NewsfuseError
    ├── InputError          one input (file, row, request body) cannot be used
    ├── ConfigError         bad option or argument value
    └── BackendUnavailable  an optional backend (model, extra) is not installed
        └── LLMError        the LLM server could not be reached or gave no usable answer
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class: ``str(err)`` is a complete, user-facing sentence."""


class InputError(NewsfuseError):
    """An input cannot be read; ``origin`` names it (path, ``stdin``, ``file.jsonl:3``)."""

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


class ConfigError(NewsfuseError):
    """An option or argument has a value newsfuse cannot use."""


class BackendUnavailable(NewsfuseError):
    """An optional backend is missing; the message names the package to install."""


class LLMError(BackendUnavailable):
    """The LLM server failed (unreachable, HTTP error, not an OpenAI-compatible answer).

    Batch commands record it against the one input it hit and go on with the rest.
    """
