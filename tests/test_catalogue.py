"""Measures catalogue, search and source passages, against the fixture text."""

import pandas as pd
import pytest

from graph.catalogue import (
    CATALOGUE_COLUMNS,
    measure_catalogue,
    passage_html,
    search_catalogue,
    source_passage,
)
from graph.documents import source_text
from graph.fixtures import TINY_TEXT, tiny_table
from graph.table import load_measures

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", '"><b>x</b>']


@pytest.fixture(scope="module")
def measures():
    return load_measures()


def test_one_row_per_measure_in_document_order():
    cat = measure_catalogue(tiny_table())
    assert list(cat.columns) == CATALOGUE_COLUMNS
    assert cat["measure_id"].tolist() == ["M01.01", "M01.02", "M02.01", "M02.02", "C01"]
    assert cat["n_actors"].tolist() == [2, 3, 2, 1, 2]
    assert cat["agencies"].tolist() == [
        "商务部（牵头）、发展改革委",
        "商务部（牵头）、发展改革委（牵头）、工商总局（牵头）",
        "工商总局（牵头）、质检总局",
        "有关部门（牵头）",
        "发展改革委（牵头）、商务部",
    ]
    assert cat["article_title"].iloc[-1] == "部门协调机制"


def test_english_catalogue_of_the_document(measures):
    cat = measure_catalogue(measures, "en").set_index("measure_id")
    assert cat.loc["M21.02", "agencies"] == "GACC (lead), AQSIQ (lead)"
    assert cat.loc["M21.02", "article_title"] == (
        "Raise customs-clearance efficiency for cross-border e-commerce"
    )
    assert cat.loc["M21.02", "section_title"] == "Raise the level of opening up"
    assert len(cat) == measures["measure_id"].nunique()


def test_empty_table_gives_empty_catalogue():
    cat = measure_catalogue(tiny_table().iloc[0:0])
    assert cat.empty and list(cat.columns) == CATALOGUE_COLUMNS


def test_search_words_all_must_match():
    cat = measure_catalogue(tiny_table())
    assert search_catalogue(cat, "审批")["measure_id"].tolist() == ["M01.02", "M02.02"]
    assert search_catalogue(cat, "审批 有关部门")["measure_id"].tolist() == ["M02.02"]
    assert search_catalogue(cat, "m02.01")["measure_id"].tolist() == ["M02.01"]
    assert len(search_catalogue(cat, "   ")) == 5


@pytest.mark.parametrize("query", ["(", "[", "*", "\\", ".*", "a|b"])
def test_search_takes_pattern_characters_literally(query):
    assert search_catalogue(measure_catalogue(tiny_table()), query).empty


def test_passage_is_the_paragraph_with_wraps_removed():
    start = TINY_TEXT.index("打击假冒")
    before, sentence, after = source_passage(TINY_TEXT, start, start + len("打击假冒。"))
    assert before == "（二）规范秩序。"
    assert sentence == "打击假冒。"
    assert after == "（工商总局、质检总局）清理审批。（有关部门）"


def test_passage_of_a_wrapped_sentence():
    # "简化审\n批。" is wrapped over two lines in TINY_TEXT.
    start = TINY_TEXT.index("简化审")
    assert source_passage(TINY_TEXT, start, TINY_TEXT.index("批。") + 2)[1] == "简化审批。"


def test_every_measure_of_the_document_is_found_in_its_passage(measures):
    text = source_text("guofa-2015-24")
    cat = measure_catalogue(measures)
    for row in cat.itertuples(index=False):
        before, sentence, after = source_passage(text, row.source_start, row.source_end)
        assert sentence.replace(" ", "") == row.measure_text.replace(" ", "")
        assert "\n" not in before + sentence + after


def test_offsets_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="outside"):
        source_passage("abc", 2, 10)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_passage_html_escapes_everything(hostile):
    page = passage_html(hostile, hostile, hostile)
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert page.count("<mark>") == 1 and page.startswith("<p>")


def test_hostile_measure_text_is_escaped_end_to_end():
    table = tiny_table()
    table["measure_text"] = table["measure_text"].where(table["measure_id"] != "M02.01", HOSTILE[0])
    row = measure_catalogue(table).set_index("measure_id").loc["M02.01"]
    assert row["measure_text"] == HOSTILE[0]
    assert "&lt;img" in passage_html("", row["measure_text"], "")
    assert isinstance(row["agencies"], str) and not pd.isna(row["agencies"])
