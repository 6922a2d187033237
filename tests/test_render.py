"""The HTML page: self-contained, every data text escaped, vis-network inlined and configured."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import pyvis
from hostile import HOSTILE_TITLE, IMG_AGENCY, PAYLOADS, SCRIPT_TEXT, hostile_table
from specs import bipartite, projection

from graph import render
from graph.encode import DIMMED_COLOR
from graph.export import tasklists
from graph.fixtures import tiny_table
from graph.render import (
    legend_html,
    network_html,
    network_page_data,
    pyvis_network_data,
    script_json,
    tasklist_html,
)

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
VIS_JS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"


def page_data(page: str) -> dict:
    """The JSON block the page reads its nodes, edges and options from."""
    match = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S
    )
    return json.loads(match.group(1))


def outside_scripts(page: str) -> str:
    """The page with every <script> block's content removed: the HTML a browser parses."""
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S)


@pytest.fixture(scope="module")
def tiny_page() -> str:
    return network_html(bipartite(), title="tiny", provenance=["p"], filters=["f"])


@pytest.fixture(scope="module")
def hostile_page() -> str:
    spec = bipartite(hostile_table())
    return network_html(spec, title=HOSTILE_TITLE, provenance=[SCRIPT_TEXT], filters=[IMG_AGENCY])


def test_no_external_resources(tiny_page):
    assert not EXTERNAL.search(tiny_page)
    assert "<link" not in tiny_page
    assert not re.search(r"<script[^>]+src=", tiny_page)
    assert "node_modules" not in tiny_page
    assert "@import" not in tiny_page


def test_vis_network_is_inlined(tiny_page):
    library = VIS_JS.read_text(encoding="utf-8")
    body = library.split("//# sourceMappingURL")[0].rstrip()
    assert body[-2000:] in tiny_page
    assert "@version 9.1.2" in tiny_page
    assert "sourceMappingURL" not in tiny_page


def test_options_fix_positions_and_straight_edges(tiny_page):
    options = page_data(tiny_page)["options"]
    assert options["physics"]["enabled"] is False
    assert options["physics"]["stabilization"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert options["interaction"]["dragNodes"] is False


def test_page_data_is_the_spec():
    spec = bipartite(hostile_table())
    data = page_data(network_html(spec))
    assert [(n["id"], n["x"], n["y"], n["title"]) for n in data["nodes"]] == [
        (n["id"], n["x"], n["y"], n["title"]) for n in spec.nodes
    ]
    assert [(e["from"], e["to"]) for e in data["edges"]] == [
        (e["from"], e["to"]) for e in spec.edges
    ]


def test_pyvis_keeps_colours_and_positions():
    spec = bipartite(color_by="section")
    nodes, edges = pyvis_network_data(spec)
    assert [n["color"] for n in nodes] == [n["color"] for n in spec.nodes]
    assert [(n["x"], n["y"]) for n in nodes] == [(n["x"], n["y"]) for n in spec.nodes]
    assert len(edges) == len(spec.edges)


def test_no_script_from_data(tiny_page, hostile_page):
    # The same number of script tags as a page without hostile text: only the page's own.
    assert hostile_page.count("<script") == tiny_page.count("<script")
    assert hostile_page.count("</script>") == tiny_page.count("</script>")
    for payload in (*PAYLOADS, HOSTILE_TITLE):
        assert payload not in hostile_page
    # The browser would see no element or attribute that the clean page lacks.
    assert start_tags(hostile_page) == start_tags(tiny_page)


def start_tags(page: str) -> set[tuple[str, tuple[str, ...]]]:
    """Every (tag, attribute names) the HTML parser meets outside script blocks."""
    found = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add((tag, tuple(sorted(name for name, _ in attrs))))

    Collector().feed(outside_scripts(page))
    return found


def test_hostile_text_is_escaped_where_it_is_html(hostile_page):
    assert f"<title>{html.escape(HOSTILE_TITLE)}</title>" in hostile_page
    assert f'<h1 id="title">{html.escape(HOSTILE_TITLE)}</h1>' in hostile_page
    assert f"<li>{html.escape(SCRIPT_TEXT)}</li>" in hostile_page
    assert f"<li>{html.escape(IMG_AGENCY)}</li>" in hostile_page


def test_hostile_text_survives_the_json_block(hostile_page):
    titles = "\n".join(n["title"] for n in page_data(hostile_page)["nodes"])
    labels = {n["label"] for n in page_data(hostile_page)["nodes"]}
    assert SCRIPT_TEXT in titles
    assert IMG_AGENCY in labels


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "a & b <!-- c -->", "\u2028\u2029", "{{ x }}", "'\""],
)
def test_script_json_round_trip(value):
    text = script_json({"v": value})
    assert json.loads(text) == {"v": value}
    assert not set("<>&\u2028\u2029") & set(text)


def test_legend_html_escapes_and_checks_colours():
    legend = legend_html(
        [
            {
                "type": "color",
                "shape": "dot",
                "color": "red;background:url(x)",
                "label": "<i>a</i>",
            },
            {"type": "line", "color": "#4D4D4D", "width": 2, "dashes": True, "label": "lead"},
            {"type": "size", "size": 10, "value": "<3>", "label": "size"},
        ]
    )
    assert "url(x)" not in legend and "background:#999999" in legend
    assert "&lt;i&gt;a&lt;/i&gt;" in legend and "<i>" not in legend
    assert "2px dashed #4D4D4D" in legend
    assert 'data-radius="10"' in legend and "&lt;3&gt;" in legend


def test_presentation_mode_enlarges_labels():
    spec = bipartite()
    normal = {n["id"]: n["font"]["size"] for n in page_data(network_html(spec))["nodes"]}
    shown = page_data(network_html(spec, presentation=True))
    assert all(n["font"]["size"] > normal[n["id"]] for n in shown["nodes"])
    assert 'class="presentation"' in network_html(spec, presentation=True)


def test_page_words_follow_the_language():
    english = network_html(bipartite(lang="en"))
    assert ">Save as PNG<" in english and ">Full screen<" in english
    chinese = network_html(bipartite())
    assert ">保存为 PNG<" in chinese and '<html lang="zh-CN">' in chinese


def test_tasklist_page_is_static_and_escaped(tmp_path):
    table = hostile_table()
    tasks = tasklists(table, ["mofcom", IMG_AGENCY])
    page = tasklist_html(tasks, title=HOSTILE_TITLE, provenance=[SCRIPT_TEXT])
    assert "<script" not in page.replace(html.escape("<script"), "")
    assert not EXTERNAL.search(page)
    for payload in (SCRIPT_TEXT, HOSTILE_TITLE, IMG_AGENCY):
        assert payload not in page
        assert html.escape(payload) in page
    assert "@page" in page and "table-header-group" in page
    assert page.count('<section class="agency">') == 2


def test_tasklist_page_by_hand():
    # saic leads M01.02 (shared duty, with mofcom and ndrc) and M02.01 (with aqsiq).
    page = tasklist_html(tasklists(tiny_table(), ["saic"]), lang="zh")
    assert "2 项措施：牵头 2 项，参与 0 项；按职责分工负责 1 项" in page
    assert "<td>商务部（牵头）、发展改革委（牵头）</td>" in page
    assert "<td>质检总局</td>" in page


def test_first_view_fits_the_highlight():
    spec = bipartite(highlight={"agency:saic", "measure:M02.01"})
    page = network_html(spec)
    assert page_data(page)["focus"] == ["measure:M02.01", "agency:saic"]
    assert page_data(network_html(bipartite()))["focus"] == []
    assert '<button type="button" id="fit-all">显示全部</button>' in page
    assert ">Show all<" in network_html(bipartite(lang="en"))


def test_graphs_up_to_the_thresholds_are_drawn_as_specified(bundled_table):
    spec = bipartite(bundled_table)
    assert len(spec.nodes) <= render.MEASURE_LABELS_UP_TO
    assert len(spec.edges) < render.EDGE_LAYER_FROM
    data = network_page_data(spec)
    assert data["edgeLayer"] is None and data["omitted"] == []
    assert [n["label"] for n in data["nodes"]] == [n["label"] for n in spec.nodes]
    assert data["names"] == [n["label"] for n in spec.nodes]
    assert len(data["edges"]) == len(spec.edges)
    assert 'class="note"' not in network_html(spec)


def test_large_graphs_hide_measure_labels(monkeypatch):
    # The tiny graph has 10 nodes: at the limit labels stay, above it measures lose them.
    spec = bipartite()
    monkeypatch.setattr(render, "MEASURE_LABELS_UP_TO", 10)
    assert all("label" in n for n in network_page_data(spec)["nodes"])
    monkeypatch.setattr(render, "MEASURE_LABELS_UP_TO", 9)
    data = network_page_data(spec)
    unlabelled = {n["id"] for n in data["nodes"] if "label" not in n}
    assert unlabelled == {
        "measure:M01.01",
        "measure:M01.02",
        "measure:M02.01",
        "measure:M02.02",
        "measure:C01",
    }
    assert all("font" not in n for n in data["nodes"] if n["id"] in unlabelled)
    # The search box still finds them by the label they would have had.
    assert data["names"] == [n["label"] for n in spec.nodes]
    assert data["omitted"] == ["measure_labels"]
    page = network_html(spec)
    assert '<li class="note">节点超过 9 个时不显示措施编号：悬停或搜索可查看。</li>' in page


def test_large_graphs_draw_edges_as_one_layer(monkeypatch):
    spec = bipartite(highlight={"measure:M01.01", "agency:mofcom"})
    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 11)  # the tiny graph has 10 edges
    assert network_page_data(spec)["edgeLayer"] is None
    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 10)
    data = network_page_data(spec)
    assert data["edges"] == [] and data["omitted"] == ["edge_tooltips"]
    layer = data["edgeLayer"]
    ids = [n["id"] for n in data["nodes"]]
    drawn = [
        (ids[f], ids[t], layer["styles"][s])
        for f, t, s in zip(*[iter(layer["edges"])] * 3, strict=True)
    ]
    expected = [
        (e["from"], e["to"], {"color": e["color"], "width": e["width"], "dashes": e["dashes"]})
        for e in spec.edges
    ]
    assert drawn == expected
    # Dimmed lines are stroked first, so the emphasised line lies over them.
    assert layer["styles"][0]["color"] == DIMMED_COLOR
    assert len(layer["styles"]) == len({(d["color"], d["width"], d["dashes"]) for *_, d in drawn})
    assert data["options"]["interaction"]["hideEdgesOnZoom"] is False
    page = network_html(spec, lang="en")
    assert (
        '<li class="note">Above 10 lines, lines are drawn as one layer without tooltips. '
        "A measure's tooltip names its lead and partner agencies.</li>"
    ) in page.replace("&#x27;", "'")


def test_projection_layer_note_names_no_measures(monkeypatch):

    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 1)
    page = network_html(projection())
    assert '<li class="note">连线超过 1 条时合并绘制：连线没有悬停提示。</li>' in page


def test_layer_lines_follow_the_edge_count_for_zoom_hiding(monkeypatch):
    monkeypatch.setattr(render, "EDGE_LAYER_FROM", 10)
    monkeypatch.setattr(render, "HIDE_EDGES_ON_ZOOM_FROM", 10)
    data = network_page_data(bipartite())
    assert data["options"]["interaction"]["hideEdgesOnZoom"] is True


def test_notes_are_escaped():
    legend = legend_html([{"type": "note", "label": "<script>x</script>"}])
    assert legend == '<ul class="legend"><li class="note">&lt;script&gt;x&lt;/script&gt;</li></ul>'
