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
    ``scene``: draw the highlighted nodes alone (all when none), laid out for
    a projector (:func:`scene_spec`), instead.
    """

    view: str = "bipartite"
    layout: str = "bipartite"
    color_by: str = "kind"
    size_by: str = "measures"
    min_weight: float = 0.0
    agency: str | None = None
    highlight: tuple[str, ...] = ()
    lang: str = "zh"
    scene: bool = False

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

        The projection is always force-directed; the ego view and scenes are
        laid out on their own (:func:`full_positions` gives them none).
        """
        if self.scene:
            return ("scene", "scene")
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
    if view in ("ego", "scene"):
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
    if options.scene:
        return scene_spec(analysis, options)
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


def scene_spec(analysis: Analysis, options: ViewOptions) -> VisualSpec:
    """A presentation scene: its nodes alone, laid out to be read on a projector.

    The scene's nodes are ``options.highlight`` (a scene of
    :func:`graph.scenes.section_scenes`; empty for the whole document). The
    bipartite view of a section shows its measures and agencies; the whole
    document, and the agency view of any scene, show the agencies and their
    co-responsibility links (74 measure labels cannot all be large on one
    screen: the two-column view gives way to the agencies). Laid out by
    :func:`graph.scenes.arrange_scene`: every label large, none over another.

    Examples
    --------
    >>> from graph.fixtures import tiny_analysis
    >>> options = ViewOptions(scene=True, highlight=("measure:M02.01", "agency:saic"))
    >>> spec = scene_spec(tiny_analysis(), options)
    >>> [n["id"] for n in spec.nodes], spec.meta["scene"]
    (['measure:M02.01', 'agency:saic'], True)
    """
    from graph.build import agency_nodes, ordered_subgraph
    from graph.layout import barycentric_order, document_order
    from graph.scenes import arrange_scene

    graph = analysis.graph
    chosen = set(options.highlight)
    nodes = [n for n in graph if n in chosen] if chosen else list(graph)
    inputs = (analysis.metrics, analysis.clustering)
    common = {"size_by": options.size_by, "lang": options.lang}
    has_measures = any(graph.nodes[n].get("bipartite") == 0 for n in nodes)
    if options.view == "bipartite" and chosen and has_measures:
        sub = ordered_subgraph(graph, nodes)
        measures = document_order(sub)
        agencies = barycentric_order(sub, {m: i for i, m in enumerate(measures)})
        spec = encode_bipartite(
            sub, dict.fromkeys(sub, (0.0, 0.0)), *inputs, color_by=options.color_by, **common
        )
        return arrange_scene(spec, measures, agencies)
    agencies = [n for n in agency_nodes(graph) if n in set(nodes)]
    sub = ordered_subgraph(analysis.projection, [a for a in agencies if a in analysis.projection])
    color_by = options.color_by if options.color_by != "section" else "cluster"
    spec = encode_projection(
        sub,
        dict.fromkeys(sub, (0.0, 0.0)),
        *inputs,
        min_weight=options.min_weight,
        color_by=color_by,
        **common,
    )
    membership = analysis.clustering.membership()
    load = analysis.metrics["measures"] if "measures" in analysis.metrics else {}
    order = sorted(
        sub,
        key=lambda a: (
            membership.get(a, 10**6),
            -float(load.get(graph.nodes[a].get("agency_id"), 0)),
            a,
        ),
    )
    return arrange_scene(spec, [], order)
