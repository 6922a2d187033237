"""The command line: same results as the library, friendly errors."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from graph.cli import main
from graph.paths import MEASURES_CSV, ROOT, SOURCE_TEXT


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def test_parse_reproduces_the_bundled_table(tmp_path):
    out = tmp_path / "x.csv"
    result = run("parse", SOURCE_TEXT, "-o", out)
    assert result.exit_code == 0
    assert out.read_bytes() == MEASURES_CSV.read_bytes()
    assert "74 measures, 211 rows, 40 actors" in result.output


def test_python_dash_m_works(tmp_path):
    out = tmp_path / "x.csv"
    done = subprocess.run(
        [sys.executable, "-m", "graph", "parse", str(SOURCE_TEXT), "-o", str(out), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == MEASURES_CSV.read_bytes()


def test_metrics_csv(tmp_path):
    out = tmp_path / "m.csv"
    assert run("metrics", "-o", out, "--weighting", "newman").exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("agency,label_zh,label_en,kind,measures,leads")


def test_clusters_print_modularity():
    result = run("clusters", "--lang", "en")
    assert result.exit_code == 0 and result.output.startswith("modularity: ")


def test_export_round_trips(tmp_path):
    for suffix in ("graphml", "gexf"):
        out = tmp_path / f"g.{suffix}"
        assert run("export", "-o", out).exit_code == 0
        back = nx.read_graphml(out) if suffix == "graphml" else nx.read_gexf(out)
        assert back.number_of_nodes() == 114 and back.number_of_edges() == 211


def test_what_cannot_be_read_is_a_warning_and_strict_makes_it_an_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "一、总则\n（一）开放。放宽准入。（商务部、\n（二）监管。打击假冒。（工商总局）\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["parse", str(bad), "-o", str(out)])
    assert result.exit_code == 0
    assert "warning:" in result.output and "never closed" in result.output
    assert "line 2, column 12" in result.output and "Traceback" not in result.output
    assert "saic" in out.read_text(encoding="utf-8")  # the good article is written
    strict = CliRunner().invoke(main, ["parse", str(bad), "-o", str(out), "--strict"])
    assert strict.exit_code == 2 and "never closed" in strict.output


def test_a_file_that_is_not_text_is_an_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x30\xff\xff\xfe")
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code == 2
    assert "bad.txt" in result.output and "Traceback" not in result.output


def test_a_text_without_assignments_says_so_in_one_line(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "一、总则\n（一）开放市场。放宽准入。\n（二）规范。打击假冒。\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["parse", str(plain), "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no assignment parenthetical found" in lines[0]


def test_every_option_has_help():
    for name, command in main.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name} has no help"


def test_corpus_mode_combines_documents(tmp_path, registry):
    from graph.build import build_graph
    from graph.fixtures import TINY_TEXT
    from graph.table import load_measures

    tiny = tmp_path / "tiny.txt"
    tiny.write_text(TINY_TEXT, encoding="utf-8")
    out = tmp_path / "corpus.csv"
    variants = ROOT / "tests" / "documents" / "variants.txt"
    result = run("parse", SOURCE_TEXT, tiny, variants, "-o", out)
    assert result.exit_code == 0
    table = load_measures(out, registry)
    assert table.groupby("document")["measure_id"].nunique().to_dict() == {
        "guofa-2015-24": 74,
        "tiny": 5,
        "variants": 7,
    }
    graph = build_graph(table, registry)
    assert "measure:tiny/M01.01" in graph and "measure:guofa-2015-24/M01.01" not in graph
    assert "measure:guofa-2015-24/M04.01" in graph


def test_batch_keeps_going_past_a_bad_text(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x30\xff\xff\xfe")
    result = CliRunner().invoke(
        main, ["parse", str(bad), str(SOURCE_TEXT), "--out-dir", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "bad.txt" in result.output and "the other 1 written" in result.output
    written = tmp_path / "out" / "guofa-2015-24.csv"
    assert written.read_bytes() == MEASURES_CSV.read_bytes()


def test_parse_writes_the_documents_table_of_every_text_it_could_read(tmp_path, registry):
    from graph.fixtures import TINY_TEXT
    from graph.table import load_measures

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x30\xff\xff\xfe")
    tiny = tmp_path / "tiny.txt"
    tiny.write_text(TINY_TEXT + "\n国务院\n2016年3月1日\n", encoding="utf-8")
    out, docs = tmp_path / "corpus.csv", tmp_path / "documents.csv"
    result = CliRunner().invoke(
        main,
        ["parse", str(SOURCE_TEXT), str(bad), str(tiny), "-o", str(out), "--documents", str(docs)],
    )
    assert result.exit_code == 2
    assert "bad.txt" in result.output and "the other 2 written" in result.output
    table = load_measures(out, registry)
    assert sorted(table["document"].unique()) == ["guofa-2015-24", "tiny"]
    documents = docs.read_text(encoding="utf-8").splitlines()
    assert documents[0].startswith("document,doc_number,title,title_en,issuer,date,year")
    assert [line.split(",")[0] for line in documents[1:]] == ["guofa-2015-24", "tiny"]
    assert ",2016-03-01,2016,signature," in documents[2]


def test_parse_of_only_bad_texts_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x30\xff\xff\xfe")
    out, docs = tmp_path / "corpus.csv", tmp_path / "documents.csv"
    result = CliRunner().invoke(main, ["parse", str(bad), "-o", str(out), "--documents", str(docs)])
    assert result.exit_code == 2 and not out.exists() and not docs.exists()


def test_metrics_by_document_and_period(tmp_path):
    from graph.fixtures import TINY_TEXT

    tiny = tmp_path / "tiny.txt"
    tiny.write_text(TINY_TEXT + "\n国务院\n2019年3月1日\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"  # no assignment: in the documents table, not in the corpus
    plain.write_text(
        "一、总则\n（一）开放市场。放宽准入。\n国务院\n2017年1月1日\n", encoding="utf-8"
    )
    corpus, docs = tmp_path / "corpus.csv", tmp_path / "documents.csv"
    assert run("parse", SOURCE_TEXT, tiny, plain, "-o", corpus, "--documents", docs).exit_code == 0
    assert "plain," in docs.read_text(encoding="utf-8")
    out = tmp_path / "m.csv"
    assert run("metrics", "--data", corpus, "--by", "document", "-o", out).exit_code == 0
    frame = pd.read_csv(out)
    assert frame.groupby("document").size().to_dict() == {"guofa-2015-24": 40, "tiny": 5}
    for column in ("gini_leads", "hhi_leads", "effective_size", "constraint", "coreness", "core"):
        assert column in frame.columns
    # tiny's date is in its signature: the documents table carries it to the periods.
    by_period = tmp_path / "p.csv"
    args = ["--by", "period", "--documents", docs, "--align", "today", "--summary"]
    result = run("metrics", "--data", corpus, *args, "-o", by_period)
    assert result.exit_code == 0 and "'plain' has no row" in result.output
    periods = pd.read_csv(by_period, dtype={"period": str})
    assert periods["period"].tolist() == ["2015", "2019"]
    # Without the documents table, tiny has no year: its period is unknown.
    assert (
        run("metrics", "--data", corpus, "--by", "period", "--summary", "-o", by_period).exit_code
        == 0
    )
    assert pd.read_csv(by_period, dtype={"period": str})["period"].tolist() == ["2015", "?"]


def test_metrics_by_refuses_what_does_not_apply():
    result = CliRunner().invoke(main, ["metrics", "--by", "document", "--today"])
    assert result.exit_code == 2 and "--align" in result.output
    result = CliRunner().invoke(main, ["metrics", "--by", "document", "--align", "soon"])
    assert result.exit_code == 2 and "target must be" in result.output


def test_documents_command_lists_a_folder(tmp_path):
    from graph.fixtures import TINY_TEXT

    (tmp_path / "a-2017.txt").write_text(TINY_TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    out = tmp_path / "docs.csv"
    result = CliRunner().invoke(main, ["documents", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2 and "bad.txt" in result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame[["document", "year", "date_source", "measures"]].values.tolist() == [
        ["a-2017", "2017", "document id", "5"]
    ]


def test_corpus_snapshot_has_a_slider_and_the_same_bytes_twice(tmp_path):
    from graph.fixtures import TINY_TEXT

    tiny = tmp_path / "tiny.txt"
    tiny.write_text(TINY_TEXT + "\n国务院\n2019年3月1日\n", encoding="utf-8")
    corpus, docs = tmp_path / "corpus.csv", tmp_path / "documents.csv"
    assert run("parse", SOURCE_TEXT, tiny, "-o", corpus, "--documents", docs).exit_code == 0
    pages = []
    for name in ("a.html", "b.html"):
        out = tmp_path / name
        args = ["--data", corpus, "--documents", docs, "--align", "today", "--lang", "en"]
        result = run(
            "corpus-snapshot", *args, "--generated-at", "2026-01-01T00:00:00+08:00", "-o", out
        )
        assert result.exit_code == 0 and "2 periods" in result.output
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    page = pages[0].decode("utf-8")
    assert 'id="unit-range" type="range" min="0" max="1"' in page
    assert "agencies: bodies of today" in page and "generated 2026-01-01T00:00:00+08:00" in page
