"""Turn a results CSV into the markdown tables of ``benchmarks/README.md``.

``python -m benchmarks.report benchmarks/results.csv`` prints one table of
median seconds (stages down, sizes across), one of traced peak memory, and
the first-frame comparison, so the README's figures are copied from the
measurements rather than typed.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

MAIN_SIZES = ("document", "1x", "10x", "100x", "1000x")
FRAME_STAGES = ("snapshot_html", "first_frame_ours", "first_frame_pyvis", "first_frame_ratio")


def read_rows(path: Path | str) -> list[dict]:
    """Rows of a results CSV written by ``python -m benchmarks``."""
    with Path(path).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seconds(row: dict) -> str:
    """A cell: the median in seconds, ``> limit`` for a timeout, or the status."""
    if row["status"] == "timeout":
        return "> " + row["note"].split("more than ")[-1].split(";")[0]
    if row["status"] != "ok":
        return row["status"]
    if not row["median_s"]:
        return ""
    value = float(row["median_s"])
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def pivot(rows: list[dict], column: str, render, sizes: list[str] | None = None) -> str:
    """Markdown table of ``render(row)`` with stages as rows and sizes as columns."""
    sizes = sizes or list(dict.fromkeys(r["size"] for r in rows))
    stages = list(dict.fromkeys(r["stage"] for r in rows if r["size"] in sizes))
    cell = {(r["stage"], r["size"]): r for r in rows}
    nodes = {r["size"]: r["nodes"] for r in rows if r.get("nodes")}
    head = ["stage"] + [f"{s} ({nodes.get(s, '?')} nodes)" for s in sizes]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for stage in stages:
        values = [render(cell[stage, s]) if (stage, s) in cell else "" for s in sizes]
        if any(values):
            lines.append("| " + " | ".join([stage, *values]) + " |")
    return "\n".join(lines)


def memory(row: dict) -> str:
    """A cell: traced peak (or process RSS) in MB."""
    return row["peak_mb"] or ""


def frames(rows: list[dict]) -> str:
    """First frames, ours against pyvis's default, at every size measured."""
    lines = [
        "| graph | nodes | edges | snapshot_html s | ours: first frame s | "
        "pyvis default: first frame s | pyvis / ours |",
        "|---|---|---|---|---|---|---|",
    ]
    cell = {(r["stage"], r["size"]): r for r in rows}
    for size in dict.fromkeys(r["size"] for r in rows):
        if ("first_frame_ours", size) not in cell:
            continue
        ours, theirs = cell["first_frame_ours", size], cell.get(("first_frame_pyvis", size))
        ratio = cell.get(("first_frame_ratio", size))
        shown_ratio = ""
        if ratio and ratio["ratio"]:
            shown_ratio = ("≥ " if theirs and theirs["status"] == "timeout" else "") + ratio[
                "ratio"
            ]
        snapshot = cell.get(("snapshot_html", size))
        lines.append(
            "| "
            + " | ".join(
                [
                    size,
                    ours["nodes"],
                    ours["edges"],
                    seconds(snapshot) if snapshot else "",
                    seconds(ours),
                    seconds(theirs) if theirs else "",
                    shown_ratio,
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rows = read_rows(argv[0] if argv else "benchmarks/results.csv")
    main_sizes = [s for s in dict.fromkeys(r["size"] for r in rows) if s in MAIN_SIZES]
    library = [r for r in rows if r["stage"] not in FRAME_STAGES]
    print("Median seconds\n")
    print(pivot(library, "median_s", seconds, main_sizes))
    print("\nPeak memory, MB (tracemalloc per stage; process_peak_rss is ru_maxrss)\n")
    print(pivot(library, "peak_mb", memory, main_sizes))
    print("\nFirst drawn frame in headless Chromium\n")
    print(frames(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
