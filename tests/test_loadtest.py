"""A short version of the load test (the long one: ``python -m loadtest``)."""

from __future__ import annotations

import asyncio

from graph.paths import ROOT
from loadtest.__main__ import PAGES, run_load
from loadtest.server import AppServer
from tests.browser import skip_without_browser


@skip_without_browser
def test_concurrent_sessions_see_no_error():
    with AppServer(ROOT) as server:
        # Errors, not speed, are what this test looks for: a step may take long when
        # CI shares its two cores with another suite (one took over 30 s there).
        stats = asyncio.run(
            run_load(server.url, sessions=3, seconds=15, min_rounds=len(PAGES), step_timeout=180)
        )
    assert stats.errors == []
    assert stats.held == 3
    # every session opened every page and changed a filter on each
    assert stats.steps >= 3 * 2 * len(PAGES)
