"""Shortest chains between agencies, against paths traced by hand."""

import pytest

from graph.build import build_graph
from graph.chain import CHAIN_COLUMNS, agency_chain, chain_nodes, count_shortest_chains
from graph.fixtures import tiny_graph
from graph.table import load_measures


@pytest.fixture(scope="module")
def document_graph():
    return build_graph(load_measures())


def test_two_step_chain_in_the_fixture():
    # 质检总局 shares only M02.01 (with 工商总局); 工商总局 meets 发展改革委 in M01.02.
    chain = agency_chain(tiny_graph(), "aqsiq", "ndrc", lang="en")
    assert list(chain.columns) == CHAIN_COLUMNS
    assert chain.values.tolist() == [
        [1, "AQSIQ", "M02.01", "打击假冒。", "SAIC"],
        [2, "SAIC", "M01.02", "简化审批。", "NDRC"],
    ]


def test_chain_nodes_alternate_agency_and_measure():
    nodes = chain_nodes(tiny_graph(), "aqsiq", "ndrc")
    assert nodes == [
        "agency:aqsiq",
        "measure:M02.01",
        "agency:saic",
        "measure:M01.02",
        "agency:ndrc",
    ]


def test_no_chain_cases():
    graph = tiny_graph()
    # 有关部门 is alone on M02.02: nobody reaches it.
    assert agency_chain(graph, "depts_relevant", "saic").empty
    assert agency_chain(graph, "saic", "saic").empty
    assert agency_chain(graph, "saic", "no_such_agency").empty
    assert count_shortest_chains(graph, "depts_relevant", "saic") == 0


def test_number_of_shortest_chains():
    # 商务部 and 发展改革委 share M01.01, M01.02 and C01: three one-step chains.
    assert count_shortest_chains(tiny_graph(), "mofcom", "ndrc") == 3
    # 质检总局 -> 工商总局 -> 发展改革委 has a single route through M01.02.
    assert count_shortest_chains(tiny_graph(), "aqsiq", "ndrc") == 1


def test_customs_to_post_in_the_document(document_graph):
    # 海关总署 and 邮政局 are never named in one measure (checked in the text:
    # no bracket names both, and 邮政局 is not in the coordination paragraph),
    # so the chain has at least two steps; each step's measure names both ends.
    chain = agency_chain(document_graph, "gacc", "spb")
    assert len(chain) == 2
    assert chain["from_agency"].iloc[0] == "海关总署"
    assert chain["to_agency"].iloc[-1] == "邮政局"
    assert chain["to_agency"].iloc[0] == chain["from_agency"].iloc[1]
    for row in chain.itertuples(index=False):
        measure = document_graph.nodes[f"measure:{row.measure_id}"]
        named = {
            document_graph.nodes[a]["label_zh"] for a in document_graph[f"measure:{row.measure_id}"]
        }
        assert {row.from_agency, row.to_agency} <= named
        assert measure["text"] == row.measure_text


def test_chain_is_the_same_every_time(document_graph):
    first = agency_chain(document_graph, "gacc", "spb")
    again = agency_chain(build_graph(load_measures()), "gacc", "spb")
    assert first.equals(again)
