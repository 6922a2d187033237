"""A user's own document: an uploaded or pasted policy text, or an uploaded measures table.

The app offers the bundled document next to what a user brings. This module
turns the bytes of one upload into a :class:`Document` every view can draw
(the measures table in the project's schema, and for texts the decoded text
the table's offsets point into), or raises :class:`graph.errors.InputError`
listing every problem with its place. It never writes a file: the document
lives in memory for as long as the caller keeps it.

- ``.txt``, ``.pdf``, ``.docx``, ``.html``/``.htm``: a policy text (UTF-8,
  UTF-16 with BOM or GB18030, simplified or traditional), a PDF with a text
  layer, a Word file or a saved web page, read into its source text by
  :mod:`graph.readers` and parsed by :func:`graph.parse.parse_text`; unknown
  agency names are kept as unregistered and listed in ``notes``.
- ``.csv``: a measures table, validated by
  :func:`graph.table.measures_from_bytes` (missing columns, types, duplicates,
  empty texts, unknown agencies: every problem at once).

A document's ``key`` is ``sha256:`` and the SHA-256 of its table written as
the project writes measures CSV files (:func:`graph.snapshot.table_sha256`):
the same content always has the same key, different content never shares
one, so results computed from a document can be cached under its key and
shared without one user ever reaching another's document by name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from graph.errors import InputError, ParseError, Problem, ValidationError
from graph.ingest import MAX_TEXT_BYTES
from graph.readers import LIMITS, MAX_FILE_BYTES, SUFFIXES, read_bytes
from graph.registry import Registry, load_registry
from graph.table import MAX_TABLE_BYTES, MAX_TABLE_ROWS, measures_from_bytes

TEXT_SUFFIXES = SUFFIXES
TABLE_SUFFIXES = (".csv",)
KINDS = ("bundled", "text", "table")

MAX_LAID_OUT_AGENCIES = 1000
"""Above this many agencies force-directed layouts and agency-only views are not offered.

Force layouts place the agencies with NetworkX's spring layout, quadratic in
their number (:mod:`graph.layout`; measures are then placed around their
agencies in linear time, 1.3 s for 73,000 nodes with 40 agencies). Measured on
this project's 2-core machine: 300 interlinked agencies 1.6 s, 1,000 agencies
7.6 s. The two-column layout is a sort and is always offered.
"""

PROBLEM_COLUMNS = ["source", "line", "column", "message", "value", "hint"]
UNREGISTERED_COLUMNS = ["agency", "as_written", "measures", "first_measure", "suggestions"]


@dataclass(frozen=True, eq=False)
class Document:
    """A measures table ready to draw, where it came from, and what was noticed reading it.

    ``kind`` is ``bundled`` (shipped with the project), ``text`` (parsed from a
    policy text; ``source`` holds that text, with ``\\n`` line ends and
    simplified characters, as the offsets in ``table`` expect) or ``table``
    (an uploaded measures table; ``source`` is None). ``warnings`` are the
    parser's problems: what it could not read, each with its line and column
    (the table holds everything else, flagged rows included); ``notes`` are
    remarks: unregistered names, unassigned text, the encoding used.
    """

    key: str
    name: str
    kind: str
    table: pd.DataFrame = field(repr=False)
    source: str | None = field(default=None, repr=False)
    notes: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def measures(self) -> int:
        """Number of distinct measures."""
        return int(self.table.drop_duplicates(["document", "measure_id"]).shape[0])

    @property
    def agencies(self) -> int:
        """Number of distinct actors (registered or not)."""
        return int(self.table["agency"].nunique())


def document_key(table: pd.DataFrame) -> str:
    """``sha256:`` and the SHA-256 of ``table`` as a measures CSV: its identity by content.

    >>> from graph.fixtures import tiny_table
    >>> key = document_key(tiny_table())
    >>> key.startswith("sha256:"), len(key), key == document_key(tiny_table())
    (True, 71, True)
    """
    from graph.snapshot import table_sha256

    return "sha256:" + table_sha256(table)


def text_document_id(name: str, catalogued: set[str] | frozenset[str] = frozenset()) -> str:
    """The ``document`` column for a text uploaded as ``name``: its stem, never a catalogued id.

    A catalogued id would make snapshots credit the bundled source (and its
    SHA-256) for a text that may differ from it.

    >>> text_document_id("意见.txt"), text_document_id("guofa-2015-24.txt", {"guofa-2015-24"})
    ('意见', 'guofa-2015-24-upload')
    """
    stem = PurePath(name.replace("\\", "/")).stem.strip() or "upload"
    return f"{stem}-upload" if stem in catalogued else stem


def read_upload(
    name: str,
    data: bytes,
    registry: Registry | None = None,
    *,
    max_text_bytes: int = MAX_TEXT_BYTES,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_table_bytes: int = MAX_TABLE_BYTES,
    max_rows: int = MAX_TABLE_ROWS,
) -> Document:
    """Read one uploaded file into a :class:`Document`.

    Parameters
    ----------
    name : str
        The file's name as the user's browser gave it; the suffix decides:
        ``.txt``, ``.pdf``, ``.docx``, ``.html`` and ``.htm`` are policy
        texts (:mod:`graph.readers`), ``.csv`` a measures table.
    data : bytes
        The file's content.
    registry : Registry, optional
        Resolves and checks agency names; the bundled registry by default.
    max_text_bytes, max_file_bytes, max_table_bytes, max_rows : int
        Size limits: texts and pages (:data:`graph.ingest.MAX_TEXT_BYTES`),
        PDF and Word files (:data:`graph.readers.MAX_FILE_BYTES`), tables
        (:data:`graph.table.MAX_TABLE_BYTES`, :data:`graph.table.MAX_TABLE_ROWS`).

    Returns
    -------
    Document
        ``kind`` ``text`` or ``table``; ``key`` from :func:`document_key`.

    Raises
    ------
    InputError
        Every problem found, each with file, line, column and value: an
        unknown suffix, an empty, oversized, binary or undecodable file,
        content that does not match the suffix, a scanned, encrypted or
        damaged PDF, a
        text without articles or with unreadable assignments, a table that
        breaks the schema, or a text in which no measure names anyone.

    Examples
    --------
    >>> from graph.fixtures import TINY_TEXT
    >>> doc = read_upload("tiny.txt", TINY_TEXT.encode("gb18030"))
    >>> doc.kind, doc.measures, doc.agencies, doc.table["document"].iloc[0]
    ('text', 5, 5, 'tiny')
    >>> read_upload("tiny.xlsx", b"PK")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: 1 problem found:
      - tiny.xlsx: not a policy text (.txt, .pdf, .docx, .html, .htm) or a measures table (.csv)
    """
    registry = registry or load_registry()
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        limit = max_text_bytes if suffix in LIMITS else max_file_bytes
        return _text_document(name, data, registry, limit)
    if suffix in TABLE_SUFFIXES:
        table = measures_from_bytes(data, name, registry, max_table_bytes, max_rows)
        return Document(document_key(table), name, "table", table)
    raise InputError(
        [
            Problem(
                name,
                f"not a policy text ({', '.join(TEXT_SUFFIXES)}) or a measures table "
                f"({', '.join(TABLE_SUFFIXES)})",
            )
        ]
    )


def _text_document(name: str, data: bytes, registry: Registry, max_bytes: int) -> Document:
    from graph.documents import load_documents
    from graph.parse import parse_text

    source = read_bytes(name, data, max_bytes)
    document = text_document_id(name, set(load_documents().index))
    result = parse_text(source.text, document=document, registry=registry, source_name=name)
    notes = [Problem(name, note) for note in source.notes] + result.notes
    table = result.to_frame()
    if table.empty:
        raise ParseError(
            [*result.problems, Problem(name, result.summary().removeprefix(f"{name}: "))]
        )
    try:
        # The same validation as an uploaded table: what a text gives, a table could hold.
        from graph.table import validate_measures

        table = validate_measures(_as_strings(table), name, registry)
    except ValidationError as error:
        raise ParseError(error.problems) from None
    return Document(
        document_key(table),
        name,
        "text",
        table,
        source.text,
        tuple(notes),
        tuple(result.problems),
    )


def _as_strings(table: pd.DataFrame) -> pd.DataFrame:
    """A parsed table as the strings a CSV reader would give (for validation)."""
    out = table.astype(object).where(table.notna(), "")
    for col in ("registered", "shared_duty"):
        out[col] = [str(bool(v)).lower() for v in table[col]]
    return out.astype(str)


def bundled_document(doc_id: str, table: pd.DataFrame, source: str | None) -> Document:
    """The bundled document ``doc_id`` as a :class:`Document` (its key is the id itself).

    >>> from graph.fixtures import tiny_table
    >>> bundled_document("tiny", tiny_table(), None).key
    'tiny'
    """
    return Document(doc_id, doc_id, "bundled", table, source)


def problem_table(problems: list[Problem] | tuple[Problem, ...]) -> pd.DataFrame:
    """Problems as rows to show: source, line, column, message, value, hint.

    ``hint`` names the closest expected column for a missing one (a misspelt
    header) and is empty otherwise; agency suggestions are already in the
    validator's message. Values are text, shortened to 80 characters.

    >>> from graph.errors import Problem
    >>> p = Problem("m.csv", "missing column 'agency' (columns found: agncy, role)", 1, "agency")
    >>> row = problem_table([p]).iloc[0]
    >>> int(row["line"]), row["column"], row["hint"]
    (1, 'agency', "is 'agncy' this column?")
    """
    rows = []
    for problem in problems:
        value = "" if problem.value is None else str(problem.value)
        rows.append(
            {
                "source": problem.source,
                "line": problem.line,
                "column": "" if problem.column is None else str(problem.column),
                "message": problem.message,
                "value": value if len(value) <= 80 else value[:77] + "...",
                "hint": _column_hint(problem),
            }
        )
    frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


_FOUND = re.compile(r"^missing column '([^']*)' \(columns found: (.*)\)$")


def _column_hint(problem: Problem) -> str:
    from graph.table import COLUMNS

    match = _FOUND.match(problem.message)
    if not match:
        return ""
    wanted, found = match.group(1), [c.strip() for c in match.group(2).split(",")]
    # Only a column the schema does not have can be a misspelling of a missing one.
    unexpected = [c for c in found if c not in COLUMNS]
    close = difflib.get_close_matches(wanted, unexpected, n=1, cutoff=0.6)
    return f"is {close[0]!r} this column?" if close else ""


def unregistered_agencies(table: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """Actors of ``table`` that the registry does not know, with close registry names.

    Parameters
    ----------
    table : pandas.DataFrame
        A validated measures table.
    registry : Registry, optional

    Returns
    -------
    pandas.DataFrame
        Columns :data:`UNREGISTERED_COLUMNS`, one row per unregistered agency
        in order of first appearance: the id, the name as written, how many
        measures name it, the first of them, and up to three suggestions
        from :meth:`graph.registry.Registry.suggest` as ``id (short name)``.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> t = tiny_table()
    >>> t.loc[0, ["agency", "agency_as_written", "registered"]] = ["商务", "商务", False]
    >>> row = unregistered_agencies(t).iloc[0]
    >>> row["agency"], int(row["measures"]), row["suggestions"]
    ('商务', 1, 'mofcom (商务部)')
    """
    registry = registry or load_registry()
    unknown = table[~table["registered"].astype(bool)]
    rows = []
    for agency, group in unknown.groupby("agency", sort=False):
        written = str(group["agency_as_written"].iloc[0]) or str(agency)
        suggestions = registry.suggest(written) or registry.suggest(str(agency))
        rows.append(
            {
                "agency": agency,
                "as_written": written,
                "measures": int(group["measure_id"].nunique()),
                "first_measure": str(group["measure_id"].iloc[0]),
                "suggestions": "、".join(f"{s} ({registry.label(s)})" for s in suggestions),
            }
        )
    return pd.DataFrame(rows, columns=UNREGISTERED_COLUMNS)
