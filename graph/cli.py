"""``python -m graph``: parse texts, compute metrics, export the network.

Commands parse their options and call the library; errors in the input are
printed as a list of problems (file, line, column, value) with exit status 2.
"""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from graph.errors import InputError
from graph.paths import MEASURES_CSV

DATA_OPTION = click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MEASURES_CSV,
    show_default=True,
    help="Measures table (CSV in the project's schema) to read.",
)
WEIGHTING_OPTION = click.option(
    "--weighting",
    type=click.Choice(["count", "newman", "jaccard"]),
    default="count",
    show_default=True,
    help="Edge weight of the agency co-responsibility projection.",
)
GENERIC_OPTION = click.option(
    "--generic/--no-generic",
    "include_generic",
    default=True,
    show_default=True,
    help="Keep generic actors (有关部门, local governments) in the network.",
)
TODAY_OPTION = click.option(
    "--today",
    is_flag=True,
    help="Merge 2015 agencies into their current successors first.",
)


def friendly(command):
    """Turn InputError into a readable message and exit status 2."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(2)

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Responsibility networks of Chinese policy documents."""


@main.command()
@click.argument("text", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write; the table goes to standard output if omitted.",
)
@click.option("--document", help="Value of the document column (default: the file's stem).")
@click.option("--quiet", is_flag=True, help="Do not print notes (unregistered names, etc.).")
@friendly
def parse(text: Path, output: Path | None, document: str | None, quiet: bool) -> None:
    """Parse a policy TEXT into a measures table."""
    from graph.export import atomic_write
    from graph.parse import parse_file, write_measures

    result = parse_file(text, document=document)
    frame = result.to_frame()
    if output:
        atomic_write(output, lambda tmp: write_measures(frame, tmp))
    else:
        write_measures(frame, sys.stdout)
    if not quiet:
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        click.echo(
            f"{frame['measure_id'].nunique()} measures, {len(frame)} rows, "
            f"{frame['agency'].nunique()} actors",
            err=True,
        )


def _load(data_path: Path, today: bool):
    from graph.table import load_measures
    from graph.today import as_of_today

    table = load_measures(data_path)
    return as_of_today(table) if today else table


@main.command()
@DATA_OPTION
@WEIGHTING_OPTION
@GENERIC_OPTION
@TODAY_OPTION
@click.option(
    "--measures", "per_measure", is_flag=True, help="Metrics per measure instead of per agency."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write CSV here."
)
@click.option("--excel", is_flag=True, help="Excel-friendly CSV (BOM, formulas neutralised).")
@friendly
def metrics(
    data_path: Path,
    weighting: str,
    include_generic: bool,
    today: bool,
    per_measure: bool,
    output: Path | None,
    excel: bool,
) -> None:
    """Print or write the metrics table."""
    from graph.build import build_graph
    from graph.export import write_table
    from graph.metrics import agency_metrics, measure_metrics

    graph = build_graph(_load(data_path, today))
    if per_measure:
        table = measure_metrics(graph)
    else:
        table = agency_metrics(graph, weighting, include_generic).round(6).reset_index()
    if output:
        write_table(table, output, excel=excel)
    else:
        with_pandas_display(lambda: click.echo(table.to_string(index=False)))


def with_pandas_display(show) -> None:
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        show()


@main.command()
@DATA_OPTION
@WEIGHTING_OPTION
@GENERIC_OPTION
@TODAY_OPTION
@click.option("--seed", type=int, default=2015, show_default=True, help="Louvain random seed.")
@click.option(
    "--resolution", type=float, default=1.0, show_default=True, help="Louvain resolution."
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Label language.",
)
@friendly
def clusters(
    data_path: Path,
    weighting: str,
    include_generic: bool,
    today: bool,
    seed: int,
    resolution: float,
    lang: str,
) -> None:
    """Print the co-responsibility clusters and their modularity."""
    from graph.build import build_graph
    from graph.clusters import cluster_table, co_responsibility_clusters
    from graph.projection import co_responsibility

    graph = build_graph(_load(data_path, today))
    projection = co_responsibility(graph, weighting, include_generic)
    clustering = co_responsibility_clusters(projection, seed=seed, resolution=resolution, lang=lang)
    click.echo(f"modularity: {clustering.modularity:.4f}")
    table = cluster_table(graph, projection, clustering)
    members = "members_en" if lang == "en" else "members_zh"
    with_pandas_display(
        lambda: click.echo(
            table[["cluster", "size", members, "binding_measures"]].to_string(index=False)
        )
    )


@main.command()
@DATA_OPTION
@TODAY_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json"]),
    help="Output format (default: from the file's suffix).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (.graphml, .gexf or .json).",
)
@friendly
def export(data_path: Path, today: bool, fmt: str | None, output: Path) -> None:
    """Export the bipartite graph for Gephi, Cytoscape or other tools."""
    from graph.build import build_graph
    from graph.export import write_graph

    graph = build_graph(_load(data_path, today))
    try:
        write_graph(graph, output, fmt)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
