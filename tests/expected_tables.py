"""Hand-written expected tables (``tests/corpus/``, ``tests/documents/genre/``) and the rows
a parsed table gives in the same form: measure, first and last six characters of its text,
actor as written, role, shared duty, deadline, scope."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FIELDS = ["measure_id", "begins", "ends", "actor", "role", "shared_duty", "deadline", "scope"]


def expected_rows(path: Path) -> list[tuple[str, ...]]:
    """The rows of a hand-written table, in order."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [tuple(row) for row in table[FIELDS].itertuples(index=False)]


def parsed_rows(table: pd.DataFrame) -> list[tuple[str, ...]]:
    """The task rows of a parsed table in the hand-written tables' form."""
    tasks = table[table["kind"] == "task"]
    return [
        (
            r.measure_id,
            r.measure_text[:6],
            r.measure_text[-6:],
            r.agency_as_written,
            r.role,
            str(r.shared_duty).lower(),
            r.deadline,
            r.scope,
        )
        for r in tasks.itertuples(index=False)
    ]
