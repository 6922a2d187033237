"""Server-side cost of a filter change in the app, at the bundled document's size.

``filter_change`` times what the app recomputes when a sidebar filter changes:
:func:`graph.filters.apply_filters` then :func:`graph.pipeline.analyse`, with
the registry loaded once (the app caches it). ``filter_change_cold`` does the
same without a cached registry, to show what caching saves.

``app_rerun_after_filter`` drives the dashboard itself with Streamlit's
``AppTest`` when it exists (``streamlit_app.py`` and ``app_pages/``): the first
run (``app_first_run``, caches cold) is timed once; then a sidebar multiselect
is narrowed to one option, a different one on each repetition so that the
filtered results are not in Streamlit's cache, and the rerun is timed. That is
the whole script run on the server, without the browser.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from benchmarks.measure import Result, measure, not_available
from graph.paths import ROOT

# Sections 2 and 3 of the bundled document: a typical narrowing.
SECTIONS = (2, 3)


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


def app_rerun(repeat: int = 5) -> list[Result]:
    """Rerun time of the dashboard after narrowing a sidebar filter (AppTest)."""
    entry, pages = ROOT / "streamlit_app.py", ROOT / "app_pages"
    if not (entry.exists() and pages.is_dir()):
        return [not_available("app_rerun_after_filter", "dashboard (app_pages/) not available")]
    from streamlit.testing.v1 import AppTest

    def prepared() -> AppTest:
        app = AppTest.from_file(str(entry), default_timeout=120)
        app.run()
        return app

    probe = prepared()
    widgets = [w for w in probe.sidebar.multiselect if len(w.options) > 1]
    if probe.exception or not widgets:
        why = "app raised an exception" if probe.exception else "no sidebar multiselect found"
        return [not_available("app_rerun_after_filter", why)]
    label = widgets[0].label
    options = widgets[0].options
    first = Result("app_first_run", note="AppTest: first run of the entry page, caches cold")
    result = Result("app_rerun_after_filter")
    result.note = (
        f"AppTest rerun after narrowing sidebar filter {label!r} to one option, "
        "a different one each time (filtered results not cached, base data cached)"
    )
    for i in range(repeat):
        start = time.perf_counter()
        app = prepared()
        first.times.append(time.perf_counter() - start)
        widget = next(w for w in app.sidebar.multiselect if w.label == label)
        widget.set_value([options[i % len(options)]])
        start = time.perf_counter()
        app.run()
        result.times.append(time.perf_counter() - start)
        if app.exception:
            result.status, result.note = "error", str(app.exception[0].message)[:200]
            break
    first.times = first.times[:1]  # later first runs find Streamlit's caches warm
    return [first, result]
