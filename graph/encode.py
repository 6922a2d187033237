"""Attributes to visual properties: a :class:`VisualSpec` of plain dicts.

The spec is what the browser will draw, as data a test can read without a
browser: vis-network node dicts (id, label, title, x, y, color, shape, size,
font), edge dicts (from, to, width, color, dashes, title) and a legend saying
what each colour, shape, line and size means.

Measures are boxes with their id inside; agencies are dots sized by a metric;
lead assignments are thick solid lines, partner assignments thin and (up to
``DASHED_EDGE_LIMIT`` edges) dashed, so the picture reads without colour too. Colours come from colour-blind-safe palettes
(Okabe & Ito 2008; Paul Tol's "muted" scheme).

Titles (tooltips) are plain text with ``\\n`` line breaks: vis-network 9 shows a
string title with ``innerText``, so text from the data is never parsed as HTML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from graph.clusters import Clustering
from graph.explain import metric_name
from graph.labels import LANGS, kind_name, role_name, term

# Okabe & Ito, without black (kept for text).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442")
# Paul Tol's "muted" qualitative scheme; its pale grey marks "other".
TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
OTHER_COLOR = "#BBBBBB"
DIMMED_COLOR = "#E4E4E4"
DIMMED_TEXT = "#B0B0B0"
TEXT_COLOR = "#1A1A1A"
MEASURE_COLOR = {"task": "#E8E8E8", "coordination": "#FFF2B3"}
MEASURE_BORDER = "#6B6B6B"
AGENCY_NEUTRAL = "#5A5A5A"
KIND_COLOR = {
    "ministry": OKABE_ITO[0],
    "directly_affiliated": OKABE_ITO[1],
    "national_bureau": OKABE_ITO[2],
    "public_institution": OKABE_ITO[3],
    "party_body": OKABE_ITO[4],
    "state_council_office": OKABE_ITO[5],
    "local_government": OKABE_ITO[6],
    "mass_organization": TOL_MUTED[7],
    "military": TOL_MUTED[4],
    "judicial": TOL_MUTED[0],
    "enterprise": TOL_MUTED[2],
    "other": TOL_MUTED[5],
    "generic": "#8C8C8C",
    "unregistered": "#000000",
}
LEAD_EDGE = "#4D4D4D"
PARTNER_EDGE = "#9A9A9A"

# Dashed lines are slow to rasterise in a software canvas (2,000 nodes with
# 5,000 edges: 2.4 s more before the first picture shows; 767 nodes with 1,983
# edges: 0.82 s to the first frame dashed, 0.46 s solid); above this many edges,
# partner lines are told apart by width and colour only. The bundled document
# has 211 edges.
DASHED_EDGE_LIMIT = 1000
MIN_AGENCY_SIZE = 8.0
MAX_AGENCY_SIZE = 30.0
AGENCY_FONT_SIZE = 18
MEASURE_FONT_SIZE = 14
COLOR_BY = ("kind", "cluster", "section")
PROJECTION_COLOR_BY = ("kind", "cluster")


@dataclass(frozen=True)
class VisualSpec:
    """What to draw: vis-network node and edge dicts, and the legend.

    ``legend`` entries are dicts with ``type`` one of ``"color"`` (``color``,
    ``shape``, ``label``), ``"line"`` (``color``, ``width``, ``dashes``,
    ``label``) or ``"size"`` (``size`` in pixels, ``value``, ``label``).
    ``meta`` holds what the page around the drawing needs: ``lang``, and
    ``highlight`` (the emphasised node ids, in node order) when a highlight
    was asked for.
    """

    nodes: list[dict]
    edges: list[dict]
    legend: list[dict]
    meta: dict = field(default_factory=dict)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")


def scaled_sizes(values: Mapping[str, float]) -> dict[str, float]:
    """Radii between ``MIN_AGENCY_SIZE`` and ``MAX_AGENCY_SIZE``, area proportional to value.

    The radius grows with the square root of the value, so a node with four
    times the measures has four times the area. Missing or negative values get
    the minimum.

    >>> scaled_sizes({"a": 0, "b": 25, "c": 100})
    {'a': 8.0, 'b': 19.0, 'c': 30.0}
    """
    top = max((v for v in values.values() if v is not None and v > 0), default=0.0)
    span = MAX_AGENCY_SIZE - MIN_AGENCY_SIZE
    out = {}
    for key, value in values.items():
        share = math.sqrt(value / top) if top and value is not None and value > 0 else 0.0
        out[key] = round(MIN_AGENCY_SIZE + span * share, 2)
    return out


def _size_legend(column: str, values: Mapping[str, float], lang: str) -> list[dict]:
    """Reference dots for the smallest, the median and the largest value shown."""
    shown = sorted({float(v) for v in values.values() if v is not None and v > 0})
    if not shown:
        return []
    picks = sorted({shown[0], shown[len(shown) // 2], shown[-1]})
    radii = scaled_sizes({str(v): v for v in picks})
    label = term("size_by", lang).format(metric_name(column, lang))
    return [
        {"type": "size", "size": radii[str(v)], "value": _number(v), "label": label} for v in picks
    ]


def _number(value: float) -> str:
    """A metric value for people: integers without decimals, others with three digits."""
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def _metric_values(
    graph: nx.Graph, agencies: list[str], size_by: str, metrics: pd.DataFrame
) -> dict[str, float]:
    """``agency node -> metric value`` for the agencies of ``graph``."""
    if size_by not in metrics.columns or not pd.api.types.is_numeric_dtype(metrics[size_by]):
        numeric = [c for c in metrics.columns if pd.api.types.is_numeric_dtype(metrics[c])]
        raise ValueError(
            f"size_by must be a numeric column of the agency metrics ({', '.join(numeric)}), "
            f"not {size_by!r}"
        )
    column = metrics[size_by]
    values = {}
    for node in agencies:
        agency_id = graph.nodes[node].get("agency_id")
        value = column.get(agency_id)
        values[node] = float(value) if value is not None and not pd.isna(value) else 0.0
    return values


def _membership(clustering: Clustering | None, metrics: pd.DataFrame) -> dict[str, int]:
    """``agency node -> cluster number``, from the clustering or the metrics' ``cluster`` column."""
    if clustering is not None:
        return clustering.membership()
    if "cluster" in metrics.columns:
        return {f"agency:{a}": int(c) for a, c in metrics["cluster"].items() if not pd.isna(c)}
    raise ValueError(
        "colouring by cluster needs the clustering (or a cluster column in the metrics): "
        "graph.pipeline.analyse computes both"
    )


def _cluster_colors(numbers: Iterable[int]) -> dict[int, str]:
    """Cluster number -> colour; clusters beyond the palette share the "other" grey."""
    return {n: TOL_MUTED[n - 1] if 1 <= n <= len(TOL_MUTED) else OTHER_COLOR for n in numbers}


def _position(positions: Mapping[str, tuple[float, float]], node: str) -> dict:
    if node not in positions:
        raise ValueError(
            f"no position for node {node!r}: compute positions on the full graph "
            "(graph.layout) and pass them for every filtered view"
        )
    x, y = positions[node]
    return {"x": float(x), "y": float(y)}


def _agency_title(data: dict, lang: str, extra: list[str]) -> str:
    """Tooltip of an agency: full name, English name, kind, then ``extra`` lines."""
    lines = [str(data.get("full_name_zh") or data.get("label_zh") or data.get("agency_id", ""))]
    if data.get("name_en"):
        lines.append(str(data["name_en"]))
    lines.append(term("kind_line", lang).format(kind_name(data.get("kind"), lang)))
    return "\n".join(lines + extra)


def _measure_title(graph: nx.Graph, node: str, lang: str) -> str:
    """Tooltip of a measure: id and article, its full text, its lead and partner agencies."""
    data = graph.nodes[node]
    label = "label_en" if lang == "en" else "label_zh"
    heading = str(data.get("measure_id", node))
    article_title = data.get("article_title_en" if lang == "en" else "article_title") or data.get(
        "article_title", ""
    )
    if article_title:
        heading += f" · {article_title}"
    roles: dict[str, list[str]] = {"lead": [], "partner": []}
    for agency in graph[node]:
        role = graph.edges[node, agency].get("role", "partner")
        roles.setdefault(role, []).append(str(graph.nodes[agency].get(label, agency)))
    lines = [heading, str(data.get("text", ""))]
    if roles["lead"]:
        lines.append(term("leads_line", lang).format("、".join(roles["lead"])))
    if roles["partner"]:
        lines.append(term("partners_line", lang).format("、".join(roles["partner"])))
    return "\n".join(lines)


def _agency_node(
    node: str,
    data: dict,
    label: str,
    title: str,
    positions: Mapping[str, tuple[float, float]],
    size: float,
    color: str,
    card: dict,
) -> dict:
    """The node dict of one agency: a dot with a stroked label (both views), and its card."""
    return {
        "id": node,
        "card": card,
        "label": str(data.get(label) or data.get("agency_id", node)),
        "title": title,
        **_position(positions, node),
        "shape": "dot",
        "size": size,
        "color": {"background": color, "border": "#333333"},
        "borderWidth": 1,
        "font": {
            "size": AGENCY_FONT_SIZE,
            "color": TEXT_COLOR,
            "strokeWidth": 3,
            "strokeColor": "#FFFFFF",
        },
    }


# What an agency's card lists under its names (metrics of the registry).
CARD_FACTS = ("measures", "leads", "partner_roles", "breadth")


def _agency_card(data: dict, metrics: pd.DataFrame, partners: list[str], lang: str) -> dict:
    """What the view shows when an agency is clicked: names, kind, load and roles, partners.

    ``partners``: labels of the agencies it shares measures with, most shared first.
    """
    agency_id = str(data.get("agency_id", ""))
    zh = str(data.get("full_name_zh") or data.get("label_zh") or agency_id)
    en = str(data.get("name_en") or "")
    name, other = (en or zh, zh) if lang == "en" else (zh, en)
    row = metrics.loc[agency_id] if agency_id in metrics.index else None
    facts = [
        [metric_name(key, lang), _number(float(row[key]))]
        for key in CARD_FACTS
        if row is not None and key in metrics.columns and not pd.isna(row[key])
    ]
    sub = [part for part in (other, kind_name(data.get("kind"), lang)) if part]
    return {
        "agency": agency_id,
        "name": name,
        "sub": " · ".join(sub),
        "facts": facts,
        "partners": partners,
    }


def _partners(graph: nx.Graph, node: str, label: str, bipartite: bool) -> list[str]:
    """Labels of the agencies sharing a measure with ``node``, most shared first, then by name."""
    shared: dict[str, float] = {}
    if bipartite:
        for measure in graph[node]:
            for other in graph[measure]:
                if other != node:
                    shared[other] = shared.get(other, 0) + 1
    else:
        for other, edge in graph[node].items():
            shared[other] = float(edge.get("shared", edge.get("weight", 1)))
    names = {other: str(graph.nodes[other].get(label) or other) for other in shared}
    return [names[o] for o in sorted(shared, key=lambda o: (-shared[o], names[o]))]


def _measure_card(graph: nx.Graph, node: str, lang: str) -> dict:
    """What the view shows when a measure is clicked: heading, its sentence among its
    article's (``article``: the key shared by the measures of one article, ``order``
    their order in the text), and the lead and partner lines."""
    data = graph.nodes[node]
    lines = _measure_title(graph, node, lang).split("\n")
    article = data.get("article")
    return {
        "heading": lines[0],
        "text": str(data.get("text", "")),
        "article": f"{data.get('document', '')}:{article}" if article is not None else None,
        "order": int(data.get("source_start", 0)),
        "roles": lines[2:],
    }


def _dim(node: dict) -> dict:
    """The node greyed out, its label faint: it stays in place but steps back."""
    return {
        **node,
        "color": {"background": DIMMED_COLOR, "border": DIMMED_COLOR},
        "font": {**node.get("font", {}), "color": DIMMED_TEXT},
    }


def encode_bipartite(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    metrics: pd.DataFrame,
    clustering: Clustering | None,
    *,
    color_by: str = "kind",
    size_by: str = "measures",
    lang: str = "zh",
    highlight: Iterable[str] | None = None,
) -> VisualSpec:
    """Visual spec of the bipartite measure x agency graph.

    A pure function of what it is given: nothing is computed here but colours,
    sizes and words (positions, metrics and clusters come in; see
    :func:`graph.views.view_spec` for where they come from).

    Parameters
    ----------
    graph : networkx.Graph
        The (possibly filtered) bipartite graph from :func:`graph.build.build_graph`.
    positions : mapping
        ``node id -> (x, y)`` covering every node, usually computed once on the
        full graph (:mod:`graph.layout`).
    metrics : pandas.DataFrame
        Agency metrics indexed by agency id (:func:`graph.metrics.agency_metrics`).
    clustering : Clustering or None
        Clusters for ``color_by="cluster"`` (else the metrics' ``cluster`` column).
    color_by : {"kind", "cluster", "section"}
        ``kind``: agencies by agency kind, measures task/coordination;
        ``cluster``: agencies by co-responsibility cluster; ``section``:
        measures by document section, agencies neutral.
    size_by : str
        Numeric column of ``metrics`` giving agency size.
    lang : {"zh", "en"}
        Language of labels, tooltips and legend.
    highlight : iterable of node ids, optional
        Nodes to emphasise; the others and their edges are dimmed, and the
        page first shows the highlighted nodes (``meta["highlight"]``). Ids
        that are not nodes of ``graph`` are ignored; an empty highlight dims
        everything.

    Returns
    -------
    VisualSpec
        One node dict per node (measures first, in graph order), one edge dict
        per edge, and the legend.

    Examples
    --------
    >>> from graph.fixtures import tiny_inputs
    >>> spec = encode_bipartite(*tiny_inputs(), lang="en")
    >>> len(spec.nodes), len(spec.edges)
    (10, 10)
    >>> sorted({n["shape"] for n in spec.nodes})
    ['box', 'dot']
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not {color_by!r}")
    _check_lang(lang)
    label = "label_en" if lang == "en" else "label_zh"
    measures = [n for n, d in graph.nodes(data=True) if d.get("bipartite") == 0]
    agencies = [n for n, d in graph.nodes(data=True) if d.get("bipartite") == 1]
    values = _metric_values(graph, agencies, size_by, metrics)
    sizes = scaled_sizes(values)
    measure_colors, agency_colors, legend = _bipartite_colors(
        graph, measures, agencies, color_by, metrics, clustering, lang
    )
    nodes = []
    for node in measures:
        data = graph.nodes[node]
        nodes.append(
            {
                "id": node,
                "label": str(data.get(label) or data.get("measure_id", node)),
                "title": _measure_title(graph, node, lang),
                **_position(positions, node),
                "shape": "box",
                "color": {"background": measure_colors[node], "border": MEASURE_BORDER},
                "borderWidth": 1,
                "font": {"size": MEASURE_FONT_SIZE, "color": TEXT_COLOR},
                "margin": 4,
                "card": _measure_card(graph, node, lang),
            }
        )
    size_name = metric_name(size_by, lang)
    for node in agencies:
        data = graph.nodes[node]
        extra = [term("metric_line", lang).format(size_name, _number(values[node]))]
        nodes.append(
            _agency_node(
                node,
                data,
                label,
                _agency_title(data, lang, extra),
                positions,
                sizes[node],
                agency_colors[node],
                _agency_card(data, metrics, _partners(graph, node, label, True), lang),
            )
        )
    dashed = graph.number_of_edges() <= DASHED_EDGE_LIMIT
    edges = []
    for u, v, data in graph.edges(data=True):
        measure, agency = (u, v) if graph.nodes[u].get("bipartite") == 0 else (v, u)
        lead = data.get("role") == "lead"
        title = role_name("lead" if lead else "partner", lang)
        if data.get("shared_duty"):
            title += f" ({term('shared', lang)})"
        edges.append(
            {
                "from": measure,
                "to": agency,
                "width": 2.0 if lead else 1.0,
                "color": LEAD_EDGE if lead else PARTNER_EDGE,
                "dashes": dashed and not lead,
                "title": title,
            }
        )
    legend += [
        {
            "type": "shape",
            "shape": "box",
            "color": MEASURE_COLOR["task"],
            "label": term("measure", lang),
        },
        {"type": "shape", "shape": "dot", "color": AGENCY_NEUTRAL, "label": term("agency", lang)},
        {
            "type": "line",
            "color": LEAD_EDGE,
            "width": 2.0,
            "dashes": False,
            "label": role_name("lead", lang),
        },
        {
            "type": "line",
            "color": PARTNER_EDGE,
            "width": 1.0,
            "dashes": dashed,
            "label": role_name("partner", lang),
        },
        *_size_legend(size_by, values, lang),
    ]
    nodes, edges, meta = _apply_highlight(nodes, edges, highlight, {"lang": lang})
    return VisualSpec(nodes=nodes, edges=edges, legend=legend, meta=meta)


def _bipartite_colors(
    graph: nx.Graph,
    measures: list[str],
    agencies: list[str],
    color_by: str,
    metrics: pd.DataFrame,
    clustering: Clustering | None,
    lang: str,
) -> tuple[dict[str, str], dict[str, str], list[dict]]:
    """Node colours of both sides for ``color_by``, and the colour legend."""
    measure_colors = {
        m: MEASURE_COLOR.get(graph.nodes[m].get("kind"), OTHER_COLOR) for m in measures
    }
    legend: list[dict] = []
    if color_by == "section":
        sections = sorted(
            {graph.nodes[m]["section"] for m in measures if "section" in graph.nodes[m]}
        )
        palette = {s: TOL_MUTED[i % len(TOL_MUTED)] for i, s in enumerate(sections)}
        for m in measures:
            measure_colors[m] = palette.get(graph.nodes[m].get("section"), OTHER_COLOR)
        titles = {}
        for m in measures:
            data = graph.nodes[m]
            if "section" in data:
                titles.setdefault(data["section"], data.get("section_title", ""))
        for s in sections:
            text = term("section_n", lang).format(s) + (f" {titles[s]}" if titles.get(s) else "")
            legend.append({"type": "color", "shape": "box", "color": palette[s], "label": text})
        if any(measure_colors[m] == OTHER_COLOR for m in measures):
            legend.append(
                {
                    "type": "color",
                    "shape": "box",
                    "color": OTHER_COLOR,
                    "label": term("no_section", lang),
                }
            )
        return measure_colors, dict.fromkeys(agencies, AGENCY_NEUTRAL), legend
    kinds_present = {graph.nodes[m].get("kind") for m in measures}
    for kind in ("task", "coordination"):
        if kind in kinds_present:
            legend.append(
                {
                    "type": "color",
                    "shape": "box",
                    "color": MEASURE_COLOR[kind],
                    "label": term(kind, lang),
                }
            )
    agency_colors, agency_legend = _agency_colors(
        graph, agencies, color_by, metrics, clustering, lang
    )
    return measure_colors, agency_colors, legend + agency_legend


def _agency_colors(
    graph: nx.Graph,
    agencies: list[str],
    color_by: str,
    metrics: pd.DataFrame,
    clustering: Clustering | None,
    lang: str,
) -> tuple[dict[str, str], list[dict]]:
    """Agency colours by kind or cluster, and the legend entries actually used."""
    legend: list[dict] = []
    if color_by == "kind":
        colors = {a: KIND_COLOR.get(graph.nodes[a].get("kind"), OTHER_COLOR) for a in agencies}
        used = {graph.nodes[a].get("kind") for a in agencies}
        for kind, color in KIND_COLOR.items():
            if kind in used:
                legend.append(
                    {
                        "type": "color",
                        "shape": "dot",
                        "color": color,
                        "label": kind_name(kind, lang),
                    }
                )
        return colors, legend
    membership = _membership(clustering, metrics)
    numbers = {a: membership.get(a, 0) for a in agencies}
    palette = _cluster_colors(n for n in numbers.values() if n)
    colors = {a: palette.get(n, OTHER_COLOR) for a, n in numbers.items()}
    labels = clustering.labels if clustering is not None else ()
    shown = sorted({n for n in numbers.values() if 1 <= n <= len(TOL_MUTED)})
    for n in shown:
        text = term("cluster_n", lang).format(n) + (f" {labels[n - 1]}" if n <= len(labels) else "")
        legend.append({"type": "color", "shape": "dot", "color": palette[n], "label": text})
    for missing, key in (
        (lambda n: n > len(TOL_MUTED), "other_clusters"),
        (lambda n: n == 0, "no_cluster"),
    ):
        if any(missing(n) for n in numbers.values()):
            legend.append(
                {"type": "color", "shape": "dot", "color": OTHER_COLOR, "label": term(key, lang)}
            )
    return colors, legend


def _apply_highlight(
    nodes: list[dict], edges: list[dict], highlight: Iterable[str] | None, meta: dict
) -> tuple[list[dict], list[dict], dict]:
    """Dim every node outside ``highlight`` and every edge not between two highlighted nodes.

    The returned meta has ``highlight``: the highlighted ids that are drawn,
    in node order (the page zooms to them on its first frame); without a
    highlight it is not set.
    """
    if highlight is None:
        return nodes, edges, meta
    keep = set(highlight)
    meta = {**meta, "highlight": [n["id"] for n in nodes if n["id"] in keep]}
    nodes = [n if n["id"] in keep else _dim(n) for n in nodes]
    edges = [
        e if e["from"] in keep and e["to"] in keep else {**e, "color": DIMMED_COLOR} for e in edges
    ]
    return nodes, edges, meta


def _ordered_edges(graph: nx.Graph, edges: list[tuple]) -> list[tuple]:
    """Edges in node order, each from its earlier node.

    NetworkX's bipartite projections add edges while iterating over sets, so
    their order changes with Python's hash seed; sorting keeps the output
    identical from run to run.
    """
    rank = {node: i for i, node in enumerate(graph)}
    flipped = [(u, v, d) if rank[u] <= rank[v] else (v, u, d) for u, v, d in edges]
    return sorted(flipped, key=lambda e: (rank[e[0]], rank[e[1]]))


def encode_projection(
    projection: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    metrics: pd.DataFrame,
    clustering: Clustering | None,
    *,
    min_weight: float = 0.0,
    color_by: str = "cluster",
    size_by: str = "measures",
    lang: str = "zh",
    highlight: Iterable[str] | None = None,
) -> VisualSpec:
    """Visual spec of the agency co-responsibility projection.

    Parameters
    ----------
    projection : networkx.Graph
        From :func:`graph.projection.co_responsibility` (edges with ``weight``
        and ``shared``).
    positions : mapping
        ``node id -> (x, y)`` of every agency (:func:`graph.layout.projection_positions`).
    metrics, clustering, size_by, lang, highlight
        As in :func:`encode_bipartite`.
    min_weight : float
        Edges lighter than this are left out (nodes stay).
    color_by : {"cluster", "kind"}
        Agency colour.

    Returns
    -------
    VisualSpec
        Agency nodes; edges with width growing with the weight.

    Examples
    --------
    >>> from graph.fixtures import tiny_analysis
    >>> from graph.layout import projection_positions
    >>> a = tiny_analysis()
    >>> positions = projection_positions(a.projection)
    >>> spec = encode_projection(a.projection, positions, a.metrics, a.clustering, min_weight=2)
    >>> [(e["from"], e["to"]) for e in spec.edges]
    [('agency:mofcom', 'agency:ndrc')]
    """
    if color_by not in PROJECTION_COLOR_BY:
        raise ValueError(
            f"color_by of the projection must be one of {PROJECTION_COLOR_BY}, not {color_by!r}"
        )
    _check_lang(lang)
    label = "label_en" if lang == "en" else "label_zh"
    agencies = list(projection)
    values = _metric_values(projection, agencies, size_by, metrics)
    sizes = scaled_sizes(values)
    colors, legend = _agency_colors(projection, agencies, color_by, metrics, clustering, lang)
    size_name = metric_name(size_by, lang)
    nodes = []
    for node in agencies:
        data = projection.nodes[node]
        extra = [term("metric_line", lang).format(size_name, _number(values[node]))]
        nodes.append(
            _agency_node(
                node,
                data,
                label,
                _agency_title(data, lang, extra),
                positions,
                sizes[node],
                colors[node],
                _agency_card(data, metrics, _partners(projection, node, label, False), lang),
            )
        )
    kept = _ordered_edges(
        projection,
        [(u, v, d) for u, v, d in projection.edges(data=True) if d.get("weight", 1) >= min_weight],
    )
    top = max((float(d.get("weight", 1)) for _, _, d in kept), default=1.0) or 1.0
    edges = []
    for u, v, data in kept:
        weight = float(data.get("weight", 1))
        lines = [f"{projection.nodes[u].get(label, u)} — {projection.nodes[v].get(label, v)}"]
        lines.append(term("shared_measures", lang).format(int(data.get("shared", weight))))
        lines.append(term("weight", lang).format(_number(weight)))
        edges.append(
            {
                "from": u,
                "to": v,
                "width": round(1.0 + 7.0 * weight / top, 2),
                "color": PARTNER_EDGE,
                "title": "\n".join(lines),
            }
        )
    legend.append(
        {
            "type": "line",
            "color": PARTNER_EDGE,
            "width": 4.0,
            "dashes": False,
            "label": term("edge_width", lang),
        }
    )
    legend += _size_legend(size_by, values, lang)
    nodes, edges, meta = _apply_highlight(nodes, edges, highlight, {"lang": lang})
    return VisualSpec(nodes=nodes, edges=edges, legend=legend, meta=meta)
