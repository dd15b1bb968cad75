"""A real ``uvicorn`` server in a child process on a free loopback port.

For the end-to-end tests and the load check: they must exercise the server a user runs
(real sockets, real HTTP parsing), not the in-process test client. The child is configured
through ``NEWSFUSE_*`` variables and started with ``uvicorn --factory``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO

from newsfuse.errors import NewsfuseError
from newsfuse.web.config import DB_ENV, READ_TOKEN_ENV, TOKEN_ENV

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A port free right now on the loopback interface (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerProcess:
    """``with ServerProcess(db=url) as server: server.url`` — stopped on exit."""

    db: str
    token: str | None = None
    read_token: str | None = None
    workers: int = 1
    startup_timeout: float = 30.0
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def __enter__(self) -> ServerProcess:
        env = {**os.environ, DB_ENV: self.db}
        for name, value in ((TOKEN_ENV, self.token), (READ_TOKEN_ENV, self.read_token)):
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        command = [sys.executable, "-m", "uvicorn", "--factory", "newsfuse.web:create_app",
                   "--host", LOOPBACK, "--port", str(self.port), "--log-level", "warning",
                   "--workers", str(self.workers)]
        # A file, not a pipe: a pipe nobody reads would block a chatty server once full.
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                        stderr=self._log)
        self._wait_ready()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        """What the server wrote to stderr so far (warnings, tracebacks)."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace").strip()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NewsfuseError(f"the web server exited at start-up: {self.log()[-500:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise NewsfuseError(f"the web server did not answer on {self.url} within "
                            f"{self.startup_timeout:g} s")
