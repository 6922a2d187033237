"""The parser against texts whose answers were worked out by reading them."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from graph.errors import ParseError
from graph.fixtures import TINY_TEXT, tiny_table
from graph.parse import parse_file, parse_text
from graph.paths import MEASURES_CSV, SOURCE_TEXT
from graph.table import write_measures

DOCS = Path(__file__).parent / "documents"


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_tiny_text_gives_the_hand_made_table(registry):
    parsed = parse_text(TINY_TEXT, document="tiny", registry=registry).to_frame()
    expected = tiny_table()
    pd.testing.assert_frame_equal(
        parsed.astype(str).reset_index(drop=True), expected.astype(str).reset_index(drop=True)
    )


def test_variants_document(registry):
    """Half-width parentheses, 牵头/参与/会同/配合, restarted article numbers,
    ordinary parentheses, an alias, an unregistered name, generic actors, a
    parenthetical before 。 and the coordination sentence."""
    result = parse_file(DOCS / "variants.txt", registry=registry)
    table = result.to_frame()
    got = [
        (r.measure_id, r.agency, r.role, r.shared_duty, r.registered)
        for r in table.itertuples(index=False)
    ]
    assert got == [
        ("M02.01", "saic", "lead", False, True),
        ("M02.01", "mofcom", "partner", False, True),
        ("M02.01", "ndrc", "partner", False, True),
        ("M02.02", "mot", "lead", False, True),
        ("M02.02", "mofcom", "partner", False, True),
        ("M02.02", "spb", "partner", False, True),
        ("M03.01", "miit", "lead", False, True),
        ("M03.01", "国家星际铁路局", "partner", False, False),
        ("M03.02", "gov_provincial", "lead", False, True),
        ("M03.03", "ndrc", "lead", True, True),
        ("M03.03", "gov_local_relevant", "lead", True, True),
        ("M04.01", "mof", "partner", False, True),
        ("M04.01", "mofcom", "lead", False, True),
        ("C01", "mofcom", "lead", False, True),
        ("C01", "miit", "partner", False, True),
    ]
    texts = table.drop_duplicates("measure_id").set_index("measure_id")["measure_text"]
    assert texts["M02.01"] == "放宽住所（经营场所）登记条件。"
    assert texts["M02.02"] == "支持物流（快递）配送站建设，推广三维（3D）打印。"
    assert (
        texts["M03.01"]
        == "支持中国（杭州）跨境电子商务综合试验区先行先试，落实《管理办法（试行）》。"
    )
    assert texts["M03.02"] == "加强指导"
    # restarted numbering: the articles of section 2 are the document's 2nd and 3rd
    assert table.loc[table["measure_id"] == "M02.01", ["section", "article"]].iloc[0].tolist() == [
        2,
        2,
    ]
    unregistered = [n for n in result.notes if "registry" in n.message]
    assert [n.value for n in unregistered] == ["国家星际铁路局"]
    assert unregistered[0].line == 10


def test_measure_offsets_point_at_the_measure_text(registry):
    source = SOURCE_TEXT.read_text(encoding="utf-8")
    table = parse_text(source, registry=registry).to_frame()
    for row in table.drop_duplicates("measure_id").itertuples(index=False):
        assert compact(source[row.source_start : row.source_end]) == row.measure_text


def test_every_assignment_of_the_document_and_nothing_else(registry):
    """All parentheticals of the document, minus the ordinary ones listed by
    reading it, are exactly the assignments found, in order."""
    source = compact(SOURCE_TEXT.read_text(encoding="utf-8"))
    parentheticals = re.findall(r"（[^（）]*）", source)
    article_markers = [p for p in parentheticals if re.fullmatch(r"（[一二三四五六七八九十]+）", p)]
    assert len(article_markers) == 29
    ordinary = {"（经营场所）", "（快递）", "（3D）", "（杭州）", "（点）"}
    expected = [p for p in parentheticals if p not in ordinary and p not in article_markers]
    table = parse_text(SOURCE_TEXT.read_text(encoding="utf-8"), registry=registry).to_frame()
    found = table[table["kind"] == "task"].drop_duplicates("measure_id")["assignment_text"]
    assert found.tolist() == expected
    assert len(expected) == 73


def test_bundled_document_structure(registry):
    table = parse_text(SOURCE_TEXT.read_text(encoding="utf-8"), registry=registry).to_frame()
    tasks = table[table["kind"] == "task"]
    assert sorted(tasks["section"].unique()) == [2, 3, 4, 5, 6, 7, 8]
    assert sorted(tasks["article"].unique()) == list(range(4, 30))
    assert table["registered"].all()
    by_measure = table.groupby("measure_id")
    # 国务院审改办 and 有关部门 share the first measure of article 4 under 按职责分工
    first = table[table["measure_id"] == "M04.01"]
    assert first["agency"].tolist() == ["sc_reform_office", "depts_relevant"]
    assert first["role"].tolist() == ["lead", "lead"] and first["shared_duty"].all()
    second = table[table["measure_id"] == "M04.02"]
    assert second[["agency", "role"]].values.tolist() == [["saic", "lead"], ["scopsr", "partner"]]
    # 知识产权局等部门按职责分工分别负责: the qualifier is not an actor
    ip = table[table["measure_id"] == "M07.03"]
    assert (
        ip["agency"].tolist()[-1] == "cnipa"
        and ip["agency_as_written"].tolist()[-1] == "知识产权局"
    )
    # the closing paragraph's coordination mechanism: 11 agencies, NDRC first
    coordination = table[table["kind"] == "coordination"]
    assert coordination["agency"].tolist()[:2] == ["ndrc", "cac"]
    assert len(coordination) == 11
    assert by_measure.size().max() == 11


def test_regenerates_the_bundled_table_byte_for_byte(tmp_path, registry):
    out = tmp_path / "measures.csv"
    write_measures(parse_file(SOURCE_TEXT, registry=registry).to_frame(), out)
    assert out.read_bytes() == MEASURES_CSV.read_bytes()


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("一、总则\n（一）开放。放宽准入。（商务部、\n财政部\n", "never closed", 2, 12),
        ("一、总则\n（一）开放。放宽准入。商务部）负责\n", "closing parenthesis", 2, 15),
        ("一、总则\n（一）开放。放宽准入。（按职责分工负责）\n", "names no actor", 2, 12),
        ("一、总则\n（一）开放。放宽准入。（商务部、、财政部）\n", "empty name", 2, 12),
    ],
)
def test_what_cannot_be_read_is_listed_with_its_place_and_the_rest_is_parsed(
    text, message, line, column, registry
):
    good = "（二）监管。打击假冒。（工商总局、质检总局）\n"
    result = parse_text(text + good, document="bad.txt", registry=registry)
    problem = next(p for p in result.problems if message in p.message)
    assert (problem.source, problem.line, problem.column) == ("bad.txt", line, column)
    table = result.to_frame()
    assert table.loc[table["measure_id"] == "M02.01", "agency"].tolist() == ["saic", "aqsiq"]


def test_an_empty_name_keeps_the_others_and_flags_the_rows(registry):
    text = "一、总则\n（一）开放。放宽准入。（商务部、、财政部）\n"
    table = parse_text(text, registry=registry).to_frame()
    assert table["agency"].tolist() == ["mofcom", "mof"]
    assert table["status"].tolist() == ["review", "review"]
    assert table["status_reason"].str.contains("empty name").all()


def test_a_text_without_assignments_says_so_in_one_line(registry):
    result = parse_text("只有一段文字，没有条目。\n", document="plain", registry=registry)
    assert result.measures == [] and result.problems == []
    assert result.summary().startswith("plain: no assignment parenthetical found")
    assert "\n" not in result.summary()


def test_enumeration_brackets_are_not_errors(registry):
    text = "一、总则\n（一）开放。做到1）准入放宽，2）审批简化。（商务部）\n"
    table = parse_text(text, registry=registry).to_frame()
    assert table["measure_text"].tolist() == ["做到1）准入放宽，2）审批简化。"]


def test_undecodable_bytes_are_a_clear_error(tmp_path, registry):
    path = tmp_path / "gbk.txt"
    path.write_bytes(b"\x81\x30\xff\xff\xfe")
    with pytest.raises(ParseError, match="not text in UTF-8 or GB18030"):
        parse_file(path, registry=registry)


def test_an_empty_article_is_a_note_not_a_crash(registry):
    # found by the property test: a marker with nothing after it
    result = parse_text("（一）", registry=registry)
    assert result.measures == []
    assert [n.message for n in result.notes] == ["article 1 is empty"]
