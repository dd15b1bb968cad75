"""``newsfuse bench web``: the story page under load, on loopback, from a real server.

N concurrent clients (default 50) fetch one story page for a fixed time (default 30 s)
from a ``uvicorn`` child process; any non-200 answer or transport error counts as an error.
Latency is per request, from send to last body byte; p50/p99 are nearest-rank percentiles.

Bounded on purpose: the target must be a loopback address (this is a check of our server,
never a load generator aimed at someone else's), and the run stops at ``duration`` seconds
or ``max_requests`` requests, whichever comes first.
"""

from __future__ import annotations

import http.client
import itertools
import json
import math
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsfuse.errors import ConfigError

MAX_DURATION = 300.0
MAX_CLIENTS = 500
DEFAULT_MAX_REQUESTS = 200_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "harbor-fire"


@dataclass
class WebBenchResult:
    """One load run: counts, latency percentiles (ms) and a few error samples."""

    url: str
    clients: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    page_bytes: int
    error_samples: list[str] = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.requests > 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["requests_per_second"] = round(self.requests_per_second, 1)
        out["ok"] = self.ok
        return out


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least ``q``% of values ≤ it
    (``sorted(v)[ceil(q/100 · n) − 1]``)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


def run_web_bench(db: str | None = None, *, url: str | None = None, path: str | None = None,
                  clients: int = 50, duration: float = 30.0,
                  max_requests: int = DEFAULT_MAX_REQUESTS, workers: int = 1) -> WebBenchResult:
    """Load one story page. With ``url`` it targets a running loopback server; otherwise it
    starts one on ``db`` (default: a temporary store holding the bundled example)."""
    _check_limits(clients, duration, max_requests)
    if url is not None:
        _require_loopback(url)
        return _measure(url, path, clients, duration, max_requests)
    from newsfuse.web.server import ServerProcess

    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-web-") as tmp:
        store = db or _example_store(Path(tmp))
        with ServerProcess(db=store, workers=workers) as server:
            return _measure(server.url, path, clients, duration, max_requests)


def _measure(base: str, path: str | None, clients: int, duration: float,
             max_requests: int) -> WebBenchResult:
    target = base.rstrip("/") + (path or _story_path(base))
    # Warm-up: the first view computes and caches the report; that is not what we measure.
    status, body = _get(target, timeout=120)
    if status != 200:
        raise ConfigError(f"{target} answered {status}; give --path of a story page")
    return _load(target, clients, duration, max_requests, len(body))


def _load(target: str, clients: int, duration: float, max_requests: int,
          page_bytes: int) -> WebBenchResult:
    """One thread per client, each with its own keep-alive connection.

    Threads and ``http.client`` rather than an async client: measured here, httpx's async
    pool topped out near 120 requests/s even on ``/healthz`` (where threads reach ~1,400),
    so it measured itself, not the server.
    """
    parts = urlsplit(target)
    latencies: list[float] = []
    errors: list[str] = []
    budget = itertools.count()
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def client() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            while time.perf_counter() < deadline and next(budget) < max_requests:
                sent = time.perf_counter()
                outcome = _fetch(conn, parts.path or "/")
                with lock:
                    if outcome is None:
                        latencies.append(time.perf_counter() - sent)
                    else:
                        errors.append(outcome)
                if outcome is not None:  # start afresh after a failed exchange
                    conn.close()
        finally:
            conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    ms = [x * 1000 for x in latencies]
    return WebBenchResult(target, clients, round(seconds, 2), len(ms) + len(errors), len(errors),
                          round(percentile(ms, 50), 1), round(percentile(ms, 99), 1),
                          round(max(ms, default=0.0), 1), page_bytes,
                          sorted(set(errors))[:5])


def _fetch(conn: http.client.HTTPConnection, path: str) -> str | None:
    """One GET on a kept-alive connection: None when it was a full 200, else what failed."""
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if response.status == 200 else f"HTTP {response.status}"


def _get(url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _story_path(base: str) -> str:
    status, body = _get(base.rstrip("/") + "/api/stories", timeout=30)
    stories = json.loads(body)["stories"] if status == 200 else []
    if not stories:
        raise ConfigError("the store holds no stories; ingest some first or give --path")
    return f"/stories/{stories[0]['id']}"


def _example_store(tmp: Path) -> str:
    from newsfuse.store import ingest

    if not EXAMPLE.is_dir():
        raise ConfigError(f"the bundled example is not at {EXAMPLE}; pass --db with a store")
    url = f"sqlite:///{tmp / 'bench.db'}"
    ingest([EXAMPLE], db=url)
    return url


def _check_limits(clients: int, duration: float, max_requests: int) -> None:
    if not 1 <= clients <= MAX_CLIENTS:
        raise ConfigError(f"--clients must be between 1 and {MAX_CLIENTS}, not {clients}")
    if not 0 < duration <= MAX_DURATION:
        raise ConfigError(f"--duration must be between 0 and {MAX_DURATION:g} s, not {duration}")
    if max_requests < 1:
        raise ConfigError(f"--max-requests must be positive, not {max_requests}")


def _require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS and not host.startswith("127."):
        raise ConfigError(f"the web bench only targets loopback servers, not {host!r}; "
                          "run it on the machine that serves newsfuse")


def format_web_table(result: WebBenchResult) -> str:
    """Plain-text table of one run, ending with PASS/FAIL (no errors allowed)."""
    rows = [
        ("target", result.url),
        ("clients", str(result.clients)),
        ("seconds", f"{result.seconds:.1f}"),
        ("requests", str(result.requests)),
        ("requests/s", f"{result.requests_per_second:.1f}"),
        ("errors", str(result.errors)),
        ("p50 latency (ms)", f"{result.p50_ms:.1f}"),
        ("p99 latency (ms)", f"{result.p99_ms:.1f}"),
        ("max latency (ms)", f"{result.max_ms:.1f}"),
        ("page size (bytes)", str(result.page_bytes)),
    ]
    rows += [("error sample", e) for e in result.error_samples]
    width = max(len(name) for name, _ in rows)
    head = "Web load check: story page"
    lines = [head, "-" * len(head)]
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    lines.append("PASS: no errors" if result.ok else "FAIL: errors under load")
    return "\n".join(lines)
