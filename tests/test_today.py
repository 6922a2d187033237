"""Merging 2015 agencies into their current successors."""

from __future__ import annotations

from graph.fixtures import tiny_table
from graph.today import as_of_today, successor_map

SAMR_2015 = {"saic", "aqsiq", "cfda", "sac", "cnca"}


def test_tiny_table_today():
    today = as_of_today(tiny_table())
    rows = today[["measure_id", "agency", "role", "position", "shared_duty"]].values.tolist()
    assert rows == [
        ["M01.01", "mofcom", "lead", 1, False],
        ["M01.01", "ndrc", "partner", 2, False],
        ["M01.02", "mofcom", "lead", 1, True],
        ["M01.02", "ndrc", "lead", 2, True],
        ["M01.02", "samr", "lead", 3, True],
        ["M02.01", "samr", "lead", 1, False],
        ["M02.02", "depts_relevant", "lead", 1, False],
        ["C01", "ndrc", "lead", 1, False],
        ["C01", "mofcom", "partner", 2, False],
    ]


def test_samr_carries_the_union_of_its_predecessors(bundled_table):
    today = as_of_today(bundled_table)
    before = set(bundled_table.loc[bundled_table["agency"].isin(SAMR_2015), "measure_id"])
    after = set(today.loc[today["agency"] == "samr", "measure_id"])
    assert after == before
    assert not today.duplicated(["measure_id", "agency"]).any()
    assert not set(today["agency"]) & SAMR_2015


def test_successor_map(bundled_table):
    mapping = successor_map(bundled_table).set_index("agency")
    assert mapping.loc["cbrc", "successor"] == "nfra"
    assert not mapping.loc["mofcom", "changed"]
    assert mapping.loc["sc_reform_office", "uncertain"]
