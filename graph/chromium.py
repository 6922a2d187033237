"""Debian's Chromium, driven by Playwright: where it is and the flags it needs here.

Used where the library itself needs a browser (printing a view to PDF,
:mod:`graph.vector`) and by the tests, benchmarks and load test, so that every
browser of the project starts the same way.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# No sandbox as root, no GPU, no background networking on a closed network.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable() -> str | None:
    """The Chromium to run: Debian's, else one on the PATH; None when there is none."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@contextmanager
def launched(headless: bool = True) -> Iterator:
    """A Playwright ``Browser`` of Chromium, closed on exit.

    Raises
    ------
    RuntimeError
        Naming what to install when Playwright or Chromium is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise RuntimeError("needs Playwright for Python (pip install playwright)") from None
    path = executable()
    if path is None:
        raise RuntimeError("needs Chromium (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=headless, args=LAUNCH_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
