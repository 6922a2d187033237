"""Network: the measure x agency graph, or agencies only, drawn with fixed positions.

Positions come from the full, unfiltered graph (computed once, seeded), so a
node stays where it is when filters change. In presentation mode the page
becomes a slideshow: one scene per section, stepped with buttons or the
PageUp/PageDown keys a presentation clicker sends.
"""

import streamlit as st

from app_pages import data, links, shared
from graph.explain import metric_name
from graph.labels import WEIGHTING_NAMES, pick
from graph.metrics import size_metrics

current = shared.settings()
lang = current.lang
shared.filtered_or_stop(current)

if not current.presentation:
    st.title(shared.tr("network", lang))
    st.caption(
        shared.md(data.document_line(current.document, lang))
        + " · "
        + " · ".join(shared.filter_lines(current))
    )

view_names = {
    "bipartite": ("措施 × 部门", "measures × agencies"),
    "projection": ("部门合作网络", "agency co-responsibility"),
}
color_names = {
    "kind": ("机构类型", "agency kind"),
    "cluster": ("协作群", "cluster"),
    "section": ("文件部分", "document section"),
}
layout_names = {
    "bipartite": ("两列（文件顺序）", "two columns (document order)"),
    "force": ("力导向", "force-directed"),
}
# Force layouts are quadratic in the agencies: above the limit only two columns.
few_agencies = data.few_enough_agencies(current.document)
layouts = list(layout_names) if few_agencies else ["bipartite"]
views = list(view_names) if few_agencies else ["bipartite"]

controls = st.columns([1.2, 1.2, 1, 1, 1.2]) if not current.presentation else None
box = controls if controls else [st.sidebar] * 5
with box[0]:
    view = st.radio(
        pick(("视图", "View"), lang),
        views,
        format_func=lambda v: pick(view_names[v], lang),
        index=shared.keep_valid_choice("net_view", views),
        key="net_view",
    )
with box[1]:
    layout = st.radio(
        pick(("布局", "Layout"), lang),
        layouts,
        format_func=lambda v: pick(layout_names[v], lang),
        index=shared.keep_valid_choice("net_layout", layouts),
        key="net_layout",
        disabled=view != "bipartite",
    )
with box[2]:
    colors = list(color_names) if view == "bipartite" else ["cluster", "kind"]
    color_by = st.selectbox(
        pick(("颜色", "Colour by"), lang),
        colors,
        format_func=lambda v: pick(color_names[v], lang),
        index=shared.keep_valid_choice("net_color", colors),
        key="net_color",
    )
with box[3]:
    sizes = size_metrics()
    size_by = st.selectbox(
        pick(("大小", "Size by"), lang),
        sizes,
        format_func=lambda c: metric_name(c, lang),
        index=shared.keep_valid_choice("net_size", sizes),
        key="net_size",
    )
with box[4]:
    result = data.analysis(current.document, current.filters, current.weighting, lang)
    weights = [w for _, _, w in result.projection.edges(data="weight")]
    top_weight = float(max(weights)) if weights else 1.0
    chosen = st.session_state.get("net_min_weight", 0.0)
    if not isinstance(chosen, float) or not 0.0 <= chosen <= top_weight:
        st.session_state["net_min_weight"] = min(max(float(chosen or 0.0), 0.0), top_weight)
    st.session_state.setdefault("net_min_weight", 0.0)
    min_weight = st.slider(
        pick(("最小边权重", "Minimum edge weight"), lang)
        + f" ({pick(WEIGHTING_NAMES[current.weighting], lang)})",
        0.0,
        top_weight,
        value=links.held("net_min_weight", 0.0),
        step=top_weight / 50 if current.weighting != "count" else 1.0,
        key="net_min_weight",
        disabled=view != "projection",
    )

# The two-column layout is tall (one row per measure): give it more room.
height = shared.network_height(
    current, 980 if view == "bipartite" and layout == "bipartite" else 720
)
highlight = None
title = pick(view_names[view], lang)
if current.presentation:
    scenes = data.scenes(current.document, current.filters)
    position = min(st.session_state.get("scene", 0), len(scenes) - 1)
    back, caption, forward = st.columns([2, 7, 2], vertical_alignment="center")
    if back.button(
        pick(("◀ 上一节", "◀ Back"), lang),
        key="scene_prev",
        shortcut="PageUp",
        disabled=position == 0,
        width="stretch",
    ):
        position -= 1
    if forward.button(
        pick(("下一节 ▶", "Next ▶"), lang),
        key="scene_next",
        shortcut="PageDown",
        disabled=position >= len(scenes) - 1,
        width="stretch",
    ):
        position += 1
    st.session_state["scene"] = position
    scene = scenes[position]
    caption.markdown(f"## {shared.md(scene.title(lang))}")
    caption.markdown(shared.md(scene.caption(lang)))
    caption.caption(f"{position + 1} / {len(scenes)}")
    # The scene's nodes alone, laid out so that every label reads from the back of the room.
    highlight = tuple(sorted(scene.highlight))
    title = scene.title(lang)

options = {"view": view, "layout": layout, "color_by": color_by, "size_by": size_by}
if view == "projection":
    options["min_weight"] = min_weight
as_scene = {"scene": True} if current.presentation else {}
data.show_network(
    "network_main", current, height, title=title, highlight=highlight, **options, **as_scene
)
download = {"scene": position} if current.presentation else {}
data.snapshot_button(
    current, "snapshot_network", f"network-{view}-{lang}.html", **options, **download
)

if not few_agencies:
    nodes, agencies = data.graph_size(current.document)
    st.caption(
        pick(
            (
                "该文件的网络有 {nodes:,} 个节点、{agencies:,} 个部门：超过 {limit:,} 个部门时不提供力导向布局"
                "和部门合作网络（计算需要很久），只提供两列布局。",
                "This document's network has {nodes:,} nodes and {agencies:,} agencies: above "
                "{limit:,} agencies the force-directed layouts and the agency network are not "
                "offered (they would take long to compute); the two-column layout is.",
            ),
            lang,
        ).format(nodes=nodes, agencies=agencies, limit=data.MAX_LAID_OUT_AGENCIES)
    )
if not current.presentation:
    st.caption(
        pick(
            (
                "方块为措施，圆点为部门；鼠标悬停查看措施全文和部门全称。位置由 Python 以固定随机种子在完整网络上计算，"
                "筛选时节点位置不变。",
                "Boxes are measures, dots agencies; hover for the full measure text and the agency's "
                "full name. Positions are computed in Python with a fixed seed on the full network, "
                "so nodes stay in place when filters change.",
            ),
            lang,
        )
    )
