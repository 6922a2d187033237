"""Chart builders: the figures carry exactly the numbers of the tables they draw."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from graph.charts import (
    FONT_FAMILY,
    cluster_size_bar,
    load_shift_bar,
    median_lines,
    plain,
    role_split_bar,
    section_heatmap,
    tier_scatter,
    top_agencies_bar,
)
from graph.clusters import cluster_table, co_responsibility_clusters
from graph.fixtures import tiny_graph, tiny_table
from graph.metrics import agency_metrics
from graph.overview import agency_section_matrix, agency_tiers
from graph.projection import co_responsibility
from graph.shift import load_shift

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def metrics():
    return agency_metrics(tiny_graph())


def test_top_bar_shows_the_busiest_on_top(metrics):
    fig = top_agencies_bar(metrics, "measures", n=3, lang="en")
    assert isinstance(fig, go.Figure)
    bar = fig.data[0]
    # Plotly draws the first category at the bottom, so the list is reversed:
    # SAIC 2, then the two ministries with 3 each (MOFCOM first in metrics order).
    assert list(bar.y) == ["SAIC", "NDRC", "MOFCOM"]
    assert list(bar.x) == [2, 3, 3]


def test_top_bar_by_leads_in_chinese(metrics):
    bar = top_agencies_bar(metrics, "leads", n=2, lang="zh").data[0]
    # leads: 商务部 2, 发展改革委 2 (M01.02, C01), 工商总局 2 -> stable order keeps
    # metrics order among the ties.
    assert list(bar.x) == [2, 2]
    assert list(bar.y) == ["发展改革委", "商务部"]


def test_role_split_adds_up_to_measures(metrics):
    fig = role_split_bar(metrics, n=5, lang="en")
    leads, partners = fig.data
    assert [t.name for t in fig.data] == ["lead", "partner"]
    totals = [a + b for a, b in zip(leads.x, partners.x, strict=True)]
    expected = dict(zip(metrics["label_en"], metrics["measures"], strict=True))
    assert totals == [expected[label] for label in leads.y]
    assert fig.layout.barmode == "stack"


def test_heatmap_holds_the_matrix():
    matrix = agency_section_matrix(tiny_table(), "zh")
    fig = section_heatmap(matrix, {1: "总则", 2: "监管"}, lang="zh")
    heat = fig.data[0]
    assert [list(r) for r in heat.z] == matrix.values.tolist()
    assert list(heat.x) == ["1 总则", "2 监管"]
    assert list(heat.y) == matrix.index.tolist()


def test_tier_scatter_has_a_trace_per_tier_and_median_lines(metrics):
    tiers = agency_tiers(metrics)
    fig = tier_scatter(tiers, lang="en")
    # The fixture has key and auxiliary agencies only (see test_overview).
    assert [t.name for t in fig.data] == ["key", "auxiliary"]
    key, auxiliary = fig.data
    assert sorted(key.text) == ["MOFCOM", "NDRC", "SAIC"]
    assert sorted(auxiliary.text) == ["AQSIQ", "Relevant departments"]
    assert key.mode == "markers+text" and auxiliary.mode == "markers"
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 2
    assert {lines[0].x0, lines[1].y0} == {2.0}


def test_load_shift_bars(metrics):
    fig = load_shift_bar(load_shift(tiny_table()), lang="zh")
    assert [list(t.y) for t in fig.data] == [[2], [3], [2]]
    assert list(fig.data[0].x) == ["市场监管总局"]


def test_cluster_bars():
    graph = tiny_graph()
    projection = co_responsibility(graph)
    table = cluster_table(graph, projection, co_responsibility_clusters(projection))
    fig = cluster_size_bar(table, lang="en")
    assert list(fig.data[0].y) == table["size"].tolist()
    assert list(fig.data[1].y) == table["binding_measures"].tolist()


def test_labels_from_data_are_escaped(metrics):
    hostile = metrics.copy()
    hostile.loc["mofcom", "label_zh"] = HOSTILE
    bar = top_agencies_bar(hostile, "measures", lang="zh").data[0]
    assert HOSTILE not in bar.y
    assert "&lt;img src=x onerror=alert(1)&gt;" in bar.y
    matrix = pd.DataFrame([[1]], index=[HOSTILE], columns=[1])
    heat = section_heatmap(matrix, {1: "</script><script>alert(1)</script>"}).data[0]
    assert all("<" not in text for text in [*heat.x, *heat.y])


def test_plain_leaves_ordinary_text_alone():
    assert plain(["商务部", "MOFCOM"]) == ["商务部", "MOFCOM"]


def test_presentation_enlarges_type(metrics):
    normal = top_agencies_bar(metrics, lang="en").layout.font.size
    big = top_agencies_bar(metrics, lang="en", presentation=True).layout.font.size
    assert big > normal


def test_figures_carry_the_registered_template_and_own_their_copy(metrics):
    registered = go.Layout(template="plotly_white").template.to_plotly_json()
    first = top_agencies_bar(metrics, lang="en")
    second = top_agencies_bar(metrics, lang="en")
    assert first.layout.template.to_plotly_json() == registered
    first.layout.template.layout.plot_bgcolor = "red"
    assert second.layout.template.layout.plot_bgcolor == "white"
    assert top_agencies_bar(metrics, lang="en").layout.template.to_plotly_json() == registered


def test_figures_equal_those_built_step_by_step(metrics):
    # How the builders wrote them before one constructor call replaced the steps.
    fig = go.Figure(
        go.Bar(
            x=[2, 3, 3],
            y=["SAIC", "NDRC", "MOFCOM"],
            orientation="h",
            marker_color="#1f4e79",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="measures")
    fig.update_layout(
        title={"text": "T", "font": {"size": 19}},
        font={"family": FONT_FAMILY, "size": 13, "color": None},
        height=120 + 24 * 3,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    built = top_agencies_bar(metrics, "measures", n=3, lang="en", title="T")
    assert built.to_dict() == fig.to_dict()


def test_median_lines_are_what_add_vline_and_add_hline_draw():
    fig = go.Figure()
    fig.add_vline(x=2.5, line_dash="dash", line_color="#555555", annotation_text="median 2.5")
    fig.add_hline(y=4, line_dash="dash", line_color="#555555", annotation_text="median 4")
    expected = fig.to_dict()["layout"]
    written = go.Figure(layout=median_lines(2.5, 4, "en")).to_dict()["layout"]
    assert written["shapes"] == expected["shapes"]
    assert written["annotations"] == expected["annotations"]
