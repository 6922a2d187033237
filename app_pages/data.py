"""Cached access to the library: documents, tables, analyses, layouts, figures, networks.

Every page gets its numbers and pictures here, for the document the sidebar's
switch chose: the bundled one or one of this session's uploads.

Memory design:

- The bundled document (its table and source text) is built once per process
  in ``st.cache_resource`` (:func:`bundled`) and shared by every session, as
  is everything derived from it (graph, analyses, layouts, figures): a new
  session adds no copy of the bundled graph, only its own small state.
- An uploaded document lives in ``st.session_state`` (per session, see
  :mod:`app_pages.session_documents`), never in a module-level variable, so
  only the session that uploaded it can list it or switch to it, and it is
  gone when the session ends. Nothing is written to disk. A session keeps at
  most ``MAX_SESSION_DOCUMENTS`` uploads; the largest text allowed (5 MB)
  makes a document of about 35 MB (table and text).
- Every cached function takes the document's key as its first argument. The
  bundled document's key is its id; an upload's key is ``sha256:`` and the
  SHA-256 of its table (:func:`graph.uploads.document_key`). Caches are
  shared, but an entry can only be computed by a session holding that content
  (:func:`document` looks the key up in the caller's own session), and keys
  are content hashes that no page ever shows: one session cannot reach
  another's document. Two sessions uploading the same file share the results.
- Everything is held in ``st.cache_resource``: the document, tables, graph,
  layouts, specs, figures and pages are shared and read-only (nothing here or
  in a page mutates them; pandas copies on write, so a frame derived from a
  cached one never writes through; mappings are read-only views, lists are
  tuples). ``st.cache_data`` would pickle every result and unpickle it on
  every call, a copy nobody needs (tests/test_upload_app.py checks that the
  cached tables are shared and unchanged after every page). Caches of derived
  results are bounded (``max_entries``), so uploads cannot grow the server's
  memory without limit.

Keys are hashable (the document key, :class:`graph.filters.Filters`,
:class:`app_pages.settings.Settings`, plain options), so a rerun recomputes
only what changed.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Mapping
from types import MappingProxyType

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages.settings import DOC_ID, Settings, filter_lines, tr
from graph.build import agency_node, build_graph
from graph.documents import load_documents, with_english_titles
from graph.filters import Filters, apply_filters
from graph.labels import pick
from graph.pipeline import Analysis, analyse
from graph.registry import Registry, load_registry
from graph.table import load_measures
from graph.today import as_of_today
from graph.uploads import MAX_LAID_OUT_AGENCIES, Document, bundled_document

UPLOADS = "uploads"
"""Key in ``st.session_state`` of this session's uploaded documents (key -> Document)."""

# Derived results of uploads share these caches with the bundled document's;
# the bounds keep a stream of uploads from holding memory forever. They count
# entries, not bytes: an analysis of the largest text allowed (5 MB, 20,000
# measures) holds about 45 MB, its network page about 9 MB; the bundled
# document's are well under 1 MB and recomputed in a fraction of a second.
TABLES = 64
ANALYSES = 16
PAGES = 32


@st.cache_resource(show_spinner=False)
def registry() -> Registry:
    """The bundled agency registry (shared, read-only)."""
    return load_registry()


@st.cache_resource(show_spinner=False)
def bundled() -> Document:
    """The bundled document, its table validated (shared by every session, read-only)."""
    return bundled_document(DOC_ID, load_measures(registry=registry()), source(DOC_ID))


def session_documents() -> dict[str, Document]:
    """This session's uploaded documents, key -> Document, in upload order."""
    return st.session_state.setdefault(UPLOADS, {})


def document(doc: str) -> Document:
    """The document with key ``doc``: the bundled one, or one of *this* session's uploads.

    Raises KeyError for any other key: another session's upload is not
    reachable from here, even by its key.
    """
    if doc == DOC_ID:
        return bundled()
    return session_documents()[doc]


def raw_table(doc: str = DOC_ID) -> pd.DataFrame:
    """A document's measures table in the project's schema (for snapshots; read-only)."""
    return document(doc).table


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def full_table(doc: str = DOC_ID) -> pd.DataFrame:
    """A document's measures table with English section and article titles (where known)."""
    return with_english_titles(raw_table(doc))


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def filtered_table(doc: str, filters: Filters) -> pd.DataFrame:
    """Rows of a document's table that pass ``filters``."""
    return apply_filters(full_table(doc), filters, registry())


@st.cache_resource(show_spinner=False, max_entries=ANALYSES)
def analysis(doc: str, filters: Filters, weighting: str, lang: str) -> Analysis:
    """Graph, projection, metrics and clusters of the filtered table (shared, read-only)."""
    return analyse(
        filtered_table(doc, filters), weighting=weighting, lang=lang, registry=registry()
    )


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def today_table(doc: str, filters: Filters) -> pd.DataFrame:
    """The filtered table with 2015 agencies merged into their successors (read-only)."""
    return as_of_today(filtered_table(doc, filters), registry())


@st.cache_resource(show_spinner=False, max_entries=ANALYSES)
def today_analysis(doc: str, filters: Filters, weighting: str, lang: str) -> Analysis:
    """As :func:`analysis`, with 2015 agencies merged into their successors."""
    return analyse(today_table(doc, filters), weighting=weighting, lang=lang, registry=registry())


@st.cache_resource(show_spinner=False, max_entries=ANALYSES)
def full_graph(doc: str = DOC_ID, today: bool = False) -> nx.Graph:
    """Bipartite graph of a whole, unfiltered table (layouts are computed on it)."""
    table = full_table(doc)
    return build_graph(as_of_today(table, registry()) if today else table, registry())


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def graph_size(doc: str = DOC_ID) -> tuple[int, int]:
    """Nodes and agencies of a document's full graph (what the layouts have to place)."""
    graph = full_graph(doc)
    agencies = sum(1 for _, side in graph.nodes(data="bipartite") if side == 1)
    return graph.number_of_nodes(), agencies


def few_enough_agencies(doc: str = DOC_ID) -> bool:
    """Whether force layouts and agency-only (projection) views are offered.

    Both lay the agencies out by force, quadratic in their number
    (:data:`graph.uploads.MAX_LAID_OUT_AGENCIES`); the two-column layout always is.
    """
    return graph_size(doc)[1] <= MAX_LAID_OUT_AGENCIES


def _titles(doc: str, level: str, lang: str) -> Mapping[int, str]:
    """``level`` ("section" or "article") number -> title in ``lang`` (Chinese when untranslated)."""
    tasks = full_table(doc).dropna(subset=[level]).drop_duplicates(level)
    column = f"{level}_title_en" if lang == "en" else f"{level}_title"
    return MappingProxyType(
        {int(r[level]): str(r[column] or r[f"{level}_title"]) for _, r in tasks.iterrows()}
    )


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def section_titles(doc: str, lang: str) -> Mapping[int, str]:
    """Section number -> title in ``lang`` (Chinese when no translation)."""
    return _titles(doc, "section", lang)


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def article_titles(doc: str, lang: str) -> Mapping[int, str]:
    """Article number -> title in ``lang``, for articles that have measures."""
    return _titles(doc, "article", lang)


KIND_WORDS = {
    "text": ("上传的文本", "uploaded text"),
    "table": ("上传的措施表", "uploaded table"),
}


def document_line(doc: str, lang: str) -> str:
    """Number and title of the bundled document, or an upload's file name and kind.

    An upload's name is the user's: escape it where it becomes markdown.
    """
    if doc == DOC_ID:
        return bundled_line(lang)
    found = document(doc)
    return f"{found.name} ({pick(KIND_WORDS[found.kind], lang)})"


@st.cache_resource(show_spinner=False)
def bundled_line(lang: str) -> str:
    """Number and title of the bundled document, for headings and provenance."""
    doc = load_documents().loc[DOC_ID]
    title = doc["title_en"] if lang == "en" else doc["title_zh"]
    return f"{doc['doc_number']} {title}"


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def catalogue(doc: str, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per measure of the filtered table (:func:`graph.catalogue.measure_catalogue`)."""
    from graph.catalogue import measure_catalogue

    return measure_catalogue(filtered_table(doc, filters), lang, registry())


@st.cache_resource(show_spinner=False)
def source(doc_id: str) -> str | None:
    """The source text of a bundled document; None when the catalogue has no text for it."""
    from graph.documents import source_text

    try:
        return source_text(doc_id)
    except (KeyError, OSError):
        return None


def passage_source(doc: str, document_id: str) -> str | None:
    """The text that a measure of ``document_id`` in document ``doc`` points into, if any.

    The bundled document's catalogued text; an uploaded text's own text (the
    offsets were computed on it); None for an uploaded table, which has no text.
    """
    found = document(doc)
    if found.kind == "bundled":
        return source(document_id)
    if found.kind == "text" and document_id in set(found.table["document"]):
        return found.source
    return None


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def successors(doc: str, filters: Filters) -> pd.DataFrame:
    """Current successor of every agency of the filtered table (:func:`graph.today.successor_map`)."""
    from graph.today import successor_map

    return successor_map(filtered_table(doc, filters), registry())


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def shift(doc: str, filters: Filters) -> pd.DataFrame:
    """Measures per successor before and after the reforms (:func:`graph.shift.load_shift`)."""
    from graph.shift import load_shift

    return load_shift(filtered_table(doc, filters), registry(), today_table(doc, filters))


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def shift_figure(doc: str, filters: Filters, lang: str, presentation: bool):
    """The bar chart of :func:`shift`, built once per filter (None when nothing changed)."""
    from graph.charts import load_shift_bar

    table = shift(doc, filters)
    return None if table.empty else load_shift_bar(table, lang=lang, presentation=presentation)


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def choices(doc: str, filters: Filters, lang: str) -> Mapping[str, str]:
    """Agency id -> searchable label, for the agencies of the filtered table."""
    from graph.labels import agency_choices

    return MappingProxyType(agency_choices(filtered_table(doc, filters), lang, registry()))


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def agency_tasks(doc: str, filters: Filters, agency_id: str, lang: str) -> pd.DataFrame:
    """An agency's task list (分工表) in the filtered table, with its id and full name.

    :func:`graph.export.tasklists` of one agency: what the printable page and
    the CSV show; :func:`tasks` is the same without the two agency columns.
    """
    from graph.export import tasklists

    return tasklists(filtered_table(doc, filters), [agency_id], lang, registry())


def tasks(doc: str, filters: Filters, agency_id: str, lang: str) -> pd.DataFrame:
    """An agency's task list (:func:`graph.tasklist.task_list`) in the filtered table."""
    return agency_tasks(doc, filters, agency_id, lang).drop(columns=["agency", "agency_name"])


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def overview_figures(current: Settings) -> dict:
    """Tables and plotly figures of the overview page, built once per settings.

    Shared and read-only (``st.plotly_chart`` only serialises a figure), so a
    rerun does not unpickle five figures.
    """
    from graph import charts
    from graph.overview import agency_section_matrix, agency_tiers, document_counts

    lang, big = current.lang, current.presentation
    table = filtered_table(current.document, current.filters)
    metrics = analysis(current.document, current.filters, current.weighting, lang).metrics
    matrix = agency_section_matrix(table, lang, registry())
    tiers = agency_tiers(metrics)
    return {
        "counts": document_counts(table),
        "tiers": tiers,
        "measures": charts.top_agencies_bar(
            metrics,
            "measures",
            lang=lang,
            title=pick(("承担措施最多的部门", "Agencies named in most measures"), lang),
            presentation=big,
        ),
        "leads": charts.top_agencies_bar(
            metrics,
            "leads",
            lang=lang,
            title=pick(("牵头最多的部门", "Agencies leading most measures"), lang),
            presentation=big,
        ),
        "roles": charts.role_split_bar(metrics, lang=lang, presentation=big),
        "heatmap": None
        if matrix.empty
        else charts.section_heatmap(
            matrix, section_titles(current.document, lang), lang=lang, presentation=big
        ),
        "tier_scatter": None
        if tiers.empty
        else charts.tier_scatter(tiers, lang=lang, presentation=big),
    }


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def cluster_view(current: Settings) -> dict:
    """The clusters page's table and bar chart, built once per settings (read-only)."""
    from graph.charts import cluster_size_bar
    from graph.clusters import cluster_table

    result = analysis(current.document, current.filters, current.weighting, current.lang)
    table = cluster_table(result.graph, result.projection, result.clustering)
    figure = (
        None
        if table.empty
        else cluster_size_bar(table, lang=current.lang, presentation=current.presentation)
    )
    return {"table": table, "figure": figure}


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def scenes(doc: str, filters: Filters) -> tuple:
    """Presentation scenes of the filtered table (:func:`graph.scenes.section_scenes`)."""
    from graph.scenes import section_scenes

    return tuple(section_scenes(filtered_table(doc, filters), registry()))


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def kinds_present(doc: str = DOC_ID) -> tuple[str, ...]:
    """Agency kinds found in a document's table, most frequent first."""
    kinds = full_table(doc)["agency"].map(registry().kind)
    return tuple(kinds.value_counts().index)


# ---------------------------------------------------------------- networks
# The picture shown is the one a snapshot of the same options holds: both are
# graph.views.view_spec of the filtered analysis and the full graph's
# positions; only the caches (analyses, layouts) are the app's.


@st.cache_resource(show_spinner=False, max_entries=ANALYSES)
def view_positions(doc: str, key: tuple[str, str], weighting: str, today: bool = False) -> dict:
    """Positions of the full graph for a view's layout (``ViewOptions.positions_key``)."""
    from graph.views import ViewOptions, full_positions

    view, layout = key
    return full_positions(full_graph(doc, today), ViewOptions(view=view, layout=layout), weighting)


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def network_spec(
    current: Settings,
    view: str = "bipartite",
    layout: str = "bipartite",
    color_by: str = "kind",
    size_by: str = "measures",
    min_weight: float = 0.0,
    highlight: tuple[str, ...] | None = None,
    agency: str | None = None,
    today: bool = False,
    scene: bool = False,
):
    """Visual spec of a view of the filtered network (:func:`graph.views.view_spec`; read-only)."""
    from graph.views import ViewOptions, view_spec

    options = ViewOptions(
        view=view,
        layout=layout,
        color_by=color_by,
        size_by=size_by,
        min_weight=min_weight,
        agency=agency,
        highlight=tuple(highlight or ()),
        lang=current.lang,
        scene=scene,
    )
    result = (today_analysis if today else analysis)(
        current.document, current.filters, current.weighting, current.lang
    )
    # Only the projection is laid out on the weighted links.
    weighting = current.weighting if view == "projection" else "count"
    positions = view_positions(current.document, options.positions_key, weighting, today)
    return view_spec(result, positions, options)


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def network_data(current: Settings, title: str, **view) -> Mapping:
    """What the network component draws for a view (:func:`graph.render.network_page_data`).

    Shared and read-only; :func:`show_network` adds the session's own
    choices (the card open) to a copy.
    """
    from graph.render import network_page_data

    spec = network_spec(current, **view)
    key = "/".join(str(view.get(k, "")) for k in ("view", "layout", "agency", "today", "scene"))
    return MappingProxyType(
        network_page_data(
            spec,
            title=title,
            provenance=[document_line(current.document, current.lang)],
            filters=filter_lines(current),
            presentation=current.presentation,
            lang=current.lang,
            view_key=key,
        )
    )


# The session key holding each network's open card (node id); the main network's
# is part of the page's link (app_pages.links).
SELECTED = {"network_main": "net_selected"}
OPEN_PROFILE = "_open_profile"


def selected_key(key: str) -> str:
    """Session key of the node whose card the network ``key`` shows."""
    return SELECTED.get(key, f"{key}:selected")


def show_network(key: str, current: Settings, height: int, title: str = "", **view) -> None:
    """Draw a view of the network with the component (:mod:`app_pages.network_view`).

    A click on an agency makes it the session's agency (the profile and the
    clusters page follow it); its card's "open profile" button goes to the
    profile. ``key`` names the drawing: the same key keeps the same drawing
    (and its zoom) across reruns.
    """
    from app_pages import network_view

    data = dict(network_data(current, title, **view))
    data["selected"] = st.session_state.get(selected_key(key))
    data["profile"] = True
    data["minHeight"] = height
    network_view.mount(
        key,
        data,
        height,
        on_select=functools.partial(_on_select, key, current),
        on_profile=functools.partial(_on_profile, key),
    )
    if st.session_state.pop(OPEN_PROFILE, False):
        st.switch_page("app_pages/agency.py")


def _on_select(key: str, current: Settings) -> None:
    """A node was clicked (or the card closed): remember it; an agency becomes the session's."""
    choice = st.session_state[key]["select"]
    st.session_state[selected_key(key)] = choice["id"] if choice else None
    if not choice:
        return
    if choice.get("agency"):
        choose_agency(current, choice["agency"])
    elif choice.get("kind") == "measure":
        st.session_state["measure_pick"] = str(choice["id"]).split(":", 1)[-1]


def choose_agency(current: Settings, agency: str) -> None:
    """Make ``agency`` the one the agency profile and the clusters page show."""
    st.session_state["agency"] = agency
    st.session_state["chain_from"] = agency
    result = analysis(current.document, current.filters, current.weighting, current.lang)
    cluster = result.clustering.membership().get(agency_node(agency))
    if cluster:
        st.session_state["cluster_pick"] = cluster


def _on_profile(key: str) -> None:
    """The card's "open profile" button: go to that agency's profile."""
    agency = st.session_state[key]["profile"]
    if agency:
        st.session_state["agency"] = agency
        st.session_state[OPEN_PROFILE] = True


def show_page(page: str, height: int) -> None:
    """Embed a page of HTML (a task list); the iframe is a little taller than the page.

    ``st.iframe`` first asks ``urllib.parse`` whether the page is a URL, and
    ``urlsplit`` keeps its last 128 arguments and their parts in an LRU cache
    for the life of the process: every page shown would stay in memory,
    whatever the app's own cache limits. The page is dropped from that cache at
    once (nothing here needs it).
    """
    st.iframe(page, height=height)
    urllib.parse.urlsplit.cache_clear()


def snapshot_options(current: Settings, **view):
    """The :class:`graph.snapshot.SnapshotOptions` of a view of the current settings."""
    from graph.snapshot import SnapshotOptions

    return SnapshotOptions(
        filters=current.filters,
        weighting=current.weighting,
        lang=current.lang,
        presentation=current.presentation,
        **view,
    )


EXPORTS = {
    # suffix: (words key, MIME type, graph.snapshot function)
    "html": ("download_snapshot", "text/html", "snapshot_html"),
    "svg": ("download_svg", "image/svg+xml", "snapshot_svg"),
    "pdf": ("download_pdf", "application/pdf", "snapshot_pdf"),
}


def snapshot_button(current: Settings, key: str, file_name: str, **view) -> None:
    """Download buttons for the view: the offline page (HTML), and SVG and PDF for reports.

    Each file is made only when its button is clicked, by the functions the
    CLI writes them with (:mod:`graph.snapshot`): same view, legend and
    provenance. ``file_name`` is the HTML file's; the others change its suffix.
    """
    from graph import snapshot

    options = snapshot_options(current, **view)
    table = raw_table(current.document)
    stem = file_name.rsplit(".", 1)[0]

    def made(function: str):
        def make() -> bytes:
            result = getattr(snapshot, function)(table, options, registry=registry())
            return result if isinstance(result, bytes) else result.encode("utf-8")

        return make

    for column, (suffix, (words, mime, function)) in zip(
        st.columns(len(EXPORTS)), EXPORTS.items(), strict=True
    ):
        column.download_button(
            tr(words, current.lang),
            data=made(function),
            file_name=f"{stem}.{suffix}",
            mime=mime,
            on_click="ignore",
            key=key if suffix == "html" else f"{key}_{suffix}",
        )


def tasklist_csv(current: Settings, agency_id: str) -> bytes:
    """An agency's task list as Excel-friendly CSV (BOM, formulas neutralised)."""
    from graph.export import excel_safe

    tasks = agency_tasks(current.document, current.filters, agency_id, current.lang)
    return excel_safe(tasks).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def tasklist_view(current: Settings, agency_id: str) -> str:
    """An agency's printable task list (:func:`graph.tasklist.tasklist_page`, as the CLI writes it)."""
    from graph.tasklist import tasklist_page

    return tasklist_page(
        raw_table(current.document),
        current.filters,
        [agency_id],
        lang=current.lang,
        registry=registry(),
    )


def tasklist_page(current: Settings, agency_id: str) -> bytes:
    """The page of :func:`tasklist_view` as a file to download."""
    return tasklist_view(current, agency_id).encode("utf-8")
