"""Write the network and its tables to files other tools read.

GraphML and GEXF (Gephi, Cytoscape), node-link JSON, and CSV tables, plain or
Excel-safe. Every writer goes through a temporary file in the target folder
that is renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pandas as pd

FORMATS = ("graphml", "gexf", "json")


def atomic_write(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then rename it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def node_link_json(graph: nx.Graph) -> str:
    """The graph as node-link JSON text (NetworkX's ``node_link_data``, ``edges`` key)."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def write_graph(graph: nx.Graph, path: Path | str, fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML, GEXF or node-link JSON (by ``fmt`` or suffix).

    >>> import tempfile, pathlib
    >>> from graph.fixtures import tiny_graph
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tiny.graphml"
    >>> back = nx.read_graphml(write_graph(tiny_graph(), out))
    >>> back.number_of_nodes(), back.number_of_edges()
    (10, 10)
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "graphml":
        return atomic_write(path, lambda tmp: nx.write_graphml(graph, tmp, encoding="utf-8"))
    if fmt == "gexf":
        return atomic_write(path, lambda tmp: nx.write_gexf(graph, tmp, encoding="utf-8"))
    if fmt == "json":
        text = node_link_json(graph)
        return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells starting with ``= + - @`` (or tab, CR) prefixed with ``'``.

    Spreadsheets run such cells as formulas (CSV injection); the quote makes
    them plain text. Numbers are left alone.

    >>> excel_safe(pd.DataFrame({"a": ["=1+1", "ok", "-x"], "n": [-1, 2, 3]}))["a"].tolist()
    ["'=1+1", 'ok', "'-x"]
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


def write_table(
    frame: pd.DataFrame, path: Path | str, excel: bool = False, index: bool = False
) -> Path:
    """Write a table as UTF-8 CSV; ``excel`` adds a BOM and neutralises formulas."""
    data = excel_safe(frame) if excel else frame
    encoding = "utf-8-sig" if excel else "utf-8"
    return atomic_write(
        path, lambda tmp: data.to_csv(tmp, index=index, encoding=encoding, lineterminator="\n")
    )


def tasklists(
    table: pd.DataFrame,
    agencies: list[str] | tuple[str, ...] | None = None,
    lang: str = "zh",
    registry=None,
) -> pd.DataFrame:
    """Task lists (分工表) of several agencies as one table, for CSV and HTML exports.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table (possibly filtered).
    agencies : sequence of str, optional
        Agency ids, in the order wanted; every agency of the table when
        omitted, most measures first (ties by id).
    lang : {"zh", "en"}
        Language of names, titles and roles.
    registry : Registry, optional
        The bundled registry by default.

    Returns
    -------
    pandas.DataFrame
        ``agency`` (id) and ``agency_name`` (full name), then the columns of
        :func:`graph.tasklist.task_list`; one row per (agency, measure).

    Raises
    ------
    ValueError
        When an agency id does not occur in the table.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> both = tasklists(tiny_table(), ["saic", "aqsiq"])
    >>> both[["agency", "measure_id", "role"]].values.tolist()
    [['saic', 'M01.02', '牵头'], ['saic', 'M02.01', '牵头'], ['aqsiq', 'M02.01', '参与']]
    """
    from graph.registry import load_registry
    from graph.tasklist import TASK_COLUMNS, task_list

    registry = registry or load_registry()
    present = table["agency"].value_counts()
    if agencies is None:
        agencies = sorted(present.index, key=lambda a: (-int(present[a]), a))
    unknown = [a for a in agencies if a not in present.index]
    if unknown:
        raise ValueError(
            f"no measure names agency {', '.join(map(repr, unknown))} in this table "
            f"(agencies in it: {', '.join(sorted(present.index))})"
        )
    frames = []
    for agency in agencies:
        tasks = task_list(table, agency, lang=lang, registry=registry)
        tasks.insert(0, "agency_name", _agency_name(registry, agency, lang))
        tasks.insert(0, "agency", agency)
        frames.append(tasks)
    if not frames:
        return pd.DataFrame(columns=["agency", "agency_name", *TASK_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def _agency_name(registry, agency: str, lang: str) -> str:
    if agency not in registry.agencies.index:
        return agency
    row = registry.agencies.loc[agency]
    name = row["name_en"] if lang == "en" else row["full_name_zh"]
    return str(name or registry.label(agency, lang))
