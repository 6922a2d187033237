"""The dashboard in a real browser: every page, a filter change, an agency pick, offline.

Starts ``streamlit run streamlit_app.py`` on a free local port, drives Debian's
Chromium through Playwright (helpers in ``tests/browser.py``), and checks on
every page that no Streamlit exception is shown, that embedded networks have
drawn nodes, and that no request leaves localhost. Screenshots go to
``test-output/app-*.png`` for a person to look at.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from loadtest.server import AppServer
from tests.browser import chromium, recorded_page, skip_without_browser

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
APP = "[data-testid='stApp']"
PAGES = ["network", "agency", "measures", "clusters", "today"]

pytestmark = [skip_without_browser]


@pytest.fixture(scope="module")
def app_url():
    """A running dashboard (its output in test-output/app-server.log); stopped when the module's tests end."""
    OUTPUT.mkdir(exist_ok=True)
    with AppServer(ROOT, log=OUTPUT / "app-server.log") as server:
        yield server.url


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector(f"{APP}[data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector(f"{APP}[data-test-script-state='notRunning']", timeout=timeout)


def open_page(page, url: str, timeout: float = 60_000) -> None:
    """Navigate and wait until the page's script has drawn its title and finished."""
    page.goto(url)
    # Right after loading, the app reports notRunning before its first run starts.
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    wait_idle(page, timeout)


def wait_rerun(page, timeout: float = 60_000) -> None:
    """After an interaction: wait for the rerun to start (if not already over), then to end."""
    try:
        page.wait_for_selector(f"{APP}:not([data-test-script-state='notRunning'])", timeout=3_000)
    except Exception:  # the rerun may have finished before we looked
        pass
    wait_idle(page, timeout)


def network_counts(page, expected_frames: int = 1, timeout: float = 30_000) -> list[int]:
    """Node counts drawn by each embedded network, once every network exists."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        counts = []
        for frame in page.frames:
            if frame == page.main_frame:
                continue
            try:
                counts.append(
                    frame.evaluate(
                        "typeof network === 'undefined' ? -1 : network.body.data.nodes.length"
                    )
                )
            except Exception:  # a frame being replaced by a rerun
                counts.append(-1)
        drawn = [c for c in counts if c >= 0]
        if len(drawn) >= expected_frames:
            return drawn
        if time.monotonic() > deadline:
            raise AssertionError(f"networks not drawn in time (frames: {counts})")
        page.wait_for_timeout(200)


def wait_for_new_count(page, old: int, timeout: float = 30.0) -> int:
    """The node count of the (first) network once it differs from ``old`` (a redraw)."""
    deadline = time.monotonic() + timeout
    while True:
        count = network_counts(page)[0]
        if count != old or time.monotonic() > deadline:
            return count
        page.wait_for_timeout(50)


def no_exception(page) -> None:
    shown = page.locator("[data-testid='stException']")
    assert shown.count() == 0, shown.first.inner_text()


def full_screenshot(page, name: str) -> Path:
    """Screenshot of the whole page: the app scrolls inside stMain, so grow the viewport."""
    height = page.evaluate(
        "Math.max(document.querySelector(\"[data-testid='stMain']\")?.scrollHeight || 0, 900)"
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(400)
    path = OUTPUT / f"app-{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def show_part(page, label: str) -> None:
    """Choose a part of a page from its horizontal radio (e.g. the agency's network)."""
    page.locator("[data-testid='stMain'] [data-testid='stRadio'] label").filter(
        has_text=label
    ).click()
    wait_rerun(page)


def sidebar_checkbox(page, label: str):
    return page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(
        has_text=label
    )


def test_every_page_offline_with_a_filter_change_and_an_agency_pick(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, app_url)
        no_exception(page)
        assert page.locator("[data-testid='stMetric']").count() == 5
        page.wait_for_selector(".js-plotly-plot")
        full_screenshot(page, "overview")

        for name in PAGES:
            open_page(page, f"{app_url}/{name}")
            no_exception(page)
            if name == "agency":
                show_part(page, "关系网络")
            if name in ("network", "agency", "clusters"):
                assert min(network_counts(page)) > 0
            if name == "today":
                assert min(network_counts(page, expected_frames=2)) > 0
            full_screenshot(page, name)

        # A filter change: leaving out generic actors removes their nodes.
        open_page(page, f"{app_url}/network")
        before = network_counts(page)[0]
        sidebar_checkbox(page, "泛指主体").locator("label").click()
        wait_rerun(page)
        no_exception(page)
        after = wait_for_new_count(page, before)
        # 有关部门, 地方各级人民政府, 省级人民政府, 有关地方人民政府 and the measures
        # that named nobody else disappear.
        assert 0 < after < before
        full_screenshot(page, "network-no-generic")

        # An agency pick by typing part of its name.
        open_page(page, f"{app_url}/agency")
        page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first.click()
        page.keyboard.type("海关")
        page.keyboard.press("Enter")
        wait_rerun(page)
        page.locator("h2").filter(has_text="海关总署").first.wait_for(timeout=30_000)
        no_exception(page)
        full_screenshot(page, "agency-customs-tasks")
        show_part(page, "关系网络")
        assert min(network_counts(page)) > 0
        full_screenshot(page, "agency-customs")

        # A search on the measures page; the first result shown in its paragraph.
        open_page(page, f"{app_url}/measures")
        search = page.locator("[data-testid='stMain'] [data-testid='stTextInput'] input")
        search.fill("海关总署 质检总局")
        search.press("Enter")
        wait_rerun(page)
        page.locator("[data-testid='stMain']").filter(has_text="5 / 74").wait_for(timeout=30_000)
        no_exception(page)
        mark = page.locator("[data-testid='stMain'] mark").first
        assert mark.inner_text().startswith("积极推进跨境电子商务通关")
        # The selectbox shows the measure shown, not the one picked before the search.
        picked = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first
        assert picked.locator("input").first.input_value().startswith("M21.01")
        full_screenshot(page, "measures-search")

        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors


def nav(page, title: str) -> None:
    """Go to another page through the sidebar navigation (same session, state kept)."""
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=title).click()
    wait_rerun(page)


def test_language_switch_keeps_choices_then_presentation_scenes(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1600, 1000)) as (page, rec):
        open_page(page, f"{app_url}/agency")
        page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first.click()
        page.keyboard.type("GACC")
        page.keyboard.press("Enter")
        wait_rerun(page)
        page.locator("h2").filter(has_text="海关总署").first.wait_for(timeout=30_000)
        page.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
        wait_rerun(page)
        # The agency and every filter survive the switch; only the words change.
        page.locator("h2").filter(has_text="General Administration of Customs").first.wait_for(
            timeout=30_000
        )
        no_exception(page)
        assert page.locator("h2").first.inner_text() == "General Administration of Customs"
        chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
        assert chips.locator("[data-tag]").count() == 7

        nav(page, "Network")
        page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(
            has_text="Presentation"
        ).locator("label").click()
        wait_rerun(page)
        main = page.locator("[data-testid='stMain']")
        main.filter(has_text="The whole document").wait_for(timeout=30_000)
        no_exception(page)
        # Chrome is hidden for the projector.
        assert not page.locator("[data-testid='stToolbar']").is_visible()
        page.locator("[data-testid='stMain'] button").filter(has_text="Next").click()
        wait_rerun(page)
        main.filter(has_text="2 / 9").wait_for(timeout=30_000)
        no_exception(page)
        assert "Create a relaxed environment for development" in main.inner_text()
        assert min(network_counts(page)) > 0
        full_screenshot(page, "presentation-scene-2")
        # The clicker's PageDown key steps on (focus outside the network's iframe).
        page.locator("[data-testid='stMain'] h2").first.click()
        page.keyboard.press("PageDown")
        wait_rerun(page)
        main.filter(has_text="3 / 9").wait_for(timeout=30_000)
        assert rec.blocked == [], rec.blocked
