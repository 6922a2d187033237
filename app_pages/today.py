"""Today: the 2015 network next to the same measures carried by today's bodies."""

import streamlit as st

from app_pages import data, shared
from graph.build import agency_node
from graph.labels import pick

current = shared.settings()
lang, en = current.lang, current.lang == "en"
st.title(shared.tr("today", lang))
st.markdown(
    pick(
        (
            "2018 年和 2023 年两轮国务院机构改革后，文件点名的部门有的被合并、有的被拆分。"
            "右图把每个 2015 年的部门换成今天的主要承接机构（登记表的 primary 承接关系）。",
            "The 2018 and 2023 State Council reforms merged or split several agencies named in the "
            "document. On the right, every 2015 agency is replaced by its main successor today "
            "(the registry's primary succession edges).",
        ),
        lang,
    )
)
shared.filtered_or_stop(current)
shift = data.shift(current.document, current.filters)
mapping = data.successors(current.document, current.filters)
changed_2015 = tuple(agency_node(a) for a in mapping.loc[mapping["changed"], "agency"])
changed_today = tuple(agency_node(a) for a in shift["successor"])

height = shared.network_height(current, 560)
if data.few_enough_agencies(current.document):
    left, right = st.columns(2)
    for column, title, today, highlight in (
        (left, "2015", False, changed_2015),
        (right, pick(("今天", "Today"), lang), True, changed_today),
    ):
        with column:
            st.subheader(title)
            data.show_network(
                "today_now" if today else "today_2015",
                current,
                height,
                title=title,
                view="projection",
                color_by="kind",
                highlight=highlight or None,
                today=today,
            )
else:
    st.info(shared.too_many_agencies(current))
st.caption(
    pick(
        (
            "高亮的是发生变化的部门（左）和接收了它们的机构（右）；节点大小为措施数。",
            "Highlighted: agencies that changed (left) and the bodies that took them over (right); "
            "node size is the number of measures.",
        ),
        lang,
    )
)

st.subheader(pick(("任务转到了哪里", "Where the load went"), lang))
if shift.empty:
    st.info(
        pick(
            ("当前筛选下的部门都没有变化。", "No agency under the current filters has changed."),
            lang,
        )
    )
else:
    top = shift.iloc[0]
    st.markdown(
        pick(
            (
                "**{name}** 今天承担 {today} 项措施，来自 {n} 个 2015 年的部门（{pre}）；"
                "其中最多的一个当年承担 {largest} 项，合计 {total} 项（同一措施被两个前身部门同时点名时只算一次）。",
                "**{name}** carries {today} measures today, from {n} agencies of 2015 ({pre}); the "
                "largest of them had {largest}, together {total} (a measure naming two predecessors counts once today).",
            ),
            lang,
        ).format(
            name=shared.md(top["label_en"] if en else top["label_zh"]),
            today=top["measures_today"],
            n=top["n_predecessors"],
            pre=shared.md(top["predecessors_en"] if en else top["predecessors_zh"]),
            largest=top["largest_2015"],
            total=top["sum_2015"],
        )
    )
    st.plotly_chart(
        data.shift_figure(current.document, current.filters, lang, current.presentation),
        key="chart_shift",
    )
    columns = {
        "label_en" if en else "label_zh": ("今天的机构", "body today"),
        "predecessors_en" if en else "predecessors_zh": ("2015 年的前身", "2015 predecessors"),
        "largest_2015": ("最大前身的措施数", "largest predecessor"),
        "sum_2015": ("前身合计", "predecessors added up"),
        "measures_today": ("今天的措施数", "measures today"),
        "leads_today": ("今天牵头", "leads today"),
        "uncertain": ("承接关系不确定", "uncertain succession"),
    }
    st.dataframe(
        shift[list(columns)].rename(columns={c: pick(h, lang) for c, h in columns.items()}),
        hide_index=True,
        key="shift_table",
    )
