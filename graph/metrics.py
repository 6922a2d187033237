"""Metrics of agencies and measures, as DataFrames.

Per agency (index: agency id):

- ``measures``: measures assigned (its degree in the bipartite graph);
- ``leads`` / ``partner_roles``: assignments as lead or partner;
  ``sole_leads``: leads not shared under 按职责分工; ``shared_duties``;
- ``degree``: bipartite degree centrality, measures divided by all measures;
- ``betweenness``: bipartite betweenness centrality (Borgatti & Halgin 2011),
  how often the agency lies on shortest paths between others; exact below
  ``BETWEENNESS_EXACT_LIMIT`` nodes, sampled with ``k`` pivots above it;
- ``closeness``: closeness centrality on the bipartite graph, the inverse
  mean distance to the nodes it can reach, scaled by the share of the graph it
  can reach (Wasserman & Faust), so agencies in small separate components are
  not ranked above the core;
- ``pagerank`` and ``eigenvector``: on the weighted co-responsibility
  projection, prominence through well-connected partners;
- ``breadth``: distinct partner agencies; ``sections`` / ``articles``: how many
  of the document's sections and articles its measures fall in.

Per measure: ``n_actors`` and ``n_agencies`` (actors that are one body).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph.build import agency_nodes, measure_nodes
from graph.projection import co_responsibility, without_generic

BETWEENNESS_EXACT_LIMIT = 2000
BETWEENNESS_SAMPLE_K = 200
SEED = 2015


def degree(graph: nx.Graph, nodes: list[str]) -> dict[str, float]:
    """Bipartite degree centrality of ``nodes``: measures assigned / all measures.

    >>> from graph.fixtures import tiny_graph
    >>> degree(tiny_graph(), ["agency:mofcom"])
    {'agency:mofcom': 0.6}
    """
    n_measures = len(measure_nodes(graph))
    return {a: graph.degree(a) / n_measures for a in nodes}


def closeness(graph: nx.Graph, nodes: list[str]) -> dict[str, float]:
    """Closeness centrality (Wasserman-Faust improved) of ``nodes`` in the whole graph.

    One breadth-first search per node asked for, not per node of the graph:
    the agencies are a few dozen, the measures can be tens of thousands.

    >>> from graph.fixtures import tiny_graph
    >>> closeness(tiny_graph(), ["agency:depts_relevant"])
    {'agency:depts_relevant': 0.1111111111111111}
    """
    return {a: nx.closeness_centrality(graph, u=a, wf_improved=True) for a in nodes}


def pagerank(projection: nx.Graph) -> dict[str, float]:
    """Weighted PageRank of the nodes of a projection."""
    return nx.pagerank(projection, weight="weight")


def _bipartite_max_betweenness(n: int, m: int) -> float:
    """Largest possible betweenness of a node on a side of ``n`` nodes facing ``m``.

    Borgatti & Halgin's bound, as in ``networkx.bipartite.betweenness_centrality``;
    zero when no node of that side can lie between others.
    """
    if m == 0:
        return 0.0
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * ((2 * s) - t + 3)) / 2.0


def betweenness(graph: nx.Graph, nodes: list[str]) -> dict[str, float]:
    """Bipartite betweenness; sampled (``k`` pivots, fixed seed) on large graphs.

    Exact betweenness is O(nm); above ``BETWEENNESS_EXACT_LIMIT`` nodes it is
    estimated from ``BETWEENNESS_SAMPLE_K`` pivots. Either count is divided by
    the bipartite maximum of the node's side (0 where that maximum is 0, e.g.
    a graph with a single measure).
    """
    top = set(nodes)
    n, m = len(top), graph.number_of_nodes() - len(top)
    if graph.number_of_nodes() <= BETWEENNESS_EXACT_LIMIT:
        raw = nx.betweenness_centrality(graph, normalized=False)
    else:
        raw = nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE_K, normalized=False, seed=SEED)
    max_top, max_bottom = _bipartite_max_betweenness(n, m), _bipartite_max_betweenness(m, n)
    result = {}
    for v, value in raw.items():
        bound = max_top if v in top else max_bottom
        result[v] = value / bound if bound else 0.0
    return result


def agency_metrics(
    graph: nx.Graph, weighting: str = "count", include_generic: bool = True
) -> pd.DataFrame:
    """Table of agency metrics (see the module docstring for each column).

    Parameters
    ----------
    graph : networkx.Graph
        The bipartite graph from :func:`graph.build.build_graph`.
    weighting : {"count", "newman", "jaccard"}
        Weighting of the projection used by ``pagerank`` and ``eigenvector``.
    include_generic : bool
        Keep generic actors (有关部门, local governments) in the network.

    Returns
    -------
    pandas.DataFrame
        One row per agency, indexed by agency id, sorted by ``measures``
        (descending), then ``leads``, then id; labels and kind included.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> m = agency_metrics(tiny_graph())
    >>> m.loc["mofcom", ["measures", "leads", "partner_roles", "breadth"]].tolist()
    [3, 2, 1, 2]
    """
    if not include_generic:
        graph = without_generic(graph)
    agencies = agency_nodes(graph)
    if not agencies:
        return pd.DataFrame(columns=METRIC_COLUMNS).rename_axis("agency")
    projection = co_responsibility(graph, weighting)
    degrees = degree(graph, agencies)
    between = betweenness(graph, agencies)
    close = closeness(graph, agencies)
    ranks = pagerank(projection)
    eigen = eigenvector(projection)
    rows = []
    for a in agencies:
        data = graph.nodes[a]
        edges = [graph.edges[a, m] for m in graph[a]]
        measure_data = [graph.nodes[m] for m in graph[a]]
        leads = sum(e["role"] == "lead" for e in edges)
        rows.append(
            {
                "agency": data["agency_id"],
                "label_zh": data["label_zh"],
                "label_en": data["label_en"],
                "kind": data["kind"],
                "measures": len(edges),
                "leads": leads,
                "sole_leads": sum(e["role"] == "lead" and not e["shared_duty"] for e in edges),
                "partner_roles": len(edges) - leads,
                "shared_duties": sum(e["shared_duty"] for e in edges),
                "degree": degrees[a],
                "betweenness": between[a],
                "closeness": close[a],
                "pagerank": ranks[a],
                "eigenvector": eigen[a],
                "breadth": projection.degree(a),
                "sections": len({d["section"] for d in measure_data if "section" in d}),
                "articles": len({d["article"] for d in measure_data if "article" in d}),
            }
        )
    table = pd.DataFrame(rows).set_index("agency")
    order = table.reset_index().sort_values(
        ["measures", "leads", "agency"], ascending=[False, False, True]
    )["agency"]
    return table.loc[order.tolist()]


METRIC_COLUMNS = [
    "label_zh",
    "label_en",
    "kind",
    "measures",
    "leads",
    "sole_leads",
    "partner_roles",
    "shared_duties",
    "degree",
    "betweenness",
    "closeness",
    "pagerank",
    "eigenvector",
    "breadth",
    "sections",
    "articles",
]


def eigenvector(projection: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality of a projection, by node.

    Power iteration from NetworkX's deterministic start vector; on a
    disconnected projection, nodes outside the component with the largest
    eigenvalue converge to 0: their prominence is not comparable.
    """
    if projection.number_of_edges() == 0:
        return dict.fromkeys(projection, 0.0)
    try:
        return nx.eigenvector_centrality(projection, weight="weight", max_iter=5000, tol=1e-9)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(projection, weight="weight")


def measure_metrics(graph: nx.Graph) -> pd.DataFrame:
    """One row per measure: ids, place in the document and how many act on it.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> measure_metrics(tiny_graph())["n_actors"].tolist()
    [2, 3, 2, 1, 2]
    """
    rows = []
    for m in measure_nodes(graph):
        data = graph.nodes[m]
        actors = list(graph[m])
        rows.append(
            {
                "measure_id": data["measure_id"],
                "kind": data["kind"],
                "section": data.get("section"),
                "article": data.get("article"),
                "n_actors": len(actors),
                "n_agencies": sum(not graph.nodes[a]["generic"] for a in actors),
                "leads": "、".join(
                    graph.nodes[a]["label_zh"]
                    for a in actors
                    if graph.edges[m, a]["role"] == "lead"
                ),
                "text": data["text"],
            }
        )
    frame = pd.DataFrame(rows)
    for col in ("section", "article"):
        frame[col] = frame[col].astype("Int64")
    return frame
