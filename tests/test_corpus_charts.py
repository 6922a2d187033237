"""Charts of a corpus (graph/corpus_charts.py): what each trace says, read from the figure."""

from __future__ import annotations

import math

import pandas as pd

from graph.corpus_charts import trajectory_chart


def test_a_trajectory_has_a_gap_where_the_agency_is_not_named_or_has_no_value():
    rows = pd.DataFrame(
        {
            "unit": ["2015", "2019", "2015", "2018", "2019"],
            "agency": ["saic", "saic", "samr", "samr", "samr"],
            "label_en": ["SAIC", "SAIC", "SAMR", "SAMR", "SAMR"],
            "label_zh": ["工商总局", "工商总局", "市场监管总局", "市场监管总局", "市场监管总局"],
            "measures": [3, 1, 2, math.nan, 7],
        }
    )
    figure = trajectory_chart(rows, ["2015", "2018", "2019"], "measures", ["saic", "samr"], "en")
    lines = {trace.name: list(trace.y) for trace in figure.data}
    assert lines == {"SAIC": [3.0, None, 1.0], "SAMR": [2.0, None, 7.0]}
    assert list(figure.data[0].x) == ["2015", "2018", "2019"]
