"""Agency trajectories: each agency's measures, leads, centrality and cluster across documents.

With the agencies aligned to one year (sidebar), an agency that a reform
merged into another is one line (工商总局 in 2015, 市场监管总局 later);
as written, two.
"""

import pandas as pd
import streamlit as st

from app_pages import corpus_data, corpus_sidebar, shared
from graph import corpus_charts
from graph.corpus_metrics import AGENCY_COLUMNS
from graph.explain import explain, metric_name
from graph.labels import pick

LIGHT = [c for c in AGENCY_COLUMNS if c != "core"]
FULL = ["betweenness", "closeness", "pagerank", "eigenvector"]

cs = corpus_sidebar.settings()
lang = cs.lang
label = "label_en" if lang == "en" else "label_zh"
st.title(corpus_sidebar.tr("corpus-agencies", lang))
st.caption(" · ".join(shared.md(line) for line in corpus_data.filter_lines(cs)))
corpus_sidebar.problems_note(cs)
corpus_sidebar.view_or_stop(cs)

left, middle, right = st.columns([1, 1, 2])
by = corpus_sidebar.unit_choice("trajectory_by", lang, "document", left)
metric = middle.selectbox(
    pick(("指标", "Measure"), lang),
    [*LIGHT, *FULL, "cluster"],
    format_func=lambda m: metric_name(m, lang),
    key="trajectory_metric",
)
full = metric in FULL or metric == "cluster"
rows, summaries = corpus_data.measures(cs, by, full)
units = summaries["unit"].tolist()
totals = rows.groupby("agency")["measures"].sum().sort_values(ascending=False, kind="stable")
names = dict(zip(rows["agency"], rows[label], strict=False))
chosen = [a for a in st.session_state.get("trajectory_agencies", []) if a in names]
st.session_state["trajectory_agencies"] = chosen or list(totals.index[:5])
agencies = right.multiselect(
    pick(("部门", "Agencies"), lang),
    list(totals.index),
    format_func=lambda a: names.get(a, a),
    key="trajectory_agencies",
)
if full:
    st.caption(
        pick(
            (
                "图中指标按每份文件（或时期）的完整网络计算，文件多时需要几秒。",
                "This measure needs each document's (or period's) whole network analysed: a few "
                "seconds on a large corpus, then cached.",
            ),
            lang,
        )
    )
st.markdown(explain(metric, lang))
if metric == "cluster":
    # Cluster numbers are per unit: show with whom the agency clusters in each.
    table = []
    for agency in agencies:
        mine = rows[rows["agency"] == agency]
        for unit, number in zip(mine["unit"], mine["cluster"], strict=True):
            mates = rows[
                (rows["unit"] == unit) & (rows["cluster"] == number) & (rows["agency"] != agency)
            ]
            table.append(
                {
                    pick(("部门", "agency"), lang): names.get(agency, agency),
                    pick(("文件或时期", "document or period"), lang): unit,
                    pick(("协作群", "cluster"), lang): int(number),
                    pick(("同群部门", "clustered with"), lang): "、".join(mates[label].head(8)),
                }
            )
    st.dataframe(pd.DataFrame(table), hide_index=True, key="trajectory_clusters")
elif agencies:
    st.plotly_chart(
        corpus_charts.trajectory_chart(
            rows, units, metric, agencies, lang, presentation=cs.presentation
        ),
        key="chart_trajectory",
    )
    wide = (
        rows[rows["agency"].isin(agencies)]
        .pivot_table(index="agency", columns="unit", values=metric, aggfunc="first", observed=False)
        .reindex(index=agencies, columns=units)
    )
    wide.index = [names.get(a, a) for a in wide.index]
    st.dataframe(wide, key="trajectory_table")
else:
    st.info(pick(("请至少选择一个部门。", "Choose at least one agency."), lang))
