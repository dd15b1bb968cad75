"""newsfuse: many news reports in, one honest, cited account out.

The pipeline, one module per stage: ``ingest`` → ``clean`` → ``segment`` → ``summarize``
(→ ``claims`` → ``report``). The functions below are the library API the CLI wraps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "from_texts", "read", "summarize"]

if TYPE_CHECKING:
    from newsfuse.pipeline import from_texts, read
    from newsfuse.summarize import summarize


def __getattr__(name: str) -> Any:
    # Lazy: `import newsfuse` (and so `newsfuse --help`) must not import numpy or models.
    if name in ("read", "from_texts"):
        from newsfuse import pipeline

        return getattr(pipeline, name)
    if name == "summarize":
        from newsfuse.summarize import summarize

        return summarize
    raise AttributeError(name)
