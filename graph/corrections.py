"""Corrections an analyst makes to a parsed table, kept in a small table of their own.

The parser reads most parentheticals right; where it did not, the analyst
says what the parenthetical means instead. A correction names the
parenthetical by its place in the source text (``document`` and
``assignment_start``, the offset of its opening bracket, so it survives a
re-parse of the same text), records what was read there (``assignment_text``,
checked when the correction is applied: if the text changed, the correction is
reported and not applied), and makes one change:

==================  ==============================================================
``action``          what it does
==================  ==============================================================
``change_role``     ``actor`` gets ``role`` (``lead`` or ``partner``)
``change_actor``    ``actor`` becomes ``new_actor`` (an agency id or a name as written)
``add_actor``       ``new_actor`` is added with ``role`` (``partner`` if empty)
``remove_actor``    ``actor`` is removed
``not_assignment``  the parenthetical is ordinary text: its measure is dropped
==================  ==============================================================

``actor`` is an agency id or a name as written (``agency`` or
``agency_as_written`` of a row of that parenthetical). Corrected rows get
``status = corrected`` and say what changed in ``status_reason``; the
corrected table counts the corrections applied in ``table.attrs["corrections"]``
(snapshots say "with N corrections"). Applying corrections never touches the
source text or ``data/``; it returns a new table.

>>> from graph.fixtures import tiny_table
>>> table = tiny_table()
>>> fix = corrections_frame([{
...     "document": "tiny", "assignment_start": table.at[0, "assignment_start"],
...     "assignment_text": "（商务部、发展改革委）", "action": "change_role",
...     "actor": "发展改革委", "role": "lead"}])
>>> corrected, problems = apply_corrections(table, fix)
>>> corrected.loc[corrected["measure_id"] == "M01.01", ["agency", "role", "status"]].values.tolist()
[['mofcom', 'lead', 'ok'], ['ndrc', 'lead', 'corrected']]
>>> problems
[]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.errors import Problem, ValidationError
from graph.registry import Registry, load_registry

CORRECTION_COLUMNS = [
    "document",
    "assignment_start",
    "assignment_text",
    "action",
    "actor",
    "new_actor",
    "role",
    "comment",
]
"""The corrections table's columns, in order (a public interface, like the measures table's)."""

ACTIONS = ("change_role", "change_actor", "add_actor", "remove_actor", "not_assignment")
ROLES = ("lead", "partner")
_NEEDS = {
    "change_role": ("actor", "role"),
    "change_actor": ("actor", "new_actor"),
    "add_actor": ("new_actor",),
    "remove_actor": ("actor",),
    "not_assignment": (),
}


def corrections_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    """A corrections table from dicts (missing columns empty), typed as loaded.

    >>> corrections_frame().columns.tolist() == CORRECTION_COLUMNS
    True
    """
    frame = pd.DataFrame(rows or [], columns=CORRECTION_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), "")
    return validate_corrections(frame.astype(str), "<corrections>")


def validate_corrections(raw: pd.DataFrame, source: str = "<corrections>") -> pd.DataFrame:
    """Check a table of strings against the corrections schema and return it typed.

    Raises
    ------
    ValidationError
        One problem per bad cell (CSV line, column, value) or missing column.
    """
    missing = [c for c in ("document", "assignment_start", "action") if c not in raw.columns]
    if missing:
        raise ValidationError([Problem(source, f"missing column {c!r}", 1, c) for c in missing])
    table = raw.copy()
    for col in CORRECTION_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    table = table[CORRECTION_COLUMNS].astype(str).apply(lambda c: c.str.strip())
    problems: list[Problem] = []
    for i, row in table.iterrows():
        line = int(i) + 2
        if not row["assignment_start"].lstrip("-").isdigit():
            problems.append(
                Problem(source, "not an integer", line, "assignment_start", row["assignment_start"])
            )
        if row["action"] not in ACTIONS:
            problems.append(
                Problem(source, f"must be one of {list(ACTIONS)}", line, "action", row["action"])
            )
            continue
        for col in _NEEDS[row["action"]]:
            if not row[col]:
                problems.append(Problem(source, f"{row['action']} needs {col}", line, col, ""))
        if row["role"] and row["role"] not in ROLES:
            problems.append(
                Problem(source, f"must be one of {list(ROLES)}", line, "role", row["role"])
            )
    if problems:
        raise ValidationError(problems)
    table["assignment_start"] = table["assignment_start"].astype(int)
    return table.reset_index(drop=True)


def corrections_from_bytes(data: bytes, source: str = "<upload>") -> pd.DataFrame:
    """Read and check a corrections CSV given as bytes (an upload or a file)."""
    from graph.table import csv_strings

    raw = csv_strings(data, source)
    return validate_corrections(raw, source)


def load_corrections(path: Path | str) -> pd.DataFrame:
    """Read and check a corrections CSV file (see :data:`CORRECTION_COLUMNS`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError([Problem(str(path), f"cannot read file: {error.strerror}")]) from None
    return corrections_from_bytes(data, str(path))


def write_corrections(corrections: pd.DataFrame, path) -> None:
    """Write a corrections table as UTF-8 CSV (a path or an open text stream)."""
    corrections[CORRECTION_COLUMNS].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def apply_corrections(
    table: pd.DataFrame,
    corrections: pd.DataFrame,
    registry: Registry | None = None,
    source: str = "corrections",
) -> tuple[pd.DataFrame, list[Problem]]:
    """The table with the corrections applied, and the corrections that could not be.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table with ``assignment_start`` (one parsed by this project).
    corrections : pandas.DataFrame
        As :func:`validate_corrections` returns it; applied in order.
    registry : Registry, optional
        Resolves ``new_actor``; the bundled registry by default.
    source : str
        Name used in problems (the corrections file).

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        A new table (the input is not changed), rows in the input's order with
        added actors after their measure's rows; one problem per correction
        that names a place, text or actor the table does not have (its CSV
        line given).
    """
    registry = registry or load_registry()
    out = table.copy()
    problems: list[Problem] = []
    for i, fix in corrections.iterrows():
        line = int(i) + 2
        at_place = out["assignment_start"].astype("Int64").eq(fix["assignment_start"])
        mask = (out["document"] == fix["document"]) & at_place.fillna(False).astype(bool)
        if not mask.any():
            problems.append(
                Problem(
                    source,
                    "no parenthetical of the table starts here (was the text changed?)",
                    line,
                    "assignment_start",
                    fix["assignment_start"],
                )
            )
            continue
        written = out.loc[mask, "assignment_text"].iloc[0]
        if fix["assignment_text"] and fix["assignment_text"] != written:
            problems.append(
                Problem(
                    source,
                    f"the table reads {written!r} here (was the text changed?)",
                    line,
                    "assignment_text",
                    fix["assignment_text"],
                )
            )
            continue
        out, problem = _apply_one(out, mask, fix, registry)
        if problem:
            problems.append(
                Problem(source, problem, line, "actor", fix["actor"] or fix["new_actor"])
            )
    out = _renumber(out)
    out.attrs["corrections"] = table.attrs.get("corrections", 0) + len(corrections) - len(problems)
    return out, problems


def _apply_one(
    table: pd.DataFrame, mask: pd.Series, fix: pd.Series, registry: Registry
) -> tuple[pd.DataFrame, str | None]:
    action = fix["action"]
    if action == "not_assignment":
        return table[~mask], None
    rows = table.index[mask]
    target = None
    if fix["actor"]:
        hits = [
            i
            for i in rows
            if fix["actor"] in (table.at[i, "agency"], table.at[i, "agency_as_written"])
        ]
        if not hits:
            return table, f"no actor {fix['actor']!r} in this parenthetical"
        target = hits[0]
    if action == "remove_actor":
        return table.drop(index=target), None
    if action == "change_role":
        table = table.copy()
        before = table.at[target, "role"]
        table.loc[target, ["role", "role_basis", "status"]] = [
            fix["role"],
            "corrected",
            "corrected",
        ]
        table.at[target, "status_reason"] = f"corrected: {before} → {fix['role']}"
        return table, None
    agency, written = _new_actor(fix["new_actor"], registry)
    new_id = agency or written
    current = set(table.loc[rows, "agency"])
    if target is not None:
        current.discard(table.at[target, "agency"])
    if new_id in current:
        return table, f"{fix['new_actor']!r} is already an actor of this parenthetical"
    if action == "change_actor":
        table = table.copy()
        before = table.at[target, "agency_as_written"]
        table.loc[target, ["agency", "agency_as_written", "registered", "status"]] = [
            new_id,
            written,
            agency is not None,
            "corrected",
        ]
        table.at[target, "status_reason"] = f"corrected: {before} → {written}"
        return table, None
    template = table.loc[rows[-1]].copy()
    role = fix["role"] or "partner"
    template[["agency", "agency_as_written", "registered", "role", "role_basis", "status"]] = [
        new_id,
        written,
        agency is not None,
        role,
        "corrected",
        "corrected",
    ]
    template["status_reason"] = f"corrected: added as {role}"
    position = table.index.get_loc(rows[-1]) + 1
    added = pd.DataFrame([template], columns=table.columns)
    merged = pd.concat([table.iloc[:position], added, table.iloc[position:]], ignore_index=True)
    return merged.astype(table.dtypes.to_dict()), None


def _new_actor(name: str, registry: Registry) -> tuple[str | None, str]:
    """(agency id or None, name as written) of an actor a correction names.

    ``name`` may be a written name (kept as written) or an agency id (written
    as its short name).
    """
    found = registry.resolve(name)
    if found is not None:
        return found, name
    if name in registry.agencies.index:
        return name, registry.label(name)
    return None, name


def _renumber(table: pd.DataFrame) -> pd.DataFrame:
    """Positions 1.. within each measure again, after removals and additions."""
    table = table.reset_index(drop=True)
    table["position"] = (
        table.groupby(["document", "measure_id"], sort=False).cumcount() + 1
    ).astype(table["position"].dtype)
    return table


def corrected_document(base, corrections: pd.DataFrame, registry: Registry | None = None):
    """A document with the corrections that name its documents applied, and their problems.

    Parameters
    ----------
    base : graph.uploads.Document
        The document as read (bundled, or parsed from an upload).
    corrections : pandas.DataFrame
        Corrections of any documents; those whose ``document`` is not in
        ``base``'s table are ignored.

    Returns
    -------
    (graph.uploads.Document, list of Problem)
        ``base`` itself when no correction names it; otherwise a new document
        (kind ``text`` for a corrected bundled text, so its own source is
        shown; key by content) whose name says how many corrections it carries.
    """
    from dataclasses import replace

    from graph.uploads import document_key

    mine = corrections[corrections["document"].isin(set(base.table["document"]))]
    if mine.empty:
        return base, []
    table, problems = apply_corrections(base.table, mine.reset_index(drop=True), registry)
    count = table.attrs.get("corrections", 0)
    name = f"{base.name} · {count} correction{'s' if count != 1 else ''}"
    kind = "text" if base.kind == "bundled" else base.kind
    return replace(base, key=document_key(table), name=name, kind=kind, table=table), problems
