"""Corrections: a small table of their own, applied on top of a parsed table."""

from __future__ import annotations

import io

import pytest

from graph.corrections import (
    CORRECTION_COLUMNS,
    apply_corrections,
    corrections_frame,
    corrections_from_bytes,
    write_corrections,
)
from graph.errors import ValidationError
from graph.fixtures import TINY_TEXT, tiny_table
from graph.parse import parse_text

FIRST = "（商务部、发展改革委）"  # the parenthetical of M01.01


def fix(**fields):
    row = {"document": "tiny", "assignment_start": TINY_TEXT.index(FIRST), "assignment_text": FIRST}
    row.update(fields)
    return row


def measure(table, measure_id):
    rows = table[table["measure_id"] == measure_id]
    return [(r.agency, r.role, r.position, r.status) for r in rows.itertuples()]


def test_each_action(registry):
    table = tiny_table()
    cases = {
        "change_role": (
            fix(action="change_role", actor="ndrc", role="lead"),
            [("mofcom", "lead", 1, "ok"), ("ndrc", "lead", 2, "corrected")],
        ),
        "change_actor": (
            fix(action="change_actor", actor="发展改革委", new_actor="财政部"),
            [("mofcom", "lead", 1, "ok"), ("mof", "partner", 2, "corrected")],
        ),
        "add_actor": (
            fix(action="add_actor", new_actor="海关总署", role="partner"),
            [
                ("mofcom", "lead", 1, "ok"),
                ("ndrc", "partner", 2, "ok"),
                ("gacc", "partner", 3, "corrected"),
            ],
        ),
        "remove_actor": (
            fix(action="remove_actor", actor="mofcom"),
            [("ndrc", "partner", 1, "ok")],
        ),
        "not_assignment": (fix(action="not_assignment"), []),
    }
    for action, (row, expected) in cases.items():
        corrected, problems = apply_corrections(table, corrections_frame([row]), registry)
        assert problems == [], action
        assert measure(corrected, "M01.01") == expected, action
        # other measures untouched, the coordination mechanism (no parenthetical) too
        for other in ("M02.01", "C01"):
            assert measure(corrected, other) == measure(table, other)
    assert measure(table, "M01.01") == [("mofcom", "lead", 1, "ok"), ("ndrc", "partner", 2, "ok")]


def test_an_unregistered_new_actor_is_kept_as_written(registry):
    row = fix(action="change_actor", actor="ndrc", new_actor="某某办公室")
    corrected, _ = apply_corrections(tiny_table(), corrections_frame([row]), registry)
    changed = corrected[corrected["agency"] == "某某办公室"].iloc[0]
    assert (changed["agency_as_written"], bool(changed["registered"])) == ("某某办公室", False)
    assert changed["status_reason"] == "corrected: 发展改革委 → 某某办公室"


def test_corrections_that_no_longer_match_are_reported_not_applied(registry):
    rows = [
        fix(action="change_role", actor="ndrc", role="lead", assignment_start=3),
        fix(action="change_role", actor="ndrc", role="lead", assignment_text="（财政部）"),
        fix(action="remove_actor", actor="公安部"),
        fix(action="add_actor", new_actor="商务部"),
    ]
    table = tiny_table()
    corrected, problems = apply_corrections(table, corrections_frame(rows), registry, "fix.csv")
    assert [(p.line, p.column) for p in problems] == [
        (2, "assignment_start"),
        (3, "assignment_text"),
        (4, "actor"),
        (5, "actor"),
    ]
    assert "already an actor" in problems[3].message
    assert measure(corrected, "M01.01") == measure(table, "M01.01")


def test_corrections_survive_a_re_parse_of_the_same_text(registry):
    row = fix(action="change_role", actor="ndrc", role="lead")
    first = parse_text(TINY_TEXT, document="tiny", registry=registry).to_frame()
    again = parse_text(TINY_TEXT, document="tiny", registry=registry).to_frame()
    fixes = corrections_frame([row])
    assert apply_corrections(first, fixes, registry)[0].equals(
        apply_corrections(again, fixes, registry)[0]
    )


def test_csv_round_trip_and_bad_cells(registry):
    fixes = corrections_frame(
        [fix(action="change_role", actor="ndrc", role="lead", comment="读作牵头")]
    )
    buffer = io.StringIO()
    write_corrections(fixes, buffer)
    assert buffer.getvalue().splitlines()[0] == ",".join(CORRECTION_COLUMNS)
    back = corrections_from_bytes(buffer.getvalue().encode("utf-8"), "fix.csv")
    assert back.equals(fixes)
    bad = (
        "document,assignment_start,action,actor,role\ntiny,x,rename,,chief\ntiny,5,change_role,,\n"
    )
    with pytest.raises(ValidationError) as caught:
        corrections_from_bytes(bad.encode(), "bad.csv")
    found = {(p.line, p.column) for p in caught.value.problems}
    assert found == {(2, "assignment_start"), (2, "action"), (3, "actor"), (3, "role")}


def test_the_cli_applies_corrections_on_every_table_command(tmp_path, registry):
    from click.testing import CliRunner

    from graph.cli import main
    from graph.corrections import load_corrections
    from graph.paths import MEASURES_CSV
    from graph.table import load_measures

    table = load_measures(MEASURES_CSV, registry)
    first = table[table["measure_id"] == "M04.02"]  # （工商总局、中央编办）
    fixes = tmp_path / "fix.csv"
    row = {
        "document": "guofa-2015-24",
        "assignment_start": int(first["assignment_start"].iloc[0]),
        "assignment_text": first["assignment_text"].iloc[0],
        "action": "change_role",
        "actor": "scopsr",
        "role": "lead",
    }
    write_corrections(corrections_frame([row]), fixes)
    runner = CliRunner()
    out = tmp_path / "measures.csv"
    result = runner.invoke(
        main, ["export", "--what", "measures", "--corrections", str(fixes), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    exported = load_measures(out, registry)
    expected, _ = apply_corrections(table, load_corrections(fixes), registry)
    assert exported.equals(expected.reset_index(drop=True))
    assert exported.loc[exported["agency"] == "scopsr", "role"].tolist()[0] == "lead"
    page = tmp_path / "net.html"
    result = runner.invoke(
        main, ["snapshot", "-o", str(page), "--lang", "en", "--corrections", str(fixes)]
    )
    assert result.exit_code == 0, result.output
    assert "(with 1 correction)" in page.read_text(encoding="utf-8")
    metrics = runner.invoke(main, ["metrics", "--corrections", str(fixes)])
    plain = runner.invoke(main, ["metrics"])
    assert metrics.exit_code == 0 and metrics.output != plain.output


def test_a_corrected_document_is_a_new_document_by_content(registry):
    from graph.corrections import corrected_document
    from graph.uploads import Document, document_key

    table = tiny_table()
    base = Document(document_key(table), "tiny.txt", "text", table, TINY_TEXT)
    same, problems = corrected_document(base, corrections_frame(), registry)
    assert same is base and problems == []
    fixes = corrections_frame(
        [
            fix(action="remove_actor", actor="ndrc"),
            {**fix(action="not_assignment"), "document": "other"},
        ]
    )
    corrected, problems = corrected_document(base, fixes, registry)
    assert problems == [] and corrected.key != base.key
    assert corrected.name == "tiny.txt · 1 correction" and corrected.source == TINY_TEXT
    assert measure(corrected.table, "M01.01") == [("mofcom", "lead", 1, "ok")]
