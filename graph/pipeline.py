"""The whole analysis in one call: table -> graph -> projection, metrics, clusters."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.build import build_graph
from graph.clusters import SEED, Clustering, co_responsibility_clusters
from graph.metrics import agency_metrics
from graph.projection import co_responsibility
from graph.registry import Registry, load_registry


@dataclass(frozen=True)
class Analysis:
    """Everything computed from one measures table with one set of choices."""

    table: pd.DataFrame
    graph: nx.Graph
    projection: nx.Graph
    metrics: pd.DataFrame
    clustering: Clustering


def analyse(
    table: pd.DataFrame,
    weighting: str = "count",
    include_generic: bool = True,
    seed: int = SEED,
    lang: str = "zh",
    registry: Registry | None = None,
) -> Analysis:
    """Build the graph and compute projection, agency metrics and clusters.

    ``metrics`` gains a ``cluster`` column (1-based cluster number).

    >>> from graph.fixtures import tiny_table
    >>> a = analyse(tiny_table())
    >>> a.graph.number_of_nodes(), int(a.metrics.loc["mofcom", "measures"])
    (10, 3)
    """
    registry = registry or load_registry()
    graph = build_graph(table, registry)
    projection = co_responsibility(graph, weighting, include_generic)
    metrics = agency_metrics(graph, weighting, include_generic, projection=projection)
    clustering = co_responsibility_clusters(projection, seed=seed, lang=lang)
    membership = clustering.membership()
    metrics = metrics.assign(cluster=[membership.get(f"agency:{a}", 0) for a in metrics.index])
    return Analysis(table, graph, projection, metrics, clustering)
