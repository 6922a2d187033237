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
from graph.metrics import size_metrics
from graph.paths import MEASURES_CSV

_DATA = click.option(
    "--data",
    "data_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MEASURES_CSV,
    show_default="data/measures.csv",
    help="Measures table (CSV in the project's schema) to read.",
)


def _remember_corrections(ctx: click.Context, param: click.Parameter, value: Path | None):
    ctx.meta["corrections"] = value
    return value


_CORRECTIONS = click.option(
    "--corrections",
    type=click.Path(dir_okay=False, path_type=Path),
    expose_value=False,
    callback=_remember_corrections,
    help="Corrections (a CSV downloaded from the app's Review page) to apply on top of the "
    "table; nothing is written back.",
)


def DATA_OPTION(command):
    """--data TABLE.csv and --corrections FILE.csv: the table a command reads."""
    return _DATA(_CORRECTIONS(command))


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
@click.argument(
    "texts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write (several texts: one corpus table with a document column); "
    "standard output if omitted.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one CSV per text into this folder instead (named after each text).",
)
@click.option(
    "--document", help="Value of the document column for a single text (default: its stem)."
)
@click.option(
    "--quiet", is_flag=True, help="Do not print notes (unregistered names, etc.); warnings still."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 2 when anything could not be read (a warning); the table is "
    "written all the same.",
)
@click.option(
    "--documents",
    "documents_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the documents table (文号, title, issuer, date, source hash, counts) "
    "of the texts read to this CSV.",
)
@friendly
def parse(
    texts: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    document: str | None,
    quiet: bool,
    strict: bool,
    documents_out: Path | None,
) -> None:
    """Parse policy TEXTS (.txt, .pdf, .docx, .html, .htm) into a measures table.

    Each file is read into its source text by its extension (graph.readers:
    a PDF's text layer, a Word file's paragraphs and 分工 tables, a web page's
    body). One text gives its table; several give one corpus table (or one file each
    with --out-dir). What the parser cannot read in a text (a parenthetical, a
    bracket never closed) is printed as a warning with its line and column and
    the rest is parsed; rows it had to guess are flagged (status = review).
    Every text that can be read is written; a file that cannot be read at all
    is listed and the exit status is 2. With --strict, warnings also give 2.
    With --documents, the documents table of the texts read is written too.
    """
    import pandas as pd

    from graph.corpus import source_of
    from graph.errors import InputError, Problem
    from graph.export import atomic_write
    from graph.parse import parse_file
    from graph.registry import load_registry
    from graph.table import write_measures

    if document and len(texts) > 1:
        raise click.UsageError("--document names a single text; with several, stems are used")
    stems = [t.stem for t in texts]
    if len(set(stems)) < len(stems):
        raise click.UsageError("several texts share a file name; their document ids would clash")
    registry = load_registry()
    frames, failed, summaries, warned, sources = [], [], [], False, {}
    with click.progressbar(
        texts, label="parsing", file=sys.stderr, hidden=len(texts) < 2 or quiet
    ) as bar:
        for text in bar:
            try:
                result = parse_file(text, registry=registry, document=document)
            except InputError as error:
                failed.extend(error.problems)
                continue
            frame = result.to_frame()
            if out_dir:
                target = out_dir / f"{text.stem}.csv"
                atomic_write(target, lambda tmp, f=frame: write_measures(f, tmp))
            frames.append(frame)
            if documents_out:
                sources[document or text.stem] = source_of(text)
            if not quiet and result.measures:
                for note in result.notes:
                    click.echo(f"note: {note}", err=True)
            for problem in result.problems:
                click.echo(f"warning: {problem}", err=True)
            warned |= bool(result.problems) or not result.measures
            summaries.append(result.summary())
    if frames and not out_dir:
        table = pd.concat(frames, ignore_index=True)
        if output:
            atomic_write(output, lambda tmp: write_measures(table, tmp))
        else:
            write_measures(table, sys.stdout)
    if documents_out and frames:
        from graph.corpus import documents_table
        from graph.export import write_table

        write_table(documents_table(pd.concat(frames, ignore_index=True), sources), documents_out)
    for summary in summaries:
        click.echo(summary, err=True)
    if failed:
        written = f"; the other {len(frames)} written" if frames else ""
        raise InputError([*failed, Problem("parse", f"{len(failed)} problem(s){written}")])
    if strict and warned:
        click.echo("error: warnings above and --strict given", err=True)
        sys.exit(2)


def _load(data_path: Path, today: bool):
    """The table of --data, with the corrections of --corrections applied (their
    problems printed as warnings), merged into today's bodies with --today."""
    from graph.corrections import apply_corrections, load_corrections
    from graph.table import load_measures
    from graph.today import as_of_today

    table = load_measures(data_path)
    corrections = click.get_current_context().meta.get("corrections")
    if corrections:
        table, problems = apply_corrections(
            table, load_corrections(corrections), source=str(corrections)
        )
        for problem in problems:
            click.echo(f"warning: {problem}", err=True)
    return as_of_today(table) if today else table


DOCUMENTS_OPTION = click.option(
    "--documents",
    "documents_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Documents table (or edits of it: a document column and any of doc_number, title, "
    "title_en, issuer, date) giving dates for --by period and --align; otherwise dates come "
    "from the project's catalogue or a year in the document id.",
)
PERIOD_OPTION = click.option(
    "--period",
    type=click.Choice(["year", "reform"]),
    default="year",
    show_default=True,
    help="With --by period: one period per year, or per reform era.",
)
ALIGN_OPTION = click.option(
    "--align",
    default="as_written",
    show_default=True,
    help="Agencies as_written, or mapped through the reforms to the bodies of a year "
    "(2018) or of today.",
)


def _corpus(data_path: Path, documents_path: Path | None):
    """The measures table at ``data_path`` (with --corrections) and its documents table (with edits)."""
    from graph.corpus import apply_edits, documents_table, read_document_edits

    table = _load(data_path, False)
    documents = documents_table(table)
    if documents_path:
        edits = read_document_edits(documents_path)
        absent = ~edits["document"].isin(documents["document"])
        for document in edits.loc[absent, "document"]:
            # A document without assignments (no row in the table) is in a documents table
            # that parse wrote: nothing to measure for it.
            click.echo(
                f"note: {documents_path}: {document!r} has no row in {data_path}; left out",
                err=True,
            )
        documents = apply_edits(documents, edits[~absent])
    return table, documents


@main.command()
@DATA_OPTION
@WEIGHTING_OPTION
@GENERIC_OPTION
@TODAY_OPTION
@click.option(
    "--measures", "per_measure", is_flag=True, help="Metrics per measure instead of per agency."
)
@click.option(
    "--by",
    type=click.Choice(["all", "document", "period"]),
    default="all",
    show_default=True,
    help="all: the table as one network; document: one row per (document, agency) with the "
    "measures of the literature (Gini and Herfindahl of leads, Burt, core-periphery, "
    "density, centralisation); period: the same per (period, agency).",
)
@PERIOD_OPTION
@ALIGN_OPTION
@DOCUMENTS_OPTION
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="With --by: worker processes for the documents' (or periods') graph metrics "
    "(default: the machine's cores; the values do not depend on it).",
)
@click.option(
    "--summary",
    is_flag=True,
    help="With --by document or period: one row per document or period (its network's "
    "measures) instead of one per agency.",
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
    by: str,
    period: str,
    align: str,
    documents_path: Path | None,
    jobs: int | None,
    summary: bool,
    output: Path | None,
    excel: bool,
) -> None:
    """Print or write the metrics table (of the whole table, or by document or period)."""
    from graph.build import build_graph
    from graph.export import write_table
    from graph.metrics import agency_metrics, measure_metrics

    if by != "all":
        from graph.corpus_metrics import corpus_table
        from graph.filters import Filters, apply_filters
        from graph.reform import target_year

        if per_measure or today:
            raise click.UsageError("--by takes --align instead of --today, and no --measures")
        try:
            target_year(align)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        table, documents = _corpus(data_path, documents_path)
        if not include_generic:
            table = apply_filters(table, Filters(include_generic=False))
        import os

        frame = corpus_table(
            table,
            documents,
            by,
            align=align,
            period=period,
            weighting=weighting,
            summary=summary,
            jobs=jobs or len(os.sched_getaffinity(0)),
        )
        frame = frame.round(6)
    else:
        graph = build_graph(_load(data_path, today))
        if per_measure:
            frame = measure_metrics(graph)
        else:
            frame = agency_metrics(graph, weighting, include_generic).round(6).reset_index()
    if output:
        write_table(frame, output, excel=excel)
        click.echo(f"wrote {output} ({len(frame)} rows)", err=True)
    else:
        with_pandas_display(lambda: click.echo(frame.to_string(index=False)))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--edits",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Edits of the documents table to apply (a document column and any of doc_number, "
    "title, title_en, issuer, date).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write CSV here."
)
@friendly
def documents(inputs: tuple[Path, ...], edits: Path | None, output: Path | None) -> None:
    """The documents table of texts, measures tables or folders (INPUTS).

    One row per document: id, 文号, title, issuer, date and year (from the
    text's head and signature, the project's catalogue, or the edits), the
    source file and its SHA-256, and counts. Files that cannot be read are
    listed; the others are still written (exit status 2).
    """
    from graph.corpus import read_corpus, read_document_edits
    from graph.errors import InputError, Problem
    from graph.export import write_table

    corpus = read_corpus(inputs, edits=read_document_edits(edits) if edits else None)
    if output:
        write_table(corpus.documents, output)
        click.echo(f"wrote {output} ({len(corpus.documents)} documents)", err=True)
    else:
        with_pandas_display(
            lambda: click.echo(
                corpus.documents.drop(columns=["source_sha256"]).to_string(index=False)
            )
        )
    if corpus.failed:
        raise InputError(
            [
                *corpus.problems,
                Problem("documents", f"{len(corpus.failed)} file(s) could not be read"),
            ]
        )


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


TABLES = ("metrics", "measure-metrics", "measures")


@main.command()
@DATA_OPTION
@TODAY_OPTION
@click.option(
    "--what",
    type=click.Choice(["graph", *TABLES]),
    default="graph",
    show_default=True,
    help="graph: the bipartite graph (GraphML, GEXF, JSON); metrics: agency metrics CSV; "
    "measure-metrics: per-measure metrics CSV; measures: the measures table CSV.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json"]),
    help="Graph format (default: from the file's suffix); graphs only.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="Tables only: Excel-friendly CSV (BOM, cells starting with = + - @ neutralised).",
)
@WEIGHTING_OPTION
@GENERIC_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (.graphml, .gexf or .json for graphs; .csv for tables).",
)
@friendly
def export(
    data_path: Path,
    today: bool,
    what: str,
    fmt: str | None,
    excel: bool,
    weighting: str,
    include_generic: bool,
    output: Path,
) -> None:
    """Export the bipartite graph for Gephi, Cytoscape or other tools, or a table as CSV."""
    from graph.build import build_graph
    from graph.export import write_graph, write_table

    table = _load(data_path, today)
    if what == "measures":
        write_measures_table(table, output, excel)
        click.echo(f"wrote {output} ({len(table)} rows)")
        return
    graph = build_graph(table)
    if what in TABLES:
        from graph.metrics import agency_metrics, measure_metrics

        if what == "metrics":
            frame = agency_metrics(graph, weighting, include_generic).round(6).reset_index()
        else:
            frame = measure_metrics(graph)
        write_table(frame, output, excel=excel)
        click.echo(f"wrote {output} ({len(frame)} rows)")
        return
    try:
        write_graph(graph, output, fmt)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


def write_measures_table(table, output: Path, excel: bool) -> None:
    """The measures table as the parser writes it, or Excel-safe with a BOM."""
    from graph.export import atomic_write, write_table
    from graph.table import write_measures

    if excel:
        write_table(table, output, excel=True)
    else:
        atomic_write(output, lambda tmp: write_measures(table, tmp))


def filter_options(command):
    """Options building a :class:`graph.filters.Filters` (passed as ``filters``)."""
    from graph.registry import KINDS

    options = [
        click.option(
            "--section",
            "sections",
            type=int,
            multiple=True,
            help="Keep this section (repeatable); all sections if omitted.",
        ),
        click.option(
            "--article",
            "articles",
            type=int,
            multiple=True,
            help="Keep this article (repeatable); all articles if omitted.",
        ),
        click.option(
            "--agency-kind",
            "agency_kinds",
            type=click.Choice([*KINDS, "unregistered"]),
            multiple=True,
            help="Keep agencies of this kind (repeatable); all kinds if omitted.",
        ),
        click.option(
            "--role",
            "roles",
            type=click.Choice(["lead", "partner"]),
            multiple=True,
            help="Keep assignments with this role (repeatable); both if omitted.",
        ),
        click.option(
            "--generic/--no-generic",
            "include_generic",
            default=True,
            show_default=True,
            help="Keep generic actors (有关部门, local governments).",
        ),
        click.option(
            "--coordination/--no-coordination",
            "include_coordination",
            default=True,
            show_default=True,
            help="Keep the closing coordination-mechanism sentence.",
        ),
    ]
    names = (
        "sections",
        "articles",
        "agency_kinds",
        "roles",
        "include_generic",
        "include_coordination",
    )

    @wraps(command)
    def run(*args, **kwargs):
        from graph.filters import Filters

        values = {name: kwargs.pop(name) for name in names}
        filters = Filters(
            **{
                name: (tuple(value) or None) if isinstance(value, tuple) else value
                for name, value in values.items()
            }
        )
        return command(*args, filters=filters, **kwargs)

    for option in reversed(options):
        run = option(run)
    return run


def _timestamp(value: str | None):
    from datetime import datetime

    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date-time such as 2015-05-04T09:00:00+08:00",
            param_hint="--generated-at",
        ) from None


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of labels, legend and page text.",
)
GENERATED_AT_OPTION = click.option(
    "--generated-at",
    help="Time stamp to print (ISO 8601), for reproducible files; now if omitted.",
)


@main.command()
@DATA_OPTION
@TODAY_OPTION
@filter_options
@click.option(
    "--view",
    type=click.Choice(["bipartite", "projection", "ego"]),
    default="bipartite",
    show_default=True,
    help="bipartite: measures and agencies; projection: agencies linked by shared "
    "measures; ego: one agency (--agency), its measures and their other agencies.",
)
@click.option("--agency", help="Agency id in focus for --view ego (e.g. mofcom).")
@click.option(
    "--layout",
    type=click.Choice(["bipartite", "force"]),
    default="bipartite",
    show_default=True,
    help="Two columns or force-directed (bipartite and ego views; the projection is "
    "always force-directed).",
)
@click.option(
    "--color-by",
    type=click.Choice(["kind", "cluster", "section"]),
    default="kind",
    show_default=True,
    help="Colour agencies by kind or co-responsibility cluster, or measures by section.",
)
@click.option(
    "--size-by",
    type=click.Choice(size_metrics()),
    default="measures",
    show_default=True,
    help="Agency metric giving node size (graph.metrics.METRICS).",
)
@WEIGHTING_OPTION
@click.option(
    "--min-weight",
    type=float,
    default=0.0,
    show_default=True,
    help="Projection only: leave out links lighter than this.",
)
@click.option(
    "--highlight-section",
    "highlight_sections",
    type=int,
    multiple=True,
    help="Emphasise this section's measures and the agencies named in them, grey out the "
    "rest and zoom to them (repeatable).",
)
@click.option(
    "--highlight-agency",
    "highlight_agencies",
    multiple=True,
    help="Emphasise this agency and its measures (repeatable, e.g. --highlight-agency mofcom).",
)
@LANG_OPTION
@click.option("--title", help="Title of the page (default: document number and view).")
@click.option(
    "--presentation", is_flag=True, help="Large labels and high contrast, for projectors."
)
@click.option(
    "--scene",
    type=click.IntRange(min=0),
    help="A presentation scene alone, laid out for a projector: 0 the whole document, then "
    "one per section and the coordination mechanism, as the app's presentation mode "
    "steps through them.",
)
@GENERATED_AT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .html (the offline page), .svg or .pdf (vector, for reports; "
    "the PDF is printed by Chromium).",
)
@friendly
def snapshot(
    data_path: Path,
    today: bool,
    filters,
    view: str,
    agency: str | None,
    layout: str,
    color_by: str,
    size_by: str,
    weighting: str,
    min_weight: float,
    highlight_sections: tuple[int, ...],
    highlight_agencies: tuple[str, ...],
    lang: str,
    title: str | None,
    presentation: bool,
    scene: int | None,
    generated_at: str | None,
    output: Path,
) -> None:
    """Write the network as an offline HTML page, or as SVG or PDF for reports."""
    from graph.export import atomic_write
    from graph.filters import apply_filters
    from graph.snapshot import SnapshotOptions, highlight_nodes

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".svg", ".pdf"):
        raise click.UsageError(f"cannot tell the format of {output.name}: use .html, .svg or .pdf")
    moment = _timestamp(generated_at)
    table = _load(data_path, today)
    highlight, highlight_name = (), ""
    if highlight_sections or highlight_agencies:
        try:
            highlight, highlight_name = highlight_nodes(
                apply_filters(table, filters),
                sections=highlight_sections,
                agencies=highlight_agencies,
                lang=lang,
            )
        except ValueError as error:
            raise click.UsageError(str(error)) from None
    options = SnapshotOptions(
        filters=filters,
        view=view,
        layout=layout,
        color_by=color_by,
        size_by=size_by,
        weighting=weighting,
        min_weight=min_weight,
        lang=lang,
        title=title,
        agency=agency,
        presentation=presentation,
        highlight=highlight,
        highlight_name=highlight_name,
        scene=scene,
    )
    try:
        data = _snapshot_bytes(table, options, moment, suffix)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except RuntimeError as error:  # no Chromium to print the PDF with
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    atomic_write(output, lambda tmp: tmp.write_bytes(data))
    click.echo(f"wrote {output} ({len(data):,} bytes)")


def _snapshot_bytes(table, options, moment, suffix: str) -> bytes:
    """The snapshot in the format of ``suffix``: HTML, SVG or PDF (one picture, three files)."""
    from graph import snapshot

    if suffix == ".pdf":
        return snapshot.snapshot_pdf(table, options, generated_at=moment)
    if suffix == ".svg":
        return snapshot.snapshot_svg(table, options, generated_at=moment).encode("utf-8")
    return snapshot.snapshot_html(table, options, generated_at=moment).encode("utf-8")


@main.command()
@DATA_OPTION
@TODAY_OPTION
@filter_options
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    help="Agency id (repeatable, e.g. --agency mofcom); every agency if omitted.",
)
@LANG_OPTION
@click.option("--excel", is_flag=True, help="CSV only: Excel-friendly (BOM, formulas neutralised).")
@click.option("--title", help="HTML only: page title (default: document number and 分工表).")
@GENERATED_AT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .csv for a table, .html for a printable page.",
)
@friendly
def tasklist(
    data_path: Path,
    today: bool,
    filters,
    agencies: tuple[str, ...],
    lang: str,
    excel: bool,
    title: str | None,
    generated_at: str | None,
    output: Path,
) -> None:
    """Write the task list (分工表) of one, several or all agencies as CSV or HTML."""
    from graph.export import atomic_write, tasklists, write_table
    from graph.filters import apply_filters
    from graph.tasklist import tasklist_page

    suffix = output.suffix.lower()
    if suffix not in (".csv", ".html", ".htm"):
        raise click.UsageError(f"cannot tell the format of {output.name}: use .csv or .html")
    moment = _timestamp(generated_at)
    table = _load(data_path, today)
    try:
        tasks = tasklists(apply_filters(table, filters), list(agencies) or None, lang=lang)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if suffix == ".csv":
        write_table(tasks, output, excel=excel)
    else:
        page = tasklist_page(
            table, filters, list(agencies) or None, lang=lang, title=title, generated_at=moment
        )
        data = page.encode("utf-8")
        atomic_write(output, lambda tmp: tmp.write_bytes(data))
    click.echo(f"wrote {output} ({tasks['agency'].nunique()} agencies, {len(tasks)} rows)")


@main.command("corpus-snapshot")
@DATA_OPTION
@DOCUMENTS_OPTION
@ALIGN_OPTION
@WEIGHTING_OPTION
@click.option(
    "--by",
    type=click.Choice(["period", "document"]),
    default="period",
    show_default=True,
    help="One picture per period or per document.",
)
@PERIOD_OPTION
@click.option(
    "--size-by",
    type=click.Choice(["measures", "leads", "breadth", "effective_size", "constraint", "coreness"]),
    default="measures",
    show_default=True,
    help="Agency size.",
)
@LANG_OPTION
@click.option("--title", help="Title of the page (default: the agency network over time).")
@GENERATED_AT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="HTML file to write.",
)
@friendly
def corpus_snapshot(
    data_path: Path,
    documents_path: Path | None,
    align: str,
    weighting: str,
    by: str,
    period: str,
    size_by: str,
    lang: str,
    title: str | None,
    generated_at: str | None,
    output: Path,
) -> None:
    """Write the agency network of every period (or document) as one offline page with a slider.

    Every agency is in the same place in every picture (positions computed on
    the whole corpus); ties are coloured by what changed since the period
    before: they persist, appear or vanish.
    """
    import pandas as pd

    from graph.corpus import document_years, periods
    from graph.corpus_view import (
        corpus_positions,
        corpus_snapshot_html,
        now_line,
        unit_groups,
        unit_specs,
    )
    from graph.export import atomic_write
    from graph.reform import TARGET_NAMES, align_agencies, target_year

    try:
        target_year(align)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    moment = _timestamp(generated_at)
    table, documents = _corpus(data_path, documents_path)
    aligned = align_agencies(table, document_years(documents), align)
    if by == "period":
        units = periods(documents, period)
    else:
        ids = documents["document"].tolist()
        units = pd.Series(pd.Categorical(ids, categories=ids, ordered=True), index=ids)
    specs = unit_specs(
        unit_groups(aligned, units),
        corpus_positions(aligned, weighting),
        weighting=weighting,
        size_by=size_by,
        lang=lang,
    )
    if not specs:
        raise click.UsageError(f"{data_path} has no measure to draw")
    en = lang == "en"
    words = TARGET_NAMES.get(align, (f"{align} 年的机构", f"bodies of {align}"))
    page = corpus_snapshot_html(
        specs,
        title=title or ("The agency network over time" if en else "部门合作网络的变化"),
        provenance=[
            (f"corpus: {len(documents)} documents" if en else f"文集：{len(documents)} 份文件"),
            now_line(lang, moment),
        ],
        filters=[("agencies: " if en else "机构：") + words[1 if en else 0]],
        lang=lang,
        kind=by,
    )
    data = page.encode("utf-8")
    atomic_write(output, lambda tmp: tmp.write_bytes(data))
    click.echo(f"wrote {output} ({len(specs)} {by}s, {len(data):,} bytes)")
