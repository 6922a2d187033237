"""The network as of today: 2015 agencies merged into their current successors.

Each registered agency is followed along the succession table's *primary*
edges (2018, then 2023): 工商总局, 质检总局 and 食品药品监管总局 all become
市场监管总局. When two 2015 agencies of one measure merge into the same body,
the measure keeps one row for it: lead if either led, the earlier position,
shared duty if either shared, and both written names joined by ``+``.
"""

from __future__ import annotations

import pandas as pd

from graph.registry import Registry, load_registry


def successor_map(table: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """For every agency of a table: its current successor and whether it changed.

    Returns columns ``agency``, ``successor``, ``changed``, ``relation`` (of the
    first primary step, empty when unchanged) and ``uncertain``.
    """
    registry = registry or load_registry()
    steps = registry.primary_steps()
    rows = []
    agencies = table.drop_duplicates("agency")
    for agency, registered in zip(agencies["agency"], agencies["registered"], strict=True):
        chain = steps.get(agency, ()) if registered else ()
        rows.append(
            {
                "agency": agency,
                "successor": chain[-1][0] if chain else agency,
                "changed": bool(chain) and chain[-1][0] != agency,
                "relation": chain[0][1] if chain else "",
                "uncertain": any(relation == "uncertain" for _, relation in chain),
            }
        )
    return pd.DataFrame(rows, columns=["agency", "successor", "changed", "relation", "uncertain"])


def as_of_today(table: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """The measures table with agencies replaced by their current successors.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> today = as_of_today(tiny_table())
    >>> row = today[today["measure_id"] == "M02.01"]
    >>> row[["agency", "role", "agency_as_written"]].values.tolist()
    [['samr', 'lead', '工商总局+质检总局']]
    """
    registry = registry or load_registry()
    mapping = successor_map(table, registry).set_index("agency")["successor"]
    return merge_agencies(table, table["agency"].map(mapping))


def merge_agencies(table: pd.DataFrame, agencies: pd.Series) -> pd.DataFrame:
    """The table with each row's agency replaced by ``agencies`` (aligned on its index).

    Rows of one measure that now name the same body become one: lead if
    either led, the earlier position, shared duty if either shared, the
    written names joined by ``+``; positions are renumbered 1.. per measure.
    Used for today's successors (:func:`as_of_today`) and for the bodies of
    any year (:func:`graph.reform.align_agencies`).
    """
    out = table.assign(agency=agencies)
    out["_lead"] = out["role"].eq("lead")
    merged = (
        out.groupby(["document", "measure_id", "agency"], sort=False)
        .agg(
            _first=("position", "idxmin"),
            _lead=("_lead", "any"),
            shared=("shared_duty", "any"),
            written=("agency_as_written", lambda s: "+".join(dict.fromkeys(s))),
        )
        .reset_index()
    )
    rows = table.loc[merged["_first"]].reset_index(drop=True)
    rows["agency"] = merged["agency"].values
    rows["role"] = merged["_lead"].map({True: "lead", False: "partner"}).values
    rows["shared_duty"] = merged["shared"].values
    rows["agency_as_written"] = merged["written"].values
    rows["position"] = rows.groupby(["document", "measure_id"], sort=False).cumcount() + 1
    return rows
