"""Playwright helpers shared by the browser tests (snapshots and the app).

Debian's Chromium is driven directly (``playwright install`` cannot download
anything here). A :class:`Recorder` context blocks every request that is not
local and writes it down, and collects console errors and page errors, so a
test can assert that a page works offline and made no outside request::

    with chromium() as browser, recorded_page(browser) as (page, recorder):
        page.goto(path.as_uri())
        ...
        assert recorder.blocked == []
        assert recorder.errors == []

Stable API (imported by other tests): ``CHROMIUM``, ``LAUNCH_ARGS``,
``OUTPUT``, ``browser_available``, ``skip_without_browser``, ``chromium``,
``Recorder``, ``recorded_page``, ``screenshot``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.browser import CHROMIUM, LAUNCH_ARGS  # one list of Chromium flags

OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def browser_available() -> bool:
    """True when Playwright is importable and Debian's Chromium is installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


skip_without_browser = pytest.mark.skipif(
    not browser_available(), reason="needs Playwright and /usr/bin/chromium (make system-deps)"
)


@contextmanager
def chromium(headless: bool = True) -> Iterator:
    """A launched Chromium browser (Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=headless, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """``file:``, ``data:``, ``blob:``, ``about:`` URLs and the loopback host are local.

    >>> is_local("file:///tmp/x.html"), is_local("http://127.0.0.1:8501/x")
    (True, True)
    >>> is_local("https://cdn.jsdelivr.net/npm/x.js")
    False
    """
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname in LOCAL_HOSTS


@dataclass
class Recorder:
    """What a page did: requests allowed and blocked, console errors, page errors."""

    allow: Callable[[str], bool] = is_local
    allowed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions together."""
        return self.console_errors + self.page_errors

    def route(self, route) -> None:
        """Playwright route handler: continue allowed requests, abort and record the rest."""
        url = route.request.url
        if self.allow(url):
            self.allowed.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")

    def attach(self, page) -> None:
        """Record console errors and uncaught exceptions of ``page``."""
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))


@contextmanager
def recorded_page(
    browser,
    allow: Callable[[str], bool] = is_local,
    viewport: tuple[int, int] = (1280, 900),
    **context_options,
) -> Iterator[tuple[object, Recorder]]:
    """A page in a fresh context whose every request goes through a :class:`Recorder`.

    Parameters
    ----------
    browser : playwright Browser
        From :func:`chromium`.
    allow : callable
        ``url -> bool``; requests it refuses are aborted and listed in
        ``recorder.blocked``. Local URLs only by default. To allow nothing but
        one file, pass ``lambda url: url == path.as_uri()``.
    viewport : (width, height)
    context_options
        Passed to ``browser.new_context`` (e.g. ``accept_downloads=True``).

    Yields
    ------
    (page, recorder)
    """
    recorder = Recorder(allow=allow)
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        service_workers="block",
        **context_options,
    )
    try:
        context.route("**/*", recorder.route)
        # WebSocket connections do not go through context.route.
        context.route_web_socket("**/*", lambda ws: _websocket(ws, recorder))
        page = context.new_page()
        recorder.attach(page)
        yield page, recorder
    finally:
        context.close()


def _websocket(ws, recorder: Recorder) -> None:
    if recorder.allow(ws.url):
        recorder.allowed.append(ws.url)
        ws.connect_to_server()
    else:
        recorder.blocked.append(ws.url)
        ws.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG of ``page`` as ``test-output/<name>.png`` and return its path."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
