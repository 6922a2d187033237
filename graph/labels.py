"""Display names in Chinese and English: agency kinds, roles, weightings, agencies, terms.

Every view (dashboard, charts, network pictures, snapshots, task lists)
takes its words from here, so a kind or a role is called the same thing
everywhere: :data:`KIND_NAMES`, :data:`ROLE_NAMES`, :data:`WEIGHTING_NAMES`
and :data:`TERMS`, the vocabulary of the network views and the pages made
from them. Metric names live with the metrics (:data:`graph.metrics.METRICS`).
``lang`` is ``"zh"`` or ``"en"``; anything else is treated as ``"zh"``.
"""

from __future__ import annotations

import pandas as pd

from graph.registry import Registry, load_registry

LANGS = ("zh", "en")

KIND_NAMES = {
    "ministry": ("国务院组成部门", "Ministry or commission"),
    "directly_affiliated": ("国务院直属机构", "Directly affiliated body"),
    "national_bureau": ("部委管理的国家局", "National bureau"),
    "public_institution": ("国务院直属事业单位", "Public institution"),
    "party_body": ("党中央机构", "Party body"),
    "state_council_office": ("国务院办事机构", "State Council office"),
    "local_government": ("地方政府", "Local government"),
    "mass_organization": ("人民团体", "People's organisation"),
    "military": ("中央军委机关", "Central Military Commission body"),
    "judicial": ("审判检察机关", "Court or procuratorate"),
    "enterprise": ("企业", "Enterprise"),
    "other": ("其他机构", "Other body"),
    "generic": ("泛指主体", "Generic actor"),
    "unregistered": ("未登记", "Unregistered"),
}
ROLE_NAMES = {"lead": ("牵头", "lead"), "partner": ("参与", "partner")}
WEIGHTING_NAMES = {
    "count": ("共同措施数", "shared measures (count)"),
    "newman": ("Newman 合作权重", "Newman collaboration weight"),
    "jaccard": ("Jaccard 相似度", "Jaccard overlap"),
}


# The vocabulary of network pictures, snapshots and task-list pages: key ->
# (Chinese, English). Entries with ``{}`` or ``{name}`` are formats.
TERMS: dict[str, tuple[str, str]] = {
    # the picture: nodes, lines, legend, tooltips
    "measure": ("措施", "measure"),
    "task": ("任务措施", "task measure"),
    "coordination": ("协调机制", "coordination mechanism"),
    "agency": ("部门", "agency"),
    "shared": ("按职责分工分别负责", "each according to its duties"),
    "section_n": ("第{}部分", "section {}"),
    "no_section": ("不属于任何部分", "no section"),
    "cluster_n": ("第{}组", "cluster {}"),
    "other_clusters": ("其他组", "other clusters"),
    "no_cluster": ("未分组", "no cluster"),
    "size_by": ("大小：{}", "size: {}"),
    "metric_line": ("{}：{}", "{}: {}"),
    "shared_measures": ("共同承担措施：{}", "shared measures: {}"),
    "weight": ("权重：{}", "weight: {}"),
    "kind_line": ("类型：{}", "kind: {}"),
    "leads_line": ("牵头：{}", "lead: {}"),
    "partners_line": ("参与：{}", "partners: {}"),
    "edge_width": ("线宽：共同承担的措施", "line width: shared measures"),
    "list_separator": ("、", ", "),
    "lead_mark": ("（牵头）", " (lead)"),
    "coordination_title": ("部门协调机制", "Inter-agency coordination mechanism"),
    # the page around the picture
    "search": ("搜索节点", "Find a node"),
    "search_button": ("定位", "Find"),
    "not_found": ("未找到：", "Not found: "),
    "found": ("已定位：", "Showing: "),
    "png": ("保存为 PNG", "Save as PNG"),
    "fit_all": ("显示全部", "Show all"),
    "fullscreen": ("全屏", "Full screen"),
    "legend": ("图例", "Legend"),
    "filters": ("筛选条件", "Filters"),
    "provenance": ("来源", "Source"),
    "close": ("关闭", "Close"),
    "partners": ("合作部门：", "Works with: "),
    "open_profile": ("打开部门档案", "Open the agency's profile"),
    "back": ("返回全图", "Back to the whole network"),
    "noscript": (
        "此页面需要启用 JavaScript 才能显示网络图。",
        "This page needs JavaScript to draw the network.",
    ),
    "labels_hidden": (
        "节点超过 {limit:,} 个时不显示措施编号：悬停或搜索可查看。",
        "Measure labels are hidden above {limit:,} nodes: hover or search to see them.",
    ),
    "edge_layer": (
        "连线超过 {limit:,} 条时连线没有悬停提示。",
        "Above {limit:,} lines, lines have no tooltips.",
    ),
    "edge_layer_measures": (
        "措施的提示列出牵头和参与机构。",
        "A measure's tooltip names its lead and partner agencies.",
    ),
    # views and their settings (snapshots' provenance lines)
    "view_bipartite": ("措施—机构网络", "measure-agency network"),
    "view_projection": ("机构共同责任网络", "agency co-responsibility network"),
    "view_ego": ("分工网络", "responsibility network"),
    "layout_bipartite": ("两栏", "two columns"),
    "layout_force": ("力导向", "force-directed"),
    "layout_scene": ("投影场景（只含该场景的节点）", "projector scene (its nodes alone)"),
    "color_kind": ("机构类型", "agency kind"),
    "color_cluster": ("共同责任组", "co-responsibility cluster"),
    "color_section": ("文件部分", "section"),
    "document_line": (
        "文件：{title}（{number}，{issuer}，{issued}）",
        "Document: {title} ({number}, {issuer}, {issued})",
    ),
    "unknown_document": (
        "文件：{doc}（未收录于文件目录）",
        "Document: {doc} (not in the document catalogue)",
    ),
    "generated": ("生成时间：{time}", "Generated: {time}"),
    "data_version": (
        "数据版本：源文本 SHA-256 {source}；措施表 SHA-256 {table}",
        "Data version: source text SHA-256 {source}; measures table SHA-256 {table}",
    ),
    "no_source": ("无", "none"),
    "with_corrections": ("（含 {count} 处人工更正）", " (with {count} correction{plural})"),
    "settings": (
        "视图：{view}；布局：{layout}；颜色：{color}；大小：{size}；权重：{weighting}",
        "View: {view}; layout: {layout}; colour: {color}; size: {size}; weighting: {weighting}",
    ),
    "counts": (
        "{measures} 项措施，{agencies} 个机构，{edges} 条连线",
        "{measures} measures, {agencies} agencies, {edges} lines",
    ),
    "agency_counts": ("{agencies} 个机构，{edges} 条连线", "{agencies} agencies, {edges} lines"),
    "highlighted": ("突出显示：{name}（{counts}）", "highlighted: {name} ({counts})"),
    "highlighted_counts": ("突出显示：{counts}", "highlighted: {counts}"),
    "highlight_counts": (
        "{measures} 项措施，{agencies} 个机构",
        "{measures} measures, {agencies} agencies",
    ),
    "highlight_agencies": ("{agencies} 个机构", "{agencies} agencies"),
    "agency_highlight": ("{agency}及其措施", "{agency} and its measures"),
    "line_separator": ("；", "; "),
    # task lists (分工表)
    "tasklist": ("分工表", "Task list"),
    "col_article": ("条目", "Article"),
    "col_measure": ("编号", "Measure"),
    "col_text": ("措施", "Text"),
    "col_role": ("角色", "Role"),
    "col_partners": ("同时列出的机构", "Also named"),
    "tasklist_summary": (
        "{count} 项措施：牵头 {leads} 项，参与 {partners} 项；按职责分工负责 {shared} 项",
        "{count} measures: lead in {leads}, partner in {partners}; {shared} shared according to duties",
    ),
    "shared_duty": ("按职责分工", "shared duty"),
    "no_measures": ("没有措施。", "No measures."),
}


def term(key: str, lang: str) -> str:
    """The vocabulary's word for ``key`` in ``lang`` (:data:`TERMS`).

    >>> term("legend", "en"), term("section_n", "zh").format(3)
    ('Legend', '第3部分')
    """
    return pick(TERMS[key], lang)


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English member of a ``(zh, en)`` pair.

    >>> pick(("牵头", "lead"), "en")
    'lead'
    >>> pick(("牵头", "lead"), "fr")
    '牵头'
    """
    return pair[1] if lang == "en" else pair[0]


def kind_name(kind: str, lang: str = "zh") -> str:
    """Display name of an agency kind (the id itself when unknown).

    >>> kind_name("national_bureau", "en")
    'National bureau'
    """
    return pick(KIND_NAMES[kind], lang) if kind in KIND_NAMES else kind


def role_name(role: str, lang: str = "zh") -> str:
    """Display name of a role, ``lead`` or ``partner``.

    >>> role_name("partner")
    '参与'
    """
    return pick(ROLE_NAMES[role], lang) if role in ROLE_NAMES else role


def agency_full_name(agency_id: str, lang: str = "zh", registry: Registry | None = None) -> str:
    """Full official name of an agency (``full_name_zh`` or ``name_en``).

    Falls back to the short label, and to the id for an unregistered actor.

    >>> agency_full_name("spb", "en")
    'State Post Bureau'
    """
    registry = registry or load_registry()
    if agency_id not in registry.agencies.index:
        return agency_id
    row = registry.agencies.loc[agency_id]
    full = row["name_en"] if lang == "en" else row["full_name_zh"]
    return str(full) if str(full) else registry.label(agency_id, lang)


def agency_choices(
    table: pd.DataFrame, lang: str = "zh", registry: Registry | None = None
) -> dict[str, str]:
    """Agency id -> searchable display text, for every agency of ``table``.

    The text holds the short label in the chosen language followed by the
    other language's name and the full name, so typing 海关, GACC or Customs
    finds the same agency. Ordered by number of rows (measures), then id.

    >>> from graph.fixtures import tiny_table
    >>> choices = agency_choices(tiny_table(), "en")
    >>> list(choices)[:2]
    ['mofcom', 'ndrc']
    >>> choices["mofcom"]
    'MOFCOM · 商务部 · Ministry of Commerce'
    """
    registry = registry or load_registry()
    counts = table.groupby("agency", sort=False).size()
    order = sorted(counts.index, key=lambda a: (-counts[a], a))
    choices = {}
    for agency in order:
        other_lang = "zh" if lang == "en" else "en"
        parts = [
            registry.label(agency, lang),
            registry.label(agency, other_lang),
            agency_full_name(agency, lang, registry),
        ]
        choices[agency] = " · ".join(dict.fromkeys(p for p in parts if p))
    return choices
