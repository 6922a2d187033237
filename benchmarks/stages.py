"""The pipeline's stages, each timed on its own, for one policy text.

Every stage calls the library exactly as the CLI or the app does, on the output
of the stage before it: text -> parse -> CSV -> load and validate -> graph ->
projections -> metrics (each centrality alone, then the whole table) ->
clusters -> layouts -> snapshot. ``pipeline`` times text to metrics in one go
(parse, write and read the CSV, analyse). Stages of the rendering modules run
only when those modules exist; otherwise they get an ``n/a`` row.
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Result, measure, not_available

# Stage groups that can be chosen with --stages.
GROUPS = ("library", "render")


@dataclass
class Settings:
    """How hard to measure: repetitions, time budget and limit per stage."""

    repeat: int = 5
    budget: float = 5.0
    limit: float = 300.0
    memory: bool = True

    def run(self, stage: str, function: Callable, note: str = "") -> Result:
        """:func:`measure` of ``function`` with these settings; ``note`` unless it has one."""
        result = measure(
            stage,
            function,
            repeat=self.repeat,
            budget=self.budget,
            limit=self.limit,
            memory=self.memory,
        )
        result.note = result.note or note
        return result


def optional_module(name: str):
    """Import ``graph.<name>`` if the module exists, else None."""
    try:
        return importlib.import_module(f"graph.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"graph.{name}":
            return None
        raise


def library_stages(text: str, settings: Settings, workdir: Path, context: dict) -> Iterator[Result]:
    """Time each library stage on a policy ``text``; yields one result per stage.

    ``context`` receives the ``table`` and ``graph`` for the stages that follow;
    ``context["document"]`` names the document (``synthetic`` by default).
    """
    from networkx.algorithms import bipartite  # noqa: F401  (import cost kept out of timings)

    from graph import metrics as metric
    from graph.build import agency_nodes, build_graph
    from graph.clusters import co_responsibility_clusters
    from graph.parse import parse_text
    from graph.pipeline import analyse
    from graph.projection import co_responsibility
    from graph.registry import load_registry
    from graph.table import load_measures, write_measures
    from graph.today import as_of_today

    run = settings.run

    document = context.get("document", "synthetic")
    yield (loaded := run("registry", load_registry, "load and check data/agencies.csv"))
    registry = loaded.value
    yield (
        parsed := run(
            "parse",
            lambda: parse_text(text, document, registry).to_frame(),
        )
    )
    if parsed.status != "ok":
        return
    csv_path = workdir / "measures.csv"
    yield run("write_csv", lambda: write_measures(parsed.value, csv_path))
    yield (loaded := run("load_validate", lambda: load_measures(csv_path, registry)))
    table = context["table"] = loaded.value
    yield (built := run("build_graph", lambda: build_graph(table, registry)))
    graph = context["graph"] = built.value
    projections = {}
    for weighting in ("count", "newman", "jaccard"):
        result = run(f"projection_{weighting}", lambda w=weighting: co_responsibility(graph, w))
        projections[weighting] = result.value
        yield result
    agencies = agency_nodes(graph)
    projection = projections["count"]
    yield run("metric_degree", lambda: metric.degree(graph, agencies))
    yield run(
        "metric_betweenness",
        lambda: metric.betweenness(graph, agencies),
        _betweenness_note(graph, metric),
    )
    yield run("metric_closeness", lambda: metric.closeness(graph, agencies))
    yield run("metric_pagerank", lambda: metric.pagerank(projection))
    yield run("metric_eigenvector", lambda: metric.eigenvector(projection))
    yield run("agency_metrics", lambda: metric.agency_metrics(graph), "the whole table")
    yield run("clusters", lambda: co_responsibility_clusters(projection), "Louvain, seeded")
    yield run("as_of_today", lambda: as_of_today(table, registry), "succession merge")
    yield run("analyse", lambda: analyse(table, registry=registry), "graph, metrics, clusters")

    def pipeline() -> object:
        frame = parse_text(text, document, registry).to_frame()
        write_measures(frame, workdir / "pipeline.csv")
        return analyse(load_measures(workdir / "pipeline.csv", registry), registry=registry)

    yield run("pipeline", pipeline, "text to metrics: parse, CSV, load, analyse")


def _betweenness_note(graph, metric) -> str:
    classes = len(metric.twin_classes(graph))
    if graph.number_of_nodes() <= metric.BETWEENNESS_PYTHON_LIMIT:
        return "exact (NetworkX)"
    if classes <= metric.BETWEENNESS_SOURCES:
        return f"exact, {classes} twin classes"
    return (
        f"estimated: {metric.BETWEENNESS_EXACT_CLASSES} of {classes} twin classes exact, "
        f"{metric.BETWEENNESS_PIVOTS} pivots"
    )


def render_stages(
    text: str, settings: Settings, context: dict, layouts: bool = True
) -> Iterator[Result]:
    """Layouts and the snapshot page, when the rendering modules exist.

    With ``layouts=False`` only the snapshot is timed (the layouts are not).

    Uses ``context["table"]``/``["graph"]`` when the library stages ran (they
    are computed here otherwise) and leaves the page to open in the browser in
    ``context["page"]``: the snapshot when :mod:`graph.snapshot` exists, else
    the same view assembled from layout, encode and render (noted in
    ``context["page_source"]``).
    """
    from graph.build import build_graph
    from graph.parse import parse_text
    from graph.registry import load_registry

    if "graph" not in context:
        document = context.get("document", "synthetic")
        registry = load_registry()
        context["table"] = parse_text(text, document, registry).to_frame()
        context["graph"] = build_graph(context["table"], registry)
    table, graph = context["table"], context["graph"]

    run = settings.run

    layout = optional_module("layout")
    if layout is None and layouts:
        yield not_available("layout_bipartite", "graph/layout.py not available")
        yield not_available("layout_force", "graph/layout.py not available")
    elif layouts:
        yield run("layout_bipartite", lambda: layout.bipartite_positions(graph))
        yield run("layout_force", lambda: layout.force_positions(graph))
    snapshot = optional_module("snapshot")
    if snapshot is not None:
        page = run(
            "snapshot_html",
            lambda: snapshot.snapshot_html(table, snapshot.SnapshotOptions()),
            "bipartite view, default options",
        )
        if page.status == "ok":
            context["page"], context["page_source"] = page.value, "snapshot_html"
            page.note += f"; {len(page.value.encode()) / 2**20:.1f} MB"
        yield page
        return
    yield not_available("snapshot_html", "graph/snapshot.py not available")
    encode, render = optional_module("encode"), optional_module("render")
    if layout is not None and encode is not None and render is not None:
        from graph.pipeline import analyse

        result = analyse(table)
        spec = encode.encode_bipartite(
            graph, layout.bipartite_positions(graph), result.metrics, result.clustering
        )
        context["page"] = render.network_html(spec)
        context["page_source"] = "render.network_html(encode_bipartite(bipartite_positions))"


def scratch_dir() -> tempfile.TemporaryDirectory:
    """A temporary directory for the CSV and HTML files a run writes."""
    return tempfile.TemporaryDirectory(prefix="bench-")
