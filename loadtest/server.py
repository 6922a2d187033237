"""Start the app on a free local port for a test, and read its memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class AppServer:
    """``streamlit run streamlit_app.py`` on a free local port, stopped on exit.

    The one way the tests, the load test and the latency scripts start the
    app. Its output goes to ``log`` (a file, kept) or to a temporary file: not to
    a pipe, which nobody reads while the app runs and which would block the app
    once full. With ``url`` given, nothing is started and that app is used.
    ``args`` go to the app's own command line (after ``--``: ``("--corpus", DIR)``).
    """

    def __init__(
        self,
        root: Path,
        url: str | None = None,
        timeout: float = 60.0,
        log: Path | None = None,
        args: tuple[str, ...] = (),
    ):
        self.root, self.url, self.timeout, self.log = root, url, timeout, log
        self.args = tuple(args)
        self.process: subprocess.Popen | None = None
        self.pid: int | None = None
        self._output = None

    def __enter__(self) -> AppServer:
        if self.url:
            return self
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self._output = self.log.open("w+b") if self.log else tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                *(("--", *self.args) if self.args else ()),
            ],
            cwd=self.root,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.pid = self.process.pid
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError(f"the app exited: {self._tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.3)
        tail = self._tail()
        self.__exit__()
        raise RuntimeError(f"the app did not answer its health check in time: {tail}")

    def _tail(self) -> str:
        """The last 2,000 characters the app wrote."""
        self._output.flush()
        self._output.seek(0)
        return self._output.read().decode("utf-8", "replace")[-2000:]

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._output:
            self._output.close()
            self._output = None
