"""Reading a user's upload: every nasty file gives a document or every problem with its place.

Expected values come from the hand-made tiny table (``graph.fixtures``), the
bundled table (the official text uploaded in another encoding must give it
back) and the descriptions of the files in ``tests/nasty/`` (see
``tests/test_nasty.py``), not from running this module.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graph.errors import InputError, Problem
from graph.fixtures import TINY_TEXT, tiny_table
from graph.paths import SOURCE_TEXT
from graph.table import write_measures
from graph.uploads import (
    PROBLEM_COLUMNS,
    UNREGISTERED_COLUMNS,
    document_key,
    problem_table,
    read_upload,
    text_document_id,
    unregistered_agencies,
)

NASTY = Path(__file__).parent / "nasty"

# Every file of tests/nasty/ and what reading it as an upload must give:
# ("ok", measures, agencies) or ("error", a phrase of the message, line, column).
NASTY_OUTCOMES = {
    "bom_crlf_gb18030.txt": ("ok", 1, 2),
    "traditional.txt": ("ok", 1, 3),
    "script.txt": ("ok", 1, 2),
    "bom_utf16.csv": ("ok", 1, 1),
    "formulas.csv": ("ok", 1, 1),
    "script_fields.csv": ("ok", 1, 2),
    "empty.txt": ("error", "the file is empty", None, None),
    "empty.csv": ("error", "the file is empty", None, None),
    "nul.txt": ("error", "contains NUL characters", 2, 9),
    "nul.csv": ("error", "contains NUL characters", 2, 11),
    "mixed_encoding.txt": ("error", "not text in UTF-8 or GB18030", None, None),
    "one_column.csv": ("error", "missing column 'kind'", 1, "kind"),
}


def tiny_csv_bytes(table: pd.DataFrame | None = None) -> bytes:
    import io

    buffer = io.StringIO()
    write_measures(tiny_table() if table is None else table, buffer)
    return buffer.getvalue().encode("utf-8")


def test_the_nasty_corpus_is_covered():
    assert set(NASTY_OUTCOMES) == {p.name for p in NASTY.iterdir()}


@pytest.mark.parametrize("name", sorted(NASTY_OUTCOMES))
def test_every_nasty_file_gives_a_document_or_its_problems(name, registry):
    expected = NASTY_OUTCOMES[name]
    data = (NASTY / name).read_bytes()
    if expected[0] == "ok":
        document = read_upload(name, data, registry)
        assert (document.measures, document.agencies) == expected[1:]
        assert document.kind == ("text" if name.endswith(".txt") else "table")
        assert (document.source is not None) == (document.kind == "text")
        return
    with pytest.raises(InputError) as caught:
        read_upload(name, data, registry)
    _, phrase, line, column = expected
    first = caught.value.problems[0]
    assert phrase in first.message
    assert (first.line, first.column) == (line, column)
    assert first.source == name


def test_one_column_table_lists_every_missing_column_at_once(registry):
    with pytest.raises(InputError) as caught:
        read_upload("one_column.csv", (NASTY / "one_column.csv").read_bytes(), registry)
    missing = {p.column for p in caught.value.problems}
    # The file has measure_id only; the schema requires 15 columns (document,
    # registered and assignment_text are optional).
    assert len(missing) == 14 and "measure_id" not in missing and "agency" in missing


def test_tiny_text_in_gb18030_gives_the_hand_made_table(registry):
    document = read_upload("tiny.txt", TINY_TEXT.encode("gb18030"), registry)
    assert document.kind == "text" and document.source == TINY_TEXT
    pd.testing.assert_frame_equal(document.table, tiny_table(), check_dtype=False)
    assert document.key == document_key(tiny_table())


def test_tiny_table_upload_is_the_hand_made_table(registry):
    document = read_upload("tiny.csv", tiny_csv_bytes(), registry)
    assert document.kind == "table" and document.source is None
    pd.testing.assert_frame_equal(document.table, tiny_table(), check_dtype=False)
    # The same content as text or as table is the same document for the caches.
    assert document.key == read_upload("tiny.txt", TINY_TEXT.encode("utf-8"), registry).key


def test_official_text_uploaded_as_gb18030_gives_the_bundled_table(bundled_table, registry):
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    document = read_upload("意见.txt", text.replace("\n", "\r\n").encode("gb18030"), registry)
    assert document.table["document"].unique().tolist() == ["意见"]
    columns = [c for c in bundled_table.columns if c != "document"]
    pd.testing.assert_frame_equal(document.table[columns], bundled_table[columns])
    assert (document.measures, document.agencies) == (74, 40)
    assert document.source == text
    # How the file was read comes first, then the parser's notes (the guiding
    # principles, articles 1-3, assign nobody).
    assert [p.message for p in document.notes][:3] == [
        "line ends converted to \\n",
        "decoded as gb18030",
        "article 1 assigns no actor",
    ]


def test_a_text_named_like_the_bundled_document_does_not_claim_its_id(registry):
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    document = read_upload("guofa-2015-24.txt", text.encode("utf-8"), registry)
    assert set(document.table["document"]) == {"guofa-2015-24-upload"}
    assert text_document_id("dir/意见.TXT") == "意见"
    assert text_document_id(".txt") == ".txt"
    assert text_document_id("  .txt ") == "upload"


def test_keys_follow_content(registry):
    tiny = tiny_table()
    changed = tiny.copy()
    changed.loc[0, "measure_text"] = "放宽准入！"
    assert document_key(tiny) == document_key(tiny_table())
    assert document_key(tiny) != document_key(changed)


@pytest.mark.parametrize("name", ["tiny.xlsx", "tiny", "tiny.doc", "tiny.txt.exe"])
def test_unknown_kinds_of_file_are_named(name, registry):
    with pytest.raises(InputError, match=r"not a policy text \(\.txt, \.pdf, .*\.csv\)"):
        read_upload(name, TINY_TEXT.encode(), registry)


@pytest.mark.parametrize("name", ["tiny.pdf", "tiny.docx", "tiny.htm"])
def test_a_text_named_as_another_format_says_what_it_is(name, registry):
    """A plain text under another format's name is not guessed at: the mismatch is named."""
    suffix = name.rsplit(".", 1)[1]
    with pytest.raises(InputError) as caught:
        read_upload(name, TINY_TEXT.encode(), registry)
    assert f"the name says .{suffix} but the content is plain text" in str(caught.value)


def test_suffix_is_case_insensitive(registry):
    assert read_upload("TINY.TXT", TINY_TEXT.encode(), registry).measures == 5
    assert read_upload("TINY.CSV", tiny_csv_bytes(), registry).measures == 5


def test_size_and_row_limits(registry):
    with pytest.raises(InputError, match="limit is 100 bytes"):
        read_upload("big.txt", TINY_TEXT.encode() * 10, registry, max_text_bytes=100)
    with pytest.raises(InputError, match="limit is 100 bytes"):
        read_upload("big.csv", tiny_csv_bytes(), registry, max_table_bytes=100)
    # tiny_table has 10 rows.
    with pytest.raises(InputError, match="10 rows; the limit is 9 rows"):
        read_upload("big.csv", tiny_csv_bytes(), registry, max_rows=9)


def test_a_text_without_assignments_says_what_was_expected(registry):
    text = "一、总则\n（一）开放市场。放宽准入，简化审批。\n"
    with pytest.raises(InputError) as caught:
        read_upload("plain.txt", text.encode(), registry)
    # One line says why nothing can be shown, and what was expected.
    assert [p.message for p in caught.value.problems] == [
        "no assignment parenthetical found (such as （商务部、发展改革委） after a measure): "
        "0 measures"
    ]


def test_unreadable_assignments_are_all_listed_with_their_place_and_the_rest_kept(registry):
    text = (
        "一、总则\n"
        "（一）开放。放宽准入。（按职责分工负责）\n"
        "（二）规范。打击假冒。（商务部、、财政部）\n"
    )
    document = read_upload("bad.txt", text.encode(), registry)
    places = [(p.line, p.column, p.message) for p in document.warnings]
    assert [(line, column) for line, column, _ in places] == [(2, 12), (3, 12)]
    assert "names no actor" in places[0][2] and "empty name" in places[1][2]
    # the second parenthetical is still read: its two names, flagged for review
    assert document.table["agency"].tolist() == ["mofcom", "mof"]
    assert set(document.table["status"]) == {"review"}


def test_a_bad_table_reports_every_problem_at_once(registry):
    table = tiny_table().astype(object)
    table.loc[0, "position"] = "first"  # line 2
    table.loc[2, "measure_text"] = ""  # line 4
    table.loc[3, "agency"] = "mofcomm"  # line 5, marked registered
    duplicate = table.iloc[[4]]  # line 12: a second (M02.01, saic) row
    table = pd.concat([table, duplicate], ignore_index=True)
    with pytest.raises(InputError) as caught:
        read_upload("bad.csv", tiny_csv_bytes(table), registry)
    found = {(p.line, p.column) for p in caught.value.problems}
    assert {(2, "position"), (4, "measure_text"), (5, "agency"), (12, "agency")} <= found
    unknown = [p for p in caught.value.problems if p.line == 5 and p.column == "agency"]
    assert "did you mean: mofcom" in unknown[0].message


def test_unregistered_names_come_with_close_registry_names(registry):
    table = tiny_table()
    table.loc[table["agency"] == "aqsiq", ["agency", "agency_as_written", "registered"]] = [
        "质检局",
        "质检局",
        False,
    ]
    document = read_upload("tiny.csv", tiny_csv_bytes(table), registry)
    unknown = unregistered_agencies(document.table, registry)
    assert list(unknown.columns) == UNREGISTERED_COLUMNS
    assert unknown["agency"].tolist() == ["质检局"]
    assert unknown["measures"].tolist() == [1] and unknown["first_measure"].tolist() == ["M02.01"]
    assert unknown["suggestions"].iloc[0].startswith("aqsiq (质检总局)")


def test_hostile_unregistered_name_is_listed_as_it_was_written(registry):
    document = read_upload("script.txt", (NASTY / "script.txt").read_bytes(), registry)
    unknown = unregistered_agencies(document.table, registry)
    assert unknown["as_written"].tolist() == ["<b>坏</b>局"]
    notes = problem_table(document.notes)
    assert notes["value"].tolist() == ["<b>坏</b>局"]


def test_problem_table_shows_places_and_guesses_misspelt_columns():
    problems = [
        Problem("m.csv", "missing column 'agency' (columns found: agncy, role)", 1, "agency"),
        Problem("m.csv", "missing column 'role' (columns found: agncy, xyz)", 1, "role"),
        # measure_id is a column of the schema: never offered for measure_seq.
        Problem("m.csv", "missing column 'measure_seq' (columns found: measure_id)", 1, "x"),
        Problem("t.txt", "the file is empty"),
        Problem("m.csv", "not an integer", 7, "position", "x" * 100),
    ]
    table = problem_table(problems)
    assert list(table.columns) == PROBLEM_COLUMNS
    assert table["hint"].tolist() == ["is 'agncy' this column?", "", "", "", ""]
    assert table["line"].tolist()[4] == 7 and pd.isna(table["line"].iloc[3])
    assert table["value"].iloc[4] == "x" * 77 + "..."
