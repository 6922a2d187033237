"""What every page shares: the sidebar, the run's settings, stopping politely, styles.

Pages are thin views: they read their own widgets, take the run's
:class:`~app_pages.settings.Settings` from :func:`settings`, ask
:mod:`app_pages.data` for cached results of the library, and display.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from app_pages import data, links, session_documents
from app_pages.settings import DOC_ID, Settings, filter_lines, tr  # noqa: F401 (pages use shared.*)
from graph.errors import InputError
from graph.filters import Filters
from graph.labels import WEIGHTING_NAMES, kind_name, pick
from graph.projection import WEIGHTINGS

# ---------------------------------------------------------------- the sidebar


# Widgets whose displayed labels depend on the language. The browser sends a
# choice back as its displayed label, so after a language switch the old
# labels match no option and the choice would be lost (every section
# deselected, for one). Writing each value back into session state before the
# rerun makes Streamlit use it and redraw the widget with the new labels.
LANGUAGE_DEPENDENT_WIDGETS = (
    "document",
    "f_sections",
    "f_articles",
    "f_kinds",
    "f_role",
    "weighting",
    "net_view",
    "net_layout",
    "net_color",
    "net_size",
    "agency",
    "agency_view",
    "measure_pick",
    "cluster_pick",
    "chain_from",
    "chain_to",
)


# The role filter's choices, in the sidebar's order.
ROLES = ["all", "lead", "partner"]


def keep_valid_choice(key: str, options, default=None) -> int:
    """Make the widget ``key`` hold one of ``options`` before it is drawn; return its position.

    Set, not cleared: a kept widget would go on showing its old label when its
    options change (another document, filter or language). ``default`` (if it
    is an option) or else the first option replaces a value no longer offered.
    The position is the widget's ``index``: drawn with what it holds as its
    default (see :func:`app_pages.links.held`).
    """
    options = list(options)
    if options and st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    return options.index(st.session_state[key]) if options else 0


def keep_choices_across_languages() -> None:
    """Callback of the language switch: keep every choice made in the other language."""
    for key in LANGUAGE_DEPENDENT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def language_switch(on_change) -> str:
    """The sidebar's language radio (key ``lang``): ``zh`` or ``en``; ``on_change`` keeps
    the choices made in the other language (see :func:`keep_choices_across_languages`)."""
    return st.radio(
        "语言 / Language",
        ["zh", "en"],
        format_func=lambda v: "中文" if v == "zh" else "English",
        index=links.held_index("lang", ["zh", "en"]),
        horizontal=True,
        key="lang",
        on_change=on_change,
    )


def sidebar() -> Settings:
    """Draw the shared sidebar and return the settings it holds.

    Widgets are found by key in tests: ``lang``, ``document``, ``presentation``,
    ``f_sections``, ``f_articles``, ``f_kinds``, ``f_generic``,
    ``f_coordination``, ``f_role``, ``weighting``. Stops the run with a
    readable message when the document's data cannot be read.
    """
    with st.sidebar:
        lang = language_switch(keep_choices_across_languages)
        documents = session_documents.options()
        if st.session_state.get("document") not in documents:
            # Set, not left to Streamlit: a forgotten upload must not stay chosen.
            st.session_state["document"] = DOC_ID
        # Labels worked out now: a format_func reading session state would fail
        # where Streamlit calls it outside this session's script run (AppTest).
        labels = {key: session_documents.label(key, lang) for key in documents}
        doc = st.selectbox(
            tr("document", lang),
            documents,
            format_func=labels.__getitem__,
            index=links.held_index("document", documents),
            key="document",
            on_change=session_documents.forget_choices,
        )
        links.copy_button(lang)
    load_or_stop(doc, lang)
    with st.sidebar:
        presentation = st.toggle(
            tr("presentation", lang), value=links.held("presentation", False), key="presentation"
        )
        st.subheader(tr("filters", lang))
        titles = data.section_titles(doc, lang)
        sections_all = sorted(titles)
        keep_offered("f_sections", sections_all)
        sections = st.multiselect(
            tr("sections", lang),
            sections_all,
            default=links.held("f_sections", sections_all),
            format_func=lambda s: f"{s}. {titles[s]}",
            key="f_sections",
        )
        article_names = data.article_titles(doc, lang)
        keep_offered("f_articles", article_names)
        articles = st.multiselect(
            tr("articles", lang),
            sorted(article_names),
            format_func=lambda a: f"({a}) {article_names[a]}",
            default=links.held("f_articles", []),
            placeholder=pick(("全部条目", "all articles"), lang),
            key="f_articles",
        )
        kinds_all = data.kinds_present(doc)
        keep_offered("f_kinds", kinds_all)
        kinds = st.multiselect(
            tr("kinds", lang),
            kinds_all,
            default=links.held("f_kinds", kinds_all),
            format_func=lambda k: kind_name(k, lang),
            key="f_kinds",
        )
        # Written in when missing (a link may have set them already), then drawn with
        # what they hold as the default (links.held).
        st.session_state.setdefault("f_generic", True)
        st.session_state.setdefault("f_coordination", True)
        include_generic = st.checkbox(
            tr("generic", lang), value=links.held("f_generic"), key="f_generic"
        )
        include_coordination = st.checkbox(
            tr("coordination", lang), value=links.held("f_coordination"), key="f_coordination"
        )
        role = st.radio(
            tr("role", lang),
            ROLES,
            format_func=lambda r: (
                tr("role_all", lang)
                if r == "all"
                else pick((("牵头", "lead") if r == "lead" else ("参与", "partner")), lang)
            ),
            index=links.held_index("f_role", ROLES),
            horizontal=True,
            key="f_role",
        )
        weighting = st.selectbox(
            tr("weighting", lang),
            list(WEIGHTINGS),
            format_func=lambda w: pick(WEIGHTING_NAMES[w], lang),
            index=links.held_index("weighting", list(WEIGHTINGS)),
            key="weighting",
        )
    filters = Filters(
        sections=None if set(sections) == set(sections_all) else tuple(sorted(sections)),
        articles=tuple(sorted(articles)) if articles else None,
        agency_kinds=None if set(kinds) == set(kinds_all) else tuple(kinds),
        roles=None if role == "all" else (role,),
        include_generic=include_generic,
        include_coordination=include_coordination,
    )
    return Settings(
        document=doc, lang=lang, presentation=presentation, filters=filters, weighting=weighting
    )


def keep_offered(key: str, options) -> None:
    """Drop from a multiselect's value what it does not offer (a link may name anything)."""
    if key in st.session_state and isinstance(st.session_state[key], list):
        offered = set(options)
        kept = [value for value in st.session_state[key] if value in offered]
        if kept != st.session_state[key]:
            st.session_state[key] = kept


def link_defaults(current: Settings) -> dict[str, object]:
    """The filter values a link leaves out because they are the document's defaults."""
    return {
        "f_sections": sorted(data.section_titles(current.document, current.lang)),
        "f_kinds": list(data.kinds_present(current.document)),
    }


def settings() -> Settings:
    """The settings the entry file stored for this run (defaults outside the app)."""
    return st.session_state.get("settings", Settings())


def store(current: Settings) -> None:
    """Keep this run's settings where pages find them."""
    st.session_state["settings"] = current


def load_or_stop(doc: str, lang: str) -> pd.DataFrame:
    """A document's full table, or a readable error and a stopped page when it cannot be read."""
    try:
        return data.full_table(doc)
    except InputError as error:
        st.error(tr("data_error", lang))
        st.code(str(error), language=None)
        st.stop()


def filtered_or_stop(current: Settings) -> pd.DataFrame:
    """The filtered table; a friendly message and a stopped page when it is empty."""
    load_or_stop(current.document, current.lang)
    table = data.filtered_table(current.document, current.filters)
    if table.empty:
        st.info(tr("empty", current.lang))
        st.stop()
    return table


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(text: object) -> str:
    r"""Text from the data made inert in markdown (``st.markdown``, captions, headers).

    Streamlit does not render HTML in markdown, but it does render links,
    images (a request to any server), headings and colour directives: every
    markdown character is backslash-escaped, so the text shows as written.

    >>> print(md("![x](http://e.invalid/x.png) :red[a]"))
    \!\[x\]\(http\://e\.invalid/x\.png\) \:red\[a\]
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def too_many_agencies(current: Settings) -> str:
    """Why agency-only pictures are not drawn for a document with very many agencies."""
    agencies = data.graph_size(current.document)[1]
    return pick(
        (
            "该文件点名了 {n:,} 个部门，超过 {limit:,} 个时不绘制部门合作网络（布局需要几分钟）。",
            "This document names {n:,} agencies: above {limit:,} the agency network is not "
            "drawn (its layout would take minutes).",
        ),
        current.lang,
    ).format(n=agencies, limit=data.MAX_LAID_OUT_AGENCIES)


# ---------------------------------------------------------------- styles

BASE_CSS = """
<style>
/* No font-family here: Chromium falls back to Noto CJK (installed with the
   app's system packages) for Chinese, and overriding the family would also
   hit the spans that draw Streamlit's Material icons. */
mark { background: #ffe066; color: #000; padding: 0 0.1em; }
.passage { font-size: 1.05rem; line-height: 1.9; }
.scene-caption { font-size: 1.6rem; line-height: 1.5; font-weight: 600; }
</style>
"""

PRESENTATION_CSS = """
<style>
/* Readable from the back of a room: large type, black on white, no chrome. */
html { font-size: 22px; }
[data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stSidebar"] {
  background: #ffffff; color: #000000;
}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stCaptionContainer"] { color: #000000 !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], footer, #MainMenu {
  display: none !important;
}
[data-testid="stHeader"] { background: transparent; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 0.5rem 1rem 1rem 1rem !important;
}
.scene-caption { font-size: 2rem; }
</style>
"""


def apply_styles(current: Settings) -> None:
    """Fonts and highlight colours always; presentation styles when asked."""
    st.html(BASE_CSS)
    if current.presentation:
        st.html(PRESENTATION_CSS)


def network_height(current: Settings, normal: int = 720) -> int:
    """Height of an embedded network: taller when projecting."""
    return 860 if current.presentation else normal
