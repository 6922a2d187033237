"""Filters every view obeys: sections, articles, agency kinds, roles, generics.

A :class:`Filters` value is plain data (hashable, so it can key a cache); the
app's sidebar, the CLI's options and the snapshot all build one and call
:func:`apply_filters`, so every view of the same filters shows the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graph.registry import GENERIC_KINDS, Registry, load_registry


@dataclass(frozen=True)
class Filters:
    """Which rows of a measures table to keep; ``None`` means no restriction."""

    sections: tuple[int, ...] | None = None
    articles: tuple[int, ...] | None = None
    agency_kinds: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None
    include_generic: bool = True
    include_coordination: bool = True

    def describe(self, lang: str = "zh") -> list[str]:
        """Human-readable lines stating each active restriction.

        >>> Filters(sections=(2, 3), include_generic=False).describe("en")
        ['sections: 2, 3', 'generic actors excluded']
        >>> Filters().describe("en")
        ['no filter: the whole document']
        """
        en = lang == "en"
        lines = []
        if self.sections is not None:
            lines.append(("sections: " if en else "部分：") + ", ".join(map(str, self.sections)))
        if self.articles is not None:
            lines.append(("articles: " if en else "条目：") + ", ".join(map(str, self.articles)))
        if self.agency_kinds is not None:
            lines.append(("agency kinds: " if en else "机构类型：") + ", ".join(self.agency_kinds))
        if self.roles is not None:
            lines.append(("roles: " if en else "角色：") + ", ".join(self.roles))
        if not self.include_generic:
            lines.append("generic actors excluded" if en else "不含泛指主体（有关部门、地方政府）")
        if not self.include_coordination:
            lines.append("coordination mechanism excluded" if en else "不含跨部门协调机制")
        return lines or ["no filter: the whole document" if en else "未筛选：全文"]


def apply_filters(
    table: pd.DataFrame, filters: Filters, registry: Registry | None = None
) -> pd.DataFrame:
    """Rows of ``table`` that pass ``filters`` (a new frame; the input is untouched).

    Section and article filters keep coordination rows only when coordination
    is included, since the closing paragraph belongs to no section.

    >>> from graph.fixtures import tiny_table
    >>> kept = apply_filters(tiny_table(), Filters(sections=(2,), include_generic=False))
    >>> sorted(set(kept["measure_id"]))
    ['C01', 'M02.01']
    """
    registry = registry or load_registry()
    keep = pd.Series(True, index=table.index)
    is_task = table["kind"].eq("task")
    if not filters.include_coordination:
        keep &= is_task
    if filters.sections is not None:
        keep &= ~is_task | table["section"].isin(filters.sections).fillna(False).astype(bool)
    if filters.articles is not None:
        keep &= ~is_task | table["article"].isin(filters.articles).fillna(False).astype(bool)
    # One registry lookup per distinct agency, not per row (a lookup is a pandas .at).
    kind_of = {agency: registry.kind(agency) for agency in table["agency"].unique()}
    kinds = table["agency"].map(kind_of)
    if not filters.include_generic:
        keep &= ~kinds.isin(GENERIC_KINDS)
    if filters.agency_kinds is not None:
        keep &= kinds.isin(filters.agency_kinds)
    if filters.roles is not None:
        keep &= table["role"].isin(filters.roles)
    return table[keep].reset_index(drop=True)
