"""The agency registry: who every actor is, and what became of it.

``data/agencies.csv`` has one row per body that State Council documents of
2008-2024 name as responsible (ministries, directly affiliated bodies, national
bureaus, offices, public institutions, Party bodies, people's organisations,
Central Military Commission bodies, courts, enterprises, collective actors),
with the years each was established and abolished; ``data/succession.csv``
has the one-to-many succession edges between them (the 2008, 2013, 2018 and
2023 reforms and the changes between them). Both are curated reference tables
with sources, not parser output.

>>> reg = load_registry()
>>> reg.resolve("工信部")
'miit'
>>> reg.resolve("国家发展改革委")
'ndrc'
>>> reg.resolve("不存在的部门") is None
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from graph.errors import Problem, ValidationError
from graph.paths import AGENCIES_CSV, SUCCESSION_CSV

AGENCY_COLUMNS = [
    "agency_id",
    "short_name",
    "full_name_zh",
    "name_en",
    "abbr_en",
    "kind",
    "parent_id",
    "aliases",
    "in_2015",
    "established",
    "abolished",
    "status_2018",
    "status_2023",
    "notes",
    "source",
]
SUCCESSION_COLUMNS = [
    "from_agency",
    "to_agency",
    "year",
    "relation",
    "functions",
    "primary",
    "source",
]
KINDS = [
    "ministry",
    "directly_affiliated",
    "national_bureau",
    "public_institution",
    "party_body",
    "state_council_office",
    "local_government",
    "mass_organization",
    "military",
    "judicial",
    "enterprise",
    "other",
    "generic",
]
GENERIC_KINDS = frozenset({"local_government", "generic"})
#: Leading words a written name may carry or drop (国家体育总局 / 体育总局,
#: 中国民航局 / 民航局, 国务院国资委 / 国资委); longest first.
NAME_PREFIXES = ("中华人民共和国", "中共中央", "国务院", "国家", "中国")
_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
#: Years a ``year``, ``established`` or ``abolished`` value may take.
YEARS = range(1949, 2101)
RELATIONS = frozenset(
    {
        "merge_into",
        "split_to",
        "transfer_partial",
        "reorganize",
        "rename",
        "reparent",
        "kind_change",
        "continue",
        "uncertain",
    }
)


@dataclass
class Registry:
    """Agencies indexed by id, with every written form resolved to its id.

    ``agencies`` is indexed by ``agency_id``; ``succession`` holds the edges.
    """

    agencies: pd.DataFrame
    succession: pd.DataFrame
    names: dict[str, str] = field(default_factory=dict)
    _steps: dict | None = field(default=None, repr=False, compare=False)
    _by_year: list | None = field(default=None, repr=False, compare=False)
    _bodies: dict = field(default_factory=dict, repr=False, compare=False)
    _records: dict | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.names:
            self.names = _name_index(self.agencies)

    def resolve(self, written: str) -> str | None:
        """Return the agency id for a name as written, or None if unknown.

        The written form is looked up first as it is; if it is not a
        registered name, the forms of :func:`name_variants` (one leading
        ``国家``/``中国``/``国务院``/``中共中央``/``中华人民共和国`` dropped or
        added) are tried, and the id is returned when they all that resolve
        name the same body. When variants name different bodies (``办公厅``
        could be 国务院办公厅 or 中共中央办公厅) the answer is None: an
        unknown name is better than a wrong one.

        >>> reg = load_registry()
        >>> reg.resolve("中国民航局"), reg.resolve("国家民航局")
        ('caac', 'caac')
        >>> reg.resolve("国家卫生部")
        'moh'
        >>> reg.resolve("办公厅") is None
        True
        """
        found = self.names.get(written)
        if found is not None:
            return found
        ids = {self.names[form] for form in name_variants(written) if form in self.names}
        return ids.pop() if len(ids) == 1 else None

    def record(self, agency_id: str) -> Mapping[str, object] | None:
        """The registry's row of an agency id (column -> value, read-only), None if absent.

        The rows are read out of the frame once: a pandas row lookup costs tens
        of microseconds, and a filter change looks up every agency it draws.

        >>> load_registry().record("mofcom")["short_name"]
        '商务部'
        """
        row = self._rows().get(agency_id)
        # A read-only view made per call: the rows themselves stay plain dicts,
        # so that a registry still pickles (worker processes get one).
        return None if row is None else MappingProxyType(row)

    def _rows(self) -> dict[str, dict]:
        """Agency id -> its row as a plain dict, read out of the frame on first use."""
        if self._records is None:
            rows = self.agencies.to_dict("records")
            self._records = dict(zip(self.agencies.index, rows, strict=True))
        return self._records

    def kind(self, agency_id: str) -> str:
        """Return the registry kind of an agency id, ``unregistered`` if absent."""
        row = self._rows().get(agency_id)
        return "unregistered" if row is None else str(row["kind"])

    def is_generic(self, agency_id: str) -> bool:
        """True for actors that are not one body (有关部门, local governments)."""
        return self.kind(agency_id) in GENERIC_KINDS

    def label(self, agency_id: str, lang: str = "zh") -> str:
        """Short display name of an agency in ``zh`` or ``en``."""
        row = self.record(agency_id)
        if row is None:
            return agency_id
        if lang == "en":
            return str(row["abbr_en"] or row["name_en"])
        return str(row["short_name"])

    def suggest(self, written: str, limit: int = 3) -> list[str]:
        """Ids of the registered agencies whose names or ids are closest to ``written``.

        >>> load_registry().suggest("工信")
        ['miit']
        """
        import difflib

        forms = dict(self.names)
        forms.update({agency_id: agency_id for agency_id in self.agencies.index})
        close = difflib.get_close_matches(written, list(forms), n=limit * 3, cutoff=0.5)
        return list(dict.fromkeys(forms[form] for form in close))[:limit]

    def current_successor(self, agency_id: str) -> str:
        """Follow primary succession edges, in year order, to today's body."""
        return self.primary_steps().get(agency_id, ((agency_id, ""),))[-1][0]

    def successor_in(self, agency_id: str, year: int) -> str:
        """The body that carried ``agency_id``'s main functions at the end of ``year``.

        Follows the primary edges of years up to and including ``year`` (a
        reform's year counts as done: 卫生部 in 2013 is 卫生计生委). A body
        that did not yet exist in ``year`` is returned as it is; see
        :meth:`exists_in`.

        >>> reg = load_registry()
        >>> reg.successor_in("moh", 2012), reg.successor_in("moh", 2013)
        ('moh', 'nhfpc')
        >>> reg.successor_in("moh", 2024)
        'nhc'
        """
        current = agency_id
        for edge_year, moves in self._primary_by_year():
            if edge_year > year:
                break
            if current in moves:
                current = moves[current][0]
        return current

    def body_in(self, agency_id: str, year: int, written: str = "") -> str:
        """The body a registered name meant in a document of ``year``.

        Names outlive bodies: 广电总局 is the short name of today's 国家广播电视总局
        (2018), but a document of 2010 meant 国家广播电影电视总局, whose main
        functions went on to it. When ``agency_id`` was created after ``year``,
        the answer is the body of that year whose primary successors led to it
        (the one whose names share most characters with ``written`` when
        several did, as 广播电影电视总局 and 新闻出版总署 both led to 2018's
        body); otherwise ``agency_id`` itself.

        >>> reg = load_registry()
        >>> reg.body_in("nrta", 2010, "广电总局"), reg.body_in("nrta", 2015, "广电总局")
        ('sarft', 'sapprft')
        >>> reg.body_in("nrta", 2019), reg.body_in("mofcom", 2010)
        ('nrta', 'mofcom')
        """
        if agency_id not in self.agencies.index:
            return agency_id
        established = self.agencies.at[agency_id, "established"]
        if not established or int(established) <= year:
            return agency_id
        key = (agency_id, year, written)
        if key not in self._bodies:
            created = int(established)
            earlier = [
                body
                for body in self.agencies.index
                if body != agency_id
                and self.exists_in(body, year)
                and self.successor_in(body, created) == agency_id
            ]
            self._bodies[key] = max(
                earlier, key=lambda body: self._shared_characters(body, written), default=agency_id
            )
        return self._bodies[key]

    def _shared_characters(self, agency_id: str, written: str) -> int:
        row = self.agencies.loc[agency_id]
        forms = [row["short_name"], row["full_name_zh"], *str(row["aliases"]).split("|")]
        return max(len(set(written) & set(form)) for form in forms)

    def exists_in(self, agency_id: str, year: int) -> bool:
        """True when the body existed at the end of ``year``.

        That is: ``established`` is empty or not after ``year``, and
        ``abolished`` is empty or after ``year``. Unregistered ids are False.

        >>> reg = load_registry()
        >>> reg.exists_in("moh", 2012), reg.exists_in("moh", 2013)
        (True, False)
        """
        if agency_id not in self.agencies.index:
            return False
        row = self.agencies.loc[agency_id]
        established, abolished = row["established"], row["abolished"]
        return (not established or int(established) <= year) and (
            not abolished or int(abolished) > year
        )

    def primary_steps(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """For every body with a primary edge: its chain of (successor, relation) steps.

        Computed once per registry (the tables are never changed after loading).

        >>> load_registry().primary_steps()["circ"]
        (('cbirc', 'merge_into'), ('nfra', 'reorganize'))
        """
        if self._steps is None:
            steps = {}
            for agency_id in self.agencies.index:
                current, chain = agency_id, []
                for _, moves in self._primary_by_year():
                    if current in moves:
                        current, relation = moves[current]
                        chain.append((current, relation))
                if chain:
                    steps[agency_id] = tuple(chain)
            self._steps = steps
        return self._steps

    def _primary_by_year(self) -> list[tuple[int, dict[str, tuple[str, str]]]]:
        """Primary edges grouped by year, in year order: from -> (to, relation)."""
        if self._by_year is None:
            primary = self.succession[self.succession["primary"]]
            by_year: dict[int, dict[str, tuple[str, str]]] = {}
            for row in primary.itertuples(index=False):
                by_year.setdefault(row.year, {})[row.from_agency] = (row.to_agency, row.relation)
            self._by_year = sorted(by_year.items())
        return self._by_year


def name_variants(written: str) -> list[str]:
    """Other forms of a written name: one leading prefix dropped, or one added.

    Prefixes are :data:`NAME_PREFIXES`. Dropping repeats while a prefix
    leads (中华人民共和国国家统计局 gives 国家统计局, then 统计局); adding puts
    each prefix the form does not already start with in front of it once.
    Forms shorter than two characters are left out, and so is the written
    form itself.

    >>> name_variants("中华人民共和国国家统计局")[:2]
    ['国家统计局', '统计局']
    >>> name_variants("国资委")
    ['中华人民共和国国资委', '中共中央国资委', '国务院国资委', '国家国资委', '中国国资委']
    """
    dropped, rest = [], written
    while True:
        prefix = next((p for p in NAME_PREFIXES if rest.startswith(p)), None)
        if prefix is None or len(rest) - len(prefix) < 2:
            break
        rest = rest[len(prefix) :]
        dropped.append(rest)
    added = (
        [p + written for p in NAME_PREFIXES if not written.startswith(p)]
        if len(written) >= 2
        else []
    )
    return list(dict.fromkeys(form for form in dropped + added if form != written))


def _name_index(agencies: pd.DataFrame) -> dict[str, str]:
    names: dict[str, str] = {}
    for agency_id, row in zip(agencies.index, agencies.to_dict("records"), strict=True):
        forms = [row["short_name"], row["full_name_zh"], *str(row["aliases"]).split("|")]
        for form in forms:
            form = str(form).strip()
            if form:
                names.setdefault(form, str(agency_id))
    return names


def _read_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValidationError(
            [Problem(str(path), f"missing column {c!r}", line=1, column=c) for c in missing]
        )
    return frame


def load_registry(
    agencies_path: Path | str = AGENCIES_CSV, succession_path: Path | str = SUCCESSION_CSV
) -> Registry:
    """Read and check the registry tables.

    Parameters
    ----------
    agencies_path, succession_path : path
        The two CSV files; the bundled ones by default.

    Returns
    -------
    Registry
        With ``agencies`` indexed by id and boolean ``in_2015``/``primary``.

    Raises
    ------
    ValidationError
        Listing every problem, each with file, line and column: a duplicate or
        malformed id, an unknown kind or relation, a dangling reference, a
        name two bodies share, a year that is not a year, and a succession
        edge that does not fit the bodies' years (see :func:`_check_succession`).

    Notes
    -----
    Every stage takes ``registry=None`` and loads the bundled one, so the
    result is cached per file version (path, size, modification time): the
    registry is read-only once loaded, and one process reads each version once.

    >>> load_registry() is load_registry()
    True
    """
    agencies_path, succession_path = Path(agencies_path), Path(succession_path)
    return _load_registry(
        str(agencies_path.resolve()),
        str(succession_path.resolve()),
        _version(agencies_path),
        _version(succession_path),
    )


def _version(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)  # let the reader report the missing file
    return (stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load_registry(
    agencies_file: str, succession_file: str, *_versions: tuple[int, int]
) -> Registry:
    agencies_path, succession_path = Path(agencies_file), Path(succession_file)
    agencies = _read_csv(agencies_path, AGENCY_COLUMNS)
    succession = _read_csv(succession_path, SUCCESSION_COLUMNS)
    problems = _check_agencies(agencies, str(agencies_path))
    problems += _check_succession(succession, agencies, str(succession_path), str(agencies_path))
    if problems:
        raise ValidationError(problems)
    agencies = agencies.assign(in_2015=agencies["in_2015"] == "true").set_index(
        "agency_id", drop=False
    )
    succession = succession.assign(
        year=succession["year"].astype(int), primary=succession["primary"] == "true"
    )
    return Registry(agencies=agencies, succession=succession)


def _year(value: str) -> int | None:
    """The year a cell holds, or None when it is not a year of :data:`YEARS`."""
    return int(value) if value.isascii() and value.isdigit() and int(value) in YEARS else None


def _check_agencies(agencies: pd.DataFrame, source: str) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    ids = set(agencies["agency_id"])
    for i, row in enumerate(agencies.to_dict("records")):
        line = int(i) + 2
        if row["agency_id"] in seen:
            problems.append(
                Problem(source, "duplicate agency id", line, "agency_id", row["agency_id"])
            )
        elif not _ID_RE.fullmatch(row["agency_id"]):
            problems.append(
                Problem(
                    source,
                    "agency id must be lowercase ASCII letters, digits and _",
                    line,
                    "agency_id",
                    row["agency_id"],
                )
            )
        seen.setdefault(row["agency_id"], row["agency_id"])
        if row["in_2015"] not in ("true", "false"):
            problems.append(
                Problem(source, "in_2015 must be true or false", line, "in_2015", row["in_2015"])
            )
        for col in ("established", "abolished"):
            if row[col] and _year(row[col]) is None:
                problems.append(Problem(source, "not a year", line, col, row[col]))
        established, abolished = _year(row["established"]), _year(row["abolished"])
        if established and abolished and abolished < established:
            problems.append(
                Problem(source, "abolished before it was established", line, "abolished", abolished)
            )
        if row["kind"] not in KINDS:
            problems.append(Problem(source, "unknown kind", line, "kind", row["kind"]))
        if row["parent_id"] and row["parent_id"] not in ids:
            problems.append(
                Problem(source, "unknown parent id", line, "parent_id", row["parent_id"])
            )
    owner: dict[str, str] = {}
    for i, row in enumerate(agencies.to_dict("records")):
        forms = {row["short_name"], row["full_name_zh"], *row["aliases"].split("|")} - {""}
        for form in forms:
            if form in owner and owner[form] != row["agency_id"]:
                problems.append(
                    Problem(
                        source,
                        f"name also used by {owner[form]!r}",
                        int(i) + 2,
                        "aliases",
                        form,
                    )
                )
            owner.setdefault(form, row["agency_id"])
    return problems


def _check_succession(
    succession: pd.DataFrame, agencies: pd.DataFrame, source: str, agencies_source: str
) -> list[Problem]:
    """Problems of the succession table, checked against the bodies' years.

    Besides known ids and relations, a ``year`` that is a year, ``primary``
    ``true``/``false`` and no edge twice (same source, target and year): an edge's source existed in its year (established
    then or before, abolished then or later) and its target existed after it
    (established then or before, not abolished by then); an edge from a body
    to itself (same body re-founded, renamed, moved) is never primary; a body
    has at most one primary edge a year, and a primary edge to another body
    is the end of its source: its year is the source's ``abolished`` year.
    Conversely a body with an ``abolished`` year and any edge at all has a
    primary edge that year (one with no edge was dissolved without successor).
    """
    ids = set(agencies["agency_id"])
    life = {
        row["agency_id"]: (_year(row["established"]), _year(row["abolished"]))
        for row in agencies.to_dict("records")
    }
    problems = []
    primary_years: dict[tuple[str, int], int] = {}
    edge_lines: dict[tuple[str, str, str], int] = {}
    for i, row in enumerate(succession.to_dict("records")):
        line = int(i) + 2
        known = True
        for col in ("from_agency", "to_agency"):
            if row[col] not in ids:
                problems.append(Problem(source, "unknown agency id", line, col, row[col]))
                known = False
        if row["relation"] not in RELATIONS:
            problems.append(Problem(source, "unknown relation", line, "relation", row["relation"]))
        if row["primary"] not in ("true", "false"):
            problems.append(
                Problem(source, "primary must be true or false", line, "primary", row["primary"])
            )
        key = (row["from_agency"], row["to_agency"], row["year"])
        if key in edge_lines:
            problems.append(
                Problem(
                    source,
                    f"same edge as line {edge_lines[key]}",
                    line,
                    "to_agency",
                    row["to_agency"],
                )
            )
        edge_lines.setdefault(key, line)
        year = _year(row["year"])
        if year is None:
            problems.append(Problem(source, "not a year", line, "year", row["year"]))
        if year is None or not known:
            continue
        source_from, source_to = life[row["from_agency"]], life[row["to_agency"]]
        if (source_from[0] or year) > year or (source_from[1] or year) < year:
            problems.append(
                Problem(source, "source body did not exist in that year", line, "year", row["year"])
            )
        if (source_to[0] or year) > year or (source_to[1] or year + 1) <= year:
            problems.append(
                Problem(
                    source, "target body did not exist after that year", line, "year", row["year"]
                )
            )
        if row["primary"] != "true":
            continue
        if row["from_agency"] == row["to_agency"]:
            problems.append(
                Problem(source, "an edge to the body itself is not primary", line, "primary")
            )
            continue
        key = (row["from_agency"], year)
        if key in primary_years:
            problems.append(
                Problem(
                    source,
                    f"second primary edge of that body and year (first on line {primary_years[key]})",
                    line,
                    "primary",
                )
            )
        primary_years.setdefault(key, line)
        if source_from[1] != year:
            problems.append(
                Problem(
                    source,
                    "a primary edge ends its source: the year must be its abolished year",
                    line,
                    "year",
                    row["year"],
                )
            )
    with_edges = set(succession["from_agency"])
    for i, row in enumerate(agencies.to_dict("records")):
        abolished = _year(row["abolished"])
        if abolished and row["agency_id"] in with_edges:
            if (row["agency_id"], abolished) not in primary_years:
                problems.append(
                    Problem(
                        agencies_source,
                        f"abolished in {abolished} but no primary succession edge that year",
                        int(i) + 2,
                        "abolished",
                        row["agency_id"],
                    )
                )
    return problems
