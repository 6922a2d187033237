"""Offline HTML snapshots of the network: one code path for the app and the CLI.

A snapshot is one HTML file to send around and open in a meeting without
network: the picture the app shows (same filters, layout, colours, sizes),
with its title, the document's name, the filters applied, a legend, the
generation time and the data version (SHA-256 of the source text and of the
table). Same table and options, same file, except the generation-time line.

The picture is :func:`graph.views.view_spec`, the function the app draws
with: positions of the full, unfiltered graph, metrics and clusters of the
filtered network.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import networkx as nx
import pandas as pd

from graph.build import MEASURE_PREFIX, agency_node, build_graph
from graph.encode import VisualSpec
from graph.filters import Filters, apply_filters
from graph.labels import term
from graph.registry import Registry, load_registry
from graph.render import network_html
from graph.views import ViewOptions, full_positions, view_spec


@dataclass(frozen=True)
class SnapshotOptions:
    """What a snapshot shows; every field has the app's default.

    ``view`` is ``bipartite`` (measures and agencies), ``projection`` (agency
    co-responsibility, always force-directed, coloured by ``kind`` or
    ``cluster``) or ``ego`` (the measures of ``agency`` and everyone named on
    them). ``layout`` applies to the bipartite and ego views.

    ``highlight`` holds node ids (``measure:M05.01``, ``agency:mofcom``, as
    :mod:`graph.build` names them) to emphasise: they are drawn as usual,
    every other node and every edge not between two of them is greyed out,
    and the page first shows (zooms to) the highlighted nodes that are drawn.
    Ids not drawn in the view (filtered out, or measures in the projection)
    are ignored; empty means no highlight. ``highlight_name`` says what is
    highlighted (a scene's or a cluster's title) in the filter lines, with
    the counts of highlighted measures and agencies; see
    :func:`highlight_nodes` for sections and agencies.

    ``scene`` is the number of a presentation scene (0: the whole document,
    then one per section and the coordination mechanism, as
    :func:`graph.scenes.section_scenes` lists them and the app's presentation
    mode steps through them): the page then shows that scene's nodes alone,
    laid out for a projector (:func:`graph.views.scene_spec`), in presentation
    mode; ``highlight`` is not used.
    """

    filters: Filters = field(default_factory=Filters)
    view: str = "bipartite"
    layout: str = "bipartite"
    color_by: str = "kind"
    size_by: str = "measures"
    weighting: str = "count"
    min_weight: float = 0.0
    lang: str = "zh"
    title: str | None = None
    agency: str | None = None
    presentation: bool = False
    height: int = 720
    highlight: tuple[str, ...] = ()
    highlight_name: str = ""
    scene: int | None = None

    def view_options(self) -> ViewOptions:
        """The picture's options (:class:`graph.views.ViewOptions`)."""
        return ViewOptions(
            view=self.view,
            layout=self.layout,
            color_by=self.color_by,
            size_by=self.size_by,
            min_weight=self.min_weight,
            agency=self.agency,
            highlight=self.highlight,
            lang=self.lang,
            scene=self.scene is not None,
        )

    def check(self) -> None:
        """Raise ValueError naming the first option that cannot be used."""
        self.view_options().check()
        if self.scene is not None and (isinstance(self.scene, bool) or self.scene < 0):
            raise ValueError(f"scene must be a scene number (0, 1, 2...), not {self.scene!r}")


def table_sha256(table: pd.DataFrame) -> str:
    """SHA-256 of the table written as the project writes measures CSV files.

    For a table loaded from a CSV file written by the parser this equals the
    file's own SHA-256, so the app (which holds tables in memory) and the CLI
    (which reads files) report the same data version.
    """
    from graph.table import write_measures

    buffer = io.StringIO()
    write_measures(table, buffer)
    return hashlib.sha256(buffer.getvalue().encode("utf-8")).hexdigest()


def provenance_lines(
    table: pd.DataFrame, lang: str = "zh", generated_at: datetime | None = None
) -> list[str]:
    """Document names, generation time and data version, one line each.

    Parameters
    ----------
    table : pandas.DataFrame
        The full (unfiltered) measures table drawn from.
    lang : {"zh", "en"}
    generated_at : datetime, optional
        Time stamp to print (now, in UTC, by default); naive times are taken as UTC.

    Returns
    -------
    list of str
        One line per document of the table, then ``generated`` and ``data`` lines;
        the data line says how many corrections the table carries
        (``table.attrs["corrections"]``, set by :func:`graph.corrections.apply_corrections`).
    """
    from graph.documents import file_sha256, load_documents
    from graph.paths import ROOT

    documents = load_documents()
    lines = []
    sources = []
    for doc in dict.fromkeys(table["document"]):
        if doc in documents.index:
            row = documents.loc[doc]
            lines.append(
                term("document_line", lang).format(
                    title=row["title_en" if lang == "en" else "title_zh"] or row["title_zh"],
                    number=row["doc_number"],
                    issuer=row["issuer"],
                    issued=row["issued"],
                )
            )
            source = ROOT / row["source_file"]
            if row["source_file"] and source.exists():
                sources.append(file_sha256(source))
        else:
            lines.append(term("unknown_document", lang).format(doc=doc))
    moment = generated_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    lines.append(term("generated", lang).format(time=moment.isoformat(timespec="seconds")))
    version = term("data_version", lang).format(
        source=", ".join(sources) or term("no_source", lang), table=table_sha256(table)
    )
    corrections = table.attrs.get("corrections", 0)
    if corrections:
        version += term("with_corrections", lang).format(
            count=corrections, plural="s" if corrections != 1 else ""
        )
    lines.append(version)
    return lines


def snapshot_spec(
    table: pd.DataFrame, options: SnapshotOptions, registry: Registry | None = None
) -> tuple[VisualSpec, str, list[str]]:
    """The visual spec, default title and settings lines of a snapshot.

    Parameters
    ----------
    table : pandas.DataFrame
        The full measures table; ``options.filters`` is applied here.
    options : SnapshotOptions
    registry : Registry, optional

    Returns
    -------
    (VisualSpec, str, list of str)
        The spec, the title to use when ``options.title`` is empty, and the
        lines stating the view's settings and counts. With a highlight, the
        spec's ``meta["highlight"]`` lists the highlighted ids drawn.

    Raises
    ------
    ValueError
        When an option cannot be used (unknown view, colour, metric; an ego
        view of an agency with no measure left after filtering).
    """
    from graph.pipeline import analyse

    view = options.view_options()
    view.check()
    registry = registry or load_registry()
    kept = apply_filters(table, options.filters, registry)
    analysis = analyse(
        kept,
        weighting=options.weighting,
        include_generic=options.filters.include_generic,
        lang=options.lang,
        registry=registry,
    )
    title = None
    if options.scene is not None:
        from graph.scenes import section_scenes

        scenes = section_scenes(kept, registry)
        if not 0 <= options.scene < len(scenes):
            raise ValueError(
                f"scene {options.scene} does not exist: this table has scenes 0 to {len(scenes) - 1}"
            )
        scene = scenes[options.scene]
        view = replace(view, highlight=tuple(sorted(scene.highlight)))
        title = f"{document_name(table)} · {scene.title(options.lang)}"
        positions = {}
    else:
        positions = full_positions(build_graph(table, registry), view, options.weighting)
    spec = view_spec(analysis, positions, view)
    title = title or _default_title(table, options, analysis.graph)
    return spec, title, _settings(options, spec)


def document_name(table: pd.DataFrame) -> str:
    """Short name of the table's documents: the document number when catalogued.

    >>> from graph.table import load_measures
    >>> document_name(load_measures())
    '国发〔2015〕24号'
    """
    from graph.documents import load_documents

    documents = load_documents()
    docs = list(dict.fromkeys(table["document"]))
    if len(docs) == 1 and docs[0] in documents.index:
        return str(documents.at[docs[0], "doc_number"])
    return " / ".join(map(str, docs))


def _default_title(table: pd.DataFrame, options: SnapshotOptions, graph: nx.Graph) -> str:
    lang = options.lang
    name = document_name(table)
    view = term(f"view_{options.view}", lang)
    if options.view == "ego":
        key = "label_en" if lang == "en" else "label_zh"
        view = f"{graph.nodes[agency_node(options.agency)][key]} · {view}"
    return f"{name} · {view}"


def _settings(options: SnapshotOptions, spec: VisualSpec) -> list[str]:
    from graph.explain import metric_name

    lang = options.lang
    settings = term("settings", lang).format(
        view=term(f"view_{options.view}", lang),
        layout=term(f"layout_{options.view_options().positions_key[1]}", lang),
        color=term(f"color_{options.color_by}", lang),
        size=metric_name(options.size_by, lang),
        weighting=options.weighting,
    )
    measures = sum(1 for n in spec.nodes if n.get("shape") == "box")
    agencies = len(spec.nodes) - measures
    if options.view == "projection":
        counts = term("agency_counts", lang).format(agencies=agencies, edges=len(spec.edges))
    else:
        counts = term("counts", lang).format(
            measures=measures, agencies=agencies, edges=len(spec.edges)
        )
    return [settings, counts]


def snapshot_html(
    table: pd.DataFrame,
    options: SnapshotOptions = SnapshotOptions(),
    *,
    generated_at: datetime | None = None,
    registry: Registry | None = None,
) -> str:
    """The offline HTML snapshot of ``table`` drawn with ``options``.

    Parameters
    ----------
    table : pandas.DataFrame
        A full measures table in the project's schema (bundled, uploaded or
        read by the CLI); the filters in ``options`` are applied here.
    options : SnapshotOptions
        View, layout, colours, sizes, filters, language, title.
    generated_at : datetime, optional
        Time printed in the file (now, UTC, by default); pass a fixed value to
        get byte-identical files.
    registry : Registry, optional
        The bundled registry by default.

    Returns
    -------
    str
        One self-contained HTML document (see :func:`graph.render.network_html`).

    Raises
    ------
    ValueError
        When an option cannot be used.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> page = snapshot_html(tiny_table(), SnapshotOptions(lang="en", title="Tiny"))
    >>> "<title>Tiny</title>" in page, "Data version: source text SHA-256 none" in page
    (True, True)
    """
    return network_html(**_page(table, options, generated_at, registry), height=options.height)


def _page(
    table: pd.DataFrame,
    options: SnapshotOptions,
    generated_at: datetime | None,
    registry: Registry | None,
) -> dict:
    """What every rendering of a snapshot shows: spec, title, provenance, filters, mode."""
    spec, default_title, settings = snapshot_spec(table, options, registry)
    return {
        "spec": spec,
        "title": options.title or default_title,
        "provenance": [*provenance_lines(table, options.lang, generated_at), *settings],
        "filters": [*options.filters.describe(options.lang), *highlight_lines(spec, options)],
        "presentation": options.presentation or options.scene is not None,
        "lang": options.lang,
    }


def snapshot_svg(
    table: pd.DataFrame,
    options: SnapshotOptions = SnapshotOptions(),
    *,
    generated_at: datetime | None = None,
    registry: Registry | None = None,
) -> str:
    """The view of :func:`snapshot_html` as an SVG for reports (:func:`graph.vector.view_svg`).

    Same picture, legend, filters and provenance as the HTML snapshot.

    >>> from graph.fixtures import tiny_table
    >>> svg = snapshot_svg(tiny_table(), SnapshotOptions(lang="en", title="Tiny"))
    >>> "<title>Tiny</title>" in svg, "Legend" in svg
    (True, True)
    """
    from graph.vector import view_svg

    return view_svg(**_page(table, options, generated_at, registry))


def snapshot_pdf(
    table: pd.DataFrame,
    options: SnapshotOptions = SnapshotOptions(),
    *,
    generated_at: datetime | None = None,
    registry: Registry | None = None,
) -> bytes:
    """:func:`snapshot_svg` printed by Chromium as a one-page PDF (:func:`graph.vector.svg_pdf`)."""
    from graph.vector import svg_pdf

    return svg_pdf(snapshot_svg(table, options, generated_at=generated_at, registry=registry))


def highlight_lines(spec: VisualSpec, options: SnapshotOptions) -> list[str]:
    """The filter line saying what is highlighted and how much of it is drawn.

    >>> from graph.encode import encode_bipartite
    >>> from graph.fixtures import tiny_inputs
    >>> spec = encode_bipartite(*tiny_inputs(), highlight={"agency:saic", "measure:M02.01"})
    >>> highlight_lines(spec, SnapshotOptions(highlight=("agency:saic",), highlight_name="<x>"))
    ['突出显示：<x>（1 项措施，1 个机构）']
    >>> highlight_lines(spec, SnapshotOptions(lang="en"))
    []
    """
    if not options.highlight:
        return []
    lang = options.lang
    shown = spec.meta.get("highlight", [])
    measures = sum(1 for node in shown if node.startswith(MEASURE_PREFIX))
    # The projection has no measures to count.
    key = "highlight_agencies" if options.view == "projection" else "highlight_counts"
    counts = term(key, lang).format(measures=measures, agencies=len(shown) - measures)
    if options.highlight_name:
        return [term("highlighted", lang).format(name=options.highlight_name, counts=counts)]
    return [term("highlighted_counts", lang).format(counts=counts)]


def highlight_nodes(
    table: pd.DataFrame,
    *,
    sections: Sequence[int] = (),
    agencies: Sequence[str] = (),
    registry: Registry | None = None,
    lang: str = "zh",
) -> tuple[tuple[str, ...], str]:
    """Node ids and name of a highlight by sections and agencies, for :class:`SnapshotOptions`.

    A section stands for its measures and every agency named in them (the
    presentation scene of that section, :func:`graph.scenes.section_scenes`);
    an agency for itself and its measures.

    Parameters
    ----------
    table : pandas.DataFrame
        The measures table as drawn (after the filters).
    sections : sequence of int
        Section numbers.
    agencies : sequence of str
        Agency ids (``mofcom``).
    registry : Registry, optional
    lang : {"zh", "en"}
        Language of the name.

    Returns
    -------
    (tuple of str, str)
        Node ids in table order, and the name (scene titles and agency names
        joined).

    Raises
    ------
    ValueError
        For a section or agency with no row in ``table``.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> highlight_nodes(tiny_table(), agencies=["aqsiq"], lang="en")
    (('measure:M02.01', 'agency:aqsiq'), 'AQSIQ and its measures')
    >>> nodes, name = highlight_nodes(tiny_table(), sections=[2])
    >>> name, len(nodes)
    ('二、监管', 5)
    """
    from graph.build import measure_node
    from graph.scenes import section_scenes

    registry = registry or load_registry()
    nodes: list[str] = []
    names: list[str] = []
    if sections:
        scenes = {scene.section: scene for scene in section_scenes(table, registry)}
        for section in sections:
            scene = scenes.get(section)
            if scene is None or section in (0, None):
                numbers = sorted(n for n in scenes if isinstance(n, int) and n > 0)
                raise ValueError(
                    f"section {section!r} has no measure in this table after the filters "
                    f"(sections present: {', '.join(map(str, numbers)) or 'none'})"
                )
            nodes += sorted(scene.highlight, key=_table_order(table))
            names.append(scene.title(lang))
    multi = table["document"].nunique() > 1
    for agency in agencies:
        rows = table[table["agency"] == agency]
        if rows.empty:
            raise ValueError(f"agency {agency!r} has no measure in this table after the filters")
        nodes += [
            measure_node(m, d if multi else None)
            for d, m in dict.fromkeys(zip(rows["document"], rows["measure_id"], strict=True))
        ]
        nodes.append(agency_node(agency))
        names.append(term("agency_highlight", lang).format(agency=registry.label(agency, lang)))
    return tuple(dict.fromkeys(nodes)), term("line_separator", lang).join(names)


def _table_order(table: pd.DataFrame):
    """Sort key putting node ids in the order of the table: measures, then agencies."""
    from graph.build import measure_node

    multi = table["document"].nunique() > 1
    measures = [
        measure_node(m, d if multi else None)
        for d, m in dict.fromkeys(zip(table["document"], table["measure_id"], strict=True))
    ]
    rank = {node: i for i, node in enumerate(measures)}
    rank.update(
        {agency_node(a): len(rank) + i for i, a in enumerate(dict.fromkeys(table["agency"]))}
    )
    return lambda node: rank.get(node, len(rank))


def tasklist_title(table: pd.DataFrame, lang: str = "zh") -> str:
    """Default title of a task-list page: the document number and 分工表.

    >>> from graph.fixtures import tiny_table
    >>> tasklist_title(tiny_table(), "en")
    'tiny · Task list'
    """
    return f"{document_name(table)} · {term('tasklist', lang)}"
