"""Core, periphery and brokers of the agency co-responsibility projection.

Core and periphery use the k-core (Seidman 1983; NetworkX's ``core_number``):
the k-core is the largest subgraph in which every agency has at least ``k``
partners. In a projection, one measure that names ``n`` actors makes them an
``(n-1)``-clique, so the plain k-core mostly finds the longest list of actors.
The *backbone* keeps only ties repeated on at least ``min_shared`` measures;
its main core is the set of agencies that work together again and again.
The rich-club coefficient (Colizza et al. 2006) says whether agencies with
many partners are more tied to each other than their degrees alone imply.

Brokers tie clusters together. Per agency:

- ``participation``: the participation coefficient (Guimerà & Amaral 2005),
  ``1 - sum_c (s_c / s)^2`` where ``s_c`` is the tie weight into cluster ``c``
  and ``s`` the agency's strength: 0 when all ties stay inside one cluster,
  near 1 when they spread evenly over many;
- ``constraint`` and ``effective_size``: Burt's structural holes (1992); low
  constraint and high effective size mean partners who are not tied to each
  other, so the agency is the one that links them;
- ``betweenness``: shortest-path betweenness on the projection with distance
  ``1 / weight``, so a tie shared on many measures is a short one.

Isolated agencies have no ties: participation 0, constraint and effective size
NaN (undefined, as in NetworkX).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph.clusters import Clustering

BACKBONE_MIN_SHARED = 2
SEED = 2015


def backbone(projection: nx.Graph, min_shared: int = BACKBONE_MIN_SHARED) -> nx.Graph:
    """The projection with only ties shared on at least ``min_shared`` measures.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility`; edges carry ``shared``.
    min_shared : int
        Fewest shared measures a tie needs to stay.

    Returns
    -------
    networkx.Graph
        A new graph with every agency (with its attributes) and the kept ties.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> B = backbone(co_responsibility(tiny_graph()), 2)
    >>> sorted(B.edges()), B.number_of_nodes()
    ([('agency:mofcom', 'agency:ndrc')], 5)
    """
    kept = nx.Graph()
    kept.add_nodes_from(projection.nodes(data=True))
    kept.add_edges_from(
        (u, v, d) for u, v, d in projection.edges(data=True) if d["shared"] >= min_shared
    )
    return kept


def core_periphery(projection: nx.Graph, min_shared: int = BACKBONE_MIN_SHARED) -> pd.DataFrame:
    """Core numbers of every agency, in the projection and in its backbone.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility`.
    min_shared : int
        Threshold of :func:`backbone`.

    Returns
    -------
    pandas.DataFrame
        Indexed by agency id: ``label_zh``, ``label_en``, ``ties`` (partners),
        ``strength`` (sum of tie weights), ``core_number`` (k-core of the
        projection), ``backbone_ties``, ``backbone_core`` (k-core of the
        backbone) and ``core`` (True for the backbone's main core, when the
        backbone has any tie). Sorted by ``backbone_core``, ``core_number``
        and ``strength`` (descending), then id.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> t = core_periphery(co_responsibility(tiny_graph()))
    >>> t[["core_number", "backbone_core", "core"]].values.tolist()[:3]
    [[2, 1, True], [2, 1, True], [2, 0, False]]
    """
    kept = backbone(projection, min_shared)
    whole_core = nx.core_number(_without_self_loops(projection))
    kept_core = nx.core_number(kept)
    top = max(kept_core.values(), default=0)
    rows = [
        {
            "agency": data.get("agency_id", node),
            "label_zh": data.get("label_zh", node),
            "label_en": data.get("label_en", node),
            "ties": projection.degree(node),
            "strength": projection.degree(node, weight="weight"),
            "core_number": whole_core[node],
            "backbone_ties": kept.degree(node),
            "backbone_core": kept_core[node],
            "core": top > 0 and kept_core[node] == top,
        }
        for node, data in projection.nodes(data=True)
    ]
    table = pd.DataFrame(rows, columns=_CORE_COLUMNS)
    table = table.sort_values(
        ["backbone_core", "core_number", "strength", "agency"],
        ascending=[False, False, False, True],
    )
    return table.set_index("agency")


_CORE_COLUMNS = [
    "agency",
    "label_zh",
    "label_en",
    "ties",
    "strength",
    "core_number",
    "backbone_ties",
    "backbone_core",
    "core",
]


def main_core(projection: nx.Graph, min_shared: int = BACKBONE_MIN_SHARED) -> list[str]:
    """Node ids of the backbone's main core (its highest k-core), in projection order.

    Empty when the backbone has no tie at all.

    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> main_core(co_responsibility(tiny_graph()))
    ['agency:mofcom', 'agency:ndrc']
    """
    kept = backbone(projection, min_shared)
    if kept.number_of_edges() == 0:
        return []
    members = set(nx.k_core(kept))
    return [node for node in projection if node in members]


def rich_club(
    projection: nx.Graph, normalized: bool = False, swaps: int = 100, seed: int = SEED
) -> pd.Series:
    """Rich-club coefficient by degree: how densely agencies above degree k are tied.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility` (weights are ignored).
    normalized : bool
        Divide by the coefficient of a degree-preserving random rewiring
        (``swaps`` times the number of ties, fixed ``seed``): values near 1 mean
        no more club than the degrees imply.
    swaps, seed : int
        Rewiring effort and random seed (used only when ``normalized``).

    Returns
    -------
    pandas.Series
        Indexed by degree ``k``: ties among agencies with more than ``k``
        partners divided by the ties possible among them.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> rich_club(co_responsibility(tiny_graph())).round(4).to_dict()
    {0: 0.6667, 1: 1.0}
    """
    simple = nx.Graph(_without_self_loops(projection))
    coefficient = nx.rich_club_coefficient(
        simple, normalized=normalized, Q=swaps, seed=seed if normalized else None
    )
    return pd.Series(coefficient, dtype=float).rename_axis("degree").rename("rich_club")


def participation(projection: nx.Graph, clustering: Clustering) -> dict[str, float]:
    """Weighted participation coefficient of every agency across clusters.

    Parameters
    ----------
    projection : networkx.Graph
        Weighted agency projection.
    clustering : Clustering
        Clusters of its nodes (:func:`graph.clusters.co_responsibility_clusters`).

    Returns
    -------
    dict
        Node id -> ``1 - sum_c (s_c / s)^2``; 0 for agencies without ties.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> c = Clustering(
    ...     (("agency:mofcom", "agency:ndrc"), ("agency:saic", "agency:aqsiq")), 0.0, ("a", "b")
    ... )
    >>> round(participation(co_responsibility(tiny_graph()), c)["agency:saic"], 4)
    0.4444
    """
    membership = clustering.membership()
    result = {}
    for node in projection:
        into: dict[int, float] = {}
        for other, data in projection[node].items():
            if other != node:
                cluster = membership.get(other, 0)
                into[cluster] = into.get(cluster, 0.0) + data.get("weight", 1)
        strength = sum(into.values())
        result[node] = 1.0 - sum((s / strength) ** 2 for s in into.values()) if strength else 0.0
    return result


def brokerage(projection: nx.Graph, clustering: Clustering) -> pd.DataFrame:
    """Per agency: how much it ties clusters together (see the module docstring).

    Parameters
    ----------
    projection : networkx.Graph
        Weighted agency projection (edge ``weight``, larger is stronger).
    clustering : Clustering
        Clusters of its nodes.

    Returns
    -------
    pandas.DataFrame
        Indexed by agency id: ``label_zh``, ``label_en``, ``cluster``
        (1-based, 0 if in none), ``strength``, ``participation``,
        ``clusters_reached`` (other clusters it has a tie into),
        ``constraint``, ``effective_size`` and ``betweenness``. Sorted by
        ``participation`` and ``strength`` (descending), then id.

    Notes
    -----
    ``effective_size`` is computed node by node: NetworkX 3.6's whole-graph
    path normalises weighted ties by the wrong axis
    (https://github.com/networkx/networkx/pull/8906).
    """
    membership = clustering.membership()
    simple = _without_self_loops(projection)
    shares = participation(simple, clustering)
    constraint = nx.constraint(simple, weight="weight")
    effective = nx.effective_size(simple, nodes=list(simple), weight="weight")
    between = nx.betweenness_centrality(_with_distance(simple), weight="distance")
    rows = []
    for node, data in projection.nodes(data=True):
        own = membership.get(node, 0)
        reached = {membership.get(other, 0) for other in simple[node]} - {own}
        rows.append(
            {
                "agency": data.get("agency_id", node),
                "label_zh": data.get("label_zh", node),
                "label_en": data.get("label_en", node),
                "cluster": own,
                "strength": simple.degree(node, weight="weight"),
                "participation": shares[node],
                "clusters_reached": len(reached),
                "constraint": constraint[node],
                "effective_size": effective[node],
                "betweenness": between[node],
            }
        )
    table = pd.DataFrame(rows)
    table = table.sort_values(
        ["participation", "strength", "agency"], ascending=[False, False, True]
    )
    return table.set_index("agency")


def _with_distance(graph: nx.Graph) -> nx.Graph:
    """A copy whose ties carry ``distance = 1 / weight``: strong ties are short."""
    spaced = graph.copy()
    for _, _, data in spaced.edges(data=True):
        data["distance"] = 1.0 / data.get("weight", 1)
    return spaced


def _without_self_loops(graph: nx.Graph) -> nx.Graph:
    """A copy without self-loops, its ties in a fixed order.

    k-cores and rich clubs are undefined with self-loops. NetworkX's projection
    adds ties in the order of a Python set, which changes with the string hash
    seed; seeded rewiring picks neighbours by position, so the copy lists ties
    by the order of their end points in the graph instead.
    """
    order = {node: i for i, node in enumerate(graph)}
    ties = [
        (u, v, d) if order[u] < order[v] else (v, u, d)
        for u, v, d in graph.edges(data=True)
        if u != v
    ]
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from(sorted(ties, key=lambda tie: (order[tie[0]], order[tie[1]])))
    return simple
