"""The bipartite graph built from the hand-made table."""

from __future__ import annotations

from graph.build import agency_nodes, build_graph, measure_nodes
from graph.fixtures import tiny_graph, tiny_table


def test_nodes_and_sides():
    graph = tiny_graph()
    assert measure_nodes(graph) == [
        "measure:M01.01",
        "measure:M01.02",
        "measure:M02.01",
        "measure:M02.02",
        "measure:C01",
    ]
    assert agency_nodes(graph) == [
        "agency:mofcom",
        "agency:ndrc",
        "agency:saic",
        "agency:aqsiq",
        "agency:depts_relevant",
    ]
    assert agency_nodes(graph, include_generic=False)[-1] == "agency:aqsiq"
    assert graph.number_of_edges() == 10


def test_attributes_in_both_languages():
    graph = tiny_graph()
    mofcom = graph.nodes["agency:mofcom"]
    assert (mofcom["bipartite"], mofcom["kind"], mofcom["label_zh"], mofcom["label_en"]) == (
        1,
        "ministry",
        "商务部",
        "MOFCOM",
    )
    measure = graph.nodes["measure:M02.01"]
    assert (measure["bipartite"], measure["kind"], measure["section"], measure["text"]) == (
        0,
        "task",
        2,
        "打击假冒。",
    )
    assert "section" not in graph.nodes["measure:C01"]
    edge = graph.edges["measure:M01.02", "agency:saic"]
    assert edge == {"role": "lead", "position": 3, "shared_duty": True}


def test_ids_cannot_collide_and_input_is_untouched(registry):
    table = tiny_table()
    table.loc[0, "agency"] = "M01.01"  # an unregistered actor named like a measure
    table.loc[0, "registered"] = False
    before = table.copy()
    graph = build_graph(table, registry)
    assert "measure:M01.01" in graph and "agency:M01.01" in graph
    assert graph.nodes["agency:M01.01"]["kind"] == "unregistered"
    assert table.equals(before)
