"""The corpus pages in Chromium: the app started with --corpus on the real documents, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app_pages.corpus_sidebar import PAGES, tr
from graph.paths import SOURCE_TEXT
from loadtest.server import AppServer
from tests.browser import chromium, recorded_page, skip_without_browser
from tests.conftest import CORPUS_DEV
from tests.test_e2e_app import (
    DRAWN,
    OUTPUT,
    ROOT,
    full_screenshot,
    nav,
    no_exception,
    open_page,
    wait_rerun,
)

pytestmark = [skip_without_browser]


@pytest.fixture(scope="module")
def corpus_url():
    """The dashboard started as a user starts it on a corpus (its output in test-output/)."""
    if not CORPUS_DEV.is_dir():
        pytest.skip(f"{CORPUS_DEV} is not here")
    OUTPUT.mkdir(exist_ok=True)
    args = ("--corpus", str(SOURCE_TEXT), "--corpus", str(CORPUS_DEV))
    with AppServer(ROOT, log=OUTPUT / "app-corpus-server.log", args=args) as server:
        yield server.url


def test_every_corpus_page_in_both_languages_offline(corpus_url):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        for key in PAGES:
            open_page(page, f"{corpus_url}/{key}")
            no_exception(page)
            expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(tr(key, "zh"))
            full_screenshot(page, f"corpus-{key}")
        # The timeline's chart is drawn; the network page draws its network.
        open_page(page, f"{corpus_url}/corpus-network")
        # The network page embeds its own page (an iframe): the view draws there.
        drawn = page.frame_locator("iframe").first.locator(".nv[data-nodes]")
        expect(drawn).to_have_attribute("data-nodes", DRAWN, timeout=60_000)
        assert int(drawn.get_attribute("data-nodes")) > 10
        # English, and the sidebar's reform alignment: the pages follow.
        page.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
        wait_rerun(page)
        expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
            tr("corpus-network", "en")
        )
        page.locator("[data-testid='stSidebar'] label").filter(has_text="bodies of today").click()
        wait_rerun(page)
        no_exception(page)
        # A new address would be a new session (in Chinese): move with the navigation.
        for key in PAGES:
            nav(page, tr(key, "en"))
            no_exception(page)
            expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(tr(key, "en"))
        nav(page, tr("corpus-timeline", "en"))
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        full_screenshot(page, "corpus-timeline-en-today")
        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors
