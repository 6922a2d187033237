"""Readers on real files: PDFs printed by Chromium, Word files, pages in the government's layout.

Every file is made at test time from a real text (``../shared/corpus-dev/`` and
the bundled document; see ``tests/made.py``). What a reader must give is that
text: the same characters up to whitespace, and the same paragraphs; parsed,
the same (measure, actor, role) rows as the text. Nothing here is compared
with an earlier output of the readers.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import InputError
from graph.parse import parse_text
from graph.paths import SOURCE_TEXT
from graph.readers import (
    MAX_FILE_BYTES,
    compatibility_map,
    is_page_number,
    map_compatibility,
    read_bytes,
    read_source,
    table_lines,
)
from tests.browser import skip_without_browser
from tests.made import CORPUS_DEV, TEXT_NAMES

pytestmark = pytest.mark.skipif(
    not CORPUS_DEV.exists(), reason="needs ../shared/corpus-dev/ beside the repository"
)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def paragraphs(text: str) -> list[str]:
    return [squeeze(line) for line in text.split("\n") if line.strip()]


def rows(text: str, registry) -> set[tuple]:
    """(measure, text, actor, role) of every row the parser gives for ``text``."""
    frame = parse_text(text, document="d", registry=registry).to_frame()
    return set(
        zip(frame["measure_id"], frame["measure_text"], frame["agency"], frame["role"], strict=True)
    )


# -- compatibility characters ----------------------------------------------------------


def test_every_kangxi_radical_maps_to_the_ideograph_unicode_decomposes_it_to():
    table = compatibility_map()
    for point in range(0x2F00, 0x2FD6):
        expected = chr(int(unicodedata.decomposition(chr(point)).split()[1], 16))
        assert table[point] == expected


def test_radicals_supplement_and_punctuation():
    assert map_compatibility("⼈⺠⻓⻔⻅⾃") == "人民长门见自"
    punctuation = "（，。：；）“”、《》"
    assert map_compatibility(punctuation) == punctuation  # NFKC would make these ASCII
    mapped = [chr(p) for p in range(0x2E80, 0x2EF4) if p in compatibility_map()]
    assert len(mapped) > 100
    ideographs = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0x20000, 0x31350))
    assert all(any(ord(compatibility_map()[ord(c)]) in r for r in ideographs) for c in mapped)


def test_page_numbers():
    for line in ("— 2 —", "- 2 -", "第2页", "第 12 页 共 40 页", "3/10", "Page 4 of 9", "12"):
        assert is_page_number(line), line
    for line in ("一、总体要求", "2019年底前", "（二）", "第二章"):
        assert not is_page_number(line), line


# -- PDF ------------------------------------------------------------------------------


@skip_without_browser
@pytest.mark.parametrize("layout", ["official", "plain"])
@pytest.mark.parametrize("name", TEXT_NAMES)
def test_pdf_gives_the_text_paragraph_by_paragraph(made_files, name, layout):
    text = made_files.texts[name]
    read = read_source(made_files.pdf(name, layout))
    assert read.format == "pdf"
    assert squeeze(read.text) == squeeze(text)
    assert paragraphs(read.text) == paragraphs(text)
    assert not any(is_page_number(line) for line in read.text.splitlines())
    assert read.text.count("国务院文件") == text.count("国务院文件")  # the running header is gone
    assert read.notes == []


@skip_without_browser
def test_pdf_text_layer_really_has_radicals_that_get_mapped(made_files):
    """The premise: Chromium's PDF carries Kangxi radicals; the reader's text has none."""
    import pypdf

    layer = "".join(
        page.extract_text() for page in pypdf.PdfReader(made_files.pdf("nongji-2018")).pages
    )
    assert any(0x2F00 <= ord(c) <= 0x2FD5 or 0x2E80 <= ord(c) <= 0x2EF3 for c in layer)
    text = read_source(made_files.pdf("nongji-2018")).text
    assert not any(0x2F00 <= ord(c) <= 0x2FD5 or 0x2E80 <= ord(c) <= 0x2EF3 for c in text)


@skip_without_browser
@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
@pytest.mark.parametrize("name", TEXT_NAMES)
def test_parsing_the_file_gives_the_rows_of_the_text(made_files, registry, name, kind):
    expected = rows(made_files.texts[name], registry)
    assert expected or name == "shuangsuiji-2019"  # the one text that assigns nobody
    assert rows(read_source(made_files.path(name, kind)).text, registry) == expected


@skip_without_browser
def test_scanned_pdf_says_it_has_no_text_layer(made_files):
    with pytest.raises(InputError) as caught:
        read_source(made_files.scanned_pdf)
    (problem,) = caught.value.problems
    assert problem.source == str(made_files.scanned_pdf)
    assert "no text layer" in problem.message and "2 pages" in problem.message


@skip_without_browser
def test_encrypted_pdf_asks_for_a_copy_without_password(made_files):
    with pytest.raises(InputError, match="encrypted and needs a password"):
        read_source(made_files.encrypted_pdf)


@skip_without_browser
def test_truncated_and_damaged_pdfs(made_files, tmp_path):
    with pytest.raises(InputError, match="the PDF is incomplete"):
        read_source(made_files.truncated_pdf)
    data = bytearray(made_files.pdf(SOURCE_TEXT.stem).read_bytes())
    data[20 : len(data) - 200] = b"\x00" * (len(data) - 220)  # header and trailer kept
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError, match="the PDF is damaged"):
        read_source(damaged)


# -- Word -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_docx_gives_the_text_paragraph_by_paragraph(made_files, name):
    read = read_source(made_files.docx(name))
    assert read.format == "docx"
    assert paragraphs(read.text) == paragraphs(made_files.texts[name])


def test_docx_division_table_gives_one_labelled_line_per_row(made_files):
    lines = read_source(made_files.division_docx).text.splitlines()
    expected = [
        f"{r['number']}．{r['task']}（牵头单位：{'、'.join(r['leads'])}；"
        + (f"参与单位：{'、'.join(r['partners'])}；" if r["partners"] else "")
        + f"完成时限：{r['due']}）"
        for r in made_files.division_rows
    ]
    assert any(not r["partners"] for r in made_files.division_rows)  # an empty cell is left out
    assert [line for line in lines if re.match(r"\d+．", line)] == expected
    assert lines[:2] == ["电子商务重点任务分工方案", "为落实有关部署，现将重点任务分工如下："]
    assert "一、第1组任务" in lines and "二、第2组任务" in lines  # merged heading rows
    assert lines[-1] == "各部门要按照分工抓好落实。"


def test_docx_division_table_of_20_rows_parses_to_20_measures(made_files, registry):
    frame = parse_text(
        read_source(made_files.division_docx).text, document="d", registry=registry
    ).to_frame()
    assert frame["measure_id"].nunique() == 20
    for row, (_, measure) in zip(
        made_files.division_rows, frame.groupby("measure_id", sort=True), strict=True
    ):
        leads = measure.loc[measure["role"] == "lead", "agency_as_written"].tolist()
        partners = measure.loc[measure["role"] == "partner", "agency_as_written"].tolist()
        assert (leads, partners) == (row["leads"], row["partners"])


def test_truncated_docx_is_named_damaged(made_files):
    with pytest.raises(InputError) as caught:
        read_source(made_files.truncated_docx)
    (problem,) = caught.value.problems
    assert problem.message.startswith("the Word file is damaged or incomplete")


def test_division_table_header_variants():
    lines = table_lines(
        [
            ["编号", "工作任务", "责任单位", "配合单位", "时间节点"],
            ["", "完善统计制度", "统计局 商务部", "发展改革委；财政部", "长期坚持"],
            ["", "", "", "", ""],
            ["", "推进试点", "", "", ""],
        ]
    )
    assert lines == [
        "1．完善统计制度（责任单位：统计局、商务部；配合单位：发展改革委、财政部；完成时限：长期坚持）",
        "2．推进试点",
    ]
    assert table_lines([["姓名", "电话"], ["张三", "123"]]) == ["姓名 电话", "张三 123"]


# -- web pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_gov_page_gives_the_body_only(made_files, name):
    read = read_source(made_files.html(name))
    assert read.format == "html"
    assert paragraphs(read.text) == paragraphs(made_files.texts[name])
    for chrome in ("版权所有", "访问量统计", "相关稿件", "索引号", "我要纠错", "请输入关键字"):
        assert chrome not in read.text


def test_page_in_gb2312_without_known_ids_falls_back_to_the_largest_block():
    body = "".join(f"<p>　　（{n}）第{n}项措施。（商务部、财政部）</p>" for n in "一二三四五六")
    page = (
        "<html><head><meta charset='gb2312'><script>var x='<p>不是正文</p>';</script></head>"
        "<body><div class='top'><a href='/'>首页</a> <a href='/'>政策</a></div>"
        f"<div class='left'><ul><li><a>链接一</a></li></ul></div><div class='main'>{body}</div>"
        "<div class='bottom'>网站地图</div></body></html>"
    )
    read = read_bytes("page.htm", page.encode("gb18030"))
    assert read.text.splitlines() == [
        f"（{n}）第{n}项措施。（商务部、财政部）" for n in "一二三四五六"
    ]


def test_page_division_table_with_spans_gives_the_same_lines_as_word(made_files):
    division = made_files.division_rows[:3]
    cells = "".join(
        f"<tr><td>{r['number']}</td><td>{r['task']}</td><td>{'<br>'.join(r['leads'])}</td>"
        f"<td>{'、'.join(r['partners'])}</td>"
        + (f"<td rowspan='3'>{r['due']}</td>" if i == 0 else "")
        + "</tr>"
        for i, r in enumerate(division)
    )
    page = (
        "<html><body><div id='UCAP-CONTENT'><p>分工如下：</p><table>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>参与单位</th><th>完成时限</th></tr>"
        f"<tr><td colspan='5'>一、第1组任务</td></tr>{cells}</table></div></body></html>"
    )
    lines = read_bytes("table.html", page.encode()).text.splitlines()
    due = division[0]["due"]
    assert lines == [
        "分工如下：",
        "一、第1组任务",
        *(
            f"{r['number']}．{r['task']}（牵头单位：{'、'.join(r['leads'])}；"
            f"参与单位：{'、'.join(r['partners'])}；完成时限：{due}）"
            for r in division
        ),
    ]


# -- bad files ----------------------------------------------------------------------------


def test_wrong_extension_empty_and_too_large(tmp_path, monkeypatch):
    sheet = tmp_path / "tasks.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"cannot read \.xlsx files: expected \.txt, \.pdf"):
        read_source(sheet)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"the file is empty \(0 bytes\)"):
        read_source(empty)
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:  # 50 MB, sparse: nothing is read
        handle.truncate(50 * 2**20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(InputError) as caught:
        read_source(big)
    assert str(caught.value).endswith(
        f"the file is 52,428,800 bytes (50.0 MB); the limit is {MAX_FILE_BYTES:,} bytes (20.0 MB)"
    )


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("a.pdf", "docx", "the name says .pdf but the content is a Word .docx file"),
        ("a.docx", "pdf", "the name says .docx but the content is a PDF"),
        ("a.txt", "pdf", "the name says .txt but the content is a PDF"),
        ("a.docx", "ole", "an old Office file (Word 97-2003 .doc or Excel .xls); open it in Word"),
        ("a.pdf", "png", "the content is a PNG image; an image has no text"),
        ("a.html", "pdf", "the name says .html but the content is a PDF"),
    ],
)
def test_content_that_does_not_match_its_extension(made_files, name, content, phrase):
    data = {
        "docx": lambda: made_files.docx("zhongxiao-2021").read_bytes(),
        "pdf": lambda: b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
        "ole": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "png": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    }[content]()
    with pytest.raises(InputError) as caught:
        read_bytes(name, data)
    assert phrase in str(caught.value)
    assert len(caught.value.problems) == 1


def test_a_zip_that_is_not_word(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"the content is an Excel \.xlsx file"):
        read_source(path)


@skip_without_browser
def test_cli_parses_every_kind_and_names_bad_files_with_status_2(made_files, tmp_path):
    outputs = {}
    for kind in ("txt", "pdf", "docx", "html"):
        out = tmp_path / f"{kind}.csv"
        result = CliRunner().invoke(
            main,
            ["parse", str(made_files.path("guofa-2015-24", kind)), "-o", str(out), "--quiet"],
        )
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out)
        outputs[kind] = set(
            zip(
                frame["measure_id"],
                frame["measure_text"],
                frame["agency"],
                frame["role"],
                strict=True,
            )
        )
    assert outputs["pdf"] == outputs["docx"] == outputs["html"] == outputs["txt"]
    assert len(outputs["txt"]) == 211
    for bad, phrase in (
        (made_files.scanned_pdf, "no text layer"),
        (made_files.encrypted_pdf, "encrypted"),
        (made_files.truncated_pdf, "incomplete"),
    ):
        result = CliRunner().invoke(main, ["parse", str(bad), "-o", str(tmp_path / "x.csv")])
        assert result.exit_code == 2
        assert phrase in result.output and "Traceback" not in result.output
        assert not (tmp_path / "x.csv").exists()


def test_docx_leaves_out_headers_and_footers(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "国务院办公厅文件"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("一、总体要求")
    document.add_paragraph("（一）推进改革。加强统筹。（商务部）")
    path = tmp_path / "h.docx"
    document.save(str(path))
    assert read_source(path).text == "一、总体要求\n（一）推进改革。加强统筹。（商务部）\n"


def test_traditional_pages_are_converted(tmp_path):
    page = "<html><body><p>（一）國務院關於發展電子商務的意見。（商務部）</p></body></html>"
    read = read_bytes("t.html", page.encode("utf-8"))
    assert read.text == "（一）国务院关于发展电子商务的意见。（商务部）\n"
    assert read.notes == ["traditional characters converted to simplified"]
