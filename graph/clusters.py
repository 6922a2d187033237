"""Co-responsibility clusters: communities of the weighted agency projection.

Louvain community detection (Blondel et al. 2008, NetworkX's
``louvain_communities``) with a fixed seed, so the same graph always gives the
same clusters. Clusters are numbered by size (largest first, ties by first
appearance in the document) and labelled by their strongest members.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

SEED = 2015


@dataclass(frozen=True)
class Clustering:
    """Clusters of agency nodes, best-connected members first."""

    clusters: tuple[tuple[str, ...], ...]
    modularity: float
    labels: tuple[str, ...]

    def membership(self) -> dict[str, int]:
        """Node id -> cluster number (1-based)."""
        return {node: i for i, members in enumerate(self.clusters, 1) for node in members}


def co_responsibility_clusters(
    projection: nx.Graph, seed: int = SEED, resolution: float = 1.0, lang: str = "zh"
) -> Clustering:
    """Detect clusters in a co-responsibility projection.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility`; edge ``weight`` is used.
    seed : int
        Random seed of Louvain; fixed, so results are identical on every run.
    resolution : float
        Louvain resolution: above 1 favours smaller clusters.
    lang : {"zh", "en"}
        Language of the cluster labels.

    Returns
    -------
    Clustering
        Clusters (tuples of node ids, strongest member first), the partition's
        weighted modularity, and a label per cluster naming up to three members.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> c = co_responsibility_clusters(co_responsibility(tiny_graph()))
    >>> len(c.clusters) == len(c.labels)
    True
    """
    if projection.number_of_nodes() == 0:
        return Clustering((), 0.0, ())
    order = {node: i for i, node in enumerate(projection)}
    found = nx.community.louvain_communities(
        projection, weight="weight", resolution=resolution, seed=seed
    )
    strength = dict(projection.degree(weight="weight"))

    def ranked(members: set) -> tuple[str, ...]:
        return tuple(sorted(members, key=lambda n: (-strength[n], order[n])))

    clusters = sorted((ranked(c) for c in found), key=lambda c: (-len(c), min(order[n] for n in c)))
    modularity = (
        nx.community.modularity(projection, [set(c) for c in clusters], weight="weight")
        if projection.number_of_edges()
        else 0.0
    )
    key = "label_en" if lang == "en" else "label_zh"
    labels = tuple(
        " · ".join(projection.nodes[n][key] for n in c[:3]) + (" …" if len(c) > 3 else "")
        for c in clusters
    )
    return Clustering(tuple(clusters), float(modularity), labels)


def cluster_table(graph: nx.Graph, projection: nx.Graph, clustering: Clustering) -> pd.DataFrame:
    """One row per cluster: label, size, members, internal weight, binding measures.

    A measure *binds* a cluster when at least two of the cluster's members are
    assigned to it.
    """
    rows = []
    for number, (members, label) in enumerate(
        zip(clustering.clusters, clustering.labels, strict=True), 1
    ):
        inside = projection.subgraph(members)
        binding = binding_measures(graph, members)
        rows.append(
            {
                "cluster": number,
                "label": label,
                "size": len(members),
                "members_zh": "、".join(projection.nodes[n]["label_zh"] for n in members),
                "members_en": ", ".join(projection.nodes[n]["label_en"] for n in members),
                "internal_weight": float(inside.size(weight="weight")),
                "binding_measures": len(binding),
                "top_binding": ", ".join(binding[:5]),
            }
        )
    return pd.DataFrame(rows)


def binding_measures(graph: nx.Graph, members: tuple[str, ...] | list[str]) -> list[str]:
    """Measure ids with two or more of ``members``, most members first.

    >>> from graph.fixtures import tiny_graph
    >>> binding_measures(tiny_graph(), ["agency:mofcom", "agency:ndrc"])
    ['M01.01', 'M01.02', 'C01']
    """
    wanted = set(members)
    counts = {}
    for node, data in graph.nodes(data=True):
        if data["bipartite"] == 0:
            inside = sum(1 for a in graph[node] if a in wanted)
            if inside >= 2:
                counts[data["measure_id"]] = inside
    return sorted(counts, key=lambda m: -counts[m])
