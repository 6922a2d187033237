"""Visual encoding: colours match the legend, sizes follow the metric, titles are plain text.

Expected values are worked out by hand from the tiny fixture (graph/fixtures.py):
measures per agency mofcom 3, ndrc 3, saic 2, aqsiq 1, depts_relevant 1; leads
mofcom 2 (M01.01, M01.02), ndrc 2 (M01.02, C01), saic 2, aqsiq 0, depts 1.
"""

from __future__ import annotations

import math

import pytest
from hostile import IMG_AGENCY, SCRIPT_TEXT, TEMPLATE_TEXT, hostile_table
from specs import bipartite, projection

from graph.build import build_graph
from graph.encode import (
    DIMMED_COLOR,
    MAX_AGENCY_SIZE,
    MIN_AGENCY_SIZE,
    OTHER_COLOR,
    encode_bipartite,
)
from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_analysis, tiny_inputs
from graph.layout import bipartite_positions


def by_id(spec) -> dict[str, dict]:
    return {node["id"]: node for node in spec.nodes}


def background(node: dict) -> str:
    return node["color"]["background"]


def radius(value: float, top: float) -> float:
    """Area proportional to the value: radius grows with its square root."""
    return MIN_AGENCY_SIZE + (MAX_AGENCY_SIZE - MIN_AGENCY_SIZE) * math.sqrt(value / top)


def test_shapes_distinguish_measures_and_agencies():
    nodes = by_id(bipartite())
    measures = ["M01.01", "M01.02", "M02.01", "M02.02", "C01"]
    assert {nodes[f"measure:{m}"]["shape"] for m in measures} == {"box"}
    agencies = ["mofcom", "ndrc", "saic", "aqsiq", "depts_relevant"]
    assert {nodes[f"agency:{a}"]["shape"] for a in agencies} == {"dot"}


@pytest.mark.parametrize(
    ("size_by", "values"),
    [
        ("measures", {"mofcom": 3, "ndrc": 3, "saic": 2, "aqsiq": 1, "depts_relevant": 1}),
        ("leads", {"mofcom": 2, "ndrc": 2, "saic": 2, "aqsiq": 0, "depts_relevant": 1}),
    ],
)
def test_sizes_follow_the_metric(size_by, values):
    nodes = by_id(bipartite(size_by=size_by))
    top = max(values.values())
    for agency, value in values.items():
        expected = radius(value, top) if value else MIN_AGENCY_SIZE
        assert nodes[f"agency:{agency}"]["size"] == pytest.approx(expected, abs=0.01)


def test_kind_colours_and_legend():
    spec = bipartite(color_by="kind", lang="en")
    nodes = by_id(spec)
    ministries = {background(nodes["agency:mofcom"]), background(nodes["agency:ndrc"])}
    affiliated = {background(nodes["agency:saic"]), background(nodes["agency:aqsiq"])}
    generic = background(nodes["agency:depts_relevant"])
    assert len(ministries) == len(affiliated) == 1
    assert len(ministries | affiliated | {generic}) == 3
    dots = {
        e["label"]: e["color"] for e in spec.legend if e["type"] == "color" and e["shape"] == "dot"
    }
    assert dots == {
        "Ministry or commission": ministries.pop(),
        "Directly affiliated body": affiliated.pop(),
        "Generic actor": generic,
    }


@pytest.mark.parametrize("color_by", ["kind", "cluster", "section"])
def test_legend_lists_exactly_the_colours_drawn(bundled_table, color_by):
    spec = bipartite(bundled_table, color_by=color_by)
    for shape in ("box", "dot"):
        drawn = {background(n) for n in spec.nodes if n["shape"] == shape}
        legend = {e["color"] for e in spec.legend if e["type"] == "color" and e["shape"] == shape}
        if color_by == "section" and shape == "dot":
            assert len(drawn) == 1  # agencies neutral; the shape legend names them
        else:
            assert drawn == legend


def test_section_colours():
    spec = bipartite(color_by="section", lang="en")
    nodes = by_id(spec)
    first = {background(nodes["measure:M01.01"]), background(nodes["measure:M01.02"])}
    second = {background(nodes["measure:M02.01"]), background(nodes["measure:M02.02"])}
    assert len(first) == len(second) == 1 and first != second
    assert background(nodes["measure:C01"]) == OTHER_COLOR
    labels = [e["label"] for e in spec.legend if e["type"] == "color"]
    assert labels == ["section 1 总则", "section 2 监管", "no section"]


def test_cluster_colours_follow_membership():
    graph, positions, metrics, _ = tiny_inputs()
    clustering = tiny_analysis().clustering
    nodes = by_id(encode_bipartite(graph, positions, metrics, clustering, color_by="cluster"))
    colour_of_cluster = {}
    for number, members in enumerate(clustering.clusters, 1):
        colours = {background(nodes[m]) for m in members}
        assert len(colours) == 1
        colour_of_cluster[number] = colours.pop()
    assert len(set(colour_of_cluster.values())) == len(clustering.clusters)


def test_titles_are_plain_text_by_hand():
    nodes = by_id(bipartite())
    assert (
        nodes["measure:M01.01"]["title"]
        == "M01.01 · 开放市场\n放宽准入。\n牵头：商务部\n参与：发展改革委"
    )
    assert nodes["agency:saic"]["title"] == (
        "国家工商行政管理总局\nState Administration for Industry and Commerce\n类型：国务院直属机构\n措施数：2"
    )
    assert not any("<br" in n["title"] for n in nodes.values())


def test_english_labels():
    nodes = by_id(bipartite(lang="en"))
    assert nodes["agency:mofcom"]["label"] == "MOFCOM"
    assert nodes["measure:M02.01"]["label"] == "M02.01"


def test_edges_show_roles():
    spec = bipartite()
    edges = {(e["from"], e["to"]): e for e in spec.edges}
    assert len(edges) == 10
    lead = edges[("measure:M01.01", "agency:mofcom")]
    partner = edges[("measure:M01.01", "agency:ndrc")]
    assert (lead["dashes"], partner["dashes"]) == (False, True)
    assert lead["width"] > partner["width"]
    assert edges[("measure:M01.02", "agency:saic")]["title"] == "牵头 (按职责分工分别负责)"


def test_hostile_text_stays_verbatim_in_the_spec():
    """The spec is data: payloads are kept as plain text, escaped only where HTML is made."""
    spec = bipartite(hostile_table())
    nodes = by_id(spec)
    assert SCRIPT_TEXT in nodes["measure:M01.01"]["title"].split("\n")
    assert TEMPLATE_TEXT in nodes["measure:M02.01"]["title"].split("\n")
    assert nodes[f"agency:{IMG_AGENCY}"]["label"] == IMG_AGENCY


def test_highlight_dims_the_rest():
    keep = {"measure:M01.01", "agency:mofcom"}
    spec = bipartite(highlight=keep)
    nodes = by_id(spec)
    plain = by_id(bipartite())
    assert nodes["agency:mofcom"] == plain["agency:mofcom"]
    assert background(nodes["agency:ndrc"]) == DIMMED_COLOR
    edges = {(e["from"], e["to"]): e["color"] for e in spec.edges}
    assert edges[("measure:M01.01", "agency:mofcom")] != DIMMED_COLOR
    assert edges[("measure:M01.01", "agency:ndrc")] == DIMMED_COLOR


def test_highlight_is_listed_in_node_order():
    # Measures come before agencies in the spec; ids that are not nodes are ignored.
    keep = {"agency:saic", "measure:M02.01", "agency:nobody"}
    spec = bipartite(highlight=keep)
    assert spec.meta["highlight"] == ["measure:M02.01", "agency:saic"]
    assert "highlight" not in bipartite().meta


def test_projection_highlight_ignores_measures():
    keep = {"measure:M01.01", "agency:ndrc", "agency:mofcom"}
    spec = projection(highlight=keep)
    assert spec.meta["highlight"] == ["agency:mofcom", "agency:ndrc"]
    dimmed = {n["id"] for n in spec.nodes if background(n) == DIMMED_COLOR}
    assert dimmed == {"agency:saic", "agency:aqsiq", "agency:depts_relevant"}


def test_empty_highlight_dims_everything():
    spec = bipartite(highlight=set())
    assert spec.meta["highlight"] == []
    assert all(background(n) == DIMMED_COLOR for n in spec.nodes)


def test_filtered_graph_keeps_full_positions(bundled_table):
    positions = bipartite_positions(build_graph(bundled_table))
    kept = apply_filters(bundled_table, Filters(sections=(3,), include_generic=False))
    for node in bipartite(kept, positions).nodes:
        assert (node["x"], node["y"]) == positions[node["id"]]


def test_missing_position_is_a_clear_error():
    graph, positions, metrics, clustering = tiny_inputs()
    del positions["agency:saic"]
    with pytest.raises(ValueError, match="no position for node 'agency:saic'"):
        encode_bipartite(graph, positions, metrics, clustering)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"color_by": "shape"}, "color_by must be one of"),
        ({"size_by": "label_zh"}, "size_by must be a numeric column"),
        ({"lang": "fr"}, "lang must be"),
    ],
)
def test_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        bipartite(**options)


def test_projection_weights_by_hand():
    # Shared measures: mofcom-ndrc 3 (M01.01, M01.02, C01); mofcom-saic, ndrc-saic,
    # saic-aqsiq 1 each; depts_relevant shares nothing.
    spec = projection()
    edges = {frozenset((e["from"], e["to"])): e for e in spec.edges}
    assert set(edges) == {
        frozenset(("agency:mofcom", "agency:ndrc")),
        frozenset(("agency:mofcom", "agency:saic")),
        frozenset(("agency:ndrc", "agency:saic")),
        frozenset(("agency:saic", "agency:aqsiq")),
    }
    heavy = edges[frozenset(("agency:mofcom", "agency:ndrc"))]
    light = edges[frozenset(("agency:saic", "agency:aqsiq"))]
    assert heavy["width"] > light["width"]
    assert heavy["title"] == "商务部 — 发展改革委\n共同承担措施：3\n权重：3"
    assert len(spec.nodes) == 5


def test_projection_min_weight_and_colours():
    spec = projection(min_weight=2, color_by="kind")
    assert [(e["from"], e["to"]) for e in spec.edges] == [("agency:mofcom", "agency:ndrc")]
    with pytest.raises(ValueError, match="color_by of the projection"):
        projection(color_by="section")


def test_large_graphs_draw_partner_lines_solid(monkeypatch):
    """Dashes cost seconds of rasterising on large graphs; width still tells roles apart."""
    monkeypatch.setattr("graph.encode.DASHED_EDGE_LIMIT", 9)  # the tiny graph has 10 edges
    spec = bipartite()
    assert not any(e["dashes"] for e in spec.edges)
    partner = [e for e in spec.legend if e["type"] == "line" and e["label"] == "参与"]
    assert partner[0]["dashes"] is False
    widths = {e["width"] for e in spec.edges}
    assert len(widths) == 2
