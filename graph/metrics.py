"""Metrics of agencies and measures, as DataFrames.

Per agency (index: agency id):

- ``measures``: measures assigned (its degree in the bipartite graph);
- ``leads`` / ``partner_roles``: assignments as lead or partner;
  ``sole_leads``: leads not shared under 按职责分工; ``shared_duties``;
- ``degree``: bipartite degree centrality, measures divided by all measures;
- ``betweenness``: bipartite betweenness centrality (Borgatti & Halgin 2011),
  how often the agency lies on shortest paths between others; exact up to
  ``BETWEENNESS_SOURCES`` classes of twins (measures of the same agencies),
  estimated above (the largest classes exact, the rest from pivots);
- ``closeness``: closeness centrality on the bipartite graph, the inverse
  mean distance to the nodes it can reach, scaled by the share of the graph it
  can reach (Wasserman & Faust), so agencies in small separate components are
  not ranked above the core;
- ``pagerank`` and ``eigenvector``: on the weighted co-responsibility
  projection, prominence through well-connected partners;
- ``breadth``: distinct partner agencies; ``sections`` / ``articles``: how many
  of the document's sections and articles its measures fall in.

Per measure: ``n_actors`` and ``n_agencies`` (actors that are one body).

Every agency metric is one entry of :data:`METRICS` (at the end of this
module): its key, its name and meaning in Chinese and English, whether it can
size the network's nodes and whether the agency profile shows it, and how it
is computed. The metrics table, the glossary (:mod:`graph.explain`), the
network's legend and size menu, the profile and the CLI's ``--size-by`` all
read that registry, so a new metric is added there and nowhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.build import agency_nodes, measure_nodes
from graph.projection import co_responsibility, without_generic

# Exact betweenness runs one breadth-first search per class of twins (see
# twin_classes); above this many classes, 500 classes exactly and 500 pivots.
BETWEENNESS_SOURCES = 1000
BETWEENNESS_EXACT_CLASSES = 500
BETWEENNESS_PIVOTS = BETWEENNESS_SOURCES - BETWEENNESS_EXACT_CLASSES
# Up to this many nodes NetworkX's own Brandes is fastest; above, sparse products
# (equal to it within 1e-12: tests/test_metrics.py). Measured here, best of 20: the
# 10-node fixture 0.08 ms (NetworkX) vs 0.16 ms; the bundled document, 114 nodes,
# 11.9 ms vs 0.83 ms; a synthetic document of 106 nodes 11.7 ms vs 1.1 ms.
BETWEENNESS_PYTHON_LIMIT = 50
_BATCH_CELLS = 1_000_000  # numbers per array in one batch of _dependencies (~8 MB)
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

    One breadth-first search per node asked for, not per node of the graph
    (the agencies are a few dozen, the measures can be tens of thousands), run
    by SciPy; the value is NetworkX's ``closeness_centrality(graph, u=node)``,
    computed from the same integer distances with the same operations.

    >>> from graph.fixtures import tiny_graph
    >>> g = tiny_graph()
    >>> closeness(g, ["agency:depts_relevant"])
    {'agency:depts_relevant': 0.1111111111111111}
    >>> close = closeness(g, list(g))
    >>> all(close[v] == nx.closeness_centrality(g, u=v) for v in g)
    True
    """
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    if not nodes:
        return {}
    order = list(graph)
    index = {node: i for i, node in enumerate(order)}
    adjacency = _adjacency(graph, order)
    distances = shortest_path(
        adjacency, unweighted=True, directed=False, indices=[index[a] for a in nodes]
    )
    result = {}
    for node, row in zip(nodes, distances, strict=True):
        reached = np.isfinite(row)
        others, total = int(reached.sum()) - 1, int(row[reached].sum())
        value = 0.0
        if total > 0 and len(order) > 1:
            value = others / total * (others / (len(order) - 1))
        result[node] = value
    return result


def _adjacency(graph: nx.Graph, order: list):
    """Symmetric 0/1 adjacency matrix (SciPy CSR, float) of a simple graph, rows in ``order``.

    Built from the edge list directly: five times faster than
    ``nx.to_scipy_sparse_array`` on a graph of 200,000 edges.
    """
    import numpy as np
    from scipy import sparse

    index = {node: i for i, node in enumerate(order)}
    ends = np.fromiter(
        (index[end] for u, v in graph.edges() if u != v for end in (u, v)), dtype=np.int64
    ).reshape(-1, 2)
    rows = np.concatenate([ends[:, 0], ends[:, 1]])
    columns = np.concatenate([ends[:, 1], ends[:, 0]])
    shape = (len(order), len(order))
    return sparse.csr_array((np.ones(len(rows)), (rows, columns)), shape=shape)


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


def twin_classes(graph: nx.Graph) -> list[list]:
    """Nodes grouped by their set of neighbours, in graph order (first member first).

    Two nodes with the same neighbours and no link between them are *twins*:
    swapping them maps the graph onto itself, and neither lies on a shortest
    path from the other (it reaches their common neighbours directly). So every
    twin, as the source of Brandes' algorithm, gives the same dependencies to
    every node, its twins included (0). In the bipartite graph, measures assigned
    to the same set of agencies are twins: the bundled document's 114 nodes form
    101 classes, a synthetic corpus 100 times its size 3,239 classes of 7,345.

    >>> twin_classes(nx.Graph([("m1", "a"), ("m2", "a"), ("m3", "a"), ("m3", "b")]))
    [['m1', 'm2'], ['a'], ['m3'], ['b']]
    """
    classes: dict[frozenset, list] = {}
    for node in graph:
        classes.setdefault(frozenset(graph[node]), []).append(node)
    return list(classes.values())


def exact_betweenness(graph: nx.Graph) -> dict[str, float]:
    """Unnormalised betweenness of every node, by sparse matrix products.

    ``nx.betweenness_centrality(graph, normalized=False)``, equal to it up to
    floating-point rounding (about 1e-14 relative: the same path counts,
    dependencies summed in another order), several times faster above a few
    hundred nodes (see :func:`_dependencies`). One source per class of
    :func:`twin_classes`, its dependencies counted once for each member.

    >>> G = nx.gnm_random_graph(60, 150, seed=1)
    >>> fast, slow = exact_betweenness(G), nx.betweenness_centrality(G, normalized=False)
    >>> max(abs(fast[v] - slow[v]) for v in G) < 1e-9
    True
    >>> B = nx.bipartite.random_graph(80, 6, 0.2, seed=2)
    >>> fast, slow = exact_betweenness(B), nx.betweenness_centrality(B, normalized=False)
    >>> len(twin_classes(B)) < len(B), max(abs(fast[v] - slow[v]) for v in B) < 1e-9
    (True, True)
    """
    nodes = list(graph)
    classes = twin_classes(graph)
    summed = _dependencies(graph, nodes, [c[0] for c in classes], [len(c) for c in classes])
    return {v: value / 2 for v, value in zip(nodes, summed.tolist(), strict=True)}


def sampled_betweenness(
    graph: nx.Graph, k: int, seed: int = SEED, exact_classes: int = 0
) -> dict[str, float]:
    """Unnormalised betweenness estimated from ``k`` random pivots, by node.

    With ``exact_classes=0``, the estimate of ``nx.betweenness_centrality(graph,
    k=k, normalized=False, seed=seed)``: the same pivots (``random.Random(seed)
    .sample`` of the node list) and the same rescaling, equal to it up to
    floating-point rounding, but computed several pivots at a time with sparse
    matrix products, one per breadth-first level (Brandes' algorithm in
    linear-algebra form), instead of node by node in Python.

    With ``exact_classes=c`` (stratified), the ``c`` largest classes of
    :func:`twin_classes` (ties in graph order) are the sources of their
    members exactly, one run per class; the ``k`` pivots are drawn, the same
    way, from the nodes of the other classes only, and stand for those. In the
    bipartite graph the largest classes are measures of one agency, or of the
    same few: the 200 largest cover half the measures of a synthetic corpus
    100 or 1,000 times the bundled document's size. The sampled half carries
    all the error, so for the same work the agencies' values are several
    times closer to the exact ones (``python -m benchmarks.accuracy``).

    Parameters
    ----------
    graph : networkx.Graph
    k : int
        Pivots, between 2 and the number of nodes outside the exact classes
        minus one.
    seed : int
        Seed of the pivot sample.
    exact_classes : int
        How many of the largest twin classes to count exactly.

    Returns
    -------
    dict
        ``node -> estimated unnormalised betweenness`` (each pair counted once).

    Notes
    -----
    The dependency of pivot ``s`` on ``v`` is summed over all targets. Pivots
    are drawn from ``r`` nodes (all ``n`` nodes, or those outside the exact
    classes); the sum for ``v`` is multiplied by the number of those nodes
    other than ``v`` over the number of pivots other than ``v``: ``(r - 1) /
    k`` if ``v`` is one of the ``r`` and not a pivot, ``(r - 1) / (k - 1)`` if
    it is a pivot (its own run cannot count), ``r / k`` if it is in an exact
    class; halved for an undirected graph. Its expectation is the exact
    unnormalised betweenness; with ``exact_classes=0`` it is NetworkX 3.6's
    rescaling with ``endpoints=False``.

    Examples
    --------
    >>> G = nx.gnm_random_graph(60, 150, seed=1)
    >>> fast = sampled_betweenness(G, 20, seed=3)
    >>> slow = nx.betweenness_centrality(G, k=20, normalized=False, seed=3)
    >>> max(abs(fast[v] - slow[v]) for v in G) < 1e-9
    True
    >>> B = nx.bipartite.random_graph(80, 6, 0.2, seed=2)
    >>> fast = sampled_betweenness(B, 40, seed=3)
    >>> slow = nx.betweenness_centrality(B, k=40, normalized=False, seed=3)
    >>> max(abs(fast[v] - slow[v]) for v in B) < 1e-9
    True

    Every class exact but the last three, and every node of those a pivot: exact.

    >>> c = len(twin_classes(B)) - 3
    >>> k = sum(len(tc) for tc in sorted(twin_classes(B), key=len, reverse=True)[c:])
    >>> exact, ours = exact_betweenness(B), sampled_betweenness(B, k, 1, exact_classes=c)
    >>> max(abs(exact[v] - ours[v]) for v in B) < 1e-9
    True

    Stratified, on average over seeds, close to the exact values:

    >>> runs = [sampled_betweenness(B, 10, seed, exact_classes=5) for seed in range(200)]
    >>> top = max(B, key=exact.get)
    >>> abs(sum(run[top] for run in runs) / 200 / exact[top] - 1) < 0.05
    True
    """
    import random

    import numpy as np

    nodes = list(graph)
    classes = sorted(twin_classes(graph), key=len, reverse=True)
    exact = classes[:exact_classes]
    rest = nodes if not exact else [v for c in classes[exact_classes:] for v in c]
    if not 1 < k <= len(rest):
        raise ValueError(f"k must be between 2 and {len(rest)} pivots, not {k}")
    pivots = random.Random(seed).sample(rest, k)
    # Pivots that are twins give the same dependencies: one run, counted for each.
    twin_of = {v: c[0] for c in classes for v in c}
    counts: dict = {}
    for pivot in pivots:
        counts[twin_of[pivot]] = counts.get(twin_of[pivot], 0) + 1
    adjacency = _adjacency(graph, nodes)
    sampled = _dependencies(graph, nodes, list(counts), list(counts.values()), adjacency)
    fixed = np.zeros(len(nodes))
    if exact:
        sizes = [len(c) for c in exact]
        fixed = _dependencies(graph, nodes, [c[0] for c in exact], sizes, adjacency)
    drawn_from, chosen = set(rest), set(pivots)
    r = len(rest)
    return {
        v: (part + value * (r - (v in drawn_from)) / (k - (v in chosen))) / 2
        for v, part, value in zip(nodes, fixed.tolist(), sampled.tolist(), strict=True)
    }


def _dependencies(graph: nx.Graph, nodes: list, sources: list, weights: list[int], adjacency=None):
    """Brandes dependencies summed over ``sources``, each times its weight, per node of ``nodes``.

    Each batch of sources advances level by level: the path counts of the next
    level are ``A @ counts`` on nodes not reached yet; going back, a node's
    dependency is its path count times ``A @ ((1 + dependency) / count)`` of
    the level below it. A batch holds about ``_BATCH_CELLS`` numbers per array.
    ``adjacency``: :func:`_adjacency` of ``graph`` in ``nodes`` order, when the
    caller has it already. Returns an array in the order of ``nodes``.
    """
    import numpy as np

    if adjacency is None:
        adjacency = _adjacency(graph, nodes)
    index = {node: i for i, node in enumerate(nodes)}
    total = np.zeros(len(nodes))
    batch = max(1, _BATCH_CELLS // max(len(nodes), 1))
    for first in range(0, len(sources), batch):
        rows = np.array([index[s] for s in sources[first : first + batch]])
        weight = np.array(weights[first : first + batch], dtype=float)
        columns = np.arange(len(rows))
        level = np.full((len(nodes), len(rows)), -1, dtype=np.int32)
        level[rows, columns] = 0
        paths = np.zeros((len(nodes), len(rows)))
        paths[rows, columns] = 1.0
        frontier, depth = paths.copy(), 0
        while True:
            reached = adjacency @ frontier
            new = (reached > 0) & (level < 0)
            if not new.any():
                break
            depth += 1
            level[new] = depth
            frontier = np.where(new, reached, 0.0)
            paths += frontier
        dependency = np.zeros_like(paths)
        for d in range(depth, 0, -1):
            here = level == d
            share = np.divide(1.0 + dependency, paths, out=np.zeros_like(paths), where=here)
            back = adjacency @ share
            dependency += np.where(level == d - 1, paths * back, 0.0)
        dependency[rows, columns] = 0.0
        total += dependency @ weight
    return total


def betweenness(graph: nx.Graph, nodes: list[str]) -> dict[str, float]:
    """Bipartite betweenness; estimated with a fixed seed on large graphs.

    Exact betweenness is O(nm): NetworkX's up to ``BETWEENNESS_PYTHON_LIMIT``
    nodes; :func:`exact_betweenness` (the same values by sparse products, one
    run per class of twins) up to ``BETWEENNESS_SOURCES`` classes; above that
    :func:`sampled_betweenness` with the ``BETWEENNESS_EXACT_CLASSES`` largest
    classes exact and ``BETWEENNESS_PIVOTS`` pivots for the other nodes. Either
    count is divided by the bipartite maximum of the node's side (0 where that
    maximum is 0, e.g. a graph with a single measure).

    The estimate's error, against exact values for the agencies of synthetic
    corpora (``python -m benchmarks.accuracy``): median 3 %, largest among the
    upper half 6-7 %, at 7,345 and 21,577 nodes.
    """
    top = set(nodes)
    n, m = len(top), graph.number_of_nodes() - len(top)
    if graph.number_of_nodes() <= BETWEENNESS_PYTHON_LIMIT:
        raw = nx.betweenness_centrality(graph, normalized=False)
    elif len(twin_classes(graph)) <= BETWEENNESS_SOURCES:
        raw = exact_betweenness(graph)
    else:
        raw = sampled_betweenness(graph, BETWEENNESS_PIVOTS, SEED, BETWEENNESS_EXACT_CLASSES)
    max_top, max_bottom = _bipartite_max_betweenness(n, m), _bipartite_max_betweenness(m, n)
    result = {}
    for v, value in raw.items():
        bound = max_top if v in top else max_bottom
        result[v] = value / bound if bound else 0.0
    return result


def agency_metrics(
    graph: nx.Graph,
    weighting: str = "count",
    include_generic: bool = True,
    projection: nx.Graph | None = None,
) -> pd.DataFrame:
    """Table of agency metrics: one column per computed entry of :data:`METRICS`.

    Parameters
    ----------
    graph : networkx.Graph
        The bipartite graph from :func:`graph.build.build_graph`.
    weighting : {"count", "newman", "jaccard"}
        Weighting of the projection used by ``pagerank`` and ``eigenvector``.
    include_generic : bool
        Keep generic actors (有关部门, local governments) in the network.
    projection : networkx.Graph, optional
        ``co_responsibility(graph, weighting, include_generic)`` if the caller
        has it already (it is computed otherwise).

    Returns
    -------
    pandas.DataFrame
        One row per agency, indexed by agency id, sorted by ``measures``
        (descending), then ``leads``, then id; columns :data:`METRIC_COLUMNS`
        (labels and kind, then the computed metrics in registry order).

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
    if projection is None:
        projection = co_responsibility(graph, weighting)
    inputs = MetricInputs(graph, projection, agencies)
    columns: dict[str, list] = {
        "agency": [graph.nodes[a]["agency_id"] for a in agencies],
        **{
            key: [graph.nodes[a][key] for a in agencies] for key in ("label_zh", "label_en", "kind")
        },
    }
    for metric in computed_metrics():
        values = metric.compute(inputs)
        columns[metric.key] = [values[a] for a in agencies]
    table = pd.DataFrame(columns).set_index("agency")
    order = table.reset_index().sort_values(
        ["measures", "leads", "agency"], ascending=[False, False, True]
    )["agency"]
    return table.loc[order.tolist()]


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


# ---------------------------------------------------------------- the registry


class MetricInputs:
    """What a metric is computed from: the bipartite graph, its projection, the agencies.

    The edges and measures of each agency are gathered once, when a metric
    first asks, and shared by every count.
    """

    def __init__(self, graph: nx.Graph, projection: nx.Graph, agencies: list[str]) -> None:
        self.graph = graph
        self.projection = projection
        self.agencies = agencies

    @functools.cached_property
    def edges(self) -> dict[str, list[dict]]:
        """Agency node -> the data of its edges (``role``, ``shared_duty``...)."""
        return {a: [self.graph.edges[a, m] for m in self.graph[a]] for a in self.agencies}

    @functools.cached_property
    def measures(self) -> dict[str, list[dict]]:
        """Agency node -> the data of its measure nodes (``section``, ``article``...)."""
        return {a: [self.graph.nodes[m] for m in self.graph[a]] for a in self.agencies}

    def count(self, test: Callable[[dict], bool]) -> dict[str, int]:
        """Agency node -> how many of its edges pass ``test``."""
        return {a: sum(1 for e in edges if test(e)) for a, edges in self.edges.items()}

    def distinct(self, key: str) -> dict[str, int]:
        """Agency node -> how many distinct values of ``key`` its measures have."""
        return {
            a: len({d[key] for d in measures if key in d}) for a, measures in self.measures.items()
        }


@dataclass(frozen=True)
class Metric:
    """One agency metric, everything every view needs to know about it.

    ``name`` and ``meaning`` are ``(zh, en)`` pairs (the glossary, the profile,
    legends, the size menu); ``sizes_nodes``: offered to size the network's
    agencies (the app's menu, ``--size-by``); ``in_profile``: shown in the
    agency profile's table; ``compute`` turns :class:`MetricInputs` into
    ``agency node -> value`` (None for a column added after the metrics, such
    as the cluster number, :func:`graph.pipeline.analyse`).
    """

    key: str
    name: tuple[str, str]
    meaning: tuple[str, str]
    compute: Callable[[MetricInputs], Mapping[str, float]] | None
    sizes_nodes: bool = False
    in_profile: bool = True


def _leads(inputs: MetricInputs) -> dict[str, int]:
    return inputs.count(lambda e: e["role"] == "lead")


def _partner_roles(inputs: MetricInputs) -> dict[str, int]:
    return inputs.count(lambda e: e["role"] != "lead")


METRICS: tuple[Metric, ...] = (
    Metric(
        "measures",
        ("措施数", "measures"),
        (
            "文件点名该部门负责的措施数量，反映任务有多重。",
            "How many measures of the document name the agency: how heavy its load is.",
        ),
        lambda inputs: {a: len(edges) for a, edges in inputs.edges.items()},
        sizes_nodes=True,
    ),
    Metric(
        "leads",
        ("牵头数", "leads"),
        (
            "该部门作为牵头单位（排名第一或“按职责分工分别负责”）的措施数。",
            "Measures the agency leads (named first, or one of several under "
            "按职责分工分别负责, each responsible within its remit).",
        ),
        _leads,
        sizes_nodes=True,
    ),
    Metric(
        "sole_leads",
        ("单独牵头数", "sole leads"),
        (
            "该部门牵头、且不与其他部门“按职责分工分别负责”分担的措施数。",
            "Measures the agency leads without sharing the lead under 按职责分工分别负责.",
        ),
        lambda inputs: inputs.count(lambda e: e["role"] == "lead" and not e["shared_duty"]),
    ),
    Metric(
        "partner_roles",
        ("参与数", "partner roles"),
        (
            "该部门作为参与（配合）单位的措施数。",
            "Measures in which the agency supports another agency's lead.",
        ),
        _partner_roles,
    ),
    Metric(
        "shared_duties",
        ("分工负责数", "shared duties"),
        (
            "标注“按职责分工分别负责”的措施数：每个部门在自己职责内负责。",
            "Measures marked 按职责分工分别负责: every agency named answers for its own remit.",
        ),
        lambda inputs: inputs.count(lambda e: bool(e["shared_duty"])),
    ),
    Metric(
        "degree",
        ("度中心性", "degree centrality"),
        (
            "该部门负责的措施占全部措施的比例。",
            "The share of all measures that name the agency.",
        ),
        lambda inputs: degree(inputs.graph, inputs.agencies),
        sizes_nodes=True,
    ),
    Metric(
        "betweenness",
        ("中介中心性", "betweenness"),
        (
            "其他部门之间经由共同措施相连的最短路径中，经过该部门的比例。"
            "数值高的部门是连接不同工作领域的“桥梁”，协调时常需要它在场。"
            "很大的文件（措施的部门组合超过 1,000 种）以固定随机种子估计，误差约 3%。",
            "How often the agency lies on the shortest chains of shared measures between "
            "other agencies. A high value marks a bridge between fields of work: coordination "
            "between others often runs through it. On very large documents (over 1,000 "
            "different sets of agencies) it is estimated with a fixed seed, about 3% off.",
        ),
        lambda inputs: betweenness(inputs.graph, inputs.agencies),
        sizes_nodes=True,
    ),
    Metric(
        "closeness",
        ("接近中心性", "closeness"),
        (
            "该部门经由共同措施到达其他部门和措施平均需要几步（取倒数，并按能到达的范围折算）。"
            "数值高表示离整个网络的中心近。",
            "How few steps of shared measures separate the agency from everyone else on "
            "average (inverted, and scaled by how much of the network it can reach). High "
            "means close to the centre of the whole network.",
        ),
        lambda inputs: closeness(inputs.graph, inputs.agencies),
        sizes_nodes=True,
    ),
    Metric(
        "pagerank",
        ("PageRank", "PageRank"),
        (
            "在部门合作网络中，与重要部门合作越多，得分越高。",
            "Prominence in the agency co-responsibility network: higher for agencies that "
            "share many measures with agencies that are themselves prominent.",
        ),
        lambda inputs: pagerank(inputs.projection),
        sizes_nodes=True,
    ),
    Metric(
        "eigenvector",
        ("特征向量中心性", "eigenvector centrality"),
        (
            "与 PageRank 相似：合作伙伴越处于核心，得分越高；不连通的小团体得分接近 0。",
            "Like PageRank: high when an agency's partners are themselves central; "
            "agencies outside the main connected group score close to 0.",
        ),
        lambda inputs: eigenvector(inputs.projection),
    ),
    Metric(
        "breadth",
        ("合作部门数", "breadth"),
        (
            "与该部门至少共同负责一项措施的其他部门数量。",
            "How many other agencies share at least one measure with the agency.",
        ),
        lambda inputs: {a: inputs.projection.degree(a) for a in inputs.agencies},
        sizes_nodes=True,
    ),
    Metric(
        "sections",
        ("涉及部分数", "sections"),
        (
            "该部门的措施分布在文件的几个部分。",
            "In how many of the document's sections the agency's measures fall.",
        ),
        lambda inputs: inputs.distinct("section"),
    ),
    Metric(
        "articles",
        ("涉及条目数", "articles"),
        (
            "该部门的措施分布在文件的几个条目。",
            "In how many of the document's articles the agency's measures fall.",
        ),
        lambda inputs: inputs.distinct("article"),
    ),
    Metric(
        "cluster",
        ("协作群", "cluster"),
        (
            "按共同措施把经常一起出现的部门分为若干群（Louvain 社区发现，固定随机种子）。",
            "Group of agencies that often appear together, found by Louvain community "
            "detection on the co-responsibility network with a fixed seed.",
        ),
        None,
    ),
    # Measures from the literature, per document or period, computed by
    # graph.corpus_metrics (not by agency_metrics): agencies' brokerage and place in
    # the core, then measures of a whole document's or period's network.
    Metric(
        "effective_size",
        ("有效规模", "effective size"),
        (
            "伯特（Burt 1992）的结构洞指标：该部门的合作部门中，彼此之间没有联系、不重复的部分有多大"
            "（按共同措施的权重计算）。数值接近合作部门数，说明它连接的是互不相通的部门，是“中间人”。",
            "Burt's (1992) structural-hole measure: how many of the agency's partners are "
            "non-redundant, i.e. not tied to its other partners (weighted by shared measures). "
            "Close to its number of partners, it links agencies that do not deal with each other: "
            "a broker.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "constraint",
        ("约束度", "constraint"),
        (
            "伯特的约束度：该部门的合作集中在少数、且彼此紧密相连的部门上的程度。"
            "数值高表示它被一个小圈子“锁住”，缺少居间协调的空间；数值低表示合作分散、有结构洞可用。",
            "Burt's constraint: how far the agency's ties are concentrated on few partners that "
            "are themselves tied together. High means locked into one circle with little room "
            "to broker; low means spread ties and structural holes to use.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "coreness",
        ("核心度", "coreness"),
        (
            "博加蒂和埃弗里特（Borgatti & Everett 1999）核心—边缘模型的连续核心度："
            "最能解释“两个部门是否共同负责措施”的数值，最大为 1。核心部门彼此合作，也与边缘部门合作。",
            "Continuous coreness in Borgatti & Everett's (1999) core-periphery model: the value "
            "that best explains which pairs of agencies share measures (the largest is 1). Core "
            "agencies work with each other and with the periphery.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "core",
        ("核心部门", "in the core"),
        (
            "离散核心—边缘模型中属于核心：核心度最高、且使“核心内部互相合作、边缘之间不合作”"
            "这一理想结构拟合最好的那组部门。",
            "In the core of the discrete core-periphery model: the agencies of highest coreness "
            "for which the ideal pattern (ties within the core, none within the periphery) fits "
            "best.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "gini_leads",
        ("牵头基尼系数", "Gini of leads"),
        (
            "各部门牵头措施数的基尼系数：0 表示牵头任务平均分配，接近 1 表示集中在一个部门。"
            "文件点名但不牵头的部门按 0 计入。",
            "Gini coefficient of the agencies' lead counts: 0 when leads are spread evenly, "
            "towards 1 when one agency leads everything. Agencies named but leading nothing "
            "count as zeros.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "hhi_leads",
        ("牵头赫芬达尔指数", "Herfindahl of leads"),
        (
            "各部门牵头份额的平方和（赫芬达尔指数）：在 1/部门数（平均）和 1（一个部门牵头全部）之间，"
            "约等于“实际起作用的牵头部门数”的倒数。",
            "Sum of the squared shares of leads (Herfindahl index): between 1/number of agencies "
            "(even) and 1 (one agency leads all); its inverse is roughly the number of agencies "
            "that effectively lead.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "density",
        ("网络密度", "density"),
        (
            "部门合作网络中实际存在的合作关系占所有可能关系的比例。",
            "Share of all possible pairs of agencies that share at least one measure.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "centralization",
        ("度中心势", "degree centralisation"),
        (
            "弗里曼（Freeman 1979）的度中心势：合作关系集中在一个部门身上的程度，星形网络为 1，"
            "所有部门合作伙伴数相同时为 0。",
            "Freeman's (1979) degree centralisation: how far ties centre on one agency, 1 for "
            "a star, 0 when every agency has as many partners as every other.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "core_size",
        ("核心部门数", "core size"),
        (
            "离散核心—边缘模型中核心的部门数。",
            "Agencies in the core of the discrete core-periphery model.",
        ),
        None,
        in_profile=False,
    ),
    Metric(
        "core_fit",
        ("核心—边缘拟合度", "core-periphery fit"),
        (
            "实际合作关系与理想核心—边缘结构的相关系数：越接近 1，网络越像“一个核心加一圈边缘”。",
            "Correlation between the ties and the ideal core-periphery pattern: the closer to 1, "
            "the more the network is one core with a periphery around it.",
        ),
        None,
        in_profile=False,
    ),
)
"""Every agency metric, in the order tables, the profile and menus list them."""

_BY_KEY = {metric.key: metric for metric in METRICS}


def metric_keys() -> list[str]:
    """Keys of every metric of the registry, in order (the glossary's rows)."""
    return [metric.key for metric in METRICS]


def computed_metrics() -> list[Metric]:
    """The metrics :func:`agency_metrics` computes (those with a ``compute``), in order."""
    return [metric for metric in METRICS if metric.compute is not None]


def size_metrics() -> list[str]:
    """Keys of the metrics that can size the network's agencies.

    >>> size_metrics()
    ['measures', 'leads', 'degree', 'betweenness', 'closeness', 'pagerank', 'breadth']
    """
    return [metric.key for metric in METRICS if metric.sizes_nodes]


def profile_metrics() -> list[str]:
    """Keys of the metrics the agency profile shows, in order."""
    return [metric.key for metric in METRICS if metric.in_profile]


def metric(key: str) -> Metric:
    """The registry's entry for ``key``; KeyError naming the known keys otherwise."""
    if key not in _BY_KEY:
        raise KeyError(f"no metric {key!r}; known: {', '.join(_BY_KEY)}")
    return _BY_KEY[key]


METRIC_COLUMNS = ["label_zh", "label_en", "kind", *(m.key for m in computed_metrics())]
"""Columns of :func:`agency_metrics` (index: ``agency``)."""
