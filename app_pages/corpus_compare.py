"""Two documents side by side: their networks in the same places, their measures, who is in each."""

import pandas as pd
import streamlit as st

from app_pages import corpus_data, corpus_sidebar, shared
from graph.corpus_metrics import SUMMARY_COLUMNS
from graph.explain import metric_name
from graph.labels import pick

cs = corpus_sidebar.settings()
lang = cs.lang
label = "label_en" if lang == "en" else "label_zh"
st.title(corpus_sidebar.tr("corpus-compare", lang))
corpus_sidebar.problems_note(cs)
corpus_sidebar.view_or_stop(cs)
with_rows = {unit for unit, _ in corpus_data.unit_rows(cs, "document")}
docs = corpus_data.view_documents(cs).set_index("document")
ids = [d for d in docs.index if d in with_rows]
if len(ids) < 2:
    st.info(
        pick(
            (
                "对比需要至少两份有措施的文件：用 --corpus 启动或上传更多文件，或放宽筛选。",
                "A comparison needs two documents with measures: start with --corpus, upload more, "
                "or loosen the filters.",
            ),
            lang,
        )
    )
    st.stop()
names = {d: f"{docs.at[d, 'doc_number'] or d} · {d}" for d in ids}
height = shared.network_height(cs, 520)
columns = st.columns(2)
picked = []
for column, key, default in zip(
    columns, ("compare_a", "compare_b"), (ids[0], ids[-1]), strict=True
):
    with column:
        doc = st.selectbox(
            pick(("文件", "Document"), lang),
            ids,
            format_func=names.__getitem__,
            index=shared.keep_valid_choice(key, ids, default),
            key=key,
        )
        picked.append(doc)
        st.caption(
            shared.md(docs.at[doc, "title"] or doc) + f" · {shared.md(docs.at[doc, 'date'])}"
        )
        corpus_data.show_page(corpus_data.document_page(cs, doc, names[doc], height), height)
a, b = picked
if a == b:
    st.info(pick(("请选择两份不同的文件。", "Choose two different documents."), lang))
    st.stop()
rows, summaries = corpus_data.measures_of(cs, (a, b))
summary = summaries.set_index("unit").loc[[a, b], [c for c in SUMMARY_COLUMNS if c != "top_lead"]]
summary.index = [names[a], names[b]]
summary.columns = [metric_name(c, lang) for c in summary.columns]
st.dataframe(summary.T, key="compare_summary")

mine = rows[rows["unit"].isin([a, b])].pivot_table(
    index="agency", columns="unit", values="measures", aggfunc="first"
)
mine = mine.reindex(columns=[a, b])
both = mine.dropna().index
only_a = mine.index[mine[a].notna() & mine[b].isna()]
only_b = mine.index[mine[b].notna() & mine[a].isna()]
agency_names = dict(zip(rows["agency"], rows[label], strict=False))
st.subheader(pick(("谁在哪份文件中", "Who is in which"), lang))
table = pd.DataFrame(
    {
        pick(("部门", "agency"), lang): [agency_names[x] for x in mine.index],
        names[a]: mine[a].astype("Int64").tolist(),
        names[b]: mine[b].astype("Int64").tolist(),
    }
)
st.dataframe(table, hide_index=True, key="compare_agencies")
st.caption(
    pick(
        (
            "两份文件共有 {n} 个部门；只在第一份中 {x} 个，只在第二份中 {y} 个（数字为措施数）。",
            "{n} agencies in both; {x} only in the first, {y} only in the second (numbers are measures).",
        ),
        lang,
    ).format(n=len(both), x=len(only_a), y=len(only_b))
)
