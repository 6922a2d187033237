"""``python -m benchmarks``: time and memory of every stage at several corpus sizes.

Each size runs in a fresh Python process, so that its peak resident memory
(``process_peak_rss``) belongs to that size alone and one size's caches do not
speed up the next. Results are printed as a table and written to a CSV file.

Examples::

    python -m benchmarks                          # sizes 1,10,100,1000, all stages
    python -m benchmarks --sizes 1,10 --out /tmp/bench.csv
    python -m benchmarks --sizes 1 --stages library --repeat 3
    python -m benchmarks --sizes 1 --stages readers   # a 100-page PDF, a Word file, a page
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.measure import Result, measure
from graph.paths import ROOT

STAGE_GROUPS = ("library", "render", "browser", "app", "readers")
COLUMNS = [
    "size",
    "nodes",
    "edges",
    "stage",
    "status",
    "runs",
    "median_s",
    "min_s",
    "max_s",
    "peak_mb",
    "ratio",
    "note",
]
DEFAULT_OUT = ROOT / "test-output" / "benchmarks.csv"


def _numbers(text: str) -> list[float]:
    try:
        values = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected numbers separated by commas: {text!r}"
        ) from None
    if any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError(f"sizes must be positive: {text!r}")
    return values


def _groups(text: str) -> list[str]:
    groups = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [g for g in groups if g not in STAGE_GROUPS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown stage group {', '.join(unknown)}; choose from {', '.join(STAGE_GROUPS)}"
        )
    return groups


def parser() -> argparse.ArgumentParser:
    """Command-line options (``--worker`` is internal: one size in a child process)."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time and peak memory of each stage, from policy text to snapshot, "
        "on synthetic corpora N times the bundled document's size.",
    )
    p.add_argument(
        "--sizes",
        type=_numbers,
        default=[1, 10, 100, 1000],
        help="corpus sizes as multiples of the bundled document (default: 1,10,100,1000)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"CSV file to write (default: {DEFAULT_OUT.relative_to(ROOT)})",
    )
    p.add_argument(
        "--stages",
        type=_groups,
        default=list(STAGE_GROUPS),
        help="stage groups to run: library, render, browser, app, readers (default: all)",
    )
    p.add_argument(
        "--frame-nodes",
        type=_numbers,
        default=[2000, 10000],
        help="extra graphs of about this many nodes for the browser comparison only "
        "(default: 2000,10000; pass 0 entries with --frame-nodes '' to skip)",
    )
    p.add_argument("--repeat", type=int, default=5, help="timed runs of a quick stage (default 5)")
    p.add_argument(
        "--limit", type=float, default=300.0, help="seconds before a stage is stopped (300)"
    )
    p.add_argument(
        "--frame-limit",
        type=float,
        default=120.0,
        help="seconds to wait for our page's first frame (120)",
    )
    p.add_argument(
        "--frame-repeat",
        type=int,
        default=15,
        help="page loads per page in the browser, each in a fresh context (default 15; "
        "a load slower than 10 s is not repeated)",
    )
    p.add_argument(
        "--pyvis-limit",
        type=float,
        default=60.0,
        help="seconds to wait for pyvis's default page's first frame (60)",
    )
    p.add_argument(
        "--pyvis-max-nodes",
        type=int,
        default=10000,
        help="largest graph drawn with pyvis's default for comparison (10000)",
    )
    p.add_argument(
        "--no-memory", action="store_true", help="skip the tracemalloc run of each stage"
    )
    p.add_argument("--seed", type=int, default=2015, help="seed of the corpus generator (2015)")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    p.add_argument("--frame-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    return p


def size_label(scale: float) -> str:
    """``1x``, ``26.5x``."""
    return f"{scale:g}x"


def run_size(args: argparse.Namespace, scale: float, frame_only: bool) -> list[dict]:
    """Run one size in a fresh interpreter and return its rows."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "rows.json"
        command = [
            sys.executable,
            "-m",
            "benchmarks",
            "--worker",
            "--scale",
            repr(scale),
            "--json",
            str(out),
            "--stages",
            ",".join(args.stages),
            "--repeat",
            str(args.repeat),
            "--limit",
            str(args.limit),
            "--frame-limit",
            str(args.frame_limit),
            "--frame-repeat",
            str(args.frame_repeat),
            "--pyvis-limit",
            str(args.pyvis_limit),
            "--pyvis-max-nodes",
            str(args.pyvis_max_nodes),
            "--seed",
            str(args.seed),
        ]
        command += ["--no-memory"] * args.no_memory + ["--frame-only"] * frame_only
        done = subprocess.run(command, cwd=ROOT, check=False)
        if not out.exists():
            return [
                {
                    "size": size_label(scale),
                    "stage": "worker",
                    "status": "error",
                    "note": f"worker exited with status {done.returncode}",
                }
            ]
        return json.loads(out.read_text(encoding="utf-8"))


def worker(args: argparse.Namespace) -> None:
    """Measure every chosen stage at one size and write the rows as JSON.

    At size 1 the bundled document itself is measured too (rows of size
    ``document``): its pipeline, snapshot, first frames and the app's filter change.
    """
    from benchmarks.corpus import generate_corpus
    from graph.paths import SOURCE_TEXT

    rows: list[dict] = []
    label = size_label(args.scale)
    made = measure(
        "generate_corpus", lambda: generate_corpus(args.scale, args.seed), repeat=1, memory=False
    )
    corpus = made.value
    made.note = (
        f"not part of the pipeline; {len(corpus.text):,} characters, "
        f"{len(corpus.measures):,} measures, {corpus.sections} sections, "
        f"{corpus.articles} articles"
    )
    rows += measure_text(args, corpus.text, label, first=[made])
    if args.scale == 1 and not args.frame_only:
        document = SOURCE_TEXT.read_text(encoding="utf-8")
        rows += measure_text(args, document, "document", app="app" in args.stages)
        if "readers" in args.stages:
            rows += measure_readers(args)
    rss = Result("process_peak_rss", note="resource.getrusage ru_maxrss of this size's process")
    rss.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append({"size": label, **rss.row()})
    args.json.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def measure_text(
    args: argparse.Namespace,
    text: str,
    label: str,
    first: Sequence[Result] = (),
    app: bool = False,
) -> list[dict]:
    """Rows of every chosen stage group for one policy text."""
    from benchmarks.browser import compare_first_frames
    from benchmarks.stages import Settings, library_stages, render_stages

    settings = Settings(repeat=args.repeat, limit=args.limit, memory=not args.no_memory, budget=5.0)
    rows: list[dict] = []
    context: dict = {"document": "guofa-2015-24" if label == "document" else "synthetic"}

    def emit(result: Result) -> None:
        rows.append({"size": label, **result.row()})
        shown = "-" if result.median is None else f"{result.median:.4f} s"
        print(f"  [{label}] {result.stage:<24} {result.status:<8} {shown}", file=sys.stderr)

    for result in first:
        emit(result)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        if "library" in args.stages and not args.frame_only:
            for result in library_stages(text, settings, workdir, context):
                emit(result)
        if {"render", "browser"} & set(args.stages):
            layouts = "render" in args.stages and not args.frame_only
            for result in render_stages(text, settings, context, layouts=layouts):
                emit(result)
        if "browser" in args.stages:
            graph = context["graph"]
            for result in compare_first_frames(
                context.get("page"),
                graph,
                workdir,
                limit=args.frame_limit,
                pyvis_limit=args.pyvis_limit,
                with_pyvis=graph.number_of_nodes() <= args.pyvis_max_nodes,
                repeat=args.frame_repeat,
            ):
                if result.stage == "first_frame_ours" and context.get("page_source"):
                    result.note += f"; page from {context['page_source']}"
                emit(result)
        if app:
            from benchmarks.app import filter_stages
            from graph.registry import load_registry
            from graph.table import load_measures

            registry = load_registry()
            for result in filter_stages(load_measures(registry=registry), registry):
                emit(result)
    graph = context.get("graph")
    for row in rows:
        if graph is not None:
            row["nodes"], row["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    return rows


def measure_readers(args: argparse.Namespace) -> list[dict]:
    """Rows of the readers group (size ``files``): see :mod:`benchmarks.readers`."""
    from benchmarks.readers import reader_stages
    from benchmarks.stages import Settings

    settings = Settings(repeat=args.repeat, limit=args.limit, memory=not args.no_memory, budget=5.0)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for result in reader_stages(settings, Path(tmp)):
            rows.append({"size": "files", **result.row()})
            shown = "-" if result.median is None else f"{result.median:.4f} s"
            print(f"  [files] {result.stage:<24} {result.status:<8} {shown}", file=sys.stderr)
    return rows


def frame_scale(nodes: float) -> float:
    """Corpus scale whose graph has about ``nodes`` nodes (measures + agencies).

    Starts from the 1x corpus's measures per unit of scale and corrects twice
    with the node count of the corpus generated at the estimate.
    """
    from benchmarks.corpus import generate_corpus

    def count(scale: float) -> int:
        corpus = generate_corpus(scale)
        return len(corpus.measures) + len({a.agency for m in corpus.measures for a in m.actors})

    scale = max(nodes - 40, 1) / len(generate_corpus(1).measures)
    for _ in range(2):
        scale = round(scale * (nodes - 40) / max(count(scale) - 40, 1), 2)
    return scale


def print_table(rows: list[dict]) -> None:
    """The results as an aligned text table."""
    shown = ["size", "nodes", "stage", "status", "runs", "median_s", "peak_mb", "ratio", "note"]
    cells = [[("" if row.get(c) is None else str(row.get(c))) for c in shown] for row in rows]
    widths = [
        min(60, max(len(c), *(len(r[i]) for r in cells))) if cells else len(c)
        for i, c in enumerate(shown)
    ]
    print("  ".join(c.ljust(w) for c, w in zip(shown, widths, strict=True)))
    for row in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))


def write_csv(rows: list[dict], path: Path) -> None:
    """Write the rows with :data:`COLUMNS` as header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def machine() -> list[str]:
    """Lines describing the machine and software the figures come from."""
    import networkx
    import numpy
    import pandas
    import scipy

    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 2**20:.1f} GB memory"
    import os

    return [
        f"machine: {cpu}, {os.cpu_count()} cores{memory}",
        f"python {platform.python_version()}, networkx {networkx.__version__}, "
        f"pandas {pandas.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    started = time.perf_counter()
    rows: list[dict] = []
    for scale in args.sizes:
        print(f"size {size_label(scale)}", file=sys.stderr)
        rows += run_size(args, scale, frame_only=False)
    if "browser" in args.stages:
        for nodes in args.frame_nodes:
            scale = frame_scale(nodes)
            print(f"browser comparison at about {nodes:g} nodes ({scale:g}x)", file=sys.stderr)
            rows += run_size(args, scale, frame_only=True)
    print_table(rows)
    write_csv(rows, args.out)
    for line in machine():
        print(line)
    print(f"{len(rows)} rows written to {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
