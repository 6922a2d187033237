"""The benchmark's corpus generator, measurement helpers and a smoke run (no timings asserted).

The central test: a generated text, parsed by :func:`graph.parse.parse_text`,
gives back exactly the measures and actors the generator meant to write. The
generator works out roles from the role rule, the parser from the text, so a
mistake in either shows up as a difference.
"""

from __future__ import annotations

import csv
import re
import statistics
import subprocess
import sys
import time

import pandas as pd
import pytest

from benchmarks.browser import pyvis_default_html
from benchmarks.corpus import chinese_numeral, document_shape, generate_corpus
from benchmarks.measure import measure
from graph.parse import chinese_numeral as read_numeral
from graph.parse import parse_text
from graph.paths import ROOT
from graph.table import COLUMNS
from tests.browser import skip_without_browser

# the parser's columns except those the generator cannot know in advance
INTENDED_COLUMNS = [
    c
    for c in COLUMNS
    if c not in ("document", "source_start", "source_end", "assignment_start", "role_basis")
]


@pytest.fixture(scope="module")
def small():
    return generate_corpus(1)


@pytest.fixture(scope="module")
def restarting():
    """Over 999 articles: article numbers restart in every section."""
    return generate_corpus(40)


@pytest.mark.parametrize("corpus_name", ["small", "restarting"])
def test_parser_reads_back_what_the_generator_wrote(corpus_name, request, registry):
    corpus = request.getfixturevalue(corpus_name)
    parsed = parse_text(corpus.text, "synthetic", registry).to_frame()
    expected = corpus.expected_frame()
    pd.testing.assert_frame_equal(
        parsed[INTENDED_COLUMNS].reset_index(drop=True), expected, check_dtype=False
    )


def test_measures_point_back_to_their_text(small, registry):
    parsed = parse_text(small.text, "synthetic", registry).to_frame()
    for row in parsed.drop_duplicates("measure_id").itertuples():
        span = small.text[row.source_start : row.source_end]
        assert re.sub(r"\s", "", span) == row.measure_text


def test_restarting_corpus_really_restarts_numbering(restarting):
    first_articles = re.findall(r"^\s*（一）", restarting.text, flags=re.MULTILINE)
    assert restarting.articles > 999
    assert len(first_articles) == restarting.sections


def test_article_and_section_headings_are_counted_right(small):
    articles = re.findall(r"^\s*（[一二三四五六七八九十百零]+）", small.text, flags=re.MULTILINE)
    sections = re.findall(r"^\s*[一二三四五六七八九十百零]+、", small.text, flags=re.MULTILINE)
    assert len(articles) == small.articles == 29  # the bundled document has 29 articles
    assert len(sections) == small.sections


def test_sizes_scale_with_the_factor():
    assert generate_corpus(10).articles == 290
    assert generate_corpus(2.5).articles == 72  # round(29 * 2.5)


def test_same_seed_same_text_other_seed_other_text():
    assert generate_corpus(2, seed=5).text == generate_corpus(2.0, seed=5).text
    assert generate_corpus(2, seed=5).text != generate_corpus(2, seed=6).text


def test_written_names_resolve_to_intended_in_2015_agencies(small, registry):
    in_2015 = set(registry.agencies.index[registry.agencies["in_2015"]])
    for intended in small.measures:
        for actor in intended.actors:
            assert actor.agency in in_2015
            assert registry.resolve(actor.written) == actor.agency


def test_assignment_forms_come_from_the_bundled_document(small, bundled_table):
    actors_per_measure = bundled_table[bundled_table["kind"] == "task"].groupby("measure_id").size()
    document_counts = set(actors_per_measure)
    assert {len(m.actors) for m in small.measures if m.kind == "task"} <= document_counts
    # the shapes were read from the document: one per task measure whose names were found
    assert len(document_shape().forms) == len(actors_per_measure)


def test_lines_look_like_the_pdf_extract(small):
    lines = [line.strip() for line in small.text.splitlines() if line.strip()]
    body = [line for line in lines if len(line) > 20]
    assert 29 <= statistics.median(len(line) for line in body) <= 31
    assert max(len(line) for line in lines) <= 40
    assert not any(line[0] in "，。、；：）" for line in lines)


def test_numerals_are_read_back_by_the_parser():
    for number in range(1, 1000):
        assert read_numeral(chinese_numeral(number)) == number
    with pytest.raises(ValueError):
        chinese_numeral(1000)


def test_measure_repeats_quick_stages_and_reports_the_median():
    result = measure("quick", lambda: sum(range(1000)), repeat=4, memory=True)
    assert result.status == "ok"
    assert len(result.times) == 4
    assert result.median == statistics.median(result.times)
    assert result.value == 499500
    assert result.peak_mb is not None


def test_measure_stops_a_stage_at_its_limit():
    started = time.perf_counter()
    result = measure("slow", lambda: time.sleep(5), limit=0.2, memory=False)
    assert result.status == "timeout"
    assert "more than 0.2 s" in result.note
    assert time.perf_counter() - started < 2


def test_measure_reports_a_failing_stage():
    result = measure("broken", lambda: 1 / 0, memory=False)
    assert result.status == "error"
    assert "ZeroDivisionError" in result.note


def test_pyvis_default_page_loads_nothing_from_the_internet(bundled_table, registry):
    from graph.build import build_graph

    graph = build_graph(bundled_table, registry)
    before = dict(graph.nodes["agency:ndrc"])
    html = pyvis_default_html(graph)
    assert not re.search(r"""(src|href)\s*=\s*["']https?:""", html)
    assert "vis-network" in html and "new vis.Network" in html
    assert dict(graph.nodes["agency:ndrc"]) == before  # pyvis got a copy


def test_smoke_run_writes_a_row_per_library_stage(tmp_path):
    out = tmp_path / "bench.csv"
    command = [sys.executable, "-m", "benchmarks", "--sizes", "1", "--stages", "library"]
    command += ["--repeat", "1", "--no-memory", "--frame-nodes", "", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    for size in ("1x", "document"):  # the synthetic 1x corpus and the bundled document
        stages = {row["stage"]: row for row in rows if row["size"] == size}
        for stage in ("parse", "load_validate", "build_graph", "metric_betweenness", "pipeline"):
            assert stages[stage]["status"] == "ok"
            assert float(stages[stage]["median_s"]) > 0
        assert stages["pipeline"]["nodes"] == stages["build_graph"]["nodes"] != ""
    document = {row["stage"]: row for row in rows if row["size"] == "document"}
    assert document["build_graph"]["nodes"] == "114"  # 74 measures, 40 agencies
    assert float(next(r for r in rows if r["stage"] == "process_peak_rss")["peak_mb"]) > 0
    assert "pipeline" in done.stdout  # the printed table


def test_examples_in_the_benchmark_modules_hold():
    import doctest

    import benchmarks.accuracy
    import benchmarks.corpus

    for module in (benchmarks.corpus, benchmarks.accuracy):
        assert doctest.testmod(module).failed == 0


@skip_without_browser
def test_reader_stages_read_a_pdf_of_exactly_100_pages(tmp_path):
    import pypdfium2

    from benchmarks.readers import reader_stages
    from benchmarks.stages import Settings

    results = list(reader_stages(Settings(repeat=1, memory=False), tmp_path))
    assert [r.stage for r in results] == [
        "read_pdf_100_pages",
        "read_docx_document",
        "read_html_document",
    ]
    assert all(r.status == "ok" for r in results), [(r.stage, r.note) for r in results]
    assert len(pypdfium2.PdfDocument(tmp_path / "hundred-pages.pdf")) == 100
    # The 100 pages hold the texts from their start, every character read.
    from benchmarks.readers import source_texts

    read = re.sub(r"\s", "", results[0].value.text)
    texts = re.sub(r"\s", "", "".join(source_texts()))
    assert len(read) > min(50_000, len(texts) // 2)  # the corpus-dev texts, when here
    assert (texts * (len(read) // len(texts) + 1)).startswith(read)  # texts taken in turn
