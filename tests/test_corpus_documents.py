"""A corpus: documents read together, one bad file never costing the good ones, the documents table."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.corpus import (
    DOCUMENT_COLUMNS,
    apply_edits,
    documents_table,
    period_label,
    periods,
    read_corpus,
    read_document_edits,
    reform_years,
    text_head,
    validate_edits,
)
from graph.errors import ValidationError
from graph.fixtures import TINY_TEXT, tiny_table
from graph.paths import SOURCE_TEXT
from tests.conftest import CORPUS_DEV

# Read off the texts and ../shared/corpus-dev/README.md by hand: 文号, issuer, signature date.
HEADS = {
    "zimaoqu-2018": ("国发〔2018〕38号", "国务院", "2018-11-07"),
    "tiyu-saishi-2018": ("国办发〔2018〕121号", "国务院办公厅", "2018-12-11"),
    "nongji-2018": ("国发〔2018〕42号", "国务院", "2018-12-21"),
    "xiaofei-fupin-2018": ("国办发〔2018〕129号", "国务院办公厅", "2018-12-30"),
    "shuangsuiji-2019": ("国发〔2019〕5号", "国务院", "2019-01-27"),
    "laonianren-2020": ("", "", ""),  # the plan only: no 文号, no signature
    "zhongxiao-2021": ("", "国务院办公厅", "2021-11-10"),  # body only, signed
    "lifa-jihua-2021": ("国办发〔2021〕21号", "国务院办公厅", "2021-05-27"),
    "ducha-2022": ("国办发〔2022〕21号", "国务院办公厅", "2022-06-02"),
}
TITLES = {
    "nongji-2018": "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见",
    "lifa-jihua-2021": "国务院办公厅关于印发国务院2021年度立法工作计划的通知",
    "laonianren-2020": "",
    "zhongxiao-2021": "",
}


def corpus_dev() -> None:
    if not CORPUS_DEV.is_dir():
        pytest.skip(f"{CORPUS_DEV} is not here")


@pytest.mark.parametrize("stem", sorted(HEADS))
def test_head_and_signature_of_the_real_texts(stem):
    corpus_dev()
    head = text_head((CORPUS_DEV / f"{stem}.txt").read_text(encoding="utf-8"))
    assert (head["doc_number"], head["issuer"], head["date"]) == HEADS[stem]
    if stem in TITLES:
        assert head["title"] == TITLES[stem]


def test_the_2015_text_gives_its_date_and_the_catalogue_the_rest():
    head = text_head(SOURCE_TEXT.read_text(encoding="utf-8"))
    assert (head["doc_number"], head["title"], head["issuer"], head["date"]) == (
        "",
        "",
        "国务院",
        "2015-05-04",
    )
    docs = documents_table(tiny_table().assign(document="guofa-2015-24"))
    row = docs.iloc[0]
    assert (row["doc_number"], row["date"], row["year"], row["date_source"]) == (
        "国发〔2015〕24号",
        "2015-05-04",
        2015,
        "catalogue",
    )


def test_one_bad_file_never_costs_the_good_ones(tmp_path, registry):
    good = tmp_path / "good-2016.txt"
    good.write_text(TINY_TEXT + "\n国务院\n2016年3月1日\n", encoding="utf-8")
    warned = tmp_path / "warned.txt"  # read, with a warning: a bracket never closed
    warned.write_text("一、总则\n（一）开放。放宽准入。（商务部、\n", encoding="utf-8")
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(b"\x81\x30\xff\xff\xfe")
    binary = tmp_path / "zzz.txt"
    binary.write_bytes(b"\x00\x01\x02")
    corpus = read_corpus([tmp_path, SOURCE_TEXT], registry)
    assert corpus.ids == ["guofa-2015-24", "good-2016", "warned"]
    assert sorted(corpus.failed) == sorted([str(undecodable), str(binary)])
    assert all(str(p).startswith((str(undecodable), str(binary))) for p in corpus.problems)
    assert any("never closed" in str(n) and "line 2, column 12" in str(n) for n in corpus.notes)
    assert {"guofa-2015-24", "good-2016"} <= set(corpus.table["document"])
    docs = corpus.documents.set_index("document")
    assert docs.at["good-2016", "date"] == "2016-03-01"
    assert docs.at["good-2016", "measures"] == 5
    assert len(docs.at["good-2016", "source_sha256"]) == 64
    assert corpus.sources["good-2016"].startswith("一、总则")


def test_a_text_without_assignments_is_a_document_with_no_measures(tmp_path, registry):
    empty = tmp_path / "empty.txt"
    empty.write_text(
        "一、总则\n（一）开放市场。放宽准入。\n国务院\n2019年1月27日\n", encoding="utf-8"
    )
    corpus = read_corpus([empty], registry)
    assert corpus.failed == ()
    assert corpus.documents[["document", "measures", "year"]].values.tolist() == [
        ["empty", 0, 2019]
    ]
    assert any("no measure names" in str(n) for n in corpus.notes)


def test_a_document_id_read_twice_is_listed_not_merged(tmp_path, registry):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "tiny.txt").write_text(TINY_TEXT, encoding="utf-8")
    corpus = read_corpus([tmp_path / "a", tmp_path / "b"], registry)
    assert corpus.ids == ["tiny"] and corpus.failed == (str(tmp_path / "b" / "tiny.txt"),)
    assert "already read" in str(corpus.problems[0])


def test_a_stacked_table_and_edits_in_a_folder(tmp_path, registry):
    from graph.table import write_measures

    write_measures(tiny_table(), tmp_path / "tables.csv")
    pd.DataFrame(
        {"document": ["tiny"], "doc_number": ["国发〔2016〕1号"], "date": ["2016-02"]}
    ).to_csv(tmp_path / "documents.csv", index=False)
    corpus = read_corpus([tmp_path], registry)
    assert corpus.failed == ()
    row = corpus.documents.iloc[0]
    assert (row["document"], row["doc_number"], row["date"], row["year"], row["date_source"]) == (
        "tiny",
        "国发〔2016〕1号",
        "2016-02",
        2016,
        "edited",
    )


def test_edits_are_checked_with_line_and_column(tmp_path):
    docs = documents_table(tiny_table())
    edits = tmp_path / "edits.csv"
    edits.write_text("document,date\ntiny,2016-13-01\nghost,2016\ntiny,2017\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_document_edits(edits, docs)
    text = str(caught.value)
    assert "line 2, column date: not a date" in text
    assert "line 3, column document: no such document" in text
    assert "line 4, column document: document listed twice" in text
    with pytest.raises(ValidationError, match="missing column 'document'"):
        validate_edits(pd.DataFrame({"date": ["2016"]}))


def test_edits_replace_only_what_they_fill():
    docs = documents_table(tiny_table())
    edited = apply_edits(
        docs, pd.DataFrame({"document": ["tiny"], "title": ["新标题"], "date": [""]})
    )
    assert edited.loc[0, "title"] == "新标题" and edited.loc[0, "date"] == docs.loc[0, "date"]
    assert list(edited.columns) == DOCUMENT_COLUMNS


def test_the_real_corpus_in_time_order(real_corpus):
    years = real_corpus.documents["year"].tolist()
    assert real_corpus.ids[0] == "guofa-2015-24" and years == sorted(years)
    assert set(real_corpus.ids) | {p.rsplit("/", 1)[-1][:-4] for p in real_corpus.failed} == {
        "guofa-2015-24",
        *HEADS,
    }


def test_periods_by_year_and_by_reform_era(registry):
    docs = pd.DataFrame(
        {
            "document": ["a", "b", "c", "d"],
            "year": pd.array([2019, 2015, None, 2024], dtype="Int64"),
        }
    )
    by_year = periods(docs, "year", registry)
    assert by_year.to_dict() == {"a": "2019", "b": "2015", "c": "?", "d": "2024"}
    assert list(by_year.cat.categories) == ["2015", "2019", "2024", "?"]
    eras = periods(docs, "reform", registry)
    assert eras.to_dict() == {"a": "2018–2022", "b": "2013–2017", "c": "?", "d": "2023–"}
    assert reform_years(registry) == (2008, 2013, 2018, 2023)
    assert period_label(2013, "reform", (2008, 2013, 2018)) == "2013–2017"


def test_edits_of_a_document_not_read_are_listed_not_fatal(tmp_path, registry):
    (tmp_path / "tiny.txt").write_text(TINY_TEXT, encoding="utf-8")
    (tmp_path / "documents.csv").write_text("document,date\nghost,2016\n", encoding="utf-8")
    corpus = read_corpus([tmp_path], registry)
    assert corpus.ids == ["tiny"]
    assert corpus.failed == (str(tmp_path / "documents.csv"),)
    assert "line 2, column document: no such document" in str(corpus.problems[0])


def test_a_folder_of_web_pages_and_texts(tmp_path, registry):
    page = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in TINY_TEXT.splitlines())
        + ("<p>国务院</p><p>2017年2月3日</p></body></html>")
    )
    (tmp_path / "tiny-page.html").write_text(page, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a policy file", encoding="utf-8")
    corpus = read_corpus([tmp_path], registry)
    assert corpus.failed == () and corpus.ids == ["tiny-page"]
    row = corpus.documents.iloc[0]
    assert (row["measures"], row["date"], row["source_file"]) == (5, "2017-02-03", "tiny-page.html")
