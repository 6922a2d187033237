"""Timeline: the documents of the corpus in time, how big each is, who leads, how concentrated.

One point per document (measures up, agencies as its size), then the measures
of the literature per document or per period, each explained in the glossary.
"""

import streamlit as st

from app_pages import corpus_data, corpus_sidebar, shared
from graph import corpus_charts
from graph.corpus_metrics import SUMMARY_COLUMNS
from graph.explain import explain, metric_name
from graph.labels import pick

COUNTS = {
    "n_documents": ("文件数", "documents"),
    "n_measures": ("措施数", "measures"),
    "n_agencies": ("部门数", "agencies"),
    "n_assignments": ("分工数", "assignments"),
    "n_leads": ("牵头数", "leads"),
}

cs = corpus_sidebar.settings()
lang = cs.lang
st.title(corpus_sidebar.tr("corpus-timeline", lang))
docs = corpus_data.view_documents(cs)
st.caption(
    pick(("{n} 份文件", "{n} documents"), lang).format(n=len(docs))
    + " · "
    + " · ".join(shared.md(line) for line in corpus_data.filter_lines(cs))
)
corpus_sidebar.problems_note(cs)
corpus_sidebar.view_or_stop(cs)
agencies, summaries = corpus_data.measures(cs, "document")
st.plotly_chart(
    corpus_charts.timeline_chart(docs, summaries, lang, presentation=cs.presentation),
    key="chart_timeline",
)
undated = docs.loc[docs["year"].isna(), "document"].tolist()
if undated:
    st.caption(
        pick(("没有日期、未画在时间轴上的文件：", "Undated, not on the time axis: "), lang)
        + "、".join(shared.md(d) for d in undated)
        + pick(("（可在“文件表与导出”页补上日期）", " (add a date on the Documents page)"), lang)
    )

st.subheader(pick(("文献中的网络指标", "Network measures from the literature"), lang))
measures = ["gini_leads", "hhi_leads", "density", "centralization", "core_fit"]
by = corpus_sidebar.unit_choice("timeline_by", lang, "document")
shown = st.multiselect(
    pick(("指标", "Measures"), lang),
    measures,
    default=["gini_leads", "density", "centralization"],
    format_func=lambda m: metric_name(m, lang),
    key="timeline_measures",
)
_, unit_summaries = corpus_data.measures(cs, by)
if shown:
    st.plotly_chart(
        corpus_charts.measure_chart(unit_summaries, shown, lang, presentation=cs.presentation),
        key="chart_measures_over_time",
    )
columns = {"unit": pick(("文件", "document") if by == "document" else ("时期", "period"), lang)}
columns["top_lead_label"] = pick(("牵头最多", "leads most"), lang)
for column in SUMMARY_COLUMNS:
    if column != "top_lead":
        columns[column] = (
            pick(COUNTS[column], lang) if column in COUNTS else metric_name(column, lang)
        )
table = unit_summaries[list(columns)].rename(columns=columns)
st.dataframe(table, hide_index=True, key="timeline_table")
with st.expander(pick(("这些指标是什么意思", "What these measures mean"), lang)):
    for m in [*measures, "core_size"]:
        st.markdown(f"**{metric_name(m, lang)}**: {explain(m, lang)}")
