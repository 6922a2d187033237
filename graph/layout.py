"""Node positions, computed in Python, in vis-network pixel coordinates.

The browser never runs a physics simulation: it draws the positions computed
here (physics off), so the picture is the same on every load, in the app and in
a snapshot. Every layout is deterministic: orders are total (ties broken by
node id) and force layouts are seeded.

Stability: compute positions once on the full, unfiltered graph and pass them
when drawing a filtered graph; nodes then keep their places as filters change.
Coordinates are rounded to 0.1 px so that the numbers written into a snapshot
do not depend on the last bits of floating-point arithmetic.

The force layout of the bipartite graph has two regimes: up to
``FORCE_ENERGY_LIMIT`` nodes an energy layout of every node (quadratic), above
it a force layout of the agencies alone with each measure placed near its
agencies on a lattice (linear in the measures); see :func:`force_positions`.

vis-network's y axis points down: the first measure of the document is at the
top of the measure column.
"""

from __future__ import annotations

import bisect
import functools
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
# Above this many nodes force_positions stops running the energy layout on the
# whole bipartite graph, whose time and memory grow with the square of a
# component's size (2-core machine: 0.24 s at 258 nodes, 0.65 s at 434, 1.0 s
# at 527, 2.0 s at 734, 4.7 s at 1,023, 100 s at 7,345), and anchors the
# measures on a force layout of the agencies instead (0.03 s at 734 nodes).
FORCE_ENERGY_LIMIT = 500
# Anchored layout: the clearing kept free around each agency, in lattice cells
# on each side (1: the agency's cell and its 8 neighbours).
AGENCY_CLEARING = 1
# Lattice cells of room per measure where measures crowd: a little slack, so that
# few measures have to search far for a free cell (1.0: 1.4 s at 73,000 nodes,
# 1.1: 1.1 s, the picture 4% wider).
_CROWDED_AREA = 1.1
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

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


def _components(graph: nx.Graph) -> list[list[str]]:
    """Connected components, each in graph order: largest first, ties by first node."""
    order = {node: i for i, node in enumerate(graph)}
    return sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )


def _packed_spring(graph: nx.Graph, seed: int, gravity: float) -> Positions:
    """Spring layout per connected component, packed: the largest in the middle, others below.

    Laid out together, small components (an agency with measures nobody else
    shares) drift to the edges and the fit-to-screen view shrinks the main
    component; packed on shelves under it, every part gets the same spacing.
    Components are ordered by size, then by their first node in graph order.
    """
    laid = [
        _component_points(ordered_subgraph(graph, c), seed, gravity) for c in _components(graph)
    ]
    return _pack(graph, laid)


def _pack(graph: nx.Graph, laid: list) -> Positions:
    """Place laid-out components on shelves under the first one; rounded to 0.1 px.

    ``laid`` holds ``(nodes, points)`` per component, centred on 0, largest
    first; the result has every node of ``graph``, in graph order.
    """
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


def _is_bipartite(graph: nx.Graph) -> bool:
    """Every node on side 0 or 1 (``bipartite``) and every edge joins the two sides."""
    side = dict(graph.nodes(data="bipartite"))
    return set(side.values()) <= {0, 1} and all(side[u] != side[v] for u, v in graph.edges())


def _spread(points, radii):
    """Agency centres moved apart until their disks (of ``radii``) barely overlap.

    The layout is first scaled so that the disks' total area matches its
    spread (the root mean square distance from the centre is that of a disk
    holding them all), then overlapping pairs are pushed apart along the line
    between them, the smaller disk giving way more, for at most 200 rounds.
    Pairs are taken in sorted order, so the arithmetic and the result are the
    same on every run.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    points = np.array(points, dtype=float)
    spread = math.sqrt(float((points**2).sum(axis=1).mean()))
    if spread > 0:
        points *= max(1.0, math.sqrt(float((radii**2).sum()) / 2) / spread)
    for _ in range(200):
        pairs = cKDTree(points).query_pairs(2 * float(radii.max()), output_type="ndarray")
        if len(pairs) == 0:
            break
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        i, j = pairs[:, 0], pairs[:, 1]
        diff = points[i] - points[j]
        dist = np.hypot(diff[:, 0], diff[:, 1])
        overlap = radii[i] + radii[j] - dist
        pushed = overlap > 0.01 * float(radii.min())
        if not pushed.any():
            break
        i, j, diff, dist, overlap = (
            i[pushed],
            j[pushed],
            diff[pushed],
            dist[pushed],
            overlap[pushed],
        )
        # Coincident centres part along a direction fixed by their indices.
        angle = _GOLDEN_ANGLE * (i + j)
        diff[dist == 0] = np.column_stack((np.cos(angle), np.sin(angle)))[dist == 0]
        unit = diff / np.hypot(diff[:, 0], diff[:, 1])[:, None]
        give_i = radii[j] / (radii[i] + radii[j])
        move = np.zeros_like(points)
        np.add.at(move, i, 0.5 * (overlap * give_i)[:, None] * unit)
        np.add.at(move, j, -0.5 * (overlap * (1 - give_i))[:, None] * unit)
        points += move
    return points


@functools.lru_cache(maxsize=4)
def _lattice_offsets(reach: int) -> tuple[tuple[int, int], ...]:
    """Lattice steps within ``reach`` cells, nearest first (ties: by angle from +x)."""
    return tuple(
        sorted(
            ((dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)),
            key=lambda d: (d[0] * d[0] + d[1] * d[1], math.atan2(d[1], d[0]) % math.tau),
        )
    )


def _take_free_cell(cell: tuple[int, int], taken: set, offsets: tuple) -> tuple[int, int]:
    """The free lattice cell nearest ``cell`` (marked taken); searches ever wider rings."""
    x, y = cell
    for dx, dy in offsets:
        if (x + dx, y + dy) not in taken:
            taken.add((x + dx, y + dy))
            return x + dx, y + dy
    return _take_free_cell(cell, taken, _lattice_offsets(2 * math.isqrt(len(offsets))))


def _ease_crowding(points, weights, sectors: int = 32):
    """Points pushed out from their centre of mass where they are crowded.

    Within each of ``sectors`` equal angular sectors around the weighted mean,
    points are taken by distance from it; a point whose sector holds, before
    it, more weight than the area inside its radius allows (``_CROWDED_AREA``
    per unit of weight) is moved outwards along its ray to the radius where
    the area matches that weight. Directions and the order of distances are
    kept, and uncrowded points do not move: the overflow of the crowded middle
    of a dense corpus moves outwards instead of piling up. ``O(n log n)``.
    """
    import numpy as np

    centre = (points * weights[:, None]).sum(axis=0) / weights.sum()
    offset = points - centre
    radius = np.hypot(offset[:, 0], offset[:, 1])
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    sector = np.minimum(((angle + math.pi) / math.tau * sectors).astype(int), sectors - 1)
    order = np.lexsort((np.arange(len(points)), radius, sector))
    held = np.cumsum(weights[order])
    before = np.concatenate(([0.0], held))[np.searchsorted(sector[order], np.arange(sectors))]
    held -= before[sector[order]] + weights[order]
    needed = np.empty_like(radius)
    needed[order] = np.sqrt(2 * _CROWDED_AREA * held / (math.tau / sectors))
    eased = np.maximum(radius, needed)
    # A point at the very centre leaves along a direction fixed by its index.
    still = radius == 0
    fixed = _GOLDEN_ANGLE * np.arange(len(points))[still]
    offset[still] = np.column_stack((np.cos(fixed), np.sin(fixed)))
    radius[still] = 1.0
    return centre + offset * (eased / radius)[:, None]


def _anchored_points(graph: nx.Graph, nodes: list[str], measure_rank: dict, seed: int):
    """Anchored layout of one connected component: ``(nodes, points)``, centred on 0.

    Agencies: spring layout of the component's co-responsibility projection
    (unweighted, as :func:`projection_positions`), spread so that each agency
    has a disk holding its share of the measures (a measure with k agencies
    counts 1/k for each) plus its clearing. Measures: a golden-angle spiral
    (radius ``sqrt(index / pi)`` lattice cells: one cell of area per measure)
    around the centroid of their agencies, indexed by rank among the measures
    with the same agencies in document order; a measure of a single agency
    circles it outside its clearing. Crowding is eased outwards
    (:func:`_ease_crowding`), then every node is put on the nearest free cell
    of a square lattice of pitch ``FORCE_NODE_SPACING``, agencies first (their
    clearings apart), then measures by rank: no two nodes are closer than the
    pitch.
    """
    import numpy as np

    agencies = [n for n in nodes if graph.nodes[n]["bipartite"] == 1]
    measures = sorted((n for n in nodes if graph.nodes[n]["bipartite"] == 0), key=measure_rank.get)
    if not agencies or not measures:
        return nodes, np.zeros((len(nodes), 2))
    rank = {a: i for i, a in enumerate(agencies)}
    sets = [tuple(sorted(graph[m], key=rank.__getitem__)) for m in measures]
    projection = nx.Graph()
    projection.add_nodes_from(agencies)
    pairs = {(u, v) for s in set(sets) for k, u in enumerate(s) for v in s[k + 1 :]}
    projection.add_edges_from(sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]])))
    _, raw = _component_points(projection, seed, PROJECTION_GRAVITY)

    # From here on, lengths are in lattice cells.
    clearing = (2 * AGENCY_CLEARING + 1) ** 2
    load = np.zeros(len(agencies))
    for s in sets:
        load[[rank[a] for a in s]] += 1 / len(s)
    centres = _spread(raw / FORCE_NODE_SPACING, np.sqrt((load + clearing) / math.pi))
    group_rank: dict[tuple, int] = {}
    centroids: dict[tuple, np.ndarray] = {}
    ranks, indices, around = [], [], []
    for s in sets:
        r = group_rank[s] = group_rank.get(s, -1) + 1
        if s not in centroids:
            centroids[s] = centres[[rank[a] for a in s]].mean(axis=0)
        ranks.append(r)
        indices.append(r + clearing if len(s) == 1 else r)
        around.append(centroids[s])
    index = np.array(indices, dtype=float)
    spiral = np.sqrt(index / math.pi)[:, None] * np.column_stack(
        (np.cos(index * _GOLDEN_ANGLE), np.sin(index * _GOLDEN_ANGLE))
    )
    # Agencies move with the measures around them but claim no area here: their
    # clearings are reserved on the lattice.
    weights = np.concatenate((np.zeros(len(agencies)), np.ones(len(measures))))
    eased = _ease_crowding(np.vstack((centres, np.array(around) + spiral)), weights)
    targets = np.rint(eased).astype(int).tolist()

    offsets = _lattice_offsets(16)
    taken: set = set()
    cells = {}
    # Agencies first, clearings apart (easing can bring two of them together),
    # each clearing reserved for the measures.
    apart: set = set()
    span = range(-AGENCY_CLEARING, AGENCY_CLEARING + 1)
    wide = range(-2 * AGENCY_CLEARING, 2 * AGENCY_CLEARING + 1)
    for a, (x, y) in zip(agencies, targets[: len(agencies)], strict=True):
        cx, cy = cells[a] = _take_free_cell((x, y), apart, offsets)
        apart.update((cx + dx, cy + dy) for dx in wide for dy in wide)
        taken.update((cx + dx, cy + dy) for dx in span for dy in span)
    placing = sorted(
        zip(ranks, range(len(measures)), measures, targets[len(agencies) :], strict=True)
    )
    for _, _, m, (x, y) in placing:
        cells[m] = _take_free_cell((x, y), taken, offsets)
    points = np.array([cells[n] for n in nodes], dtype=float) * FORCE_NODE_SPACING
    points -= (points.max(axis=0) + points.min(axis=0)) / 2
    return nodes, points


def anchored_positions(graph: nx.Graph, seed: int = SEED) -> Positions:
    """Measures placed around the agencies they belong to; agencies laid out by force.

    The layout :func:`force_positions` uses above ``FORCE_ENERGY_LIMIT`` nodes:
    its cost grows with the number of measures (one pass) and with the square
    of the number of agencies in a component (their spring layout), so a
    corpus of 73,000 nodes and 40 agencies takes 1.3 s on 2 cores. Within each
    connected component the agencies are laid out with the spring layout of
    :func:`projection_positions` and moved apart until each has room for its
    measures; each measure then sits near the centroid of its agencies, on a
    golden-angle spiral shared with the measures that have the same agencies,
    in document order; measures of a single agency circle that agency. All
    nodes are snapped to a square lattice of pitch ``FORCE_NODE_SPACING``,
    with a free cell around each agency so that its label stays readable.
    Components are packed as in :func:`force_positions`.

    Parameters
    ----------
    graph : networkx.Graph
        A bipartite graph from :func:`graph.build.build_graph`: every node
        carries ``bipartite`` 0 (measure) or 1 (agency).
    seed : int
        Seed of the agencies' spring layout.

    Returns
    -------
    dict
        ``node id -> (x, y)`` in pixels for every node, rounded to 0.1 px; no
        two nodes closer than ``FORCE_NODE_SPACING`` within a component.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> pos = anchored_positions(tiny_graph())
    >>> sorted(pos) == sorted(tiny_graph())
    True
    >>> pos == anchored_positions(tiny_graph())
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    measure_rank = {m: i for i, m in enumerate(document_order(graph))}
    laid = [_anchored_points(graph, c, measure_rank, seed) for c in _components(graph)]
    return _pack(graph, laid)


def force_positions(graph: nx.Graph, seed: int = SEED) -> Positions:
    """Force-directed positions for every node of the bipartite graph, fixed seed.

    Two regimes, by size. Up to ``FORCE_ENERGY_LIMIT`` nodes: Fruchterman-Reingold
    energy with a pull towards the centre (NetworkX's ``spring_layout``, energy
    method) for each connected component, scaled so that the median distance
    from a node to its nearest neighbour is ``FORCE_NODE_SPACING`` pixels. Its
    time and memory grow with the square of a component's size (about a second
    at 500 nodes, over a minute at 7,000), so larger bipartite graphs get
    :func:`anchored_positions`: only the agencies are laid out by force, and
    each measure is placed near the centroid of its agencies, in time that
    grows with the number of measures. Either way smaller components are
    packed in rows under the largest, and the graph's node order and the seed
    fix the result.

    Parameters
    ----------
    graph : networkx.Graph
        Any graph; the bipartite graph from :func:`graph.build.build_graph`.
        Graphs that are not bipartite in its sense (every node with
        ``bipartite`` 0 or 1, every edge between the two sides) get the energy
        layout whatever their size.
    seed : int
        Seed of the initial random positions.

    Returns
    -------
    dict
        ``node id -> (x, y)`` in pixels for every node, rounded to 0.1 px; the
        largest component centred on the origin.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> force_positions(tiny_graph()) == force_positions(tiny_graph())
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() > FORCE_ENERGY_LIMIT and _is_bipartite(graph):
        return anchored_positions(graph, seed)
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
