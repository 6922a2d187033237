"""A tiny policy text and the table it must give, worked out by hand.

Used by doctests, the test suite and the notebooks' first examples. The text
has two sections, two articles, four task measures and one coordination
sentence; the expected rows below were written by reading the text, not by
running the parser.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

TINY_TEXT = (
    "一、总则\n"
    "（一）开放市场。放宽准入。（商务部、发展改革委）简化审\n"
    "批。（商务部、发展改革委、工商总局按职责分工分别负责）\n"
    "二、监管\n"
    "（二）规范秩序。打击假冒。（工商总局、质检总局）清理审批。（有关部门）\n"
    "  发展改革委、商务部等部门要完善协调机制。\n"
)

# measure_id, kind, section, section_title, article, article_title, seq, text, first words
_MEASURES = [
    (
        "M01.01",
        "task",
        1,
        "总则",
        1,
        "开放市场",
        1,
        "放宽准入。",
        "放宽准入",
        "（商务部、发展改革委）",
    ),
    (
        "M01.02",
        "task",
        1,
        "总则",
        1,
        "开放市场",
        2,
        "简化审批。",
        "简化审",
        "（商务部、发展改革委、工商总局按职责分工分别负责）",
    ),
    (
        "M02.01",
        "task",
        2,
        "监管",
        2,
        "规范秩序",
        1,
        "打击假冒。",
        "打击假冒",
        "（工商总局、质检总局）",
    ),
    ("M02.02", "task", 2, "监管", 2, "规范秩序", 2, "清理审批。", "清理审批", "（有关部门）"),
    (
        "C01",
        "coordination",
        None,
        "",
        None,
        "",
        1,
        "发展改革委、商务部等部门要完善协调机制。",
        "发展改革委、商务部等",
        "",
    ),
]
# measure_id, agency, as written, position, role, shared duty, why the role (role_basis)
_ACTORS = [
    ("M01.01", "mofcom", "商务部", 1, "lead", False, "first_listed"),
    ("M01.01", "ndrc", "发展改革委", 2, "partner", False, "first_listed"),
    ("M01.02", "mofcom", "商务部", 1, "lead", True, "shared_duty"),
    ("M01.02", "ndrc", "发展改革委", 2, "lead", True, "shared_duty"),
    ("M01.02", "saic", "工商总局", 3, "lead", True, "shared_duty"),
    ("M02.01", "saic", "工商总局", 1, "lead", False, "first_listed"),
    ("M02.01", "aqsiq", "质检总局", 2, "partner", False, "first_listed"),
    ("M02.02", "depts_relevant", "有关部门", 1, "lead", False, "first_listed"),
    ("C01", "ndrc", "发展改革委", 1, "lead", False, "first_listed"),
    ("C01", "mofcom", "商务部", 2, "partner", False, "first_listed"),
]


def tiny_table() -> pd.DataFrame:
    """The measures table of :data:`TINY_TEXT`, typed as the loader types it."""
    measures = {m[0]: m for m in _MEASURES}
    rows = []
    for measure_id, agency, written, position, role, shared, basis in _ACTORS:
        _, kind, section, s_title, article, a_title, seq, text, first, paren = measures[measure_id]
        start = TINY_TEXT.index(first)
        end = TINY_TEXT.index(text[-1], start + len(first) - 1) + 1
        rows.append(
            {
                "document": "tiny",
                "measure_id": measure_id,
                "kind": kind,
                "section": section,
                "section_title": s_title,
                "article": article,
                "article_title": a_title,
                "measure_seq": seq,
                "measure_text": text,
                "agency": agency,
                "agency_as_written": written,
                "registered": True,
                "position": position,
                "role": role,
                "shared_duty": shared,
                "source_start": start,
                "source_end": end,
                "assignment_text": paren,
                "assignment_start": TINY_TEXT.index(paren) if paren else None,
                "deadline": "",
                "scope": "",
                "role_basis": basis,
                "status": "ok",
                "status_reason": "",
            }
        )
    frame = pd.DataFrame(rows)
    for col in ("section", "article", "assignment_start"):
        frame[col] = frame[col].astype("Int64")
    for col in ("measure_seq", "position", "source_start", "source_end"):
        frame[col] = frame[col].astype("Int64")
    return frame


def tiny_graph() -> nx.Graph:
    """The bipartite graph of :func:`tiny_table`."""
    from graph.build import build_graph

    return build_graph(tiny_table())


def tiny_analysis():
    """:func:`graph.pipeline.analyse` of :func:`tiny_table` (graph, projection, metrics, clusters)."""
    from graph.pipeline import analyse

    return analyse(tiny_table())


def tiny_inputs() -> tuple:
    """``(graph, positions, metrics, clustering)`` of the tiny table, as the encoder takes them.

    Positions are the two-column layout of :func:`graph.layout.bipartite_positions`.
    """
    from graph.layout import bipartite_positions

    analysis = tiny_analysis()
    graph = analysis.graph
    return graph, bipartite_positions(graph), analysis.metrics, analysis.clustering
