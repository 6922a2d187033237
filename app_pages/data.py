"""Cached access to the library: tables, analyses, layouts, figures, networks, downloads.

Every page gets its numbers and pictures here. ``st.cache_data`` holds tables
(a copy per call), ``st.cache_resource`` the graph, layouts, specs and figures
(shared and read-only: nothing here or in a page mutates them). Keys are the
hashable :class:`graph.filters.Filters`, :class:`app_pages.settings.Settings`
and plain options, so a rerun recomputes only what changed.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages.settings import DOC_ID, Settings, filter_lines, tr
from graph.build import agency_node, build_graph
from graph.documents import load_documents, with_english_titles
from graph.filters import Filters, apply_filters
from graph.labels import pick
from graph.pipeline import Analysis, analyse
from graph.projection import co_responsibility
from graph.registry import Registry, load_registry
from graph.table import load_measures
from graph.today import as_of_today


@st.cache_resource(show_spinner=False)
def registry() -> Registry:
    """The bundled agency registry (shared, read-only)."""
    return load_registry()


@st.cache_data(show_spinner=False)
def raw_table() -> pd.DataFrame:
    """The bundled measures table, validated, in the project's schema (for snapshots)."""
    return load_measures(registry=registry())


@st.cache_data(show_spinner=False)
def full_table() -> pd.DataFrame:
    """The bundled measures table with English section and article titles."""
    return with_english_titles(raw_table())


@st.cache_data(show_spinner=False)
def filtered_table(filters: Filters) -> pd.DataFrame:
    """Rows of the bundled table that pass ``filters``."""
    return apply_filters(full_table(), filters, registry())


@st.cache_resource(show_spinner=False)
def analysis(filters: Filters, weighting: str, lang: str) -> Analysis:
    """Graph, projection, metrics and clusters of the filtered table (shared, read-only)."""
    return analyse(filtered_table(filters), weighting=weighting, lang=lang, registry=registry())


@st.cache_resource(show_spinner=False)
def today_analysis(filters: Filters, weighting: str, lang: str) -> Analysis:
    """As :func:`analysis`, with 2015 agencies merged into their successors."""
    today = as_of_today(filtered_table(filters), registry())
    return analyse(today, weighting=weighting, lang=lang, registry=registry())


@st.cache_resource(show_spinner=False)
def full_graph(today: bool = False) -> nx.Graph:
    """Bipartite graph of the whole, unfiltered table (layouts are computed on it)."""
    table = full_table()
    return build_graph(as_of_today(table, registry()) if today else table, registry())


@st.cache_resource(show_spinner=False)
def bipartite_layout(layout: str = "bipartite", today: bool = False) -> dict:
    """Positions of every node of the full graph; filtered views reuse them."""
    from graph.layout import bipartite_positions, force_positions

    graph = full_graph(today)
    return bipartite_positions(graph) if layout == "bipartite" else force_positions(graph)


@st.cache_resource(show_spinner=False)
def projection_layout(weighting: str = "count", today: bool = False) -> dict:
    """Positions of every agency of the full co-responsibility projection."""
    from graph.layout import projection_positions

    return projection_positions(co_responsibility(full_graph(today), weighting))


@st.cache_data(show_spinner=False)
def section_titles(lang: str) -> dict[int, str]:
    """Section number -> title in ``lang`` (Chinese when no translation)."""
    table = full_table()
    tasks = table.dropna(subset=["section"]).drop_duplicates("section")
    column = "section_title_en" if lang == "en" else "section_title"
    return {int(r["section"]): str(r[column] or r["section_title"]) for _, r in tasks.iterrows()}


@st.cache_data(show_spinner=False)
def article_titles(lang: str) -> dict[int, str]:
    """Article number -> title in ``lang``, for articles that have measures."""
    table = full_table()
    tasks = table.dropna(subset=["article"]).drop_duplicates("article")
    column = "article_title_en" if lang == "en" else "article_title"
    return {int(r["article"]): str(r[column] or r["article_title"]) for _, r in tasks.iterrows()}


@st.cache_data(show_spinner=False)
def document_line(lang: str) -> str:
    """Number and title of the document, for headings and provenance."""
    doc = load_documents().loc[DOC_ID]
    title = doc["title_en"] if lang == "en" else doc["title_zh"]
    return f"{doc['doc_number']} {title}"


@st.cache_data(show_spinner=False)
def catalogue(filters: Filters, lang: str) -> pd.DataFrame:
    """One row per measure of the filtered table (:func:`graph.catalogue.measure_catalogue`)."""
    from graph.catalogue import measure_catalogue

    return measure_catalogue(filtered_table(filters), lang, registry())


@st.cache_data(show_spinner=False)
def source(doc_id: str) -> str | None:
    """The source text of a bundled document; None when the catalogue has no text for it."""
    from graph.documents import source_text

    try:
        return source_text(doc_id)
    except (KeyError, OSError):
        return None


@st.cache_data(show_spinner=False)
def successors(filters: Filters) -> pd.DataFrame:
    """Current successor of every agency of the filtered table (:func:`graph.today.successor_map`)."""
    from graph.today import successor_map

    return successor_map(filtered_table(filters), registry())


@st.cache_data(show_spinner=False)
def shift(filters: Filters) -> pd.DataFrame:
    """Measures per successor before and after the reforms (:func:`graph.shift.load_shift`)."""
    from graph.shift import load_shift

    return load_shift(filtered_table(filters), registry())


@st.cache_data(show_spinner=False)
def choices(filters: Filters, lang: str) -> dict[str, str]:
    """Agency id -> searchable label, for the agencies of the filtered table."""
    from graph.labels import agency_choices

    return agency_choices(filtered_table(filters), lang, registry())


@st.cache_data(show_spinner=False)
def tasks(filters: Filters, agency_id: str, lang: str) -> pd.DataFrame:
    """An agency's task list (分工表) in the filtered table."""
    from graph.tasklist import task_list

    return task_list(filtered_table(filters), agency_id, lang, registry())


@st.cache_resource(show_spinner=False, max_entries=32)
def overview_figures(current: Settings) -> dict:
    """Tables and plotly figures of the overview page, built once per settings.

    Shared and read-only (``st.plotly_chart`` only serialises a figure), so a
    rerun does not unpickle five figures.
    """
    from graph import charts
    from graph.overview import agency_section_matrix, agency_tiers, document_counts

    lang, big = current.lang, current.presentation
    table = filtered_table(current.filters)
    metrics = analysis(current.filters, current.weighting, lang).metrics
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
        else charts.section_heatmap(matrix, section_titles(lang), lang=lang, presentation=big),
        "tier_scatter": None
        if tiers.empty
        else charts.tier_scatter(tiers, lang=lang, presentation=big),
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def cluster_view(current: Settings) -> dict:
    """The clusters page's table and bar chart, built once per settings (read-only)."""
    from graph.charts import cluster_size_bar
    from graph.clusters import cluster_table

    result = analysis(current.filters, current.weighting, current.lang)
    table = cluster_table(result.graph, result.projection, result.clustering)
    figure = (
        None
        if table.empty
        else cluster_size_bar(table, lang=current.lang, presentation=current.presentation)
    )
    return {"table": table, "figure": figure}


@st.cache_data(show_spinner=False)
def scenes(filters: Filters) -> list:
    """Presentation scenes of the filtered table (:func:`graph.scenes.section_scenes`)."""
    from graph.scenes import section_scenes

    return section_scenes(filtered_table(filters), registry())


@st.cache_data(show_spinner=False)
def kinds_present() -> list[str]:
    """Agency kinds found in the bundled table, most frequent first."""
    kinds = full_table()["agency"].map(registry().kind)
    return kinds.value_counts().index.tolist()


# ---------------------------------------------------------------- networks
# The picture shown is the one a snapshot of the same options holds: same
# filtered analysis, same positions (computed on the full graph), same
# encoding; tests/test_app.py compares the two specs. The app adds only
# highlighting (scenes, clusters, chains), which snapshots do not have.


@st.cache_resource(show_spinner=False, max_entries=64)
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
):
    """Visual spec of a view of the filtered network (shared, read-only).

    ``view`` is ``bipartite``, ``projection`` or ``ego`` (then ``agency`` is
    the agency id in focus, laid out on its own as in snapshots).
    """
    from graph.encode import encode_bipartite, encode_projection
    from graph.layout import bipartite_positions, force_positions
    from graph.snapshot import ego_graph

    result = (today_analysis if today else analysis)(
        current.filters, current.weighting, current.lang
    )
    common = {
        "size_by": size_by,
        "metrics": result.metrics,
        "clustering": result.clustering,
        "lang": current.lang,
        "highlight": set(highlight) if highlight else None,
    }
    if view == "projection":
        return encode_projection(
            result.projection,
            projection_layout(current.weighting, today),
            min_weight=min_weight,
            color_by=color_by,
            **common,
        )
    if view == "ego":
        ego = ego_graph(result.graph, agency_node(agency))
        place = force_positions if layout == "force" else bipartite_positions
        return encode_bipartite(ego, place(ego), color_by=color_by, **common)
    return encode_bipartite(
        result.graph, bipartite_layout(layout, today), color_by=color_by, **common
    )


@st.cache_data(show_spinner=False, max_entries=64)
def network_page(current: Settings, title: str, height: int, **view) -> str:
    """The view as one self-contained HTML page (see :func:`network_spec`)."""
    from graph.render import network_html

    return network_html(
        network_spec(current, **view),
        height=height,
        title=title,
        provenance=[document_line(current.lang)],
        filters=filter_lines(current),
        presentation=current.presentation,
        lang=current.lang,
    )


def show_network(page: str, height: int) -> None:
    """Embed a network page; the iframe is a little taller than the drawing."""
    st.iframe(page, height=height + 40)


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


def snapshot_button(current: Settings, key: str, file_name: str, **view) -> None:
    """A download button for the offline snapshot of a view, built only when clicked."""
    from graph.snapshot import snapshot_html

    options = snapshot_options(current, **view)
    st.download_button(
        tr("download_snapshot", current.lang),
        data=lambda: snapshot_html(raw_table(), options, registry=registry()).encode("utf-8"),
        file_name=file_name,
        mime="text/html",
        on_click="ignore",
        key=key,
    )


def tasklist_csv(current: Settings, agency_id: str) -> bytes:
    """An agency's task list as Excel-friendly CSV (BOM, formulas neutralised)."""
    from graph.export import excel_safe, tasklists

    tasks = tasklists(filtered_table(current.filters), [agency_id], current.lang, registry())
    return excel_safe(tasks).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


@st.cache_data(show_spinner=False, max_entries=64)
def tasklist_view(current: Settings, agency_id: str) -> str:
    """An agency's task list as the printable page, for showing in the app."""
    from graph.export import tasklists
    from graph.render import tasklist_html
    from graph.snapshot import tasklist_title

    tasks = tasklists(filtered_table(current.filters), [agency_id], current.lang, registry())
    return tasklist_html(
        tasks,
        title=tasklist_title(raw_table(), current.lang),
        provenance=filter_lines(current),
        lang=current.lang,
    )


def tasklist_page(current: Settings, agency_id: str) -> bytes:
    """An agency's task list as a printable HTML page with provenance and filters."""
    from graph.export import tasklists
    from graph.render import tasklist_html
    from graph.snapshot import provenance_lines, tasklist_title

    tasks = tasklists(filtered_table(current.filters), [agency_id], current.lang, registry())
    page = tasklist_html(
        tasks,
        title=tasklist_title(raw_table(), current.lang),
        provenance=[
            *provenance_lines(raw_table(), current.lang),
            *filter_lines(current),
        ],
        lang=current.lang,
    )
    return page.encode("utf-8")
