"""The command line: same results as the library, friendly errors."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
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
