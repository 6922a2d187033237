"""Agency and measure metrics of the tiny graph, computed by hand.

Bipartite betweenness (unnormalised pair counts): saic lies on every shortest
path between {aqsiq, M02.01} and {M01.02, mofcom, ndrc, M01.01, C01}: 10 pairs.
mofcom gets half of the pairs (M01.01, M01.02), (M01.01, C01), (M01.02, C01)
and half of the 6 pairs from {saic, M02.01, aqsiq} to {M01.01, C01}: 4.5.
NetworkX's bipartite maximum for 5 agencies and 5 measures is 32.
"""

from __future__ import annotations

import pytest

from graph.build import agency_nodes, build_graph
from graph.fixtures import tiny_graph
from graph.metrics import agency_metrics, measure_metrics


@pytest.fixture(scope="module")
def metrics():
    return agency_metrics(tiny_graph())


def test_counts(metrics):
    cols = ["measures", "leads", "sole_leads", "partner_roles", "shared_duties", "breadth"]
    assert metrics.loc["mofcom", cols].tolist() == [3, 2, 1, 1, 1, 2]
    assert metrics.loc["ndrc", cols].tolist() == [3, 2, 1, 1, 1, 2]
    assert metrics.loc["saic", cols].tolist() == [2, 2, 1, 0, 1, 3]
    assert metrics.loc["aqsiq", cols].tolist() == [1, 0, 0, 1, 0, 1]
    assert metrics.loc["depts_relevant", cols].tolist() == [1, 1, 1, 0, 0, 0]
    assert metrics.loc["saic", ["sections", "articles"]].tolist() == [2, 2]
    assert metrics.loc["mofcom", ["sections", "articles"]].tolist() == [1, 1]


def test_order_is_by_load_then_leads_then_id(metrics):
    # aqsiq and 有关部门 both have one measure; 有关部门 leads its own
    assert metrics.index.tolist() == ["mofcom", "ndrc", "saic", "depts_relevant", "aqsiq"]


def test_degree_and_betweenness(metrics):
    assert metrics.loc["mofcom", "degree"] == pytest.approx(3 / 5)
    assert metrics.loc["saic", "betweenness"] == pytest.approx(10 / 32)
    assert metrics.loc["mofcom", "betweenness"] == pytest.approx(4.5 / 32)
    assert metrics.loc["aqsiq", "betweenness"] == 0


def test_closeness_penalises_small_components(metrics):
    # saic: distances 1,1,2,2,2,3,3 to the 7 others it reaches, of 9 others in all
    assert metrics.loc["saic", "closeness"] == pytest.approx((7 / 14) * (7 / 9))
    # 有关部门 reaches only its own measure
    assert metrics.loc["depts_relevant", "closeness"] == pytest.approx(1 / 9)


def test_projection_centralities(metrics):
    assert metrics["pagerank"].sum() == pytest.approx(1.0)
    assert metrics.loc["depts_relevant", "eigenvector"] == pytest.approx(0.0, abs=1e-6)
    assert metrics.loc["mofcom", "eigenvector"] == pytest.approx(metrics.loc["ndrc", "eigenvector"])
    assert metrics.loc["mofcom", "pagerank"] > metrics.loc["aqsiq", "pagerank"]


def test_without_generic_actors():
    assert "depts_relevant" not in agency_metrics(tiny_graph(), include_generic=False).index


def test_identical_on_every_run():
    assert agency_metrics(tiny_graph(), "newman").equals(agency_metrics(tiny_graph(), "newman"))


def test_measure_metrics():
    table = measure_metrics(tiny_graph())
    assert table.set_index("measure_id")["n_agencies"].to_dict() == {
        "M01.01": 2,
        "M01.02": 3,
        "M02.01": 2,
        "M02.02": 0,
        "C01": 2,
    }
    assert table.set_index("measure_id").loc["M01.02", "leads"] == "商务部、发展改革委、工商总局"


def test_bundled_document_is_deterministic(bundled_table):
    from graph.build import build_graph

    first = agency_metrics(build_graph(bundled_table))
    second = agency_metrics(build_graph(bundled_table.copy()))
    assert first.equals(second)
    assert first.index[0] == "mofcom"


def test_every_betweenness_regime_agrees_with_networkx(bundled_table, monkeypatch):
    """The bundled graph through each of the three regimes of ``betweenness``.

    Thresholds are lowered so that the document (114 nodes, 101 twin classes)
    takes the sparse exact path and the stratified estimate; the exact paths must
    equal NetworkX's values, the estimate must stay near them and repeat itself.
    """
    import networkx as nx
    from scipy.stats import spearmanr

    from graph import metrics as module

    graph = build_graph(bundled_table)
    agencies = agency_nodes(graph)
    reference = module.betweenness(graph, agencies)
    expected = nx.bipartite.betweenness_centrality(graph, agencies)
    assert max(abs(reference[a] - expected[a]) for a in agencies) < 1e-12

    monkeypatch.setattr(module, "BETWEENNESS_PYTHON_LIMIT", 0)
    exact = module.betweenness(graph, agencies)
    assert max(abs(exact[a] - expected[a]) for a in agencies) < 1e-12

    monkeypatch.setattr(module, "BETWEENNESS_SOURCES", 60)
    monkeypatch.setattr(module, "BETWEENNESS_EXACT_CLASSES", 30)
    monkeypatch.setattr(module, "BETWEENNESS_PIVOTS", 30)
    estimate = module.betweenness(graph, agencies)
    assert estimate == module.betweenness(graph, agencies)
    raw = module.sampled_betweenness(graph, 30, module.SEED, exact_classes=30)
    ratio = {a: estimate[a] / raw[a] for a in agencies if raw[a]}
    assert max(ratio.values()) - min(ratio.values()) < 1e-12  # one normalisation
    assert estimate != exact
    rho = spearmanr([expected[a] for a in agencies], [estimate[a] for a in agencies]).statistic
    assert rho > 0.9
    assert max(agencies, key=estimate.get) == max(agencies, key=expected.get)


def test_a_metric_added_to_the_registry_reaches_every_view(monkeypatch):
    """One entry in graph.metrics.METRICS: the table, glossary, size menu and profile follow."""
    from graph import metrics as module
    from graph.encode import encode_bipartite
    from graph.explain import glossary
    from graph.fixtures import tiny_inputs

    doubled = module.Metric(
        "double_load",
        ("双倍措施数", "double load"),
        ("措施数的两倍。", "Twice the measures."),
        lambda inputs: {a: 2 * len(edges) for a, edges in inputs.edges.items()},
        sizes_nodes=True,
    )
    monkeypatch.setattr(module, "METRICS", (*module.METRICS, doubled))
    monkeypatch.setitem(module._BY_KEY, "double_load", doubled)
    table = module.agency_metrics(tiny_graph())
    assert table.loc["mofcom", "double_load"] == 6
    assert "double_load" in module.size_metrics() and "double_load" in module.profile_metrics()
    assert glossary("en").set_index("metric").loc["double_load", "name"] == "double load"
    graph, positions, _, clustering = tiny_inputs()
    spec = encode_bipartite(graph, positions, table, clustering, size_by="double_load", lang="en")
    assert "double load: 6" in next(n for n in spec.nodes if n["id"] == "agency:mofcom")["title"]
