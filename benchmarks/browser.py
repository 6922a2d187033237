"""Time from opening a network page in headless Chromium to its first drawn frame.

How "first drawn frame" is measured, the same way for every page: a script
injected before the page's own (``add_init_script``) wraps the drawing methods
of ``CanvasRenderingContext2D`` and the draw calls of WebGL; the first call that
draws a shape or text on any canvas asks for the next animation frame, and that frame's
``performance.now()`` (milliseconds since navigation started) is the figure.
It includes reading and compiling the inlined script, building the network
and, for pyvis's default, the physics stabilisation that vis-network runs
before it draws anything.

Two pages per graph, then the other renderers of :mod:`benchmarks.renderers`:

- ours: the snapshot page (``graph.snapshot.snapshot_html``), positions
  computed in Python, drawn by the project's renderer;
- pyvis's default: ``pyvis.network.Network()`` filled with ``from_nx`` on a
  copy of the graph, default physics, with vis-network inlined
  (``cdn_resources="in_line"``) and pyvis's bootstrap CDN tags stripped so that
  it works offline.

Every request that is not local is blocked and counted (there should be none).
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.measure import Result, not_available

# Debian's Chromium and its flags: one list for the library, tests, benchmarks, load test.
from graph.chromium import CHROMIUM, LAUNCH_ARGS

VIEWPORT = {"width": 1280, "height": 900}
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

FIRST_FRAME_HOOK = """
(() => {
  window.__firstDraw = null;
  window.__firstFrame = null;
  function mark() {
    if (window.__firstDraw === null) {
      window.__firstDraw = performance.now();
      requestAnimationFrame(() => { window.__firstFrame = performance.now(); });
    }
  }
  function wrap(proto, names) {
    if (!proto) { return; }
    for (const name of names) {
      const original = proto[name];
      if (typeof original !== "function") { continue; }
      proto[name] = function (...args) {
        mark();
        return original.apply(this, args);
      };
    }
  }
  // A 2D canvas's shapes and text, and a WebGL canvas's draw calls (sigma.js).
  wrap(CanvasRenderingContext2D.prototype,
       ["arc", "fill", "stroke", "fillText", "strokeText", "fillRect", "drawImage"]);
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    wrap(gl && gl.prototype, ["drawArrays", "drawElements", "drawArraysInstanced",
                              "drawElementsInstanced"]);
  }
})();
"""


def browser_available() -> bool:
    """True when Playwright is importable and Debian's Chromium is installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium (Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def first_frame_seconds(
    browser, page_path: Path, limit: float, marks: dict | None = None
) -> tuple[float | None, list[str]]:
    """Seconds from navigation start to the first drawn frame, and blocked URLs.

    Returns ``(None, blocked)`` when no frame was drawn within ``limit`` seconds.
    If the page sets its own ``window.firstPaintMs`` (our snapshot does, on the
    frame after vis-network's first ``afterDrawing``), it is put in ``marks``.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    blocked: list[str] = []
    context = browser.new_context(viewport=VIEWPORT)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(LOCAL_SCHEMES):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    context.add_init_script(FIRST_FRAME_HOOK)
    page = context.new_page()
    try:
        page.goto(page_path.resolve().as_uri(), wait_until="commit", timeout=limit * 1000)
        page.wait_for_function("window.__firstFrame !== null", timeout=limit * 1000, polling=50)
        if marks is not None:
            own = page.evaluate("window.firstPaintMs === undefined ? null : window.firstPaintMs")
            if own is not None:
                marks.setdefault("firstPaintMs", []).append(own / 1000)
        return page.evaluate("window.__firstFrame") / 1000, blocked
    except PlaywrightTimeout:
        return None, blocked
    finally:
        context.close()


def pyvis_default_html(graph) -> str:
    """pyvis's default page for ``graph`` (drawn from a copy), made to load offline."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.from_nx(graph.copy())  # from_nx rewrites the attributes of the graph it gets
    html = net.generate_html()
    html = re.sub(r"<link[^>]*bootstrap[^>]*/?>", "", html, flags=re.DOTALL)
    html = re.sub(r"<script[^>]*bootstrap[^>]*>\s*</script>", "", html, flags=re.DOTALL)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    if re.search(r"""(src|href)\s*=\s*["']https?:""", html):
        raise RuntimeError("pyvis page still loads something from the internet")
    return html


def time_page(
    browser, stage: str, page_path: Path, limit: float, repeat: int = 5, quick: float = 10.0
) -> Result:
    """Median first-frame time of a page over up to ``repeat`` fresh loads.

    A load slower than ``quick`` seconds is not repeated; one that draws
    nothing within ``limit`` seconds is reported as a timeout (more than the limit).
    """
    result = Result(stage, limit=limit)
    blocked_all: list[str] = []
    marks: dict = {}
    for _ in range(repeat):
        seconds, blocked = first_frame_seconds(browser, page_path, limit, marks)
        blocked_all += blocked
        if seconds is None:
            result.status = "timeout"
            result.note = f"no frame within {limit:g} s: more than {limit:g} s"
            break
        result.times.append(seconds)
        if seconds > quick:
            break
    size = page_path.stat().st_size / 2**20
    extra = f"page {size:.1f} MB; {len(blocked_all)} outside requests blocked"
    if marks.get("firstPaintMs"):
        extra += (
            f"; page's own firstPaintMs median {statistics.median(marks['firstPaintMs']):.3f} s"
        )
    result.note = f"{result.note}; {extra}" if result.note else extra
    return result


def compare_first_frames(
    ours_html: str | None,
    graph,
    workdir: Path,
    *,
    limit: float,
    pyvis_limit: float,
    with_pyvis: bool,
    repeat: int = 5,
) -> list[Result]:
    """First frames of our page and of pyvis's default, and their ratio."""
    if not browser_available():
        why = "Playwright or /usr/bin/chromium not available"
        return [not_available("first_frame_ours", why), not_available("first_frame_pyvis", why)]
    results = []
    with chromium() as browser:
        if ours_html is None:
            results.append(not_available("first_frame_ours", "no snapshot page to open"))
        else:
            path = workdir / "ours.html"
            path.write_text(ours_html, encoding="utf-8")
            results.append(time_page(browser, "first_frame_ours", path, limit, repeat))
        if not with_pyvis:
            results.append(not_available("first_frame_pyvis", "not run at this size"))
        else:
            path = workdir / "pyvis.html"
            path.write_text(pyvis_default_html(graph), encoding="utf-8")
            results.append(time_page(browser, "first_frame_pyvis", path, pyvis_limit, repeat))
        ours, theirs = results
        if ours.status == "ok" and theirs.status in ("ok", "timeout"):
            slower = theirs.median if theirs.status == "ok" else theirs.limit
            ratio = Result("first_frame_ratio", note="pyvis default / ours")
            ratio.ratio = slower / ours.median
            if theirs.status == "timeout":
                ratio.note += f" (pyvis capped at {pyvis_limit:g} s: at least this ratio)"
            results.append(ratio)
        if ours_html is not None:
            results += other_renderers(browser, ours_html, graph, workdir, limit, repeat)
    return results


# Zooming is measured from this many nodes on (smaller pictures redraw in a few ms).
ZOOM_FROM = 5000


def other_renderers(browser, ours_html: str, graph, workdir: Path, limit: float, repeat: int):
    """The same picture drawn by vis-network and sigma.js: first frames, and zooming when large."""
    from benchmarks import renderers

    data = renderers.page_data(ours_html)
    pages = {"ours": workdir / "ours.html"}
    results = []
    for kind, make in (("vis", renderers.vis_html), ("sigma", renderers.sigma_html)):
        pages[kind] = workdir / f"{kind}.html"
        pages[kind].write_text(make(data), encoding="utf-8")
        timed = time_page(browser, f"first_frame_{kind}", pages[kind], limit, repeat)
        timed.note += "; " + renderers.DESCRIPTION[kind]
        results.append(timed)
    if graph.number_of_nodes() >= ZOOM_FROM:
        for kind, path in pages.items():
            results.append(renderers.zoom_fps(browser, path, kind, VIEWPORT))
    return results
