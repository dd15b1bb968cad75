"""newsfuse: many news reports in, one honest, cited account out.

The pipeline, one module per stage: ``ingest`` → ``clean`` → ``segment`` → ``summarize``
(→ ``claims`` → ``report``). The functions below are the library API the CLI wraps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
# The later stages are used from their own modules: ``from newsfuse.summarize import
# summarize``, ``from newsfuse.report import analyze``. (A top-level ``summarize`` function
# would be shadowed by the ``newsfuse.summarize`` package as soon as it is imported.)
__all__ = ["__version__", "from_texts", "read"]

if TYPE_CHECKING:
    from newsfuse.pipeline import from_texts, read


def __getattr__(name: str) -> Any:
    # Lazy: `import newsfuse` (and so `newsfuse --help`) must not import numpy or models.
    if name in ("read", "from_texts"):
        from newsfuse import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
