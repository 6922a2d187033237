"""Measures from the literature on coordination networks, per document and per period.

A *unit* is one document or one period (its documents' measures stacked,
measure ids kept apart by document). For every unit this module computes:

- the concentration of leads: the **Gini coefficient** and the **Herfindahl
  index** of the agencies' lead counts (every agency the unit names counts,
  those that lead nothing as zeros);
- on the agency co-responsibility projection (weighted as the user chose,
  :mod:`graph.projection`): **Burt's effective size and constraint** of each
  agency (Burt 1992; NetworkX's weighted definitions), how much of an
  agency's network is non-redundant and how much its ties are locked into
  one another;
- **core and periphery** (Borgatti & Everett 1999) on the binary projection
  (two agencies tied when they share a measure): each agency's continuous
  *coreness*, the discrete core that best fits the ideal pattern, and that
  fit;
- **density** and Freeman's **degree centralisation** of the binary
  projection.

Everything here is computed with NumPy on the unit's incidence matrix, a
millisecond per document, so the app can recompute a hundred documents after
a filter change; :func:`unit_metrics` adds the graph metrics of
:func:`graph.pipeline.analyse` (betweenness, closeness, PageRank,
eigenvector, clusters) when asked for, at about 60 ms a document. Tests check
the NumPy values against NetworkX's (``nx.constraint``,
``nx.effective_size``, ``co_responsibility``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

AGENCY_COLUMNS = [
    "measures",
    "leads",
    "partner_roles",
    "degree",
    "breadth",
    "effective_size",
    "constraint",
    "coreness",
    "core",
]
SUMMARY_COLUMNS = [
    "n_documents",
    "n_measures",
    "n_agencies",
    "n_assignments",
    "n_leads",
    "top_lead",
    "gini_leads",
    "hhi_leads",
    "density",
    "centralization",
    "core_size",
    "core_fit",
]
"""Columns of a unit's summary (one row per document or period)."""

_MAX_CORE_ITERATIONS = 2000
_DENSE_CELLS = 4_000_000  # incidence matrices up to this many cells are dense (32 MB)
_CORE_TOLERANCE = 1e-10


def gini(values) -> float:
    """Gini coefficient of non-negative values: 0 all equal, towards 1 all in one.

    NaN when there is nothing to share (no value, or all zero).

    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4]), round(gini([1, 2, 3, 4]), 4)
    (0.0, 0.75, 0.25)
    """
    x = np.sort(np.asarray(values, dtype=float))
    n, total = len(x), float(x.sum()) if len(x) else 0.0
    if n == 0 or total <= 0:
        return math.nan
    ranks = np.arange(1, n + 1)
    return float(2 * (ranks * x).sum() / (n * total) - (n + 1) / n)


def herfindahl(values) -> float:
    """Herfindahl index: the sum of squared shares, from 1/n (all equal) to 1 (one has all).

    >>> herfindahl([1, 1, 1, 1]), herfindahl([0, 0, 0, 4]), herfindahl([])
    (0.25, 1.0, nan)
    """
    x = np.asarray(values, dtype=float)
    total = float(x.sum()) if len(x) else 0.0
    if total <= 0:
        return math.nan
    return float(((x / total) ** 2).sum())


def burt(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Burt's effective size and constraint of every node of a weighted undirected graph.

    ``weights`` is the symmetric weight matrix (zero diagonal). With ``p_ij``
    the share of ``i``'s tie strength spent on ``j`` and ``m_jq`` ``j``'s tie to
    ``q`` over ``j``'s strongest tie: constraint ``c_i = Σ_j (p_ij + Σ_q p_iq
    p_qj)²`` over ``i``'s contacts, effective size ``Σ_j (1 - Σ_q p_iq m_jq)``;
    NaN for a node without ties. These are NetworkX's weighted ``constraint``
    and ``effective_size`` as defined node by node (``nodes=...``); NetworkX
    3.6's all-nodes path for ``effective_size`` normalises by the wrong axis
    on weighted graphs and gives other values (tests/test_corpus_metrics.py).

    >>> w = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float)
    >>> size, con = burt(w)
    >>> size.tolist(), con.tolist()
    ([2.0, 1.0, 1.0], [0.5, 1.0, 1.0])
    """
    w = np.asarray(weights, dtype=float)
    strength = w.sum(axis=1)
    strongest = w.max(axis=1) if len(w) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(strength[:, None] > 0, w / strength[:, None], 0.0)
        m = np.where(strongest[:, None] > 0, w / strongest[:, None], 0.0)
    tied = w > 0
    constraint = np.where(tied, (p + p @ p) ** 2, 0.0).sum(axis=1)
    redundancy = p @ m.T
    size = np.where(tied, 1.0 - redundancy, 0.0).sum(axis=1)
    alone = ~tied.any(axis=1)
    constraint[alone] = np.nan
    size[alone] = np.nan
    return size, constraint


def core_periphery(adjacency: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Borgatti & Everett's core-periphery model of a binary undirected graph.

    Returns ``(coreness, core, fit)``:

    - ``coreness``: the continuous model, the vector ``c`` that best
      reproduces the ties as ``a_ij ≈ c_i c_j`` (least squares over pairs
      ``i ≠ j``), found by alternating least squares from the degrees and
      scaled so that the largest is 1;
    - ``core``: the discrete model, the agencies of highest coreness whose
      core best fits the ideal pattern (ties among the core, none among the
      periphery; ties between core and periphery are not counted), the fit
      being the correlation of the observed ties with that pattern;
    - ``fit``: that correlation (NaN when no partition can be judged: fewer
      than four nodes, no tie, or a complete graph).

    An ideal core-periphery graph is recovered exactly:

    >>> a = np.zeros((6, 6))
    >>> for i in range(3):
    ...     for j in range(6):
    ...         if i != j:
    ...             a[i, j] = a[j, i] = 1
    >>> coreness, core, fit = core_periphery(a)
    >>> core.tolist(), fit
    ([True, True, True, False, False, False], 1.0)
    """
    a = np.asarray(adjacency, dtype=float).copy()
    n = len(a)
    np.fill_diagonal(a, 0.0)
    degree = a.sum(axis=1)
    if n == 0 or degree.max() == 0:
        return np.zeros(n), np.zeros(n, dtype=bool), math.nan
    c = degree / degree.max()
    # The same steps as written plainly (``others = (c**2).sum() - c**2``; where
    # ``others > 0``, ``update = (a @ c) / others``, else 0), in fewer numpy calls:
    # a corpus page reruns this for every document on each filter change.
    update = np.zeros(n)
    for _ in range(_MAX_CORE_ITERATIONS):
        squares = c * c
        others = squares.sum() - squares
        update.fill(0.0)
        np.divide(a @ c, others, out=update, where=others > 0)
        new = 0.5 * c + 0.5 * update  # damped: plain Jacobi steps can oscillate
        if np.abs(new - c).max() < _CORE_TOLERANCE:
            c = new
            break
        c = new
    coreness = c / c.max() if c.max() > 0 else c
    # Discrete core: the k agencies of highest coreness (ties: degree, then order).
    order = np.lexsort((np.arange(n), -degree, -coreness))
    core = np.zeros(n, dtype=bool)
    if n < 4:
        return coreness, core, math.nan
    ranked = a[np.ix_(order, order)]
    # For a core of the first k: ties among the core, from the core out, among the rest.
    ks = np.arange(n + 1)
    core_ties = np.concatenate([[0.0], np.tril(ranked, -1).sum(axis=1).cumsum()])
    core_degree = np.concatenate([[0.0], ranked.sum(axis=1).cumsum()])
    periphery_ties = ranked.sum() / 2 - core_ties - (core_degree - 2 * core_ties)
    core_pairs, periphery_pairs = ks * (ks - 1) / 2, (n - ks) * (n - ks - 1) / 2
    pairs = core_pairs + periphery_pairs
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_y, mean_x = core_pairs / pairs, (core_ties + periphery_ties) / pairs
        var = mean_x * (1 - mean_x) * mean_y * (1 - mean_y)
        fits = (core_ties / pairs - mean_x * mean_y) / np.sqrt(var)
    fits[(ks < 2) | (ks > n - 2) | ~(var > 0)] = -np.inf
    best_k = int(np.argmax(fits))  # the first (smallest core) of equal fits
    if not np.isfinite(fits[best_k]):
        return coreness, core, math.nan
    best_fit = fits[best_k]
    core[order[:best_k]] = True
    return coreness, core, round(float(best_fit), 12)


def density(adjacency: np.ndarray) -> float:
    """Ties over possible ties of a binary undirected graph (NaN below two nodes).

    >>> density(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
    0.6666666666666666
    """
    n = len(adjacency)
    if n < 2:
        return math.nan
    return float(np.asarray(adjacency).sum() / (n * (n - 1)))


def degree_centralization(adjacency: np.ndarray) -> float:
    """Freeman's degree centralisation: 1 for a star, 0 when every degree is the same.

    ``Σ (d_max - d_i) / ((n - 1)(n - 2))``; NaN below three nodes.

    >>> star = np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]])
    >>> degree_centralization(star), degree_centralization(1 - np.eye(4))
    (1.0, 0.0)
    """
    n = len(adjacency)
    if n < 3:
        return math.nan
    degree = np.asarray(adjacency).sum(axis=1)
    return float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))


@dataclass(frozen=True)
class UnitNetwork:
    """A unit's agencies (first appearance order) and its projection as matrices."""

    agencies: list[str]
    weights: np.ndarray  # weighted projection, zero diagonal
    shared: np.ndarray  # shared measures (the count weighting)
    measures: np.ndarray  # per agency: measures assigned
    leads: np.ndarray  # per agency: measures led
    n_measures: int


def unit_network(rows: pd.DataFrame, weighting: str = "count") -> UnitNetwork:
    """The co-responsibility projection of a unit's rows, as dense matrices.

    ``rows`` is a measures table (one or many documents; one row per
    measure and agency). Weights as :func:`graph.projection.co_responsibility`:
    ``count`` shared measures, ``newman`` ``Σ 1/(k-1)`` over shared measures of
    ``k`` actors, ``jaccard`` shared over either's measures.
    """
    codes = _Codes.of(rows)
    return _network(codes.measures, codes.agencies, codes.leads, codes.names, weighting)


@dataclass(frozen=True)
class _Codes:
    """A table's rows as integer codes: measure (per document), agency, and lead or not."""

    measures: np.ndarray
    agencies: np.ndarray
    leads: np.ndarray
    names: np.ndarray  # agency id of each agency code

    @classmethod
    def of(cls, rows: pd.DataFrame) -> _Codes:
        # (document, measure) pairs as one integer each: a MultiIndex would build tuples.
        documents, _ = pd.factorize(rows["document"], sort=False)
        ids, names_m = pd.factorize(rows["measure_id"], sort=False)
        measures, _ = pd.factorize(documents.astype(np.int64) * max(len(names_m), 1) + ids)
        agencies, names = pd.factorize(rows["agency"], sort=False)
        leads = rows["role"].eq("lead").to_numpy(dtype=float)
        return cls(measures, agencies, leads, np.asarray(names, dtype=object))


def _dense(matrix) -> np.ndarray:
    """A NumPy array of a dense or SciPy sparse matrix (a copy the caller may change)."""
    return matrix.toarray() if hasattr(matrix, "toarray") else np.array(matrix)


def _network(
    measure_codes: np.ndarray,
    agency_codes: np.ndarray,
    leads: np.ndarray,
    names: np.ndarray,
    weighting: str,
) -> UnitNetwork:
    """:func:`unit_network` of rows given as codes (any integers; renumbered here)."""
    from scipy import sparse

    from graph.projection import WEIGHTINGS

    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    agency_local, agency_codes_used = pd.factorize(agency_codes, sort=False)
    measure_local, measure_used = pd.factorize(measure_codes, sort=False)
    n_a, n_m = len(agency_codes_used), len(measure_used)
    if n_a * n_m <= _DENSE_CELLS:  # a document or a period: dense is faster than sparse
        incidence = np.zeros((n_m, n_a))
        incidence[measure_local, agency_local] = 1.0
    else:
        ones = np.ones(len(agency_local))
        incidence = sparse.csr_array((ones, (measure_local, agency_local)), shape=(n_m, n_a))
    shared = _dense(incidence.T @ incidence)
    measures = np.diag(shared).copy()
    np.fill_diagonal(shared, 0.0)
    if weighting == "count":
        weights = shared
    elif weighting == "newman":
        actors = np.asarray(incidence.sum(axis=1)).ravel()
        scale = np.divide(1.0, actors - 1, out=np.zeros(n_m), where=actors > 1)
        weights = _dense(incidence.T @ (incidence * scale[:, None]))
        np.fill_diagonal(weights, 0.0)
    else:
        union = measures[:, None] + measures[None, :] - shared
        weights = np.divide(shared, union, out=np.zeros_like(shared), where=shared > 0)
    lead_counts = np.bincount(agency_local, weights=leads, minlength=n_a)
    agencies = [str(a) for a in names[agency_codes_used]]
    return UnitNetwork(agencies, weights, shared, measures, lead_counts, n_m)


def literature_measures(
    rows: pd.DataFrame, weighting: str = "count"
) -> tuple[pd.DataFrame, dict[str, object]]:
    """Per-agency measures and the unit's summary, from the unit's rows.

    Returns
    -------
    (pandas.DataFrame, dict)
        Agencies (index ``agency``, first appearance order) with
        :data:`AGENCY_COLUMNS`; and the unit's values of
        :data:`SUMMARY_COLUMNS` (``n_documents`` counts the documents of
        ``rows``, ``top_lead`` is the agency leading most measures).

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> agencies, summary = literature_measures(tiny_table())
    >>> agencies.loc["mofcom", ["measures", "leads", "breadth"]].tolist()
    [3, 2, 2]
    >>> summary["n_measures"], summary["top_lead"], round(summary["density"], 3)
    (5, 'mofcom', 0.4)
    """
    if rows.empty:
        return pd.DataFrame(columns=AGENCY_COLUMNS).rename_axis("agency"), _empty_summary()
    net = unit_network(rows, weighting)
    columns, summary = _measures(net, int(rows["document"].nunique()))
    return pd.DataFrame(columns, index=pd.Index(net.agencies, name="agency")), summary


def _measures(net: UnitNetwork, n_documents: int) -> tuple[dict, dict[str, object]]:
    """:func:`literature_measures` of a unit's network: agency columns (arrays) and summary."""
    binary = (net.shared > 0).astype(float)
    size, con = burt(net.weights)
    coreness, core, fit = core_periphery(binary)
    columns = {
        "measures": net.measures.astype(int),
        "leads": net.leads.astype(int),
        "partner_roles": (net.measures - net.leads).astype(int),
        "degree": net.measures / net.n_measures,
        "breadth": binary.sum(axis=1).astype(int),
        "effective_size": size,
        "constraint": con,
        "coreness": coreness,
        "core": core,
    }
    top = int(np.lexsort((np.arange(len(net.leads)), -net.leads))[0])
    summary = {
        "n_documents": n_documents,
        "n_measures": net.n_measures,
        "n_agencies": len(net.agencies),
        "n_assignments": int(net.measures.sum()),
        "n_leads": int(net.leads.sum()),
        "top_lead": net.agencies[top] if net.leads[top] > 0 else "",
        "gini_leads": gini(net.leads),
        "hhi_leads": herfindahl(net.leads),
        "density": density(binary),
        "centralization": degree_centralization(binary),
        "core_size": int(core.sum()),
        "core_fit": fit,
    }
    return columns, summary


def _empty_summary() -> dict[str, object]:
    summary: dict[str, object] = dict.fromkeys(SUMMARY_COLUMNS, math.nan)
    summary.update(n_documents=0, n_measures=0, n_agencies=0, n_assignments=0, n_leads=0)
    summary.update(top_lead="", core_size=0)
    return summary


def unit_metrics(
    table: pd.DataFrame,
    units: Mapping[str, str] | pd.Series | None = None,
    weighting: str = "count",
    full: bool = False,
    registry=None,
    lang: str = "zh",
    jobs: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agency measures and summaries of every unit of a corpus table.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table of one or many documents (filtered and aligned as
        the caller wants).
    units : mapping or Series, optional
        Document id -> unit label (a period); each document its own unit
        when omitted. Documents without a unit are left out; units come out
        in the mapping's order (a categorical Series: its categories' order).
    weighting : {"count", "newman", "jaccard"}
        Weights of the projection (Burt's measures; graph metrics).
    full : bool
        Also the graph metrics of :func:`graph.metrics.agency_metrics`
        (``sole_leads``, ``shared_duties``, ``betweenness``, ``closeness``,
        ``pagerank``, ``eigenvector``, ``sections``, ``articles``) and the
        Louvain ``cluster``: about 60 ms a document instead of 1 ms.
    registry : Registry, optional
        For labels and kinds; the bundled registry by default.
    lang : str
        Language of the cluster labels (``full`` only).
    jobs : int
        With ``full``, worker processes computing the units' graph metrics
        (each unit is analysed on its own, so the values do not depend on it).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Rows per (unit, agency): ``unit``, ``agency``, ``label_zh``,
        ``label_en``, ``kind``, :data:`AGENCY_COLUMNS` (and the full metrics);
        and one row per unit: ``unit`` and :data:`SUMMARY_COLUMNS`.
    """
    from graph.registry import load_registry

    registry = registry or load_registry()
    parts: dict[str, list] = {"unit": [], "agency": []}
    frames, summaries, pending = [], [], []
    for name, net, n_documents, at in unit_networks(table, units, weighting):
        columns, summary = _measures(net, n_documents)
        summaries.append({"unit": name, **summary})
        if full:
            agencies = pd.DataFrame(columns, index=pd.Index(net.agencies, name="agency"))
            frames.append((name, agencies))
            pending.append(table.iloc[np.sort(at)])
            continue
        parts["unit"].append([name] * len(net.agencies))
        parts["agency"].append(net.agencies)
        for column, values in columns.items():
            parts.setdefault(column, []).append(values)
    if not summaries:
        return (
            pd.DataFrame(
                columns=["unit", "agency", "label_zh", "label_en", "kind", *AGENCY_COLUMNS]
            ),
            pd.DataFrame(columns=["unit", *SUMMARY_COLUMNS]),
        )
    if full:
        graph_metrics = _graph_metrics(pending, weighting, lang, jobs, registry)
        agencies = pd.concat(
            [
                mine.join(theirs).reset_index().assign(unit=name)
                for (name, mine), theirs in zip(frames, graph_metrics, strict=True)
            ],
            ignore_index=True,
        )
        agencies.insert(0, "unit", agencies.pop("unit"))
    else:
        agencies = pd.DataFrame(
            {
                column: [v for part in values for v in part]
                if column in ("unit", "agency")
                else np.concatenate(values)
                for column, values in parts.items()
            }
        )
    ids = agencies["agency"].unique()
    labels_zh = {a: registry.label(a, "zh") for a in ids}
    labels_en = {a: registry.label(a, "en") for a in ids}
    kinds = {a: registry.kind(a) for a in ids}
    # Within a unit, heaviest first (as agency_metrics): measures, leads, then id.
    rank = {summary["unit"]: i for i, summary in enumerate(summaries)}
    agencies = agencies.assign(_unit=agencies["unit"].map(rank), _m=-agencies["measures"])
    agencies = agencies.assign(_l=-agencies["leads"]).sort_values(
        ["_unit", "_m", "_l", "agency"], kind="stable"
    )
    agencies = agencies.drop(columns=["_unit", "_m", "_l"]).reset_index(drop=True)
    agencies.insert(2, "label_zh", agencies["agency"].map(labels_zh))
    agencies.insert(3, "label_en", agencies["agency"].map(labels_en))
    agencies.insert(4, "kind", agencies["agency"].map(kinds))
    return agencies, pd.DataFrame(summaries, columns=["unit", *SUMMARY_COLUMNS])


def unit_networks(
    table: pd.DataFrame,
    units: Mapping[str, str] | pd.Series | None = None,
    weighting: str = "count",
):
    """``(unit, UnitNetwork, documents, row positions)`` of every unit with rows, in order.

    ``units`` as in :func:`unit_metrics`. The table is coded once (measures per
    document, agencies) and sliced per unit: a hundred documents in a few
    tens of milliseconds, where building each unit's frame would take ten
    times longer.
    """
    if units is None:
        order = list(dict.fromkeys(table["document"]))
        unit_of = pd.Series(order, index=order)
    else:
        unit_of = pd.Series(units) if not isinstance(units, pd.Series) else units
    labels = table["document"].map(unit_of)
    present = set(labels.dropna().unique())
    if isinstance(unit_of.dtype, pd.CategoricalDtype):
        names = [c for c in unit_of.cat.categories if c in present]
    else:
        names = [u for u in dict.fromkeys(unit_of.tolist()) if u in present]
    if not names:
        return
    codes = _Codes.of(table)
    documents = pd.factorize(table["document"], sort=False)[0]
    unit_codes = pd.Categorical(labels.astype(object), categories=names).codes
    order = np.argsort(unit_codes, kind="stable")
    bounds = np.searchsorted(unit_codes[order], np.arange(len(names) + 1))
    for i, name in enumerate(names):
        at = order[bounds[i] : bounds[i + 1]]
        if len(at):
            net = _network(
                codes.measures[at], codes.agencies[at], codes.leads[at], codes.names, weighting
            )
            yield name, net, len(np.unique(documents[at])), at


def unit_ties(
    table: pd.DataFrame, units: Mapping[str, str] | pd.Series | None = None
) -> list[tuple[str, frozenset[tuple[str, str]]]]:
    """``(unit, ties)`` of every unit: the pairs of agency ids sharing a measure (sorted pairs)."""
    out = []
    for name, net, _, _ in unit_networks(table, units):
        rows, columns = np.nonzero(np.triu(net.shared, 1))
        pairs = (
            tuple(sorted((net.agencies[i], net.agencies[j])))
            for i, j in zip(rows, columns, strict=True)
        )
        out.append((name, frozenset(pairs)))
    return out


GRAPH_COLUMNS = [
    "sole_leads",
    "shared_duties",
    "betweenness",
    "closeness",
    "pagerank",
    "eigenvector",
    "sections",
    "articles",
    "cluster",
]
"""The columns ``full`` adds from :func:`graph.pipeline.analyse`."""


def _graph_metrics_of(rows: pd.DataFrame, weighting: str, lang: str, registry=None) -> pd.DataFrame:
    """:data:`GRAPH_COLUMNS` of one unit (index: agency)."""
    from graph.pipeline import analyse

    metrics = analyse(rows, weighting=weighting, lang=lang, registry=registry).metrics
    return metrics[[c for c in GRAPH_COLUMNS if c in metrics.columns]]


def _graph_metrics(units: list[pd.DataFrame], weighting: str, lang: str, jobs: int, registry):
    """:func:`_graph_metrics_of` of every unit, in worker processes when ``jobs`` > 1."""
    if jobs <= 1 or len(units) < 2:
        return [_graph_metrics_of(rows, weighting, lang, registry) for rows in units]
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    work = functools.partial(_graph_metrics_of, weighting=weighting, lang=lang, registry=registry)
    chunk = max(1, len(units) // (4 * jobs))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(work, units, chunksize=chunk))


BY = ("document", "period")


def corpus_table(
    table: pd.DataFrame,
    documents: pd.DataFrame,
    by: str = "document",
    *,
    align: str = "as_written",
    period: str = "year",
    weighting: str = "count",
    full: bool = True,
    summary: bool = False,
    registry=None,
    lang: str = "zh",
    jobs: int = 1,
) -> pd.DataFrame:
    """The metrics of a corpus by document or by period, as one flat table for export.

    Parameters
    ----------
    table : pandas.DataFrame
        The corpus's measures table (filtered as wanted).
    documents : pandas.DataFrame
        Its documents table (:func:`graph.corpus.documents_table`): years for
        the alignment and the periods, numbers and dates for the rows.
    by : {"document", "period"}
        The unit of the rows.
    align : str
        Agencies as written, or mapped to the bodies of a year or of today
        (:mod:`graph.reform`).
    period : {"year", "reform"}
        How documents are grouped when ``by="period"``.
    weighting, full, registry, lang, jobs
        As in :func:`unit_metrics`.
    summary : bool
        One row per unit (:data:`SUMMARY_COLUMNS`) instead of one per (unit,
        agency).

    Returns
    -------
    pandas.DataFrame
        By document: ``document``, ``doc_number``, ``date``, ``year`` first;
        by period: ``period``. Then (unless ``summary``) the agency and its
        measures, then the unit's summary measures on every row.
    """
    from graph.corpus import document_years, periods
    from graph.reform import align_agencies

    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    aligned = align_agencies(table, document_years(documents), align, registry)
    if by == "period":
        units = periods(documents, period, registry)
    else:
        units = pd.Series(documents["document"].tolist(), index=documents["document"].tolist())
    agencies, summaries = unit_metrics(aligned, units, weighting, full, registry, lang, jobs)
    frame = summaries if summary else agencies.merge(summaries, on="unit", how="left")
    if by == "document":
        meta = documents.set_index("document")[["doc_number", "date", "year"]]
        frame = frame.join(meta, on="unit")
        first = ["doc_number", "date", "year"]
        frame = frame[["unit", *first, *[c for c in frame.columns if c not in ("unit", *first)]]]
    return frame.rename(columns={"unit": by}).reset_index(drop=True)
