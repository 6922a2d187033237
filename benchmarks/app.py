"""Server-side cost of a filter change in the app, at the bundled document's size.

``filter_change`` times what the app recomputes when a sidebar filter changes:
:func:`graph.filters.apply_filters` then :func:`graph.pipeline.analyse`, with
the registry loaded once (the app caches it). ``filter_change_cold`` does the
same without a cached registry, to show what caching saves.

``app_rerun_after_filter`` drives the dashboard itself with Streamlit's
``AppTest`` when it exists (``streamlit_app.py`` and ``app_pages/``): the first
run of a fresh process (``app_first_run``, caches cold) is timed once; then,
on every page, a fresh session opens the page, the sidebar's section filter is
narrowed to a section set no earlier rerun used (so that the filtered results
are not in Streamlit's cache, as with a real filter change), and the rerun is
timed. That is the whole script run on the server (entry file, sidebar, page),
without the browser. The overview's stage keeps its earlier name and its
narrowing to one section; the other pages are ``app_rerun_after_filter[page]``,
narrowed to two sections (then three...).
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.measure import Result, measure, not_available
from graph.paths import ROOT

# Sections 2 and 3 of the bundled document: a typical narrowing.
SECTIONS = (2, 3)
# The dashboard's pages with sidebar filters (the upload page has none), entry page first.
PAGES = ("overview", "network", "agency", "measures", "clusters", "today")


def filter_stages(table, registry, repeat: int = 20) -> Iterator[Result]:
    """Time a filter change on ``table`` (the bundled document's measures)."""
    from graph.filters import Filters, apply_filters
    from graph.pipeline import analyse

    chosen = Filters(sections=SECTIONS)

    def warm() -> object:
        return analyse(apply_filters(table, chosen, registry), registry=registry)

    def cold() -> object:
        return analyse(apply_filters(table, chosen))

    result = measure("filter_change", warm, repeat=repeat, budget=10.0)
    result.note = f"apply_filters(sections={SECTIONS}) + analyse, registry cached"
    yield result
    result = measure("filter_change_cold", cold, repeat=repeat, budget=10.0)
    result.note = "same, registry loaded on each call"
    yield result
    yield from app_rerun(repeat=5)
    yield filter_to_redraw()


def app_rerun(repeat: int = 5) -> list[Result]:
    """Rerun time of every page after narrowing a sidebar filter (AppTest).

    One result per page: ``app_rerun_after_filter`` for the overview (the
    entry page, as in earlier results) and ``app_rerun_after_filter[PAGE]``
    for the others. Every rerun uses a section set that no earlier rerun of
    any page used, so the filtered results are never in Streamlit's cache.
    """
    entry, pages = ROOT / "streamlit_app.py", ROOT / "app_pages"
    if not (entry.exists() and pages.is_dir()):
        return [not_available("app_rerun_after_filter", "dashboard (app_pages/) not available")]
    from streamlit.testing.v1 import AppTest

    def prepared(page: str = "overview") -> AppTest:
        app = AppTest.from_file(str(entry), default_timeout=120)
        app.run()
        if page != "overview":
            app.switch_page(f"app_pages/{page}.py").run()
        return app

    start = time.perf_counter()
    probe = prepared()
    first = Result("app_first_run", note="AppTest: first run of the entry page, caches cold")
    first.times.append(time.perf_counter() - start)
    widgets = [w for w in probe.sidebar.multiselect if len(w.options) > 1]
    if probe.exception or not widgets:
        why = "app raised an exception" if probe.exception else "no sidebar multiselect found"
        return [first, not_available("app_rerun_after_filter", why)]
    label, options = widgets[0].label, widgets[0].options
    singles = itertools.cycle([option] for option in options)
    larger = unseen_choices(options, smallest=2)
    results = [first]
    for page in PAGES:
        choices = singles if page == "overview" else larger
        result = Result(stage_name(page))
        result.note = (
            f"AppTest rerun of the {page} page after narrowing sidebar filter {label!r} "
            f"to {'one option' if page == 'overview' else 'two options'}, a set not "
            "chosen before (filtered results not cached, base data cached)"
        )
        for _ in range(repeat):
            app = prepared(page)
            if app.exception:
                result.status, result.note = "error", str(app.exception[0].message)[:200]
                break
            widget = next(w for w in app.sidebar.multiselect if w.label == label)
            widget.set_value(next(choices))
            start = time.perf_counter()
            app.run()
            result.times.append(time.perf_counter() - start)
            if app.exception:
                result.status, result.note = "error", str(app.exception[0].message)[:200]
                break
        results.append(result)
    return results


def stage_name(page: str) -> str:
    """``app_rerun_after_filter`` for the overview (the entry page), with ``[page]`` otherwise."""
    return "app_rerun_after_filter" + ("" if page == "overview" else f"[{page}]")


def unseen_choices(options: list[str], smallest: int = 1) -> Iterator[list[str]]:
    """Subsets of ``options``, each once: all of ``smallest`` options first, then larger ones.

    >>> list(unseen_choices(["a", "b", "c"], smallest=2))
    [['a', 'b'], ['a', 'c'], ['b', 'c']]
    """
    for size in range(smallest, len(options)):
        for subset in itertools.combinations(options, size):
            yield list(subset)


# The sidebar's checkbox toggled by the browser measurement (generic actors: 114 <-> 107 nodes).
TOGGLE = "[data-testid='stSidebar'] [data-testid='stCheckbox'] label"
TOGGLE_TEXT = "泛指主体"
IDLE = (
    "document.querySelector(\"[data-testid='stApp']\")"
    ".getAttribute('data-test-script-state') === 'notRunning'"
)


def filter_to_redraw(repeat: int = 9) -> Result:
    """Browser: from a click on a sidebar filter to the network redrawn with the new data.

    The app runs (``loadtest.server.AppServer``) and headless Chromium opens its
    network page. Each run clicks the "generic actors" checkbox from inside the
    page (so the start time is the click's own ``performance.now()``) and ends
    at the end of the network's next drawing whose node count differs: the
    script run, the data sent, the component's update and the redraw, all of it.
    Alternate runs leave out and bring back the generic actors; the first two
    (caches cold) are not counted.
    """
    from benchmarks.browser import browser_available, chromium
    from loadtest.server import AppServer

    result = Result("filter_to_redraw_browser")
    if not browser_available():
        return not_available(result.stage, "Playwright or /usr/bin/chromium not available")
    click = """([selector, text]) => {
        const label = [...document.querySelectorAll(selector)].find((l) => l.textContent.includes(text));
        window.__clickedAt = performance.now();
        window.__drawsBefore = (window.__networkDraws || []).length;
        (label.querySelector("input") || label).click();
    }"""
    redrawn = """(before) => {
        const draws = (window.__networkDraws || []).slice(window.__drawsBefore);
        const hit = draws.find((d) => d.nodes !== before);
        return hit ? hit.time - window.__clickedAt : null;
    }"""
    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        with AppServer(ROOT, log=Path(tmp) / "server.log") as server, chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.url}/network", timeout=120_000)
            page.wait_for_function("(window.__networkDraws || []).length > 0", timeout=120_000)
            for run in range(repeat + 2):
                page.wait_for_function(IDLE, timeout=120_000)
                page.wait_for_timeout(300)
                before = page.evaluate("window.__networkDraws.at(-1).nodes")
                page.evaluate(click, [TOGGLE, TOGGLE_TEXT])
                handle = page.wait_for_function(redrawn, arg=before, timeout=120_000)
                if run >= 2:
                    result.times.append(handle.json_value() / 1000)
    result.note = (
        "Chromium: click on a sidebar filter to the network redrawn with the new node count "
        "(generic actors out and back, the bundled document); first two runs not counted"
    )
    return result
