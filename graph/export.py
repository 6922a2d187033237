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
