"""Snapshots in a real browser, offline: opened from disk with every other request blocked.

Each page may load exactly one URL, its own ``file://`` address; anything else
is aborted and recorded, so ``recorder.blocked == []`` means the page asked
for nothing outside the file. Screenshots go to ``test-output/``.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from browser import OUTPUT, chromium, recorded_page, screenshot, skip_without_browser
from hostile import DOCUMENT, HOSTILE_TITLE, IMG_AGENCY, SCRIPT_TEXT, hostile_csv

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
        assert "国务院组成部门" in page.locator("#legend").inner_text()
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
    highlight, _ = highlight_nodes(table, agencies=[IMG_AGENCY])
    options = SnapshotOptions(title=HOSTILE_TITLE, highlight=highlight, highlight_name=SCRIPT_TEXT)
    path = write(folder, "hostile.html", snapshot_html(table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("#title").inner_text() == HOSTILE_TITLE
        assert page.title() == HOSTILE_TITLE
        assert SCRIPT_TEXT in page.locator("#filters-box").inner_text()
        assert_fitted(page, list(highlight))
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


MOMENT = datetime(2015, 5, 4, tzinfo=UTC)


def canvas_size(page) -> tuple[int, int]:
    size = page.evaluate(
        "(() => { const c = document.querySelector('#network canvas');"
        " return [c.clientWidth, c.clientHeight]; })()"
    )
    return size[0], size[1]


def fitted_view(page, ids: list[str] | None = None) -> tuple[float, float, float]:
    """``(scale, x, y)`` of the view that fits the nodes (all when ``ids`` is None).

    Worked out here as vis-network's ``fit`` defines it: centred on the nodes'
    joint bounding box, which with a tenth more room fills the canvas along
    its limiting side, never enlarged beyond scale 1.
    """
    boxes = page.evaluate(
        "(ids) => (ids || network.body.nodeIndices).map((id) => network.getBoundingBox(id))",
        ids,
    )
    left = min(b["left"] for b in boxes)
    right = max(b["right"] for b in boxes)
    top = min(b["top"] for b in boxes)
    bottom = max(b["bottom"] for b in boxes)
    width, height = canvas_size(page)
    scale = min(1.0, width / (1.1 * (right - left)), height / (1.1 * (bottom - top)))
    return scale, (left + right) / 2, (top + bottom) / 2


def view(page) -> tuple[float, float, float]:
    return tuple(page.evaluate("[network.getScale(), ...Object.values(network.getViewPosition())]"))


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
    ("view", "highlight"),
    [("bipartite", {"agencies": ["sac"]}), ("projection", {"sections": [5]})],
)
def test_first_view_shows_the_highlight(browser, folder, bundled_table, view, highlight):
    nodes, name = highlight_nodes(bundled_table, **highlight)
    options = SnapshotOptions(view=view, highlight=nodes, highlight_name=name)
    path = write(folder, f"highlight-{view}.html", snapshot_html(bundled_table, options))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        shown = page.evaluate(
            "(ids) => network.body.nodeIndices.filter((id) => ids.includes(id))", list(nodes)
        )
        assert 0 < len(shown) <= len(nodes)
        assert_fitted(page, shown)
        zoomed = page.evaluate("network.getScale()")
        screenshot(page, f"snapshot-highlight-{view}", full_page=False)
        page.click("#fit-all")
        next_frame(page)
        assert_fitted(page)
        assert page.evaluate("network.getScale()") < zoomed / 1.2
        assert recorder.blocked == [] and recorder.errors == []


def test_resize_refits_until_the_reader_moves_the_view(browser, folder, bundled_table):
    path = write(folder, "resize.html", snapshot_html(bundled_table, generated_at=MOMENT))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        wide = page.evaluate("network.getScale()")
        page.set_viewport_size({"width": 760, "height": 560})
        page.wait_for_function(f"network.getScale() !== {wide}")
        next_frame(page)
        assert_fitted(page)

        # The reader zooms in: a resize keeps their view.
        width, height = canvas_size(page)
        box = page.locator("#network").bounding_box()
        page.mouse.move(box["x"] + width / 3, box["y"] + height / 3)
        fitted = page.evaluate("network.getScale()")
        page.mouse.wheel(0, -400)
        page.wait_for_function(f"network.getScale() > {fitted}")
        _, x, y = view(page)
        page.set_viewport_size({"width": 1100, "height": 800})
        page.wait_for_function(f"document.querySelector('#network canvas').clientWidth > {width}")
        next_frame(page)
        # vis-network keeps the centre (and scales the zoom with the frame); no re-fit.
        scale, shown_x, shown_y = view(page)
        assert (shown_x, shown_y) == (pytest.approx(x, abs=0.5), pytest.approx(y, abs=0.5))
        assert scale > 1.2 * fitted_view(page)[0]
        page.click("#fit-all")
        next_frame(page)
        assert_fitted(page)
        assert recorder.blocked == [] and recorder.errors == []


def test_network_in_a_hidden_frame_is_fitted_when_shown(browser, folder, bundled_table):
    """As in a tab or an expander of the app: built at zero size, drawn once shown."""
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
        frame.wait_for_function("typeof network !== 'undefined'", timeout=30_000)
        next_frame(page)
        assert frame.evaluate("window.firstDrawMs === undefined")
        page.evaluate("document.getElementById('frame').style.display = 'block'")
        frame.wait_for_function("window.firstPaintMs !== undefined", timeout=30_000)
        assert frame.evaluate("window.firstDrawMs <= window.firstPaintMs")
        assert_fitted(frame)
        frame.wait_for_function("window.suggestionsReady === true")
        page.screenshot(path=str(OUTPUT / "snapshot-hidden-frame-shown.png"))
        assert recorder.blocked == [] and recorder.errors == []


def canvas_pixels(page):
    """The drawn canvas as an RGB array."""
    import numpy as np
    from PIL import Image

    png = page.locator("#network canvas").screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def test_edge_layer_draws_what_vis_network_draws(browser, folder, bundled_table, monkeypatch):
    """Above EDGE_LAYER_FROM edges the page strokes them itself: the picture must not change."""
    import numpy as np

    options = SnapshotOptions(filters=Filters(sections=(2, 3)))
    drawn = write(folder, "lines-vis.html", snapshot_html(bundled_table, options))
    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 1)
    layered = write(folder, "lines-layer.html", snapshot_html(bundled_table, options))
    pictures = []
    for path in (drawn, layered):
        with open_offline(browser, path) as (page, recorder):
            load(page, path)
            page.wait_for_function("window.firstPaintMs !== undefined")
            pictures.append(canvas_pixels(page))
            edges = page.evaluate("network.body.data.edges.length")
            assert recorder.blocked == [] and recorder.errors == []
    assert edges == 0  # the layered page gave vis-network no edge
    vis, layer = pictures
    assert vis.shape == layer.shape
    inked = (vis < 200).any(axis=2)
    # The lines are most of what is drawn. Crossing lines of one style are one
    # path here and blend a little differently, by a few levels of grey; a
    # missing, misplaced or miscoloured line differs by far more.
    differs = (np.abs(vis - layer) > 40).any(axis=2)
    assert inked.mean() > 0.01
    assert differs.sum() < 0.005 * inked.sum()


def test_large_graph_without_measure_labels(browser, folder, bundled_table, monkeypatch):
    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 1)
    monkeypatch.setattr(render, "MEASURE_LABELS_UP_TO", 1)
    path = write(folder, "large.html", snapshot_html(bundled_table, SnapshotOptions(lang="en")))
    with open_offline(browser, path) as (page, recorder):
        load(page, path)
        assert page.evaluate("network.body.data.nodes.get('measure:M04.01').label") is None
        assert "Measure labels are hidden above 1 nodes" in page.locator("#legend").inner_text()
        assert focus(page, "m04.01") == ["measure:M04.01"]
        assert page.locator("#search-status").inner_text() == "Showing: M04.01"
        text = bundled_table.loc[bundled_table["measure_id"] == "M04.01", "measure_text"]
        assert text.iloc[0] in hover(page, "measure:M04.01")
        page.wait_for_function("window.suggestionsReady === true")
        options = page.evaluate(
            "[...document.querySelectorAll('#node-names option')].map(o => o.value)"
        )
        assert "M04.01" in options and "undefined" not in options
        screenshot(page, "snapshot-large-mode", full_page=False)
        assert recorder.blocked == [] and recorder.errors == []
