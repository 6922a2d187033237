"""``python -m benchmarks.through_time``: a corpus of many documents, analysed by document.

Two targets of issue 13, measured here:

- **1,000 synthetic documents analysed by document in under 2 minutes and
  4 GB**: the command line a user runs, each step in a fresh process
  (``python -m graph parse DIR/*.txt -o corpus.csv --documents documents.csv``,
  then ``python -m graph metrics --data corpus.csv --by document --documents
  documents.csv -o m.csv``: every graph metric, Burt, core-periphery and the
  summaries, one row per document and agency); wall-clock time of each and
  the peak resident memory of each process (``ru_maxrss`` of the child).
- **A filter change on a 100-document corpus reruns a corpus page in under
  300 ms, server side**: the dashboard started on that corpus
  (``RESPONSIBILITY_CORPUS``, as ``--corpus`` would), driven by Streamlit's
  ``AppTest``; on every corpus page a fresh session opens the page, the
  corpus sidebar's agency-kind filter is narrowed to a set of kinds no earlier
  rerun used (so nothing filtered is cached), and the rerun is timed.

The documents are :func:`benchmarks.corpus.generate_corpus` texts at the
bundled document's size (about 74 measures and 40 agencies each), one seed
each, signed on dates spread over 2008-2024 (seeded), so that the periods and
the reform alignment have something to do.

Examples::

    python -m benchmarks.through_time                       # 1,000 and 100 documents
    python -m benchmarks.through_time --documents 200 --app-documents 50 --repeat 3
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Result
from graph.paths import ROOT

SEED = 2015
FIRST_YEAR, LAST_YEAR = 2008, 2024
PAGES = (
    "corpus_timeline",
    "corpus_agencies",
    "corpus_network",
    "corpus_compare",
    "corpus_documents",
)
_SIGNATURE = "2015 年 5 月 4 日"


def write_corpus(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """``count`` synthetic policy texts in ``folder``, each signed on its own date."""
    from benchmarks.corpus import generate_corpus

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = generate_corpus(1, seed=seed + i).text
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        date = f"{year} 年 {rng.randint(1, 12)} 月 {rng.randint(1, 28)} 日"
        path = folder / f"doc-{i:04d}.txt"
        path.write_text(text.replace(_SIGNATURE, date), encoding="utf-8")
        paths.append(path)
    return paths


def run_child(stage: str, command: list[str]) -> Result:
    """Run a command in a fresh process: wall-clock time and its peak resident memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    result = Result(stage, note=" ".join(command[2:5]) + " …")
    result.times.append(seconds)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: the first run of a
    # size, or one larger than every earlier child, is this child's own peak.
    result.peak_mb = max(peak, before) / 1024
    if peak <= before:
        result.note += f"; peak at most {peak / 1024:.0f} MB (an earlier child's)"
    if done.returncode not in (0, 2):
        result.status = "error"
        result.note = (done.stderr or done.stdout)[-300:]
    return result


def cli_stages(count: int, seed: int) -> list[Result]:
    """Parse ``count`` texts, then analyse them by document, each in its own process."""
    with tempfile.TemporaryDirectory(prefix="through-time-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        texts = write_corpus(folder / "texts", count, seed)
        made = Result("generate_texts", note=f"{count} texts, not part of the pipeline")
        made.times.append(time.perf_counter() - start)
        corpus, documents, metrics = (
            folder / "corpus.csv",
            folder / "documents.csv",
            folder / "m.csv",
        )
        python = [sys.executable, "-m", "graph"]
        parse = run_child(
            f"parse_{count}_texts",
            [
                *python,
                "parse",
                "--quiet",
                *map(str, texts),
                "-o",
                str(corpus),
                "--documents",
                str(documents),
            ],
        )
        analyse = run_child(
            f"metrics_by_document_{count}",
            [
                *python,
                "metrics",
                "--data",
                str(corpus),
                "--by",
                "document",
                "--documents",
                str(documents),
                "-o",
                str(metrics),
            ],
        )
        rows = sum(1 for _ in metrics.open(encoding="utf-8")) - 1 if metrics.exists() else 0
        analyse.note = f"{rows:,} rows (document, agency); every graph metric and the literature's"
        total = Result(f"total_{count}_documents", note="parse + metrics --by document")
        total.times.append(parse.times[0] + analyse.times[0])
        total.peak_mb = max(parse.peak_mb or 0, analyse.peak_mb or 0)
        return [made, parse, analyse, total]


def kind_choices(options: list[str]):
    """Sets of kinds, each used once: all but one first, then all but two …"""
    for size in range(len(options) - 1, 0, -1):
        for subset in itertools.combinations(options, size):
            yield list(subset)


def app_stages(count: int, seed: int, repeat: int) -> list[Result]:
    """Rerun time of every corpus page after a filter change, on a corpus of ``count`` texts."""
    from streamlit.testing.v1 import AppTest

    from app_pages.corpus_data import CORPUS_ENV

    results = []
    with tempfile.TemporaryDirectory(prefix="through-time-app-") as tmp:
        folder = Path(tmp) / "texts"
        write_corpus(folder, count, seed)
        os.environ[CORPUS_ENV] = str(folder)
        entry = str(ROOT / "streamlit_app.py")

        def opened(page: str) -> AppTest:
            app = AppTest.from_file(entry, default_timeout=300)
            app.run()
            app.switch_page(f"app_pages/{page}.py").run()
            return app

        start = time.perf_counter()
        first = opened(PAGES[0])
        cold = Result(
            f"corpus_first_run_{count}", note="AppTest: read and parse the corpus, first page"
        )
        cold.times.append(time.perf_counter() - start)
        results.append(cold)
        if first.exception:
            cold.status, cold.note = "error", str(first.exception[0].message)[:200]
            return results
        widget = next(w for w in first.sidebar.multiselect if w.key == "c_kinds")
        choices = kind_choices(list(widget.options))
        for page in PAGES:
            result = Result(f"rerun_after_filter[{page}]")
            result.note = (
                f"AppTest rerun of {page} on {count} documents after narrowing the agency kinds "
                "to a set not chosen before"
            )
            opened(page)  # the page's own first run (positions, layouts) is not the filter change
            for _ in range(repeat):
                app = opened(page)
                app.multiselect(key="c_kinds").set_value(next(choices))
                start = time.perf_counter()
                app.run()
                result.times.append(time.perf_counter() - start)
                if app.exception:
                    result.status, result.note = "error", str(app.exception[0].message)[:200]
                    break
            results.append(result)
        os.environ.pop(CORPUS_ENV, None)
    return results


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import machine, print_table, write_csv

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.through_time", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--documents", type=int, default=1000, help="documents analysed by document (1000)"
    )
    parser.add_argument(
        "--app-documents", type=int, default=100, help="documents of the app's corpus (100)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="filter changes timed per page (5)")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the texts and dates (2015)")
    parser.add_argument("--skip-cli", action="store_true", help="only the app")
    parser.add_argument("--skip-app", action="store_true", help="only the command line")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "test-output" / "through_time.csv", help="CSV to write"
    )
    args = parser.parse_args(argv)
    rows = []
    if not args.skip_cli:
        rows += [
            {"size": f"{args.documents} docs", **r.row()}
            for r in cli_stages(args.documents, args.seed)
        ]
    if not args.skip_app:
        rows += [
            {"size": f"{args.app_documents} docs", **r.row()}
            for r in app_stages(args.app_documents, args.seed, args.repeat)
        ]
    print_table(rows)
    write_csv(rows, args.out)
    for line in machine():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
