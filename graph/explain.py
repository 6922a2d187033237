"""Plain-language explanations of the agency metrics, in Chinese and English.

Two uses: a glossary (what does *betweenness* mean for a ministry?) and a
profile of one agency in a few sentences, with its rank among the agencies
shown, so a reader needs no network science to read the numbers. The metric
definitions themselves are in :mod:`graph.metrics`.
"""

from __future__ import annotations

import pandas as pd

from graph.labels import pick

# metric -> ((name zh, name en), (meaning zh, meaning en))
METRICS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "measures": (
        ("措施数", "measures"),
        (
            "文件点名该部门负责的措施数量，反映任务有多重。",
            "How many measures of the document name the agency: how heavy its load is.",
        ),
    ),
    "leads": (
        ("牵头数", "leads"),
        (
            "该部门作为牵头单位（排名第一或“按职责分工分别负责”）的措施数。",
            "Measures the agency leads (named first, or one of several under "
            "按职责分工分别负责, each responsible within its remit).",
        ),
    ),
    "sole_leads": (
        ("单独牵头数", "sole leads"),
        (
            "该部门牵头、且不与其他部门“按职责分工分别负责”分担的措施数。",
            "Measures the agency leads without sharing the lead under 按职责分工分别负责.",
        ),
    ),
    "partner_roles": (
        ("参与数", "partner roles"),
        (
            "该部门作为参与（配合）单位的措施数。",
            "Measures in which the agency supports another agency's lead.",
        ),
    ),
    "shared_duties": (
        ("分工负责数", "shared duties"),
        (
            "标注“按职责分工分别负责”的措施数：每个部门在自己职责内负责。",
            "Measures marked 按职责分工分别负责: every agency named answers for its own remit.",
        ),
    ),
    "degree": (
        ("度中心性", "degree centrality"),
        (
            "该部门负责的措施占全部措施的比例。",
            "The share of all measures that name the agency.",
        ),
    ),
    "betweenness": (
        ("中介中心性", "betweenness"),
        (
            "其他部门之间经由共同措施相连的最短路径中，经过该部门的比例。"
            "数值高的部门是连接不同工作领域的“桥梁”，协调时常需要它在场。"
            "很大的文件（措施的部门组合超过 1,000 种）以固定随机种子估计，误差约 3%。",
            "How often the agency lies on the shortest chains of shared measures between "
            "other agencies. A high value marks a bridge between fields of work: coordination "
            "between others often runs through it. On very large documents (over 1,000 "
            "different sets of agencies) it is estimated with a fixed seed, about 3% off.",
        ),
    ),
    "closeness": (
        ("接近中心性", "closeness"),
        (
            "该部门经由共同措施到达其他部门和措施平均需要几步（取倒数，并按能到达的范围折算）。"
            "数值高表示离整个网络的中心近。",
            "How few steps of shared measures separate the agency from everyone else on "
            "average (inverted, and scaled by how much of the network it can reach). High "
            "means close to the centre of the whole network.",
        ),
    ),
    "pagerank": (
        ("PageRank", "PageRank"),
        (
            "在部门合作网络中，与重要部门合作越多，得分越高。",
            "Prominence in the agency co-responsibility network: higher for agencies that "
            "share many measures with agencies that are themselves prominent.",
        ),
    ),
    "eigenvector": (
        ("特征向量中心性", "eigenvector centrality"),
        (
            "与 PageRank 相似：合作伙伴越处于核心，得分越高；不连通的小团体得分接近 0。",
            "Like PageRank: high when an agency's partners are themselves central; "
            "agencies outside the main connected group score close to 0.",
        ),
    ),
    "breadth": (
        ("合作部门数", "breadth"),
        (
            "与该部门至少共同负责一项措施的其他部门数量。",
            "How many other agencies share at least one measure with the agency.",
        ),
    ),
    "sections": (
        ("涉及部分数", "sections"),
        (
            "该部门的措施分布在文件的几个部分。",
            "In how many of the document's sections the agency's measures fall.",
        ),
    ),
    "articles": (
        ("涉及条目数", "articles"),
        (
            "该部门的措施分布在文件的几个条目。",
            "In how many of the document's articles the agency's measures fall.",
        ),
    ),
    "cluster": (
        ("协作群", "cluster"),
        (
            "按共同措施把经常一起出现的部门分为若干群（Louvain 社区发现，固定随机种子）。",
            "Group of agencies that often appear together, found by Louvain community "
            "detection on the co-responsibility network with a fixed seed.",
        ),
    ),
}


def metric_name(metric: str, lang: str = "zh") -> str:
    """Display name of a metric column.

    >>> metric_name("betweenness", "zh")
    '中介中心性'
    """
    return pick(METRICS[metric][0], lang) if metric in METRICS else metric


def explain(metric: str, lang: str = "zh") -> str:
    """One or two sentences saying what a metric means for an agency.

    >>> explain("breadth", "en")
    'How many other agencies share at least one measure with the agency.'
    """
    if metric not in METRICS:
        raise KeyError(f"no explanation for metric {metric!r}; known: {', '.join(METRICS)}")
    return pick(METRICS[metric][1], lang)


def glossary(lang: str = "zh", metrics: list[str] | None = None) -> pd.DataFrame:
    """Table of metric, name and meaning, for the metrics asked (all by default)."""
    names = metrics or list(METRICS)
    return pd.DataFrame(
        {
            "metric": names,
            "name": [metric_name(m, lang) for m in names],
            "meaning": [explain(m, lang) for m in names],
        }
    )


def rank(metrics: pd.DataFrame, agency_id: str, column: str) -> int:
    """Rank of an agency on a column, 1 for the highest; ties share the best rank.

    >>> m = pd.DataFrame({"measures": [5, 3, 3, 1]}, index=list("abcd"))
    >>> [rank(m, a, "measures") for a in "abcd"]
    [1, 2, 2, 4]
    """
    return int(metrics[column].rank(method="min", ascending=False)[agency_id])


def agency_summary(
    metrics: pd.DataFrame, agency_id: str, n_measures: int, lang: str = "zh"
) -> list[str]:
    """A few plain sentences about one agency's place in the network.

    Parameters
    ----------
    metrics : pandas.DataFrame
        From :func:`graph.metrics.agency_metrics` (the agencies shown).
    agency_id : str
        Index value of the agency in ``metrics``.
    n_measures : int
        Measures in the (filtered) table, for the share.
    lang : {"zh", "en"}

    Returns
    -------
    list of str
        Sentences on load and roles, breadth, and bridging, each with a rank
        among the ``len(metrics)`` agencies. Empty when the agency is absent.

    Examples
    --------
    >>> from graph.fixtures import tiny_graph
    >>> from graph.metrics import agency_metrics
    >>> for line in agency_summary(agency_metrics(tiny_graph()), "saic", 5, "en"):
    ...     print(line)
    SAIC is named in 2 of 5 measures (40%), rank 3 of 5 agencies: it leads 2 (1 alone) and supports 0.
    It shares measures with 3 other agencies (rank 1 of 5), across 2 sections and 2 articles.
    Betweenness 0.312 (rank 1 of 5): a bridge that links agencies which share no measure directly.
    """
    if agency_id not in metrics.index:
        return []
    row = metrics.loc[agency_id]
    n = len(metrics)
    en = lang == "en"
    label = row["label_en"] if en else row["label_zh"]
    share = row["measures"] / n_measures if n_measures else 0.0
    r_measures, r_breadth = (
        rank(metrics, agency_id, "measures"),
        rank(metrics, agency_id, "breadth"),
    )
    r_between = rank(metrics, agency_id, "betweenness")
    if en:
        lines = [
            f"{label} is named in {row['measures']} of {n_measures} measures ({share:.0%}), "
            f"rank {r_measures} of {n} agencies: it leads {row['leads']} "
            f"({row['sole_leads']} alone) and supports {row['partner_roles']}.",
            f"It shares measures with {row['breadth']} other agencies (rank {r_breadth} of {n}), "
            f"across {row['sections']} sections and {row['articles']} articles.",
        ]
    else:
        lines = [
            f"{label}负责 {n_measures} 项措施中的 {row['measures']} 项（{share:.0%}），"
            f"在 {n} 个部门中排第 {r_measures}：牵头 {row['leads']} 项"
            f"（其中单独牵头 {row['sole_leads']} 项），参与 {row['partner_roles']} 项。",
            f"与 {row['breadth']} 个部门共同负责过措施（排第 {r_breadth}），"
            f"涉及 {row['sections']} 个部分、{row['articles']} 个条目。",
        ]
    lines.append(_bridge_sentence(row["betweenness"], r_between, n, en))
    return lines


def _bridge_sentence(value: float, position: int, n: int, en: bool) -> str:
    if value == 0:
        return (
            "Betweenness 0: no shortest chain between two other agencies runs through it."
            if en
            else "中介中心性为 0：其他部门之间的最短联系都不经过它。"
        )
    if en:
        head = f"Betweenness {value:.3f} (rank {position} of {n}): "
        if position <= max(3, n // 10):
            return head + "a bridge that links agencies which share no measure directly."
        return head + "it links some agencies that share no measure directly."
    head = f"中介中心性 {value:.3f}（排第 {position}）："
    if position <= max(3, n // 10):
        return head + "是连接彼此没有共同措施的部门的重要桥梁。"
    return head + "连接了部分彼此没有共同措施的部门。"
