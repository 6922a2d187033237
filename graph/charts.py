"""Plotly figures of the dashboard: pure functions from tables to figures.

Each builder takes a table computed elsewhere in :mod:`graph` and returns a
``plotly.graph_objects.Figure``; nothing here reads files or computes
metrics. Plotly reads a few HTML-like tags in text (``<b>``, ``<a href>``,
``<br>``), so every text from the data is entity-escaped first (:func:`plain`):
plotly then shows it literally. ``presentation=True`` enlarges type and marks
for a projector.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from graph.labels import kind_name, pick
from graph.overview import QUADRANT_NAMES, TIER_NAMES

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"
TEMPLATE = "plotly_white"
LEAD_COLOR = "#1f4e79"
PARTNER_COLOR = "#8fb8de"
TIER_COLORS = {"lead": "#b2182b", "key": "#ef8a62", "auxiliary": "#67a9cf"}
BEFORE_COLOR, AFTER_COLOR = "#999999", "#1f4e79"

_WORDS = {
    "measures": ("措施数", "measures"),
    "leads": ("牵头数", "leads"),
    "lead": ("牵头", "lead"),
    "partner": ("参与", "partner"),
    "agency": ("部门", "agency"),
    "section": ("部分", "section"),
    "breadth": ("合作部门数（广度）", "distinct partner agencies (breadth)"),
    "depth": ("措施数（深度）", "measures (depth)"),
    "median": ("中位数", "median"),
    "largest_2015": ("2015年最大前身部门的措施数", "2015: largest predecessor"),
    "sum_2015": ("2015年各前身部门措施数之和", "2015: predecessors added up"),
    "measures_today": ("如今的措施数", "today"),
}


def plain(values: Iterable[object]) -> list[str]:
    """Texts from the data, escaped so that plotly shows tags literally.

    >>> plain(["<b>x</b>", "商务部 & 财政部"])
    ['&lt;b&gt;x&lt;/b&gt;', '商务部 &amp; 财政部']
    """
    return [html.escape(str(v), quote=False) for v in values]


def _w(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)


def _label_column(lang: str) -> str:
    return "label_en" if lang == "en" else "label_zh"


def _figure(
    traces: list[dict], layout: dict, title: str, presentation: bool, height: int
) -> go.Figure:
    """A figure in the dashboard's style, validated in one constructor call.

    One call rather than ``update_layout``/``update_xaxes`` steps after
    construction: plotly validates and copies the layout again at each step
    (a bar chart took 5 ms that way, 1 ms in one call).
    """
    size = 22 if presentation else 13
    style = {
        "title": {"text": title, "font": {"size": size + 6}},
        "font": {"family": FONT_FAMILY, "size": size, "color": "#000000" if presentation else None},
        "height": int(height * (1.35 if presentation else 1)),
        "margin": {"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }
    fig = go.Figure(data=traces, layout={**layout, **style})
    _use_template(fig, TEMPLATE)
    return fig


@functools.cache
def _validated_template(name: str) -> go.layout.Template:
    """A registered plotly template, validated once per process (never handed out)."""
    return go.Layout(template=name).template


def _use_template(fig: go.Figure, name: str) -> None:
    """Give ``fig`` the registered template ``name``, as ``template=name`` would.

    Setting a template by name validates and deep-copies it (every trace
    type's defaults) each time: 7 ms of the 10-25 ms a figure took to build.
    The template is validated once instead (:func:`_validated_template`) and
    its properties copied in unvalidated, which is how plotly itself sets its
    default template (``BaseFigure._initialize_layout_template``). Each figure
    gets its own copy of the same template (tests/test_charts.py).
    """
    layout = fig.layout
    layout._validate = False
    try:
        layout.template = _validated_template(name)
    finally:
        layout._validate = fig._validate


def top_agencies_bar(
    metrics: pd.DataFrame,
    column: str = "measures",
    n: int = 15,
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """Horizontal bars of the ``n`` agencies highest on ``column``, highest on top.

    Parameters
    ----------
    metrics : pandas.DataFrame
        From :func:`graph.metrics.agency_metrics` (``label_zh``/``label_en`` and ``column``).
    column : str
        Numeric column to rank by (``measures``, ``leads``, ...).
    n : int
        How many agencies to show.
    lang : {"zh", "en"}
    title : str
    presentation : bool

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace; ``y`` holds the labels, ``x`` the values (ties in
        ``metrics`` order).
    """
    top = metrics.sort_values(column, ascending=False, kind="stable").head(n)
    bar = {
        "type": "bar",
        "x": top[column].tolist()[::-1],
        "y": plain(top[_label_column(lang)].tolist()[::-1]),
        "orientation": "h",
        "marker": {"color": LEAD_COLOR},
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    axis = {"title": {"text": _w(column, lang) if column in _WORDS else column}}
    return _figure([bar], {"xaxis": axis}, title, presentation, height=120 + 24 * len(top))


def role_split_bar(
    metrics: pd.DataFrame,
    n: int = 15,
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """Stacked bars of lead and partner assignments for the ``n`` busiest agencies.

    Returns a figure with two traces, ``leads`` then ``partner_roles``, whose
    values add up to each agency's ``measures``.
    """
    top = metrics.sort_values("measures", ascending=False, kind="stable").head(n)
    labels = plain(top[_label_column(lang)].tolist()[::-1])
    bars = [
        {
            "type": "bar",
            "name": _w(role, lang),
            "x": top[column].tolist()[::-1],
            "y": labels,
            "orientation": "h",
            "marker": {"color": color},
        }
        for role, column, color in (
            ("lead", "leads", LEAD_COLOR),
            ("partner", "partner_roles", PARTNER_COLOR),
        )
    ]
    layout = {"barmode": "stack", "xaxis": {"title": {"text": _w("measures", lang)}}}
    return _figure(bars, layout, title, presentation, height=140 + 24 * len(top))


def section_heatmap(
    matrix: pd.DataFrame,
    section_titles: dict[int, str] | None = None,
    n: int = 25,
    lang: str = "zh",
    title: str = "",
    presentation: bool = False,
) -> go.Figure:
    """Heatmap of measures per agency and section (the top ``n`` agencies).

    Parameters
    ----------
    matrix : pandas.DataFrame
        From :func:`graph.overview.agency_section_matrix` (busiest agency first).
    section_titles : dict, optional
        Section number -> title, shown under the column numbers.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap trace; ``z`` rows follow ``matrix`` rows (busiest at the top).
    """
    shown = matrix.head(n)
    titles = section_titles or {}
    columns = plain(
        f"{int(s)} {titles[int(s)]}" if int(s) in titles else str(int(s)) for s in shown.columns
    )
    heatmap = {
        "type": "heatmap",
        "z": shown.values.tolist(),
        "x": columns,
        "y": plain(shown.index),
        "colorscale": "Blues",
        "text": shown.values.tolist(),
        "texttemplate": "%{text}",
        "hovertemplate": "%{y} · %{x}: %{z}<extra></extra>",
        "colorbar": {"title": {"text": _w("measures", lang)}},
    }
    layout = {
        "yaxis": {"autorange": "reversed"},
        "xaxis": {"title": {"text": _w("section", lang)}, "tickangle": -30},
    }
    return _figure([heatmap], layout, title, presentation, height=160 + 22 * len(shown))


def tier_scatter(
    tiers: pd.DataFrame, lang: str = "zh", title: str = "", presentation: bool = False
) -> go.Figure:
    """Breadth (x) against depth (y), one colour per tier, dashed median lines.

    Parameters
    ----------
    tiers : pandas.DataFrame
        From :func:`graph.overview.agency_tiers` (``attrs`` holds the medians).

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per tier present (lead, key, auxiliary order); lead
        and key points are labelled with the agency, auxiliary ones on hover;
        two dashed lines at the medians.
    """
    label = _label_column(lang)
    traces = []
    for tier in ("lead", "key", "auxiliary"):
        part = tiers[tiers["tier"] == tier]
        if part.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "name": pick(TIER_NAMES[tier], lang),
                "x": part["breadth"].tolist(),
                "y": part["measures"].tolist(),
                # Auxiliary agencies crowd the corner near the origin: name them on hover only.
                "mode": "markers" if tier == "auxiliary" else "markers+text",
                "text": plain(part[label]),
                "textposition": "top center",
                "marker": {"size": 16 if presentation else 10, "color": TIER_COLORS[tier]},
                "customdata": [
                    [pick(QUADRANT_NAMES[q], lang), kind_name(k, lang)]
                    for q, k in zip(part["quadrant"], part["kind"], strict=True)
                ],
                "hovertemplate": "%{text}<br>%{customdata[0]}<br>%{customdata[1]}"
                "<br>x=%{x}, y=%{y}<extra></extra>",
            }
        )
    layout = {
        "xaxis": {"title": {"text": _w("breadth", lang)}},
        "yaxis": {"title": {"text": _w("depth", lang)}},
    }
    medians = tiers.attrs
    if "breadth_median" in medians:
        layout.update(median_lines(medians["breadth_median"], medians["depth_median"], lang))
    return _figure(traces, layout, title, presentation, height=560)


def median_lines(x: float, y: float, lang: str = "zh") -> dict:
    """Layout ``shapes`` and ``annotations`` of dashed median lines at ``x`` and ``y``.

    What ``add_vline(x)`` and ``add_hline(y)`` with an annotation draw, written
    out: those two calls took 6 ms, most of the scatter's time.

    >>> lines = median_lines(2, 1.5, "en")
    >>> [(s["xref"], s["yref"]) for s in lines["shapes"]]
    [('x', 'y domain'), ('x domain', 'y')]
    >>> [a["text"] for a in lines["annotations"]]
    ['median 2', 'median 1.5']
    """
    line = {"color": "#555555", "dash": "dash"}
    vertical = {"x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}
    horizontal = {"x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}
    return {
        "shapes": [
            {"type": "line", **vertical, "line": line},
            {"type": "line", **horizontal, "line": line},
        ],
        "annotations": [
            {
                "text": f"{_w('median', lang)} {x:g}",
                "showarrow": False,
                "x": x,
                "xref": "x",
                "xanchor": "left",
                "y": 1,
                "yref": "y domain",
                "yanchor": "top",
            },
            {
                "text": f"{_w('median', lang)} {y:g}",
                "showarrow": False,
                "x": 1,
                "xref": "x domain",
                "xanchor": "right",
                "y": y,
                "yref": "y",
                "yanchor": "bottom",
            },
        ],
    }


def load_shift_bar(
    shift: pd.DataFrame, lang: str = "zh", title: str = "", presentation: bool = False
) -> go.Figure:
    """Grouped bars per successor: 2015 largest predecessor, predecessors summed, today.

    Parameters
    ----------
    shift : pandas.DataFrame
        From :func:`graph.shift.load_shift`.

    Returns
    -------
    plotly.graph_objects.Figure
        Three bar traces (``largest_2015``, ``sum_2015``, ``measures_today``)
        over the successors' labels, in ``shift`` order.
    """
    labels = plain(shift[_label_column(lang)])
    colors = {"largest_2015": "#cccccc", "sum_2015": BEFORE_COLOR, "measures_today": AFTER_COLOR}
    bars = [
        {
            "type": "bar",
            "name": _w(col, lang),
            "x": labels,
            "y": shift[col].tolist(),
            "marker": {"color": colors[col]},
        }
        for col in ("largest_2015", "sum_2015", "measures_today")
    ]
    layout = {"barmode": "group", "yaxis": {"title": {"text": _w("measures", lang)}}}
    return _figure(bars, layout, title, presentation, height=420)


def cluster_size_bar(
    cluster_table: pd.DataFrame, lang: str = "zh", title: str = "", presentation: bool = False
) -> go.Figure:
    """Bars of cluster size and of the measures that bind each cluster.

    ``cluster_table`` comes from :func:`graph.clusters.cluster_table`; the x
    axis shows cluster numbers and labels.
    """
    x = plain(f"{row.cluster}: {row.label}" for row in cluster_table.itertuples(index=False))
    bars = [
        {
            "type": "bar",
            "name": pick(name, lang),
            "x": x,
            "y": cluster_table[column].tolist(),
            "marker": {"color": color},
        }
        for name, column, color in (
            (("部门数", "agencies"), "size", PARTNER_COLOR),
            (("凝聚措施数", "binding measures"), "binding_measures", LEAD_COLOR),
        )
    ]
    return _figure(bars, {"barmode": "group"}, title, presentation, height=380)
