"""A corpus: many documents, their measures stacked in one table, and a documents table.

A corpus is any set of documents: texts parsed together, a folder, a stacked
measures table (the ``document`` column tells them apart), or a user's
uploads. Reading one never lets a bad file cost the good ones
(:func:`read_corpus`): every file that can be read is, and the others are
listed with their problems.

The *documents table* (:data:`DOCUMENT_COLUMNS`) has one row per document:
its id, 文号, title, issuer, date and year, the file it came from and that
file's SHA-256, and its counts. It is filled from the text itself
(:func:`text_head`: the 文号 and title in the head, the issuer and the date
in the signature), then from the project's catalogue (``data/documents.csv``)
for the documents it knows, and it is editable: a table of edits
(:func:`read_document_edits`, or the app's editor) replaces any of
:data:`EDITABLE` for the documents it names. Where no date could be found,
the year is taken from the 文号 (``国发〔2018〕42号``) or, failing that, from a
year in the document id (``laonianren-2020``); ``date_source`` says which.

Periods (:func:`periods`) group documents by year or by reform era (the years
between the reforms of the succession table).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graph.errors import InputError, Problem, ValidationError
from graph.readers import SUFFIXES as READABLE
from graph.registry import Registry, load_registry

DOCUMENT_COLUMNS = [
    "document",
    "doc_number",
    "title",
    "title_en",
    "issuer",
    "date",
    "year",
    "date_source",
    "source_file",
    "source_sha256",
    "measures",
    "assignments",
    "agencies",
    "unregistered",
]
EDITABLE = ["doc_number", "title", "title_en", "issuer", "date"]
"""Columns of the documents table a user may correct; the counts come from the table."""

TEXT_SUFFIXES = READABLE
"""Policy files a corpus folder may hold (those :mod:`graph.readers` reads)."""
TABLE_SUFFIXES = (".csv",)
EDITS_FILE = "documents.csv"
"""In a corpus folder, a file of this name is read as edits of the documents table."""

PERIOD_SCHEMES = ("year", "reform")
UNKNOWN_PERIOD = "?"

_DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_NUMBER_LINE = re.compile(
    r"^\s*([\u4e00-\u9fff]{1,10})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d+)\s*号\s*$"
)
_ADDRESSEE = re.compile(r"^\s*各[^。]{0,60}[：:]\s*$")
_TITLE_WORDS = re.compile(r"(意见|通知|方案|决定|办法|通报|规划|计划|规定|批复|函|纲要|措施)$")
_YEAR_IN_ID = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_ISSUER_PREFIX = re.compile(r"^(.{2,30}?)(?:关于|印发)")
# 文号 prefixes whose issuer is not written anywhere else in a body-only text.
NUMBER_ISSUERS = {
    "国发": "国务院",
    "国函": "国务院",
    "国办发": "国务院办公厅",
    "国办函": "国务院办公厅",
}
_HEAD_LINES = 12  # the title and 文号 sit in the first lines, before the addressee
_SIGNATURE_MAX = 30  # characters of an issuer line above the date


@dataclass(frozen=True)
class Source:
    """Where a document's text came from: the text, the file's name, its bytes' SHA-256,
    and how it was read (notes: the encoding, the format)."""

    text: str | None = None
    file: str = ""
    sha256: str = ""
    notes: tuple[str, ...] = ()


def text_head(text: str) -> dict[str, str]:
    """The 文号, title, issuer and date a policy text states in its head and signature.

    The 文号 is a line of its own (``国发〔2018〕42号``) in the first lines; the
    title is the lines above it (or, without a 文号, above the addressee
    line ``各省、自治区…：``) when they read as a title (ending in 意见, 通知,
    方案…); the date is the first line of its own ``2018年12月21日``, and the
    issuer the short line just above it. An empty string where the text does
    not say. ``date_source`` is ``signature`` when a date was found.

    >>> head = text_head("国务院关于加快推进农业机械化和\\n农机装备产业转型升级的指导意见\\n"
    ...                  "国发〔2018〕42号\\n各省、自治区、直辖市人民政府：\\n正文。\\n国务院\\n2018年12月21日\\n")
    >>> head["doc_number"], head["title"], head["issuer"], head["date"]
    ('国发〔2018〕42号', '国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见', '国务院', '2018-12-21')
    >>> text_head("各省、自治区：\\n正文。")["title"]
    ''
    """
    lines = [line.strip() for line in text.splitlines()]
    filled = [(i, line) for i, line in enumerate(lines) if line]
    head = {"doc_number": "", "title": "", "issuer": "", "date": "", "date_source": ""}
    top = filled[:_HEAD_LINES]
    number_at = next((k for k, (_, line) in enumerate(top) if _NUMBER_LINE.match(line)), None)
    if number_at is not None:
        match = _NUMBER_LINE.match(top[number_at][1])
        head["doc_number"] = f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"
        title_lines = [line for _, line in top[:number_at]]
    else:
        end = next((k for k, (_, line) in enumerate(top) if _ADDRESSEE.match(line)), 0)
        title_lines = [line for _, line in top[:end]]
    title = re.sub(r"\s+", "", "".join(title_lines))
    if title and len(title) <= 120 and _TITLE_WORDS.search(title):
        head["title"] = title
    for k, (_, line) in enumerate(filled):
        match = _DATE_LINE.match(line)
        if match:
            year, month, day = (int(g) for g in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                head["date"] = f"{year:04d}-{month:02d}-{day:02d}"
                head["date_source"] = "signature"
                above = filled[k - 1][1] if k else ""
                if above and len(above) <= _SIGNATURE_MAX and not _DATE_LINE.match(above):
                    head["issuer"] = re.sub(r"\s+", "", above)
                break
    if not head["issuer"] and head["title"]:
        match = _ISSUER_PREFIX.match(head["title"])
        if match:
            head["issuer"] = match.group(1)
    if not head["issuer"] and head["doc_number"]:
        prefix = head["doc_number"].split("〔")[0]
        head["issuer"] = NUMBER_ISSUERS.get(prefix, "")
    return head


def document_year(document: str, date: str, doc_number: str) -> tuple[int | None, str]:
    """The year of a document and where it came from: its date, its 文号, or its id.

    >>> document_year("x", "2018-12-21", ""), document_year("x", "", "国发〔2019〕5号")
    ((2018, 'date'), (2019, '文号'))
    >>> document_year("laonianren-2020", "", ""), document_year("notes", "", "")
    ((2020, 'document id'), (None, ''))
    """
    if re.match(r"^\d{4}", date or ""):
        return int(date[:4]), "date"
    match = re.search(r"〔(\d{4})〕", doc_number or "")
    if match:
        return int(match.group(1)), "文号"
    match = _YEAR_IN_ID.search(document)
    if match:
        return int(match.group(1)), "document id"
    return None, ""


def _counts(rows: pd.DataFrame) -> dict[str, int]:
    return {
        "measures": int(rows["measure_id"].nunique()),
        "assignments": len(rows),
        "agencies": int(rows["agency"].nunique()),
        "unregistered": int(rows.loc[~rows["registered"].astype(bool), "agency"].nunique()),
    }


def _catalogue() -> pd.DataFrame:
    from graph.documents import load_documents

    return load_documents()


def documents_table(
    table: pd.DataFrame,
    sources: Mapping[str, Source] | None = None,
    catalogue: pd.DataFrame | None = None,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per document of ``table`` (and of ``sources``), columns :data:`DOCUMENT_COLUMNS`.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table of one or many documents.
    sources : mapping, optional
        Document id -> :class:`Source`; documents with a text get their head
        and signature read (:func:`text_head`), and a document with a text
        but no row in ``table`` (no assignment found) still gets its row.
    catalogue : pandas.DataFrame, optional
        The project's catalogue (``data/documents.csv``, by default): its
        non-empty fields win over what the text says, for the ids it knows.
    order : sequence, optional
        Document ids in the order wanted; by default first appearance.

    Returns
    -------
    pandas.DataFrame
        ``year`` as nullable integers; documents sorted by date (unknown last),
        then by ``order``.

    Examples
    --------
    >>> from graph.fixtures import tiny_table, TINY_TEXT
    >>> docs = documents_table(tiny_table(), {"tiny": Source(TINY_TEXT + "\\n国务院\\n2015年5月4日\\n")})
    >>> docs[["document", "issuer", "date", "year", "measures", "agencies"]].values.tolist()
    [['tiny', '国务院', '2015-05-04', 2015, 5, 5]]
    """
    sources = sources or {}
    catalogue = _catalogue() if catalogue is None else catalogue
    ids = list(dict.fromkeys([*table["document"].unique(), *sources]))
    if order is not None:
        ids = [d for d in order if d in set(ids)] + [d for d in ids if d not in set(order)]
    groups = dict(tuple(table.groupby("document", sort=False))) if len(table) else {}
    empty = table.iloc[0:0]
    rows = []
    for document in ids:
        source = sources.get(document, Source())
        head = text_head(source.text) if source.text else {}
        row = {
            "document": document,
            "doc_number": head.get("doc_number", ""),
            "title": head.get("title", ""),
            "title_en": "",
            "issuer": head.get("issuer", ""),
            "date": head.get("date", ""),
            "date_source": head.get("date_source", ""),
            "source_file": source.file,
            "source_sha256": source.sha256,
            **_counts(groups.get(document, empty)),
        }
        if document in catalogue.index:
            known = catalogue.loc[document]
            for ours, theirs in (
                ("doc_number", "doc_number"),
                ("title", "title_zh"),
                ("title_en", "title_en"),
                ("issuer", "issuer"),
                ("date", "issued"),
            ):
                if str(known.get(theirs, "") or ""):
                    row[ours] = str(known[theirs])
                    if ours == "date":
                        row["date_source"] = "catalogue"
        rows.append(row)
    return _finish(pd.DataFrame(rows, columns=[c for c in DOCUMENT_COLUMNS if c != "year"]))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Years worked out (date, 文号, id), date sources, columns in order, sorted by date."""
    years, origins = [], []
    for document, date, number, origin in zip(
        frame["document"], frame["date"], frame["doc_number"], frame["date_source"], strict=True
    ):
        year, found = document_year(document, date, number)
        years.append(year)
        origins.append(origin if found == "date" and origin else found)
    frame = frame.assign(year=pd.array(years, dtype="Int64"), date_source=origins)
    rank = {d: i for i, d in enumerate(frame["document"])}
    frame = frame.assign(_unknown=frame["year"].isna(), _rank=frame["document"].map(rank))
    frame = frame.sort_values(["_unknown", "year", "date", "_rank"], kind="stable")
    return frame[DOCUMENT_COLUMNS].reset_index(drop=True)


def check_date(value: str) -> bool:
    """Whether ``value`` is a date the documents table takes: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> [check_date(v) for v in ("2018", "2018-12", "2018-12-21", "2018-13-01", "12/21/2018")]
    [True, True, True, False, False]
    """
    import datetime

    value = value.strip()
    for pattern in ("%Y", "%Y-%m", "%Y-%m-%d"):
        try:
            datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) is not None
    return False


def validate_edits(
    edits: pd.DataFrame, documents: pd.DataFrame | None = None, source: str = "<edits>"
) -> pd.DataFrame:
    """Check a table of edits (strings, as read from CSV) and return it.

    It needs a ``document`` column and any of :data:`EDITABLE`; other columns
    (counts, hashes) are ignored, so an exported documents table can be
    edited and read back. Problems name the line and column: an empty or
    repeated document id, an id not in ``documents`` (when given), a date
    that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if "document" not in edits.columns:
        raise ValidationError([Problem(source, "missing column 'document'", 1, "document")])
    problems = []
    known = None if documents is None else set(documents["document"])
    seen = set()
    edits = edits.fillna("").astype(str)
    for i, row in edits.reset_index(drop=True).iterrows():
        line = int(i) + 2
        document = row["document"].strip()
        if not document:
            problems.append(Problem(source, "empty document id", line, "document", ""))
        elif document in seen:
            problems.append(Problem(source, "document listed twice", line, "document", document))
        elif known is not None and document not in known:
            problems.append(
                Problem(source, "no such document in the corpus", line, "document", document)
            )
        seen.add(document)
        if "date" in edits.columns and row["date"].strip() and not check_date(row["date"]):
            problems.append(
                Problem(
                    source, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)", line, "date", row["date"]
                )
            )
    if problems:
        raise ValidationError(problems)
    return edits[["document", *[c for c in EDITABLE if c in edits.columns]]]


def read_document_edits(path: Path | str, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and check a CSV of edits to the documents table (see :func:`validate_edits`)."""
    from graph.ingest import decode_bytes

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError([Problem(str(path), f"cannot read file: {error.strerror}")]) from None
    import io

    text = decode_bytes(data, str(path)).text
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValidationError([Problem(str(path), f"cannot read as CSV: {error}")]) from None
    return validate_edits(raw, documents, str(path))


def apply_edits(documents: pd.DataFrame, edits: pd.DataFrame | None) -> pd.DataFrame:
    """The documents table with the non-empty cells of ``edits`` written in.

    An edited date sets ``date_source`` to ``edited`` and the year anew;
    edits of documents not in the table are ignored (check them first with
    :func:`validate_edits`).

    >>> from graph.fixtures import tiny_table
    >>> docs = documents_table(tiny_table())
    >>> edits = pd.DataFrame({"document": ["tiny"], "date": ["2016-03"]})
    >>> apply_edits(docs, edits)[["date", "year", "date_source"]].values.tolist()
    [['2016-03', 2016, 'edited']]
    """
    if edits is None or edits.empty:
        return documents
    out = documents.set_index("document", drop=False).copy()
    out["year"] = out["year"].astype(object)
    for row in edits.fillna("").astype(str).itertuples(index=False):
        values = row._asdict()
        document = values.pop("document").strip()
        if document not in out.index:
            continue
        for column, value in values.items():
            if column in EDITABLE and value.strip():
                out.at[document, column] = value.strip()
                if column == "date":
                    out.at[document, "date_source"] = "edited"
    return _finish(out.reset_index(drop=True).drop(columns=["year"]))


def document_years(documents: pd.DataFrame) -> dict[str, int | None]:
    """Document id -> year (None when unknown), for :mod:`graph.reform`."""
    return {
        d: (None if pd.isna(y) else int(y))
        for d, y in zip(documents["document"], documents["year"], strict=True)
    }


STATE_COUNCIL_REFORMS = (2008, 2013, 2018, 2023)
"""Years of the State Council's institutional reforms (国务院机构改革方案) that start a reform era."""


def reform_years(registry: Registry | None = None) -> tuple[int, ...]:
    """The reforms that start an era: :data:`STATE_COUNCIL_REFORMS` the succession table has.

    The table also records smaller changes between reforms (a body renamed in
    2016, another moved in 2021); the alignment follows them
    (:mod:`graph.reform`), but they do not start an era.
    """
    registry = registry or load_registry()
    present = {int(y) for y in registry.succession["year"]}
    return tuple(y for y in STATE_COUNCIL_REFORMS if y in present)


def period_label(year: int | None, scheme: str, reforms: Sequence[int] = ()) -> str:
    """The period a year falls in: the year itself, or its reform era.

    Reform eras start in a reform year and run to the year before the next
    (``2018–2022``); the first runs up to the first reform (``–2017``), the
    last on (``2023–``).

    >>> period_label(2019, "year"), period_label(2019, "reform", (2018, 2023))
    ('2019', '2018–2022')
    >>> period_label(2015, "reform", (2018, 2023)), period_label(2024, "reform", (2018, 2023))
    ('–2017', '2023–')
    >>> period_label(None, "year")
    '?'
    """
    if scheme not in PERIOD_SCHEMES:
        raise ValueError(f"period scheme must be one of {PERIOD_SCHEMES}, not {scheme!r}")
    if year is None or pd.isna(year):
        return UNKNOWN_PERIOD
    year = int(year)
    if scheme == "year":
        return str(year)
    starts = sorted(reforms)
    if not starts or year < starts[0]:
        return f"–{starts[0] - 1}" if starts else "all"
    start = max(s for s in starts if s <= year)
    later = [s for s in starts if s > start]
    return f"{start}–{later[0] - 1}" if later else f"{start}–"


def periods(
    documents: pd.DataFrame, scheme: str = "year", registry: Registry | None = None
) -> pd.Series:
    """Period label of every document (indexed by document id), ordered by time.

    The Series is categorical, its categories the periods in time order (the
    unknown period ``?`` last).
    """
    reforms = reform_years(registry) if scheme == "reform" else ()
    labels = [period_label(y, scheme, reforms) for y in documents["year"]]
    order: dict[str, float] = {}
    for label, year in zip(labels, documents["year"], strict=True):
        key = float("inf") if pd.isna(year) else float(year)
        order[label] = min(order.get(label, key), key)
    categories = sorted(order, key=order.__getitem__)
    return pd.Series(
        pd.Categorical(labels, categories=categories, ordered=True),
        index=pd.Index(documents["document"], name="document"),
        name="period",
    )


@dataclass(frozen=True, eq=False)
class Corpus:
    """Documents read together: the stacked measures table, the documents table, the texts.

    ``failed`` lists the files that could not be read and ``problems`` why
    (every problem of each); ``notes`` are remarks that did not stop a file
    (unknown names, encodings). ``sources`` maps a document id to its text.
    """

    table: pd.DataFrame
    documents: pd.DataFrame
    sources: Mapping[str, str] = field(default_factory=dict)
    failed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()

    @property
    def ids(self) -> list[str]:
        """Document ids in time order."""
        return self.documents["document"].tolist()


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files of ``paths``: a folder gives its ``.txt`` and ``.csv`` files (sorted), a file itself."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES
            )
        else:
            files.append(path)
    return files


def _is_edits(path: Path) -> bool:
    """A CSV whose header has ``document`` but no ``measure_id``: edits of the documents table."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            header = handle.readline()
    except OSError:
        return False
    columns = {c.strip() for c in header.split(",")}
    return "document" in columns and "measure_id" not in columns


def read_corpus(
    paths: Iterable[Path | str],
    registry: Registry | None = None,
    edits: pd.DataFrame | None = None,
    on_file=None,
) -> Corpus:
    """Read texts, measures tables and folders into one corpus; bad files are listed, not fatal.

    Parameters
    ----------
    paths : iterable of path
        Policy texts (any of :data:`TEXT_SUFFIXES`: ``.txt``, ``.pdf``, ``.docx``, ``.html``),
        measures tables (``.csv``, one or many
        documents) and folders of both. In a folder, ``documents.csv`` (or any
        CSV with a ``document`` column and no ``measure_id``) holds edits of
        the documents table.
    registry : Registry, optional
        The bundled registry by default.
    edits : pandas.DataFrame, optional
        Edits of the documents table (:func:`validate_edits`), applied after
        any found in a folder.
    on_file : callable, optional
        Called with each file's path before it is read (progress).

    Returns
    -------
    Corpus
        Every document that could be read. A file that cannot be read (not
        decodable, no articles, a broken table, a document id already taken)
        is in ``failed`` with its problems in ``problems``; a text in which no
        measure names anyone is kept as a document with no measures, and
        noted.
    """
    from graph.table import load_measures

    registry = registry or load_registry()
    frames: list[pd.DataFrame] = []
    sources: dict[str, Source] = {}
    failed: list[str] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    found_edits: list[tuple[str, pd.DataFrame]] = []
    taken: set[str] = set()
    for path in expand(paths):
        if on_file:
            on_file(path)
        suffix = path.suffix.lower()
        try:
            if suffix in TABLE_SUFFIXES and _is_edits(path):
                found_edits.append((str(path), read_document_edits(path)))
                continue
            if suffix in TEXT_SUFFIXES:
                if path.stem in taken:
                    raise InputError(
                        [
                            Problem(
                                str(path),
                                f"document id {path.stem!r} already read from another file",
                            )
                        ]
                    )
                frame, source, more = read_text_document(path, registry)
                notes += more
                sources[path.stem] = source
                frames.append(frame)
                taken.add(path.stem)
            elif suffix in TABLE_SUFFIXES:
                frame = load_measures(path, registry)
                clash = sorted(set(frame["document"]) & taken)
                if clash:
                    raise InputError(
                        [
                            Problem(str(path), f"document id {d!r} already read from another file")
                            for d in clash
                        ]
                    )
                frames.append(frame)
                taken |= set(frame["document"])
            else:
                raise InputError(
                    [
                        Problem(
                            str(path),
                            f"not a policy text ({', '.join(READABLE)}) or a .csv measures table",
                        )
                    ]
                )
        except InputError as error:
            failed.append(str(path))
            problems += error.problems
        except OSError as error:
            failed.append(str(path))
            problems.append(Problem(str(path), f"cannot read file: {error.strerror}"))
    return assemble(
        frames,
        sources,
        edits=[*found_edits, *([] if edits is None else [("<edits>", edits)])],
        failed=failed,
        problems=problems,
        notes=notes,
    )


def read_text_document(
    path: Path | str, registry: Registry | None = None, document: str | None = None
) -> tuple[pd.DataFrame, Source, list[Problem]]:
    """Parse one policy file: its measures table, its :class:`Source` and the notes.

    Any format :mod:`graph.readers` reads (a text, a PDF with a text layer, a
    Word file, a saved web page); ``document`` defaults to the file's stem. A
    text in which no measure names anyone gives an empty table and a note
    saying so; what the parser could not read in a text (its warnings) is in
    the notes too. Raises :class:`graph.errors.InputError` (every problem,
    with its place) when the file cannot be read.
    """
    from graph.parse import parse_text

    path = Path(path)
    source = source_of(path)
    document = document or path.stem
    result = parse_text(source.text, document=document, registry=registry, source_name=str(path))
    notes = [Problem(str(path), note) for note in source.notes]
    notes += [*getattr(result, "problems", []), *result.notes]  # warnings, then notes
    frame = result.to_frame()
    if frame.empty:
        notes.append(Problem(str(path), "no measure names a responsible agency"))
    return frame, source, notes


def assemble(
    frames: Sequence[pd.DataFrame],
    sources: Mapping[str, Source] | None = None,
    edits: Sequence[tuple[str, pd.DataFrame]] = (),
    failed: Sequence[str] = (),
    problems: Sequence[Problem] = (),
    notes: Sequence[Problem] = (),
) -> Corpus:
    """A :class:`Corpus` from measures tables already read (and their texts, if any).

    ``edits`` are ``(name, edits table)`` applied in order; edits that name a
    document not in the corpus (or are otherwise wrong) are not applied, and
    are listed in ``failed`` and ``problems`` under their name.
    """
    from graph.table import COLUMNS

    sources = dict(sources or {})
    kept = [f for f in frames if len(f)]
    table = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=COLUMNS)
    documents = documents_table(table, sources)
    failed, problems = list(failed), list(problems)
    for name, edit in edits:
        try:
            documents = apply_edits(documents, validate_edits(edit, documents, name))
        except ValidationError as error:  # edits naming documents not read: listed
            failed.append(name)
            problems += error.problems
    return Corpus(
        table=table,
        documents=documents,
        sources={d: s.text for d, s in sources.items() if s.text is not None},
        failed=tuple(failed),
        problems=tuple(problems),
        notes=tuple(notes),
    )


def source_of(path: Path | str) -> Source:
    """A policy file as a :class:`Source`: the text read from it (:func:`graph.readers.read_source`),
    its name, its bytes' SHA-256 and how it was read. Raises
    :class:`graph.errors.InputError` when it cannot be read.
    """
    from graph.readers import read_source

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(str(path), f"cannot read file: {error.strerror}")]) from None
    read = read_source(path)
    return Source(read.text, path.name, hashlib.sha256(data).hexdigest(), tuple(read.notes))
