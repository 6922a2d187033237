"""The agency registry: who every actor is, and what became of it.

``data/agencies.csv`` has one row per body (the 40 actors of the 2015
document and the bodies that succeeded them); ``data/succession.csv`` has the
one-to-many succession edges of the 2018 and 2023 reforms. Both are curated
reference tables with sources, not parser output.

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
from dataclasses import dataclass, field
from pathlib import Path

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

    def __post_init__(self) -> None:
        if not self.names:
            self.names = _name_index(self.agencies)

    def resolve(self, written: str) -> str | None:
        """Return the agency id for a name as written, or None if unknown."""
        return self.names.get(written)

    def kind(self, agency_id: str) -> str:
        """Return the registry kind of an agency id, ``unregistered`` if absent."""
        if agency_id in self.agencies.index:
            return str(self.agencies.at[agency_id, "kind"])
        return "unregistered"

    def is_generic(self, agency_id: str) -> bool:
        """True for actors that are not one body (有关部门, local governments)."""
        return self.kind(agency_id) in GENERIC_KINDS

    def label(self, agency_id: str, lang: str = "zh") -> str:
        """Short display name of an agency in ``zh`` or ``en``."""
        if agency_id not in self.agencies.index:
            return agency_id
        row = self.agencies.loc[agency_id]
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

    def primary_steps(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """For every body with a primary edge: its chain of (successor, relation) steps.

        Computed once per registry (the tables are never changed after loading).

        >>> load_registry().primary_steps()["circ"]
        (('cbirc', 'merge_into'), ('nfra', 'reorganize'))
        """
        if self._steps is None:
            primary = self.succession[self.succession["primary"]].sort_values("year", kind="stable")
            by_year: dict[int, dict[str, tuple[str, str]]] = {}
            for row in primary.itertuples(index=False):
                by_year.setdefault(row.year, {})[row.from_agency] = (row.to_agency, row.relation)
            steps = {}
            for agency_id in self.agencies.index:
                current, chain = agency_id, []
                for year in sorted(by_year):
                    if current in by_year[year]:
                        current, relation = by_year[year][current]
                        chain.append((current, relation))
                if chain:
                    steps[agency_id] = tuple(chain)
            self._steps = steps
        return self._steps


def _name_index(agencies: pd.DataFrame) -> dict[str, str]:
    names: dict[str, str] = {}
    for agency_id, row in agencies.iterrows():
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
        Listing every duplicate id, unknown kind, dangling reference or alias
        that two bodies share.

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
    ids = set(agencies["agency_id"])
    for i, row in succession.iterrows():
        line = int(i) + 2
        for col in ("from_agency", "to_agency"):
            if row[col] not in ids:
                problems.append(
                    Problem(str(succession_path), "unknown agency id", line, col, row[col])
                )
        if row["relation"] not in RELATIONS:
            problems.append(
                Problem(str(succession_path), "unknown relation", line, "relation", row["relation"])
            )
    if problems:
        raise ValidationError(problems)
    agencies = agencies.assign(in_2015=agencies["in_2015"] == "true").set_index(
        "agency_id", drop=False
    )
    succession = succession.assign(
        year=succession["year"].astype(int), primary=succession["primary"] == "true"
    )
    return Registry(agencies=agencies, succession=succession)


def _check_agencies(agencies: pd.DataFrame, source: str) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    ids = set(agencies["agency_id"])
    for i, row in agencies.iterrows():
        line = int(i) + 2
        if row["agency_id"] in seen:
            problems.append(
                Problem(source, "duplicate agency id", line, "agency_id", row["agency_id"])
            )
        seen.setdefault(row["agency_id"], row["agency_id"])
        if row["kind"] not in KINDS:
            problems.append(Problem(source, "unknown kind", line, "kind", row["kind"]))
        if row["parent_id"] and row["parent_id"] not in ids:
            problems.append(
                Problem(source, "unknown parent id", line, "parent_id", row["parent_id"])
            )
    owner: dict[str, str] = {}
    for i, row in agencies.iterrows():
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
