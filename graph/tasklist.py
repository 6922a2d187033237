"""An agency's task list (分工表): every measure it is assigned, with its partners.

This is the table a ministry's liaison officer needs: for each measure of the
document that names the agency, where it sits (section, article), what it
says, whether the agency leads or supports it, and who else is named. The app's
Agency page shows it; the snapshot and CSV exports write it.
"""

from __future__ import annotations

import pandas as pd

from graph.documents import with_english_titles
from graph.labels import role_name, term
from graph.registry import Registry, load_registry

TASK_COLUMNS = [
    "section",
    "article",
    "article_title",
    "measure_id",
    "measure_text",
    "role",
    "shared_duty",
    "partners",
]


def task_list(
    table: pd.DataFrame, agency_id: str, lang: str = "zh", registry: Registry | None = None
) -> pd.DataFrame:
    """The measures assigned to one agency, in document order, with their partners.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table (see :func:`graph.table.load_measures`), possibly
        filtered; one row per (measure, agency).
    agency_id : str
        Registry id of the agency (``"mofcom"``), as in the table's ``agency`` column.
    lang : {"zh", "en"}
        Language of article titles, role names and partner names.
    registry : Registry, optional
        Source of agency names; the bundled registry by default.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TASK_COLUMNS`: ``section`` and ``article`` (``Int64``,
        missing for the coordination paragraph), ``article_title``,
        ``measure_id``, ``measure_text``, ``role`` (牵头/参与 or lead/partner),
        ``shared_duty`` (True when the text says 按职责分工分别负责), and
        ``partners``: the measure's other actors in the order the text names
        them, leads marked. Empty (same columns) when the agency has no row.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> tasks = task_list(tiny_table(), "ndrc")
    >>> for row in tasks[["measure_id", "role", "partners"]].values.tolist():
    ...     print(*row)
    M01.01 参与 商务部（牵头）
    M01.02 牵头 商务部（牵头）、工商总局（牵头）
    C01 牵头 商务部
    >>> task_list(tiny_table(), "saic", lang="en")["role"].tolist()
    ['lead', 'lead']
    """
    registry = registry or load_registry()
    lang = "en" if lang == "en" else "zh"
    own = table[table["agency"] == agency_id]
    if own.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in TASK_COLUMNS})
    keys = list(zip(own["document"], own["measure_id"], strict=True))
    wanted = set(keys)
    same_measure = pd.Series(
        [key in wanted for key in zip(table["document"], table["measure_id"], strict=True)],
        index=table.index,
    )
    others = table[same_measure & (table["agency"] != agency_id)].sort_values("position")
    names = {a: registry.label(a, lang) for a in others["agency"].unique()}
    partners: dict[tuple[str, str], list[str]] = {}
    for row in others.itertuples(index=False):
        mark = term("lead_mark", lang) if row.role == "lead" else ""
        partners.setdefault((row.document, row.measure_id), []).append(names[row.agency] + mark)
    if lang == "en":
        titles = with_english_titles(own)["article_title_en"]
        titles = titles.where(titles != "", own["article_title"])
    else:
        titles = own["article_title"]
    titles = titles.where(
        ~(own["kind"].eq("coordination") & titles.eq("")), term("coordination_title", lang)
    )
    out = pd.DataFrame(
        {
            "section": own["section"],
            "article": own["article"],
            "article_title": titles,
            "measure_id": own["measure_id"],
            "measure_text": own["measure_text"],
            "role": own["role"].map(lambda role: role_name(role, lang)),
            "shared_duty": own["shared_duty"].astype(bool),
            "partners": [term("list_separator", lang).join(partners.get(key, [])) for key in keys],
            "_document": own["document"],
            "_order": own["source_start"],
        }
    )
    out = out.sort_values(["_document", "_order"], kind="stable")
    return out.drop(columns=["_document", "_order"]).reset_index(drop=True)


def _dtype(column: str) -> str:
    if column in ("section", "article"):
        return "Int64"
    return "bool" if column == "shared_duty" else "object"


def tasklist_page(
    table: pd.DataFrame,
    filters=None,
    agencies: list[str] | tuple[str, ...] | None = None,
    *,
    lang: str = "zh",
    title: str | None = None,
    generated_at=None,
    registry: Registry | None = None,
) -> str:
    """The printable task-list page (分工表) of some agencies: one path for the app and the CLI.

    Parameters
    ----------
    table : pandas.DataFrame
        The full measures table (its SHA-256 is the page's data version);
        ``filters`` are applied here.
    filters : graph.filters.Filters, optional
        No filter by default.
    agencies : sequence of str, optional
        Agency ids in the order wanted; every agency of the filtered table when
        omitted (see :func:`graph.export.tasklists`).
    lang : {"zh", "en"}
    title : str, optional
        The document number and 分工表 by default.
    generated_at : datetime, optional
        Time stamp printed (now by default): pass one for byte-identical pages.
    registry : Registry, optional

    Returns
    -------
    str
        The HTML page of :func:`graph.render.tasklist_html`, with provenance
        and filter lines.

    Raises
    ------
    ValueError
        When an agency has no measure in the filtered table.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> page = tasklist_page(tiny_table(), agencies=["aqsiq"], lang="en")
    >>> "tiny · Task list" in page, "打击假冒。" in page
    (True, True)
    """
    from graph.export import tasklists
    from graph.filters import Filters, apply_filters
    from graph.render import tasklist_html
    from graph.snapshot import provenance_lines, tasklist_title

    registry = registry or load_registry()
    filters = filters or Filters()
    tasks = tasklists(apply_filters(table, filters, registry), agencies, lang, registry)
    return tasklist_html(
        tasks,
        title=title or tasklist_title(table, lang),
        provenance=[*provenance_lines(table, lang, generated_at), *filters.describe(lang)],
        lang=lang,
    )
