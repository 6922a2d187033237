"""Measures from the literature: checked against NetworkX and by hand, per document and period."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph.build import build_graph
from graph.corpus import periods
from graph.corpus_metrics import (
    AGENCY_COLUMNS,
    SUMMARY_COLUMNS,
    burt,
    core_periphery,
    corpus_table,
    literature_measures,
    unit_metrics,
    unit_network,
)
from graph.metrics import agency_metrics
from graph.projection import WEIGHTINGS, co_responsibility


def documents_of(corpus):
    """(id, rows) of every document of the real corpus that has assignments."""
    return [(d, rows) for d, rows in corpus.table.groupby("document", sort=False)]


@pytest.mark.parametrize("weighting", WEIGHTINGS)
def test_projection_weights_are_networkx_projections(real_corpus, registry, weighting):
    for document, rows in documents_of(real_corpus):
        net = unit_network(rows, weighting)
        projection = co_responsibility(build_graph(rows, registry), weighting)
        index = {a: i for i, a in enumerate(net.agencies)}
        assert sorted(projection) == sorted(f"agency:{a}" for a in net.agencies), document
        expected = np.zeros_like(net.weights)
        for u, v, w in projection.edges(data="weight"):
            i, j = index[u.removeprefix("agency:")], index[v.removeprefix("agency:")]
            expected[i, j] = expected[j, i] = w
        np.testing.assert_allclose(net.weights, expected, rtol=1e-12, err_msg=document)


@pytest.mark.parametrize("weighting", WEIGHTINGS)
def test_burt_is_networkx_constraint_and_effective_size(real_corpus, registry, weighting):
    # NetworkX's own definition, node by node (nodes=...): its all-nodes path (sparse
    # matrices, NetworkX 3.6) scales each contact's ties by the wrong axis for weighted
    # graphs and disagrees with it (see test_networkx_weighted_effective_size_paths_differ).
    for document, rows in documents_of(real_corpus):
        agencies, _ = literature_measures(rows, weighting)
        projection = co_responsibility(build_graph(rows, registry), weighting)
        nodes = list(projection)
        constraint = nx.constraint(projection, nodes=nodes, weight="weight")
        size = nx.effective_size(projection, nodes=nodes, weight="weight")
        for agency in agencies.index:
            node = f"agency:{agency}"
            for ours, theirs in (("constraint", constraint), ("effective_size", size)):
                value = agencies.at[agency, ours]
                if math.isnan(theirs[node]):
                    assert math.isnan(value), (document, agency, ours)
                else:
                    assert value == pytest.approx(theirs[node], rel=1e-9), (document, agency, ours)


def test_networkx_weighted_effective_size_paths_differ():
    """Worked by hand: node 0 has ties 2 (to 1) and 1 (to 2); 1 and 2 are tied (1), 2 and 3 (1).

    p_01 = 2/3, p_02 = 1/3; node 1's ties over its strongest: m_10 = 1, m_12 = 1/2;
    node 2's: m_20 = m_21 = m_23 = 1. Redundancy of 1 for 0: p_02 m_12 = 1/6; of 2:
    p_01 m_21 = 2/3. Effective size of 0: (1 - 1/6) + (1 - 2/3) = 7/6.
    """
    g = nx.Graph()
    g.add_weighted_edges_from([(0, 1, 2), (0, 2, 1), (1, 2, 1), (2, 3, 1)])
    weights = nx.to_numpy_array(g, nodelist=[0, 1, 2, 3])
    ours, _ = burt(weights)
    assert ours[0] == pytest.approx(7 / 6)
    assert nx.effective_size(g, nodes=[0], weight="weight")[0] == pytest.approx(7 / 6)
    assert nx.effective_size(g, weight="weight")[0] == pytest.approx(4 / 3)  # the other path


def test_counts_are_those_of_agency_metrics(real_corpus, registry):
    for document, rows in documents_of(real_corpus):
        ours, _ = literature_measures(rows)
        theirs = agency_metrics(build_graph(rows, registry)).loc[ours.index]
        for column in ("measures", "leads", "partner_roles", "degree", "breadth"):
            assert ours[column].tolist() == pytest.approx(theirs[column].tolist()), (
                document,
                column,
            )


def test_summary_of_the_bundled_document_by_hand(bundled_table):
    _, summary = literature_measures(bundled_table)
    leads = bundled_table[bundled_table["role"] == "lead"].groupby("agency").size()
    leads = leads.reindex(bundled_table["agency"].unique(), fill_value=0).to_numpy(float)
    shares = leads / leads.sum()
    assert summary["hhi_leads"] == pytest.approx((shares**2).sum())
    pairs = np.abs(leads[:, None] - leads[None, :]).sum()
    assert summary["gini_leads"] == pytest.approx(pairs / (2 * len(leads) ** 2 * leads.mean()))
    projection = co_responsibility(build_graph(bundled_table))
    assert summary["density"] == pytest.approx(nx.density(projection))
    degrees = dict(projection.degree())
    n, top = len(degrees), max(degrees.values())
    centralization = sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2))
    assert summary["centralization"] == pytest.approx(centralization)
    assert (summary["n_measures"], summary["n_agencies"], summary["n_assignments"]) == (74, 40, 211)
    assert summary["top_lead"] == "mofcom"


def test_continuous_coreness_is_the_least_squares_fixed_point(bundled_table):
    net = unit_network(bundled_table)
    a = (net.shared > 0).astype(float)
    coreness, core, fit = core_periphery(a)
    # The model's solution c (coreness is c scaled to a largest value of 1) is a fixed
    # point c_i = Σ_j a_ij c_j / Σ_{j≠i} c_j²: each coordinate the best given the others.
    # With c = s * coreness, s² = (A k)_i / (k_i Σ_{j≠i} k_j²) must be the same for all i.
    k = coreness
    shown = k > 0.05
    squared = (a @ k)[shown] / (k[shown] * ((k**2).sum() - k[shown] ** 2))
    np.testing.assert_allclose(squared, np.median(squared), rtol=1e-5)
    assert core.sum() >= 2 and 0 < fit <= 1
    # The core is the agencies of highest coreness.
    assert coreness[core].min() >= coreness[~core].max()


def test_a_noisy_core_periphery_graph_keeps_its_core():
    rng = np.random.default_rng(7)
    n, k = 30, 6
    a = np.zeros((n, n))
    a[:k, :k] = 1
    a[:k, k:] = rng.random((k, n - k)) < 0.5
    a[k:, k:] = rng.random((n - k, n - k)) < 0.05
    a = np.triu(a, 1)
    a = a + a.T
    _, core, fit = core_periphery(a)
    assert core[:k].all() and core.sum() <= k + 2 and fit > 0.5


def test_too_small_or_empty_graphs_give_no_partition():
    for a in (np.zeros((0, 0)), np.zeros((3, 3)), np.ones((3, 3)) - np.eye(3)):
        _, core, fit = core_periphery(a)
        assert not core.any() and math.isnan(fit)


def test_an_isolated_agency_has_no_burt_measures():
    size, constraint = burt(np.zeros((2, 2)))
    assert np.isnan(size).all() and np.isnan(constraint).all()


def test_a_period_is_its_documents_stacked(real_corpus, registry):
    eras = periods(real_corpus.documents, "reform", registry)
    agencies, summaries = unit_metrics(real_corpus.table, eras)
    assert summaries["unit"].tolist() == [
        c
        for c in eras.cat.categories
        if c in set(eras[eras.index.isin(real_corpus.table["document"])])
    ]
    for era, rows in real_corpus.table.groupby(
        real_corpus.table["document"].map(eras), observed=True
    ):
        expected, summary = literature_measures(rows)
        mine = agencies[agencies["unit"] == era].set_index("agency").loc[expected.index]
        pd.testing.assert_frame_equal(
            mine[AGENCY_COLUMNS], expected[AGENCY_COLUMNS], check_dtype=False, check_names=False
        )
        row = summaries.set_index("unit").loc[era]
        assert row["n_documents"] == rows["document"].nunique() == summary["n_documents"]


def test_by_document_one_row_per_document_and_agency(real_corpus):
    frame = corpus_table(real_corpus.table, real_corpus.documents, "document", full=True)
    pairs = real_corpus.table.drop_duplicates(["document", "agency"])
    assert len(frame) == len(pairs)
    assert not frame.duplicated(["document", "agency"]).any()
    wanted = {"betweenness", "cluster", "doc_number", "date", *AGENCY_COLUMNS, *SUMMARY_COLUMNS}
    assert wanted <= set(frame.columns)
    summary = corpus_table(real_corpus.table, real_corpus.documents, "document", summary=True)
    assert summary["document"].tolist() == [
        d for d in real_corpus.ids if d in set(real_corpus.table["document"])
    ]


def test_by_document_and_period_agree_when_each_period_is_one_document(real_corpus):
    one = real_corpus.table[real_corpus.table["document"] == "guofa-2015-24"]
    docs = real_corpus.documents[real_corpus.documents["document"] == "guofa-2015-24"]
    by_doc = corpus_table(one, docs, "document", full=False)
    by_period = corpus_table(one, docs, "period", full=False)
    columns = [*AGENCY_COLUMNS, *SUMMARY_COLUMNS]
    pd.testing.assert_frame_equal(by_doc[columns], by_period[columns])
    assert by_period["period"].unique().tolist() == ["2015"]


def test_worker_processes_give_the_same_table(real_corpus):
    one = corpus_table(real_corpus.table, real_corpus.documents, "document", jobs=1)
    two = corpus_table(real_corpus.table, real_corpus.documents, "document", jobs=2)
    pd.testing.assert_frame_equal(one, two)
