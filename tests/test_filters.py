"""Filters that every view obeys."""

from __future__ import annotations

from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_table


def ids(table):
    return sorted(set(zip(table["measure_id"], table["agency"], strict=True)))


def test_no_filter_keeps_everything():
    assert len(apply_filters(tiny_table(), Filters())) == 10


def test_roles_and_kinds():
    leads = apply_filters(tiny_table(), Filters(roles=("partner",)))
    assert ids(leads) == [("C01", "mofcom"), ("M01.01", "ndrc"), ("M02.01", "aqsiq")]
    direct = apply_filters(tiny_table(), Filters(agency_kinds=("directly_affiliated",)))
    assert set(direct["agency"]) == {"saic", "aqsiq"}


def test_articles_and_coordination():
    kept = apply_filters(tiny_table(), Filters(articles=(1,), include_coordination=False))
    assert set(kept["measure_id"]) == {"M01.01", "M01.02"}


def test_empty_selection_gives_an_empty_table():
    assert apply_filters(tiny_table(), Filters(sections=())).pipe(lambda t: set(t["kind"])) == {
        "coordination"
    }
    assert apply_filters(tiny_table(), Filters(sections=(), include_coordination=False)).empty


def test_describe_in_chinese():
    assert Filters(roles=("lead",)).describe() == ["角色：lead"]
