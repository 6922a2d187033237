"""Agency profile: one agency's task list (分工表), ego network, metrics and successor today."""

import pandas as pd
import streamlit as st

from app_pages import data, links, shared
from graph.explain import agency_summary, explain, metric_name
from graph.labels import agency_full_name, kind_name, pick
from graph.metrics import profile_metrics

PROFILE_METRICS = profile_metrics()

current = shared.settings()
lang, en = current.lang, current.lang == "en"
st.title(shared.tr("agency", lang))
table = shared.filtered_or_stop(current)
registry = data.registry()
result = data.analysis(current.document, current.filters, current.weighting, lang)

choices = data.choices(current.document, current.filters, lang)
agency = st.selectbox(
    pick(
        (
            "选择部门（可输入中文或英文名称搜索）",
            "Choose an agency (type a Chinese or English name)",
        ),
        lang,
    ),
    list(choices),
    format_func=choices.get,
    index=shared.keep_valid_choice("agency", choices),
    key="agency",
)
full_name = agency_full_name(agency, lang, registry)
st.header(shared.md(full_name))
st.caption(
    shared.md(
        " · ".join(
            [
                kind_name(registry.kind(agency), lang),
                agency_full_name(agency, "zh" if en else "en", registry),
            ]
        )
    )
)

n_measures = int(table["measure_id"].nunique())
for line in agency_summary(result.metrics, agency, n_measures, lang):
    st.markdown(f"- {shared.md(line)}")

# One part at a time, chosen with a radio rather than tabs: a network drawn in
# a hidden tab is laid out at zero size and shows up zoomed wrongly.
VIEWS = {
    "tasks": ("分工表", "Task list"),
    "network": ("关系网络", "Ego network"),
    "metrics": ("指标说明", "Metrics explained"),
    "today": ("今天由谁承担", "Who carries it today"),
}
view = st.radio(
    pick(("查看", "Show"), lang),
    list(VIEWS),
    format_func=lambda v: pick(VIEWS[v], lang),
    index=links.held_index("agency_view", VIEWS),
    horizontal=True,
    key="agency_view",
    label_visibility="collapsed",
)

if view == "tasks":
    tasks = data.tasks(current.document, current.filters, agency, lang)
    headers = {
        "section": ("部分", "section"),
        "article": ("条目", "article"),
        "article_title": ("条目标题", "article title"),
        "measure_id": ("措施编号", "measure"),
        "measure_text": ("措施内容", "measure text"),
        "role": ("角色", "role"),
        "shared_duty": ("按职责分工分别负责", "shared duty"),
        "partners": ("其他部门", "partners"),
    }
    csv_column, html_column = st.columns(2)
    # The printable page wraps long measure texts, which a data grid cannot.
    # A fixed height that grows with the list up to a scrolling box: with
    # height="content" a reused frame kept the height of a previous, longer list.
    data.show_page(data.tasklist_view(current, agency), height=min(720, 200 + 110 * len(tasks)))
    with st.expander(pick(("表格视图（可排序）", "As a sortable table"), lang)):
        st.dataframe(
            tasks.rename(columns={c: pick(h, lang) for c, h in headers.items()}),
            hide_index=True,
            key="task_table",
        )
    csv_column.download_button(
        shared.tr("download_csv", lang),
        data=lambda: data.tasklist_csv(current, agency),
        file_name=f"tasks-{agency}-{lang}.csv",
        mime="text/csv",
        on_click="ignore",
        key="task_csv",
    )
    html_column.download_button(
        pick(("下载可打印的分工表（HTML）", "Download printable task list (HTML)"), lang),
        data=lambda: data.tasklist_page(current, agency),
        file_name=f"tasks-{agency}-{lang}.html",
        mime="text/html",
        on_click="ignore",
        key="task_html",
    )

if view == "network":
    height = shared.network_height(current, 620)
    title = pick(("{name} 的措施与合作部门", "{name}: measures and partners"), lang).format(
        name=registry.label(agency, lang)
    )
    data.show_network("agency_ego", current, height, title=title, view="ego", agency=agency)
    data.snapshot_button(
        current, "snapshot_ego", f"network-{agency}-{lang}.html", view="ego", agency=agency
    )

if view == "metrics":
    row = result.metrics.loc[agency] if agency in result.metrics.index else None
    if row is not None:
        values = [
            f"{row[m]:.3f}" if isinstance(row[m], float) else str(row[m]) for m in PROFILE_METRICS
        ]
        st.dataframe(
            pd.DataFrame(
                {
                    pick(("指标", "metric"), lang): [metric_name(m, lang) for m in PROFILE_METRICS],
                    pick(("数值", "value"), lang): values,
                    pick(("含义", "meaning"), lang): [explain(m, lang) for m in PROFILE_METRICS],
                }
            ),
            hide_index=True,
            key="metric_table",
        )

if view == "today":
    mapping = data.successors(current.document, current.filters).set_index("agency")
    successor = str(mapping.at[agency, "successor"]) if agency in mapping.index else agency
    if successor != agency:
        st.markdown(
            pick(("**今天的承接机构：** {s}", "**Successor today:** {s}"), lang).format(
                s=shared.md(agency_full_name(successor, lang, registry))
            )
        )
        if bool(mapping.at[agency, "uncertain"]):
            st.warning(
                pick(
                    (
                        "登记表将这一承接关系标为不确定。",
                        "The registry marks this succession as uncertain.",
                    ),
                    lang,
                )
            )
    else:
        st.markdown(
            pick(
                (
                    "该机构今天仍然存在（或没有主要承接机构）。",
                    "This body still exists today (no primary successor).",
                ),
                lang,
            )
        )
    if agency in registry.agencies.index:
        info = registry.agencies.loc[agency]
        st.markdown(f"**2018:** {shared.md(info['status_2018'])}")
        st.markdown(f"**2023:** {shared.md(info['status_2023'])}")
        st.caption(
            pick(("机构改革说明来自登记表（英文）。", "Reform notes from the registry."), lang)
        )
