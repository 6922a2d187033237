"""The corpus the dashboard's corpus pages show, and cached results of the library on it.

Which documents: the corpus given on the command line
(``streamlit run streamlit_app.py -- --corpus DIR [--corpus FILE.csv …]
[--documents edits.csv]``; folders of texts and tables, stacked tables) or,
without one, the bundled document; plus every document this session
uploaded. The command line's corpus is read once per process and shared by
every session (``st.cache_resource``), like the bundled document; uploads stay
in their session (:mod:`app_pages.data`). A corpus is keyed by a tuple: the
base's key, then the session's upload keys (content hashes), so one session
never reaches another's uploads.

Edits of the documents table are the session's own (``st.session_state``),
part of every cache key through :class:`CorpusSettings`.

Every cached function takes a :class:`CorpusSettings` (hashable, frozen) or
the parts of it it depends on, so a rerun recomputes only what a change
touched. The per-document measures are NumPy (about 1 ms a document: a
filter change on a 100-document corpus reruns a page in well under 300 ms,
``python -m benchmarks.through_time``); the graph metrics (betweenness …) are
computed only when a page asks for them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd
import streamlit as st

from app_pages import data
from app_pages.settings import DOC_ID
from graph.corpus import (
    Corpus,
    Source,
    apply_edits,
    assemble,
    document_years,
    periods,
    read_corpus,
    read_document_edits,
)
from graph.filters import Filters, apply_filters

CORPUS_ENV = "RESPONSIBILITY_CORPUS"
"""Environment variable naming the corpus (paths separated by ``os.pathsep``) when the
app's command line has no ``--corpus`` (tests and scripts; ``--corpus`` wins)."""
EDITS_ENV = "RESPONSIBILITY_CORPUS_DOCUMENTS"
EDITS = "corpus_edits"
"""Key in ``st.session_state`` of this session's edits of the documents table."""
TABLES = 32
RESULTS = 16
PAGES = 32


@dataclass(frozen=True)
class CorpusSettings:
    """What the corpus sidebar chose (hashable: cached functions take it)."""

    corpus: tuple[str, ...] = ("bundled",)
    lang: str = "zh"
    presentation: bool = False
    documents: tuple[str, ...] | None = None  # None: every document
    years: tuple[int, int] | None = None  # None: every year (undated documents too)
    filters: Filters = field(default_factory=Filters)
    weighting: str = "count"
    align: str = "as_written"
    period: str = "year"
    edits: tuple[tuple[str, ...], ...] = ()

    def base(self) -> tuple:
        """The part that decides the aligned table: corpus, edits, alignment."""
        return (self.corpus, self.edits, self.align)


def arguments(argv: list[str] | None = None) -> tuple[tuple[str, ...], str | None]:
    """``--corpus`` paths and ``--documents`` edits from the app's command line (or the env).

    Streamlit passes what follows ``--`` to the script as ``sys.argv[1:]``.

    >>> arguments(["streamlit_app.py", "--corpus", "a", "--corpus", "b.csv"])
    (('a', 'b.csv'), None)
    """
    argv = sys.argv if argv is None else argv
    paths: tuple[str, ...] = ()
    edits = None
    if argv and argv[0].endswith("streamlit_app.py"):
        parser = argparse.ArgumentParser(add_help=False)
        parser.add_argument("--corpus", action="append", default=[])
        parser.add_argument("--documents")
        known, _ = parser.parse_known_args(argv[1:])
        paths, edits = tuple(known.corpus), known.documents
    if not paths and os.environ.get(CORPUS_ENV):
        paths = tuple(p for p in os.environ[CORPUS_ENV].split(os.pathsep) if p)
    if edits is None:
        edits = os.environ.get(EDITS_ENV) or None
    return paths, edits


@st.cache_resource(show_spinner=False)
def server_corpus(paths: tuple[str, ...], edits: str | None) -> Corpus:
    """The corpus of the command line, read once per process (shared, read-only).

    Files that cannot be read, the edits file included, are listed in the
    corpus (``failed``, ``problems``), never raised: the pages say so.
    """
    import dataclasses

    from graph.errors import InputError

    corpus = read_corpus(paths, data.registry())
    if edits:
        try:
            table = read_document_edits(edits, corpus.documents)
        except InputError as error:
            return dataclasses.replace(
                corpus,
                failed=(*corpus.failed, edits),
                problems=(*corpus.problems, *error.problems),
            )
        corpus = dataclasses.replace(corpus, documents=apply_edits(corpus.documents, table))
    return corpus


@st.cache_resource(show_spinner=False)
def bundled_corpus() -> Corpus:
    """The bundled document alone, as a corpus (shared, read-only)."""
    from graph.documents import load_documents
    from graph.paths import ROOT

    text = data.source(DOC_ID)
    catalogue = load_documents()
    file = ROOT / catalogue.at[DOC_ID, "source_file"]
    sha = hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else ""
    return assemble([data.raw_table(DOC_ID)], {DOC_ID: Source(text, file.name, sha)})


def base_key() -> str:
    """``bundled``, or ``server:`` and a hash of the command line's paths."""
    paths, edits = arguments()
    if not paths:
        return "bundled"
    return "server:" + hashlib.sha256(repr((paths, edits)).encode()).hexdigest()[:16]


def base_corpus() -> Corpus:
    """The command line's corpus, or the bundled document."""
    paths, edits = arguments()
    return server_corpus(paths, edits) if paths else bundled_corpus()


def corpus_key() -> tuple[str, ...]:
    """This session's corpus: the base's key and the keys of its uploads, in upload order."""
    return (base_key(), *data.session_documents())


@st.cache_resource(show_spinner=False, max_entries=RESULTS)
def corpus(key: tuple[str, ...]) -> Corpus:
    """The base corpus and the session's uploads, as one corpus (shared by key, read-only).

    An upload whose document ids are already taken gets them suffixed
    (``tiny`` → ``tiny-2``) rather than merged into another document.
    """
    base = base_corpus()
    if len(key) == 1:
        return base
    frames = [base.table]
    sources = {
        d: Source(base.sources.get(d), f, s)
        for d, f, s in zip(
            base.documents["document"],
            base.documents["source_file"],
            base.documents["source_sha256"],
            strict=True,
        )
    }
    taken = set(base.documents["document"])
    for upload in key[1:]:
        found = data.document(upload)
        table = found.table
        renames = {}
        for document in dict.fromkeys(table["document"]):
            new, n = document, 1
            while new in taken:
                n += 1
                new = f"{document}-{n}"
            renames[document] = new
            taken.add(new)
        if any(a != b for a, b in renames.items()):
            table = table.assign(document=table["document"].map(renames))
        frames.append(table)
        if found.source is not None and table["document"].nunique() == 1:
            document = table["document"].iloc[0]
            sha = hashlib.sha256(found.source.encode("utf-8")).hexdigest()
            sources[document] = Source(found.source, found.name, sha)
    merged = assemble(frames, sources)
    # Dates and titles the base's catalogue or edits gave stay as they were.
    base_rows = base.documents.set_index("document")
    documents = merged.documents.set_index("document")
    documents.loc[base_rows.index, base_rows.columns] = base_rows
    documents = documents.reset_index()
    order = documents.assign(_unknown=documents["year"].isna()).sort_values(
        ["_unknown", "year", "date"], kind="stable"
    )
    return Corpus(
        merged.table,
        order.drop(columns="_unknown").reset_index(drop=True),
        merged.sources,
        base.failed,
        base.problems,
        base.notes,
    )


def session_edits() -> pd.DataFrame:
    """This session's edits of the documents table (``document`` and editable columns)."""
    return st.session_state.get(EDITS, pd.DataFrame(columns=["document"]))


def edits_key(edits: pd.DataFrame | None = None) -> tuple[tuple[str, ...], ...]:
    """The edits as a hashable tuple of rows (header first)."""
    edits = session_edits() if edits is None else edits
    if edits.empty:
        return ()
    frame = edits.fillna("").astype(str)
    return (tuple(frame.columns), *(tuple(r) for r in frame.itertuples(index=False)))


def _edits_frame(key: tuple[tuple[str, ...], ...]) -> pd.DataFrame | None:
    if not key:
        return None
    return pd.DataFrame(list(key[1:]), columns=list(key[0]))


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def documents(key: tuple[str, ...], edits: tuple) -> pd.DataFrame:
    """The corpus's documents table with this session's edits (read-only)."""
    return apply_edits(corpus(key).documents, _edits_frame(edits))


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def aligned(key: tuple[str, ...], edits: tuple, align: str) -> pd.DataFrame:
    """The corpus's measures with agencies mapped to the bodies of the chosen year."""
    from graph.reform import align_agencies

    table = corpus(key).table
    return align_agencies(table, document_years(documents(key, edits)), align, data.registry())


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def view_documents(cs: CorpusSettings) -> pd.DataFrame:
    """The documents the sidebar kept (chosen documents, years), in time order."""
    docs = documents(cs.corpus, cs.edits)
    keep = pd.Series(True, index=docs.index)
    if cs.documents is not None:
        keep &= docs["document"].isin(cs.documents)
    if cs.years is not None:
        low, high = cs.years
        keep &= docs["year"].between(low, high).fillna(False).astype(bool)
    return docs[keep].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def view_table(cs: CorpusSettings) -> pd.DataFrame:
    """Rows of the kept documents that pass the filters (after the alignment).

    :func:`graph.filters.apply_filters` of those rows (tests/test_corpus_app.py
    checks it row for row), with the agencies' kinds looked up once per aligned
    table instead of at every filter change.
    """
    import numpy as np

    from graph.registry import GENERIC_KINDS

    table = aligned(*cs.base())
    kinds = aligned_kinds(*cs.base())
    keep = table["document"].isin(view_documents(cs)["document"]).to_numpy().copy()
    f = cs.filters
    if f.sections is not None or f.articles is not None:
        return apply_filters(table[keep], f, data.registry())
    if not f.include_coordination:
        keep &= table["kind"].eq("task").to_numpy()
    if not f.include_generic:
        keep &= ~np.isin(kinds, list(GENERIC_KINDS))
    if f.agency_kinds is not None:
        keep &= np.isin(kinds, list(f.agency_kinds))
    if f.roles is not None:
        keep &= table["role"].isin(f.roles).to_numpy()
    return table[keep].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=TABLES)
def aligned_kinds(key: tuple[str, ...], edits: tuple, align: str):
    """The registry kind of every row's agency in :func:`aligned` (a NumPy array, read-only)."""
    table = aligned(key, edits, align)
    registry = data.registry()
    kind_of = {agency: registry.kind(agency) for agency in table["agency"].unique()}
    kinds = table["agency"].map(kind_of).to_numpy(dtype=object)
    kinds.flags.writeable = False
    return kinds


def units(cs: CorpusSettings, by: str) -> pd.Series:
    """Document id -> unit (itself, or its period), ordered in time (categorical)."""
    docs = view_documents(cs)
    if by == "period":
        return periods(docs, cs.period, data.registry())
    ids = docs["document"].tolist()
    return pd.Series(pd.Categorical(ids, categories=ids, ordered=True), index=ids)


@st.cache_resource(show_spinner=False, max_entries=RESULTS)
def measures(cs: CorpusSettings, by: str = "document", full: bool = False):
    """``(agency rows, unit summaries)`` of :func:`graph.corpus_metrics.unit_metrics`."""
    from graph.corpus_metrics import unit_metrics

    agencies, summaries = unit_metrics(
        view_table(cs), units(cs, by), cs.weighting, full, data.registry(), cs.lang
    )
    label = "label_en" if cs.lang == "en" else "label_zh"
    names = dict(zip(agencies["agency"], agencies[label], strict=False))
    summaries = summaries.assign(top_lead_label=summaries["top_lead"].map(names).fillna(""))
    return agencies, summaries


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def measures_of(cs: CorpusSettings, documents: tuple[str, ...]):
    """:func:`measures` by document of a few documents only (the comparison's two)."""
    from graph.corpus_metrics import unit_metrics

    table = view_table(cs)
    ids = list(dict.fromkeys(documents))
    units = pd.Series(pd.Categorical(ids, categories=ids, ordered=True), index=ids)
    return unit_metrics(
        table[table["document"].isin(ids)], units, cs.weighting, False, data.registry(), cs.lang
    )


@st.cache_resource(show_spinner=False, max_entries=RESULTS)
def positions(key: tuple[str, ...], edits: tuple, align: str, weighting: str):
    """Agency positions on the whole corpus (after alignment, before filters): fixed everywhere."""
    from graph.corpus_view import corpus_positions

    return MappingProxyType(
        corpus_positions(aligned(key, edits, align), weighting, data.registry())
    )


@st.cache_resource(show_spinner=False, max_entries=RESULTS)
def unit_rows(cs: CorpusSettings, by: str) -> tuple[tuple[str, pd.DataFrame], ...]:
    """``(unit, rows)`` of every unit with rows, in time order (read-only)."""
    from graph.corpus_view import unit_groups

    return tuple(unit_groups(view_table(cs), units(cs, by)))


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def unit_view(cs: CorpusSettings, by: str, index: int, size_by: str = "measures"):
    """The ``index``-th unit's network, ties coloured against the unit before it."""
    rows = unit_rows(cs, by)
    return _spec(cs, rows[index][1], rows[index - 1][1] if index > 0 else None, size_by)


def _spec(cs: CorpusSettings, rows: pd.DataFrame, previous: pd.DataFrame | None, size_by: str):
    """:func:`graph.corpus_view.unit_spec` of ``rows`` with the settings' choices."""
    from graph.corpus_view import unit_spec

    return unit_spec(
        rows,
        positions(cs.corpus, cs.edits, cs.align, cs.weighting),
        previous,
        weighting=cs.weighting,
        size_by=size_by,
        lang=cs.lang,
        registry=data.registry(),
    )


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def unit_page(cs: CorpusSettings, by: str, index: int, size_by: str, height: int) -> str:
    """The ``index``-th unit's network as a self-contained page (see :func:`unit_view`)."""
    from graph.render import network_html

    unit = unit_rows(cs, by)[index][0]
    return network_html(
        unit_view(cs, by, index, size_by),
        height=height,
        title=unit,
        filters=filter_lines(cs),
        presentation=cs.presentation,
        lang=cs.lang,
    )


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def unit_specs(cs: CorpusSettings, by: str, size_by: str = "measures") -> tuple:
    """``(unit, VisualSpec)`` of every unit, ties coloured against the unit before."""
    from graph.corpus_view import unit_specs as specs

    return tuple(
        specs(
            unit_rows(cs, by),
            positions(cs.corpus, cs.edits, cs.align, cs.weighting),
            weighting=cs.weighting,
            size_by=size_by,
            lang=cs.lang,
            registry=data.registry(),
        )
    )


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def document_spec(cs: CorpusSettings, document: str, size_by: str = "measures"):
    """One document's network in the corpus's places, without comparing it to another."""
    table = view_table(cs)
    return _spec(cs, table[table["document"] == document], None, size_by)


def show_page(page: str, height: int) -> None:
    """Embed a self-contained network page (:func:`graph.render.network_html`).

    ``st.iframe`` keeps its last URL checks in ``urllib.parse``'s cache; the
    page is dropped from it at once (see the document pages' old embedding).
    """
    import urllib.parse

    st.iframe(page, height=height + 40)
    urllib.parse.urlsplit.cache_clear()


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def document_page(cs: CorpusSettings, document: str, title: str, height: int) -> str:
    """One document's network (:func:`document_spec`) as a self-contained page."""
    from graph.render import network_html

    return network_html(
        document_spec(cs, document),
        height=height,
        title=title,
        presentation=cs.presentation,
        lang=cs.lang,
    )


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def tie_summary(cs: CorpusSettings, by: str) -> pd.DataFrame:
    """Ties that persist, appear and vanish from each unit to the next."""
    from graph.corpus_metrics import unit_ties
    from graph.corpus_view import tie_summary as summarise

    return summarise(unit_ties(view_table(cs), units(cs, by)))


def filter_lines(cs: CorpusSettings) -> list[str]:
    """The corpus filters in words, for captions and snapshots."""
    from graph.labels import pick
    from graph.reform import TARGET_NAMES

    lines = []
    if cs.documents is not None:
        lines.append(pick(("文件：", "documents: "), cs.lang) + ", ".join(cs.documents))
    if cs.years is not None:
        lines.append(pick(("年份：", "years: "), cs.lang) + f"{cs.years[0]}–{cs.years[1]}")
    lines.append(pick(("机构：", "agencies: "), cs.lang) + pick(TARGET_NAMES[cs.align], cs.lang))
    lines += [
        line
        for line in cs.filters.describe(cs.lang)
        if "whole document" not in line and "全文" not in line
    ]
    return lines


@st.cache_resource(show_spinner=False, max_entries=PAGES)
def snapshot(cs: CorpusSettings, by: str, size_by: str = "measures") -> bytes:
    """The offline page of every unit's network with a slider (built when asked)."""
    from graph.corpus_view import corpus_snapshot_html, now_line
    from graph.labels import pick

    specs = unit_specs(cs, by, size_by)
    title = pick(("部门合作网络的变化", "The agency network over time"), cs.lang)
    docs = view_documents(cs)
    provenance = [
        pick(("文集：{n} 份文件", "corpus: {n} documents"), cs.lang).format(n=len(docs)),
        now_line(cs.lang),
    ]
    page = corpus_snapshot_html(
        list(specs),
        title=title,
        provenance=provenance,
        filters=filter_lines(cs),
        lang=cs.lang,
        kind=by,
    )
    return page.encode("utf-8")
