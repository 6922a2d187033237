"""Renderers side by side on the same picture: ours, vis-network, sigma.js.

Before choosing how the network is drawn, three renderers were measured on
the same data (positions computed in Python, the same colours and sizes):

- ``ours``: the project's canvas renderer (``graph/assets/network-view.js``),
  the snapshot page itself;
- ``vis``: vis-network 9.1.2 (the copy bundled with pyvis) with positions
  fixed and physics off: the app's and the snapshots' renderer until this
  comparison;
- ``sigma``: sigma.js 3.0.3 with graphology 0.26.0 (WebGL), vendored from
  npm under ``benchmarks/vendor/`` with their licences; used here only.

For each: the time to the first drawn frame (as :mod:`benchmarks.browser`
measures it) and, on large graphs, the frames per second while zooming: the
page zooms by 1% in every animation frame for three seconds and counts the
frames drawn. Headless Chromium here has no GPU: WebGL runs on SwiftShader,
as on many meeting-room PCs, virtual desktops and machines whose GPU the
browser refuses.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
from pathlib import Path

from benchmarks.measure import Result

VENDOR = Path(__file__).resolve().parent / "vendor"
SIGMA = VENDOR / "sigma-3.0.3.min.js"
GRAPHOLOGY = VENDOR / "graphology-0.26.0.umd.min.js"
ZOOM_SECONDS = 3.0
DESCRIPTION = {
    "ours": "the project's canvas renderer (the snapshot page)",
    "vis": "vis-network 9.1.2 (pyvis's copy), positions fixed, physics off",
    "sigma": "sigma.js 3.0.3 + graphology 0.26.0 (WebGL; SwiftShader here)",
}

# How each page's view is zoomed by a factor around the frame's centre.
ZOOM = {
    "ours": "(f) => { const c = view.camera(); view.zoomAt(f, c.width / 2, c.height / 2); }",
    "vis": "(f) => network.moveTo({scale: network.getScale() * f, animation: false})",
    "sigma": "(f) => { const cam = renderer.getCamera();"
    " cam.setState({ratio: cam.getState().ratio / f}); }",
}
ZOOM_LOOP = """async ([zoom, seconds]) => {
  const step = eval(zoom);
  const times = [];
  return await new Promise((done) => {
    const start = performance.now();
    function frame(t) {
      times.push(t);
      step(1.01);
      if (t - start < seconds * 1000) { requestAnimationFrame(frame); } else { done(times); }
    }
    requestAnimationFrame(frame);
  });
}"""


def page_data(html: str) -> dict:
    """The view's data inside our snapshot page."""
    match = re.search(r'id="network-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _nodes_edges(data: dict) -> tuple[list[dict], list[tuple[int, int, dict]]]:
    flat, styles = data["edges"]["list"], data["edges"]["styles"]
    edges = [(flat[k], flat[k + 1], styles[flat[k + 2]]) for k in range(0, len(flat), 3)]
    return data["nodes"], edges


def _script_json(value: object) -> str:
    from graph.render import script_json

    return script_json(value)


MARK = """
window.firstDrawMs = performance.now();
requestAnimationFrame(function () { window.firstPaintMs = performance.now(); });
"""


def vis_html(data: dict) -> str:
    """The picture drawn by vis-network 9.1.2 with fixed positions, offline."""
    import pyvis

    library = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(
        encoding="utf-8"
    )
    nodes, edges = _nodes_edges(data)
    vis_nodes = [
        {k: v for k, v in node.items() if k not in ("card", "labelPosition")} for node in nodes
    ]
    ids = [node["id"] for node in nodes]
    vis_edges = [
        {
            "from": ids[a],
            "to": ids[b],
            "color": s["color"],
            "width": s["width"],
            "dashes": s["dashes"],
        }
        for a, b, s in edges
    ]
    options = {
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False},
        "interaction": {"dragNodes": False, "hideEdgesOnDrag": True},
    }
    body = _script_json({"nodes": vis_nodes, "edges": vis_edges, "options": options})
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>html,body{margin:0;height:100%}"
        "#n{position:absolute;inset:0}</style></head><body><div id='n'></div>"
        f"<script type='application/json' id='d'>{body}</script><script>{library}</script><script>"
        "var d = JSON.parse(document.getElementById('d').textContent);"
        "window.network = new vis.Network(document.getElementById('n'),"
        " {nodes: d.nodes, edges: d.edges}, d.options);"
        "network.once('afterDrawing', function () {" + MARK + "});"
        "</script></body></html>"
    )


def sigma_html(data: dict) -> str:
    """The picture drawn by sigma.js 3 + graphology (WebGL), offline."""
    nodes, edges = _nodes_edges(data)
    flat = [
        [
            n["id"],
            n["x"],
            -n["y"],
            (n.get("size") or 6) / 2,
            n["color"]["background"],
            n.get("label", ""),
        ]
        for n in nodes
    ]
    links = [[a, b, s["width"], s["color"]] for a, b, s in edges]
    body = _script_json({"nodes": flat, "edges": links})
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>html,body{margin:0;height:100%}"
        "#n{position:absolute;inset:0}</style></head><body><div id='n'></div>"
        f"<script type='application/json' id='d'>{body}</script>"
        f"<script>{GRAPHOLOGY.read_text(encoding='utf-8')}</script>"
        f"<script>{SIGMA.read_text(encoding='utf-8')}</script><script>"
        "var d = JSON.parse(document.getElementById('d').textContent);"
        "var g = new graphology.Graph({type: 'undirected', multi: false});"
        "d.nodes.forEach(function (n) { g.addNode(n[0], {x: n[1], y: n[2], size: n[3],"
        " color: n[4], label: n[5]}); });"
        "d.edges.forEach(function (e, k) { g.addEdgeWithKey(k, d.nodes[e[0]][0], d.nodes[e[1]][0],"
        " {size: e[2], color: e[3]}); });"
        "window.renderer = new Sigma(g, document.getElementById('n'),"
        " {itemSizesReference: 'positions', zoomToSizeRatioFunction: function (x) { return x; }});"
        + MARK
        + "</script></body></html>"
    )


def zoom_fps(browser, path: Path, kind: str, viewport: dict) -> Result:
    """Frames per second while ``kind``'s page zooms for ZOOM_SECONDS, in a fresh context."""
    result = Result(f"zoom_fps_{kind}")
    context = browser.new_context(viewport=viewport)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri(), timeout=120_000)
        page.wait_for_function("window.firstPaintMs !== undefined", timeout=120_000)
        page.wait_for_timeout(300)
        times = page.evaluate(ZOOM_LOOP, [ZOOM[kind], ZOOM_SECONDS])
    finally:
        context.close()
    gaps = [(b - a) / 1000 for a, b in itertools.pairwise(times)]
    fps = (len(times) - 1) / ((times[-1] - times[0]) / 1000) if len(times) > 1 else 0.0
    result.times = gaps
    result.ratio = round(fps, 1)
    result.note = (
        f"frames per second while zooming 1% a frame for {ZOOM_SECONDS:g} s (in ratio); "
        f"median frame {statistics.median(gaps) * 1000:.0f} ms"
        if gaps
        else "no frame drawn"
    )
    return result
