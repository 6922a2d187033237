"""Agencies lined up through the reforms: every body mapped to the bodies of a chosen year.

Documents of different years name different bodies for the same work: a 2015
opinion names 工商总局, a 2019 one 市场监管总局. To compare them, each agency
a document names can be replaced by the body that carried its main functions
in a *target* year, following the registry's primary succession edges
(``Registry.succession``, one-to-many edges with ``year``, ``relation`` and
``primary``) from the document's year to the target:

- ``as_written``: no change, every body as the document names it;
- a year (``2018``): every primary edge of a reform in a year from the
  document's own year up to the target year is followed, in year order;
- ``today``: every primary edge after the document's year.

An edge of year ``Y`` applies to a document of year ``Y`` too: a document
written in a reform year before the reform names the old bodies (a body the
reform created has no edge out of that year). A document of unknown year is
taken to be older than every reform. Mapping backwards (a 2022 document to
2018) changes nothing: one body cannot be split back into its predecessors.

This module only reads the registry (:attr:`graph.registry.Registry.succession`);
the row merging is :func:`graph.today.merge_agencies`.

>>> from graph.registry import load_registry
>>> reg = load_registry()
>>> successor(reg, "saic", 2015, 2018), successor(reg, "saic", 2015, 2017)
('samr', 'saic')
>>> successor(reg, "cbrc", 2015, TODAY), successor(reg, "cbrc", 2015, 2018)
('nfra', 'cbirc')
>>> successor(reg, "samr", 2019, TODAY)
'samr'
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from graph.registry import Registry, load_registry
from graph.today import merge_agencies

AS_WRITTEN = "as_written"
TODAY = math.inf
TARGET_NAMES = {
    AS_WRITTEN: ("按原文", "as written"),
    "2018": ("2018 年改革后的机构", "bodies after the 2018 reform"),
    "today": ("今天的机构", "bodies of today"),
}
"""Targets offered in the app and the CLI, with their names (zh, en); any year works too."""

ALIGN_COLUMNS = ["document", "agency", "aligned", "changed", "steps", "uncertain"]


def target_year(target: str | int | float) -> float | None:
    """The year a target names: None for ``as_written``, ``TODAY`` (infinity) for ``today``.

    >>> target_year("as_written") is None, target_year("today"), target_year("2018")
    (True, inf, 2018)
    >>> target_year("someday")
    Traceback (most recent call last):
    ...
    ValueError: target must be 'as_written', 'today' or a year, not 'someday'
    """
    if target == AS_WRITTEN:
        return None
    if target == "today" or target == TODAY:
        return TODAY
    try:
        return int(target)
    except (TypeError, ValueError):
        raise ValueError(
            f"target must be 'as_written', 'today' or a year, not {target!r}"
        ) from None


def primary_edges(registry: Registry) -> dict[int, dict[str, tuple[str, str]]]:
    """Primary succession edges by reform year: ``year -> {from: (to, relation)}``."""
    primary = registry.succession[registry.succession["primary"]]
    edges: dict[int, dict[str, tuple[str, str]]] = {}
    for row in primary.itertuples(index=False):
        edges.setdefault(int(row.year), {})[row.from_agency] = (row.to_agency, row.relation)
    return dict(sorted(edges.items()))


def steps(
    registry: Registry,
    agency: str,
    from_year: float | None,
    to_year: float | None,
    edges: Mapping[int, Mapping[str, tuple[str, str]]] | None = None,
) -> tuple[tuple[str, str, int], ...]:
    """The primary steps ``(successor, relation, year)`` from ``from_year`` up to ``to_year``.

    ``from_year`` None: before every reform; ``to_year`` None: no step at all.
    ``edges``: :func:`primary_edges` of the registry, when the caller has it.

    >>> steps(load_registry(), "circ", 2015, TODAY)
    (('cbirc', 'merge_into', 2018), ('nfra', 'reorganize', 2023))
    """
    if to_year is None:
        return ()
    edges = primary_edges(registry) if edges is None else edges
    start = -math.inf if from_year is None else from_year
    chain, current = [], agency
    for year, by_agency in edges.items():
        if start <= year <= to_year and current in by_agency:
            current, relation = by_agency[current]
            chain.append((current, relation, year))
    return tuple(chain)


def successor(
    registry: Registry, agency: str, from_year: float | None, to_year: float | None
) -> str:
    """The body that carried ``agency``'s main functions in ``to_year`` (itself if none)."""
    chain = steps(registry, agency, from_year, to_year)
    return chain[-1][0] if chain else agency


def alignment(
    table: pd.DataFrame,
    years: Mapping[str, float | None],
    target: str | int,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """What every (document, agency) of a table becomes in the target year.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table (one or many documents; ``document``, ``agency``,
        ``registered`` columns).
    years : mapping
        Document id -> its year (None or missing when unknown).
    target : str or int
        ``as_written``, ``today`` or a year (see the module docstring).
    registry : Registry, optional
        The bundled registry by default.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALIGN_COLUMNS`: ``aligned`` the body in the target
        year, ``changed`` whether it differs, ``steps`` the chain as text
        (``银保监会 2018 → 金融监管总局 2023``, registry short names), ``uncertain``
        whether any step is marked uncertain in the registry. Unregistered
        names never change.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> a = alignment(tiny_table(), {"tiny": 2015}, "2018")
    >>> a.loc[a["changed"], ["agency", "aligned"]].values.tolist()
    [['saic', 'samr'], ['aqsiq', 'samr']]
    >>> bool(alignment(tiny_table(), {"tiny": 2019}, "2018")["changed"].any())
    False
    """
    registry = registry or load_registry()
    goal = target_year(target)
    edges = primary_edges(registry)
    pairs = table.drop_duplicates(["document", "agency"])
    rows = []
    chains: dict[tuple[str, float | None], tuple] = {}  # one walk per (agency, year)
    for document, agency, registered in zip(
        pairs["document"], pairs["agency"], pairs["registered"], strict=True
    ):
        year = _year(years.get(document))
        if (agency, year) not in chains:
            chains[agency, year] = steps(registry, agency, year, goal, edges)
        chain = chains[agency, year] if registered else ()
        aligned = chain[-1][0] if chain else agency
        rows.append(
            {
                "document": document,
                "agency": agency,
                "aligned": aligned,
                "changed": aligned != agency,
                "steps": " → ".join(f"{registry.label(to)} {year}" for to, _, year in chain),
                "uncertain": any(relation == "uncertain" for _, relation, _ in chain),
            }
        )
    return pd.DataFrame(rows, columns=ALIGN_COLUMNS)


def _year(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return int(value)


def align_agencies(
    table: pd.DataFrame,
    years: Mapping[str, float | None],
    target: str | int,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """The measures table with every agency replaced by its body in the target year.

    Rows of one measure that now name the same body are merged
    (:func:`graph.today.merge_agencies`: lead if either led, both written
    names joined by ``+``). ``as_written`` returns the table unchanged.

    >>> from graph.fixtures import tiny_table
    >>> t = align_agencies(tiny_table(), {"tiny": 2015}, "today")
    >>> sorted(set(t["agency"]) - set(tiny_table()["agency"]))
    ['samr']
    """
    if target_year(target) is None or table.empty:
        return table
    mapping = alignment(table, years, target, registry)
    keyed = mapping.set_index(["document", "agency"])["aligned"]
    index = pd.MultiIndex.from_arrays([table["document"], table["agency"]])
    aligned = pd.Series(keyed.reindex(index).to_numpy(), index=table.index)
    if not mapping["changed"].any():
        return table
    # Only measures where two agencies became one need merging; the rest keep their rows.
    out = table.assign(agency=aligned)
    clash = out.duplicated(["document", "measure_id", "agency"], keep=False)
    if not clash.any():
        return out
    touched = out[["document", "measure_id"]][clash].drop_duplicates()
    key = pd.MultiIndex.from_frame(out[["document", "measure_id"]])
    inside = key.isin(pd.MultiIndex.from_frame(touched))
    merged = merge_agencies(table[inside], aligned[inside])
    merged.index = _first_positions(out[inside], merged)
    result = pd.concat([out[~inside], merged]).sort_index(kind="stable")
    return result.reset_index(drop=True)


def _first_positions(rows: pd.DataFrame, merged: pd.DataFrame) -> pd.Index:
    """Where each merged row goes back: the index of its measure's first row, then in order.

    The merged rows of a measure take the places of that measure's rows, so the
    table keeps its order (measures in document order, actors by position).
    """
    places = rows.groupby(["document", "measure_id"], sort=False).indices
    index = []
    counts: dict[tuple, int] = {}
    for document, measure in zip(merged["document"], merged["measure_id"], strict=True):
        i = counts.get((document, measure), 0)
        index.append(rows.index[places[document, measure][i]])
        counts[document, measure] = i + 1
    return pd.Index(index)
