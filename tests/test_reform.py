"""Agencies lined up through the reforms: one trajectory across a merger when asked, two when not."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.corpus import document_years
from graph.corpus_metrics import unit_metrics
from graph.fixtures import tiny_table
from graph.reform import align_agencies, alignment, steps, successor, target_year


def documents_naming(table: pd.DataFrame, agency: str) -> list[str]:
    return sorted(set(table.loc[table["agency"] == agency, "document"]))


def test_saic_and_samr_are_one_trajectory_mapped_to_today_and_two_as_written(real_corpus):
    years = document_years(real_corpus.documents)
    later = [d for d in documents_naming(real_corpus.table, "samr") if years[d] >= 2018]
    assert later, "no document of 2018-2022 names 市场监管总局"
    assert documents_naming(real_corpus.table, "saic") == ["guofa-2015-24"]

    for target, expected in (
        ("as_written", {"saic": ["guofa-2015-24"], "samr": later}),
        ("2017", {"saic": ["guofa-2015-24"], "samr": later}),
        ("2018", {"saic": [], "samr": sorted(["guofa-2015-24", *later])}),
        ("today", {"saic": [], "samr": sorted(["guofa-2015-24", *later])}),
    ):
        aligned = align_agencies(real_corpus.table, years, target)
        rows, _ = unit_metrics(aligned)  # one row per (document, agency): the trajectories
        for agency, documents in expected.items():
            assert sorted(rows.loc[rows["agency"] == agency, "unit"]) == documents, (target, agency)


def test_a_merger_keeps_one_row_per_measure_and_the_lead():
    table = tiny_table()
    aligned = align_agencies(table, {"tiny": 2015}, "today")
    m0201 = aligned[aligned["measure_id"] == "M02.01"]
    assert m0201[["agency", "role", "agency_as_written", "position"]].values.tolist() == [
        ["samr", "lead", "工商总局+质检总局", 1]
    ]
    # Every other measure keeps its actors; the number of measures is unchanged.
    assert aligned["measure_id"].nunique() == table["measure_id"].nunique()
    assert len(aligned) == len(table) - 1


def test_bodies_of_a_later_year_are_never_split_back(registry):
    assert successor(registry, "samr", 2019, 2015) == "samr"
    assert bool(alignment(tiny_table(), {"tiny": 2024}, "today")["changed"].any()) is False


def test_an_unknown_year_is_taken_as_older_than_every_reform(registry):
    assert steps(registry, "saic", None, 2018)[-1][0] == "samr"
    assert alignment(tiny_table(), {}, "2018")["changed"].sum() == 2


def test_steps_follow_the_reforms_in_year_order(registry):
    assert [to for to, _, _ in steps(registry, "cbrc", 2015, target_year("today"))] == [
        "cbirc",
        "nfra",
    ]
    assert [to for to, _, _ in steps(registry, "cbrc", 2019, target_year("today"))] == []
    assert steps(registry, "cbrc", 2015, None) == ()


def test_unregistered_names_never_change():
    table = tiny_table().assign(registered=False)
    assert not alignment(table, {"tiny": 2015}, "today")["changed"].any()


def test_the_chain_says_where_an_agency_went(registry):
    found = alignment(tiny_table(), {"tiny": 2015}, "today", registry).set_index("agency")
    assert found.at["saic", "steps"] == "市场监管总局 2018"


@pytest.mark.parametrize("bad", ["someday", "", "20x8"])
def test_a_bad_target_is_refused(bad):
    with pytest.raises(ValueError, match="target must be"):
        target_year(bad)


def test_merging_only_where_needed_is_merging_everything(real_corpus):
    from graph.today import merge_agencies

    years = document_years(real_corpus.documents)
    table = real_corpus.table
    for target in ("2018", "today"):
        fast = align_agencies(table, years, target)
        mapping = alignment(table, years, target).set_index(["document", "agency"])["aligned"]
        index = pd.MultiIndex.from_arrays([table["document"], table["agency"]])
        everything = merge_agencies(table, pd.Series(mapping.reindex(index).to_numpy()))
        key = ["document", "measure_id", "agency"]
        pd.testing.assert_frame_equal(
            fast.sort_values(key).reset_index(drop=True),
            everything.sort_values(key).reset_index(drop=True),
            check_dtype=False,
        )
        # The table keeps its order: measures as in the documents, actors by position.
        order = fast.groupby(["document", "measure_id"], sort=False)["position"].apply(list)
        assert all(p == list(range(1, len(p) + 1)) for p in order)
