"""Render a :class:`~graph.encode.VisualSpec`: the network view's data, and one offline page.

The network is drawn by the project's own renderer, ``graph/assets/network-view.js``
(a canvas drawing of the positions computed in Python: no physics, no
library, nothing fetched). :func:`network_page_data` turns a spec into what
that script reads; the app's component (:mod:`app_pages.network_view`) and
the offline snapshot (:func:`network_html`) hand it the same data, so the two
draw the same picture with the same code.

Escaping, in one place each:

- text placed in HTML by Python (the page's title) goes through
  :func:`html.escape`;
- node and edge data travel as JSON in a ``<script type="application/json">``
  block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so no data can
  close the block; the page reads it with ``JSON.parse``;
- the script puts every text into the page with ``textContent`` (legend,
  card, tooltip, search list, filters, provenance) or draws it on the canvas;
  it never parses data as HTML.

Positions are fixed, so the first frame is the final picture. It shows the
spec's highlighted nodes (``spec.meta["highlight"]``) or, without a
highlight, the whole network; a "show all" button shows everything. Large
graphs leave out measure labels and line tooltips (:func:`network_page_data`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from graph.encode import DIMMED_TEXT, VisualSpec
from graph.labels import role_name, term

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
# Every label is measured once when the view is built (boxes and the fit need
# their size); above this many nodes measure boxes lose their label (the
# measure id, also in the tooltip and found by the search box).
MEASURE_LABELS_UP_TO = 5000
# Lines show a tooltip when hovered up to this many lines (each line's text
# travels with the page); above, the legend says they have none.
EDGE_TITLES_UP_TO = 5000
PRESENTATION_FONT_SCALE = 1.6

# The view's own words (keys of graph.labels.TERMS), handed to its script as ``ui``.
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
    "close",
    "partners",
    "open_profile",
    "back",
)

ASSETS = Path(__file__).resolve().parent / "assets"


def page_words(lang: str) -> dict[str, str]:
    """The view's own words in ``lang`` (for its script and the page template)."""
    return {key: term(key, lang) for key in UI_TERMS} | {"separator": term("list_separator", lang)}


@cache
def _asset(name: str) -> str:
    """A file of the pages' own CSS, JavaScript or HTML templates (``graph/assets``)."""
    return (ASSETS / name).read_text(encoding="utf-8")


def _asset_template(name: str) -> string.Template:
    """An HTML template with ``$name`` placeholders; values are escaped by the caller."""
    return string.Template(_asset(name))


VIEW_SCRIPT = "network-view.js"


@cache
def view_script() -> str:
    """The renderer's JavaScript, safe to inline in a ``<script>`` block."""
    return re.sub(r"</(script)", r"<\\/\1", _asset(VIEW_SCRIPT), flags=re.IGNORECASE)


@cache
def view_script_version() -> str:
    """A short hash of the renderer's script: part of its URL, so browsers never keep a stale copy."""
    return hashlib.sha256(_asset(VIEW_SCRIPT).encode("utf-8")).hexdigest()[:12]


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


def _edge_layer(spec: VisualSpec, index: dict[str, int], titles: bool) -> dict:
    """Edges as ``{"styles", "list", "titles"}``: styles ``{color, width, dashes}``
    (dimmed first, so emphasised lines are stroked over them), ``list`` flat
    ``[from, to, style, ...]`` with nodes and styles as indices, ``titles`` per
    edge or None."""
    from graph.encode import DIMMED_COLOR

    styles: dict[tuple, int] = {}
    flat: list[int] = []
    for edge in spec.edges:
        key = (str(edge.get("color", "#848484")), float(edge.get("width", 1)))
        key += (bool(edge.get("dashes", False)),)
        style = styles.setdefault(key, len(styles))
        flat += [index[edge["from"]], index[edge["to"]], style]
    order = sorted(styles, key=lambda k: (k[0] != DIMMED_COLOR, styles[k]))
    renumber = {styles[k]: i for i, k in enumerate(order)}
    flat[2::3] = [renumber[style] for style in flat[2::3]]
    return {
        "styles": [{"color": c, "width": w, "dashes": d} for c, w, d in order],
        "list": flat,
        "titles": [str(edge.get("title", "")) for edge in spec.edges] if titles else None,
    }


def network_page_data(
    spec: VisualSpec,
    *,
    title: str = "",
    provenance: Sequence[str] = (),
    filters: Sequence[str] = (),
    presentation: bool = False,
    lang: str | None = None,
    view_key: str = "",
    file_name: str | None = None,
) -> dict:
    """What the network view's script reads: the spec's nodes, lines, legend and the page's words.

    Graphs up to ``MEASURE_LABELS_UP_TO`` nodes and ``EDGE_TITLES_UP_TO``
    edges are drawn exactly as the spec says. Larger ones leave out what costs
    most and shows least at the zoom that fits them: measure boxes lose their
    label (the measure id; still in the tooltip and the search), lines lose
    their tooltip. The legend says so.

    Parameters
    ----------
    spec : VisualSpec
    title : str
        Heading shown above the drawing (none when empty).
    provenance, filters : sequence of str
        Lines shown under the drawing.
    presentation : bool
        Larger labels, darker lines (:func:`presentation_spec`), larger type.
    lang : {"zh", "en"}, optional
        Language of the view's own words; the spec's by default.
    view_key : str
        Names the layout the positions come from: the view keeps its zoom
        across updates with the same key and fits again when it changes.
    file_name : str, optional
        Name of a saved PNG (the title by default).

    Returns
    -------
    dict
        ``nodes`` (the spec's node dicts), ``edges`` (:func:`_edge_layer`),
        ``legend``, ``names`` (per node, the text the search finds), ``focus``
        (ids the first view fits; empty means all), ``omitted``
        (``"measure_labels"``, ``"edge_tooltips"``), ``ui`` (words), and
        ``title``, ``filters``, ``provenance``, ``presentation``, ``viewKey``,
        ``fileName``, ``dimmedText``.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> data = network_page_data(encode_bipartite(*tiny_inputs(), highlight={"agency:saic"}))
    >>> data["focus"], data["names"][:2], data["edges"]["list"][:3], data["omitted"]
    (['agency:saic'], ['M01.01', 'M01.02'], [0, 5, 0], [])
    """
    lang = lang or spec.meta.get("lang", "zh")
    if presentation:
        spec = presentation_spec(spec)
    nodes = spec.nodes
    names = [str(node.get("label") or node["id"]) for node in nodes]
    omitted = []
    notes = []
    if len(nodes) > MEASURE_LABELS_UP_TO:
        omitted.append("measure_labels")
        notes.append(term("labels_hidden", lang).format(limit=MEASURE_LABELS_UP_TO))
        nodes = [
            {k: v for k, v in node.items() if k not in ("label", "font")}
            if node.get("shape") == "box"
            else node
            for node in nodes
        ]
    titles = len(spec.edges) <= EDGE_TITLES_UP_TO
    if not titles:
        omitted.append("edge_tooltips")
        notes.append(term("edge_layer", lang).format(limit=EDGE_TITLES_UP_TO))
        if any(node.get("shape") == "box" for node in nodes):
            notes[-1] += ("" if lang == "zh" else " ") + term("edge_layer_measures", lang)
    index = {node["id"]: i for i, node in enumerate(nodes)}
    return {
        "nodes": nodes,
        "edges": _edge_layer(spec, index, titles),
        "legend": [*spec.legend, *({"type": "note", "label": note} for note in notes)],
        "names": names,
        "focus": list(spec.meta.get("highlight", [])),
        "omitted": omitted,
        "ui": page_words(lang),
        "title": title,
        "filters": list(filters),
        "provenance": list(provenance),
        "presentation": presentation,
        "viewKey": view_key,
        "fileName": file_name or title or "network",
        "dimmedText": DIMMED_TEXT,
    }


def presentation_spec(spec: VisualSpec) -> VisualSpec:
    """The spec for a projector: larger labels, black text, darker and wider lines.

    A scene's spec (``meta["scene"]``, :func:`graph.scenes.arrange_scene`) has
    the projector's fonts already: only its lines change.
    """
    nodes = []
    for node in spec.nodes:
        if spec.meta.get("scene"):
            nodes.append(node)
            continue
        font = dict(node.get("font", {}))
        font["size"] = round(font.get("size", 14) * PRESENTATION_FONT_SCALE)
        if font.get("color") not in (None, DIMMED_TEXT):
            font["color"] = "#000000"
        nodes.append({**node, "font": font})
    edges = [
        {**edge, "width": round(edge.get("width", 1) * 1.5, 2), "color": _darker(edge.get("color"))}
        for edge in spec.edges
    ]
    return VisualSpec(nodes=nodes, edges=edges, legend=spec.legend, meta=spec.meta)


def _darker(color: object) -> object:
    return {"#9A9A9A": "#5C5C5C", "#4D4D4D": "#111111"}.get(color, color)


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
    """One self-contained HTML page drawing ``spec`` with the network view.

    Parameters
    ----------
    spec : VisualSpec
        From :func:`graph.encode.encode_bipartite` or ``encode_projection``.
    height : int
        Minimum height of the page in pixels; the page fills its window.
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
        The HTML document. The view is ``window.view`` (see
        ``graph/assets/network-view.js``); the time of its first drawn frame
        (ms since navigation start) is ``window.firstDrawMs``, the time that
        frame is shown ``window.firstPaintMs``.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> page = network_html(encode_bipartite(*tiny_inputs()), title="<tiny>")
    >>> "<title>&lt;tiny&gt;</title>" in page, re.search("(src|href)=", page) is None
    (True, True)
    """
    lang = lang or spec.meta.get("lang", "zh")
    data = network_page_data(
        spec,
        title=title,
        provenance=provenance,
        filters=filters,
        presentation=presentation,
        lang=lang,
    )
    return _asset_template("network.html").substitute(
        lang="zh-CN" if lang == "zh" else "en",
        page_title=html.escape(title or "network"),
        min_height=int(height),
        noscript=html.escape(term("noscript", lang)),
        data=script_json(data),
        view_js=view_script(),
    )


def _lines_html(lines: Sequence[str], css_class: str) -> str:
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return f'<ul class="{css_class}">{items}</ul>'


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
