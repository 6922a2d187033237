"""The agency network of each document or period, drawn in fixed places, and how its ties change.

Positions are computed once on the projection of the whole corpus (every
document, after the chosen alignment, before any filter), so an agency sits
in the same place in every document's and every period's picture
(:func:`corpus_positions`). Each unit's picture (:func:`unit_spec`) is the
co-responsibility projection of its rows (:mod:`graph.encode`), its ties
coloured by what happened since the unit before (:func:`tie_changes`): ties
that *persist*, ties that *appear*, and ties that *vanish* (drawn dashed,
between the agencies that had them, greyed when the agency is gone).

A snapshot of a corpus (:func:`corpus_snapshot_html`) is one offline page of
the network page kind (:func:`graph.render.network_html`) with every unit's
picture in it and a slider that steps through them.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

import networkx as nx
import pandas as pd

from graph.encode import DIMMED_COLOR, DIMMED_TEXT, VisualSpec, encode_projection
from graph.registry import Registry, load_registry
from graph.render import script_json

TIE_STATUSES = ("persist", "appear", "vanish")
TIE_COLORS = {"persist": "#7F7F7F", "appear": "#1B9E77", "vanish": "#D95F02"}
TIE_WORDS = {
    "persist": ("延续的合作", "ties that persist"),
    "appear": ("新出现的合作", "ties that appear"),
    "vanish": ("消失的合作", "ties that vanish"),
    "gone": ("已不在本期的部门", "agencies no longer named"),
}
TIE_COLUMNS = ["source", "target", "status", "weight_before", "weight_after"]


def unit_projection(
    rows: pd.DataFrame, weighting: str = "count", registry: Registry | None = None
) -> nx.Graph:
    """The co-responsibility projection of a unit's rows (one or many documents).

    The graph of :func:`graph.projection.co_responsibility` on
    :func:`graph.build.build_graph` (same nodes in the same order, same
    attributes, same weights: tests/test_corpus_view.py), built from the
    unit's incidence matrix (:func:`graph.corpus_metrics.unit_network`)
    without the bipartite graph: several times faster.
    """
    from graph.corpus_metrics import unit_network

    return _projection(unit_network(rows, weighting), registry or load_registry())


_ATTRIBUTES: dict[int, tuple[Registry, dict[str, dict]]] = {}


def _attributes(agency: str, registry: Registry) -> dict:
    """The agency node's attributes, as :func:`graph.build.build_graph` gives them (cached)."""
    from graph.build import _agency_attrs

    kept = _ATTRIBUTES.get(id(registry))
    if kept is None or kept[0] is not registry:
        kept = _ATTRIBUTES[id(registry)] = (registry, {})
    known = kept[1]
    if agency not in known:
        known[agency] = _agency_attrs(agency, agency in registry.agencies.index, registry)
    return known[agency]


def _projection(net, registry: Registry) -> nx.Graph:
    import numpy as np

    projection = nx.Graph()
    nodes = [f"agency:{a}" for a in net.agencies]
    projection.add_nodes_from(
        (n, dict(_attributes(a, registry))) for n, a in zip(nodes, net.agencies, strict=True)
    )
    rows, columns = np.nonzero(np.triu(net.shared, 1))
    projection.add_edges_from(
        (nodes[i], nodes[j], {"weight": _plain(net.weights[i, j]), "shared": int(net.shared[i, j])})
        for i, j in zip(rows.tolist(), columns.tolist(), strict=True)
    )
    return projection


def _plain(value) -> float | int:
    """A weight as co_responsibility writes it: counts as integers."""
    number = float(value)
    return int(number) if number.is_integer() else number


def corpus_positions(
    table: pd.DataFrame, weighting: str = "count", registry: Registry | None = None
) -> dict[str, tuple[float, float]]:
    """Positions of every agency of the whole corpus's projection, shared by every unit."""
    from graph.layout import projection_positions

    return projection_positions(unit_projection(table, weighting, registry))


def _ties(projection: nx.Graph | None) -> dict[tuple[str, str], float]:
    if projection is None:
        return {}
    return {
        tuple(sorted((u, v))): float(w) for u, v, w in projection.edges(data="weight", default=1)
    }


def tie_changes(before: nx.Graph | None, after: nx.Graph) -> pd.DataFrame:
    """Ties of ``after`` that persist from ``before`` or appear, and ties of ``before`` that vanish.

    Returns columns :data:`TIE_COLUMNS` (node ids, status, the weights before
    and after; NaN where the tie is absent), persisting ties first.

    >>> a = nx.Graph([("x", "y"), ("y", "z")])
    >>> b = nx.Graph([("x", "y"), ("x", "z")])
    >>> tie_changes(a, b)[["source", "target", "status"]].values.tolist()
    [['x', 'y', 'persist'], ['x', 'z', 'appear'], ['y', 'z', 'vanish']]
    """
    old, new = _ties(before), _ties(after)
    rows = [
        (u, v, "persist" if (u, v) in old else "appear", old.get((u, v)), w)
        for (u, v), w in new.items()
    ]
    rows += [(u, v, "vanish", w, None) for (u, v), w in old.items() if (u, v) not in new]
    frame = pd.DataFrame(rows, columns=TIE_COLUMNS)
    frame["_order"] = frame["status"].map({s: i for i, s in enumerate(TIE_STATUSES)})
    frame = frame.sort_values(["_order", "source", "target"], kind="stable")
    return frame.drop(columns="_order").astype({"weight_before": float, "weight_after": float})


def tie_summary(
    units: Sequence[tuple[str, nx.Graph | Collection[tuple[str, str]]]],
) -> pd.DataFrame:
    """For each unit after the first: how many ties persist, appear and vanish.

    ``units`` are ``(unit, ties)`` in time order, the ties a projection or a
    collection of sorted node pairs (:func:`graph.corpus_metrics.unit_ties`).
    Returns columns ``from``, ``to``, ``persist``, ``appear``, ``vanish``, ``ties``.
    """

    def pairs(ties) -> set:
        return set(_ties(ties)) if isinstance(ties, nx.Graph) else set(ties)

    rows = []
    for (first, before), (second, after) in itertools.pairwise(units):
        old, new = pairs(before), pairs(after)
        rows.append(
            {
                "from": first,
                "to": second,
                "persist": len(new & old),
                "appear": len(new - old),
                "vanish": len(old - new),
                "ties": len(new),
            }
        )
    return pd.DataFrame(rows, columns=["from", "to", *TIE_STATUSES, "ties"])


def unit_spec(
    rows: pd.DataFrame,
    positions: Mapping[str, tuple[float, float]],
    previous: pd.DataFrame | None = None,
    *,
    weighting: str = "count",
    size_by: str = "measures",
    lang: str = "zh",
    registry: Registry | None = None,
    min_weight: float = 0.0,
) -> VisualSpec:
    """The agency network of a unit in fixed places, its ties coloured by what changed.

    Parameters
    ----------
    rows, previous : pandas.DataFrame
        The unit's rows, and the rows of the unit before it (None for the
        first: every tie then counts as persisting, none is coloured).
    positions : mapping
        :func:`corpus_positions` of the whole corpus (every agency of ``rows``
        and ``previous`` must have one).
    weighting, size_by, lang, min_weight
        As in :func:`graph.encode.encode_projection`; ``size_by`` is a column
        of :func:`graph.corpus_metrics.literature_measures` (``measures``,
        ``leads``, ``breadth``, ``effective_size``, ``constraint``,
        ``coreness``).

    Returns
    -------
    VisualSpec
        Agencies of the unit coloured by kind, sized by ``size_by``; ties
        coloured :data:`TIE_COLORS` (the first unit: grey), vanished ties
        dashed, and agencies of ``previous`` no longer named drawn grey so
        that their vanished ties have two ends.
    """
    from graph.corpus_metrics import _measures, unit_network

    registry = registry or load_registry()
    net = unit_network(rows, weighting)
    projection = _projection(net, registry)
    columns, _ = _measures(net, 1)
    measures = pd.DataFrame(columns, index=pd.Index(net.agencies, name="agency"))
    spec = encode_projection(
        projection,
        positions,
        measures.astype({"core": int}),
        None,
        min_weight=min_weight,
        color_by="kind",
        size_by=size_by,
        lang=lang,
    )
    if previous is None:
        return spec
    before = unit_projection(previous, weighting, registry)
    changes = tie_changes(before, projection).set_index(["source", "target"])["status"]
    edges = []
    for edge in spec.edges:
        key = tuple(sorted((edge["from"], edge["to"])))
        edges.append({**edge, "color": TIE_COLORS[changes.get(key, "persist")]})
    present = {node["id"] for node in spec.nodes}
    gone = [n for n in before if n not in present]
    nodes = list(spec.nodes)
    label = "label_en" if lang == "en" else "label_zh"
    for node in gone:
        data = before.nodes[node]
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": str(data.get(label) or node),
                "title": str(data.get("full_name_zh") or data.get("label_zh") or node),
                "x": float(x),
                "y": float(y),
                "shape": "dot",
                "size": 6,
                "color": {"background": DIMMED_COLOR, "border": DIMMED_COLOR},
                "font": {"size": 12, "color": DIMMED_TEXT},
            }
        )
    for (u, v), status in changes.items():
        if status == "vanish":
            edges.append(
                {
                    "from": u,
                    "to": v,
                    "width": 1.5,
                    "color": TIE_COLORS["vanish"],
                    "dashes": True,
                    "title": f"{before.nodes[u].get(label, u)} — {before.nodes[v].get(label, v)}",
                }
            )
    legend = [entry for entry in spec.legend if entry.get("type") != "line"]
    for status in TIE_STATUSES:
        legend.append(
            {
                "type": "line",
                "color": TIE_COLORS[status],
                "width": 3.0,
                "dashes": status == "vanish",
                "label": _pick(TIE_WORDS[status], lang),
            }
        )
    if gone:
        legend.append(
            {
                "type": "color",
                "shape": "dot",
                "color": DIMMED_COLOR,
                "label": _pick(TIE_WORDS["gone"], lang),
            }
        )
    return VisualSpec(nodes=nodes, edges=edges, legend=legend, meta=spec.meta)


def unit_groups(table: pd.DataFrame, units: pd.Series) -> list[tuple[str, pd.DataFrame]]:
    """``(unit, rows)`` of every unit with rows, in the order of ``units``' categories.

    ``units`` maps document id -> unit (a categorical Series, as
    :func:`graph.corpus.periods` gives, or one category per document).
    """
    labels = table["document"].map(units)
    groups = dict(tuple(table.groupby(labels, sort=False, observed=True))) if len(table) else {}
    return [(str(u), groups[u]) for u in units.cat.categories if u in groups]


def unit_specs(
    groups: Sequence[tuple[str, pd.DataFrame]],
    positions: Mapping[str, tuple[float, float]],
    **options,
) -> list[tuple[str, VisualSpec]]:
    """:func:`unit_spec` of every unit of :func:`unit_groups`, each against the one before."""
    out, previous = [], None
    for unit, rows in groups:
        out.append((unit, unit_spec(rows, positions, previous, **options)))
        previous = rows
    return out


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


SLIDER_WORDS = {
    "zh": {"period": "时期", "document": "文件", "play": "播放", "of": "/"},
    "en": {"period": "Period", "document": "Document", "play": "Play", "of": "of"},
}


def corpus_snapshot_html(
    units: Sequence[tuple[str, VisualSpec]],
    *,
    title: str,
    provenance: Sequence[str] = (),
    filters: Sequence[str] = (),
    lang: str = "zh",
    kind: str = "period",
    height: int = 720,
) -> str:
    """One offline page with every unit's network and a slider stepping through them.

    The page is :func:`graph.render.network_html` of the first unit (the
    network view inlined, every text reaching the page as text, search, PNG,
    full screen); every unit's view data (:func:`graph.render.network_page_data`:
    nodes, lines, legend) travels as JSON (``<`` escaped), and the slider hands
    it to the drawn view (``window.view.update``), which keeps the reader's zoom:
    positions are the same in every unit. ``window.corpusUnit`` and the body's
    ``data-unit`` are the index shown.

    Parameters
    ----------
    units : sequence of (label, VisualSpec)
        In time order, from :func:`unit_spec` with shared positions.
    title, provenance, filters, lang, height
        As in :func:`graph.render.network_html`.
    kind : {"period", "document"}
        What a unit is, for the slider's label.
    """
    from graph.render import network_html, network_page_data

    if not units:
        raise ValueError("a corpus snapshot needs at least one document or period")
    words = SLIDER_WORDS.get(lang, SLIDER_WORDS["zh"])
    page = network_html(
        units[0][1],
        height=height,
        title=f"{title} · {units[0][0]}",
        provenance=provenance,
        filters=filters,
        lang=lang,
    )
    data = [
        {
            "label": label,
            "data": network_page_data(
                spec,
                title=f"{title} · {label}",
                provenance=provenance,
                filters=filters,
                lang=lang,
                view_key="corpus",
            ),
        }
        for label, spec in units
    ]
    last = len(units) - 1
    slider = (
        "<style>#app { height: calc(100vh - 3em); }</style>"
        '<div id="corpus-slider" style="display:flex;gap:0.8em;align-items:center;'
        'height:3em;padding:0 12px;box-sizing:border-box;font-family:sans-serif">'
        f'<label for="unit-range">{html.escape(words[kind])}</label>'
        f'<input id="unit-range" type="range" min="0" max="{last}" step="1" value="0" '
        f'style="flex:1;max-width:40em" aria-label="{html.escape(words[kind])}">'
        f'<output id="unit-label" aria-live="polite">{html.escape(units[0][0])}</output>'
        f'<span id="unit-count">1 {html.escape(words["of"])} {last + 1}</span>'
        "</div>"
    )
    script = (
        '<script type="application/json" id="corpus-units">'
        + script_json(data)
        + "</script>\n<script>"
        + _SLIDER_JS.replace("OF_WORD", script_json(words["of"]))
        + "</script>\n"
    )
    if '<div id="app">' not in page or "</body>" not in page:
        raise RuntimeError("the network page has no view or body to add the slider to")
    page = page.replace('<div id="app">', slider + '<div id="app">', 1)
    return page.replace("</body>", script + "</body>", 1)


_SLIDER_JS = """
(function () {
  "use strict";
  var units = JSON.parse(document.getElementById("corpus-units").textContent);
  var range = document.getElementById("unit-range");
  var label = document.getElementById("unit-label");
  var count = document.getElementById("unit-count");
  function show(index) {
    window.view.update(units[index].data);
    label.textContent = units[index].label;
    count.textContent = (index + 1) + " " + OF_WORD + " " + units.length;
    window.corpusUnit = index;
    document.body.setAttribute("data-unit", String(index));
  }
  range.addEventListener("input", function () { show(parseInt(range.value, 10)); });
  window.corpusUnit = 0;
  document.body.setAttribute("data-unit", "0");
})();
"""


def now_line(lang: str, moment: datetime | None = None) -> str:
    """``generated …`` in the page's language (for provenance)."""
    moment = moment or datetime.now().astimezone()
    stamp = moment.isoformat(timespec="seconds")
    return f"生成时间：{stamp}" if lang == "zh" else f"generated {stamp}"
