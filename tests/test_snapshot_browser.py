"""Snapshots in a real browser, offline: opened from disk with every other request blocked.

Each page may load exactly one URL, its own ``file://`` address; anything else
is aborted and recorded, so ``recorder.blocked == []`` means the page asked
for nothing outside the file. The view is the page's ``window.view`` (see
``graph/assets/network-view.js``). Screenshots go to ``test-output/``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from browser import OUTPUT, chromium, recorded_page, screenshot, skip_without_browser
from hostile import DOCUMENT, HOSTILE_TITLE, IMG_AGENCY, SCRIPT_TEXT, hostile_csv
from playwright.sync_api import expect

from graph import render
from graph.filters import Filters
from graph.render import figure_html
from graph.snapshot import SnapshotOptions, highlight_nodes, snapshot_html
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
    """Context manager: (page, recorder) with only ``path`` allowed."""
    return recorded_page(browser, allow=only(path), **options)


def load(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_function(DRAWN, timeout=30_000)


def drawn_node_ids(page) -> set[str]:
    """Ids of the nodes the view draws."""
    return set(page.evaluate("view.nodeIds()"))


def expected_nodes(rows) -> set[str]:
    return {f"measure:{m}" for m in rows["measure_id"]} | {f"agency:{a}" for a in rows["agency"]}


def point(page, node_id: str) -> dict:
    """Where a node is on the page (its centre, in CSS pixels)."""
    box = page.locator(".nv-canvas-box canvas").bounding_box()
    at = page.evaluate("(id) => view.toScreen(id)", node_id)
    return {"x": box["x"] + at["x"], "y": box["y"] + at["y"]}


def hover(page, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    spot = point(page, node_id)
    page.mouse.move(spot["x"], spot["y"])
    tooltip = page.locator(".nv-tooltip")
    expect(tooltip).to_be_visible(timeout=5_000)
    return tooltip.inner_text()


def focus(page, query: str) -> str | None:
    """Search for ``query``; the node the view then shows (selected), or None."""
    page.fill(".nv-search input", query)
    page.press(".nv-search input", "Enter")
    return page.evaluate("view.selected()")


def test_bundled_snapshot_offline(browser, folder, bundled_table):
    path = write(folder, "bundled.html", snapshot_html(bundled_table, SnapshotOptions()))
    with open_offline(browser, path, accept_downloads=True) as (page, recorder):
        load(page, path)
        assert drawn_node_ids(page) == expected_nodes(bundled_table)
        assert page.evaluate("view.edgeCount()") == len(bundled_table)
        expect(page.locator(".nv-legend")).to_contain_text("国务院组成部门")
        expect(page.locator(".nv-filters")).to_contain_text("未筛选：全文")
        expect(page.locator(".nv-provenance")).to_contain_text("国发〔2015〕24号")
        screenshot(page, "snapshot-bundled", full_page=False)

        assert focus(page, "商务部") == "agency:mofcom"
        expect(page.locator(".nv-status")).to_have_text("已定位：商务部")
        camera = page.evaluate("view.camera()")
        bounds = page.evaluate("view.boundsOf('agency:mofcom')")
        node = page.evaluate("(id) => view.toScreen(id)", "agency:mofcom")
        assert node["x"] == pytest.approx(camera["width"] / 2, abs=1)
        assert node["y"] == pytest.approx(camera["height"] / 2, abs=1)
        assert bounds[2] > 0
        # The search opens the node's card, as a click does.
        expect(page.locator(".nv-card h3")).to_have_text("商务部")
        assert focus(page, "m04.01") == "measure:M04.01"
        measure_text = bundled_table.loc[bundled_table["measure_id"] == "M04.01", "measure_text"]
        assert measure_text.iloc[0] in hover(page, "measure:M04.01")
        screenshot(page, "snapshot-bundled-search", full_page=False)
        focus(page, "不存在的机构")
        expect(page.locator(".nv-status")).to_have_text("未找到：不存在的机构")

        with page.expect_download() as download:
            page.click(".nv-png")
        png = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename.endswith(".png")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")

        page.click(".nv-fullscreen")
        page.wait_for_function("document.fullscreenElement !== null", timeout=5_000)
        page.click(".nv-fullscreen")
        page.wait_for_function("document.fullscreenElement === null", timeout=5_000)

        assert recorder.blocked == []
        assert recorder.allowed == [path.resolve().as_uri()]
        assert recorder.errors == []


def test_click_hover_and_double_click(browser, folder, bundled_table):
    path = write(folder, "interact.html", snapshot_html(bundled_table, generated_at=MOMENT))
    with open_offline(browser, path, viewport=(1400, 1000)) as (page, recorder):
        load(page, path)
        # Hover: the node and its neighbours stay, everything else fades.
        hover(page, "agency:gacc")
        neighbours = set(bundled_table.loc[bundled_table["agency"] == "gacc", "measure_id"])
        unfaded = set(page.evaluate("view.unfaded()"))
        assert unfaded == {"agency:gacc"} | {f"measure:{m}" for m in neighbours}
        boxes = page.evaluate("view.labelBoxes()")
        assert boxes and all(box["faded"] == (box["id"] not in unfaded) for box in boxes)
        screenshot(page, "snapshot-hover-customs", full_page=False)
        page.mouse.move(5, 5)
        page.wait_for_function("view.unfaded().length === view.nodeIds().length")

        # A click on an agency opens its card: names, kind, load, partners.
        spot = point(page, "agency:gacc")
        page.mouse.click(spot["x"], spot["y"])
        card = page.locator(".nv-card")
        expect(card.locator("h3")).to_have_text("海关总署")
        expect(card).to_contain_text("General Administration of Customs")
        expect(card).to_contain_text("措施数")
        expect(card).to_contain_text("质检总局")
        # No profile button in a snapshot: there is no app to open it in.
        expect(card.locator(".nv-profile")).to_have_count(0)
        # A click on a measure: its sentence among its article's, marked.
        spot = point(page, "measure:M21.01")
        page.mouse.click(spot["x"], spot["y"])
        text = bundled_table.loc[bundled_table["measure_id"] == "M21.01", "measure_text"].iloc[0]
        expect(card.locator("mark")).to_have_text(text)
        sibling = bundled_table.loc[bundled_table["measure_id"] == "M21.02", "measure_text"].iloc[0]
        expect(card.locator(".nv-context")).to_contain_text(sibling)
        screenshot(page, "snapshot-card-measure", full_page=False)

        # A double click: the agency's ego network alone, then back to everything.
        spot = point(page, "agency:gacc")
        page.mouse.dblclick(spot["x"], spot["y"])
        ego = bundled_table[bundled_table["measure_id"].isin(neighbours)]
        expect(page.locator(".nv")).to_have_attribute("data-ego", "agency:gacc")
        assert drawn_node_ids(page) == expected_nodes(ego)
        screenshot(page, "snapshot-ego-customs", full_page=False)
        page.click(".nv-fit")
        expect(page.locator(".nv")).not_to_have_attribute("data-ego", "agency:gacc")
        assert drawn_node_ids(page) == expected_nodes(bundled_table)
        assert recorder.blocked == [] and recorder.errors == []


def test_hostile_snapshot_runs_no_payload(browser, folder):
    table = load_measures(hostile_csv(folder))
    highlight, _ = highlight_nodes(table, agencies=[IMG_AGENCY])
    options = SnapshotOptions(title=HOSTILE_TITLE, highlight=highlight, highlight_name=SCRIPT_TEXT)
    path = write(folder, "hostile.html", snapshot_html(table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        expect(page.locator(".nv-title")).to_have_text(HOSTILE_TITLE)
        assert page.title() == HOSTILE_TITLE
        expect(page.locator(".nv-filters")).to_contain_text(SCRIPT_TEXT)
        assert_fitted(page, list(highlight))
        expect(page.locator(".nv-provenance")).to_contain_text(DOCUMENT)
        assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
        focus(page, "M01.01")
        assert SCRIPT_TEXT in hover(page, "measure:M01.01").split("\n")
        expect(page.locator(".nv-card .nv-context")).to_contain_text(SCRIPT_TEXT)
        assert focus(page, IMG_AGENCY) == f"agency:{IMG_AGENCY}"
        assert IMG_AGENCY in hover(page, f"agency:{IMG_AGENCY}")
        expect(page.locator(".nv-card h3")).to_have_text(IMG_AGENCY)
        expect(page.locator(".nv")).to_have_attribute("data-suggestions", "1")
        options = page.evaluate(
            "[...document.querySelectorAll('datalist option')].map(o => o.value)"
        )
        assert IMG_AGENCY in options
        screenshot(page, "snapshot-hostile", full_page=False)
        assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
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
        filters_text = page.locator(".nv-filters").inner_text()
        assert "sections: 3" in filters_text and "generic actors excluded" in filters_text
        screenshot(page, "snapshot-filtered-force", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_projection_and_presentation(browser, folder, bundled_table):
    options = SnapshotOptions(view="projection", color_by="cluster", presentation=True)
    path = write(folder, "projection.html", snapshot_html(bundled_table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert drawn_node_ids(page) == {f"agency:{a}" for a in bundled_table["agency"]}
        expect(page.locator(".nv")).to_have_class("nv nv-presentation")
        screenshot(page, "snapshot-projection-presentation", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_figure_html_offline(browser, folder):
    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["商务部", "工商总局"], y=[33, 20]), layout_title_text="措施数")
    path = write(folder, "figure.html", figure_html(figure))
    with open_offline(browser, path) as (page, recorder):
        page.goto(path.resolve().as_uri())
        expect(page.locator("g.point")).to_have_count(2, timeout=30_000)
        screenshot(page, "figure", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []


def test_output_folder_is_git_ignored():
    ignored = Path(__file__).resolve().parent.parent / ".gitignore"
    assert f"{OUTPUT.name}/" in ignored.read_text(encoding="utf-8").split()


MOMENT = datetime(2015, 5, 4, tzinfo=UTC)


def fitted_view(page, ids: list[str] | None = None) -> tuple[float, float, float]:
    """``(scale, x, y)`` of the view that fits the nodes (all when ``ids`` is None).

    Worked out here as the view defines its fit: centred on the nodes' joint
    bounding box (shapes and labels), which with a tenth more room fills the
    frame along its limiting side, never enlarged beyond scale 1.
    """
    boxes = page.evaluate(
        "(ids) => (ids || view.nodeIds()).filter((id) => view.nodeIds().includes(id))"
        ".map((id) => view.boundsOf(id))",
        ids,
    )
    left = min(b[0] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    top = min(b[1] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    camera = page.evaluate("view.camera()")
    width, height = camera["width"], camera["height"]
    scale = min(1.0, width / (1.1 * (right - left)), height / (1.1 * (bottom - top)))
    return scale, (left + right) / 2, (top + bottom) / 2


def view(page) -> tuple[float, float, float]:
    camera = page.evaluate("view.camera()")
    return camera["scale"], camera["x"], camera["y"]


def assert_fitted(page, ids: list[str] | None = None) -> None:
    """The view is the one that fits the nodes (see :func:`fitted_view`)."""
    scale, x, y = fitted_view(page, ids)
    shown_scale, shown_x, shown_y = view(page)
    assert shown_scale == pytest.approx(scale, rel=0.01)
    assert shown_x == pytest.approx(x, abs=1 / scale)
    assert shown_y == pytest.approx(y, abs=1 / scale)


def next_frame(page) -> None:
    """Wait until the page has drawn another frame."""
    page.evaluate("new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")


@pytest.mark.parametrize(
    ("view_name", "highlight"),
    [("bipartite", {"agencies": ["sac"]}), ("projection", {"sections": [5]})],
)
def test_first_view_shows_the_highlight(browser, folder, bundled_table, view_name, highlight):
    nodes, name = highlight_nodes(bundled_table, **highlight)
    options = SnapshotOptions(view=view_name, highlight=nodes, highlight_name=name)
    path = write(folder, f"highlight-{view_name}.html", snapshot_html(bundled_table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        shown = [node for node in nodes if node in drawn_node_ids(page)]
        assert 0 < len(shown) <= len(nodes)
        assert_fitted(page, shown)
        zoomed = view(page)[0]
        screenshot(page, f"snapshot-highlight-{view_name}", full_page=False)
        page.click(".nv-fit")
        next_frame(page)
        assert_fitted(page)
        assert view(page)[0] < zoomed / 1.2
        assert recorder.blocked == [] and recorder.errors == []


def test_resize_refits_until_the_reader_moves_the_view(browser, folder, bundled_table):
    path = write(folder, "resize.html", snapshot_html(bundled_table, generated_at=MOMENT))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        wide = view(page)[0]
        page.set_viewport_size({"width": 760, "height": 560})
        page.wait_for_function(f"view.camera().scale !== {wide}")
        next_frame(page)
        assert_fitted(page)

        # The reader zooms in: a resize keeps their view.
        box = page.locator(".nv-canvas-box canvas").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] / 3)
        fitted = view(page)[0]
        page.mouse.wheel(0, -400)
        page.wait_for_function(f"view.camera().scale > {fitted}")
        _, x, y = view(page)
        width = box["width"]
        page.set_viewport_size({"width": 1100, "height": 800})
        page.wait_for_function(f"view.camera().width > {width}")
        next_frame(page)
        # The centre stays where the reader put it; no re-fit.
        scale, shown_x, shown_y = view(page)
        assert (shown_x, shown_y) == (pytest.approx(x, abs=0.5), pytest.approx(y, abs=0.5))
        assert scale > 1.2 * fitted_view(page)[0]
        page.click(".nv-fit")
        next_frame(page)
        assert_fitted(page)
        assert recorder.blocked == [] and recorder.errors == []


def test_network_in_a_hidden_frame_is_fitted_when_shown(browser, folder, bundled_table):
    """As in a tab or an expander: built at zero size, drawn once shown."""
    inner = write(folder, "inner.html", snapshot_html(bundled_table, generated_at=MOMENT))
    host = write(
        folder,
        "host.html",
        '<!DOCTYPE html><html><body><iframe id="frame" src="inner.html"'
        ' style="display:none;width:900px;height:700px;border:0"></iframe></body></html>',
    )
    allowed = {inner.resolve().as_uri(), host.resolve().as_uri()}
    with recorded_page(browser, allow=lambda url: url in allowed) as (page, recorder):
        page.goto(host.resolve().as_uri())
        frame = page.locator("#frame").element_handle().content_frame()
        frame.wait_for_function("typeof view !== 'undefined'", timeout=30_000)
        next_frame(page)
        assert frame.evaluate("window.firstDrawMs === undefined")
        page.evaluate("document.getElementById('frame').style.display = 'block'")
        frame.wait_for_function("window.firstPaintMs !== undefined", timeout=30_000)
        assert frame.evaluate("window.firstDrawMs <= window.firstPaintMs")
        assert_fitted(frame)
        page.screenshot(path=str(OUTPUT / "snapshot-hidden-frame-shown.png"))
        assert recorder.blocked == [] and recorder.errors == []


def test_large_graph_without_measure_labels(browser, folder, bundled_table, monkeypatch):
    monkeypatch.setattr(render, "EDGE_TITLES_UP_TO", 1)
    monkeypatch.setattr(render, "MEASURE_LABELS_UP_TO", 1)
    path = write(folder, "large.html", snapshot_html(bundled_table, SnapshotOptions(lang="en")))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert not [box for box in page.evaluate("view.labelBoxes()") if box["id"] == "M04.01"]
        expect(page.locator(".nv-legend")).to_contain_text(
            "Measure labels are hidden above 1 nodes"
        )
        assert focus(page, "m04.01") == "measure:M04.01"
        expect(page.locator(".nv-status")).to_have_text("Showing: M04.01")
        text = bundled_table.loc[bundled_table["measure_id"] == "M04.01", "measure_text"]
        assert text.iloc[0] in hover(page, "measure:M04.01")
        page.focus(".nv-search input")
        expect(page.locator(".nv")).to_have_attribute("data-suggestions", "1")
        options = page.evaluate(
            "[...document.querySelectorAll('datalist option')].map(o => o.value)"
        )
        assert "M04.01" in options and "undefined" not in options
        screenshot(page, "snapshot-large-mode", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []
