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

from graph.build import agency_nodes, measure_nodes, ordered_subgraph

WEIGHTINGS = ("count", "newman", "jaccard")


def without_generic(graph: nx.Graph) -> nx.Graph:
    """The bipartite graph without generic actors and measures left with no actor."""
    keep = [n for n, d in graph.nodes(data=True) if not (d["bipartite"] == 1 and d["generic"])]
    sub = ordered_subgraph(graph, keep)
    return ordered_subgraph(sub, [n for n in keep if sub.degree(n) > 0])


def _project(graph: nx.Graph, nodes: list[str], weighting: str) -> nx.Graph:
    """Project onto ``nodes`` in one pass over the nodes they share.

    Each shared neighbour (a measure, for the agency projection) adds one to the
    count of every pair of its neighbours among ``nodes``, and for ``newman``
    the term ``1 / (k - 1)``; the Jaccard weight is ``count / (deg u + deg v -
    count)``. This gives NetworkX's ``weighted_projected_graph``,
    ``collaboration_weighted_projected_graph`` and
    ``overlap_weighted_projected_graph(jaccard=True)`` weights without their
    set intersections per pair.

    Nodes come in input order and each node's edges in that order too, so exports
    and everything seeded on the projection are the same in every process (sets
    would follow PYTHONHASHSEED); Newman weights are summed with ``math.fsum``,
    exactly rounded whatever the order of the terms.
    """
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    rank = {node: i for i, node in enumerate(nodes)}
    counts: dict[tuple[str, str], int] = {}
    terms: dict[tuple[str, str], list[float]] = {}
    for middle in dict.fromkeys(x for node in nodes for x in graph[node]):
        members = sorted((n for n in graph[middle] if n in rank), key=rank.__getitem__)
        term = 1 / (graph.degree(middle) - 1) if len(members) > 1 else 0.0
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                counts[u, v] = counts.get((u, v), 0) + 1
                if weighting == "newman":
                    terms.setdefault((u, v), []).append(term)
    projected = nx.Graph()
    projected.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    for u, v in sorted(counts, key=lambda pair: (rank[pair[0]], rank[pair[1]])):
        shared = counts[u, v]
        if weighting == "count":
            weight: float = shared
        elif weighting == "newman":
            weight = math.fsum(terms[u, v])
        else:
            weight = shared / (graph.degree(u) + graph.degree(v) - shared)
        projected.add_edge(u, v, weight=weight, shared=shared)
    return projected


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
