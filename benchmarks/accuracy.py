"""How close sampled betweenness comes to the exact values, for the agencies.

``python -m benchmarks.accuracy [--sizes 30,100] [--sources 0+200,0+1000,500+500]``
builds the graph of each synthetic corpus, computes exact betweenness
(:func:`graph.metrics.exact_betweenness`) and estimates
(:func:`graph.metrics.sampled_betweenness`, seeded as the library seeds it) with
``c+k``: the ``c`` largest classes of twins exact and ``k`` pivots (``0+k``: plain
sampling, NetworkX's estimate; the library uses
``BETWEENNESS_EXACT_CLASSES+BETWEENNESS_PIVOTS``), and
prints, over the agencies, the median relative error, the largest relative error
among the upper half (by exact value), the Spearman rank correlation and how many
of the exact top 10 the estimate also puts in its top 10.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from scipy.stats import spearmanr

from benchmarks.corpus import generate_corpus
from graph import metrics
from graph.build import agency_nodes, build_graph
from graph.parse import parse_text
from graph.registry import load_registry


def compare(exact: dict, estimate: dict, agencies: list[str]) -> dict:
    """Error measures of ``estimate`` against ``exact`` over ``agencies``.

    >>> compare({"a": 2.0, "b": 1.0, "c": 0.0}, {"a": 3.0, "b": 1.0, "c": 0.0}, ["a", "b", "c"])
    {'median_rel': 0.0, 'max_rel_upper': 0.5, 'spearman': 1.0, 'top10': 3}
    """
    relative = {a: abs(estimate[a] - exact[a]) / exact[a] if exact[a] else 0.0 for a in agencies}
    ranked = sorted(agencies, key=lambda a: -exact[a])
    upper = ranked[: max(1, (len(ranked) + 1) // 2)]
    top_exact = set(ranked[:10])
    top_estimate = set(sorted(agencies, key=lambda a: -estimate[a])[:10])
    rho = spearmanr([exact[a] for a in agencies], [estimate[a] for a in agencies]).statistic
    return {
        "median_rel": statistics.median(relative.values()),
        "max_rel_upper": max(relative[a] for a in upper),
        "spearman": float(rho),
        "top10": len(top_exact & top_estimate),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--sizes", default="30,100", help="corpus sizes (default 30,100)")
    parser.add_argument(
        "--sources",
        default="0+200,0+1000,500+500",
        help="exact classes + pivots, comma-separated (default 0+200,0+1000,500+500)",
    )
    args = parser.parse_args(argv)
    registry = load_registry()
    print(
        "| graph | exact classes + pivots | seconds | median relative error "
        "| largest error, upper half | Spearman | top 10 kept |"
    )
    print("|---|---|---|---|---|---|---|")
    for scale in (float(s) for s in args.sizes.split(",")):
        text = generate_corpus(scale).text
        graph = build_graph(parse_text(text, "synthetic", registry).to_frame(), registry)
        agencies = agency_nodes(graph)
        started = time.perf_counter()
        exact = metrics.exact_betweenness(graph)
        label = f"{scale:g}x, {graph.number_of_nodes():,} nodes"
        seconds = time.perf_counter() - started
        classes = len(metrics.twin_classes(graph))
        print(f"| {label} | exact ({classes:,} twin classes) | {seconds:.1f} | | | | |")
        for exact_classes, k in (map(int, pair.split("+")) for pair in args.sources.split(",")):
            started = time.perf_counter()
            estimate = metrics.sampled_betweenness(graph, k, metrics.SEED, exact_classes)
            seconds = time.perf_counter() - started
            found = compare(exact, estimate, agencies)
            print(
                f"| {label} | {exact_classes} + {k} | {seconds:.1f} | {found['median_rel']:.0%} "
                f"| {found['max_rel_upper']:.0%} | {found['spearman']:.3f} "
                f"| {found['top10']}/10 |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
