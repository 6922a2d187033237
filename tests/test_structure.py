"""Core, periphery and brokers, against values worked out by hand.

The tiny fixture's count projection (see graph/fixtures.py): mofcom–ndrc share
3 measures (M01.01, M01.02, C01), mofcom–saic, ndrc–saic and saic–aqsiq one
each; depts_relevant has no partner.
"""

import math

import networkx as nx
import pytest

from graph.clusters import Clustering
from graph.fixtures import tiny_graph
from graph.pipeline import analyse
from graph.projection import co_responsibility
from graph.structure import (
    backbone,
    brokerage,
    core_periphery,
    main_core,
    participation,
    rich_club,
)
from graph.table import load_measures

MOFCOM, NDRC, SAIC, AQSIQ, DEPTS = (
    "agency:mofcom",
    "agency:ndrc",
    "agency:saic",
    "agency:aqsiq",
    "agency:depts_relevant",
)
# Clusters chosen by hand, so the expected values do not depend on Louvain.
TWO_PAIRS = Clustering(((MOFCOM, NDRC), (SAIC, AQSIQ), (DEPTS,)), 0.0, ("a", "b", "c"))


@pytest.fixture
def tiny_projection() -> nx.Graph:
    return co_responsibility(tiny_graph(), "count")


def test_backbone_keeps_repeated_ties_and_every_agency(tiny_projection):
    kept = backbone(tiny_projection, min_shared=2)
    assert {frozenset(e) for e in kept.edges()} == {frozenset((MOFCOM, NDRC))}
    assert set(kept) == set(tiny_projection)
    assert kept.nodes[MOFCOM]["label_zh"] == "商务部"
    assert backbone(tiny_projection, min_shared=1).number_of_edges() == 4


def test_core_periphery_by_hand(tiny_projection):
    table = core_periphery(tiny_projection, min_shared=2)
    # mofcom, ndrc, saic form a triangle (2-core); aqsiq hangs on saic; depts alone.
    # Backbone: only mofcom–ndrc, a 1-core.
    expected = {
        "mofcom": (2, 4, 2, 1, 1, True),
        "ndrc": (2, 4, 2, 1, 1, True),
        "saic": (3, 3, 2, 0, 0, False),
        "aqsiq": (1, 1, 1, 0, 0, False),
        "depts_relevant": (0, 0, 0, 0, 0, False),
    }
    columns = ["ties", "strength", "core_number", "backbone_ties", "backbone_core", "core"]
    assert list(table.index) == list(expected)
    for agency, values in expected.items():
        assert tuple(table.loc[agency, columns]) == values, agency


def test_main_core_depends_on_the_threshold(tiny_projection):
    assert main_core(tiny_projection, min_shared=1) == [MOFCOM, NDRC, SAIC]
    assert main_core(tiny_projection, min_shared=2) == [MOFCOM, NDRC]
    assert main_core(tiny_projection, min_shared=4) == []


def test_rich_club_by_hand(tiny_projection):
    # Degrees: saic 3, mofcom 2, ndrc 2, aqsiq 1, depts 0.
    # k=0: 4 agencies with a partner, 4 of 6 possible ties -> 2/3.
    # k=1: mofcom, ndrc, saic, 3 of 3 possible ties -> 1.
    coefficient = rich_club(tiny_projection)
    assert coefficient[0] == pytest.approx(2 / 3)
    assert coefficient[1] == pytest.approx(1.0)


def test_normalized_rich_club_does_not_depend_on_tie_order():
    # NetworkX's projection adds ties in set order, which follows the string
    # hash seed; the same ties listed the other way round must give the same
    # rewiring and so the same coefficients.
    projection = analyse(load_measures()).projection
    reversed_ties = nx.Graph()
    reversed_ties.add_nodes_from(projection.nodes(data=True))
    reversed_ties.add_edges_from(reversed(list(projection.edges(data=True))))
    first = rich_club(projection, normalized=True, seed=7)
    assert first.equals(rich_club(reversed_ties, normalized=True, seed=7))
    assert first.equals(rich_club(projection, normalized=True, seed=7))
    assert not first.equals(rich_club(projection, normalized=False))


def test_participation_by_hand(tiny_projection):
    shares = participation(tiny_projection, TWO_PAIRS)
    # mofcom: 3 of 4 inside, 1 of 4 to the saic pair: 1 - (9/16 + 1/16).
    assert shares[MOFCOM] == pytest.approx(6 / 16)
    assert shares[NDRC] == pytest.approx(6 / 16)
    # saic: 2 of 3 to the mofcom pair, 1 of 3 to aqsiq: 1 - (4/9 + 1/9).
    assert shares[SAIC] == pytest.approx(4 / 9)
    assert shares[AQSIQ] == 0.0
    assert shares[DEPTS] == 0.0


def test_brokerage_structural_holes_by_hand(tiny_projection):
    table = brokerage(tiny_projection, TWO_PAIRS)
    assert list(table.index) == ["saic", "mofcom", "ndrc", "aqsiq", "depts_relevant"]
    # Burt's constraint, p_ij = w_ij / s_i:
    # saic: (1/3 + 1/3*3/4)^2 twice (mofcom, ndrc) + (1/3)^2 (aqsiq) = 114/144.
    # mofcom: (3/4 + 1/4*1/3)^2 + (1/4 + 3/4*1/4)^2 = 100/144 + 49/256.
    assert table.at["saic", "constraint"] == pytest.approx(114 / 144)
    assert table.at["mofcom", "constraint"] == pytest.approx(100 / 144 + 49 / 256)
    assert table.at["aqsiq", "constraint"] == pytest.approx(1.0)
    assert math.isnan(table.at["depts_relevant", "constraint"])
    # Effective size, sum over partners j of 1 - sum_q p_iq * w_jq / max_k w_jk:
    # saic: 2/3 + 2/3 + 1 = 7/3; mofcom: (1 - 1/4*1/3) + (1 - 3/4*1) = 7/6.
    # (NetworkX 3.6's whole-graph path gives 1.5 for mofcom.)
    assert table.at["saic", "effective_size"] == pytest.approx(7 / 3)
    assert table.at["mofcom", "effective_size"] == pytest.approx(7 / 6)
    assert table.at["aqsiq", "effective_size"] == pytest.approx(1.0)
    # saic reaches the other pair; aqsiq's only partner is in its own cluster.
    assert table["clusters_reached"].to_dict() == {
        "saic": 1,
        "mofcom": 1,
        "ndrc": 1,
        "aqsiq": 0,
        "depts_relevant": 0,
    }
    assert table["cluster"].to_dict() == {
        "saic": 2,
        "mofcom": 1,
        "ndrc": 1,
        "aqsiq": 2,
        "depts_relevant": 3,
    }
    # Only saic lies on shortest paths (aqsiq to mofcom and to ndrc): 2 of 6 pairs.
    assert table.at["saic", "betweenness"] == pytest.approx(2 / 6)
    assert table.drop("saic")["betweenness"].eq(0).all()


def test_brokerage_betweenness_treats_strong_ties_as_short():
    # a–b and b–c are shared on 4 measures, a–c on one: a reaches c faster
    # through b (1/4 + 1/4) than directly (1), so b brokers the only pair.
    projection = nx.Graph()
    projection.add_edge("a", "b", weight=4, shared=4)
    projection.add_edge("b", "c", weight=4, shared=4)
    projection.add_edge("a", "c", weight=1, shared=1)
    table = brokerage(projection, Clustering((("a", "b", "c"),), 0.0, ("all",)))
    assert table["betweenness"].to_dict() == {"b": 1.0, "a": 0.0, "c": 0.0}


def test_functions_leave_the_projection_alone(tiny_projection):
    before = nx.node_link_data(tiny_projection, edges="edges")
    core_periphery(tiny_projection)
    brokerage(tiny_projection, TWO_PAIRS)
    rich_club(tiny_projection)
    assert nx.node_link_data(tiny_projection, edges="edges") == before


def test_unweighted_top_core_of_the_document_is_the_coordination_sentence():
    # C01, the closing coordination sentence, names 11 actors: they form an
    # 11-clique in the projection, and nobody else reaches core number 10.
    analysis = analyse(load_measures())
    table = core_periphery(analysis.projection)
    top = table["core_number"].max()
    coordination = analysis.table.loc[analysis.table["measure_id"] == "C01", "agency"]
    assert top == len(coordination) - 1
    assert set(table.index[table["core_number"] == top]) == set(coordination)
