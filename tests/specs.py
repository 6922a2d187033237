"""Visual specs of a table for tests: the analysis and positions the encoder takes, computed.

The encoder is pure (:mod:`graph.encode`): tests give it what the app and the
snapshot give it, an analysis of the table and positions of its graph.
"""

from __future__ import annotations

from graph.encode import VisualSpec, encode_bipartite, encode_projection
from graph.fixtures import tiny_table
from graph.layout import bipartite_positions, projection_positions
from graph.pipeline import analyse


def bipartite(table=None, positions=None, **options) -> VisualSpec:
    """``encode_bipartite`` of a table's analysis (the tiny table by default), in two columns."""
    analysis = analyse(tiny_table() if table is None else table)
    graph = analysis.graph
    positions = bipartite_positions(graph) if positions is None else positions
    return encode_bipartite(graph, positions, analysis.metrics, analysis.clustering, **options)


def projection(table=None, **options) -> VisualSpec:
    """``encode_projection`` of a table's analysis (the tiny table by default)."""
    analysis = analyse(tiny_table() if table is None else table)
    positions = projection_positions(analysis.projection)
    return encode_projection(
        analysis.projection, positions, analysis.metrics, analysis.clustering, **options
    )
