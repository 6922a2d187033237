"""One view of the network, one path: what the app draws and what a snapshot holds.

A view is chosen by :class:`ViewOptions` (bipartite, agency projection or
one agency's ego network; two columns or force; colour, size, minimum weight,
highlight, language). :func:`view_spec` turns an analysis of the filtered
table (:func:`graph.pipeline.analyse`) and the positions of the full graph
(:func:`full_positions`) into the :class:`~graph.encode.VisualSpec` to draw.
The app calls it with its cached analyses and layouts, the snapshot
(:mod:`graph.snapshot`) and the CLI with freshly computed ones: the same
function, so the two pictures cannot drift apart.

Positions are computed on the full, unfiltered graph, so a filtered view shows
nodes where the unfiltered one has them. The metrics and clusters that size
and colour the nodes are those of the filtered network: what is drawn is what
was measured. The ego view is its own picture and is laid out on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph.build import agency_node
from graph.encode import COLOR_BY, VisualSpec, encode_bipartite, encode_projection
from graph.pipeline import Analysis

VIEWS = ("bipartite", "projection", "ego")
LAYOUTS = ("bipartite", "force")

Positions = Mapping[str, tuple[float, float]]


@dataclass(frozen=True)
class ViewOptions:
    """What one picture of the network shows; every field has the app's default.

    ``view`` is ``bipartite`` (measures and agencies), ``projection`` (agency
    co-responsibility, always force-directed, coloured by ``kind`` or
    ``cluster``) or ``ego`` (the measures of ``agency`` and everyone named on
    them). ``layout`` applies to the bipartite and ego views. ``highlight``
    holds node ids (``measure:M05.01``, ``agency:mofcom``) to emphasise; the
    others are greyed out and the first view zooms to the highlighted nodes
    that are drawn (ids not drawn are ignored; empty means no highlight).
    """

    view: str = "bipartite"
    layout: str = "bipartite"
    color_by: str = "kind"
    size_by: str = "measures"
    min_weight: float = 0.0
    agency: str | None = None
    highlight: tuple[str, ...] = ()
    lang: str = "zh"

    def check(self) -> None:
        """Raise ValueError naming the first option that cannot be used."""
        if self.view not in VIEWS:
            raise ValueError(f"view must be one of {VIEWS}, not {self.view!r}")
        if self.layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, not {self.layout!r}")
        if self.lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {self.lang!r}")
        if self.color_by not in COLOR_BY:
            raise ValueError(f"color_by must be one of {COLOR_BY}, not {self.color_by!r}")
        if self.view == "ego" and not self.agency:
            raise ValueError("the ego view needs an agency id (option agency)")
        if self.view == "projection" and self.color_by == "section":
            raise ValueError(
                "the projection has agencies only: colour it by 'kind' or 'cluster', not 'section'"
            )
        if isinstance(self.highlight, str):
            raise ValueError(
                f"highlight must be a tuple of node ids, not the string {self.highlight!r}"
            )

    @property
    def positions_key(self) -> tuple[str, str]:
        """Which layout of the full graph the view draws on: ``(view, layout)``.

        The projection is always force-directed; the ego view is laid out on
        its own (:func:`full_positions` gives it none).
        """
        if self.view == "projection":
            return ("projection", "force")
        return (self.view, self.layout)


def ego_graph(graph: nx.Graph, node: str) -> nx.Graph:
    """The agency ``node``, its measures and every agency named on them (a copy).

    Nodes and edges keep the order of ``graph`` (see
    :func:`graph.build.ordered_subgraph`): the seeded force layout depends on it.

    >>> from graph.fixtures import tiny_graph
    >>> list(ego_graph(tiny_graph(), "agency:aqsiq"))
    ['agency:saic', 'measure:M02.01', 'agency:aqsiq']
    """
    from graph.build import ordered_subgraph

    measures = set(graph[node])
    return ordered_subgraph(graph, [node, *measures, *(a for m in measures for a in graph[m])])


def full_positions(full_graph: nx.Graph, options: ViewOptions, weighting: str = "count") -> dict:
    """Positions of every node of the full, unfiltered graph for the view's layout.

    Parameters
    ----------
    full_graph : networkx.Graph
        The bipartite graph of the whole table (before filters).
    options : ViewOptions
    weighting : {"count", "newman", "jaccard"}
        Weighting of the projection (the projection view is laid out on it).

    Returns
    -------
    dict
        ``node id -> (x, y)``; empty for the ego view, which is laid out on its
        own in :func:`view_spec`.
    """
    from graph.layout import bipartite_positions, force_positions, projection_positions
    from graph.projection import co_responsibility

    view, layout = options.positions_key
    if view == "ego":
        return {}
    if view == "projection":
        return projection_positions(co_responsibility(full_graph, weighting))
    return force_positions(full_graph) if layout == "force" else bipartite_positions(full_graph)


def view_spec(analysis: Analysis, positions: Positions, options: ViewOptions) -> VisualSpec:
    """The picture of one view of a filtered analysis.

    Parameters
    ----------
    analysis : Analysis
        :func:`graph.pipeline.analyse` of the filtered table.
    positions : mapping
        :func:`full_positions` of the full graph for these options (ignored by
        the ego view).
    options : ViewOptions

    Returns
    -------
    VisualSpec
        With a highlight, ``meta["highlight"]`` lists the highlighted ids drawn.

    Raises
    ------
    ValueError
        When an option cannot be used (unknown view, colour, metric; an ego
        view of an agency with no measure left after filtering).

    Examples
    --------
    >>> from graph.fixtures import tiny_analysis
    >>> analysis = tiny_analysis()
    >>> options = ViewOptions(view="ego", agency="aqsiq")
    >>> spec = view_spec(analysis, {}, options)
    >>> sorted(node["id"] for node in spec.nodes)
    ['agency:aqsiq', 'agency:saic', 'measure:M02.01']
    """
    from graph.layout import bipartite_positions, force_positions

    options.check()
    common = {
        "size_by": options.size_by,
        "lang": options.lang,
        "highlight": set(options.highlight) if options.highlight else None,
    }
    inputs = (analysis.metrics, analysis.clustering)
    if options.view == "projection":
        return encode_projection(
            analysis.projection,
            positions,
            *inputs,
            min_weight=options.min_weight,
            color_by=options.color_by,
            **common,
        )
    if options.view == "ego":
        node = agency_node(options.agency)
        if node not in analysis.graph:
            raise ValueError(
                f"agency {options.agency!r} has no measure in this table after the filters"
            )
        ego = ego_graph(analysis.graph, node)
        place = force_positions if options.layout == "force" else bipartite_positions
        return encode_bipartite(ego, place(ego), *inputs, color_by=options.color_by, **common)
    return encode_bipartite(analysis.graph, positions, *inputs, color_by=options.color_by, **common)
