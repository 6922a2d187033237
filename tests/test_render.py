"""The view's data and the offline page: self-contained, data only as JSON, every text escaped."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from hostile import HOSTILE_TITLE, IMG_AGENCY, PAYLOADS, SCRIPT_TEXT, hostile_table
from specs import bipartite, projection

from graph import render
from graph.encode import DIMMED_COLOR
from graph.export import tasklists
from graph.fixtures import tiny_table
from graph.render import (
    network_html,
    network_page_data,
    script_json,
    tasklist_html,
    view_script,
    view_script_version,
)

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def page_data(page: str) -> dict:
    """The JSON block the page's view reads."""
    match = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S
    )
    return json.loads(match.group(1))


def outside_scripts(page: str) -> str:
    """The page with every <script> block's content removed: the HTML a browser parses."""
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", page, flags=re.S)


def edges_of(data: dict) -> list[tuple[str, str, dict]]:
    """``(from, to, style)`` of every line of the view's data."""
    ids = [node["id"] for node in data["nodes"]]
    flat, styles = data["edges"]["list"], data["edges"]["styles"]
    return [(ids[flat[k]], ids[flat[k + 1]], styles[flat[k + 2]]) for k in range(0, len(flat), 3)]


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
    assert "@import" not in tiny_page and "url(" not in tiny_page


def test_the_renderer_is_inlined_whole(tiny_page):
    assert view_script() in tiny_page
    assert "NetworkView.mount(" in tiny_page
    # No other drawing library travels with the page.
    assert "vis-network" not in tiny_page and "vis.Network" not in tiny_page
    assert len(tiny_page) < 120_000


def test_renderer_script_version_is_a_content_hash():
    assert re.fullmatch(r"[0-9a-f]{12}", view_script_version())


def test_page_data_is_the_spec():
    spec = bipartite(hostile_table())
    data = page_data(network_html(spec))
    assert [(n["id"], n["x"], n["y"], n["title"]) for n in data["nodes"]] == [
        (n["id"], n["x"], n["y"], n["title"]) for n in spec.nodes
    ]
    assert [(f, t) for f, t, _ in edges_of(data)] == [(e["from"], e["to"]) for e in spec.edges]
    assert data["edges"]["titles"] == [e["title"] for e in spec.edges]
    assert data["legend"] == spec.legend


def test_lines_keep_their_style_and_dimmed_lines_come_first():
    spec = bipartite(highlight={"measure:M01.01", "agency:mofcom"})
    data = network_page_data(spec)
    expected = [
        (e["from"], e["to"], {"color": e["color"], "width": e["width"], "dashes": e["dashes"]})
        for e in spec.edges
    ]
    assert edges_of(data) == expected
    # Dimmed lines are stroked first, so the emphasised line lies over them.
    assert data["edges"]["styles"][0]["color"] == DIMMED_COLOR
    styles = {(c, w, d) for c, w, d in (tuple(s.values()) for *_, s in edges_of(data))}
    assert len(data["edges"]["styles"]) == len(styles)


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


def test_hostile_text_survives_the_json_block(hostile_page):
    data = page_data(hostile_page)
    titles = "\n".join(n["title"] for n in data["nodes"])
    labels = {n["label"] for n in data["nodes"]}
    assert SCRIPT_TEXT in titles and IMG_AGENCY in labels
    assert data["title"] == HOSTILE_TITLE
    assert data["provenance"] == [SCRIPT_TEXT] and data["filters"] == [IMG_AGENCY]


def test_the_view_never_writes_html():
    """Texts reach the page through textContent or the canvas (tests/test_snapshot_browser.py
    runs the page on hostile data); the script has no HTML-parsing sink at all."""
    script = view_script()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "a & b <!-- c -->", "\u2028\u2029", "{{ x }}", "'\""],
)
def test_script_json_round_trip(value):
    text = script_json({"v": value})
    assert json.loads(text) == {"v": value}
    assert not set("<>&\u2028\u2029") & set(text)


def test_presentation_mode_enlarges_labels():
    spec = bipartite()
    normal = {n["id"]: n["font"]["size"] for n in network_page_data(spec)["nodes"]}
    shown = network_page_data(spec, presentation=True)
    assert shown["presentation"] is True
    assert all(n["font"]["size"] > normal[n["id"]] for n in shown["nodes"])


def test_page_words_follow_the_language():
    english = network_page_data(bipartite(lang="en"))["ui"]
    assert english["png"] == "Save as PNG" and english["fit_all"] == "Show all"
    chinese = network_html(bipartite())
    assert page_data(chinese)["ui"]["png"] == "保存为 PNG" and '<html lang="zh-CN">' in chinese


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
    assert network_page_data(spec)["focus"] == ["measure:M02.01", "agency:saic"]
    assert network_page_data(bipartite())["focus"] == []


def test_graphs_up_to_the_thresholds_are_drawn_as_specified(bundled_table):
    spec = bipartite(bundled_table)
    assert len(spec.nodes) <= render.MEASURE_LABELS_UP_TO
    assert len(spec.edges) <= render.EDGE_TITLES_UP_TO
    data = network_page_data(spec)
    assert data["omitted"] == []
    assert [n["label"] for n in data["nodes"]] == [n["label"] for n in spec.nodes]
    assert data["names"] == [n["label"] for n in spec.nodes]
    assert len(data["edges"]["titles"]) == len(spec.edges)
    assert not [entry for entry in data["legend"] if entry["type"] == "note"]


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
    notes = [entry["label"] for entry in data["legend"] if entry["type"] == "note"]
    assert notes == ["节点超过 9 个时不显示措施编号：悬停或搜索可查看。"]


def test_large_graphs_leave_out_line_tooltips(monkeypatch):
    spec = bipartite(highlight={"measure:M01.01", "agency:mofcom"}, lang="en")
    monkeypatch.setattr(render, "EDGE_TITLES_UP_TO", 10)  # the tiny graph has 10 edges
    assert network_page_data(spec)["edges"]["titles"] is not None
    monkeypatch.setattr(render, "EDGE_TITLES_UP_TO", 9)
    data = network_page_data(spec)
    assert data["edges"]["titles"] is None and data["omitted"] == ["edge_tooltips"]
    notes = [entry["label"] for entry in data["legend"] if entry["type"] == "note"]
    assert notes == [
        "Above 9 lines, lines have no tooltips. "
        "A measure's tooltip names its lead and partner agencies."
    ]


def test_projection_note_names_no_measures(monkeypatch):
    monkeypatch.setattr(render, "EDGE_TITLES_UP_TO", 0)
    notes = [e["label"] for e in network_page_data(projection())["legend"] if e["type"] == "note"]
    assert notes == ["连线超过 0 条时连线没有悬停提示。"]
