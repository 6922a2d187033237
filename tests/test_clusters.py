"""Clusters of the tiny projection, the best partition worked out by hand.

Count weights: mofcom–ndrc 3, mofcom–saic 1, ndrc–saic 1, saic–aqsiq 1 (m = 6).
{mofcom, ndrc} | {saic, aqsiq} | {有关部门} has modularity
(3/6 - (8/12)^2) + (1/6 - (4/12)^2) = 1/9, better than any other split.
"""

from __future__ import annotations

import pytest

from graph.clusters import binding_measures, cluster_table, co_responsibility_clusters
from graph.fixtures import tiny_graph
from graph.projection import co_responsibility


def test_best_partition_of_the_tiny_graph():
    clustering = co_responsibility_clusters(co_responsibility(tiny_graph()))
    assert [set(c) for c in clustering.clusters] == [
        {"agency:mofcom", "agency:ndrc"},
        {"agency:saic", "agency:aqsiq"},
        {"agency:depts_relevant"},
    ]
    assert clustering.modularity == pytest.approx(1 / 9)
    assert clustering.labels[1] == "工商总局 · 质检总局"


def test_table_and_binding_measures():
    graph = tiny_graph()
    projection = co_responsibility(graph)
    table = cluster_table(graph, projection, co_responsibility_clusters(projection))
    assert table["binding_measures"].tolist() == [3, 1, 0]
    assert binding_measures(graph, ["agency:saic", "agency:aqsiq"]) == ["M02.01"]


def test_identical_on_every_run(bundled_table):
    from graph.build import build_graph

    projection = co_responsibility(build_graph(bundled_table), "newman")
    runs = {co_responsibility_clusters(projection) for _ in range(3)}
    assert len(runs) == 1
