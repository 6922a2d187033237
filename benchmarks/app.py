"""Server-side cost of a filter change in the app, at the bundled document's size.

``filter_change`` times what the app recomputes when a sidebar filter changes:
:func:`graph.filters.apply_filters` then :func:`graph.pipeline.analyse`, with
the registry loaded once (the app caches it). ``filter_change_cold`` does the
same without a cached registry, to show what caching saves.

``app_rerun_after_filter`` drives the dashboard itself with Streamlit's
``AppTest`` when it exists (``streamlit_app.py`` and ``app_pages/``): the first
run is not timed; then a sidebar multiselect is narrowed and the rerun is
timed. That is the whole script run on the server, without the browser.
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
    yield app_rerun(repeat=5)


def app_rerun(repeat: int = 5) -> Result:
    """Rerun time of the dashboard after narrowing a sidebar filter (AppTest)."""
    entry, pages = ROOT / "streamlit_app.py", ROOT / "app_pages"
    if not (entry.exists() and pages.is_dir()):
        return not_available("app_rerun_after_filter", "dashboard (app_pages/) not available")
    from streamlit.testing.v1 import AppTest

    def prepared() -> AppTest:
        app = AppTest.from_file(str(entry), default_timeout=120)
        app.run()
        return app

    probe = prepared()
    widgets = [w for w in probe.sidebar.multiselect if len(w.options) > 1]
    if probe.exception or not widgets:
        why = "app raised an exception" if probe.exception else "no sidebar multiselect found"
        return not_available("app_rerun_after_filter", why)
    label = widgets[0].label
    result = Result("app_rerun_after_filter")
    result.note = f"AppTest rerun after narrowing sidebar filter {label!r} to one option"
    for _ in range(repeat):
        app = prepared()
        widget = next(w for w in app.sidebar.multiselect if w.label == label)
        widget.set_value(widget.options[:1])
        start = time.perf_counter()
        app.run()
        result.times.append(time.perf_counter() - start)
        if app.exception:
            result.status, result.note = "error", str(app.exception[0].message)[:200]
            break
    return result
