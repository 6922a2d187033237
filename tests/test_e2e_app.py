"""The dashboard in a real browser: every page, a filter change, clicks in the network, links.

Starts ``streamlit run streamlit_app.py`` on a free local port, drives Debian's
Chromium through Playwright (helpers in ``tests/browser.py``), and checks on
every page that no Streamlit exception is shown, that the networks have drawn
their nodes, and that no request leaves localhost. The networks are the
component of ``app_pages/network_view.py``: their drawing is an element
``.nv`` (in the component's shadow root, which Playwright's locators enter)
whose ``data-nodes`` says how many nodes its last frame drew for the data it
holds (absent from a data change until the next frame), and whose host
``.nv-host`` holds the view (``host.view``). Everything waits with
Playwright's auto-waiting assertions (``expect``), never by counting right
after an action. Screenshots go to ``test-output/app-*.png`` for a person to
look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from loadtest.server import AppServer
from tests.browser import chromium, recorded_page, skip_without_browser

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
APP = "[data-testid='stApp']"
PAGES = ["network", "agency", "measures", "clusters", "today"]
DRAWN = re.compile(r"^[1-9][0-9]*$")
TIMEOUT = 60_000

pytestmark = [skip_without_browser]


@pytest.fixture(scope="module")
def app_url():
    """A running dashboard (its output in test-output/app-server.log); stopped when the module's tests end."""
    OUTPUT.mkdir(exist_ok=True)
    with AppServer(ROOT, log=OUTPUT / "app-server.log") as server:
        yield server.url


def wait_idle(page, timeout: float = TIMEOUT) -> None:
    """Wait until the app is connected and its script has finished running."""
    expect(page.locator(f"{APP}[data-test-connection-state='CONNECTED']")).to_have_count(
        1, timeout=timeout
    )
    expect(page.locator(f"{APP}[data-test-script-state='notRunning']")).to_have_count(
        1, timeout=timeout
    )


def open_page(page, url: str, timeout: float = TIMEOUT) -> None:
    """Navigate and wait until the page's script has drawn its title and finished."""
    page.goto(url)
    # Right after loading, the app reports notRunning before its first run starts.
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible(timeout=timeout)
    wait_idle(page, timeout)


def wait_rerun(page, timeout: float = TIMEOUT) -> None:
    """After an interaction: wait for the rerun to start (if not already over), then to end."""
    try:
        page.wait_for_selector(f"{APP}:not([data-test-script-state='notRunning'])", timeout=3_000)
    except Exception:  # the rerun may have finished before we looked
        pass
    wait_idle(page, timeout)


def networks(page):
    """The drawings of the page's network components, in page order."""
    return page.locator(".nv")


def network_counts(page, expected_frames: int = 1, timeout: float = TIMEOUT) -> list[int]:
    """Node counts drawn by each network, once ``expected_frames`` of them have drawn."""
    drawn = page.locator(".nv[data-nodes]")
    expect(drawn.nth(expected_frames - 1)).to_have_attribute("data-nodes", DRAWN, timeout=timeout)
    return [int(drawn.nth(i).get_attribute("data-nodes")) for i in range(drawn.count())]


def node_point(page, node_id: str, index: int = 0) -> dict:
    """The page coordinates of a node's centre in the ``index``-th network, scrolled into view."""
    host = page.locator(".nv-host").nth(index)
    canvas = page.locator(".nv-canvas-box canvas").nth(index)
    canvas.scroll_into_view_if_needed()
    # Centre the node's network in the window, so that the node is on screen.
    box = canvas.bounding_box()
    at = host.evaluate("(h, id) => h.view.toScreen(id)", node_id)
    return {"x": box["x"] + at["x"], "y": box["y"] + at["y"]}


def no_exception(page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


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
        # Auto-waiting: under load the metrics appear a moment after the title.
        expect(page.locator("[data-testid='stMetric']")).to_have_count(5, timeout=TIMEOUT)
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
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

        # A filter change: leaving out generic actors removes their nodes, drawn in place.
        open_page(page, f"{app_url}/network")
        before = network_counts(page)[0]
        assert before == 114
        drawing = networks(page).first
        sidebar_checkbox(page, "泛指主体").locator("label").click()
        wait_rerun(page)
        no_exception(page)
        # 有关部门, 地方各级人民政府, 省级人民政府, 有关地方人民政府 and the measures
        # that named nobody else disappear.
        expect(drawing).not_to_have_attribute("data-nodes", str(before), timeout=TIMEOUT)
        after = network_counts(page)[0]
        assert 0 < after < before
        full_screenshot(page, "network-no-generic")

        # An agency pick by typing part of its name.
        open_page(page, f"{app_url}/agency")
        page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first.click()
        page.keyboard.type("海关")
        page.keyboard.press("Enter")
        wait_rerun(page)
        expect(page.locator("h2").filter(has_text="海关总署").first).to_be_visible(timeout=TIMEOUT)
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
        expect(page.locator("[data-testid='stMain']")).to_contain_text("5 / 74", timeout=TIMEOUT)
        no_exception(page)
        mark = page.locator("[data-testid='stMain'] mark").first
        expect(mark).to_contain_text("积极推进跨境电子商务通关")
        # The selectbox shows the measure shown, not the one picked before the search.
        picked = page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first
        expect(picked).to_have_value(re.compile(r"^M21\.01"))
        full_screenshot(page, "measures-search")

        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors


def test_click_hover_and_the_pages_that_follow(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 1400)) as (page, rec):
        open_page(page, f"{app_url}/network")
        assert network_counts(page) == [114]
        host = page.locator(".nv-host").first
        # The renderer came once, from the app itself; the component sends data only.
        scripts = [url for url in rec.allowed if "/app/static/network-view.js" in url]
        assert len(scripts) == 1

        # Hover: 海关总署 and its measures stay, the rest fades.
        spot = node_point(page, "agency:gacc")
        page.mouse.move(spot["x"], spot["y"])
        expect(page.locator(".nv-tooltip").first).to_contain_text("海关总署", timeout=TIMEOUT)
        unfaded = host.evaluate("h => h.view.unfaded()")
        assert "agency:gacc" in unfaded and len(unfaded) == 7  # itself and its six measures
        assert all(node.startswith("measure:") for node in unfaded if node != "agency:gacc")
        full_screenshot(page, "network-hover-customs")

        # Click: its card opens, and the profile and the clusters page follow.
        page.mouse.click(spot["x"], spot["y"])
        card = page.locator(".nv-card").first
        expect(card.locator("h3")).to_have_text("海关总署")
        expect(card).to_contain_text("措施数")
        wait_rerun(page)
        expect(page).to_have_url(re.compile(r"[?&]agency=gacc(&|$)"), timeout=TIMEOUT)
        # The card stays open through the rerun the click caused.
        expect(card.locator("h3")).to_have_text("海关总署")
        full_screenshot(page, "network-card-customs")
        nav(page, "协作群")
        boxes = page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input")
        number, label = customs_cluster()
        expect(boxes.nth(0)).to_have_value(f"{number}: {label}", timeout=TIMEOUT)
        expect(boxes.nth(1)).to_have_value(re.compile("^海关总署"))
        nav(page, "网络图")
        card = page.locator(".nv-card").first
        expect(card.locator("h3")).to_have_text("海关总署", timeout=TIMEOUT)
        card.locator(".nv-profile").click()
        wait_rerun(page)
        expect(page).to_have_url(re.compile(r"/agency\?(.*&)?agency=gacc"), timeout=TIMEOUT)
        expect(page.locator("h2").first).to_have_text("海关总署", timeout=TIMEOUT)
        no_exception(page)
        assert rec.blocked == [], rec.blocked
        assert rec.page_errors == [], rec.page_errors


def customs_cluster() -> tuple[int, str]:
    """The number and label of 海关总署's co-responsibility cluster (the app's defaults)."""
    from graph.pipeline import analyse
    from graph.table import load_measures

    clustering = analyse(load_measures()).clustering
    number = clustering.membership()["agency:gacc"]
    return number, clustering.labels[number - 1]


def nav(page, title: str) -> None:
    """Go to another page through the sidebar navigation (same session, state kept)."""
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=title).click()
    wait_rerun(page)


def test_a_copied_link_reopens_the_same_view(app_url):
    with chromium() as browser:
        with recorded_page(browser, viewport=(1400, 1200)) as (page, rec):
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
            open_page(page, f"{app_url}/network?view=projection&sections=2,3&lang=en")
            no_exception(page)
            counts = network_counts(page)
            # The link chose English, the agency network and sections 2 and 3.
            expect(page.locator("[data-testid='stMain'] h1").first).to_have_text("Network")
            view_radio = page.locator("[data-testid='stMain'] [data-testid='stRadio']").first
            expect(view_radio.locator("input[type='radio']").nth(1)).to_be_checked()
            sidebar_checkbox(page, "generic actors").locator("label").click()
            wait_rerun(page)
            expect(networks(page).first).not_to_have_attribute("data-nodes", str(counts[0]))
            shown = network_counts(page)
            spot = node_point(page, "agency:mofcom")
            page.mouse.click(spot["x"], spot["y"])
            wait_rerun(page)
            expect(page).to_have_url(re.compile(r"node=agency%3Amofcom"), timeout=TIMEOUT)
            page.locator("[data-testid='stSidebar'] button").filter(has_text="Copy a link").click()
            expect(page.locator("[data-testid='stSidebar']")).to_contain_text("Link copied")
            link = page.evaluate("navigator.clipboard.readText()")
            assert link == page.url
            assert "generic=0" in link and "view=projection" in link
            assert rec.blocked == [] and rec.page_errors == []
        # Another browser context: a new session, nothing shared but the link.
        with recorded_page(browser, viewport=(1400, 1200)) as (other, rec):
            open_page(other, link)
            no_exception(other)
            assert network_counts(other) == shown
            expect(other.locator(".nv-card h3").first).to_have_text("Ministry of Commerce")
            generic = sidebar_checkbox(other, "generic actors").locator("input")
            expect(generic).not_to_be_checked()
            sections = other.locator(
                "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
            ).first
            expect(sections.locator("[data-tag]")).to_have_count(2)
            full_screenshot(other, "network-from-link")
            assert rec.blocked == [] and rec.page_errors == []


def test_a_link_to_an_agency_opens_its_profile(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1400, 900)) as (page, rec):
        open_page(page, f"{app_url}/agency?agency=mofcom")
        expect(page.locator("h2").first).to_have_text("商务部")
        # A link that names nothing known is no error: the defaults stay.
        open_page(page, f"{app_url}/agency?agency=%3Cimg%3E&sections=x&lang=fr&view=1")
        no_exception(page)
        expect(page.locator("h2").first).to_be_visible()
        assert rec.blocked == [] and rec.page_errors == []


def test_language_switch_keeps_choices_then_presentation_scenes(app_url):
    with chromium() as browser, recorded_page(browser, viewport=(1600, 1000)) as (page, rec):
        open_page(page, f"{app_url}/agency")
        page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first.click()
        page.keyboard.type("GACC")
        page.keyboard.press("Enter")
        wait_rerun(page)
        expect(page.locator("h2").filter(has_text="海关总署").first).to_be_visible(timeout=TIMEOUT)
        page.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
        wait_rerun(page)
        # The agency and every filter survive the switch; only the words change.
        expect(page.locator("h2").first).to_have_text(
            "General Administration of Customs", timeout=TIMEOUT
        )
        no_exception(page)
        chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
        expect(chips.locator("[data-tag]")).to_have_count(7)

        nav(page, "Network")
        page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']").filter(
            has_text="Presentation"
        ).locator("label").click()
        wait_rerun(page)
        main = page.locator("[data-testid='stMain']")
        expect(main).to_contain_text("The whole document", timeout=TIMEOUT)
        no_exception(page)
        # Chrome is hidden for the projector.
        expect(page.locator("[data-testid='stToolbar']")).to_be_hidden()
        page.locator("[data-testid='stMain'] button").filter(has_text="Next").click()
        wait_rerun(page)
        expect(main).to_contain_text("2 / 9", timeout=TIMEOUT)
        no_exception(page)
        expect(main).to_contain_text("Create a relaxed environment for development")
        assert min(network_counts(page)) > 0
        full_screenshot(page, "presentation-scene-2")
        # The clicker's PageDown key steps on (focus outside the network).
        page.locator("[data-testid='stMain'] h2").first.click()
        page.keyboard.press("PageDown")
        wait_rerun(page)
        expect(main).to_contain_text("3 / 9", timeout=TIMEOUT)
        assert rec.blocked == [], rec.blocked


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of label boxes (screen pixels) that overlap."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]:
                if a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                    found.append((a["id"], b["id"]))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_presentation_scene_is_readable_at_1920x1080(app_url, lang):
    """On a 1920 x 1080 projector every label of every scene is 18 px high or more, none overlap.

    Computed from the drawn positions and label boxes the view reports
    (``labelBoxes``: what the canvas drew, measured with the browser's fonts).
    """
    from graph.scenes import section_scenes
    from graph.table import load_measures

    scenes = section_scenes(load_measures())
    with chromium() as browser, recorded_page(browser, viewport=(1920, 1080)) as (page, rec):
        open_page(page, f"{app_url}/network?present=1&lang={lang}")
        host = page.locator(".nv-host").first
        for number, scene in enumerate(scenes, 1):
            expect(page.locator("[data-testid='stMain']")).to_contain_text(
                f"{number} / {len(scenes)}", timeout=TIMEOUT
            )
            expect(page.locator(".nv-title").first).to_have_text(scene.title(lang))
            drawn = network_counts(page)[0]
            boxes = host.evaluate("h => h.view.labelBoxes()")
            # Every node's label is drawn, in the frame.
            assert len(boxes) == drawn, scene.title_en
            smallest = min(box["fontPx"] for box in boxes)
            assert smallest >= 18, (scene.title_en, smallest)
            assert overlaps(boxes) == [], scene.title_en
            if number in (1, 2, len(scenes)):
                page.screenshot(path=str(OUTPUT / f"app-scene-{lang}-{number}.png"))
            if number < len(scenes):
                next_label = "下一节" if lang == "zh" else "Next"
                page.locator("[data-testid='stMain'] button").filter(has_text=next_label).click()
                wait_rerun(page)
        assert rec.blocked == [] and rec.page_errors == []
