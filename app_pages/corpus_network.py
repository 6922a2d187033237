"""Ties over time: the agency network of each document or period, every agency in one place.

Positions are computed once on the whole corpus (after the alignment, before
the filters), so an agency sits in the same place in every picture; ties are
coloured by what changed since the document or period before: they persist,
appear or vanish. A button downloads every picture in one offline page with
a slider.
"""

import streamlit as st

from app_pages import corpus_data, corpus_sidebar, shared
from graph import corpus_charts
from graph.labels import pick

SIZES = ["measures", "leads", "breadth", "effective_size", "constraint", "coreness"]

cs = corpus_sidebar.settings()
lang = cs.lang
st.title(corpus_sidebar.tr("corpus-network", lang))
st.caption(" · ".join(shared.md(line) for line in corpus_data.filter_lines(cs)))
corpus_sidebar.problems_note(cs)
corpus_sidebar.view_or_stop(cs)

from graph.explain import metric_name  # noqa: E402

left, right = st.columns([1, 1])
by = corpus_sidebar.unit_choice("network_by", lang, "period", left)
size_by = right.selectbox(
    pick(("大小", "Size by"), lang),
    SIZES,
    format_func=lambda m: metric_name(m, lang),
    key="network_size",
)
labels = [unit for unit, _ in corpus_data.unit_rows(cs, by)]
position = shared.keep_valid_choice("network_unit", labels)
if len(labels) > 1:
    unit = st.select_slider(
        pick(("时期", "Period") if by == "period" else ("文件", "Document"), lang),
        labels,
        value=labels[position],
        key="network_unit",
    )
else:
    unit = labels[0]
height = shared.network_height(cs, 640)
page = corpus_data.unit_page(cs, by, labels.index(unit), size_by, height)
corpus_data.show_page(page, height)
st.caption(
    pick(
        (
            "灰线为延续的合作，绿线为新出现的合作，橙色虚线为消失的合作（与上一个{u}相比）；"
            "灰点是上一个{u}有、本{u}已不再点名的部门。部门的位置在所有{u}中相同。",
            "Grey lines: ties that persist; green: ties that appear; dashed orange: ties that "
            "vanish (against the {u} before). Grey dots: agencies of the {u} before no longer named. "
            "Every agency is in the same place in every {u}.",
        ),
        lang,
    ).format(u=pick(("时期", "period") if by == "period" else ("文件", "document"), lang))
)
st.download_button(
    pick(("下载离线网页（带时间滑块）", "Download offline page (with a time slider)"), lang),
    data=lambda: corpus_data.snapshot(cs, by, size_by),
    file_name=f"corpus-network-{by}-{lang}.html",
    mime="text/html",
    on_click="ignore",
    key="corpus_snapshot",
)
ties = corpus_data.tie_summary(cs, by)
if len(ties):
    st.subheader(pick(("合作关系的延续、出现与消失", "Ties that persist, appear and vanish"), lang))
    st.plotly_chart(
        corpus_charts.tie_chart(ties, lang, presentation=cs.presentation), key="chart_ties"
    )
