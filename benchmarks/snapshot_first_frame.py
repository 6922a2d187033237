"""Snapshot size and time to vis-network's first drawn frame, offline, in headless Chromium.

Measured in the page: the snapshot sets ``window.firstDrawMs`` to
``performance.now()`` (milliseconds since navigation start) in vis-network's
first ``afterDrawing`` event, and ``window.firstPaintMs`` in the animation frame
that follows it, once the drawn canvas has been rasterised and shown (dashed
lines, for one, cost little to draw and much to rasterise). Each load is a fresh browser context opening the
file from ``file://`` with every other request aborted; the browser process is
reused. Reported: bytes, then the median, minimum and maximum over ``--repeat``
loads, and the Python time to build the page; the one-minute load average
before and after each page's loads says how busy the (shared) machine was.

Pages:

- ``bundled``: ``snapshot_html`` of the bundled document, default options;
- ``synthetic-N``: a generated document (``benchmarks.corpus``, the bundled
  document's shape at a larger scale) with about N nodes, two-column layout.
  Its metrics are reduced to the measure count, since full agency metrics
  (closeness on 10,000 nodes) take minutes and do not change what is drawn.

Large graphs are drawn differently (see :func:`graph.render.network_page_data`):
above ``EDGE_LAYER_FROM`` edges the page strokes the edges itself, above
``MEASURE_LABELS_UP_TO`` nodes measure boxes have no label.

Run: ``.venv/bin/python -m benchmarks.snapshot_first_frame --nodes 10000 --repeat 7``
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.browser import CHROMIUM, LAUNCH_ARGS


def bundled_page() -> str:
    from graph.snapshot import SnapshotOptions, snapshot_html
    from graph.table import load_measures

    return snapshot_html(load_measures(), SnapshotOptions())


def synthetic_table(nodes: int) -> pd.DataFrame:
    """A generated measures table whose bipartite graph has about ``nodes`` nodes."""
    from benchmarks.corpus import generate_corpus

    scale = 1.0
    for _ in range(3):  # measures grow about linearly with the scale: refine the guess
        frame = generate_corpus(scale).expected_frame()
        measures, agencies = frame["measure_id"].nunique(), frame["agency"].nunique()
        if abs(measures + agencies - nodes) <= 0.01 * nodes:
            break
        scale *= (nodes - agencies) / measures
    order = {m: i for i, m in enumerate(dict.fromkeys(frame["measure_id"]))}
    frame.insert(0, "document", "synthetic")
    frame["source_start"] = frame["measure_id"].map(order) * 100
    frame["source_end"] = frame["source_start"] + 50
    return frame


def synthetic_page(nodes: int) -> tuple[str, int, int]:
    """Page of a synthetic table; returns (html, node count, edge count)."""
    from graph.build import build_graph
    from graph.encode import encode_bipartite
    from graph.layout import bipartite_positions
    from graph.render import network_html

    graph = build_graph(synthetic_table(nodes))
    counts = pd.Series(
        {d["agency_id"]: graph.degree(n) for n, d in graph.nodes(data=True) if d["bipartite"] == 1},
        name="measures",
    ).to_frame()
    spec = encode_bipartite(graph, bipartite_positions(graph), counts, None)
    page = network_html(spec, title=f"synthetic {graph.number_of_nodes()} nodes")
    return page, graph.number_of_nodes(), graph.number_of_edges()


def first_frames(path: Path, repeat: int) -> list[tuple[float, float]]:
    """``(firstDrawMs, firstPaintMs)`` of ``repeat`` fresh loads of ``path``."""
    from playwright.sync_api import sync_playwright

    uri = path.resolve().as_uri()
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            blocked = []

            def route(r, blocked=blocked):
                if r.request.url == uri:
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.goto(uri, timeout=300_000)
            page.wait_for_function("window.firstPaintMs !== undefined", timeout=300_000)
            times.append(tuple(page.evaluate("[window.firstDrawMs, window.firstPaintMs]")))
            if blocked:
                raise RuntimeError(f"the page asked for {blocked}")
            context.close()
        browser.close()
    return times


def report(name: str, page: str, build_seconds: float, repeat: int, folder: Path) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    load_before = os.getloadavg()[0]
    times = first_frames(path, repeat)
    load_after = os.getloadavg()[0]
    print(
        f"{name}: {len(page.encode()):,} bytes, built in {build_seconds:.2f} s; "
        f"load average {load_before:.2f} -> {load_after:.2f}"
    )
    for label, values in (
        ("afterDrawing", [t[0] for t in times]),
        ("painted", [t[1] for t in times]),
    ):
        print(
            f"  {label}: median {statistics.median(values):.0f} ms "
            f"(min {min(values):.0f}, max {max(values):.0f}, n={len(values)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="Nodes of the synthetic graph.")
    parser.add_argument("--repeat", type=int, default=5, help="Page loads per page.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        page = bundled_page()
        report("bundled", page, time.perf_counter() - start, args.repeat, folder)
        start = time.perf_counter()
        page, nodes, edges = synthetic_page(args.nodes)
        seconds = time.perf_counter() - start
        print(f"synthetic graph: {nodes:,} nodes, {edges:,} edges")
        report(f"synthetic-{nodes}", page, seconds, args.repeat, folder)


if __name__ == "__main__":
    main()
