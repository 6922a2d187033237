"""Overview figures against counts made by hand on the fixture and the document."""

import pandas as pd
import pytest

from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_graph, tiny_table
from graph.metrics import agency_metrics
from graph.overview import agency_section_matrix, agency_tiers, document_counts
from graph.table import load_measures


@pytest.fixture(scope="module")
def measures():
    return load_measures()


def test_counts_of_the_fixture():
    # TINY_TEXT: sections 一 and 二, articles （一） and （二）, four task
    # measures plus the coordination sentence, five distinct actors, ten rows.
    assert document_counts(tiny_table()) == {
        "sections": 2,
        "articles": 2,
        "measures": 5,
        "agencies": 5,
        "assignments": 10,
    }


def test_counts_of_the_document(measures):
    # The document numbers its articles （一） to （二十九）; articles 1-3 (section 一,
    # guiding ideas) assign nobody, so 26 articles in 7 sections carry measures.
    counts = document_counts(measures)
    assert counts["sections"] == 7
    assert counts["articles"] == 26
    assert counts["assignments"] == len(measures)


def test_counts_of_an_empty_table():
    empty = apply_filters(tiny_table(), Filters(sections=(), include_coordination=False))
    assert document_counts(empty) == dict.fromkeys(
        ["sections", "articles", "measures", "agencies", "assignments"], 0
    )


def test_section_matrix_of_the_fixture():
    matrix = agency_section_matrix(tiny_table(), "zh")
    # Section 1: 商务部 2, 发展改革委 2, 工商总局 1; section 2: 工商总局 1,
    # 质检总局 1, 有关部门 1. Coordination (no section) is left out.
    assert list(matrix.columns) == [1, 2]
    assert matrix.to_dict("index") == {
        "商务部": {1: 2, 2: 0},
        "发展改革委": {1: 2, 2: 0},
        "工商总局": {1: 1, 2: 1},
        "质检总局": {1: 0, 2: 1},
        "有关部门": {1: 0, 2: 1},
    }
    # Busiest first; ties by label.
    totals = matrix.sum(axis=1).tolist()
    assert totals == sorted(totals, reverse=True)


def test_section_matrix_without_sections_is_empty():
    coordination_only = tiny_table()[lambda t: t["kind"] == "coordination"]
    assert agency_section_matrix(coordination_only).empty


def test_tiers_follow_the_median_rule():
    frame = pd.DataFrame(
        {
            "label_zh": list("abcdef"),
            "label_en": list("abcdef"),
            "kind": ["ministry"] * 6,
            # medians: measures 3.5, breadth 3.5
            "measures": [10, 6, 1, 2, 3, 4],
            "breadth": [9, 1, 8, 2, 3, 4],
        },
        index=list("abcdef"),
    )
    tiers = agency_tiers(frame)
    assert tiers.attrs == {"depth_median": 3.5, "breadth_median": 3.5}
    assert tiers["quadrant"].tolist() == [
        "core",
        "specialist",
        "connector",
        "peripheral",
        "peripheral",
        "core",
    ]
    assert tiers["tier"].tolist() == ["lead", "key", "key", "auxiliary", "auxiliary", "lead"]


def test_tiers_of_the_fixture():
    # measures: 商务部 3, 发展改革委 3, 工商总局 2, 质检总局 1, 有关部门 1 -> median 2;
    # breadth: 2, 2, 3, 1, 0 -> median 2. Only 工商总局 is broad, only the two
    # ministries are deep, nobody is both.
    tiers = agency_tiers(agency_metrics(tiny_graph()))
    assert tiers["tier"].to_dict() == {
        "mofcom": "key",
        "ndrc": "key",
        "saic": "key",
        "aqsiq": "auxiliary",
        "depts_relevant": "auxiliary",
    }
    assert tiers.loc["saic", "quadrant"] == "connector"
    assert tiers.loc["mofcom", "quadrant"] == "specialist"


def test_tiers_of_nothing():
    empty = agency_metrics(tiny_graph()).iloc[0:0]
    assert agency_tiers(empty).empty
