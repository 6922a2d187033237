"""Measure the dashboard's server-side latency: first page load and a filter change.

Not a test (timings are measured, never asserted). Run::

    .venv/bin/python tests/app_latency.py            # AppTest, server side
    .venv/bin/python tests/app_latency.py --browser  # also Chromium, end to end
    .venv/bin/python tests/app_latency.py --upload 1,10,50  # uploaded texts of those sizes
    .venv/bin/python tests/app_latency.py --upload 1,10 --browser  # same, also in Chromium

Server side, with ``streamlit.testing.v1.AppTest`` (the whole script: entry
file, sidebar, page), in one fresh process:

- *cold*: the first run of each page after clearing every Streamlit cache
  (modules already imported; the very first run also pays the imports);
- *filter change*: a filter value not seen before (cache miss: filter,
  analysis, encoding and HTML are recomputed), then back to a value seen
  before (cache hit);
- *rerun*: the same page again with nothing changed.

Each figure is the median of ``--repeat`` runs (the first-ever run once).

``--upload`` times an uploaded policy text instead, for synthetic texts of the
given multiples of the bundled document's size (``benchmarks.corpus``): the
upload run (decode, parse, validate, hash: the widget's callback), then the
first overview and the first network page drawn from it (analysis, layout,
rendering), each once, on cold caches. With ``--browser`` too, the same texts
go through the real widget in Chromium: from choosing the file to the outcome
shown, and from the navigation click to the network drawn.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
PAGES = ["overview", "network", "agency", "measures", "clusters", "today"]


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _app(page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def server_side(repeat: int) -> dict[str, dict[str, float]]:
    """Seconds per page: first-ever, cold, uncached filter change, cached change, rerun."""
    sys.path.insert(0, str(ROOT))
    results: dict[str, dict[str, float]] = {}
    first = _timed(lambda: _app("overview"))
    results["first run of the process (overview, with imports)"] = {"overview": first}
    for page in PAGES:
        cold, miss, hit, rerun = [], [], [], []
        for round_ in range(repeat):
            _clear_caches()
            cold.append(_timed(lambda page=page: _app(page)))
            at = _app(page)
            sections = [2, 3, 4, 5, 6, 7, 8]
            # A different section set each round, so the change is a cache miss.
            subset = [s for s in sections if s != sections[round_ % len(sections)]]
            widget = at.multiselect(key="f_sections")
            miss.append(_timed(lambda w=widget, s=subset: w.set_value(s).run()))
            widget = at.multiselect(key="f_sections")
            hit.append(_timed(lambda w=widget, s=sections: w.set_value(s).run()))
            rerun.append(_timed(at.run))
        results.setdefault("cold page load (caches cleared)", {})[page] = statistics.median(cold)
        results.setdefault("filter change, new filter (cache miss)", {})[page] = statistics.median(
            miss
        )
        results.setdefault("filter change, filter seen before (cache hit)", {})[page] = (
            statistics.median(hit)
        )
        results.setdefault("rerun, nothing changed", {})[page] = statistics.median(rerun)
    return results


def browser(repeat: int) -> dict[str, float]:
    """Seconds from navigation to an idle app with its networks drawn, in Chromium."""
    sys.path.insert(0, str(ROOT))
    from loadtest.server import AppServer
    from tests.browser import chromium, recorded_page
    from tests.test_e2e_app import network_counts, open_page, wait_for_new_count

    times: dict[str, list[float]] = {}
    with AppServer(ROOT) as server:
        url = server.url
        with chromium() as b:
            for round_ in range(repeat + 1):
                for page_name in ["", "network"]:
                    with recorded_page(b) as (page, _):
                        start = time.perf_counter()
                        open_page(page, f"{url}/{page_name}")
                        if page_name == "network":
                            network_counts(page)
                        label = page_name or "overview"
                        label += " (first, server cold)" if round_ == 0 else " (warm)"
                        times.setdefault(label, []).append(time.perf_counter() - start)
            # In one session: a filter change, from the click to the redrawn network.
            with recorded_page(b) as (page, _):
                open_page(page, f"{url}/network")
                count = network_counts(page)[0]
                for _ in range(2 * repeat):
                    box = page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']")
                    start = time.perf_counter()
                    box.filter(has_text="泛指主体").locator("label").click()
                    count = wait_for_new_count(page, count)
                    label = "filter change in a session (click to redrawn network)"
                    times.setdefault(label, []).append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def uploads(scales: list[float]) -> dict[str, dict[str, float]]:
    """Seconds to read an uploaded text of each scale and to show its first pages."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate_corpus

    results: dict[str, dict[str, float]] = {}
    _app("overview")  # imports and the bundled document, not timed
    for scale in scales:
        _clear_caches()
        text = generate_corpus(scale).text.encode("gb18030")
        label = f"x{scale:g} ({len(text) / 1024:,.0f} KB)"
        at = _app("upload")
        widget = at.file_uploader(key="upload")
        widget.set_value((f"corpus-{scale:g}.txt", text, "text/plain"))
        row = {"upload run (read, parse, validate)": _timed(at.run)}
        assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
        for page in ("overview", "network"):
            row[f"first {page} page"] = _timed(
                lambda page=page, at=at: at.switch_page(f"app_pages/{page}.py").run()
            )
            assert not at.exception, [e.value for e in at.exception]
        row["measures"] = float(
            at.session_state["uploads"][at.selectbox(key="document").value].measures
        )
        results[label] = row
    return results


def browser_uploads(scales: list[float]) -> dict[str, dict[str, float]]:
    """Seconds, in Chromium, from choosing a file to its outcome and on to its network drawn."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate_corpus
    from loadtest.server import AppServer
    from tests.browser import chromium, recorded_page
    from tests.test_e2e_app import network_counts, open_page

    results: dict[str, dict[str, float]] = {}
    with AppServer(ROOT) as server:
        url = server.url
        with chromium() as b:
            for scale in scales:
                text = generate_corpus(scale).text.encode("gb18030")
                name = f"corpus-{scale:g}.txt"
                with recorded_page(b) as (page, _):
                    open_page(page, f"{url}/upload")
                    chooser = page.locator("[data-testid='stFileUploader'] input[type='file']")
                    start = time.perf_counter()
                    chooser.set_input_files(
                        files=[{"name": name, "mimeType": "text/plain", "buffer": text}]
                    )
                    alert = page.locator("[data-testid='stMain'] [data-testid='stAlert']")
                    alert.filter(has_text=name).first.wait_for(timeout=300_000)
                    read = time.perf_counter() - start
                    start = time.perf_counter()
                    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="网络图").click()
                    network_counts(page, timeout=300_000)
                    results[f"x{scale:g} ({len(text) / 1024:,.0f} KB)"] = {
                        "choose file to outcome shown": read,
                        "navigation click to network drawn": time.perf_counter() - start,
                    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per figure (median).")
    parser.add_argument("--browser", action="store_true", help="Also time loads in Chromium.")
    parser.add_argument(
        "--upload",
        help="Comma-separated sizes (multiples of the bundled text) of uploaded texts to time.",
    )
    args = parser.parse_args()
    if args.upload:
        for label, row in uploads([float(s) for s in args.upload.split(",")]).items():
            print(f"uploaded text {label}, {row.pop('measures'):.0f} measures:")
            for stage, seconds in row.items():
                print(f"  {stage:38s} {seconds * 1000:8.0f} ms")
        if args.browser:
            for label, row in browser_uploads([float(s) for s in args.upload.split(",")]).items():
                print(f"browser, uploaded text {label}:")
                for stage, seconds in row.items():
                    print(f"  {stage:38s} {seconds * 1000:8.0f} ms")
        return
    for title, pages in server_side(args.repeat).items():
        print(f"{title}:")
        for page, seconds in pages.items():
            print(f"  {page:10s} {seconds * 1000:8.0f} ms")
    if args.browser:
        print("browser, navigation to idle app (networks drawn):")
        for label, seconds in browser(args.repeat).items():
            print(f"  {label:56s} {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
