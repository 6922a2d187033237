"""``python -m loadtest``: N concurrent browser sessions against one app.

Starts the app (``streamlit run streamlit_app.py``) on a free local port,
unless ``--url`` points at one already running, then drives ``--sessions``
headless Chromium sessions (Playwright, Debian's ``/usr/bin/chromium``) for
``--seconds``. Each session clicks through every page and flips sidebar
filters; every step is timed from the click until the app's script has
finished its rerun. Prints sessions held, errors, p50/p95 latency and the
server's memory, and exits non-zero if any session saw an error.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from benchmarks.browser import CHROMIUM, LAUNCH_ARGS
from loadtest.server import AppServer, rss_mb

PAGES = ["overview", "network", "agency", "measures", "clusters", "today"]
FILTER_KEYS = ["f_generic", "f_coordination"]
APP = "[data-testid='stApp']"


@dataclass
class Stats:
    """What all sessions saw."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    held: int = 0
    steps: int = 0


async def _rerun_done(page, timeout: float = 30.0) -> None:
    """Wait until the app's script has started (briefly) and finished a rerun."""
    try:
        await page.wait_for_selector(
            f"{APP}:not([data-test-script-state='notRunning'])", timeout=1500
        )
    except Exception:  # the rerun may already be over: a fast rerun is not an error
        pass
    await page.wait_for_selector(
        f"{APP}[data-test-script-state='notRunning']", timeout=timeout * 1000
    )


async def _check(page, stats: Stats, what: str) -> None:
    if await page.locator("[data-testid='stException']").count():
        stats.errors.append(f"exception shown after {what}")


async def _session(
    browser,
    base: str,
    deadline: float,
    stats: Stats,
    number: int,
    min_rounds: int = 0,
    step_timeout: float = 30.0,
) -> None:
    wait = step_timeout * 1000
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    host = urlparse(base).hostname

    async def route(r):
        if urlparse(r.request.url).hostname in (host, None, "") or r.request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            await r.continue_()
        else:
            stats.errors.append(f"session {number}: external request {r.request.url}")
            await r.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.on("pageerror", lambda e: stats.errors.append(f"session {number}: page error {e}"))
    try:
        await page.goto(base, timeout=max(60_000, wait))
        await page.wait_for_selector(f"{APP}[data-test-connection-state='CONNECTED']", timeout=wait)
        await _rerun_done(page, step_timeout)
        step = number
        while time.monotonic() < deadline or step - number < min_rounds:
            name = PAGES[step % len(PAGES)]
            start = time.monotonic()
            # links in PAGES order; the first page's link points at the root URL
            link = page.locator("[data-testid='stSidebarNavLink']").nth(PAGES.index(name))
            await link.click(timeout=wait)
            await _rerun_done(page, step_timeout)
            stats.latencies.append(time.monotonic() - start)
            await _check(page, stats, f"opening {name}")
            key = FILTER_KEYS[step % len(FILTER_KEYS)]
            start = time.monotonic()
            await page.locator(f".st-key-{key} label").first.click(timeout=wait)
            await _rerun_done(page, step_timeout)
            stats.latencies.append(time.monotonic() - start)
            await _check(page, stats, f"toggling {key} on {name}")
            stats.steps += 2
            step += 1
        state = await page.get_attribute(APP, "data-test-connection-state")
        if state == "CONNECTED":
            stats.held += 1
        else:
            stats.errors.append(f"session {number}: connection {state}")
    except Exception as error:  # report, do not crash the other sessions
        stats.errors.append(f"session {number}: {type(error).__name__}: {error}")
    finally:
        await context.close()


async def run_load(
    base: str, sessions: int, seconds: float, min_rounds: int = 0, step_timeout: float = 30.0
) -> Stats:
    """Drive ``sessions`` concurrent sessions against ``base`` for ``seconds``
    (and at least ``min_rounds`` page-and-filter rounds each).

    A step (opening the app, a page, a filter change) slower than
    ``step_timeout`` seconds is counted as an error of its session.
    """
    from playwright.async_api import async_playwright

    stats = Stats()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(
                _session(browser, base, deadline, stats, i, min_rounds, step_timeout)
                for i in range(sessions)
            )
        )
        await browser.close()
    return stats


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(stats: Stats, sessions: int, seconds: float, memory: dict[str, float]) -> str:
    """The result as a small table."""
    lat = stats.latencies or [float("nan")]
    rows = [
        ("sessions started", f"{sessions}"),
        ("sessions held to the end", f"{stats.held}"),
        ("duration", f"{seconds:.0f} s"),
        ("steps (page opens and filter changes)", f"{stats.steps}"),
        ("errors", f"{len(stats.errors)}"),
        ("latency p50", f"{statistics.median(lat) * 1000:.0f} ms"),
        ("latency p95", f"{percentile(lat, 0.95) * 1000:.0f} ms"),
        ("latency max", f"{max(lat) * 1000:.0f} ms"),
        *((f"server memory {k}", f"{v:.0f} MB") for k, v in memory.items()),
    ]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=8, help="concurrent browser sessions")
    parser.add_argument("--seconds", type=float, default=60, help="how long each session clicks")
    parser.add_argument("--url", help="a running app (default: start one on a free port)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    with AppServer(root, url=args.url) as server:
        # one session through every page first, so imports and caches are warm
        warm = asyncio.run(run_load(server.url, 1, 0, min_rounds=len(PAGES)))
        before = rss_mb(server.pid) if server.pid else float("nan")
        stats = asyncio.run(run_load(server.url, args.sessions, args.seconds))
        stats.errors[:0] = warm.errors
        after = rss_mb(server.pid) if server.pid else float("nan")
        memory = {
            "after a warm-up session": before,
            "at the end": after,
            "growth per session": (after - before) / max(args.sessions, 1),
        }
    print(report(stats, args.sessions, args.seconds, memory), flush=True)
    for error in stats.errors[:20]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if stats.errors or stats.held < args.sessions else 0


if __name__ == "__main__":
    sys.exit(main())
