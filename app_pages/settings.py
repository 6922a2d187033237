"""The dashboard's words and the settings one run of it works with.

Plain data, no widgets: :class:`Settings` is what the sidebar chose (hashable,
so cached functions can take it), :func:`tr` gives the dashboard's own words
in Chinese or English. Words from the data never come from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.filters import Filters
from graph.labels import pick

DOC_ID = "guofa-2015-24"

# key -> (Chinese, English). Page code asks tr(key).
WORDS: dict[str, tuple[str, str]] = {
    "app_title": ("国发〔2015〕24号 · 责任网络", "Guofa [2015] No. 24 · responsibility network"),
    "overview": ("概览", "Overview"),
    "network": ("网络图", "Network"),
    "agency": ("部门档案", "Agency profile"),
    "measures": ("措施", "Measures"),
    "clusters": ("协作群", "Clusters"),
    "today": ("机构改革后", "Today"),
    "language": ("语言", "Language"),
    "presentation": ("演示模式（投影）", "Presentation mode (projector)"),
    "filters": ("筛选", "Filters"),
    "sections": ("部分", "Sections"),
    "articles": ("条目（留空 = 全部）", "Articles (empty = all)"),
    "kinds": ("机构类型", "Agency kinds"),
    "generic": (
        "包含泛指主体（有关部门、地方政府）",
        "Include generic actors (有关部门, local governments)",
    ),
    "coordination": (
        "包含部门协调机制（结尾段）",
        "Include the coordination mechanism (closing paragraph)",
    ),
    "role": ("角色", "Role"),
    "role_all": ("全部", "all"),
    "weighting": ("部门合作权重", "Co-responsibility weighting"),
    "empty": (
        "当前筛选条件下没有任何措施。请在左侧放宽筛选条件（例如至少选择一个部分）。",
        "No measure matches the current filters. Loosen them in the sidebar "
        "(for example, select at least one section).",
    ),
    "data_error": ("数据无法读取：", "The data cannot be read:"),
    "download_snapshot": ("下载离线网页快照（HTML）", "Download offline snapshot (HTML)"),
    "download_svg": ("下载矢量图（SVG）", "Download vector image (SVG)"),
    "download_pdf": ("下载 PDF（含图例和来源）", "Download PDF (legend and source)"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "upload": ("上传文件", "Your document"),
    "review": ("核对与更正", "Review and correct"),
    "corrections_count": ("已更正 {n} 处", "{n} corrections"),
    "document": ("文件", "Document"),
    "bundled": ("内置", "bundled"),
    "measures_count": ("{n} 项措施", "{n} measures"),
}


def tr(key: str, lang: str) -> str:
    """The dashboard's word for ``key`` in ``lang``."""
    return pick(WORDS[key], lang)


@dataclass(frozen=True)
class Settings:
    """The sidebar's choices, shared by every page of one run.

    ``document`` is the key of the document shown (:func:`app_pages.data.document`):
    :data:`DOC_ID` for the bundled one, ``sha256:...`` for an upload.
    """

    document: str = DOC_ID
    lang: str = "zh"
    presentation: bool = False
    filters: Filters = field(default_factory=Filters)
    weighting: str = "count"


def filter_lines(current: Settings) -> list[str]:
    """The active filters in words, for captions and snapshots."""
    return current.filters.describe(current.lang)
