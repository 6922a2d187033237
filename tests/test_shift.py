"""Load before and after succession, against the registry's merges counted by hand."""

import pandas as pd
import pytest

from graph.fixtures import tiny_table
from graph.shift import SHIFT_COLUMNS, load_shift
from graph.table import load_measures


def test_fixture_merge_into_samr():
    # 工商总局 (M01.02, M02.01) and 质检总局 (M02.01) both became 市场监管总局;
    # M02.01 named both, so today it counts once: 2 measures, both led
    # (工商总局 led M01.02 under shared duty and M02.01).
    shift = load_shift(tiny_table())
    assert list(shift.columns) == SHIFT_COLUMNS
    assert len(shift) == 1
    row = shift.iloc[0]
    assert row["successor"] == "samr"
    assert row["predecessors_zh"] == "工商总局、质检总局"
    assert (row["largest_2015"], row["sum_2015"], row["measures_today"]) == (2, 3, 2)
    assert row["leads_today"] == 2
    assert row["n_predecessors"] == 2


def test_unchanged_agencies_are_left_out():
    # 商务部 and 发展改革委 still exist; 有关部门 is generic and has no successor.
    only_ministries = tiny_table()[lambda t: t["agency"].isin(["mofcom", "ndrc"])]
    assert load_shift(only_ministries).empty


def test_document_samr():
    # The registry merges 工商总局, 质检总局, 食品药品监管总局, 国家标准委 and
    # 国家认监委 into 市场监管总局 (primary edges, 2018).
    shift = load_shift(load_measures()).set_index("successor")
    samr = shift.loc["samr"]
    assert samr["n_predecessors"] == 5
    assert set(samr["predecessors_zh"].split("、")) == {
        "工商总局",
        "质检总局",
        "食品药品监管总局",
        "国家标准委",
        "国家认监委",
    }
    # 工商总局 alone: 19 bracketed assignments plus the coordination paragraph.
    assert samr["largest_2015"] == 20
    assert samr["measures_today"] < samr["sum_2015"]
    assert shift.index[0] == "samr"  # heaviest load today


@pytest.mark.parametrize(
    ("successor", "predecessors"),
    [("nfra", {"保监会", "银监会"}), ("mct", {"旅游局"}), ("mara", {"农业部"})],
)
def test_document_other_successors(successor, predecessors):
    # 2018: 银监会 + 保监会 -> 银保监会, 2023: -> 金融监管总局; 旅游局 -> 文化和旅游部;
    # 农业部 -> 农业农村部.
    shift = load_shift(load_measures()).set_index("successor")
    assert set(shift.loc[successor, "predecessors_zh"].split("、")) == predecessors


def test_a_merged_table_passed_in_gives_the_same_shift(bundled_table):
    from graph.today import as_of_today

    merged = as_of_today(bundled_table)
    before = merged.copy()
    pd.testing.assert_frame_equal(
        load_shift(bundled_table, today=merged), load_shift(bundled_table)
    )
    pd.testing.assert_frame_equal(merged, before)
