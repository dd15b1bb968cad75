"""The one table ``newsfuse bench summarize`` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsfuse.bench.runner import BenchResult, SystemResult

if TYPE_CHECKING:
    from rich.table import Table


def build_table(result: BenchResult) -> Table:
    """Quality, speed and memory per system; the caption says how each was measured."""
    from rich.table import Table

    table = Table(
        title=f"Summarization on {result.clusters} Multi-News clusters, "
        f"outputs cut to {result.words} words",
        caption=_caption(result),
        caption_justify="left",
    )
    for name in ("system", "R-1", "R-2", "R-Lsum", "ROUGE-L", "clusters/s", "peak MB"):
        table.add_column(name, justify="left" if name == "system" else "right")
    for system in sorted(result.systems, key=lambda s: s.r1, reverse=True):
        table.add_row(*_cells(system))
    return table


def format_table(result: BenchResult, width: int = 110) -> str:
    """The table as plain text (for logs, CI output and tests)."""
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(
        build_table(result)
    )
    return out.getvalue()


def _cells(system: SystemResult) -> list[str]:
    peak = "–" if system.peak_bytes is None else f"{system.peak_bytes / 1e6:.2f}"
    label = system.label + (f" ({system.failed} failed)" if system.failed else "")
    return [
        label,
        f"{system.r1:.2f}",
        f"{system.r2:.2f}",
        f"{system.rlsum:.2f}",
        f"{system.rouge_l:.2f}",
        f"{system.clusters_per_second:.1f}",
        peak,
    ]


def _caption(result: BenchResult) -> str:
    lines = [
        "R-1/R-2/R-Lsum: rouge-score F1 ×100, Porter stemming, Lsum one sentence a line. "
        "ROUGE-L: python rouge package on whole texts (LongBench's metric).",
        f"clusters/s: each system's own wall time; cleaning and splitting the articles took "
        f"{result.prepare_seconds:.1f} s for all systems together, before timing.",
        _memory_note(result),
    ]
    if not result.data_matches_pin:
        lines.append(
            f"WARNING: {result.data_path} differs from the pinned evaluation file "
            "(sha256 mismatch); scores are not comparable with the pinned floors."
        )
    lines += [f"skipped {s.key}: {s.reason}" for s in result.skipped]
    return "\n".join(lines)


def _memory_note(result: BenchResult) -> str:
    if not result.memory_clusters:
        return "peak MB: not measured."
    return (
        f"peak MB: {result.memory_method}, over the first {result.memory_clusters} clusters "
        "in a second pass after the timed one."
    )
