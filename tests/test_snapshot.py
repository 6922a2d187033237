"""Snapshots: deterministic, provenance present, filters and views applied, CLI writes them."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from hostile import DOCUMENT, IMG_AGENCY, PAYLOADS, hostile_csv, hostile_table

from graph.cli import main
from graph.filters import Filters
from graph.paths import MEASURES_CSV, ROOT, SOURCE_TEXT
from graph.snapshot import (
    SnapshotOptions,
    document_name,
    highlight_nodes,
    snapshot_html,
    snapshot_spec,
    table_sha256,
    tasklist_title,
)

MOMENT = datetime(2015, 5, 4, 9, 0, tzinfo=timezone(timedelta(hours=8)))
STAMP = ["--generated-at", "2015-05-04T09:00:00+08:00"]


def page_data(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S
    )
    return json.loads(match.group(1))


def node_ids(page: str) -> set[str]:
    return {n["id"] for n in page_data(page)["nodes"]}


def expected_nodes(rows) -> set[str]:
    """Node ids of the rows of a measures table, worked out with pandas alone."""
    return {f"measure:{m}" for m in rows["measure_id"]} | {f"agency:{a}" for a in rows["agency"]}


@pytest.fixture(scope="module")
def default_page(bundled_table) -> str:
    return snapshot_html(bundled_table, SnapshotOptions(), generated_at=MOMENT)


def test_same_input_same_file_except_the_time(bundled_table, default_page):
    again = snapshot_html(bundled_table, SnapshotOptions(), generated_at=MOMENT)
    assert again == default_page
    later = snapshot_html(bundled_table, SnapshotOptions(), generated_at=MOMENT + timedelta(days=1))
    assert later != default_page
    assert later.replace("2015-05-05T09:00:00+08:00", "2015-05-04T09:00:00+08:00") == default_page


@pytest.mark.parametrize(
    "arguments",
    [
        ["--view", "ego", "--agency", "sac", "--layout", "force"],
        ["--view", "projection", "--color-by", "cluster", "--no-generic"],
    ],
)
def test_same_file_whatever_the_hash_seed(tmp_path, arguments):
    """Set iteration order changes with PYTHONHASHSEED; the file must not."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "graph", "snapshot", *arguments, *STAMP, "-o", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_provenance_lines(default_page):
    source = hashlib.sha256(SOURCE_TEXT.read_bytes()).hexdigest()
    table = hashlib.sha256(MEASURES_CSV.read_bytes()).hexdigest()
    assert (
        "国务院关于大力发展电子商务加快培育经济新动力的意见（国发〔2015〕24号，国务院，2015-05-04）"
        in (default_page)
    )
    assert "生成时间：2015-05-04T09:00:00+08:00" in default_page
    assert f"数据版本：源文本 SHA-256 {source}；措施表 SHA-256 {table}" in default_page
    assert "<title>国发〔2015〕24号 · 措施—机构网络</title>" in default_page
    assert page_data(default_page)["filters"] == ["未筛选：全文"]


def test_english_provenance(bundled_table):
    page = snapshot_html(bundled_table, SnapshotOptions(lang="en"), generated_at=MOMENT)
    assert "Document: Opinions of the State Council on Vigorously Developing E-commerce" in page
    assert "Generated: 2015-05-04T09:00:00+08:00" in page
    assert page_data(page)["filters"] == ["no filter: the whole document"]


def test_naive_time_is_utc(bundled_table):
    page = snapshot_html(bundled_table, generated_at=datetime(2020, 1, 2, 3, 4, 5))
    assert "生成时间：2020-01-02T03:04:05+00:00" in page
    before = datetime.now(UTC).replace(microsecond=0)
    lines = page_data(snapshot_html(bundled_table))["provenance"]
    stamp = next(line for line in lines if line.startswith("生成时间：")).split("：", 1)[1]
    assert before <= datetime.fromisoformat(stamp) <= datetime.now(UTC)
    assert re.search(
        r"生成时间：\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", snapshot_html(bundled_table)
    )


def test_table_hash_equals_the_file_hash(bundled_table):
    assert table_sha256(bundled_table) == hashlib.sha256(MEASURES_CSV.read_bytes()).hexdigest()


def test_whole_document_nodes(bundled_table, default_page):
    assert node_ids(default_page) == expected_nodes(bundled_table)
    assert len(page_data(default_page)["edges"]["list"]) == 3 * len(bundled_table)


def test_section_filter(bundled_table):
    page = snapshot_html(bundled_table, SnapshotOptions(filters=Filters(sections=(2,))))
    # Coordination rows stay with section filters unless coordination is excluded.
    rows = bundled_table[
        (bundled_table["section"] == 2) | (bundled_table["kind"] == "coordination")
    ]
    assert node_ids(page) == expected_nodes(rows)
    assert page_data(page)["filters"] == ["部分：2"]


def test_role_and_generic_filters(bundled_table, registry):
    filters = Filters(roles=("lead",), include_generic=False, include_coordination=False)
    page = snapshot_html(bundled_table, SnapshotOptions(filters=filters))
    kinds = bundled_table["agency"].map(registry.agencies["kind"])
    rows = bundled_table[
        (bundled_table["role"] == "lead")
        & ~kinds.isin(["generic", "local_government"])
        & (bundled_table["kind"] == "task")
    ]
    assert node_ids(page) == expected_nodes(rows)
    assert len(page_data(page)["edges"]["list"]) == 3 * len(rows)


def test_filtered_nodes_keep_their_places(bundled_table, default_page):
    full = {n["id"]: (n["x"], n["y"]) for n in page_data(default_page)["nodes"]}
    page = snapshot_html(bundled_table, SnapshotOptions(filters=Filters(sections=(5, 6))))
    for node in page_data(page)["nodes"]:
        assert (node["x"], node["y"]) == full[node["id"]]


def test_projection_view(bundled_table):
    page = snapshot_html(bundled_table, SnapshotOptions(view="projection", color_by="cluster"))
    assert node_ids(page) == {f"agency:{a}" for a in bundled_table["agency"]}
    assert "机构共同责任网络" in page


def test_ego_view(bundled_table):
    page = snapshot_html(bundled_table, SnapshotOptions(view="ego", agency="sac", lang="en"))
    own = set(bundled_table.loc[bundled_table["agency"] == "sac", "measure_id"])
    rows = bundled_table[bundled_table["measure_id"].isin(own)]
    assert node_ids(page) == expected_nodes(rows)
    assert "<title>国发〔2015〕24号 · SAC · responsibility network</title>" in page


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (SnapshotOptions(view="ego"), "needs an agency"),
        (SnapshotOptions(view="ego", agency="nobody"), "has no measure"),
        (SnapshotOptions(view="projection", color_by="section"), "colour it by"),
        (SnapshotOptions(view="map"), "view must be"),
        (SnapshotOptions(layout="circle"), "layout must be"),
        (SnapshotOptions(size_by="kind"), "size_by must be a numeric column"),
    ],
)
def test_bad_options(bundled_table, options, message):
    with pytest.raises(ValueError, match=message):
        snapshot_html(bundled_table, options)


def test_hostile_snapshot_escapes_everything():
    page = snapshot_html(hostile_table(), SnapshotOptions(title=DOCUMENT), generated_at=MOMENT)
    for payload in PAYLOADS:
        assert payload not in page
    # Data travels as JSON with <, > and & escaped; the view shows it as text.
    assert "\\u003csvg onload=window.__pwned=5\\u003e（未收录于文件目录）" in page
    assert f"{DOCUMENT}（未收录于文件目录）" in "".join(page_data(page)["provenance"])


def test_hostile_highlight_is_escaped():
    table = hostile_table()
    highlight, name = highlight_nodes(table, agencies=[IMG_AGENCY], sections=[2])
    assert f"agency:{IMG_AGENCY}" in highlight and IMG_AGENCY in name
    options = SnapshotOptions(highlight=highlight, highlight_name=name + DOCUMENT)
    page = snapshot_html(table, options, generated_at=MOMENT)
    for payload in PAYLOADS:
        assert payload not in page
    assert any(IMG_AGENCY + "及其措施" in line for line in page_data(page)["filters"])
    assert f"agency:{IMG_AGENCY}" in page_data(page)["focus"]


def test_names_and_titles(bundled_table):
    assert document_name(bundled_table) == "国发〔2015〕24号"
    assert tasklist_title(bundled_table) == "国发〔2015〕24号 · 分工表"
    assert tasklist_title(hostile_table(), "en") == f"{DOCUMENT} · Task list"


def test_cli_snapshot(tmp_path):
    out = tmp_path / "net.html"
    result = CliRunner().invoke(
        main,
        [
            *(
                "snapshot",
                "--section",
                "3",
                "--no-generic",
                "--color-by",
                "cluster",
                "--lang",
                "en",
            ),
            *("--title", "Section 3", *STAMP, "-o", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert f"({len(page.encode()):,} bytes)" in result.output
    assert "<title>Section 3</title>" in page
    assert page_data(page)["filters"] == ["sections: 3", "generic actors excluded"]


def test_cli_snapshot_reads_any_table(tmp_path):
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(
        main,
        ["snapshot", "--data", str(hostile_csv(tmp_path)), "--layout", "force", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert node_ids(out.read_text(encoding="utf-8")) == expected_nodes(hostile_table())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--view", "ego"], "needs an agency"),
        (["--generated-at", "yesterday"], "not an ISO date-time"),
        (["--section", "x"], "is not a valid integer"),
    ],
)
def test_cli_snapshot_errors(tmp_path, arguments, message):
    result = CliRunner().invoke(main, ["snapshot", *arguments, "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.html").exists()


def section_nodes(table, section: int) -> set[str]:
    """A section's measures and the agencies named in them, worked out with pandas alone."""
    return expected_nodes(table[table["section"] == section])


def test_highlight_by_section(bundled_table):
    nodes, name = highlight_nodes(bundled_table, sections=[5])
    assert set(nodes) == section_nodes(bundled_table, 5)
    assert name == "五、完善物流基础设施"
    _, english = highlight_nodes(bundled_table, sections=[5], lang="en")
    assert english.startswith("5. ")


def test_highlight_by_agency(bundled_table):
    nodes, name = highlight_nodes(bundled_table, agencies=["sac"])
    own = bundled_table.loc[bundled_table["agency"] == "sac", "measure_id"]
    assert nodes == (*(f"measure:{m}" for m in own), "agency:sac")
    assert name == "国家标准委及其措施"
    both, joined = highlight_nodes(bundled_table, sections=[5], agencies=["sac"], lang="en")
    assert set(both) == section_nodes(bundled_table, 5) | set(nodes)
    assert joined.endswith("; SAC and its measures")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"sections": [1]}, "section 1 has no measure"),
        ({"sections": [0]}, "section 0 has no measure"),
        ({"agencies": ["nobody"]}, "agency 'nobody' has no measure"),
    ],
)
def test_highlight_of_nothing_is_an_error(bundled_table, arguments, message):
    with pytest.raises(ValueError, match=message):
        highlight_nodes(bundled_table, **arguments)


def test_highlighted_snapshot(bundled_table):
    highlight, name = highlight_nodes(bundled_table, sections=[5])
    options = SnapshotOptions(highlight=highlight, highlight_name=name)
    page = snapshot_html(bundled_table, options, generated_at=MOMENT)
    data = page_data(page)
    rows = bundled_table[bundled_table["section"] == 5]
    assert set(data["focus"]) == section_nodes(bundled_table, 5)
    dimmed = {n["id"] for n in data["nodes"] if n["color"]["background"] == "#E4E4E4"}
    assert dimmed == expected_nodes(bundled_table) - section_nodes(bundled_table, 5)
    line = (
        f"突出显示：五、完善物流基础设施（{rows['measure_id'].nunique()} 项措施，"
        f"{rows['agency'].nunique()} 个机构）"
    )
    assert data["filters"] == ["未筛选：全文", line]
    # The order the ids come in does not change the file.
    reordered = SnapshotOptions(highlight=tuple(reversed(highlight)), highlight_name=name)
    assert snapshot_html(bundled_table, reordered, generated_at=MOMENT) == page


def test_projection_highlight_keeps_the_agencies(bundled_table):
    highlight, _ = highlight_nodes(bundled_table, sections=[5])
    options = SnapshotOptions(view="projection", highlight=highlight, lang="en")
    page = snapshot_html(bundled_table, options)
    agencies = {f"agency:{a}" for a in bundled_table.loc[bundled_table["section"] == 5, "agency"]}
    assert set(page_data(page)["focus"]) == agencies
    assert page_data(page)["filters"][-1] == f"highlighted: {len(agencies)} agencies"


def test_highlight_outside_the_view_is_ignored(bundled_table):
    options = SnapshotOptions(
        filters=Filters(sections=(3,)), highlight=("agency:sac", "measure:M99.99")
    )
    spec, _, _ = snapshot_spec(bundled_table, options)
    # sac has no measure in section 3 (its measures are M15.01, M26.03, M26.05).
    assert "agency:sac" not in {n["id"] for n in spec.nodes}
    assert spec.meta["highlight"] == []
    assert "突出显示：0 项措施，0 个机构" in snapshot_html(bundled_table, options)


def test_no_highlight_no_line(default_page):
    assert page_data(default_page)["focus"] == []
    assert "突出显示" not in default_page


def test_highlight_must_be_a_tuple(bundled_table):
    with pytest.raises(ValueError, match="tuple of node ids"):
        snapshot_html(bundled_table, SnapshotOptions(highlight="agency:mofcom"))


def test_cli_snapshot_highlight(tmp_path, bundled_table):
    out = tmp_path / "five.html"
    arguments = ["snapshot", "--highlight-section", "5", "--highlight-agency", "sac"]
    result = CliRunner().invoke(main, [*arguments, "--lang", "en", *STAMP, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    expected = section_nodes(bundled_table, 5) | {
        "agency:sac",
        "measure:M15.01",
        "measure:M26.03",
        "measure:M26.05",
    }
    assert set(page_data(page)["focus"]) == expected
    measures = sum(1 for n in expected if n.startswith("measure:"))
    line = page_data(page)["filters"][-1]
    assert line.startswith("highlighted: 5. ")
    assert line.endswith(
        f"; SAC and its measures ({measures} measures, {len(expected) - measures} agencies)"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--highlight-agency", "nobody"], "agency 'nobody' has no measure"),
        (["--section", "3", "--highlight-section", "5"], "section 5 has no measure"),
    ],
)
def test_cli_highlight_errors(tmp_path, arguments, message):
    result = CliRunner().invoke(main, ["snapshot", *arguments, "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_snapshot_of_a_presentation_scene(tmp_path, bundled_table):
    out = tmp_path / "scene.html"
    result = CliRunner().invoke(main, ["snapshot", "--scene", "2", *STAMP, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    # Scene 0 is the whole document, then one per section: scene 2 is section 3.
    rows = bundled_table[bundled_table["section"] == 3]
    assert node_ids(out.read_text(encoding="utf-8")) == expected_nodes(rows)
    assert data["presentation"] is True and data["title"].startswith("国发〔2015〕24号 · 三、")
    # Laid out for the projector: the agencies' labels beside their dots.
    assert {n.get("labelPosition") for n in data["nodes"] if n["shape"] == "dot"} == {"right"}
    result = CliRunner().invoke(main, ["snapshot", "--scene", "99", "-o", str(out)])
    assert result.exit_code == 2 and "scene 99 does not exist" in result.output
