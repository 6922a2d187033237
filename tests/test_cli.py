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


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("一、总则\n（一）开放。放宽准入。（商务部、\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code == 2
    assert "never closed" in result.output and "line 2, column 12" in result.output
    assert "Traceback" not in result.output


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
    bad.write_text("一、总则\n（一）开放。放宽准入。（商务部、\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["parse", str(bad), str(SOURCE_TEXT), "--out-dir", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "bad.txt, line 2, column 12" in result.output
    written = tmp_path / "out" / "guofa-2015-24.csv"
    assert written.read_bytes() == MEASURES_CSV.read_bytes()
