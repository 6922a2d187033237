"""This session's documents: the switch's options, taking an upload in, forgetting one.

An upload is read once, in the upload widget's callback (before the rerun),
by :func:`graph.uploads.read_upload`; the resulting document goes into this
session's ``st.session_state`` (see :mod:`app_pages.data` for the memory
design) and becomes the document shown. Several files may be chosen at once:
each new one is read, and the last one read becomes the document shown. What
went wrong, or what was noticed, is kept as one :class:`UploadOutcome` per
file for the upload page to show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app_pages import data, links
from app_pages.settings import DOC_ID, tr
from graph.corrections import corrected_document, corrections_frame
from graph.errors import InputError, Problem
from graph.uploads import read_upload

OUTCOME = "upload_outcome"
"""Key in ``st.session_state`` of the last upload's outcomes (a tuple of :class:`UploadOutcome`)."""

SEEN = "upload_seen"
"""Key in ``st.session_state`` of the ids of the files in the widget already read."""

CORRECTIONS = "corrections"
"""Key in ``st.session_state`` of this session's corrections (all documents, one table)."""

CORRECTED_FROM = "corrected_from"
"""Key in ``st.session_state``: corrected document's key -> the key of the document as read."""

CORRECTION_PROBLEMS = "correction_problems"
"""Key in ``st.session_state`` of the corrections that could not be applied, last time."""

MAX_SESSION_DOCUMENTS = 8
"""Uploads one session keeps; taking in one more forgets the oldest."""

PASTED_NAME = "pasted-text.txt"

# Widgets whose values belong to one document (a section, an agency, a measure):
# a document switch clears them, so every page starts from its defaults.
DOCUMENT_DEPENDENT_WIDGETS = (
    "f_sections",
    "f_articles",
    "f_kinds",
    "agency",
    "measure_pick",
    "_measure_clicked",
    "measure_query",
    "cluster_pick",
    "chain_from",
    "chain_to",
    "net_min_weight",
    "net_selected",
    "net_layout",
    "scene",
)


@dataclass(frozen=True)
class UploadOutcome:
    """What became of one upload: the document's key, or the problems that stopped it."""

    name: str
    key: str | None = None
    problems: tuple[Problem, ...] = ()
    forgotten: tuple[str, ...] = ()


def options() -> list[str]:
    """Keys the document switch offers: the bundled document, then this session's uploads."""
    return [DOC_ID, *data.session_documents()]


def label(key: str, lang: str) -> str:
    """The switch's label of a document; unique, since the browser sends labels back.

    Shown as plain text (selectbox options are not markdown).
    """
    if key == DOC_ID:
        return f"{data.bundled_line(lang).split(' ')[0]} ({tr('bundled', lang)})"
    found = data.session_documents()[key]
    count = tr("measures_count", lang).format(n=found.measures)
    base = base_key(key)
    if base != key:  # a corrected document: named after the one as read
        fixes = tr("corrections_count", lang).format(n=found.table.attrs.get("corrections", 0))
        return f"{label(base, lang).split(' · ')[0]} · {fixes} · {count} · {key.removeprefix('sha256:')[:8]}"
    return f"{found.name} · {count} · {key.removeprefix('sha256:')[:8]}"


def forget_choices() -> None:
    """Start every page of the document now chosen from its defaults.

    Clearing a widget's state is not enough for the widgets still on screen:
    the browser sends their last labels back with the next rerun, and the
    sidebar's multiselects keep their identity across documents (Streamlit
    identifies them by key), so stale labels would match nothing and select
    nothing. Those get the new document's defaults written in instead.
    """
    for key in DOCUMENT_DEPENDENT_WIDGETS:
        st.session_state.pop(key, None)
    links.forget(*DOCUMENT_DEPENDENT_WIDGETS)
    doc = st.session_state.get("document", DOC_ID)
    try:
        st.session_state["f_sections"] = sorted(data.section_titles(doc, "zh"))
        st.session_state["f_kinds"] = list(data.kinds_present(doc))
    except (InputError, KeyError):
        pass  # the sidebar stops with the reason when it cannot read the document
    st.session_state["f_articles"] = []


def show(key: str) -> None:
    """Make ``key`` the document shown (call from a callback, before the switch is drawn)."""
    st.session_state["document"] = key
    forget_choices()


def accept(name: str, content: bytes) -> UploadOutcome:
    """Read an upload; keep and show it when it can be used. The outcome is kept too
    (as the only one; :func:`accept_all` keeps those of several files).

    Never raises for bad input: every problem is in the outcome. An error
    that is not about the input (a bug) is reported as one problem with its
    type, so the page still shows a message instead of a traceback.
    """
    try:
        document = read_upload(name, content, data.registry())
    except InputError as error:
        outcome = UploadOutcome(name, problems=tuple(error.problems))
    except Exception as error:  # a message, never a traceback, whatever the file holds
        message = f"could not be read: unexpected {type(error).__name__}: {error}"
        outcome = UploadOutcome(name, problems=(Problem(name, message),))
    else:
        uploads = data.session_documents()
        uploads.pop(document.key, None)
        uploads[document.key] = document
        forgotten = []
        while len(uploads) > MAX_SESSION_DOCUMENTS:
            oldest = next(iter(uploads))
            forgotten.append(uploads[oldest].name)
            _drop(oldest)
        show(document.key)
        # Corrections this session made to the same text before apply again.
        key = apply_corrections_to(document.key)
        outcome = UploadOutcome(name, key=key, forgotten=tuple(forgotten))
    st.session_state[OUTCOME] = (outcome,)
    return outcome


def accept_all(files: list[tuple[str, bytes]]) -> tuple[UploadOutcome, ...]:
    """:func:`accept` each ``(name, content)`` in turn; all their outcomes are kept."""
    outcomes = tuple(accept(name, content) for name, content in files)
    st.session_state[OUTCOME] = outcomes
    return outcomes


def on_upload() -> None:
    """Callback of the file uploader (key ``upload``): read the files just chosen.

    The widget lists every file chosen so far; those already read (by their
    upload id) are not read again.
    """
    uploaded = st.session_state.get("upload") or []
    if not isinstance(uploaded, list):
        uploaded = [uploaded]
    seen = st.session_state.get(SEEN, set())
    new = [f for f in uploaded if f.file_id not in seen]
    st.session_state[SEEN] = {f.file_id for f in uploaded}
    if new:
        accept_all([(f.name, f.getvalue()) for f in new])


def on_paste() -> None:
    """Callback of the paste button: read the pasted text as a ``.txt`` upload."""
    text = st.session_state.get("paste_text", "")
    if accept(PASTED_NAME, text.encode("utf-8")).key is not None:
        # Read and kept: the browser need not send megabytes back with every rerun.
        st.session_state["paste_text"] = ""


def forget(key: str) -> None:
    """Callback of a remove button: drop an upload (and its corrected version); show the
    bundled document if it was shown."""
    shown = st.session_state.get("document")
    dropped = _drop(key)
    if shown in dropped:
        show(DOC_ID)


def _drop(key: str) -> set[str]:
    """Forget a document of this session and the corrected version made from it."""
    origins = st.session_state.setdefault(CORRECTED_FROM, {})
    gone = {key, *(k for k, base in origins.items() if base == key)}
    for k in gone:
        data.session_documents().pop(k, None)
        origins.pop(k, None)
    return gone


# ------------------------------------------------------------------ corrections


def corrections() -> pd.DataFrame:
    """This session's corrections, all documents (see :mod:`graph.corrections`)."""
    if CORRECTIONS not in st.session_state:
        st.session_state[CORRECTIONS] = corrections_frame()
    return st.session_state[CORRECTIONS]


def base_key(key: str) -> str:
    """The key of the document as read, for a corrected document's key (or the key itself)."""
    return st.session_state.get(CORRECTED_FROM, {}).get(key, key)


def corrections_of(key: str) -> pd.DataFrame:
    """The session's corrections that name the documents of document ``key``."""
    table = data.document(base_key(key)).table
    found = corrections()
    return found[found["document"].isin(set(table["document"]))].reset_index(drop=True)


def apply_corrections_to(key: str) -> str:
    """Show document ``key`` with this session's corrections applied; return the key shown.

    The corrected document is kept beside the one as read (one corrected
    version per document: an older one is replaced), so every page shows the
    corrections; the problems of corrections that no longer match are kept
    for the review page.
    """
    base = base_key(key)
    corrected, problems = corrected_document(data.document(base), corrections(), data.registry())
    st.session_state[CORRECTION_PROBLEMS] = tuple(problems)
    origins = st.session_state.setdefault(CORRECTED_FROM, {})
    uploads = data.session_documents()
    for old in [k for k, b in origins.items() if b == base and k != corrected.key]:
        uploads.pop(old, None)
        origins.pop(old)
    if corrected.key != base:
        uploads[corrected.key] = corrected
        origins[corrected.key] = base
    if st.session_state.get("document") != corrected.key:
        show(corrected.key)
    return corrected.key


def save_corrections(key: str, place: tuple[str, int], rows: pd.DataFrame) -> str:
    """Replace the corrections of one parenthetical (document, assignment_start) by ``rows``
    and show the document corrected; return the key shown."""
    found = corrections()
    here = (found["document"] == place[0]) & (found["assignment_start"] == place[1])
    st.session_state[CORRECTIONS] = pd.concat([found[~here], rows], ignore_index=True)
    return apply_corrections_to(key)


def add_corrections(key: str, rows: pd.DataFrame) -> str:
    """Add corrections (an uploaded file's) after this session's; show the document corrected."""
    st.session_state[CORRECTIONS] = pd.concat([corrections(), rows], ignore_index=True)
    return apply_corrections_to(key)
