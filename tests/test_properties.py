"""Property-based tests: whatever comes in, only the project's own errors come out.

The parser and the loaders face users' files; for arbitrary text, bytes and
tables they either succeed or raise :class:`graph.errors.InputError` with at
least one located problem. A valid table survives a round trip through CSV.
"""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.ingest import decode_text
from graph.parse import parse_text
from graph.table import COLUMNS, measures_from_bytes, validate_measures, write_measures

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Pieces of the genre, so generated texts reach deep into the parser.
PIECES = [
    "一、",
    "二、",
    "（一）",
    "（二）",
    "(三)",
    "（",
    "）",
    "(",
    ")",
    "、",
    "，",
    "。",
    "；",
    "\n",
    "  ",
    "商务部",
    "工信部",
    "发展\n改革委",
    "有关部门",
    "国家铁路局",
    "按职责分工分别负责",
    "牵头",
    "会同",
    "参与",
    "配合",
    "等部门",
    "要完善跨部门协调工作机制",
    "推进改革",
    "1）",
    "（3D）",
    "<script>alert(1)</script>",
]
genre_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map(
    "".join
)


@SETTINGS
@given(text=st.one_of(genre_text, st.text()))
def test_parser_raises_only_its_own_errors(text, registry):
    try:
        result = parse_text(text, document="prop", registry=registry)
    except InputError as error:
        assert error.problems and all(p.source == "prop" for p in error.problems)
        return
    table = result.to_frame()
    assert list(table.columns) == COLUMNS
    for row in table.drop_duplicates("measure_id").itertuples(index=False):
        assert "".join(text[row.source_start : row.source_end].split()) == row.measure_text


@SETTINGS
@given(data=st.binary(max_size=300))
def test_decoder_raises_only_its_own_errors(data):
    try:
        decoded = decode_text(data, "prop.txt")
    except InputError as error:
        assert error.problems[0].source == "prop.txt"
        return
    assert "\r" not in decoded.text and "\x00" not in decoded.text


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "-3", "2.5", "true", "false", "lead", "partner", "task", "mofcom"]),
)


@SETTINGS
@given(
    columns=st.lists(st.sampled_from([*COLUMNS, "extra", ""]), min_size=1, max_size=20),
    rows=st.integers(min_value=0, max_value=6),
    data=st.data(),
)
def test_loader_raises_only_its_own_errors(columns, rows, data, registry):
    columns = list(dict.fromkeys(columns))
    raw = pd.DataFrame(
        [[data.draw(cells) for _ in columns] for _ in range(rows)], columns=columns, dtype=str
    )
    try:
        validate_measures(raw, "prop.csv", registry)
    except InputError as error:
        assert error.problems and all(p.source == "prop.csv" for p in error.problems)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_upload_raises_only_its_own_errors(data, registry):
    try:
        measures_from_bytes(data, "prop.csv", registry)
    except InputError as error:
        assert error.problems


@st.composite
def valid_tables(draw, registry):
    agencies = list(registry.agencies.index[registry.agencies["in_2015"]])
    # text as the parser writes it: no control characters (line ends are normalised)
    printable = st.characters(blacklist_categories=("Cc", "Cs"))
    texts = st.text(printable, min_size=1, max_size=30).filter(
        lambda s: s.strip() and s == s.strip()
    )
    rows = []
    for m in range(draw(st.integers(min_value=1, max_value=5))):
        actors = draw(st.lists(st.sampled_from(agencies), min_size=1, max_size=4, unique=True))
        text, shared = draw(texts), draw(st.booleans())
        start = draw(st.integers(min_value=0, max_value=10_000))
        for position, agency in enumerate(actors, 1):
            rows.append(
                {
                    "document": "prop",
                    "measure_id": f"M01.{m + 1:02d}",
                    "kind": "task",
                    "section": 1,
                    "section_title": draw(texts),
                    "article": 1,
                    "article_title": "标题",
                    "measure_seq": m + 1,
                    "measure_text": text,
                    "agency": agency,
                    "agency_as_written": registry.label(agency),
                    "registered": True,
                    "position": position,
                    "role": "lead" if position == 1 or shared else "partner",
                    "shared_duty": shared,
                    "source_start": start,
                    "source_end": start + len(text),
                    "assignment_text": "",
                    "assignment_start": None,
                    "deadline": draw(st.sampled_from(["", "年内完成", "2019年底前"])),
                    "scope": "",
                    "role_basis": "shared_duty" if shared else "first_listed",
                    "status": draw(st.sampled_from(["ok", "review"])),
                    "status_reason": "",
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


@SETTINGS
@given(data=st.data())
def test_valid_tables_survive_a_csv_round_trip(data, registry):
    table = data.draw(valid_tables(registry))
    buffer = io.StringIO()
    write_measures(table, buffer)
    back = measures_from_bytes(buffer.getvalue().encode("utf-8"), "prop.csv", registry)
    expected = table.astype({"section": "Int64", "article": "Int64", "assignment_start": "Int64"})
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
