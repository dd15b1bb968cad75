"""The ``newsfuse`` command: thin wrappers over the library API.

Exit codes: 0 everything worked, 1 some inputs failed (the rest were still processed),
2 usage or configuration errors. Errors are one readable line on stderr.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsfuse import __version__
from newsfuse.errors import ConfigError, NewsfuseError

if TYPE_CHECKING:
    from newsfuse.llm import LLM
    from newsfuse.pipeline import ReadResult

app = typer.Typer(
    help="Many news reports in, one honest, cited account out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks: newsfuse against its peers, one table per run.",
                        no_args_is_help=True)
app.add_typer(bench_app, name="bench")

PROGRESS_THRESHOLD = 20
# newsfuse's matrices are small; BLAS threads fighting over 2 cores cost more than they give
# (measured: LSA 13x and newsfuse 1.5x slower with the default thread pool under load).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
_state = {"verbose": 1}


class ReadFormat(StrEnum):
    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class SummaryFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only results and errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Say more about each step.")] = False,
) -> None:
    """Many news reports in, one honest, cited account out."""
    _state["verbose"] = 0 if quiet else (2 if verbose else 1)
    _library_notes(shown=verbose)


class _EchoHandler(logging.Handler):
    """The library's log lines on stderr, beside :func:`_say`'s (whatever stderr is now)."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


def _library_notes(*, shown: bool) -> None:
    """Show the library's info logs (a model copy being built, a fallback taken) or not."""
    logger = logging.getLogger("newsfuse")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        logger.addHandler(_EchoHandler())
    logger.setLevel(logging.INFO if shown else logging.WARNING)


Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.",
                                            show_default=False)]
MaxSize = Annotated[float, typer.Option("--max-size", help="Skip files larger than this (MB).")]
Db = Annotated[str | None, typer.Option(
    "--db", help="Store URL: sqlite:///path.db or postgresql://user@host/db "
    "(default: SQLite in $NEWSFUSE_DATA_DIR or the user data dir).")]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Outlet name for every input.")]
LlmUrl = Annotated[str | None, typer.Option(
    "--llm", help="OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1) that shortens "
    "each summary sentence; a shortening is kept only where a checker proves it safe.")]
LlmModel = Annotated[str | None, typer.Option(
    "--llm-model", help="Model name to ask the --llm server for.")]


@app.command()
def read(
    paths: Paths,
    fmt: Annotated[ReadFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReadFormat.text
    ),
    show_removed: Annotated[bool, typer.Option("--show-removed",
                                               help="List the furniture lines removed.")] = False,
    max_size: MaxSize = 20.0,
    outlet: Outlet = None,
) -> None:
    """Show what was ingested and cleaned, per article."""
    result = _read(paths, max_size, outlet)
    if fmt is ReadFormat.json:
        typer.echo(json.dumps([a.to_dict() for a in result.articles], indent=2,
                              ensure_ascii=False))
    else:
        from newsfuse.render import articles_text

        typer.echo(articles_text(result.articles, show_removed=show_removed))
    _finish(result)


@app.command()
def summarize(
    paths: Annotated[list[str] | None, typer.Argument(help="Articles of one story.",
                                                      show_default=False)] = None,
    words: Annotated[int, typer.Option("--words", "-w", help="About this many words.")] = 200,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f")] = SummaryFormat.text,
    dataset: Annotated[Path | None, typer.Option(
        "--dataset", help="JSONL of clusters ({\"id\", \"documents\"}) to summarise in bulk.")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    embedder: Annotated[str | None, typer.Option(
        "--embedder", help="minilm or hashing (default: best installed).")] = None,
    max_size: MaxSize = 20.0,
    llm_url: LlmUrl = None,
    llm_model: LlmModel = None,
) -> None:
    """Summarise one story with citations, or a whole --dataset of clusters."""
    from newsfuse.summarize import summarize as summarize_api

    llm = _llm(llm_url, llm_model)
    if dataset is not None:
        _summarize_dataset(dataset, output, words, embedder, llm)
        return
    if not paths:
        raise ConfigError("give the articles of one story, or --dataset FILE.jsonl")
    result = _read(paths, max_size, None)
    _need_articles(result)
    with _llm_progress(llm) as counted:
        summary = summarize_api(result.articles, words, embedder=embedder, llm=counted)
    from newsfuse import render

    text = {
        SummaryFormat.json: lambda: json.dumps(summary.to_dict(), indent=2, ensure_ascii=False),
        SummaryFormat.md: lambda: render.summary_markdown(summary),
        SummaryFormat.text: lambda: render.summary_text(summary),
    }[fmt]()
    _write(text, output)
    _finish(result)


def _llm(url: str | None, model: str | None) -> LLM | None:
    if url is None:
        if model is not None:
            raise ConfigError("--llm-model needs --llm URL (the server to ask)")
        return None
    from newsfuse.llm import get_llm

    return get_llm(url, model)


class _CountedLLM:
    """An LLM that advances a progress bar per answer: a big model takes seconds each."""

    def __init__(self, llm: LLM, advance: Callable[[], None]) -> None:
        self.name = llm.name
        self._llm = llm
        self._advance = advance

    def complete(self, prompt: str, *, system: str | None = None, max_tokens: int = 200,
                 temperature: float = 0.0) -> str:
        answer = self._llm.complete(prompt, system=system, max_tokens=max_tokens,
                                    temperature=temperature)
        self._advance()
        return answer


@contextmanager
def _llm_progress(llm: LLM | None) -> Iterator[LLM | None]:
    """``llm`` counting its answers on a progress bar (nothing to show without one)."""
    if llm is None:
        yield None
        return
    with _progress("Shortening sentences with the LLM") as advance:
        yield _CountedLLM(llm, advance)


def _summarize_dataset(path: Path, output: Path | None, words: int, embedder: str | None,
                       llm: LLM | None) -> None:
    from newsfuse.summarize.dataset import summarize_dataset

    if output is None:
        raise ConfigError("--dataset needs -o OUT.jsonl for the summaries")
    with _progress("Summarising") as advance:
        stats = summarize_dataset(path, output, words=words, embedder=embedder, llm=llm,
                                  on_row=advance)
    _say(f"{stats.written} summaries written to {output}; {stats.failed} rows failed")
    for failure in stats.failures:
        _error(_failure_line(failure.origin, failure.message))
    if stats.failed:
        raise typer.Exit(1)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Articles of one story.", show_default=False)],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.md
    ),
    words: Annotated[int, typer.Option("--words", "-w", help="Summary length in words.")] = 200,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    embedder: Annotated[str | None, typer.Option(
        "--embedder", help="minilm or hashing (default: best installed).")] = None,
    tagger: Annotated[str | None, typer.Option(
        "--tagger", help="Entity tagger: rules (fast, default) or spacy.")] = None,
    max_size: MaxSize = 20.0,
    llm_url: LlmUrl = None,
    llm_model: LlmModel = None,
) -> None:
    """Cross-source report: summary, agreed, disputed, conflicting, only-in-one, timeline."""
    from newsfuse.report import analyze as analyze_api
    from newsfuse.report import to_html, to_markdown

    llm = _llm(llm_url, llm_model)
    result = _read(paths, max_size, None)
    _need_articles(result)
    with _llm_progress(llm) as counted:
        report = analyze_api(result.articles, words=words, embedder=embedder, tagger=tagger,
                             llm=counted)
    text = {
        ReportFormat.json: lambda: json.dumps(report.to_dict(), indent=2, ensure_ascii=False),
        ReportFormat.html: lambda: to_html(report),
        ReportFormat.md: lambda: to_markdown(report),
    }[fmt]()
    _write(text, output)
    _finish(result)


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    embedder: Annotated[str | None, typer.Option(
        "--embedder", help="minilm or hashing (fixed per store).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=0,
        help="Processes that clean and embed ahead of clustering (default: 1 when the "
             "machine has a second core; 0: all in one process).")] = None,
) -> None:
    """Store articles and cluster them into stories; re-ingesting is a no-op."""
    from newsfuse.store import ingest as ingest_api

    with _progress("Ingesting") as advance:
        summary = ingest_api(paths, db=db, embedder=embedder, workers=workers,
                             on_article=lambda _o: advance())
    for failure in summary.failures:
        _error(_failure_line(failure.origin, failure.message))
    typer.echo(summary.line())
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def stories(
    since: Annotated[str | None, typer.Option(
        "--since", help="Only stories with articles on or after YYYY-MM-DD.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    db: Db = None,
) -> None:
    """List stored stories with size, independent sources, outlets and dates."""
    from newsfuse.store import format_stories, list_stories

    typer.echo(format_stories(list_stories(db=db, since=since), fmt.value))


@app.command()
def report(
    story_id: Annotated[int, typer.Argument(help="Story id from `newsfuse stories`.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
    db: Db = None,
    llm_url: LlmUrl = None,
    llm_model: LlmModel = None,
) -> None:
    """Cross-source report of a stored story (cached until its articles change)."""
    from newsfuse.store import story_report

    with _llm_progress(_llm(llm_url, llm_model)) as counted:
        text = story_report(story_id, fmt=fmt.value, db=db, llm=counted)
    _write(text, output)


@app.command()
def cluster(
    file: Annotated[Path, typer.Argument(help="JSONL/CSV: id, title, text?, published?, outlet?")],
    output: Annotated[Path, typer.Option("-o", "--output", help="{\"id\", \"story\"} per line.")],
    embedder: Annotated[str | None, typer.Option("--embedder", help="minilm or hashing.")
                        ] = None,
) -> None:
    """Batch story clustering of an article table (what the benchmark runs)."""
    from newsfuse.cluster import cluster_file

    rows = cluster_file(file, output, embedder=embedder)
    _say(f"{rows} rows clustered into {output}")


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store URL (default: the data dir's SQLite file, or $NEWSFUSE_DB).")] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    words: Annotated[int, typer.Option("--words", "-w", help="Summary length of reports.")] = 200,
    max_body_mb: Annotated[float | None, typer.Option(
        "--max-body-mb", help="Largest request body in MB (default 5).")] = None,
    max_articles: Annotated[int | None, typer.Option(
        "--max-articles", help="Most articles per request (default 50).")] = None,
) -> None:
    """Web app and JSON API: stories, story reports, analyze your own (docs at /api/docs)."""
    from newsfuse.web import WebConfig
    from newsfuse.web import serve as serve_web

    body = None if max_body_mb is None else int(max_body_mb * 1024 * 1024)
    config = WebConfig.from_env(db=db, words=words, max_articles=max_articles,
                                max_body_bytes=body)
    if config.token is None:
        _say("ingest is disabled: set NEWSFUSE_TOKEN to enable POST /api/ingest")
    _say(f"newsfuse on http://{host}:{port}/  (API docs: /api/docs)")
    serve_web(config, host=host, port=port)


@bench_app.command("web")
def bench_web(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store to serve (default: a temporary one with the bundled example).")
    ] = None,
    clients: Annotated[int, typer.Option("--clients", help="Concurrent clients.")] = 50,
    duration: Annotated[float, typer.Option("--duration", help="Seconds of load.")] = 30.0,
    path: Annotated[str | None, typer.Option(
        "--path", help="Page to load (default: the first story).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The story page under concurrent load on loopback: errors, p50/p99 latency."""
    from newsfuse.bench.web import format_web_table, run_web_bench

    result = run_web_bench(db, path=path, clients=clients, duration=duration)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_web_table(result))
    if not result.ok:
        raise typer.Exit(1)


@bench_app.command("cluster")
def bench_cluster(
    scale: Annotated[bool, typer.Option(
        "--scale", help="Also the 10k/30k/100k synthetic stream (about 10 minutes).")] = False,
    small_scale: Annotated[bool, typer.Option(
        "--small-scale", help="A 1k/3k synthetic stream (quick).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Story clustering vs gold stories and peers (TF-IDF + agglomerative, HDBSCAN)."""
    from newsfuse.bench.cluster import (
        CI_SCALE_SIZES,
        SCALE_SIZES,
        format_cluster_table,
        run_cluster_bench,
    )

    sizes = SCALE_SIZES if scale else CI_SCALE_SIZES if small_scale else ()
    result = run_cluster_bench(scale_sizes=sizes, on_progress=lambda m: _say(m))
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json
               else format_cluster_table(result))


@bench_app.command("analyze")
def bench_analyze(
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N clusters.")] = None,
    data: Annotated[Path | None, typer.Option("--data", help="Multi-News style JSONL.")] = None,
    embedder: Annotated[str | None, typer.Option("--embedder", help="minilm or hashing.")] = None,
    tagger: Annotated[str | None, typer.Option("--tagger", help="rules or spacy.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Speed, memory and section counts of the report, plus its gold-set quality."""
    from newsfuse.bench.analyze import format_analyze_table, run_analyze_bench

    result = run_analyze_bench(data, limit, embedder=embedder, tagger=tagger)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_analyze_table(result))


@bench_app.command("summarize")
def bench_summarize(
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N clusters.")] = None,
    words: Annotated[int, typer.Option("--words", help="Cut every output to N words.")] = 230,
    data: Annotated[Path | None, typer.Option("--data", help="Multi-News style JSONL.")] = None,
    systems: Annotated[str | None, typer.Option(
        "--systems", help="Comma-separated subset, e.g. newsfuse,lexrank,lead.")] = None,
    embedder: Annotated[str | None, typer.Option(
        "--embedder", help="Embedder for the 'newsfuse' row.")] = None,
    memory_clusters: Annotated[int, typer.Option(
        "--memory-clusters", help="Clusters in the peak-memory pass (0 skips it).")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    check_floor: Annotated[bool, typer.Option(
        "--check-floor", help="Fail unless newsfuse reaches the pinned CI quality floor.")
    ] = False,
    llm_url: LlmUrl = None,
    llm_model: LlmModel = None,
) -> None:
    """ROUGE, speed and memory of newsfuse vs LexRank, TextRank, LSA, Luhn and lead."""
    from newsfuse import bench

    chosen = [s.strip() for s in systems.split(",") if s.strip()] if systems else None
    result = bench.run_summarize_bench(
        data, limit=limit, words=words, systems=chosen, embedder=embedder,
        memory_clusters=memory_clusters,
        on_system=lambda label: _say(f"running {label} ...", level=1),
        llm=_llm(llm_url, llm_model),
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(bench.format_table(result))
    if check_floor:
        violations = bench.quality_floor_check(result)
        for violation in violations:
            _error(violation.message)
        if violations:
            raise typer.Exit(1)
        _say("quality floor: passed")


# -- helpers --------------------------------------------------------------------------------


def _read(paths: Sequence[str], max_size: float, outlet: str | None) -> ReadResult:
    from newsfuse.pipeline import read_sources

    if max_size <= 0:
        raise ConfigError(f"--max-size must be positive, not {max_size}")
    if "-" in paths and sys.stdin.isatty():
        raise ConfigError("'-' reads articles from stdin, but stdin is a terminal: pipe a file in")
    from newsfuse.ingest import expand_paths

    sources, missing = expand_paths(list(paths))
    with _progress("Reading", total=len(sources), enabled=len(sources) > PROGRESS_THRESHOLD) as adv:
        result = read_sources(sources, outlet=outlet, max_bytes=int(max_size * 1024 * 1024),
                              on_input=lambda _origin: adv())
    result.failures[:0] = missing
    for failure in result.failures:
        _error(_failure_line(failure.origin, failure.message))
    return result


def _failure_line(origin: str, message: str) -> str:
    # Readers usually name the input in their message already; don't say it twice.
    return message if message.startswith(origin) else f"{origin}: {message}"


def _need_articles(result: ReadResult) -> None:
    if not result.articles:
        _say("no article could be read: nothing to do (see the errors above)")
        raise typer.Exit(1)


def _finish(result: ReadResult) -> None:
    if result.failures:
        _say(f"{len(result.articles)} articles read, {len(result.failures)} inputs failed")
        raise typer.Exit(1)


@contextmanager
def _progress(label: str, total: int | None = None, enabled: bool = True
              ) -> Iterator[Callable[[], None]]:
    if not enabled or _state["verbose"] == 0:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr()) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        _say(f"wrote {output}")


def _say(message: str, level: int = 1) -> None:
    if _state["verbose"] >= level:
        typer.echo(message, err=True)


def _error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the app and turn a NewsfuseError into one line and an exit code.

    Typer/click handle usage errors themselves in standalone mode (message, exit 2).
    """
    try:
        app(args=list(argv) if argv is not None else None)
    except NewsfuseError as exc:
        _error(str(exc))
        sys.exit(2 if isinstance(exc, ConfigError) else 1)
