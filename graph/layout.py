"""Node positions, computed in Python, in vis-network pixel coordinates.

The browser never runs a physics simulation: it draws the positions computed
here (physics off), so the picture is the same on every load, in the app and in
a snapshot. Every layout is deterministic: orders are total (ties broken by
node id) and force layouts are seeded.

Stability: compute positions once on the full, unfiltered graph and pass them
when drawing a filtered graph; nodes then keep their places as filters change.
Coordinates are rounded to 0.1 px so that the numbers written into a snapshot
do not depend on the last bits of floating-point arithmetic.

vis-network's y axis points down: the first measure of the document is at the
top of the measure column.
"""

from __future__ import annotations

import bisect
import math

import networkx as nx

from graph.build import agency_nodes, measure_nodes, ordered_subgraph

SEED = 2015
MEASURE_SPACING = 30.0
AGENCY_SPACING = 76.0
MIN_COLUMN_GAP = 900.0
# Median distance between neighbouring nodes of a force layout, in pixels; large
# enough that dot labels (about 14 px high) rarely overlap.
FORCE_NODE_SPACING = 75.0
# Gravity of the energy layouts, chosen on the bundled document for the most
# even spacing (10th percentile of nearest-neighbour distances over the median).
BIPARTITE_GRAVITY = 3.0
PROJECTION_GRAVITY = 1.0

Positions = dict[str, tuple[float, float]]


def document_order(graph: nx.Graph) -> list[str]:
    """Measure nodes in the order they appear in their documents.

    Sorted by document, then by character offset in the source text
    (``source_start``), then by id, so the order never depends on the table's
    row order.

    >>> from graph.fixtures import tiny_graph
    >>> document_order(tiny_graph())
    ['measure:M01.01', 'measure:M01.02', 'measure:M02.01', 'measure:M02.02', 'measure:C01']
    """

    def key(node: str) -> tuple:
        data = graph.nodes[node]
        return (str(data.get("document", "")), int(data.get("source_start", 0)), node)

    return sorted(measure_nodes(graph), key=key)


def barycentric_order(graph: nx.Graph, measure_rank: dict[str, int]) -> list[str]:
    """Agencies ordered to reduce crossings with the fixed measure column.

    The barycenter heuristic (Sugiyama et al. 1981) places each agency at the
    mean rank of its measures (ties: more measures first, then id; agencies
    without measures last); then adjacent agencies are swapped while a swap
    removes crossings (adjacent exchange), until no swap helps.

    >>> from graph.fixtures import tiny_graph
    >>> g = tiny_graph()
    >>> rank = {m: i for i, m in enumerate(document_order(g))}
    >>> barycentric_order(g, rank)  # barycenters saic 1.5, mofcom = ndrc 5/3; saic swaps down
    ['agency:mofcom', 'agency:ndrc', 'agency:saic', 'agency:aqsiq', 'agency:depts_relevant']
    """
    ranks = {
        a: sorted(measure_rank[m] for m in graph[a] if m in measure_rank)
        for a in agency_nodes(graph)
    }

    def key(node: str) -> tuple:
        center = sum(ranks[node]) / len(ranks[node]) if ranks[node] else math.inf
        return (center, -len(ranks[node]), node)

    return adjacent_exchange(sorted(ranks, key=key), ranks)


def pair_crossings(upper: list[int], lower: list[int]) -> int:
    """Crossings between the edges of two agencies when ``upper`` is placed above ``lower``.

    Both are sorted measure ranks; an edge pair crosses when the upper agency's
    measure comes after the lower agency's one.

    >>> pair_crossings([0, 4], [1, 2])
    2
    """
    return sum(bisect.bisect_left(lower, r) for r in upper)


def adjacent_exchange(
    order: list[str], ranks: dict[str, list[int]], max_passes: int = 50
) -> list[str]:
    """Swap neighbours while it removes crossings (deterministic, at most ``max_passes`` sweeps)."""
    order = list(order)
    for _ in range(max_passes):
        swapped = False
        for i in range(len(order) - 1):
            a, b = order[i], order[i + 1]
            if pair_crossings(ranks[a], ranks[b]) > pair_crossings(ranks[b], ranks[a]):
                order[i], order[i + 1] = b, a
                swapped = True
        if not swapped:
            break
    return order


def _column(count: int, spacing: float, span: float) -> list[float]:
    """``count`` y values, centred on 0, evenly over ``span`` but never closer than ``spacing``."""
    if count == 0:
        return []
    if count == 1:
        return [0.0]
    step = max(spacing, span / (count - 1))
    top = -step * (count - 1) / 2
    return [top + i * step for i in range(count)]


def bipartite_positions(graph: nx.Graph) -> Positions:
    """Two columns: measures in document order on the left, agencies on the right.

    Parameters
    ----------
    graph : networkx.Graph
        A bipartite graph from :func:`graph.build.build_graph`.

    Returns
    -------
    dict
        ``node id -> (x, y)`` for every node. Measures are ``MEASURE_SPACING``
        apart at ``x = 0``; agencies, ordered by :func:`barycentric_order`,
        spread over the same height (at least ``AGENCY_SPACING`` apart) at
        ``x = gap``, where the gap grows with the height so that a tall graph
        keeps a readable aspect ratio instead of becoming a thin strip.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> pos = bipartite_positions(tiny_graph())
    >>> sorted({x for x, _ in pos.values()})
    [0.0, 900.0]
    >>> pos["measure:M01.01"][1] < pos["measure:M01.02"][1]
    True
    """
    measures = document_order(graph)
    rank = {m: i for i, m in enumerate(measures)}
    agencies = barycentric_order(graph, rank)
    measure_span = MEASURE_SPACING * max(len(measures) - 1, 0)
    agency_span = AGENCY_SPACING * max(len(agencies) - 1, 0)
    span = max(measure_span, agency_span)
    gap = max(MIN_COLUMN_GAP, 0.75 * span)
    positions: Positions = {}
    for node, y in zip(measures, _column(len(measures), MEASURE_SPACING, span), strict=True):
        positions[node] = (0.0, round(y, 1) + 0.0)
    for node, y in zip(agencies, _column(len(agencies), AGENCY_SPACING, span), strict=True):
        positions[node] = (round(gap, 1), round(y, 1) + 0.0)
    return positions


def _component_points(component: nx.Graph, seed: int, gravity: float):
    """Positions of one connected component, scaled to the target spacing, centred on 0.

    The scale makes the median distance from a node to its nearest neighbour
    ``FORCE_NODE_SPACING``: measured spacing, not node count, keeps labels apart.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(component)
    if len(nodes) == 1:
        return nodes, np.zeros((1, 2))
    raw = nx.spring_layout(component, seed=seed, weight=None, method="energy", gravity=gravity)
    points = np.array([raw[n] for n in nodes], dtype=float)
    points -= (points.max(axis=0) + points.min(axis=0)) / 2
    distances, _ = cKDTree(points).query(points, k=2)
    nearest = float(np.median(distances[:, 1]))
    return nodes, points * (FORCE_NODE_SPACING / nearest if nearest > 0 else 1.0)


def _packed_spring(graph: nx.Graph, seed: int, gravity: float) -> Positions:
    """Spring layout per connected component, packed: the largest in the middle, others below.

    Laid out together, small components (an agency with measures nobody else
    shares) drift to the edges and the fit-to-screen view shrinks the main
    component; packed on shelves under it, every part gets the same spacing.
    Components are ordered by size, then by their first node in graph order.
    """
    order = {node: i for i, node in enumerate(graph)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    laid = [_component_points(ordered_subgraph(graph, c), seed, gravity) for c in components]
    main_nodes, main_points = laid[0]
    positions = dict(zip(main_nodes, map(tuple, main_points), strict=True))
    gap = FORCE_NODE_SPACING
    left = float(main_points[:, 0].min())
    width = max(float(main_points[:, 0].max()) - left, 6 * gap)
    x, shelf_top = left, float(main_points[:, 1].max()) + 1.5 * gap
    shelf_height = 0.0
    for nodes, points in laid[1:]:
        low, high = points.min(axis=0), points.max(axis=0)
        size = high - low
        if x > left and x + size[0] > left + width:
            x, shelf_top, shelf_height = left, shelf_top + shelf_height + gap, 0.0
        offset = (x - low[0], shelf_top - low[1])
        for node, (px, py) in zip(nodes, points, strict=True):
            positions[node] = (px + offset[0], py + offset[1])
        # Labels are wider than nodes: a wider gap keeps neighbours' labels apart.
        x += size[0] + 2 * gap
        shelf_height = max(shelf_height, float(size[1]))
    return {
        node: (round(float(px), 1) + 0.0, round(float(py), 1) + 0.0)
        for node, (px, py) in ((n, positions[n]) for n in graph)
    }


def force_positions(graph: nx.Graph, seed: int = SEED) -> Positions:
    """Force-directed positions for every node of the bipartite graph, fixed seed.

    Fruchterman-Reingold energy with a pull towards the centre (NetworkX's
    ``spring_layout``, energy method) for each connected component, scaled so
    that the median distance from a node to its nearest neighbour is
    ``FORCE_NODE_SPACING`` pixels; smaller components are packed in rows under
    the largest. The graph's node order and the seed fix the result.

    Parameters
    ----------
    graph : networkx.Graph
        Any graph; the bipartite graph from :func:`graph.build.build_graph`.
    seed : int
        Seed of the initial random positions.

    Returns
    -------
    dict
        ``node id -> (x, y)`` in pixels, centred on the origin.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> force_positions(tiny_graph()) == force_positions(tiny_graph())
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    return _packed_spring(graph, seed, BIPARTITE_GRAVITY)


def projection_positions(projection: nx.Graph, seed: int = SEED) -> Positions:
    """Force-directed positions of a co-responsibility projection, fixed seed.

    Links are not weighted: with weights, agencies sharing many measures
    collapse onto each other and their labels overlap, and the positions would
    change with the weighting the user picks. Line widths and clusters show
    the weights; positions stay put.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility`.
    seed : int
        Seed of the initial random positions.

    Returns
    -------
    dict
        ``node id -> (x, y)`` in pixels, centred on the origin.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.projection import co_responsibility
    >>> pos = projection_positions(co_responsibility(tiny_graph()))
    >>> sorted(pos)
    ['agency:aqsiq', 'agency:depts_relevant', 'agency:mofcom', 'agency:ndrc', 'agency:saic']
    """
    if projection.number_of_nodes() == 0:
        return {}
    return _packed_spring(projection, seed, PROJECTION_GRAVITY)
