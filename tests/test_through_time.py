"""The corpus benchmark's own parts: its texts are real corpora, its filter changes are new."""

from __future__ import annotations

from benchmarks.through_time import FIRST_YEAR, LAST_YEAR, kind_choices, write_corpus
from graph.corpus import read_corpus


def test_the_synthetic_texts_are_dated_documents_of_the_genre(tmp_path, registry):
    paths = write_corpus(tmp_path, 4, seed=7)
    corpus = read_corpus(paths, registry)
    assert corpus.failed == () and len(corpus.ids) == 4
    years = corpus.documents["year"].tolist()
    assert all(FIRST_YEAR <= y <= LAST_YEAR for y in years)
    assert set(corpus.documents["date_source"]) == {"signature"}
    assert corpus.documents["measures"].min() > 10
    assert write_corpus(tmp_path / "again", 4, seed=7)[0].read_text(encoding="utf-8") == paths[
        0
    ].read_text(encoding="utf-8")


def test_each_filter_change_is_a_set_not_chosen_before():
    choices = list(kind_choices(["a", "b", "c"]))
    assert choices == [["a", "b"], ["a", "c"], ["b", "c"], ["a"], ["b"], ["c"]]
    assert len({tuple(c) for c in choices}) == len(choices)
