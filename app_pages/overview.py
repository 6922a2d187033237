"""Overview: how big the document is, who carries it, and how agencies sort into tiers."""

import streamlit as st

from app_pages import data, shared
from graph.explain import explain, metric_name
from graph.labels import kind_name, pick
from graph.overview import TIER_NAMES, TIER_RULE

current = shared.settings()
lang, en = current.lang, current.lang == "en"

st.title(shared.tr("overview", lang))
st.caption(
    shared.md(data.document_line(current.document, lang))
    + " · "
    + " · ".join(shared.filter_lines(current))
)
shared.filtered_or_stop(current)
shown = data.overview_figures(current)

names = {
    "sections": ("部分", "sections"),
    "articles": ("条目", "articles"),
    "measures": ("措施", "measures"),
    "agencies": ("部门（含泛指主体）", "agencies (incl. generic actors)"),
    "assignments": ("分工（措施 × 部门）", "assignments (measure × agency)"),
}
counts = shown["counts"]
for column, (key, value) in zip(st.columns(len(counts)), counts.items(), strict=True):
    column.metric(pick(names[key], lang), value)

left, right = st.columns(2)
left.plotly_chart(shown["measures"], key="chart_measures")
right.plotly_chart(shown["leads"], key="chart_leads")

st.subheader(pick(("牵头与参与", "Lead versus partner"), lang))
st.caption(explain("leads", lang) + " " + explain("partner_roles", lang))
st.plotly_chart(shown["roles"], key="chart_roles")

st.subheader(pick(("部门 × 部分", "Agency × section"), lang))
st.caption(
    pick(
        (
            "每格为该部门在该部分被点名的措施数（不含结尾的协调机制段）。",
            "Each cell counts the measures of a section that name the agency "
            "(the closing coordination paragraph belongs to no section).",
        ),
        lang,
    )
)
if shown["heatmap"] is None:
    st.info(pick(("筛选后没有属于任何部分的措施。", "No measure left belongs to a section."), lang))
else:
    st.plotly_chart(shown["heatmap"], key="chart_heatmap")

st.subheader(
    pick(
        ("广度与深度：主导、重点与辅助部门", "Breadth and depth: lead, key and auxiliary agencies"),
        lang,
    )
)
st.markdown(pick(TIER_RULE, lang))
tiers = shown["tiers"]
if shown["tier_scatter"] is not None:
    st.caption(
        pick(
            (
                "中位数：措施数 {d:g}，合作部门数 {b:g}。",
                "Medians: {d:g} measures, {b:g} partner agencies.",
            ),
            lang,
        ).format(d=tiers.attrs["depth_median"], b=tiers.attrs["breadth_median"])
    )
    st.plotly_chart(shown["tier_scatter"], key="chart_tiers")
    table = tiers.assign(
        tier=[pick(TIER_NAMES[t], lang) for t in tiers["tier"]],
        kind=[kind_name(k, lang) for k in tiers["kind"]],
    )[["label_en" if en else "label_zh", "kind", "measures", "breadth", "tier"]]
    table.columns = [
        pick(("部门", "agency"), lang),
        pick(("类型", "kind"), lang),
        metric_name("measures", lang),
        metric_name("breadth", lang),
        pick(("层级", "tier"), lang),
    ]
    st.dataframe(table, hide_index=True, key="tier_table")
