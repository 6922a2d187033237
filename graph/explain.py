"""Plain-language explanations of the agency metrics, in Chinese and English.

Two uses: a glossary (what does *betweenness* mean for a ministry?) and a
profile of one agency in a few sentences, with its rank among the agencies
shown, so a reader needs no network science to read the numbers. The metric
names, meanings and definitions are the registry :data:`graph.metrics.METRICS`.
"""

from __future__ import annotations

import pandas as pd

from graph.labels import pick
from graph.metrics import metric, metric_keys


def metric_name(key: str, lang: str = "zh") -> str:
    """Display name of a metric column (the key itself when the registry lacks it).

    >>> metric_name("betweenness", "zh")
    '中介中心性'
    """
    try:
        return pick(metric(key).name, lang)
    except KeyError:
        return key


def explain(key: str, lang: str = "zh") -> str:
    """One or two sentences saying what a metric means for an agency.

    >>> explain("breadth", "en")
    'How many other agencies share at least one measure with the agency.'
    """
    return pick(metric(key).meaning, lang)


def glossary(lang: str = "zh", metrics: list[str] | None = None) -> pd.DataFrame:
    """Table of metric, name and meaning, for the metrics asked (all of the registry by default)."""
    names = metrics or metric_keys()
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
