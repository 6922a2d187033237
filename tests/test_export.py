"""Exports: graph files load back unchanged, tables and task lists from the CLI."""

from __future__ import annotations

import json

import click
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from hostile import IMG_AGENCY, hostile_csv

from graph.build import build_graph
from graph.cli import main
from graph.export import excel_safe, tasklists, write_graph
from graph.fixtures import tiny_table
from graph.paths import MEASURES_CSV
from graph.table import write_measures

# Attributes the file formats add of their own: GEXF writes a label per node and an id per edge.
FORMAT_EXTRAS = {"graphml": (set(), set()), "gexf": ({"label"}, {"id"}), "json": (set(), set())}


def read_back(path, fmt: str) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_files_round_trip(tmp_path, bundled_table, fmt):
    graph = build_graph(bundled_table)
    back = read_back(write_graph(graph, tmp_path / f"g.{fmt}"), fmt)
    assert set(back) == set(graph)
    assert {frozenset(e) for e in back.edges()} == {frozenset(e) for e in graph.edges()}
    node_extra, edge_extra = FORMAT_EXTRAS[fmt]
    for node, data in graph.nodes(data=True):
        got = dict(back.nodes[node])
        assert set(got) - set(data) <= node_extra
        assert {k: (v, type(v)) for k, v in data.items()} == {
            k: (got[k], type(got[k])) for k in data
        }
    for u, v, data in graph.edges(data=True):
        got = dict(back.edges[u, v])
        assert set(got) - set(data) <= edge_extra
        assert {k: (got[k], type(got[k])) for k in data} == {
            k: (x, type(x)) for k, x in data.items()
        }


def test_cli_exports_graph_by_default(tmp_path, bundled_table):
    out = tmp_path / "g.gexf"
    result = CliRunner().invoke(main, ["export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = nx.read_gexf(out)
    measures, agencies = bundled_table["measure_id"].nunique(), bundled_table["agency"].nunique()
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        measures + agencies,
        len(bundled_table),
    )


def test_cli_exports_the_measures_table_byte_for_byte(tmp_path):
    out = tmp_path / "measures.csv"
    result = CliRunner().invoke(main, ["export", "--what", "measures", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == MEASURES_CSV.read_bytes()


def test_cli_exports_metrics_for_excel(tmp_path, bundled_table):
    out = tmp_path / "metrics.csv"
    result = CliRunner().invoke(main, ["export", "--what", "metrics", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(frame["agency"]) == sorted(bundled_table["agency"].unique())
    counts = bundled_table["agency"].value_counts()
    assert dict(zip(frame["agency"], frame["measures"], strict=True)) == counts.to_dict()


def test_cli_measure_metrics(tmp_path, bundled_table):
    out = tmp_path / "m.csv"
    result = CliRunner().invoke(main, ["export", "--what", "measure-metrics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    actors = bundled_table.groupby("measure_id").size()
    assert dict(zip(frame["measure_id"], frame["n_actors"], strict=True)) == actors.to_dict()


def test_excel_export_neutralises_formulas(tmp_path):
    table = tiny_table()
    table.loc[table["measure_id"] == "M02.02", "measure_text"] = '=HYPERLINK("http://x","y")'
    path = tmp_path / "formula.csv"
    write_measures(table, path)
    out = tmp_path / "excel.csv"
    result = CliRunner().invoke(
        main, ["export", "--data", str(path), "--what", "measures", "--excel", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = pd.read_csv(out, encoding="utf-8-sig")["measure_text"]
    assert '\'=HYPERLINK("http://x","y")' in set(text)
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in text)


def test_tasklists_by_hand():
    # saic: M01.02 (lead, shared with mofcom and ndrc, both lead) and M02.01 (lead, aqsiq partner).
    tasks = tasklists(tiny_table(), ["saic"], lang="en")
    assert tasks[["agency", "agency_name", "measure_id", "role", "partners"]].values.tolist() == [
        [
            "saic",
            "State Administration for Industry and Commerce",
            "M01.02",
            "lead",
            "MOFCOM (lead), NDRC (lead)",
        ],
        ["saic", "State Administration for Industry and Commerce", "M02.01", "lead", "AQSIQ"],
    ]


def test_all_tasklists_most_measures_first():
    tasks = tasklists(tiny_table())
    # mofcom 3, ndrc 3, saic 2, aqsiq 1, depts_relevant 1 measures; ties by id.
    assert list(dict.fromkeys(tasks["agency"])) == [
        "mofcom",
        "ndrc",
        "saic",
        "aqsiq",
        "depts_relevant",
    ]
    assert len(tasks) == len(tiny_table())


def test_unknown_agency_is_named():
    with pytest.raises(ValueError, match="no measure names agency 'nobody'"):
        tasklists(tiny_table(), ["nobody"])


def test_cli_tasklist_csv(tmp_path):
    out = tmp_path / "mofcom.csv"
    result = CliRunner().invoke(main, ["tasklist", "--agency", "mofcom", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, encoding="utf-8-sig")
    table = pd.read_csv(MEASURES_CSV)
    assert list(frame["measure_id"]) == list(
        table[table["agency"] == "mofcom"].sort_values("source_start")["measure_id"]
    )


def test_cli_tasklist_html_with_hostile_data(tmp_path):
    out = tmp_path / "tasks.html"
    data = hostile_csv(tmp_path)
    result = CliRunner().invoke(main, ["tasklist", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert IMG_AGENCY not in page and "<script" not in page.replace("&lt;script", "")
    assert page.count('<section class="agency">') == 5


@pytest.mark.parametrize(
    ("arguments", "message", "name"),
    [
        (["--agency", "nobody"], "no measure names agency 'nobody'", "x.csv"),
        ([], "use .csv or .html", "x.xlsx"),
    ],
)
def test_cli_tasklist_errors(tmp_path, arguments, message, name):
    result = CliRunner().invoke(main, ["tasklist", *arguments, "-o", str(tmp_path / name)])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("command", ["snapshot", "tasklist", "export"])
def test_every_option_has_help(command):
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts} has no help text"


def test_excel_safe_leaves_numbers():
    frame = excel_safe(pd.DataFrame({"t": ["+86", "ok"], "n": [-1, 1]}))
    assert frame.values.tolist() == [["'+86", -1], ["ok", 1]]
