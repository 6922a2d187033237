"""Plain-language explanations: complete in both languages, numbers from hand counts."""

import pytest

from graph.explain import agency_summary, explain, glossary, metric_name, rank
from graph.fixtures import tiny_graph
from graph.metrics import METRIC_COLUMNS, METRICS, agency_metrics


@pytest.fixture(scope="module")
def metrics():
    return agency_metrics(tiny_graph())


def test_every_numeric_metric_is_explained_in_both_languages():
    numeric = [c for c in METRIC_COLUMNS if c not in ("label_zh", "label_en", "kind")]
    for metric in [*numeric, "cluster"]:
        zh, en = explain(metric, "zh"), explain(metric, "en")
        assert zh and en and zh != en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
        assert metric_name(metric, "en")


def test_unknown_metric_is_a_clear_error():
    with pytest.raises(KeyError, match="no metric 'nonsense'; known: measures, leads"):
        explain("nonsense")


def test_glossary_has_one_row_per_metric():
    table = glossary("en")
    assert table["metric"].tolist() == [metric.key for metric in METRICS]
    assert table.set_index("metric").loc["breadth", "name"] == "breadth"


def test_rank_shares_ties(metrics):
    # measures: 商务部 3, 发展改革委 3, 工商总局 2, 质检总局 1, 有关部门 1
    assert [rank(metrics, a, "measures") for a in metrics.index] == [1, 1, 3, 4, 4]


def test_summary_of_mofcom_in_chinese(metrics):
    # 商务部: M01.01 lead, M01.02 lead (shared duty), C01 partner; partners 发展改革委
    # and 工商总局; sections 1 only (C01 has none), articles 1 only.
    lines = agency_summary(metrics, "mofcom", 5, "zh")
    assert lines[0] == (
        "商务部负责 5 项措施中的 3 项（60%），在 5 个部门中排第 1：牵头 2 项（其中单独牵头 1 项），参与 1 项。"
    )
    assert lines[1] == "与 2 个部门共同负责过措施（排第 2），涉及 1 个部分、1 个条目。"


def test_summary_of_an_isolated_actor(metrics):
    # 有关部门 acts alone on M02.02: no partner, on no path between others.
    lines = agency_summary(metrics, "depts_relevant", 5, "en")
    assert lines[1].startswith("It shares measures with 0 other agencies")
    assert (
        lines[2] == "Betweenness 0: no shortest chain between two other agencies runs through it."
    )


def test_summary_of_an_absent_agency_is_empty(metrics):
    assert agency_summary(metrics, "nobody", 5) == []
