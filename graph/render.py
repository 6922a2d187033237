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
first frame is the final picture.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from graph.encode import VisualSpec

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
# Above this many edges, edges are also hidden while zooming: redrawing tens of
# thousands of lines on every wheel step makes zooming stutter.
HIDE_EDGES_ON_ZOOM_FROM = 5000
PRESENTATION_FONT_SCALE = 1.6
_COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|rgba?\([0-9., ]+\)|[a-z]{3,20}")

UI = {
    "zh": {
        "search": "搜索节点",
        "search_button": "定位",
        "not_found": "未找到：",
        "found": "已定位：",
        "png": "保存为 PNG",
        "fullscreen": "全屏",
        "legend": "图例",
        "filters": "筛选条件",
        "provenance": "来源",
        "noscript": "此页面需要启用 JavaScript 才能显示网络图。",
    },
    "en": {
        "search": "Find a node",
        "search_button": "Find",
        "not_found": "Not found: ",
        "found": "Showing: ",
        "png": "Save as PNG",
        "fullscreen": "Full screen",
        "legend": "Legend",
        "filters": "Filters",
        "provenance": "Source",
        "noscript": "This page needs JavaScript to draw the network.",
    },
}


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

    Nodes are added one by one with :meth:`pyvis.network.Network.add_node`
    (never ``from_nx``, which rewrites the graph it is given), with colour
    passed explicitly and no ``group`` (pyvis drops ``color`` when a group is
    given); edges are assigned as one list, since ``add_edge`` scans all edges
    on every call.
    """
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for node in spec.nodes:
        options = {k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")}
        net.add_node(
            node["id"],
            label=node.get("label") or str(node["id"]),
            shape=node.get("shape", "dot"),
            color=node.get("color", "#97c2fc"),
            **options,
        )
    net.edges = [dict(edge) for edge in spec.edges]
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


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

    >>> legend_html([{"type": "color", "shape": "dot", "color": "red;x", "label": "<b>"}])[19:]
    '<li><span class="swatch dot" style="background:#999999"></span>&lt;b&gt;</li></ul>'
    """
    items = []
    for entry in legend:
        label = html.escape(str(entry.get("label", "")))
        color = _css_color(entry.get("color", "#999999"))
        kind = entry.get("type")
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
        ``window.firstDrawMs``.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_graph
    >>> page = network_html(encode_bipartite(tiny_graph()), title="<tiny>")
    >>> "<title>&lt;tiny&gt;</title>" in page, "https://" in page.split("<script>")[0]
    (True, False)
    """
    lang = lang or spec.meta.get("lang", "zh")
    ui = UI.get(lang, UI["zh"])
    if presentation:
        spec = presentation_spec(spec)
    nodes, edges = pyvis_network_data(spec)
    script, style = vis_network_assets()
    data = {"nodes": nodes, "edges": edges, "options": vis_options(len(edges))}
    page_title = html.escape(title or "network")
    return _PAGE.format(
        lang="zh-CN" if lang == "zh" else "en",
        page_title=page_title,
        heading=html.escape(title),
        body_class="presentation" if presentation else "",
        min_height=int(height),
        vis_css=style,
        page_css=_PAGE_CSS.replace("FONT_STACK", FONT_STACK),
        vis_js=script,
        data=script_json(data),
        ui=script_json({**ui, "file_name": (title or "network")}),
        legend_title=html.escape(ui["legend"]),
        legend=legend_html(spec.legend),
        filters_title=html.escape(ui["filters"]),
        filters=_lines_html(filters, "filters"),
        provenance_title=html.escape(ui["provenance"]),
        provenance=_lines_html(provenance, "provenance"),
        search_label=html.escape(ui["search"]),
        search_button=html.escape(ui["search_button"]),
        png=html.escape(ui["png"]),
        fullscreen=html.escape(ui["fullscreen"]),
        noscript=html.escape(ui["noscript"]),
        page_js=_PAGE_JS,
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
        config={"displaylogo": False, "showLink": False, "showSendToCloud": False},
    )


_PAGE_CSS = """
html, body { margin: 0; padding: 0; height: 100%; }
body { font-family: FONT_STACK; color: #1a1a1a; background: #fff; display: flex;
  flex-direction: column; min-height: var(--min-height); height: 100vh; }
header { padding: 6px 12px 0; }
header h1 { font-size: 18px; margin: 0; line-height: 1.3; }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 12px; }
#toolbar input { font: inherit; padding: 3px 6px; min-width: 14em; }
#toolbar button { font: inherit; padding: 3px 10px; cursor: pointer; }
#search-status { color: #555; font-size: 13px; }
#stage { position: relative; flex: 1 1 auto; min-height: 240px; border-top: 1px solid #ddd;
  border-bottom: 1px solid #ddd; }
#network { position: absolute; inset: 0; }
#legend { position: absolute; top: 8px; right: 8px; max-height: calc(100% - 16px); overflow: auto;
  background: rgba(255,255,255,0.92); border: 1px solid #ccc; border-radius: 4px;
  padding: 4px 10px; font-size: 13px; max-width: 40%; }
#legend summary { font-weight: bold; cursor: pointer; }
ul.legend { list-style: none; margin: 4px 0; padding: 0; }
ul.legend li { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #333;
  flex: none; }
.swatch.dot { border-radius: 50%; }
.swatch.sized { background: #bbb; }
.swatch.box { border-radius: 2px; }
.line { display: inline-block; width: 28px; height: 0; flex: none; }
footer { display: flex; flex-wrap: wrap; gap: 4px 24px; padding: 4px 12px 6px; font-size: 12px;
  color: #444; }
footer h2 { font-size: 12px; margin: 0; display: inline; }
footer ul { display: inline; margin: 0; padding: 0 0 0 6px; list-style: none; }
footer li { display: inline; }
footer li + li::before { content: " · "; }
div.vis-tooltip { white-space: pre-wrap; max-width: 30em; font-family: FONT_STACK;
  font-size: 13px; line-height: 1.45; }
body.presentation header h1 { font-size: 28px; }
body.presentation #legend { font-size: 18px; }
body.presentation footer { font-size: 15px; color: #000; }
body.presentation footer h2 { font-size: 15px; }
body.presentation .swatch { width: 18px; height: 18px; }
body.presentation div.vis-tooltip { font-size: 18px; }
:fullscreen body, body:fullscreen { height: 100vh; }
"""

_PAGE_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var ui = JSON.parse(document.getElementById("page-words").textContent);
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: data.nodes, edges: data.edges},
                                data.options);
  network.once("afterDrawing", function () {
    window.firstDrawMs = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });
  window.network = network;

  // Size swatches show node sizes as drawn at the current zoom.
  var sized = document.querySelectorAll(".swatch.sized");
  var shownScale = null;
  network.on("afterDrawing", function () {
    var scale = network.getScale();
    if (scale === shownScale) { return; }
    shownScale = scale;
    sized.forEach(function (swatch) {
      var diameter = Math.max(4, 2 * Number(swatch.getAttribute("data-radius")) * scale);
      swatch.style.width = diameter + "px";
      swatch.style.height = diameter + "px";
    });
  });

  var byLabel = {};
  var list = document.getElementById("node-names");
  data.nodes.forEach(function (node) {
    var label = String(node.label);
    if (!(label in byLabel)) {
      byLabel[label] = node.id;
      var option = document.createElement("option");
      option.value = label;
      list.appendChild(option);
    }
  });

  function findNode(query) {
    var wanted = query.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = null, partial = null;
    data.nodes.forEach(function (node) {
      var label = String(node.label).toLowerCase();
      var id = String(node.id).toLowerCase();
      if (exact === null && (label === wanted || id === wanted)) { exact = node; }
      if (partial === null && (label.indexOf(wanted) >= 0 || id.indexOf(wanted) >= 0)) {
        partial = node;
      }
    });
    return exact || partial;
  }

  var status = document.getElementById("search-status");
  function focusNode(event) {
    if (event) { event.preventDefault(); }
    var query = document.getElementById("search").value;
    var node = findNode(query);
    if (node === null) {
      status.textContent = ui.not_found + query;
      return;
    }
    network.selectNodes([node.id]);
    network.focus(node.id, {scale: Math.max(network.getScale(), 1.4), animation: false});
    status.textContent = ui.found + String(node.label);
  }
  document.getElementById("search-form").addEventListener("submit", focusNode);

  document.getElementById("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    var context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.href = out.toDataURL("image/png");
    link.download = ui.file_name.replace(/[\\\\/:*?"<>|]+/g, "_") + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  document.getElementById("fullscreen").addEventListener("click", function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen();
    }
  });
  document.addEventListener("fullscreenchange", function () {
    network.redraw();
    network.fit({animation: false});
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}</title>
<style>{vis_css}</style>
<style>{page_css}</style>
</head>
<body class="{body_class}" style="--min-height: {min_height}px">
<header><h1 id="title">{heading}</h1></header>
<div id="toolbar">
<form id="search-form" role="search">
<input id="search" type="search" list="node-names" placeholder="{search_label}"
 aria-label="{search_label}" autocomplete="off">
<button type="submit" id="search-button">{search_button}</button>
</form>
<datalist id="node-names"></datalist>
<span id="search-status" aria-live="polite"></span>
<button type="button" id="save-png">{png}</button>
<button type="button" id="fullscreen">{fullscreen}</button>
</div>
<div id="stage">
<div id="network"></div>
<details id="legend" open><summary>{legend_title}</summary>{legend}</details>
</div>
<footer>
<div id="filters-box"><h2>{filters_title}</h2>{filters}</div>
<div id="provenance-box"><h2>{provenance_title}</h2>{provenance}</div>
</footer>
<noscript>{noscript}</noscript>
<script type="application/json" id="network-data">{data}</script>
<script type="application/json" id="page-words">{ui}</script>
<script>{vis_js}</script>
<script>{page_js}</script>
</body>
</html>
"""
