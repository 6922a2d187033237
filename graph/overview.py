"""Figures for the overview: counts, agency x section loads, and agency tiers.

The tiers sort agencies by two measurable things (Borgatti & Everett's
core-periphery intuition, made plain): *depth*, how many measures an agency
is assigned, and *breadth*, how many distinct agencies it shares measures
with. Each is split at its median over the agencies shown:

- **lead** (主导部门): above the median on both;
- **key** (重点部门): above the median on one of the two, either a *specialist*
  (many measures, few partners) or a *connector* (many partners, few measures);
- **auxiliary** (辅助部门): above the median on neither.

"Above" is strict, so with many agencies tied at the median (most agencies
have one or two measures) the tied ones count as not above.
"""

from __future__ import annotations

import pandas as pd

from graph.registry import Registry, load_registry

TIERS = ("lead", "key", "auxiliary")
TIER_NAMES = {
    "lead": ("主导部门", "lead"),
    "key": ("重点部门", "key"),
    "auxiliary": ("辅助部门", "auxiliary"),
}
QUADRANT_NAMES = {
    "core": ("核心（措施多、伙伴多）", "core: many measures, many partners"),
    "specialist": ("专责（措施多、伙伴少）", "specialist: many measures, few partners"),
    "connector": ("连接（措施少、伙伴多）", "connector: few measures, many partners"),
    "peripheral": ("外围（措施少、伙伴少）", "peripheral: few measures, few partners"),
}
TIER_RULE = (
    "以中位数划分：措施数（深度）与合作部门数（广度）都高于中位数为主导部门；"
    "只有一项高于中位数为重点部门；两项都不高于中位数为辅助部门。",
    "Median splits: an agency above the median on both the number of measures (depth) "
    "and the number of distinct partner agencies (breadth) is a lead agency; above the "
    "median on exactly one, a key agency; on neither, an auxiliary agency.",
)


def document_counts(table: pd.DataFrame) -> dict[str, int]:
    """Sections, articles, measures, agencies and assignments (rows) of a table.

    Sections and articles count those that have at least one measure with an
    actor; the coordination paragraph belongs to neither.

    >>> from graph.fixtures import tiny_table
    >>> document_counts(tiny_table())
    {'sections': 2, 'articles': 2, 'measures': 5, 'agencies': 5, 'assignments': 10}
    """
    measures = table.drop_duplicates(["document", "measure_id"])
    return {
        "sections": int(measures[["document", "section"]].dropna().drop_duplicates().shape[0]),
        "articles": int(measures[["document", "article"]].dropna().drop_duplicates().shape[0]),
        "measures": len(measures),
        "agencies": int(table["agency"].nunique()),
        "assignments": len(table),
    }


def agency_section_matrix(
    table: pd.DataFrame, lang: str = "zh", registry: Registry | None = None
) -> pd.DataFrame:
    """Measures per agency (rows) and section (columns).

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table; the coordination paragraph (no section) is left out.
    lang : {"zh", "en"}
        Language of the agency labels in the index.
    registry : Registry, optional
        Source of agency labels.

    Returns
    -------
    pandas.DataFrame
        Integer counts; index: agency labels, busiest first (ties by label);
        columns: section numbers in order. Empty when no row has a section.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> agency_section_matrix(tiny_table(), "en").loc[["SAIC", "MOFCOM"]].values.tolist()
    [[1, 1], [2, 0]]
    """
    registry = registry or load_registry()
    tasks = table.dropna(subset=["section"])
    if tasks.empty:
        return pd.DataFrame(dtype=int)
    counts = pd.crosstab(tasks["agency"], tasks["section"].astype(int))
    counts = counts.reindex(columns=sorted(counts.columns))
    totals = counts.sum(axis=1)
    labels = {a: registry.label(a, lang) for a in counts.index}
    order = sorted(counts.index, key=lambda a: (-totals[a], labels[a]))
    counts = counts.loc[order]
    counts.index = [labels[a] for a in order]
    counts.columns.name = "section"
    return counts


def agency_tiers(metrics: pd.DataFrame) -> pd.DataFrame:
    """Depth, breadth, quadrant and tier of each agency (rule in the module docstring).

    Parameters
    ----------
    metrics : pandas.DataFrame
        From :func:`graph.metrics.agency_metrics`: needs ``measures`` and
        ``breadth``, plus ``label_zh``/``label_en``/``kind`` which are carried.

    Returns
    -------
    pandas.DataFrame
        Same index, columns ``label_zh``, ``label_en``, ``kind``, ``measures``,
        ``breadth``, ``quadrant`` (core/specialist/connector/peripheral) and
        ``tier`` (lead/key/auxiliary); ``attrs`` holds the two medians.

    Examples
    --------
    >>> m = pd.DataFrame({"measures": [9, 8, 1, 1, 2], "breadth": [5, 1, 6, 1, 2],
    ...                   "label_zh": list("abcde"), "label_en": list("abcde"),
    ...                   "kind": ["ministry"] * 5}, index=list("abcde"))
    >>> agency_tiers(m)["quadrant"].tolist()
    ['core', 'specialist', 'connector', 'peripheral', 'peripheral']
    >>> agency_tiers(m)["tier"].tolist()
    ['lead', 'key', 'key', 'auxiliary', 'auxiliary']
    """
    out = metrics[["label_zh", "label_en", "kind", "measures", "breadth"]].copy()
    if out.empty:
        return out.assign(quadrant=pd.Series(dtype=str), tier=pd.Series(dtype=str))
    depth_median = float(out["measures"].median())
    breadth_median = float(out["breadth"].median())
    deep = out["measures"] > depth_median
    broad = out["breadth"] > breadth_median
    out["quadrant"] = [
        {
            (True, True): "core",
            (True, False): "specialist",
            (False, True): "connector",
            (False, False): "peripheral",
        }[(bool(d), bool(b))]
        for d, b in zip(deep, broad, strict=True)
    ]
    out["tier"] = [
        "lead" if d and b else "key" if d or b else "auxiliary"
        for d, b in zip(deep, broad, strict=True)
    ]
    out.attrs = {"depth_median": depth_median, "breadth_median": breadth_median}
    return out
