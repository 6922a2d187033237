"""Where the document's load sits today: measures per successor, before and after.

:func:`graph.today.as_of_today` merges 2015 agencies into their current
successors (工商总局, 质检总局, 食品药品监管总局 … into 市场监管总局). This module
says what that did to each successor's load: which 2015 agencies it absorbed,
how many measures the largest of them carried, how many they carried added
up, and how many distinct measures the successor carries now (a measure that
named two of its predecessors counts once).
"""

from __future__ import annotations

import pandas as pd

from graph.registry import Registry, load_registry
from graph.today import as_of_today, successor_map

SHIFT_COLUMNS = [
    "successor",
    "label_zh",
    "label_en",
    "predecessors_zh",
    "predecessors_en",
    "n_predecessors",
    "largest_2015",
    "sum_2015",
    "measures_today",
    "leads_today",
    "uncertain",
]


def load_shift(
    table: pd.DataFrame, registry: Registry | None = None, today: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Measures before and after succession, for every successor that changed.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table as of 2015 (possibly filtered).
    registry : Registry, optional
        Succession edges and names; the bundled registry by default.
    today : pandas.DataFrame, optional
        ``as_of_today(table, registry)`` when the caller has it already (the
        app computes it once for the Today page's network and this table).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SHIFT_COLUMNS`, one row per current body that took over
        at least one 2015 agency of ``table`` under another id, heaviest load
        today first: ``largest_2015`` is the most measures any one predecessor
        had, ``sum_2015`` their measures added up, ``measures_today`` the
        distinct measures of the successor, ``leads_today`` those it leads,
        ``uncertain`` whether any step is marked uncertain in the registry.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> shift = load_shift(tiny_table())
    >>> columns = ["successor", "predecessors_zh", "largest_2015", "sum_2015", "measures_today"]
    >>> shift[columns].values.tolist()
    [['samr', '工商总局、质检总局', 2, 3, 2]]
    """
    registry = registry or load_registry()
    mapping = successor_map(table, registry)
    if mapping.empty:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    if today is None:
        today = as_of_today(table, registry)
    per_agency = table.groupby("agency")["measure_id"].nunique()
    rows = []
    for successor, group in mapping.groupby("successor", sort=False):
        if not group["changed"].any():
            continue
        predecessors = group["agency"].tolist()
        mine = today[today["agency"] == successor]
        rows.append(
            {
                "successor": successor,
                "label_zh": registry.label(successor, "zh"),
                "label_en": registry.label(successor, "en"),
                "predecessors_zh": "、".join(registry.label(a, "zh") for a in predecessors),
                "predecessors_en": ", ".join(registry.label(a, "en") for a in predecessors),
                "n_predecessors": len(predecessors),
                "largest_2015": int(max(per_agency[a] for a in predecessors)),
                "sum_2015": int(sum(per_agency[a] for a in predecessors)),
                "measures_today": int(mine["measure_id"].nunique()),
                "leads_today": int(mine.loc[mine["role"] == "lead", "measure_id"].nunique()),
                "uncertain": bool(group["uncertain"].any()),
            }
        )
    frame = pd.DataFrame(rows, columns=SHIFT_COLUMNS)
    return frame.sort_values(
        ["measures_today", "successor"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
