"""Presentation scenes: the document told section by section, as plain data.

A coordination meeting projects the network and steps through it. The first
scene shows the whole document; then one scene per section highlights that
section's measures and the agencies named in them, with a caption giving the
counts and the lead agencies; the last scene, when the table has it, shows
the closing coordination mechanism. Node ids are those of
:func:`graph.build.build_graph`, so a scene's ``highlight`` can be passed to
the renderer as is.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from graph.build import agency_node, measure_node
from graph.documents import load_titles_en
from graph.encode import VisualSpec
from graph.registry import Registry, load_registry


@dataclass(frozen=True)
class Scene:
    """One step of a presentation.

    ``section`` is the section number, ``0`` for the opening overview and
    ``None`` for the coordination scene; ``highlight`` holds node ids (empty
    for the overview: nothing dimmed).
    """

    section: int | None
    title_zh: str
    title_en: str
    highlight: frozenset[str]
    caption_zh: str
    caption_en: str

    def title(self, lang: str = "zh") -> str:
        """Title in ``zh`` or ``en``."""
        return self.title_en if lang == "en" else self.title_zh

    def caption(self, lang: str = "zh") -> str:
        """Caption in ``zh`` or ``en``."""
        return self.caption_en if lang == "en" else self.caption_zh


def section_scenes(
    table: pd.DataFrame, registry: Registry | None = None, top: int = 3
) -> list[Scene]:
    """The scenes of a measures table: overview, one per section, coordination.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table of one document (possibly filtered: scenes follow the
        rows kept, and a section with no row left has no scene).
    registry : Registry, optional
        Source of agency names.
    top : int
        How many of the section's most frequent lead agencies the caption names.

    Returns
    -------
    list of Scene
        Empty for an empty table.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> scenes = section_scenes(tiny_table())
    >>> [s.section for s in scenes]
    [0, 1, 2, None]
    >>> sorted(scenes[2].highlight)
    ['agency:aqsiq', 'agency:depts_relevant', 'agency:saic', 'measure:M02.01', 'measure:M02.02']
    >>> scenes[2].caption_zh
    '第二部分“监管”：2 项措施，3 个部门；牵头最多的是工商总局（1 项）、有关部门（1 项）。'
    """
    if table.empty:
        return []
    registry = registry or load_registry()
    multi = table["document"].nunique() > 1
    titles_en = load_titles_en()

    def node_of(row: pd.Series) -> str:
        return measure_node(row["measure_id"], row["document"] if multi else None)

    n_measures = table.drop_duplicates(["document", "measure_id"]).shape[0]
    n_agencies = table["agency"].nunique()
    scenes = [
        Scene(
            section=0,
            title_zh="全文",
            title_en="The whole document",
            highlight=frozenset(),
            caption_zh=f"全文共 {n_measures} 项措施，点名 {n_agencies} 个部门。",
            caption_en=f"{_count(n_measures, 'measure')} naming {_count(n_agencies, 'agency')}.",
        )
    ]
    tasks = table.dropna(subset=["section"])
    for section, rows in tasks.groupby(tasks["section"].astype(int), sort=True):
        title_zh = str(rows["section_title"].iloc[0])
        title_en = titles_en.get((str(rows["document"].iloc[0]), "section", section), title_zh)
        scenes.append(
            _scene(
                section,
                f"{_chinese_number(section)}、{title_zh}",
                f"{section}. {title_en}",
                rows,
                node_of,
                registry,
                top,
                f"第{_chinese_number(section)}部分“{title_zh}”",
                f"Section {section}, “{title_en}”",
            )
        )
    coordination = table[table["kind"] == "coordination"]
    if not coordination.empty:
        scenes.append(
            _scene(
                None,
                "部门协调机制",
                "Inter-agency coordination",
                coordination,
                node_of,
                registry,
                top,
                "协调机制",
                "The coordination mechanism",
            )
        )
    return scenes


def _scene(
    section: int | None,
    title_zh: str,
    title_en: str,
    rows: pd.DataFrame,
    node_of,
    registry: Registry,
    top: int,
    name_zh: str,
    name_en: str,
) -> Scene:
    measures = rows.drop_duplicates(["document", "measure_id"])
    agencies = list(dict.fromkeys(rows["agency"]))
    highlight = frozenset(
        [node_of(row) for _, row in measures.iterrows()] + [agency_node(a) for a in agencies]
    )
    leads = Counter(rows.loc[rows["role"] == "lead", "agency"])
    order = list(dict.fromkeys(rows["agency"]))
    ranked = sorted(leads, key=lambda a: (-leads[a], order.index(a)))[:top]
    zh_leads = "、".join(f"{registry.label(a, 'zh')}（{leads[a]} 项）" for a in ranked)
    en_leads = ", ".join(f"{registry.label(a, 'en')} ({leads[a]})" for a in ranked)
    caption_zh = f"{name_zh}：{len(measures)} 项措施，{len(agencies)} 个部门"
    caption_en = f"{name_en}: {_count(len(measures), 'measure')}, {_count(len(agencies), 'agency')}"
    if ranked:
        caption_zh += f"；牵头最多的是{zh_leads}"
        caption_en += f"; leading most: {en_leads}"
    return Scene(section, title_zh, title_en, highlight, caption_zh + "。", caption_en + ".")


def _count(n: int, noun: str) -> str:
    """``1 measure``, ``2 measures``, ``3 agencies``.

    >>> _count(1, "agency"), _count(3, "agency"), _count(2, "measure")
    ('1 agency', '3 agencies', '2 measures')
    """
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """Chinese numeral for 1-99, as section headings write them.

    >>> [_chinese_number(n) for n in (1, 10, 12, 20, 29)]
    ['一', '十', '十二', '二十', '二十九']
    """
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


# ---------------------------------------------------------------- scene pictures
# A scene projected in a meeting must be read from the back of the room: every
# label of the scene at least 18 px high on a 1920 x 1080 screen, no two labels
# over each other. The whole network's layouts cannot promise that (74 measure
# labels in one column need more height than a screen has), so a scene is drawn
# on its own: only its nodes, labels beside their dots, in as many columns as
# make the labels largest, every box of a column stacked with room between.

# The drawing's size in presentation mode at 1920 x 1080 (the app's page, the
# legend beside it), in CSS pixels; the layout is made for this frame.
SCENE_FRAME = (1150.0, 740.0)
SCENE_MEASURE_FONT = 26
SCENE_AGENCY_FONT = 28
SCENE_MIN_RADIUS, SCENE_MAX_RADIUS = 6.0, 16.0
SCENE_ROW_GAP = 10.0
SCENE_COLUMN_GAP = 40.0
SCENE_GROUP_GAP = 220.0  # between the measures and the agencies: room for the lines
SCENE_WRAP = 22  # characters per line of a long label (English names)
SCENE_LABEL_PX = 21.0  # fewest columns whose labels are at least this large on screen
LINE_HEIGHT = 1.2  # as the view draws a label's lines
LABEL_GAP = 4.0  # between a dot and its label, as the view draws it
BOX_MARGIN = 4.0


def text_width(text: str, size: float) -> float:
    """Width of ``text`` at font ``size``, a little wider than any font draws it.

    Wide characters (CJK) are one em; others 0.62 em, more than the Latin
    letters and digits of Noto Sans CJK take (about 0.55 em), so a layout made
    with these widths leaves at least the room it meant to.

    >>> text_width("商务部", 20), text_width("MOFCOM", 20)
    (60, 74.4)
    """
    lines = str(text).split("\n")
    return max(
        sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in line)
        for line in lines
    )


def wrap_label(text: str, width: int = SCENE_WRAP) -> str:
    """A long label on several lines of at most ``width`` characters (at spaces).

    >>> wrap_label("Office of the State Council Leading Group for Administrative Approval")
    'Office of the State\\nCouncil Leading Group\\nfor Administrative\\nApproval'
    >>> wrap_label("商务部")
    '商务部'
    """
    if len(text) <= width or " " not in text:
        return text
    return "\n".join(textwrap.wrap(text, width))


def label_box(node: dict) -> tuple[float, float, float, float] | None:
    """Where a node's label lies (left, top, width, height), as the view places it.

    The width is :func:`text_width`'s estimate (wider than drawn); None
    without a label.
    """
    text = str(node.get("label") or "")
    if not text:
        return None
    size = float(node.get("font", {}).get("size", 14))
    width, height = text_width(text, size), (text.count("\n") + 1) * size * LINE_HEIGHT
    x, y = float(node["x"]), float(node["y"])
    if node.get("shape") == "box":
        return (x - width / 2, y - height / 2, width, height)
    r = float(node.get("size", 8))
    place = node.get("labelPosition", "below")
    if place == "right":
        return (x + r + LABEL_GAP, y - height / 2, width, height)
    if place == "left":
        return (x - r - LABEL_GAP - width, y - height / 2, width, height)
    return (x - width / 2, y + r + 2, width, height)


def shape_box(node: dict) -> tuple[float, float, float, float]:
    """Where a node's dot or box lies (left, top, width, height); a box wraps its label."""
    x, y = float(node["x"]), float(node["y"])
    if node.get("shape") == "box":
        label = label_box(node)
        margin = float(node.get("margin", BOX_MARGIN))
        size = float(node.get("font", {}).get("size", 14))
        w = (label[2] if label else 0.6 * size) + 2 * margin
        h = (label[3] if label else 0.6 * size) + 2 * margin
        return (x - w / 2, y - h / 2, w, h)
    r = float(node.get("size", 8))
    return (x - r, y - r, 2 * r, 2 * r)


def bounds(nodes: list[dict]) -> tuple[float, float, float, float]:
    """The box (left, top, width, height) around every node's shape and label."""
    boxes = [shape_box(n) for n in nodes] + [b for n in nodes if (b := label_box(n))]
    if not boxes:
        return (0.0, 0.0, 1.0, 1.0)
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return (left, top, max(right - left, 1.0), max(bottom - top, 1.0))


@dataclass(frozen=True)
class _Item:
    """A node as a box: its width and height, and where its position lies in it."""

    node: str
    width: float
    height: float
    offset: float  # from the box's left edge to the node's x


def _columns(items: list[_Item], count: int) -> list[list[_Item]]:
    """``items`` in order, split into ``count`` columns of as equal length as can be."""
    size = -(-len(items) // count) if items else 0
    return [items[i : i + size] for i in range(0, len(items), size)] if size else []


def _column_height(column: list[_Item]) -> float:
    return sum(item.height for item in column) + SCENE_ROW_GAP * max(len(column) - 1, 0)


def _arrange(
    groups: list[list[list[_Item]]],
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions of every item, columns side by side, each stacked from the top and spread
    evenly over the tallest column's height; the total width and height."""
    height = max((_column_height(c) for group in groups for c in group), default=0.0)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for g, group in enumerate(groups):
        if g and group:
            x += SCENE_GROUP_GAP
        for c, column in enumerate(group):
            if c:
                x += SCENE_COLUMN_GAP
            spare = height - _column_height(column)
            gap = SCENE_ROW_GAP + (spare / (len(column) - 1) if len(column) > 1 else 0.0)
            y = 0.0 if len(column) > 1 else (height - column[0].height) / 2
            widest = max(item.width for item in column)
            for item in column:
                positions[item.node] = (
                    round(x + item.offset + (widest - item.width) / 2 * (item.offset != 0), 1),
                    round(y + item.height / 2, 1),
                )
                y += item.height + gap
            x += widest
    return positions, x, height


def _label_px(width: float, height: float, font: float) -> float:
    """How high ``font`` is on screen once a picture of this size is fitted into the frame."""
    frame_width, frame_height = SCENE_FRAME
    scale = min(1.0, frame_width / (1.1 * max(width, 1.0)), frame_height / (1.1 * max(height, 1.0)))
    return font * scale


def arrange_scene(spec, measures: list[str], agencies: list[str]):
    """A scene's spec laid out for a projector: large labels that never overlap.

    Parameters
    ----------
    spec : VisualSpec
        The scene's nodes (and only those), from :func:`graph.encode.encode_bipartite`
        or ``encode_projection``; their positions are replaced.
    measures, agencies : list of str
        Node ids in the order to read them: measures in document order,
        agencies in the order that crosses fewest lines (or by cluster).

    Returns
    -------
    VisualSpec
        Measures in boxes in the left columns, agencies as dots with their
        label to the right in the right columns; as many columns of each as
        make every label at least ``SCENE_LABEL_PX`` high in
        :data:`SCENE_FRAME` (the fewest such; else the layout with the largest
        labels). ``meta["scene"]`` is True: the fonts are already the
        projector's (:func:`graph.render.presentation_spec` leaves them).
    """
    by_id = {node["id"]: node for node in spec.nodes}
    nodes = {}
    for node_id, node in by_id.items():
        if node.get("shape") == "box":
            label = str(node.get("label", ""))
            font = SCENE_MEASURE_FONT
            lines = label.count("\n") + 1
            width = text_width(label, font) + 2 * BOX_MARGIN
            height = lines * font * LINE_HEIGHT + 2 * BOX_MARGIN
            nodes[node_id] = (
                {**node, "label": label, "font": {**node.get("font", {}), "size": font}},
                _Item(node_id, width, height, width / 2),
            )
        else:
            label = wrap_label(str(node.get("label", "")))
            font = SCENE_AGENCY_FONT
            share = (float(node.get("size", 8)) - 8.0) / 22.0
            radius = round(SCENE_MIN_RADIUS + (SCENE_MAX_RADIUS - SCENE_MIN_RADIUS) * share, 2)
            lines = label.count("\n") + 1
            width = 2 * radius + LABEL_GAP + text_width(label, font)
            height = max(2 * radius, lines * font * LINE_HEIGHT)
            nodes[node_id] = (
                {
                    **node,
                    "label": label,
                    "size": radius,
                    "labelPosition": "right",
                    "font": {**node.get("font", {}), "size": font, "color": "#000000"},
                },
                _Item(node_id, width, height, 0.0),
            )
    boxes = [nodes[m][1] for m in measures if m in nodes]
    dots = [nodes[a][1] for a in agencies if a in nodes]
    smallest = min((SCENE_MEASURE_FONT,) * bool(boxes) + (SCENE_AGENCY_FONT,) * bool(dots))
    best = None
    for m_cols in range(1, 5) if boxes else (0,):
        for a_cols in range(1, 6) if dots else (0,):
            groups = [_columns(boxes, m_cols) if boxes else [], _columns(dots, a_cols)]
            positions, width, height = _arrange(groups)
            px = _label_px(width, height, smallest)
            key = (px < SCENE_LABEL_PX, m_cols + a_cols if px >= SCENE_LABEL_PX else -px)
            if best is None or key < best[0]:
                best = (key, positions)
    positions = best[1]
    laid = []
    for node in spec.nodes:
        shaped, item = nodes[node["id"]]
        x, y = positions[item.node]
        if shaped.get("shape") != "box":
            x += float(shaped["size"])
        laid.append({**shaped, "x": x, "y": y})
    return VisualSpec(
        nodes=laid, edges=spec.edges, legend=spec.legend, meta={**spec.meta, "scene": True}
    )
