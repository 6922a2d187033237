"""Render a :class:`~graph.encode.VisualSpec` as one self-contained HTML page.

The page works from ``file://`` on a machine without network: vis-network (the
copy bundled with pyvis) and its stylesheet are inlined, fonts are the
reader's own, and nothing in it points at ``http(s)``. pyvis builds the network
node by node from the spec; its own template is not used, because it links
CDN resources and inserts some fields unescaped (see ``NOTES-stack.md``).

Escaping, in one place each:

- text placed in HTML (title, legend, filters, provenance) goes through
  :func:`html.escape`;
- node and edge data travel as JSON in a ``<script type="application/json">``
  block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so no data can
  close the block; the page reads it with ``JSON.parse``;
- tooltips are plain strings, which vis-network 9 shows with ``innerText``;
  labels are drawn on the canvas; the search list is filled with DOM
  properties, never ``innerHTML``.

Positions are fixed (physics off, no stabilisation, straight edges), so the
first frame is the final picture. It shows the spec's highlighted nodes
(``spec.meta["highlight"]``) or, without a highlight, the whole network; a
"fit all" button shows everything. The page fits again when its frame gets
a size (built in a hidden tab or a folded expander) and on other resizes
until the reader zooms, pans or searches. Large graphs leave out measure
labels and draw edges as one layer (:func:`network_page_data`).
"""

from __future__ import annotations

import html
import json
import re
import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from graph.encode import VisualSpec
from graph.labels import role_name, term

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
# Above this many edges, edges are also hidden while zooming: redrawing tens of
# thousands of lines on every wheel step makes zooming stutter.
HIDE_EDGES_ON_ZOOM_FROM = 5000
# Large graphs (see docs of network_page_data). vis-network builds an object per
# edge (options merged, a label module, an edge type) and strokes each edge on
# its own: 27,000 edges cost about 1.9 s before the first frame. Above this many
# edges the page strokes them itself, one path per line style.
EDGE_LAYER_FROM = 5000
# Every label is measured before the first frame (the fit needs node sizes);
# above this many nodes measure boxes lose their label (the measure id, also in
# the tooltip and found by the search box).
MEASURE_LABELS_UP_TO = 5000
PRESENTATION_FONT_SCALE = 1.6
_COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|rgba?\([0-9., ]+\)|[a-z]{3,20}")

# The page's own words (keys of graph.labels.TERMS), handed to its script as ``ui``.
UI_TERMS = (
    "search",
    "search_button",
    "not_found",
    "found",
    "png",
    "fit_all",
    "fullscreen",
    "legend",
    "filters",
    "provenance",
    "noscript",
)


def page_words(lang: str) -> dict[str, str]:
    """The page's own words in ``lang`` (for its script and its template)."""
    return {key: term(key, lang) for key in UI_TERMS}


ASSETS = Path(__file__).resolve().parent / "assets"


@cache
def _asset(name: str) -> str:
    """A file of the page's own CSS, JavaScript or HTML template (``graph/assets``)."""
    return (ASSETS / name).read_text(encoding="utf-8")


def _asset_template(name: str) -> string.Template:
    """An HTML template with ``$name`` placeholders; values are escaped by the caller."""
    return string.Template(_asset(name))


@cache
def vis_network_assets() -> tuple[str, str]:
    """The JavaScript and CSS of vis-network, from pyvis's bundled copy.

    Returns
    -------
    tuple of str
        ``(javascript, css)`` of vis-network 9.1.2 as shipped in pyvis.
    """
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # Inline blocks end at the first "</script" or "</style"; the library has
    # neither today, and this keeps a future copy from breaking the page.
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    # DevTools would fetch the source map named here; there is none to fetch.
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.MULTILINE)
    style = re.sub(r"</(style)", r"<\\/\1", style, flags=re.IGNORECASE)
    return script, style


def script_json(value: object) -> str:
    """JSON that can sit inside an HTML ``<script>`` block without ending it.

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def vis_options(edge_count: int) -> dict:
    """vis-network options for precomputed positions: no physics, straight edges."""
    return {
        "autoResize": True,
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False, "randomSeed": 2015},
        "edges": {"smooth": False, "selectionWidth": 1.5},
        "nodes": {"font": {"face": FONT_STACK}},
        "interaction": {
            "dragNodes": False,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": edge_count >= HIDE_EDGES_ON_ZOOM_FROM,
            "tooltipDelay": 120,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


def pyvis_network_data(spec: VisualSpec) -> tuple[list[dict], list[dict]]:
    """Node and edge dicts as pyvis assembles them from the spec.

    Each node is made by pyvis's :class:`pyvis.node.Node`, as
    :meth:`pyvis.network.Network.add_node` makes it, with colour passed
    explicitly and no ``group`` (pyvis drops ``color`` when a group is given);
    never ``from_nx``, which rewrites the graph it is given. The nodes are
    assigned as one list rather than added one by one: ``add_node`` checks each
    new id against a Python list of the ids so far, which made 73,000 nodes take
    29 s. Spec ids are unique (the graph's). Edges are assigned as one list too,
    since ``add_edge`` scans all edges on every call.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> inputs = tiny_inputs()
    >>> graph = inputs[0]
    >>> nodes, edges = pyvis_network_data(encode_bipartite(*inputs))
    >>> sorted(node["id"] for node in nodes) == sorted(graph)
    True
    >>> len(edges) == graph.number_of_edges()
    True
    """
    from pyvis.network import Network
    from pyvis.node import Node

    net = Network(cdn_resources="in_line")
    net.nodes = [
        Node(
            node["id"],
            node.get("shape", "dot"),
            label=node.get("label") or str(node["id"]),
            color=node.get("color", "#97c2fc"),
            font_color=net.font_color,
            **{k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")},
        ).options
        for node in spec.nodes
    ]
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = [dict(edge) for edge in spec.edges]
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


def network_page_data(spec: VisualSpec) -> dict:
    """What the page's script reads: vis-network's data and options, and the page's own.

    Graphs up to ``MEASURE_LABELS_UP_TO`` nodes and ``EDGE_LAYER_FROM`` edges
    are drawn exactly as the spec says. Larger ones leave out what costs most
    before the first frame and shows least at the zoom that fits them: measure
    boxes lose their label (the measure id), and edges are handed to the page
    as one compact layer instead of one vis-network object each.

    Parameters
    ----------
    spec : VisualSpec

    Returns
    -------
    dict
        ``nodes``, ``edges`` and ``options`` for vis-network (``edges`` empty
        when they form a layer); ``edgeLayer``: ``None``, or ``{"styles":
        [{"color", "width", "dashes"}, ...], "edges": [from, to, style, ...]}``
        with nodes and styles as indices, dimmed styles first so emphasised
        lines are stroked over them; ``names``: per node, the text the search
        box finds and suggests (its label, also when the label is not drawn);
        ``focus``: the ids the first view fits (the highlighted nodes; empty
        means all); ``omitted``: what is left out (``"measure_labels"``,
        ``"edge_tooltips"``).

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> data = network_page_data(encode_bipartite(*tiny_inputs(), highlight={"agency:saic"}))
    >>> data["focus"], data["names"][:2], data["edgeLayer"], data["omitted"]
    (['agency:saic'], ['M01.01', 'M01.02'], None, [])
    """
    from graph.encode import DIMMED_COLOR

    nodes, edges = pyvis_network_data(spec)
    names = [str(node["label"]) for node in nodes]
    omitted = []
    if len(nodes) > MEASURE_LABELS_UP_TO:
        omitted.append("measure_labels")
        # A box without a label is a small square of its margins, drawn with
        # no text to measure; the legend's box still stands for a measure.
        nodes = [
            {k: v for k, v in node.items() if k not in ("label", "font")}
            if node.get("shape") == "box"
            else node
            for node in nodes
        ]
    layer = None
    if len(edges) >= EDGE_LAYER_FROM:
        omitted.append("edge_tooltips")
        index = {node["id"]: i for i, node in enumerate(nodes)}
        styles: dict[tuple, int] = {}
        flat = []
        for edge in edges:
            # vis-network's own defaults for an edge without colour or width.
            key = (str(edge.get("color", "#848484")), float(edge.get("width", 1)))
            key += (bool(edge.get("dashes", False)),)
            style = styles.setdefault(key, len(styles))
            flat += [index[edge["from"]], index[edge["to"]], style]
        order = sorted(styles, key=lambda k: (k[0] != DIMMED_COLOR, styles[k]))
        renumber = {styles[k]: i for i, k in enumerate(order)}
        flat[2::3] = [renumber[style] for style in flat[2::3]]
        layer = {
            "styles": [{"color": c, "width": w, "dashes": d} for c, w, d in order],
            "edges": flat,
        }
        edges = []
    return {
        "nodes": nodes,
        "edges": edges,
        "edgeLayer": layer,
        "names": names,
        "focus": list(spec.meta.get("highlight", [])),
        "omitted": omitted,
        "options": vis_options(len(edges) if layer is None else len(layer["edges"]) // 3),
    }


def presentation_spec(spec: VisualSpec) -> VisualSpec:
    """The spec for a projector: larger labels, black text, darker and wider lines."""
    nodes = []
    for node in spec.nodes:
        font = dict(node.get("font", {}))
        font["size"] = round(font.get("size", 14) * PRESENTATION_FONT_SCALE)
        if font.get("color") not in (None, "#B0B0B0"):
            font["color"] = "#000000"
        nodes.append({**node, "font": font})
    edges = [
        {**edge, "width": round(edge.get("width", 1) * 1.5, 2), "color": _darker(edge.get("color"))}
        for edge in spec.edges
    ]
    return VisualSpec(nodes=nodes, edges=edges, legend=spec.legend, meta=spec.meta)


def _darker(color: object) -> object:
    return {"#9A9A9A": "#5C5C5C", "#4D4D4D": "#111111"}.get(color, color)


def _css_color(value: object) -> str:
    """A colour safe to put in a style attribute (anything else becomes grey)."""
    text = str(value)
    return text if _COLOR.fullmatch(text) else "#999999"


def legend_html(legend: Sequence[dict]) -> str:
    """The legend as an HTML list; every label escaped, every colour checked.

    Entries of ``type`` ``"note"`` are lines of text (what a large graph leaves out).

    >>> legend_html([{"type": "color", "shape": "dot", "color": "red;x", "label": "<b>"}])[19:]
    '<li><span class="swatch dot" style="background:#999999"></span>&lt;b&gt;</li></ul>'
    """
    items = []
    for entry in legend:
        label = html.escape(str(entry.get("label", "")))
        color = _css_color(entry.get("color", "#999999"))
        kind = entry.get("type")
        if kind == "note":
            items.append(f'<li class="note">{label}</li>')
            continue
        if kind == "line":
            style = "dashed" if entry.get("dashes") else "solid"
            width = max(1.0, float(entry.get("width", 1)))
            mark = f'<span class="line" style="border-top:{width:g}px {style} {color}"></span>'
        elif kind == "size":
            # Drawn at zoom 1 here; the page rescales it to the current zoom.
            radius = float(entry.get("size", 8))
            mark = (
                f'<span class="swatch dot sized" data-radius="{radius:g}" '
                f'style="width:{2 * radius:g}px;height:{2 * radius:g}px"></span>'
            )
            label = f"{label} = {html.escape(str(entry.get('value', '')))}"
        else:
            shape = "box" if entry.get("shape") == "box" else "dot"
            mark = f'<span class="swatch {shape}" style="background:{color}"></span>'
        items.append(f"<li>{mark}{label}</li>")
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _lines_html(lines: Sequence[str], css_class: str) -> str:
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return f'<ul class="{css_class}">{items}</ul>'


def network_html(
    spec: VisualSpec,
    *,
    height: int = 720,
    title: str = "",
    provenance: Sequence[str] = (),
    filters: Sequence[str] = (),
    presentation: bool = False,
    lang: str | None = None,
) -> str:
    """One self-contained HTML page drawing ``spec`` with vis-network.

    Parameters
    ----------
    spec : VisualSpec
        From :func:`graph.encode.encode_bipartite` or ``encode_projection``.
    height : int
        Minimum height of the page in pixels; the page fills its window (or
        the app's iframe of this height).
    title : str
        Heading of the page and name of the saved PNG.
    provenance : sequence of str
        Lines saying where the picture comes from (document, time, data version).
    filters : sequence of str
        Lines describing the filters applied (``Filters.describe``).
    presentation : bool
        Larger fonts and higher contrast, for projectors.
    lang : {"zh", "en"}, optional
        Language of the page's own words; the spec's language by default.

    Returns
    -------
    str
        The HTML document. The drawn network is ``window.network``; the time of
        its first drawn frame (ms since navigation start) is set as
        ``window.firstDrawMs``, the time that frame is shown as
        ``window.firstPaintMs``. The first frame fits the highlighted nodes of
        ``spec`` (all nodes without a highlight). What a large graph leaves out
        is said in the legend.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> page = network_html(encode_bipartite(*tiny_inputs()), title="<tiny>")
    >>> "<title>&lt;tiny&gt;</title>" in page, "https://" in page.split("<script>")[0]
    (True, False)
    """
    lang = lang or spec.meta.get("lang", "zh")
    ui = page_words(lang)
    if presentation:
        spec = presentation_spec(spec)
    data = network_page_data(spec)
    script, style = vis_network_assets()
    notes = []
    if "measure_labels" in data["omitted"]:
        notes.append(term("labels_hidden", lang).format(limit=MEASURE_LABELS_UP_TO))
    if "edge_tooltips" in data["omitted"]:
        notes.append(term("edge_layer", lang).format(limit=EDGE_LAYER_FROM))
        if any(node.get("shape") == "box" for node in spec.nodes):
            notes[-1] += ("" if lang == "zh" else " ") + term("edge_layer_measures", lang)
    legend = [*spec.legend, *({"type": "note", "label": note} for note in notes)]
    page_title = html.escape(title or "network")
    return _asset_template("network.html").substitute(
        lang="zh-CN" if lang == "zh" else "en",
        page_title=page_title,
        heading=html.escape(title),
        body_class="presentation" if presentation else "",
        min_height=int(height),
        vis_css=style,
        page_css=_asset("network.css").replace("FONT_STACK", FONT_STACK),
        vis_js=script,
        data=script_json(data),
        ui=script_json({**ui, "file_name": (title or "network")}),
        legend_title=html.escape(ui["legend"]),
        legend=legend_html(legend),
        filters_title=html.escape(ui["filters"]),
        filters=_lines_html(filters, "filters"),
        provenance_title=html.escape(ui["provenance"]),
        provenance=_lines_html(provenance, "provenance"),
        search_label=html.escape(ui["search"]),
        search_button=html.escape(ui["search_button"]),
        png=html.escape(ui["png"]),
        fit_all=html.escape(ui["fit_all"]),
        fullscreen=html.escape(ui["fullscreen"]),
        noscript=html.escape(ui["noscript"]),
        page_js=_asset("network.js"),
    )


TASKLIST_COLUMNS = ("col_article", "col_measure", "col_text", "col_role", "col_partners")


def _article_cell(row) -> str:
    """Article number and title of a task row ("4. 降低准入门槛"), escaped."""
    import pandas as pd

    title = html.escape(str(row.article_title or ""))
    if pd.isna(row.article):
        return title
    return f"{int(row.article)}. {title}" if title else str(int(row.article))


def tasklist_html(
    tasks,
    *,
    title: str = "",
    provenance: Sequence[str] = (),
    lang: str = "zh",
    lead_role: str | None = None,
) -> str:
    """A printable HTML page of one or more agencies' task lists (分工表).

    Parameters
    ----------
    tasks : pandas.DataFrame
        From :func:`graph.export.tasklists` (columns ``agency``, ``agency_name``
        and those of :func:`graph.tasklist.task_list`), or a single
        ``task_list`` frame (shown as one list without agency heading).
    title : str
        Page heading.
    provenance : sequence of str
        Lines saying where the list comes from.
    lang : {"zh", "en"}
        Language of the page's own words.
    lead_role : str, optional
        The value of ``role`` that means lead (牵头 or lead by ``lang``).

    Returns
    -------
    str
        One HTML document: every text escaped, no script, no external
        resource, print styles (A4 landscape, repeated table headers, one
        agency per page).

    Examples
    --------
    >>> from graph.export import tasklists
    >>> from graph.fixtures import tiny_table
    >>> page = tasklist_html(tasklists(tiny_table(), ["aqsiq"]), title="<x>")
    >>> "<h1>&lt;x&gt;</h1>" in page, "<script" in page, "打击假冒。" in page
    (True, False, True)
    """
    lead = lead_role or role_name("lead", lang)
    if "agency" in tasks.columns:
        groups = [
            (str(frame["agency_name"].iloc[0]), frame)
            for _, frame in tasks.groupby("agency", sort=False)
        ]
    else:
        groups = [("", tasks)]
    sections = []
    for heading, frame in groups:
        rows = []
        for row in frame.itertuples(index=False):
            role_class = "lead" if row.role == lead else "partner"
            role = html.escape(str(row.role))
            if bool(row.shared_duty):
                role += f"<br>({html.escape(term('shared_duty', lang))})"
            rows.append(
                "<tr>"
                f"<td>{_article_cell(row)}</td>"
                f"<td>{html.escape(str(row.measure_id))}</td>"
                f"<td>{html.escape(str(row.measure_text))}</td>"
                f'<td class="role {role_class}">{role}</td>'
                f"<td>{html.escape(str(row.partners or ''))}</td>"
                "</tr>"
            )
        leads = int((frame["role"] == lead).sum())
        summary = term("tasklist_summary", lang).format(
            count=len(frame),
            leads=leads,
            partners=len(frame) - leads,
            shared=int(frame["shared_duty"].astype(bool).sum()),
        )
        head = "".join(f"<th>{html.escape(term(c, lang))}</th>" for c in TASKLIST_COLUMNS)
        body = (
            '<table><colgroup><col class="article"><col class="measure-id"><col class="text">'
            f'<col class="role"><col class="partners"></colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            if rows
            else f'<p class="empty">{html.escape(term("no_measures", lang))}</p>'
        )
        heading_html = f"<h2>{html.escape(heading)}</h2>" if heading else ""
        sections.append(
            f'<section class="agency">{heading_html}'
            f'<p class="summary">{html.escape(summary)}</p>{body}</section>'
        )
    page_title = title or term("tasklist", lang)
    return _asset_template("tasklist.html").substitute(
        lang="zh-CN" if lang == "zh" else "en",
        page_title=html.escape(page_title),
        heading=html.escape(page_title),
        css=_asset("tasklist.css").replace("FONT_STACK", FONT_STACK),
        provenance=_lines_html(provenance, "provenance"),
        sections="\n".join(sections),
    )


def figure_html(fig) -> str:
    """A plotly figure as one standalone HTML page with plotly.js inlined.

    MathJax is left out (plotly would load it from a CDN) and the plotly logo
    link is hidden, so the page makes no network request.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure

    Returns
    -------
    str
        The HTML document.
    """
    return fig.to_html(
        include_plotlyjs=True,
        include_mathjax=False,
        full_html=True,
        config={"displaylogo": False, "showSendToCloud": False},
    )
