"""Snapshots in a real browser, offline: opened from disk with every other request blocked.

Each page may load exactly one URL, its own ``file://`` address; anything else
is aborted and recorded, so ``recorder.blocked == []`` means the page asked
for nothing outside the file. Screenshots go to ``test-output/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import OUTPUT, chromium, recorded_page, screenshot, skip_without_browser
from hostile import DOCUMENT, HOSTILE_TITLE, IMG_AGENCY, SCRIPT_TEXT, hostile_csv

from graph.filters import Filters
from graph.render import figure_html
from graph.snapshot import SnapshotOptions, snapshot_html
from graph.table import load_measures

pytestmark = skip_without_browser
DRAWN = "window.firstDrawMs !== undefined"


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("snapshots")


def write(folder: Path, name: str, page: str) -> Path:
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def only(path: Path):
    """Allow nothing but the file itself."""
    uri = path.resolve().as_uri()
    return lambda url: url == uri


def open_offline(browser, path: Path, **options):
    """Context manager: (page, recorder) with ``path`` loaded and drawn."""
    return recorded_page(browser, allow=only(path), **options)


def load(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_function(DRAWN, timeout=30_000)


def drawn_node_ids(page) -> set[str]:
    """Ids of the nodes vis-network holds as visible (its ``nodeIndices``)."""
    return set(page.evaluate("network.body.nodeIndices"))


def expected_nodes(rows) -> set[str]:
    return {f"measure:{m}" for m in rows["measure_id"]} | {f"agency:{a}" for a in rows["agency"]}


def hover(page, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    point = page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPosition(id));
            const box = document.getElementById("network").getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()


def focus(page, query: str) -> list[str]:
    page.fill("#search", query)
    page.press("#search", "Enter")
    return page.evaluate("network.getSelectedNodes()")


def test_bundled_snapshot_offline(browser, folder, bundled_table):
    path = write(folder, "bundled.html", snapshot_html(bundled_table, SnapshotOptions()))
    with open_offline(browser, path, accept_downloads=True) as (page, recorder):
        load(page, path)
        assert drawn_node_ids(page) == expected_nodes(bundled_table)
        assert page.evaluate("network.body.data.edges.length") == len(bundled_table)
        assert page.locator("#legend").is_visible()
        assert "部委" in page.locator("#legend").inner_text()
        assert page.locator("#filters-box").is_visible()
        assert "未筛选：全文" in page.locator("#filters-box").inner_text()
        assert "国发〔2015〕24号" in page.locator("#provenance-box").inner_text()
        screenshot(page, "snapshot-bundled", full_page=False)

        assert focus(page, "商务部") == ["agency:mofcom"]
        assert page.locator("#search-status").inner_text() == "已定位：商务部"
        center = page.evaluate("network.getViewPosition()")
        node = page.evaluate("network.getPosition('agency:mofcom')")
        assert center["x"] == pytest.approx(node["x"], abs=1) and center["y"] == pytest.approx(
            node["y"], abs=1
        )
        assert focus(page, "m04.01") == ["measure:M04.01"]
        measure_text = bundled_table.loc[bundled_table["measure_id"] == "M04.01", "measure_text"]
        assert measure_text.iloc[0] in hover(page, "measure:M04.01")
        screenshot(page, "snapshot-bundled-search", full_page=False)
        focus(page, "不存在的机构")
        assert page.locator("#search-status").inner_text() == "未找到：不存在的机构"

        with page.expect_download() as download:
            page.click("#save-png")
        png = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename.endswith(".png")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")

        page.click("#fullscreen")
        page.wait_for_function("document.fullscreenElement !== null", timeout=5_000)
        page.click("#fullscreen")
        page.wait_for_function("document.fullscreenElement === null", timeout=5_000)

        assert recorder.blocked == []
        assert recorder.allowed == [path.resolve().as_uri()]
        assert recorder.errors == []


def test_hostile_snapshot_runs_no_payload(browser, folder):
    table = load_measures(hostile_csv(folder))
    page_html = snapshot_html(table, SnapshotOptions(title=HOSTILE_TITLE))
    path = write(folder, "hostile.html", page_html)
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("#title").inner_text() == HOSTILE_TITLE
        assert page.title() == HOSTILE_TITLE
        assert DOCUMENT in page.locator("#provenance-box").inner_text()
        assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
        focus(page, "M01.01")
        assert SCRIPT_TEXT in hover(page, "measure:M01.01").split("\n")
        assert focus(page, IMG_AGENCY) == [f"agency:{IMG_AGENCY}"]
        assert IMG_AGENCY in hover(page, f"agency:{IMG_AGENCY}")
        page.wait_for_function("window.suggestionsReady === true")
        options = page.evaluate(
            "[...document.querySelectorAll('#node-names option')].map(o => o.value)"
        )
        assert IMG_AGENCY in options
        screenshot(page, "snapshot-hostile", full_page=False)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert recorder.blocked == []
        assert recorder.errors == []


def test_filtered_snapshot_draws_the_filtered_rows(browser, folder, bundled_table, registry):
    filters = Filters(sections=(3,), include_generic=False)
    path = write(
        folder,
        "filtered.html",
        snapshot_html(
            bundled_table,
            SnapshotOptions(filters=filters, lang="en", layout="force", color_by="cluster"),
        ),
    )
    kinds = bundled_table["agency"].map(registry.agencies["kind"])
    rows = bundled_table[
        ((bundled_table["section"] == 3) | (bundled_table["kind"] == "coordination"))
        & ~kinds.isin(["generic", "local_government"])
    ]
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert drawn_node_ids(page) == expected_nodes(rows)
        filters_text = page.locator("#filters-box").inner_text()
        assert "sections: 3" in filters_text and "generic actors excluded" in filters_text
        screenshot(page, "snapshot-filtered-force", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_projection_and_presentation(browser, folder, bundled_table):
    options = SnapshotOptions(view="projection", color_by="cluster", presentation=True)
    path = write(folder, "projection.html", snapshot_html(bundled_table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert drawn_node_ids(page) == {f"agency:{a}" for a in bundled_table["agency"]}
        screenshot(page, "snapshot-projection-presentation", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_figure_html_offline(browser, folder):
    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["商务部", "工商总局"], y=[33, 20]), layout_title_text="措施数")
    path = write(folder, "figure.html", figure_html(figure))
    with open_offline(browser, path) as (page, recorder):
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(".main-svg", timeout=30_000)
        assert page.locator("g.point").count() == 2
        screenshot(page, "figure", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_output_folder_is_git_ignored():
    ignored = Path(__file__).resolve().parent.parent / ".gitignore"
    assert f"{OUTPUT.name}/" in ignored.read_text(encoding="utf-8").split()
