"""Plotly figures of a corpus: the timeline, measures over time, agency trajectories, tie changes.

Pure functions from the tables of :mod:`graph.corpus` and
:mod:`graph.corpus_metrics` to figures, in the dashboard's style
(:func:`graph.charts._figure`); every text from the data is escaped
(:func:`graph.charts.plain`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from graph.charts import _figure, plain
from graph.corpus_view import TIE_COLORS
from graph.encode import OKABE_ITO as OKABE_ITO_COLORS
from graph.explain import metric_name
from graph.labels import pick

_WORDS = {
    "date": ("成文日期", "date"),
    "measures": ("措施数", "measures"),
    "agencies": ("部门数", "agencies"),
    "top_lead": ("牵头最多", "leads most"),
    "persist": ("延续", "persist"),
    "appear": ("新出现", "appear"),
    "vanish": ("消失", "vanish"),
    "ties": ("合作关系数", "ties"),
}


def _w(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)


def document_dates(documents: pd.DataFrame) -> pd.Series:
    """A date for every dated document: its date, the middle of its month or year when partial.

    >>> docs = pd.DataFrame({"date": ["2018-12-21", "2019-03", "2020", ""], "year": [2018, 2019, 2020, None]})
    >>> [str(d)[:10] for d in document_dates(docs)]
    ['2018-12-21', '2019-03-15', '2020-07-01', 'NaT']
    """
    values = []
    for date, year in zip(documents["date"], documents["year"], strict=True):
        text = str(date or "")
        if len(text) == 10:
            values.append(text)
        elif len(text) == 7:
            values.append(text + "-15")
        elif not pd.isna(year):
            values.append(f"{int(year):04d}-07-01")
        else:
            values.append(None)
    return pd.to_datetime(pd.Series(values, index=documents.index), errors="coerce")


def timeline_chart(
    documents: pd.DataFrame,
    summaries: pd.DataFrame,
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """Documents on a time axis: measures up, agencies as the marker's size, issuer as colour.

    ``documents`` is the documents table, ``summaries`` the per-document
    summary of :func:`graph.corpus_metrics.unit_metrics` (``unit`` = id).
    Undated documents are left out (the page lists them).
    """
    summary = summaries.set_index("unit")
    docs = documents[documents["document"].isin(summary.index)].copy()
    docs["when"] = document_dates(docs)
    docs = docs.dropna(subset=["when"])
    traces = []
    top = max([int(summary["n_agencies"].max())] if len(summary) else [1]) or 1
    for i, (issuer, rows) in enumerate(docs.groupby("issuer", sort=True)):
        stats = summary.loc[rows["document"]]
        names = [n or d for n, d in zip(rows["doc_number"], rows["document"], strict=True)]
        hover = [
            f"{name}<br>{title_}<br>{_w('date', lang)}: {date}<br>{_w('measures', lang)}: {m}"
            f"<br>{_w('agencies', lang)}: {a}<br>{_w('top_lead', lang)}: {lead}"
            for name, title_, date, m, a, lead in zip(
                plain(names),
                plain(rows["title"]),
                plain(rows["date"]),
                stats["n_measures"],
                stats["n_agencies"],
                plain(stats["top_lead_label"] if "top_lead_label" in stats else stats["top_lead"]),
                strict=True,
            )
        ]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": plain([issuer or pick(("（未知）", "(unknown)"), lang)])[0],
                "x": rows["when"].dt.strftime("%Y-%m-%d").tolist(),
                "y": stats["n_measures"].tolist(),
                "text": plain(names),
                "textposition": "top center",
                "hovertext": hover,
                "hoverinfo": "text",
                "marker": {
                    "size": [12 + 28 * a / top for a in stats["n_agencies"]],
                    "color": OKABE_ITO_COLORS[i % len(OKABE_ITO_COLORS)],
                    "line": {"width": 1, "color": "#333333"},
                    "opacity": 0.8,
                },
            }
        )
    layout = {
        "xaxis": {"title": {"text": _w("date", lang)}, "type": "date"},
        "yaxis": {"title": {"text": _w("measures", lang)}, "rangemode": "tozero"},
        "showlegend": True,
    }
    return _figure(traces, layout, title, presentation, height=420)


def measure_chart(
    summaries: pd.DataFrame,
    measures: Sequence[str],
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """Unit-level measures (``gini_leads``, ``density``…) over the units, in their order."""
    units = plain(summaries["unit"].astype(str))
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": plain([metric_name(m, lang)])[0],
            "x": units,
            "y": [None if pd.isna(v) else float(v) for v in summaries[m]],
            "marker": {"color": OKABE_ITO_COLORS[i % len(OKABE_ITO_COLORS)]},
            "line": {"color": OKABE_ITO_COLORS[i % len(OKABE_ITO_COLORS)]},
            "hovertemplate": "%{x}: %{y:.3f}<extra>%{fullData.name}</extra>",
        }
        for i, m in enumerate(measures)
    ]
    layout = {"xaxis": {"type": "category"}, "yaxis": {"rangemode": "tozero"}}
    return _figure(traces, layout, title, presentation, height=360)


def trajectory_chart(
    rows: pd.DataFrame,
    units: Sequence[str],
    metric: str,
    agencies: Sequence[str],
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """One line per agency: its ``metric`` in every unit (a gap where it is not named).

    ``rows`` are the (unit, agency) rows of :func:`graph.corpus_metrics.unit_metrics`.
    """
    label = "label_en" if lang == "en" else "label_zh"
    shown = plain([str(u) for u in units])
    traces = []
    for i, agency in enumerate(agencies):
        mine = rows[rows["agency"] == agency]
        name = str(mine[label].iloc[0]) if len(mine) else agency
        by_unit = dict(zip(mine["unit"].tolist(), mine[metric].tolist(), strict=True))
        values = [
            None if pd.isna(value := by_unit.get(u, float("nan"))) else float(value) for u in units
        ]
        color = OKABE_ITO_COLORS[i % len(OKABE_ITO_COLORS)]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plain([name])[0],
                "x": shown,
                "y": values,
                "connectgaps": False,
                "marker": {"color": color, "size": 9},
                "line": {"color": color},
                "hovertemplate": "%{x}: %{y:.3~f}<extra>%{fullData.name}</extra>",
            }
        )
    layout = {
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": shown},
        "yaxis": {"title": {"text": metric_name(metric, lang)}, "rangemode": "tozero"},
    }
    return _figure(traces, layout, title, presentation, height=420)


def tie_chart(
    summary: pd.DataFrame, lang: str = "zh", title: str = "", presentation: bool = False
) -> go.Figure:
    """Stacked bars: ties that persist, appear and vanish from each unit to the next."""
    steps = plain([f"{a} → {b}" for a, b in zip(summary["from"], summary["to"], strict=True)])
    traces = [
        {
            "type": "bar",
            "name": _w(status, lang),
            "x": steps,
            "y": (-summary[status] if status == "vanish" else summary[status]).tolist(),
            "marker": {"color": TIE_COLORS[status]},
            "hovertemplate": "%{x}: %{y}<extra>%{fullData.name}</extra>",
        }
        for status in ("persist", "appear", "vanish")
    ]
    layout = {
        "barmode": "relative",
        "xaxis": {"type": "category"},
        "yaxis": {"title": {"text": _w("ties", lang)}},
    }
    return _figure(traces, layout, title, presentation, height=360)
