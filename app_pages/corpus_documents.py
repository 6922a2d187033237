"""Documents and exports: the documents table (editable), files not read, metrics as CSV.

The documents table is filled from each text's head and signature and the
project's catalogue; a correction made here (a date, a 文号, a title) is this
session's, changes the timeline and the periods at once, and can be
downloaded as CSV to give to the command line (``--documents``) or to put in
the corpus folder (``documents.csv``).
"""

import pandas as pd
import streamlit as st

from app_pages import corpus_data, corpus_sidebar, shared
from graph.corpus import EDITABLE, validate_edits
from graph.corpus_metrics import AGENCY_COLUMNS, SUMMARY_COLUMNS, corpus_table
from graph.errors import InputError
from graph.explain import explain, metric_name
from graph.export import excel_safe
from graph.labels import pick
from graph.metrics import metric_keys
from graph.uploads import problem_table

cs = corpus_sidebar.settings()
lang = cs.lang
st.title(corpus_sidebar.tr("corpus-documents", lang))
corpus = corpus_data.corpus(cs.corpus)
paths, _ = corpus_data.arguments()
if not paths:
    st.info(
        pick(
            (
                "当前文集是内置文件和本会话上传的文件。要打开一个文件夹或合并表，用："
                "`streamlit run streamlit_app.py -- --corpus 文件夹`。",
                "The corpus is the bundled document and this session's uploads. To open a folder "
                "or a stacked table: `streamlit run streamlit_app.py -- --corpus FOLDER`.",
            ),
            lang,
        )
    )

documents = corpus_data.documents(cs.corpus, cs.edits)
st.subheader(pick(("文件表", "Documents"), lang))
st.caption(
    pick(
        (
            "文号、标题和日期取自正文开头和落款；可直接修改（只影响本会话），时间线和时期随之更新。",
            "文号, title and date come from each text's head and signature; edit them here (this "
            "session only): the timeline and the periods follow.",
        ),
        lang,
    )
)
shown = documents.drop(columns=["source_sha256"])
edited = st.data_editor(
    shown,
    hide_index=True,
    disabled=[c for c in shown.columns if c not in EDITABLE],
    key="documents_editor",
)
changed = edited[["document", *EDITABLE]].fillna("").astype(str)
original = (
    corpus.documents.set_index("document").loc[changed["document"], EDITABLE].fillna("").astype(str)
)
diff = changed.set_index("document")[EDITABLE].where(
    changed.set_index("document")[EDITABLE] != original, ""
)
diff = diff[(diff != "").any(axis=1)].reset_index()
try:
    valid = (
        validate_edits(diff, corpus.documents, pick(("修改", "edits"), lang)) if len(diff) else diff
    )
except InputError as error:
    st.error(pick(("修改有误，未采用：", "Edits not applied:"), lang))
    st.dataframe(problem_table(error.problems), hide_index=True, key="edit_problems")
else:
    if corpus_data.edits_key(valid) != cs.edits:
        st.session_state[corpus_data.EDITS] = valid
        st.rerun()
st.download_button(
    pick(("下载文件表（CSV）", "Download the documents table (CSV)"), lang),
    data=excel_safe(documents).to_csv(index=False, lineterminator="\n").encode("utf-8-sig"),
    file_name="documents.csv",
    mime="text/csv",
    key="download_documents",
)

if corpus.failed:
    st.subheader(pick(("无法读取的文件", "Files that could not be read"), lang))
    st.dataframe(problem_table(list(corpus.problems)), hide_index=True, key="corpus_problems")

st.subheader(pick(("导出指标", "Export the measures"), lang))
left, right = st.columns(2)
by = left.radio(
    pick(("每行", "One row per"), lang),
    ["document", "period"],
    format_func=lambda u: pick(
        ("文件 × 部门", "document × agency")
        if u == "document"
        else ("时期 × 部门", "period × agency"),
        lang,
    ),
    key="export_by",
)
summary = right.checkbox(
    pick(("只要每份文件（时期）一行", "One row per document (period) only"), lang),
    key="export_summary",
)


def export() -> bytes:
    frame = corpus_table(
        corpus_data.view_table(cs),
        corpus_data.view_documents(cs),
        by,
        align="as_written",  # the view is aligned already
        period=cs.period,
        weighting=cs.weighting,
        full=True,
        summary=summary,
        registry=corpus_data.data.registry(),
        lang=lang,
    )
    return excel_safe(frame.round(6)).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


st.download_button(
    shared.tr("download_csv", lang),
    data=export,
    file_name=f"corpus-metrics-by-{by}{'-summary' if summary else ''}.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_metrics",
)
st.caption(
    pick(
        (
            "与命令行相同：`python -m graph metrics --data 合并表.csv --by document -o m.csv`。",
            "The same as the command line: `python -m graph metrics --data corpus.csv --by document -o m.csv`.",
        ),
        lang,
    )
)

with st.expander(pick(("指标说明", "Glossary"), lang)):
    names = [*AGENCY_COLUMNS, "betweenness", *(c for c in SUMMARY_COLUMNS if c in metric_keys())]
    st.dataframe(
        pd.DataFrame(
            {
                pick(("指标", "measure"), lang): [metric_name(m, lang) for m in names],
                pick(("含义", "meaning"), lang): [explain(m, lang) for m in names],
            }
        ),
        hide_index=True,
        key="corpus_glossary",
    )
