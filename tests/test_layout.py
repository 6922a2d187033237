"""Layouts: deterministic, two columns in document order, fewer crossings, stable under filters."""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree

import graph.layout
from benchmarks.corpus import generate_corpus
from graph.build import agency_nodes, build_graph, measure_nodes
from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_graph, tiny_table
from graph.layout import (
    AGENCY_SPACING,
    BIPARTITE_GRAVITY,
    FORCE_ENERGY_LIMIT,
    FORCE_NODE_SPACING,
    MEASURE_SPACING,
    SEED,
    _packed_spring,
    anchored_positions,
    bipartite_positions,
    force_positions,
    projection_positions,
)
from graph.parse import parse_text
from graph.projection import co_responsibility


@pytest.fixture(scope="module")
def bundled_graph(bundled_table):
    return build_graph(bundled_table)


def crossings(graph: nx.Graph, positions: dict) -> int:
    """Edge crossings between two columns: pairs of edges whose ends are in opposite order."""
    edges = []
    for u, v in graph.edges():
        m, a = (u, v) if graph.nodes[u]["bipartite"] == 0 else (v, u)
        edges.append((positions[m][1], positions[a][1]))
    return sum(
        1 for (m1, a1), (m2, a2) in itertools.combinations(edges, 2) if (m1 - m2) * (a1 - a2) < 0
    )


def test_tiny_two_columns_by_hand():
    pos = bipartite_positions(tiny_graph())
    measures = ["M01.01", "M01.02", "M02.01", "M02.02", "C01"]
    xs = {pos[f"measure:{m}"][0] for m in measures}
    assert xs == {0.0}
    # Measures are read in the text's order, 30 px apart.
    ys = [pos[f"measure:{m}"][1] for m in measures]
    assert ys == sorted(ys)
    # Barycenters (ranks 0..4 above): saic 1.5, mofcom = ndrc 5/3, aqsiq 2, depts 3;
    # adjacent exchange then moves saic below mofcom and ndrc (3 crossings above
    # each of them, 2 below).
    agencies = ["mofcom", "ndrc", "saic", "aqsiq", "depts_relevant"]
    agency_ys = [pos[f"agency:{a}"][1] for a in agencies]
    assert agency_ys == sorted(agency_ys)
    assert len({pos[f"agency:{a}"][0] for a in agencies}) == 1
    assert pos["agency:saic"][0] > 0
    # Five agencies at 76 px set the column height (4 * 76 = 304); measures spread over it.
    assert agency_ys[-1] - agency_ys[0] == pytest.approx(4 * AGENCY_SPACING)
    assert ys[-1] - ys[0] == pytest.approx(4 * AGENCY_SPACING)


def test_bundled_measures_follow_the_text(bundled_table, bundled_graph):
    pos = bipartite_positions(bundled_graph)
    in_text_order = bundled_table.drop_duplicates("measure_id").sort_values("source_start")[
        "measure_id"
    ]
    ys = [pos[f"measure:{m}"][1] for m in in_text_order]
    assert all(b - a >= MEASURE_SPACING - 0.1 for a, b in itertools.pairwise(ys))
    agency_ys = sorted(y for n, (x, y) in pos.items() if n.startswith("agency:"))
    assert all(b - a >= AGENCY_SPACING - 0.1 for a, b in itertools.pairwise(agency_ys))
    assert {x for n, (x, _) in pos.items() if n.startswith("measure:")} == {0.0}
    assert len({x for n, (x, _) in pos.items() if n.startswith("agency:")}) == 1


def _reordered(positions: dict, order: list[str]) -> dict:
    """``positions`` with the agencies' y slots filled in ``order``."""
    slots = sorted(positions[a][1] for a in order)
    return {**positions, **{a: (positions[a][0], y) for a, y in zip(order, slots, strict=True)}}


def test_tiny_agency_order_has_fewest_crossings():
    graph = tiny_graph()
    pos = bipartite_positions(graph)
    agencies = [n for n in pos if n.startswith("agency:")]
    fewest = min(
        crossings(graph, _reordered(pos, list(order))) for order in itertools.permutations(agencies)
    )
    assert crossings(graph, pos) == fewest == 11


def test_bundled_agency_order_beats_random_orders(bundled_graph):
    pos = bipartite_positions(bundled_graph)
    agencies = [n for n in pos if n.startswith("agency:")]
    rng = random.Random(2015)
    random_orders = []
    for _ in range(20):
        order = agencies[:]
        rng.shuffle(order)
        random_orders.append(crossings(bundled_graph, _reordered(pos, order)))
    assert crossings(bundled_graph, pos) < min(random_orders)


def test_layouts_are_deterministic(bundled_table):
    first, second = build_graph(bundled_table), build_graph(bundled_table.copy())
    assert bipartite_positions(first) == bipartite_positions(second)
    assert force_positions(first) == force_positions(second)
    p1, p2 = co_responsibility(first), co_responsibility(second)
    assert projection_positions(p1) == projection_positions(p2)


def test_force_seed_matters(bundled_graph):
    assert force_positions(bundled_graph, seed=1) != force_positions(bundled_graph, seed=2)


def test_force_spacing_and_components_in_view(bundled_graph):
    pos = force_positions(bundled_graph)
    assert set(pos) == set(bundled_graph)
    points = np.array(list(pos.values()))
    distances = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    np.fill_diagonal(distances, np.inf)
    assert float(np.median(distances.min(axis=1))) == pytest.approx(FORCE_NODE_SPACING, rel=0.01)
    # Small components (an agency with measures of its own) are not flung far
    # away: the main component spans most of the picture.
    main = max(nx.connected_components(bundled_graph), key=len)
    main_points = np.array([pos[n] for n in main])
    span = np.ptp(points, axis=0)
    assert (np.ptp(main_points, axis=0) >= 0.5 * span).all()


def test_positions_are_rounded_and_finite(bundled_graph):
    for layout in (bipartite_positions, force_positions):
        for x, y in layout(bundled_graph).values():
            assert math.isfinite(x) and math.isfinite(y)
            assert round(x, 1) == x and round(y, 1) == y


def test_full_positions_cover_every_filtered_graph(bundled_table, bundled_graph):
    """Stability: positions of the full graph serve every filtered view unchanged."""
    full = bipartite_positions(bundled_graph)
    for filters in (
        Filters(sections=(3,)),
        Filters(include_generic=False),
        Filters(roles=("lead",)),
    ):
        filtered = build_graph(apply_filters(bundled_table, filters))
        assert set(filtered) <= set(full)


def test_projection_positions_cover_the_projection():
    projection = co_responsibility(tiny_graph())
    pos = projection_positions(projection)
    assert sorted(pos) == sorted(projection)


def test_empty_graphs():
    empty = nx.Graph()
    assert bipartite_positions(empty) == {}
    assert force_positions(empty) == {}
    assert projection_positions(empty) == {}


def test_single_measure_graph():
    table = tiny_table()
    one = build_graph(table[table["measure_id"] == "M02.02"])
    assert bipartite_positions(one) == {
        "measure:M02.02": (0.0, 0.0),
        "agency:depts_relevant": (900.0, 0.0),
    }
    assert len(force_positions(one)) == 2


# The anchored regime (above FORCE_ENERGY_LIMIT nodes): a synthetic corpus of 15 times
# the document (1,152 nodes, three components) lays out in a tenth of a second.


@pytest.fixture(scope="module")
def large_graph():
    graph = build_graph(parse_text(generate_corpus(15).text).to_frame())
    assert graph.number_of_nodes() > FORCE_ENERGY_LIMIT
    assert nx.number_connected_components(graph) > 1
    return graph


@pytest.fixture(scope="module")
def large_positions(large_graph):
    return force_positions(large_graph)


def _digest(positions: dict) -> str:
    return hashlib.sha256(repr(sorted(positions.items())).encode()).hexdigest()


def test_regimes_switch_at_the_limit(bundled_graph, large_graph, large_positions, monkeypatch):
    # Below the limit: the energy layout, unchanged (the document's picture).
    assert bundled_graph.number_of_nodes() <= FORCE_ENERGY_LIMIT
    energy = _packed_spring(bundled_graph, SEED, BIPARTITE_GRAVITY)
    assert force_positions(bundled_graph) == energy
    assert large_positions == anchored_positions(large_graph)
    monkeypatch.setattr(graph.layout, "FORCE_ENERGY_LIMIT", 50)
    assert force_positions(bundled_graph) == anchored_positions(bundled_graph) != energy
    # A graph without measure and agency sides keeps the energy layout at any size.
    path = nx.path_graph([f"n{i}" for i in range(60)])
    assert force_positions(path) == _packed_spring(path, SEED, BIPARTITE_GRAVITY)


def test_large_every_node_placed_finite_rounded(large_graph, large_positions):
    assert list(large_positions) == list(large_graph)
    for x, y in large_positions.values():
        assert math.isfinite(x) and math.isfinite(y)
        assert round(x, 1) == x and round(y, 1) == y


def test_large_is_deterministic(large_graph, large_positions):
    rebuilt = build_graph(parse_text(generate_corpus(15).text).to_frame())
    assert force_positions(rebuilt) == large_positions
    assert force_positions(large_graph, seed=1) != large_positions


def test_large_same_positions_under_another_hash_seed(large_positions):
    script = (
        "import hashlib\n"
        "from benchmarks.corpus import generate_corpus\n"
        "from graph.build import build_graph\n"
        "from graph.layout import force_positions\n"
        "from graph.parse import parse_text\n"
        "pos = force_positions(build_graph(parse_text(generate_corpus(15).text).to_frame()))\n"
        "print(hashlib.sha256(repr(sorted(pos.items())).encode()).hexdigest())\n"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") == "12345" else "12345"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert result.stdout.strip() == _digest(large_positions)


def test_large_nodes_keep_their_distance(large_graph, large_positions):
    points = np.array(list(large_positions.values()))
    distances, _ = cKDTree(points).query(points, k=2)
    # Nodes sit on a lattice of pitch FORCE_NODE_SPACING, components apart.
    assert distances[:, 1].min() >= FORCE_NODE_SPACING - 0.1
    assert float(np.median(distances[:, 1])) == pytest.approx(FORCE_NODE_SPACING, abs=0.1)
    # Each agency keeps a free ring of lattice cells around it for its label.
    measures = np.array([large_positions[m] for m in measure_nodes(large_graph)])
    agencies = np.array([large_positions[a] for a in agency_nodes(large_graph)])
    nearest_measure, _ = cKDTree(measures).query(agencies)
    assert nearest_measure.min() >= 2 * FORCE_NODE_SPACING - 0.1
    # ... and those rings never overlap: agencies are at least three cells apart.
    between_agencies, _ = cKDTree(agencies).query(agencies, k=2)
    assert between_agencies[:, 1].min() >= 3 * FORCE_NODE_SPACING - 0.1


def test_large_measures_sit_near_their_agencies(large_graph, large_positions):
    agencies = agency_nodes(large_graph)
    at = np.array([large_positions[a] for a in agencies])
    column = {a: i for i, a in enumerate(agencies)}
    own_distance, other_distance, beats_every_other, single, single_nearest = [], [], 0, 0, 0
    for m in measure_nodes(large_graph):
        point = np.array(large_positions[m])
        own = [column[a] for a in large_graph[m]]
        to_agencies = np.hypot(*(at - point).T)
        others = np.delete(to_agencies, own)
        own_distance.append(float(np.hypot(*(point - at[own].mean(axis=0)))))
        other_distance.append(float(others.mean()))
        beats_every_other += own_distance[-1] < others.min()
        if len(own) == 1:
            single += 1
            single_nearest += int(np.argmin(to_agencies)) == own[0]
    # Measured on this corpus: 3.9 against 25.5 lattice cells on average, 68% of
    # measures nearer their centroid than to any other agency, 85% of
    # single-agency measures nearest their own agency.
    assert np.mean(own_distance) < 0.3 * np.mean(other_distance)
    assert beats_every_other > 0.5 * len(own_distance)
    assert single_nearest > 0.7 * single


def test_anchored_on_small_graphs():
    tiny = tiny_graph()
    pos = anchored_positions(tiny)
    assert list(pos) == list(tiny)
    points = np.array(list(pos.values()))
    distances, _ = cKDTree(points).query(points, k=2)
    assert distances[:, 1].min() >= FORCE_NODE_SPACING - 0.1
    assert anchored_positions(nx.Graph()) == {}
    # One agency and its measures: the agency in the middle of them.
    star = nx.Graph()
    star.add_node("agency:a", bipartite=1)
    for i in range(30):
        star.add_node(f"measure:M{i:02d}", bipartite=0, source_start=i)
        star.add_edge(f"measure:M{i:02d}", "agency:a")
    star_pos = anchored_positions(star)
    measures = np.array([star_pos[m] for m in measure_nodes(star)])
    centre = np.array(star_pos["agency:a"])
    assert np.hypot(*(measures.mean(axis=0) - centre)) < FORCE_NODE_SPACING
