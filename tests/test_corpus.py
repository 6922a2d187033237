"""The parser on the real documents of ``../shared/corpus-dev/``, against their tables
written by hand (``tests/corpus/<stem>.csv``, reading notes in ``<stem>.md``).

The texts are read from the shared folder, never copied into the project; on a
machine without it these tests are skipped, saying why.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from graph.parse import parse_file
from graph.paths import ROOT

CORPUS = ROOT.parent / "shared" / "corpus-dev"
EXPECTED = Path(__file__).parent / "corpus"
STEMS = sorted(p.stem for p in EXPECTED.glob("*.csv"))
FIELDS = ["measure_id", "begins", "ends", "actor", "role", "shared_duty", "deadline", "scope"]

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real documents are not at {CORPUS}"
)


def test_every_corpus_text_has_a_hand_written_table():
    if CORPUS.is_dir():
        assert sorted(p.stem for p in CORPUS.glob("*.txt")) == STEMS
    for stem in STEMS:
        assert (EXPECTED / f"{stem}.md").is_file(), f"reading notes for {stem}"


@pytest.fixture(scope="module")
def parsed(registry):
    return {stem: parse_file(CORPUS / f"{stem}.txt", registry=registry) for stem in STEMS}


@needs_corpus
@pytest.mark.parametrize("stem", STEMS)
def test_real_document_parses_to_its_hand_checked_table(stem, parsed):
    expected = pd.read_csv(EXPECTED / f"{stem}.csv", dtype=str, keep_default_na=False)
    table = parsed[stem].to_frame()
    tasks = table[table["kind"] == "task"]
    got = [
        (
            r.measure_id,
            r.measure_text[:6],
            r.measure_text[-6:],
            r.agency_as_written,
            r.role,
            str(r.shared_duty).lower(),
            r.deadline,
            r.scope,
        )
        for r in tasks.itertuples(index=False)
    ]
    assert got == [tuple(row) for row in expected[FIELDS].itertuples(index=False)]
    assert len(table) == len(tasks), "no coordination sentence in these texts"


@needs_corpus
@pytest.mark.parametrize("stem", STEMS)
def test_real_document_measures_point_back_to_the_text(stem, parsed):
    source = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    for row in parsed[stem].to_frame().drop_duplicates("measure_id").itertuples(index=False):
        assert re.sub(r"\s", "", source[row.source_start : row.source_end]) == row.measure_text
        assignment = source[row.assignment_start :]
        assert re.sub(r"\s", "", assignment).startswith(row.assignment_text)


@needs_corpus
def test_real_documents_leave_nothing_unread(parsed):
    problems = [str(p) for result in parsed.values() for p in result.problems]
    assert problems == []
    empty = [stem for stem, result in parsed.items() if not result.measures]
    assert empty == ["shuangsuiji-2019"]
    assert "no assignment parenthetical found" in parsed["shuangsuiji-2019"].summary()
