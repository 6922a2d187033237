"""Task lists (分工表) against answers read off the fixture text and the document."""

import pandas as pd
import pytest

from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_table
from graph.table import load_measures
from graph.tasklist import TASK_COLUMNS, task_list


@pytest.fixture(scope="module")
def measures():
    return load_measures()


def test_columns_are_the_agreed_ones():
    assert list(task_list(tiny_table(), "mofcom").columns) == TASK_COLUMNS


def test_mofcom_in_the_fixture():
    # Read from TINY_TEXT: 商务部 is named first in both measures of article 1
    # (the second "按职责分工分别负责", so all three lead) and second in the
    # coordination sentence.
    tasks = task_list(tiny_table(), "mofcom")
    assert tasks["measure_id"].tolist() == ["M01.01", "M01.02", "C01"]
    assert tasks["role"].tolist() == ["牵头", "牵头", "参与"]
    assert tasks["shared_duty"].tolist() == [False, True, False]
    assert tasks["partners"].tolist() == [
        "发展改革委",
        "发展改革委（牵头）、工商总局（牵头）",
        "发展改革委（牵头）",
    ]
    assert tasks["article"].tolist()[:2] == [1, 1]
    assert pd.isna(tasks["article"].iloc[2]) and pd.isna(tasks["section"].iloc[2])
    assert tasks["article_title"].tolist() == ["开放市场", "开放市场", "部门协调机制"]
    assert tasks["measure_text"].tolist()[:2] == ["放宽准入。", "简化审批。"]


def test_a_lone_actor_has_no_partners():
    tasks = task_list(tiny_table(), "depts_relevant")
    assert tasks[["measure_id", "role", "partners"]].values.tolist() == [["M02.02", "牵头", ""]]


def test_english_names_and_roles():
    tasks = task_list(tiny_table(), "aqsiq", lang="en")
    assert tasks[["measure_id", "role", "partners"]].values.tolist() == [
        ["M02.01", "partner", "SAIC (lead)"]
    ]
    assert task_list(tiny_table(), "ndrc", lang="en")["article_title"].iloc[-1] == (
        "Inter-agency coordination mechanism"
    )


def test_unknown_agency_gives_an_empty_table_with_the_columns():
    tasks = task_list(tiny_table(), "no_such_agency")
    assert tasks.empty and list(tasks.columns) == TASK_COLUMNS


def test_partners_respect_a_filtered_table():
    # Without generic actors and roles limited to leads, 商务部's first measure
    # keeps only its own row: 发展改革委 was a partner there.
    kept = apply_filters(tiny_table(), Filters(roles=("lead",)))
    tasks = task_list(kept, "mofcom")
    assert tasks["measure_id"].tolist() == ["M01.01", "M01.02"]
    assert tasks["partners"].tolist() == ["", "发展改革委（牵头）、工商总局（牵头）"]


def test_input_is_not_changed():
    table = tiny_table()
    before = table.copy()
    task_list(table, "saic", lang="en")
    pd.testing.assert_frame_equal(table, before)


def test_customs_in_the_document(measures):
    # Article 21 of the text: "（海关总署、财政部、税务总局、质检总局、外汇局）" then
    # "（海关总署、质检总局按职责分工分别负责）".
    tasks = task_list(measures, "gacc", lang="en")
    article21 = tasks[tasks["article"] == 21]
    assert article21["partners"].tolist() == ["MOF, SAT, AQSIQ, SAFE", "AQSIQ (lead)"]
    assert article21["role"].tolist() == ["lead", "lead"]
    assert article21["shared_duty"].tolist() == [False, True]
    assert set(article21["article_title"]) == {
        "Raise customs-clearance efficiency for cross-border e-commerce"
    }
    # 海关总署 appears in six measures; the coordination paragraph comes last.
    assert len(tasks) == 6 and tasks["measure_id"].iloc[-1] == "C01"


def test_rows_follow_the_document(measures):
    tasks = task_list(measures, "mofcom")
    order = measures.drop_duplicates("measure_id").set_index("measure_id")["source_start"]
    starts = order.loc[tasks["measure_id"]].tolist()
    assert starts == sorted(starts)
