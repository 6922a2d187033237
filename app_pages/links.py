"""A link for every view: the session's choices in the URL's query, and back.

The document, the page (the URL's path), the sidebar's filters and switches,
the network's view and the chosen agency live in ``st.query_params``: opening
a link shows the same view (``/agency?agency=mofcom`` opens 商务部's profile;
``/network?view=projection&sections=2,3`` the agency network of sections 2
and 3). Only choices that differ from the defaults are written, so links stay
short.

Streamlit forgets a widget's value when a page without that widget runs; the
choices are therefore also kept under :data:`KEPT` in the session and given
back to their widgets at the start of every run (:func:`restore`), so the
agency chosen by a click in the network is the one the profile opens with.
Every widget is also drawn with its current choice as its default
(:func:`held`, :func:`held_index`), so that each run tells the browser what
the widget holds.

Every value read from a URL is checked: a value that does not parse or is not
offered is ignored (the widget keeps its default), never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from app_pages.settings import DOC_ID

KEPT = "_kept_choices"
"""Key in ``st.session_state`` of the choices kept across pages (widget key -> value)."""
RESTORED = "_link_restored"


def _ints(text: str) -> list[int] | None:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        return None
    return sorted(set(values))


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _flag(text: str) -> bool | None:
    return {"1": True, "true": True, "0": False, "false": False}.get(text.lower())


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _join(values) -> str:
    return ",".join(str(v) for v in values)


@dataclass(frozen=True)
class Param:
    """One choice in the URL: query name, widget key, how to read and write it, its default.

    ``pages``: the pages whose links carry it (empty: every page).
    """

    name: str
    key: str
    read: Callable[[str], object]
    write: Callable[[object], str] = str
    default: object = None
    pages: tuple[str, ...] = ()


def _choice(*allowed: str) -> Callable[[str], str | None]:
    return lambda text: text if text in allowed else None


def _free(text: str) -> str | None:
    text = text.strip()
    return text if 0 < len(text) <= 200 else None


PARAMS: tuple[Param, ...] = (
    # An upload's key is never written: only the session that uploaded it can reach it.
    Param("doc", "document", _free, default=DOC_ID),
    Param("lang", "lang", _choice("zh", "en"), default="zh"),
    Param("present", "presentation", _flag, lambda v: "1" if v else "0", default=False),
    Param("sections", "f_sections", _ints, _join),
    Param("articles", "f_articles", _ints, _join, default=[]),
    Param("kinds", "f_kinds", _words, _join),
    Param("generic", "f_generic", _flag, lambda v: "1" if v else "0", default=True),
    Param("coordination", "f_coordination", _flag, lambda v: "1" if v else "0", default=True),
    Param("role", "f_role", _choice("all", "lead", "partner"), default="all"),
    Param("weighting", "weighting", _choice("count", "newman", "jaccard"), default="count"),
    Param(
        "view",
        "net_view",
        _choice("bipartite", "projection"),
        default="bipartite",
        pages=("network",),
    ),
    Param(
        "layout",
        "net_layout",
        _choice("bipartite", "force"),
        default="bipartite",
        pages=("network",),
    ),
    Param(
        "color",
        "net_color",
        _choice("kind", "cluster", "section"),
        default="kind",
        pages=("network",),
    ),
    Param("size", "net_size", _free, default="measures", pages=("network",)),
    Param(
        "min_weight", "net_min_weight", _number, lambda v: f"{v:g}", default=0.0, pages=("network",)
    ),
    Param("scene", "scene", _int, default=0, pages=("network",)),
    Param("node", "net_selected", _free, default=None, pages=("network",)),
    Param("agency", "agency", _free),
    Param(
        "part",
        "agency_view",
        _choice("tasks", "network", "metrics", "today"),
        default="tasks",
        pages=("agency",),
    ),
    Param("cluster", "cluster_pick", _int, default=1, pages=("clusters",)),
    Param("from", "chain_from", _free, default="gacc", pages=("clusters",)),
    Param("to", "chain_to", _free, default="spb", pages=("clusters",)),
    Param("measure", "measure_pick", _free, pages=("measures",)),
    Param("q", "measure_query", _free, default="", pages=("measures",)),
)
"""Every choice a link carries, in the order the query lists them."""


def restore() -> None:
    """Give the widgets their values: from the URL on a session's first run, then from the session.

    A kept choice is written into a widget that does not hold one (Streamlit
    dropped it on a page without that widget). Call first thing in a run,
    before any widget is drawn.
    """
    kept = st.session_state.setdefault(KEPT, {})
    if not st.session_state.get(RESTORED):
        st.session_state[RESTORED] = True
        query = st.query_params
        for param in PARAMS:
            if param.name in query:
                value = param.read(query[param.name])
                if value is not None:
                    kept[param.key] = value
    for key, value in kept.items():
        if key not in st.session_state:
            st.session_state[key] = value


def held(key: str, fallback: object = None) -> object:
    """What the widget ``key`` holds now (else ``fallback``): pass it as the widget's default.

    A widget's value lives in the session and in the browser's copy; its
    default is what the browser draws when it has no copy. CI once saw a
    browser lose its copy on a loaded machine (the sidebar came back with every
    section and kind deselected, the defaults then written in) and send that
    back. With the current choice as the default, every run says it, at no
    cost: writing the value into the widget instead (``st.session_state[key] =
    ...`` each run) makes the browser apply it to each widget, 45 ms of every
    filter change (benchmarks/README.md, "Filter change to redrawn network").

    >>> held("a widget no session has", fallback=[1, 2])
    [1, 2]
    """
    return st.session_state[key] if key in st.session_state else fallback


def held_index(key: str, options, fallback: int = 0) -> int:
    """The position in ``options`` of what the widget ``key`` holds (else ``fallback``):
    the ``index`` of a radio or select box, see :func:`held`."""
    options = list(options)
    value = held(key)
    return options.index(value) if value in options else fallback


def remember() -> None:
    """Keep the widgets' current values for the next runs (call at the end of a run)."""
    kept = st.session_state.setdefault(KEPT, {})
    for param in PARAMS:
        if param.key in st.session_state:
            kept[param.key] = st.session_state[param.key]


def forget(*keys: str) -> None:
    """Drop kept choices (a document switch forgets its filters)."""
    kept = st.session_state.setdefault(KEPT, {})
    for key in keys:
        kept.pop(key, None)


def query_for(page: str, defaults: dict[str, object] | None = None) -> dict[str, str]:
    """The query of the current view of ``page``: every kept choice that is not its default.

    ``defaults`` overrides the defaults that depend on the document (every
    section, every kind: then the filter is not written).
    """
    kept = st.session_state.get(KEPT, {})
    defaults = defaults or {}
    query = {}
    for param in PARAMS:
        if param.pages and page not in param.pages:
            continue
        if param.key not in kept:
            continue
        value = kept[param.key]
        default = defaults.get(param.key, param.default)
        if value is None or _same(value, default):
            continue
        if param.key == "document" and str(value).startswith("sha256:"):
            continue
        query[param.name] = param.write(value)
    return query


def _same(value, default) -> bool:
    if isinstance(value, (list, tuple)) and isinstance(default, (list, tuple)):
        return sorted(map(str, value)) == sorted(map(str, default))
    return value == default


def write(page: str, defaults: dict[str, object] | None = None) -> None:
    """Put the current view in the URL (replacing what was there)."""
    remember()
    wanted = query_for(page, defaults)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


COPY_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector("span");
  button.textContent = data.label;
  button.onclick = async () => {
    const link = window.location.href;
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch (error) {
      // No clipboard API (a page served over plain http to the room's network).
      const field = document.createElement("textarea");
      field.value = link;
      parentElement.appendChild(field);
      field.select();
      copied = document.execCommand("copy");
      field.remove();
    }
    status.textContent = copied ? data.copied : link;
    button.dataset.link = link;
  };
}
"""
_copy = st.components.v2.component(
    "copy_link",
    html="<button type='button'></button> <span class='status'></span>",
    css="button { font: inherit; padding: 2px 10px; cursor: pointer; }"
    " .status { font-size: 0.85em; color: #555; word-break: break-all; }",
    js=COPY_JS,
)


def copy_button(lang: str) -> None:
    """A button copying the link of the current view (the page's URL) to the clipboard."""
    from graph.labels import pick

    _copy(
        key="copy_link",
        data={
            "label": pick(("复制当前视图的链接", "Copy a link to this view"), lang),
            "copied": pick(("已复制链接", "Link copied"), lang),
        },
    )
