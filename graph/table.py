"""Load and validate a measures table (``data/measures.csv`` and its kin).

Validation reports every problem at once, each naming file, CSV line, column
and value: missing columns, wrong types, values outside their domain,
duplicate (measure, agency) rows, empty measure text, measures whose rows
disagree, and agencies marked registered that the registry does not know.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.errors import Problem, ValidationError
from graph.paths import MEASURES_CSV
from graph.registry import Registry, load_registry

COLUMNS = [
    "document",
    "measure_id",
    "kind",
    "section",
    "section_title",
    "article",
    "article_title",
    "measure_seq",
    "measure_text",
    "agency",
    "agency_as_written",
    "registered",
    "position",
    "role",
    "shared_duty",
    "source_start",
    "source_end",
    "assignment_text",
    "assignment_start",
    "deadline",
    "scope",
    "role_basis",
    "status",
    "status_reason",
]
"""The measures table's columns, in order: a public interface (see the README)."""

OPTIONAL_DEFAULTS = {
    "document": None,  # the file's stem
    "registered": None,  # looked up in the registry
    "assignment_text": "",
    "assignment_start": "",
    "deadline": "",
    "scope": "",
    "role_basis": "",
    "status": "ok",
    "status_reason": "",
}
"""Columns a table may leave out (older tables, hand-made ones), and what they become."""

ACTOR_COLUMNS = (
    "agency",
    "agency_as_written",
    "registered",
    "position",
    "role",
    "shared_duty",
    "role_basis",
    "status",
    "status_reason",
)
"""The columns of one actor of a measure; the others belong to the measure."""

ROLE_BASES = ("explicit", "standing_note", "shared_duty", "first_listed")
"""Why the parser gave an actor its role (``role_basis``), in the order of the role rule;
``corrected`` marks a role an analyst set."""

REQUIRED = [c for c in COLUMNS if c not in OPTIONAL_DEFAULTS]
INT_COLUMNS = ["measure_seq", "position", "source_start", "source_end"]
OPTIONAL_INT_COLUMNS = ["section", "article", "assignment_start"]
BOOL_COLUMNS = ["registered", "shared_duty"]
DOMAINS = {
    "kind": {"task", "coordination"},
    "role": {"lead", "partner"},
    "role_basis": {"", *ROLE_BASES, "corrected"},
    "status": {"ok", "review", "corrected"},
}
_TRUE, _FALSE = {"true", "1", "yes", "t"}, {"false", "0", "no", "f"}
PER_MEASURE = ["kind", "section", "article", "measure_text", "source_start", "source_end"]


MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_TABLE_ROWS = 100_000
MAX_CELL_CHARS = 20_000
"""Limits for uploaded tables; the bundled table is 95 KB, 211 rows."""


def load_measures(
    path: Path | str = MEASURES_CSV, registry: Registry | None = None
) -> pd.DataFrame:
    """Read a measures CSV and validate it.

    Parameters
    ----------
    path : path
        A CSV in the project's schema (UTF-8, UTF-16 or GB18030); the bundled
        table by default.
    registry : Registry, optional
        Used to check agency ids; the bundled registry by default.

    Returns
    -------
    pandas.DataFrame
        Typed: integers as ``Int64``, booleans as ``bool``, text as ``str``.

    Raises
    ------
    ValidationError
        With one :class:`Problem` per bad cell, row or column.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError([Problem(str(path), f"cannot read file: {error.strerror}")]) from None
    return measures_from_bytes(data, str(path), registry)


def measures_from_bytes(
    data: bytes,
    source: str = "<upload>",
    registry: Registry | None = None,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """Decode, read and validate a measures table given as bytes (an upload).

    ``max_bytes`` and ``max_rows`` refuse inputs that are too large (the app
    passes :data:`MAX_TABLE_BYTES` and :data:`MAX_TABLE_ROWS`); cells longer
    than :data:`MAX_CELL_CHARS` are reported as problems.
    """
    raw = csv_strings(data, source, max_bytes)
    if max_rows is not None and len(raw) > max_rows:
        raise ValidationError(
            [Problem(source, f"{len(raw):,} rows; the limit is {max_rows:,} rows")]
        )
    return validate_measures(raw, source, registry)


def csv_strings(
    data: bytes, source: str = "<upload>", max_bytes: int | None = None
) -> pd.DataFrame:
    """A CSV file's cells as strings (UTF-8, UTF-16 or GB18030; empty cells empty).

    Raises
    ------
    ValidationError
        When the bytes are not text, are over ``max_bytes``, or are not CSV.
    """
    import io

    from graph.errors import InputError
    from graph.ingest import decode_bytes

    try:
        text = decode_bytes(data, source, max_bytes).text
    except InputError as error:
        raise ValidationError(error.problems) from None
    try:
        # Bytes, not io.StringIO: pandas re-encodes a StringIO through a buffer that
        # is copied on every read, quadratic for CJK text (3 bytes a character).
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8")), dtype=str, keep_default_na=False, encoding="utf-8"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValidationError([Problem(source, f"cannot read as CSV: {error}")]) from None


def validate_measures(
    raw: pd.DataFrame, source: str = "<table>", registry: Registry | None = None
) -> pd.DataFrame:
    """Check a table of strings against the schema and return it typed.

    ``raw`` holds strings as read from CSV (``dtype=str``); line numbers in
    problems assume row ``i`` is on CSV line ``i + 2``.
    """
    registry = registry or load_registry()
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise ValidationError(
            [
                Problem(
                    source, f"missing column {c!r} (columns found: {', '.join(raw.columns)})", 1, c
                )
                for c in missing
            ]
        )
    problems: list[Problem] = []
    table = raw.copy()
    table = table.astype({c: str for c in table.columns})
    for col in table.columns:
        for i in table.index[table[col].str.len() > MAX_CELL_CHARS]:
            problems.append(
                Problem(
                    source,
                    f"value is {len(table.at[i, col]):,} characters; the limit is {MAX_CELL_CHARS:,}",
                    int(i) + 2,
                    col,
                    table.at[i, col][:40],
                )
            )
    if "document" not in table.columns:
        table.insert(0, "document", Path(source).stem)
    if "registered" not in table.columns:
        table["registered"] = [str(a in registry.agencies.index).lower() for a in table["agency"]]
    for col, default in OPTIONAL_DEFAULTS.items():
        if default is not None and col not in table.columns:
            table[col] = default

    def line(i: int) -> int:
        return int(i) + 2

    for col in INT_COLUMNS + OPTIONAL_INT_COLUMNS:
        values = pd.to_numeric(table[col].str.strip().replace("", pd.NA), errors="coerce")
        bad = values.isna() & (
            table[col].str.strip() != "" if col in OPTIONAL_INT_COLUMNS else True
        )
        bad |= values.notna() & (values != values.round())
        for i in table.index[bad]:
            problems.append(Problem(source, "not an integer", line(i), col, table.at[i, col]))
        table[col] = values.where(~bad).astype("Int64")
    for col in BOOL_COLUMNS:
        lowered = table[col].str.strip().str.lower()
        bad = ~lowered.isin(_TRUE | _FALSE)
        for i in table.index[bad]:
            problems.append(Problem(source, "not true/false", line(i), col, table.at[i, col]))
        table[col] = lowered.isin(_TRUE)
    for col, allowed in DOMAINS.items():
        for i in table.index[~table[col].isin(allowed)]:
            problems.append(
                Problem(source, f"must be one of {sorted(allowed)}", line(i), col, table.at[i, col])
            )
    for col in ("measure_id", "agency", "measure_text"):
        for i in table.index[table[col].str.strip() == ""]:
            problems.append(Problem(source, "empty", line(i), col, ""))
    for i in table.index[table["kind"].eq("task") & table["article"].isna()]:
        problems.append(Problem(source, "a task needs an article number", line(i), "article", ""))
    dupes = table.duplicated(["document", "measure_id", "agency"], keep="first")
    for i in table.index[dupes]:
        problems.append(
            Problem(
                source,
                "duplicate (measure_id, agency) row",
                line(i),
                "agency",
                table.at[i, "agency"],
            )
        )
    problems += _inconsistent_measures(table, source)
    unknown = table["registered"] & ~table["agency"].isin(registry.agencies.index)
    for i in table.index[unknown]:
        agency = table.at[i, "agency"]
        hint = registry.suggest(agency)
        message = "agency id not in the registry (mark registered=false to keep it as unregistered)"
        if hint:
            names = (f"{h} ({registry.label(h)})" for h in hint)
            message += f"; did you mean: {', '.join(names)}"
        problems.append(Problem(source, message, line(i), "agency", agency))
    if problems:
        raise ValidationError(problems)
    return table[COLUMNS + [c for c in table.columns if c not in COLUMNS]].reset_index(drop=True)


def _inconsistent_measures(table: pd.DataFrame, source: str) -> list[Problem]:
    """Rows of one measure must agree on the measure's own columns."""
    problems = []
    for col in PER_MEASURE:
        text = table[col].astype("string").fillna("")
        first = text.groupby([table["document"], table["measure_id"]], sort=False).transform(
            "first"
        )
        differs = text != first
        for i in table.index[differs]:
            problems.append(
                Problem(
                    source,
                    f"differs from the first row of measure {table.at[i, 'measure_id']}",
                    int(i) + 2,
                    col,
                    str(table.at[i, col]),
                )
            )
    return problems


def write_measures(frame: pd.DataFrame, path) -> None:
    """Write a measures table as UTF-8 CSV with ``\\n`` line ends and lowercase booleans.

    ``path`` is a file path or an open text stream (standard output).
    """
    out = frame.copy()
    for col in BOOL_COLUMNS:
        out[col] = out[col].map({True: "true", False: "false"})
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def measures_only(table: pd.DataFrame) -> pd.DataFrame:
    """One row per measure (the measure's own columns, actor columns dropped)."""
    keep = [c for c in COLUMNS if c not in ACTOR_COLUMNS]
    keep = [c for c in keep if c in table.columns]
    return table.drop_duplicates(["document", "measure_id"])[keep].reset_index(drop=True)
