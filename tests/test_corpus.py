"""The parser on the real documents of ``../shared/corpus-dev/``, against their tables
written by hand (``tests/corpus/<stem>.csv``, reading notes in ``<stem>.md``).

The texts are read from the shared folder, never copied into the project; on a
machine without it these tests are skipped, saying why.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.parse import parse_file
from graph.paths import ROOT
from tests.expected_tables import expected_rows, parsed_rows

CORPUS = ROOT.parent / "shared" / "corpus-dev"
EXPECTED = Path(__file__).parent / "corpus"
STEMS = sorted(p.stem for p in EXPECTED.glob("*.csv"))

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
    table = parsed[stem].to_frame()
    assert parsed_rows(table) == expected_rows(EXPECTED / f"{stem}.csv")
    assert set(table["kind"]) <= {"task"}, "no coordination sentence in these texts"


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


@needs_corpus
def test_unregistered_names_are_under_two_percent_and_each_is_a_real_name(parsed, registry):
    import pandas as pd

    from graph.assignment import looks_like_actor

    table = pd.concat([result.to_frame() for result in parsed.values()], ignore_index=True)
    unregistered = table[~table["registered"].astype(bool)]
    assert len(unregistered) < 0.02 * len(table)
    for name in unregistered["agency_as_written"]:
        assert looks_like_actor(name, registry), name
