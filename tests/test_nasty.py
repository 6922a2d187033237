"""A corpus of nasty inputs (tests/nasty/): each gets a clear message or is
read safely, and nothing from it runs in a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.parse import parse_file
from graph.snapshot import SnapshotOptions, snapshot_html
from graph.table import load_measures, measures_from_bytes
from tests.browser import chromium, recorded_page, screenshot, skip_without_browser

NASTY = Path(__file__).parent / "nasty"
PAYLOADS = ("<script>window.__pwned", "<img src=x onerror", "<b>坏</b>")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the file is empty"),
        ("nul.txt", "line 2, column 9: contains NUL characters"),
        ("mixed_encoding.txt", "not text in UTF-8 or GB18030: byte 46 cannot be decoded"),
    ],
)
def test_texts_with_a_clear_message(name, message, registry):
    with pytest.raises(InputError) as caught:
        parse_file(NASTY / name, registry=registry)
    assert message in str(caught.value) and name in str(caught.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "the file is empty"),
        ("nul.csv", "contains NUL characters"),
        ("one_column.csv", "missing column 'kind'"),
    ],
)
def test_tables_with_a_clear_message(name, message, registry):
    with pytest.raises(InputError, match=message.replace("'", ".")):
        load_measures(NASTY / name, registry)


def test_texts_read_despite_encoding_and_script(registry):
    crlf = parse_file(NASTY / "bom_crlf_gb18030.txt", registry=registry)
    assert crlf.to_frame()["agency"].tolist() == ["mofcom", "mof"]
    traditional = parse_file(NASTY / "traditional.txt", registry=registry).to_frame()
    assert traditional["agency"].tolist() == ["mofcom", "miit", "ndrc"]
    script = parse_file(NASTY / "script.txt", registry=registry)
    table = script.to_frame()
    assert table["agency"].tolist() == ["mofcom", "<b>坏</b>局"]
    assert not table["registered"].iloc[1]


def test_formula_cells_load_and_utf16(registry):
    plain = load_measures(NASTY / "formulas.csv", registry)
    utf16 = load_measures(NASTY / "bom_utf16.csv", registry)
    assert plain.equals(utf16)
    assert plain.loc[0, "measure_text"].startswith("=HYPERLINK")


def test_a_million_blank_lines_and_huge_fields(registry):
    header = (NASTY / "formulas.csv").read_text(encoding="utf-8")
    table = measures_from_bytes((header + "\n" * 1_000_000).encode(), "blank.csv", registry)
    assert len(table) == 1
    huge = header.replace("=HYPERLINK", "长" * 1_000_000)
    with pytest.raises(InputError, match="limit is 20,000"):
        measures_from_bytes(huge.encode(), "huge.csv", registry)


def hostile_tables(registry):
    return {
        "script_fields": load_measures(NASTY / "script_fields.csv", registry),
        "script_text": parse_file(NASTY / "script.txt", registry=registry).to_frame(),
    }


@pytest.mark.parametrize("view", ["bipartite", "projection"])
def test_snapshot_html_carries_no_live_markup(view, registry):
    for table in hostile_tables(registry).values():
        page = snapshot_html(table, SnapshotOptions(view=view), registry=registry)
        for payload in PAYLOADS:
            assert payload not in page


@skip_without_browser
def test_nasty_snapshots_do_not_execute(tmp_path, registry):
    with chromium() as browser:
        for name, table in hostile_tables(registry).items():
            path = tmp_path / f"{name}.html"
            path.write_text(snapshot_html(table, registry=registry), encoding="utf-8")
            with recorded_page(browser, allow=lambda url, p=path: url == p.as_uri()) as (
                page,
                recorder,
            ):
                page.goto(path.as_uri())
                page.wait_for_function("window.firstDrawMs !== undefined")
                assert page.evaluate("window.__pwned") is None
                # one measure, two agencies (one registered, one hostile unregistered name)
                assert len(page.evaluate("view.nodeIds()")) == 3
                assert recorder.blocked == [] and recorder.errors == []
                screenshot(page, f"nasty-{name}")
