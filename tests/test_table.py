"""Loading and validating measures tables: every problem, with its place."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.errors import ValidationError
from graph.fixtures import tiny_table
from graph.table import load_measures, measures_only, write_measures


@pytest.fixture
def tiny_csv(tmp_path):
    path = tmp_path / "tiny.csv"
    write_measures(tiny_table(), path)
    return path


def rewrite(path, edit):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    edited = edit(frame)
    frame = frame if edited is None else edited
    frame.to_csv(path, index=False)
    return path


def problems_of(path, registry):
    with pytest.raises(ValidationError) as caught:
        load_measures(path, registry)
    return caught.value.problems


def test_round_trip_through_csv(tiny_csv, registry):
    loaded = load_measures(tiny_csv, registry)
    pd.testing.assert_frame_equal(loaded, tiny_table(), check_dtype=False)


def test_bundled_table_loads_typed(bundled_table):
    assert bundled_table["article"].dtype == "Int64"
    assert bundled_table["shared_duty"].dtype == bool
    assert bundled_table["measure_id"].nunique() == 74


def test_missing_column_is_named(tiny_csv, registry):
    rewrite(tiny_csv, lambda f: f.drop(columns=["role"]))
    (problem,) = problems_of(tiny_csv, registry)
    assert problem.column == "role" and problem.line == 1
    assert "missing column 'role'" in str(problem)


def test_every_bad_cell_is_reported_at_once(tiny_csv, registry):
    def edit(f):
        f.loc[0, "position"] = "first"
        f.loc[1, "shared_duty"] = "maybe"
        f.loc[2, "role"] = "boss"
        f.loc[3, "agency"] = "mofcomm"
        f.loc[5, "measure_text"] = ""

    problems = problems_of(rewrite(tiny_csv, edit), registry)
    places = {(p.line, p.column) for p in problems}
    assert {(2, "position"), (3, "shared_duty"), (4, "role"), (5, "agency")} <= places
    assert (7, "measure_text") in places
    unknown = next(p for p in problems if p.column == "agency")
    assert unknown.value == "mofcomm" and "mofcom" in unknown.message
    assert str(tiny_csv) in str(unknown)


def test_duplicates_and_disagreeing_rows(tiny_csv, registry):
    def edit(f):
        f.loc[len(f)] = f.loc[0]
        f.loc[1, "measure_text"] = "另一段文字。"

    problems = problems_of(rewrite(tiny_csv, edit), registry)
    messages = {(p.line, p.column, p.message) for p in problems}
    assert (12, "agency", "duplicate (measure_id, agency) row") in messages
    assert (3, "measure_text", "differs from the first row of measure M01.01") in messages


def test_unregistered_rows_are_kept(tiny_csv, registry):
    def edit(f):
        f.loc[0, "agency"] = "国家铁路局"
        f.loc[0, "registered"] = "false"

    loaded = load_measures(rewrite(tiny_csv, edit), registry)
    assert loaded.loc[0, "agency"] == "国家铁路局" and not loaded.loc[0, "registered"]


def test_not_a_csv(tmp_path, registry):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"measure_id,agency\n\x81\x30\xff\xff")
    problems = problems_of(path, registry)
    assert "cannot be decoded" in problems[0].message


def test_measures_only_has_one_row_per_measure(bundled_table):
    assert len(measures_only(bundled_table)) == 74


def test_upload_limits_and_encodings(tiny_csv, registry):
    from graph.table import measures_from_bytes

    data = tiny_csv.read_bytes()
    gb = measures_from_bytes(data.decode("utf-8").encode("gb18030"), "t.csv", registry)
    assert gb.equals(load_measures(tiny_csv, registry))
    with pytest.raises(ValidationError, match="limit is 5 rows"):
        measures_from_bytes(data, "t.csv", registry, max_rows=5)
    with pytest.raises(ValidationError, match="limit is 100 bytes"):
        measures_from_bytes(data, "t.csv", registry, max_bytes=100)
    with pytest.raises(ValidationError, match="empty"):
        measures_from_bytes(b"", "t.csv", registry)


def test_huge_cells_are_reported(tiny_csv, registry):
    def edit(f):
        f["measure_text"] = "很长" * 20_000

    problems = problems_of(rewrite(tiny_csv, edit), registry)
    assert problems[0].column == "measure_text" and "limit is 20,000" in problems[0].message


def test_missing_cells_in_a_frame_are_reported_not_raised(registry):
    import numpy as np

    from graph.table import validate_measures

    raw = tiny_table().astype(object)
    raw.loc[0, "position"] = np.nan
    with pytest.raises(ValidationError) as caught:
        validate_measures(raw, "frame", registry)
    assert "line 2, column position" in str(caught.value)
