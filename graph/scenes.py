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

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from graph.build import agency_node, measure_node
from graph.documents import load_titles_en
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
