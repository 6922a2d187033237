"""Who connects two agencies: the shortest chain agency → measure → agency.

On the bipartite graph a path between two agencies alternates agencies and
measures, so each step of the chain is a measure that names both the agency
before it and the agency after it. Breadth-first search follows the graph's
insertion (document) order, so the chain shown is the same on every run.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph.build import agency_node

CHAIN_COLUMNS = ["step", "from_agency", "measure_id", "measure_text", "to_agency"]


def agency_chain(graph: nx.Graph, source: str, target: str, lang: str = "zh") -> pd.DataFrame:
    """The shortest chain of shared measures from one agency to another.

    Parameters
    ----------
    graph : networkx.Graph
        The bipartite graph from :func:`graph.build.build_graph`.
    source, target : str
        Agency ids (``"gacc"``, ``"spb"``), not node ids.
    lang : {"zh", "en"}
        Language of the agency labels.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CHAIN_COLUMNS`, one row per measure on the chain
        (``step`` counts from 1). Empty when the two are not connected, either
        is absent, or they are the same agency.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> chain = agency_chain(tiny_graph(), "aqsiq", "ndrc")
    >>> chain[["from_agency", "measure_id", "to_agency"]].values.tolist()
    [['质检总局', 'M02.01', '工商总局'], ['工商总局', 'M01.02', '发展改革委']]
    """
    path = _shortest(graph, source, target)
    key = "label_en" if lang == "en" else "label_zh"
    rows = [
        {
            "step": i // 2 + 1,
            "from_agency": graph.nodes[path[i]][key],
            "measure_id": graph.nodes[path[i + 1]]["measure_id"],
            "measure_text": graph.nodes[path[i + 1]]["text"],
            "to_agency": graph.nodes[path[i + 2]][key],
        }
        for i in range(0, len(path) - 2, 2)
    ]
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def chain_line(chain: pd.DataFrame) -> str:
    """The chain in one line, measures in brackets; empty for an empty chain.

    >>> from graph.fixtures import tiny_graph
    >>> chain_line(agency_chain(tiny_graph(), "aqsiq", "ndrc"))
    '质检总局 → [M02.01] → 工商总局 → [M01.02] → 发展改革委'
    """
    if chain.empty:
        return ""
    steps = [str(chain["from_agency"].iloc[0])]
    for row in chain.itertuples(index=False):
        steps += [f"[{row.measure_id}]", str(row.to_agency)]
    return " → ".join(steps)


def chain_nodes(graph: nx.Graph, source: str, target: str) -> list[str]:
    """Node ids of the chain (agencies and measures, in order); empty if none.

    >>> from graph.fixtures import tiny_graph
    >>> chain_nodes(tiny_graph(), "aqsiq", "saic")
    ['agency:aqsiq', 'measure:M02.01', 'agency:saic']
    """
    return _shortest(graph, source, target)


def count_shortest_chains(graph: nx.Graph, source: str, target: str) -> int:
    """How many different chains of the shortest length exist (0 if none).

    >>> from graph.fixtures import tiny_graph
    >>> count_shortest_chains(tiny_graph(), "mofcom", "ndrc")
    3
    """
    if len(_shortest(graph, source, target)) < 3:
        return 0
    return sum(1 for _ in nx.all_shortest_paths(graph, agency_node(source), agency_node(target)))


def _shortest(graph: nx.Graph, source: str, target: str) -> list[str]:
    a, b = agency_node(source), agency_node(target)
    if a == b or a not in graph or b not in graph:
        return []
    try:
        return nx.shortest_path(graph, a, b)
    except nx.NetworkXNoPath:
        return []
