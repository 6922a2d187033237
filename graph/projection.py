"""One-mode projections of the bipartite graph.

Agency co-responsibility: two agencies are linked when they are assigned the
same measure. The weighting is the user's choice:

- ``count``: the number of shared measures;
- ``newman``: Newman's collaboration weighting, the sum over shared measures of
  ``1 / (k - 1)`` where ``k`` is the number of actors of the measure, so a
  two-agency measure binds more than a ten-agency one (Newman 2001);
- ``jaccard``: shared measures divided by the measures either agency has.

Every projected edge also carries ``shared`` (the count) whatever the weighting.
"""

from __future__ import annotations

import math

import networkx as nx
from networkx.algorithms import bipartite

from graph.build import agency_nodes, measure_nodes, ordered_subgraph

WEIGHTINGS = ("count", "newman", "jaccard")


def without_generic(graph: nx.Graph) -> nx.Graph:
    """The bipartite graph without generic actors and measures left with no actor."""
    keep = [n for n, d in graph.nodes(data=True) if not (d["bipartite"] == 1 and d["generic"])]
    sub = ordered_subgraph(graph, keep)
    return ordered_subgraph(sub, [n for n in keep if sub.degree(n) > 0])


def _project(graph: nx.Graph, nodes: list[str], weighting: str) -> nx.Graph:
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    counted = bipartite.weighted_projected_graph(graph, nodes)
    if weighting == "count":
        projected = counted
    elif weighting == "newman":
        projected = bipartite.collaboration_weighted_projected_graph(graph, nodes)
    else:
        projected = bipartite.overlap_weighted_projected_graph(graph, nodes, jaccard=True)
    # NetworkX builds projections from sets, whose order changes with PYTHONHASHSEED;
    # rebuild with nodes in input order and each node's edges in that order too, so
    # exports and everything seeded on the projection are the same in every process.
    rank = {node: i for i, node in enumerate(nodes)}
    ordered = nx.Graph()
    ordered.add_nodes_from((n, projected.nodes[n]) for n in nodes)
    edges = sorted(
        ((u, v) if rank[u] < rank[v] else (v, u) for u, v in projected.edges()),
        key=lambda e: (rank[e[0]], rank[e[1]]),
    )
    for u, v in edges:
        data = dict(projected[u][v], shared=counted[u][v]["weight"])
        if weighting == "newman":
            # fsum is exactly rounded, so the sum does not depend on set order either
            shared = set(graph[u]) & set(graph[v])
            data["weight"] = math.fsum(1 / (graph.degree(m) - 1) for m in shared)
        ordered.add_edge(u, v, **data)
    return ordered


def co_responsibility(
    graph: nx.Graph, weighting: str = "count", include_generic: bool = True
) -> nx.Graph:
    """Agency-agency graph weighted by shared measures.

    Parameters
    ----------
    graph : networkx.Graph
        The bipartite graph from :func:`graph.build.build_graph`.
    weighting : {"count", "newman", "jaccard"}
        How ``weight`` is computed (see the module docstring).
    include_generic : bool
        Keep generic actors (有关部门, local governments) as nodes.

    Returns
    -------
    networkx.Graph
        Agency nodes with their attributes; edges with ``weight`` and ``shared``.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> P = co_responsibility(tiny_graph(), "count")
    >>> P["agency:mofcom"]["agency:ndrc"]["weight"]
    3
    """
    if not include_generic:
        graph = without_generic(graph)
    return _project(graph, agency_nodes(graph), weighting)


def measure_similarity(graph: nx.Graph, weighting: str = "count") -> nx.Graph:
    """Measure-measure graph: two measures are linked when they share an actor."""
    return _project(graph, measure_nodes(graph), weighting)
