"""The corpus pages' sidebar, their words, and the navigation entries they add.

The corpus pages have their own filters (documents, years, agency kinds,
roles, generic actors, coordination, weighting), the reform alignment and the
period scheme; language and presentation mode are the same widgets as on the
document pages. A widget not drawn in a run loses its state, so the entry
file keeps the other side's choices (:func:`keep`) while one side is shown:
a user coming back finds the filters as they left them.
"""

from __future__ import annotations

import streamlit as st

from app_pages import corpus_data, links, shared
from app_pages.corpus_data import CorpusSettings
from graph.filters import Filters
from graph.labels import WEIGHTING_NAMES, kind_name, pick
from graph.projection import WEIGHTINGS
from graph.reform import TARGET_NAMES

WORDS: dict[str, tuple[str, str]] = {
    "corpus": ("文集", "Corpus"),
    "corpus-timeline": ("文件时间线", "Timeline"),
    "corpus-agencies": ("部门轨迹", "Agency trajectories"),
    "corpus-network": ("网络的变化", "Ties over time"),
    "corpus-compare": ("两份文件对比", "Two documents"),
    "corpus-documents": ("文件表与导出", "Documents and exports"),
    "corpus_filters": ("文集筛选", "Corpus filters"),
    "c_documents": ("文件（留空 = 全部）", "Documents (empty = all)"),
    "c_years": ("年份", "Years"),
    "c_align": ("机构按哪一年对齐", "Agencies as of"),
    "c_period": ("时期", "Periods"),
    "year": ("按年", "by year"),
    "reform": ("按机构改革划分", "by reform era"),
    "empty": (
        "当前筛选条件下文集中没有任何措施。请在左侧放宽筛选条件。",
        "No measure of the corpus matches the current filters. Loosen them in the sidebar.",
    ),
}
PAGES = (
    "corpus-timeline",
    "corpus-agencies",
    "corpus-network",
    "corpus-compare",
    "corpus-documents",
)
DOCUMENT_KEYS = (
    "document",
    "f_sections",
    "f_articles",
    "f_kinds",
    "f_generic",
    "f_coordination",
    "f_role",
    "weighting",
)
CORPUS_KEYS = (
    "c_documents",
    "c_years",
    "c_kinds",
    "c_generic",
    "c_coordination",
    "c_role",
    "c_weighting",
    "c_align",
    "c_period",
)
# Corpus widgets whose labels depend on the language (see shared.LANGUAGE_DEPENDENT_WIDGETS).
LANGUAGE_DEPENDENT = ("c_documents", "c_kinds", "c_role", "c_weighting", "c_align", "c_period")


def tr(key: str, lang: str) -> str:
    """The corpus pages' word for ``key`` in ``lang``."""
    return pick(WORDS[key], lang)


def navigation_pages(lang: str) -> list:
    """The ``st.Page`` entries of the corpus pages (``app_pages/corpus_*.py``)."""
    return [
        st.Page(
            f"app_pages/{key.replace('-', '_')}.py",
            title=tr(key, lang),
            url_path=key,
        )
        for key in PAGES
    ]


def is_corpus_page(url_path: str) -> bool:
    """Whether the page chosen in the navigation is a corpus page."""
    return url_path in PAGES


def keep(keys) -> None:
    """Keep the state of widgets not drawn in this run (the other sidebar's)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _keep_choices_across_languages() -> None:
    shared.keep_choices_across_languages()
    keep(LANGUAGE_DEPENDENT)


def sidebar() -> CorpusSettings:
    """Draw the corpus sidebar and return its settings.

    Widgets by key: ``lang``, ``presentation`` (shared with the document
    pages), ``c_documents``, ``c_years``, ``c_kinds``, ``c_generic``,
    ``c_coordination``, ``c_role``, ``c_weighting``, ``c_align``, ``c_period``.
    """
    key = corpus_data.corpus_key()
    edits = corpus_data.edits_key()
    with st.sidebar:
        lang = shared.language_switch(_keep_choices_across_languages)
        presentation = st.toggle(
            shared.tr("presentation", lang),
            value=links.held("presentation", False),
            key="presentation",
        )
        st.subheader(tr("corpus_filters", lang))
        docs = corpus_data.documents(key, edits)
        names = {
            d: f"{n or d} · {d}" if n else d
            for d, n in zip(docs["document"], docs["doc_number"], strict=True)
        }
        align = st.radio(
            tr("c_align", lang),
            list(TARGET_NAMES),
            format_func=lambda t: pick(TARGET_NAMES[t], lang),
            index=shared.keep_valid_choice("c_align", TARGET_NAMES),
            key="c_align",
        )
        chosen = st.multiselect(
            tr("c_documents", lang),
            list(names),
            format_func=names.__getitem__,
            default=[d for d in links.held("c_documents", []) if d in names],
            placeholder=pick(("全部文件", "all documents"), lang),
            key="c_documents",
        )
        known = sorted({int(y) for y in docs["year"].dropna()})
        years = None
        if len(known) > 1:
            low, high = st.slider(
                tr("c_years", lang), known[0], known[-1], (known[0], known[-1]), key="c_years"
            )
            years = None if (low, high) == (known[0], known[-1]) else (low, high)
        kinds_all = _kinds(key, edits, align)
        kinds = st.multiselect(
            shared.tr("kinds", lang),
            kinds_all,
            default=[k for k in links.held("c_kinds", kinds_all) if k in kinds_all],
            format_func=lambda k: kind_name(k, lang),
            key="c_kinds",
        )
        include_generic = st.checkbox(
            shared.tr("generic", lang), value=links.held("c_generic", True), key="c_generic"
        )
        include_coordination = st.checkbox(
            shared.tr("coordination", lang),
            value=links.held("c_coordination", True),
            key="c_coordination",
        )
        role = st.radio(
            shared.tr("role", lang),
            shared.ROLES,
            format_func=lambda r: (
                shared.tr("role_all", lang)
                if r == "all"
                else pick((("牵头", "lead") if r == "lead" else ("参与", "partner")), lang)
            ),
            index=links.held_index("c_role", shared.ROLES),
            horizontal=True,
            key="c_role",
        )
        weighting = st.selectbox(
            shared.tr("weighting", lang),
            list(WEIGHTINGS),
            format_func=lambda w: pick(WEIGHTING_NAMES[w], lang),
            index=links.held_index("c_weighting", list(WEIGHTINGS)),
            key="c_weighting",
        )
        period = st.radio(
            tr("c_period", lang),
            ["year", "reform"],
            format_func=lambda p: tr(p, lang),
            index=links.held_index("c_period", ["year", "reform"]),
            horizontal=True,
            key="c_period",
        )
    filters = Filters(
        agency_kinds=None if set(kinds) == set(kinds_all) else tuple(sorted(kinds)),
        roles=None if role == "all" else (role,),
        include_generic=include_generic,
        include_coordination=include_coordination,
    )
    return CorpusSettings(
        corpus=key,
        lang=lang,
        presentation=presentation,
        documents=tuple(chosen) if chosen else None,
        years=years,
        filters=filters,
        weighting=weighting,
        align=align,
        period=period,
        edits=edits,
    )


@st.cache_resource(show_spinner=False, max_entries=corpus_data.TABLES)
def _kinds(key: tuple[str, ...], edits: tuple, align: str) -> tuple[str, ...]:
    """Agency kinds of the aligned corpus, most frequent first."""
    table = corpus_data.aligned(key, edits, align)
    kinds = table["agency"].map(corpus_data.data.registry().kind)
    return tuple(kinds.value_counts().index)


def unit_choice(key: str, lang: str, first: str = "document", where=st) -> str:
    """A radio choosing the unit of a page's pictures: ``document`` or ``period``."""
    units = [first, "period" if first == "document" else "document"]
    return where.radio(
        pick(("单位", "Unit"), lang),
        units,
        format_func=lambda u: pick(
            ("按文件", "by document") if u == "document" else ("按时期", "by period"), lang
        ),
        horizontal=True,
        key=key,
    )


def settings() -> CorpusSettings:
    """The corpus settings the entry file stored for this run (defaults outside the app)."""
    return st.session_state.get("corpus_settings", CorpusSettings())


def store(current: CorpusSettings) -> None:
    """Keep this run's corpus settings where the corpus pages find them."""
    st.session_state["corpus_settings"] = current


def view_or_stop(cs: CorpusSettings):
    """The filtered corpus table; a friendly message and a stopped page when it is empty."""
    table = corpus_data.view_table(cs)
    if table.empty:
        st.info(tr("empty", cs.lang))
        st.stop()
    return table


def problems_note(cs: CorpusSettings) -> None:
    """Say which files of the corpus could not be read (details on the documents page)."""
    failed = corpus_data.corpus(cs.corpus).failed
    if failed:
        st.warning(
            pick(
                (
                    "{n} 个文件无法读取，未纳入文集（详见“文件表与导出”页）。",
                    "{n} file(s) could not be read and are not in the corpus (see the "
                    "Documents page).",
                ),
                cs.lang,
            ).format(n=len(failed))
        )
