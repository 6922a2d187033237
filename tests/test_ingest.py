"""Reading users' files: encodings, scripts, line ends and what is not text."""

from __future__ import annotations

import pytest

from graph.errors import ParseError
from graph.ingest import decode_text, to_simplified
from graph.parse import parse_file, parse_text
from graph.paths import SOURCE_TEXT

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundled(registry):
    return parse_text(SOURCE, document="guofa-2015-24", registry=registry).to_frame()


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SOURCE.encode("gb18030"), "gb18030"),
        (SOURCE.encode("utf-8-sig"), "utf-8"),
        (b"\xff\xfe" + SOURCE.encode("utf-16-le"), "utf-16-le"),
        (SOURCE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["gb18030", "utf-8 BOM", "utf-16 BOM", "CRLF"],
)
def test_other_encodings_give_the_same_table(tmp_path, encoded, encoding, bundled, registry):
    path = tmp_path / "guofa-2015-24.txt"
    path.write_bytes(encoded)
    result = parse_file(path, registry=registry)
    assert result.to_frame().equals(bundled)
    assert decode_text(encoded).encoding == encoding


def test_traditional_text_is_read_as_simplified(tmp_path, bundled, registry):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SOURCE)
    assert traditional != SOURCE
    path = tmp_path / "guofa-2015-24.txt"
    path.write_text(traditional, encoding="utf-8")
    result = parse_file(path, registry=registry)
    table = result.to_frame()
    columns = ["measure_id", "agency", "role", "source_start", "source_end"]
    assert table[columns].equals(bundled[columns])
    assert any("traditional" in note.message for note in result.notes)


def test_conversion_keeps_offsets():
    text = "發展改革委、商務部（負責）"
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("一、总则\n（一）开\x00放".encode(), "NUL"),
        (b"\x81\x30\xff\xff", "cannot be decoded"),
    ],
)
def test_not_text(data, message):
    with pytest.raises(ParseError, match=message):
        decode_text(data, "upload.txt")


def test_nul_is_located():
    with pytest.raises(ParseError) as caught:
        decode_text("一、总则\n（一）开\x00放".encode(), "upload.txt")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (2, 5)


def test_size_limit():
    with pytest.raises(ParseError, match="limit is 10 bytes"):
        decode_text("一、总则".encode() * 3, "big.txt", max_bytes=10)
