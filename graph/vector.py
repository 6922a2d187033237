"""The current view as vector graphics for reports: SVG, and PDF printed by Chromium.

The SVG is written here, in Python, from the same :class:`~graph.encode.VisualSpec`
the view draws: lines, dots and boxes, labels (with the same halo), then the
legend beside the drawing, and the title, filters and provenance around it.
It is text that a report's author can open, scale and edit; every text from
the data is escaped (XML), every colour checked. Label widths are estimated
generously (:func:`graph.scenes.text_width`) only to size the page; the
reader's font draws them.

The PDF is that SVG printed by Chromium (Playwright's ``page.pdf``) on a page
of its size: vector paths and real text, CJK included (Noto CJK, installed
with the system packages of ``make test``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from graph.encode import VisualSpec
from graph.labels import term
from graph.render import FONT_STACK, presentation_spec
from graph.scenes import bounds as _bounds
from graph.scenes import label_box as _label_box
from graph.scenes import shape_box as _shape_box

DRAWING_WIDTH = 1200.0  # the network's width on the page, in SVG units (px)
LEGEND_WIDTH = 300.0
MARGIN = 24.0
LINE_HEIGHT = 1.2
_COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|rgba?\([0-9., ]+\)|[a-z]{3,20}")


def _color(value: object) -> str:
    """A colour safe to write into an attribute (anything else becomes grey)."""
    text = str(value)
    return text if _COLOR.fullmatch(text) else "#999999"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, size: float, **attrs: str) -> str:
    """A ``<text>`` of one or more lines, centred on (x, y) vertically."""
    lines = str(text).split("\n")
    extra = "".join(f' {k.replace("_", "-")}="{_esc(v)}"' for k, v in attrs.items())
    first = y - (len(lines) - 1) * size * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(first + i * size * LINE_HEIGHT)}">{_esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="{_num(size)}" dominant-baseline="central"{extra}>{spans}</text>'


def _drawing(spec: VisualSpec, scale: float, dx: float, dy: float) -> list[str]:
    """The network: lines, then shapes, then labels, in page units."""
    place = {n["id"]: (n["x"] * scale + dx, n["y"] * scale + dy) for n in spec.nodes}
    out = ['<g class="lines" fill="none" stroke-linecap="round">']
    for edge in spec.edges:
        (x1, y1), (x2, y2) = place[edge["from"]], place[edge["to"]]
        width = max(float(edge.get("width", 1)) * scale, 0.3)
        dash = (
            f' stroke-dasharray="{_num(5 * scale)} {_num(5 * scale)}"' if edge.get("dashes") else ""
        )
        out.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{_color(edge.get("color", "#848484"))}" stroke-width="{_num(width)}"{dash}/>'
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    for node in spec.nodes:
        color = node.get("color", {})
        fill, stroke = (
            _color(color.get("background", "#97c2fc")),
            _color(color.get("border", "#333")),
        )
        border = _num(max(float(node.get("borderWidth", 1)) * scale, 0.3))
        left, top, w, h = _shape_box(node)
        if node.get("shape") == "box":
            out.append(
                f'<rect x="{_num(left * scale + dx)}" y="{_num(top * scale + dy)}" '
                f'width="{_num(w * scale)}" height="{_num(h * scale)}" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="{border}"/>'
            )
        else:
            x, y = place[node["id"]]
            out.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(float(node.get("size", 8)) * scale)}" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="{border}"/>'
            )
    out.append("</g>")
    out.append('<g class="labels" text-anchor="middle">')
    for node in spec.nodes:
        box = _label_box(node)
        if not box:
            continue
        font = node.get("font", {})
        size = float(font.get("size", 14)) * scale
        cx = (box[0] + box[2] / 2) * scale + dx
        cy = (box[1] + box[3] / 2) * scale + dy
        halo = {}
        if font.get("strokeWidth"):
            halo = {
                "stroke": _color(font.get("strokeColor", "#FFFFFF")),
                "stroke_width": _num(float(font["strokeWidth"]) * scale),
                "paint_order": "stroke",
                "stroke_linejoin": "round",
            }
        out.append(
            _text(cx, cy, node["label"], size, fill=_color(font.get("color", "#1a1a1a")), **halo)
        )
    out.append("</g>")
    return out


def _legend(
    legend: Sequence[dict], x: float, y: float, size: float, lang: str
) -> tuple[list[str], float]:
    """The legend as SVG at (x, y); its height."""
    out = [_text(x, y + size / 2, term("legend", lang), size * 1.1, font_weight="bold")]
    row = size * 1.6
    y += row * 1.2
    for entry in legend:
        label = str(entry.get("label", ""))
        kind = entry.get("type")
        color = _color(entry.get("color", "#999999"))
        mid = y + row / 2
        if kind == "note":
            out.append(_text(x, mid, label, size * 0.85, fill="#555555"))
            y += row
            continue
        if kind == "line":
            dash = ' stroke-dasharray="5 5"' if entry.get("dashes") else ""
            out.append(
                f'<line x1="{_num(x)}" y1="{_num(mid)}" x2="{_num(x + 28)}" y2="{_num(mid)}" '
                f'stroke="{color}" stroke-width="{_num(max(1.0, float(entry.get("width", 1))))}"{dash}/>'
            )
        elif kind == "size":
            r = min(float(entry.get("size", 8)) / 2, row / 2)
            out.append(
                f'<circle cx="{_num(x + 14)}" cy="{_num(mid)}" r="{_num(r)}" fill="#BBBBBB" stroke="#333333"/>'
            )
            label = f"{label} = {entry.get('value', '')}"
        elif entry.get("shape") == "box":
            out.append(
                f'<rect x="{_num(x + 7)}" y="{_num(mid - 7)}" width="14" height="14" fill="{color}" stroke="#333333"/>'
            )
        else:
            out.append(
                f'<circle cx="{_num(x + 14)}" cy="{_num(mid)}" r="7" fill="{color}" stroke="#333333"/>'
            )
        out.append(_text(x + 36, mid, label, size))
        y += row
    return out, y


def view_svg(
    spec: VisualSpec,
    *,
    title: str = "",
    provenance: Sequence[str] = (),
    filters: Sequence[str] = (),
    presentation: bool = False,
    lang: str | None = None,
) -> str:
    """The view as one SVG document: title, drawing, legend, filters and provenance.

    Parameters
    ----------
    spec : VisualSpec
        The view (:func:`graph.views.view_spec`).
    title : str
        Heading above the drawing.
    provenance, filters : sequence of str
        Lines under the drawing (as the snapshot's footer).
    presentation : bool
        The projector's larger labels and darker lines (:func:`graph.render.presentation_spec`).
    lang : {"zh", "en"}, optional
        Language of the legend's heading and footer words; the spec's by default.

    Returns
    -------
    str
        A standalone SVG (UTF-8 XML, ``width``/``height`` in px, a ``viewBox``);
        nothing in it refers to another file.

    Examples
    --------
    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> svg = view_svg(encode_bipartite(*tiny_inputs()), title="<tiny>")
    >>> svg.startswith("<?xml"), "&lt;tiny&gt;" in svg, svg.count("<circle") >= 5
    (True, True, True)
    """
    lang = lang or spec.meta.get("lang", "zh")
    if presentation:
        spec = presentation_spec(spec)
    left, top, width, height = _bounds(spec.nodes)
    scale = DRAWING_WIDTH / width
    if height * scale > 1.6 * DRAWING_WIDTH:  # a tall two-column picture: fit its height
        scale = 1.6 * DRAWING_WIDTH / height
    drawn_w, drawn_h = width * scale, height * scale
    size = 16.0
    head = MARGIN + (size * 1.6 if title else 0)
    dx, dy = MARGIN - left * scale, head + MARGIN - top * scale
    legend, legend_bottom = _legend(spec.legend, MARGIN * 2 + drawn_w, head + MARGIN, 13.0, lang)
    body_bottom = max(head + MARGIN + drawn_h, legend_bottom)
    foot = []
    y = body_bottom + MARGIN
    for key, lines in (("filters", filters), ("provenance", provenance)):
        if not lines:
            continue
        foot.append(
            _text(MARGIN, y + 7, term(key, lang), 13.0, text_anchor="start", font_weight="bold")
        )
        y += 13.0 * 1.5
        for line in lines:
            foot.append(_text(MARGIN, y + 6, line, 12.0, text_anchor="start", fill="#444444"))
            y += 12.0 * 1.5
    page_w = MARGIN * 3 + drawn_w + LEGEND_WIDTH
    page_h = y + MARGIN
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(page_w)}" height="{_num(page_h)}" '
        f'viewBox="0 0 {_num(page_w)} {_num(page_h)}" font-family="{_esc(FONT_STACK)}">',
        f"<title>{_esc(title or 'network')}</title>",
        f'<rect x="0" y="0" width="{_num(page_w)}" height="{_num(page_h)}" fill="#FFFFFF"/>',
    ]
    if title:
        parts.append(
            _text(
                MARGIN,
                MARGIN + size * 0.6,
                title,
                size * 1.3,
                text_anchor="start",
                font_weight="bold",
            )
        )
    parts += _drawing(spec, scale, dx, dy)
    parts.append('<g class="legend" text-anchor="start">')
    parts += legend
    parts.append("</g>")
    parts.append('<g class="footer">')
    parts += foot
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def svg_size(svg: str) -> tuple[float, float]:
    """``(width, height)`` in px of an SVG written by :func:`view_svg`."""
    match = re.search(r'<svg[^>]* width="([0-9.]+)" height="([0-9.]+)"', svg)
    if not match:
        raise ValueError("not an SVG of graph.vector.view_svg: no width and height")
    return float(match.group(1)), float(match.group(2))


def svg_pdf(svg: str) -> bytes:
    """The SVG printed by Chromium as a one-page PDF of its size (vector, text kept).

    Parameters
    ----------
    svg : str
        From :func:`view_svg`.

    Raises
    ------
    RuntimeError
        When Playwright or Chromium is not installed (the message says what to install).
    """
    from graph.chromium import launched

    width, height = svg_size(svg)
    body = svg.split("?>", 1)[-1]
    page_html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        f"@page {{ size: {width + 1:.0f}px {height + 1:.0f}px; margin: 0; }}"
        "html, body { margin: 0; padding: 0; } svg { display: block; }"
        f"</style></head><body>{body}</body></html>"
    )
    with launched() as browser:
        context = browser.new_context()
        # Nothing may be fetched while printing: the page is self-contained.
        context.route("**/*", lambda route: route.abort())
        page = context.new_page()
        page.set_content(page_html, wait_until="load")
        # A pixel of room: rounding pixels to points must not spill onto a second page.
        return page.pdf(
            width=f"{width + 1:.0f}px",
            height=f"{height + 1:.0f}px",
            print_background=True,
            page_ranges="1",
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
        )
