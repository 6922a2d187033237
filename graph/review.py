"""What an analyst should look at in a parsed table, and their edits as corrections.

:func:`review_items` lists every parenthetical the parser was not sure of, most
doubtful first: a fragment it could not read as a body or an empty name (the
rows say ``status = review``), a name the registry does not know, a role the
rule had to guess (the first-listed actor made lead with nothing in the text
saying so: ``role_basis = first_listed`` with more than one actor).
:func:`edit_corrections` turns an analyst's edit of one parenthetical (its
actors and roles, or "not an assignment") into rows of the corrections table
(:mod:`graph.corrections`), which the app and the CLI apply on top of the parse.

>>> from graph.parse import parse_text
>>> table = parse_text("一、总则\\n（一）开放。放宽准入。（商务部、某某委员会）\\n").to_frame()
>>> items = review_items(table)
>>> items[["measure_id", "doubt", "reasons"]].values.tolist()
[['M01.01', 3, 'name not in the registry: 某某委员会; role guessed: first-listed leads']]
"""

from __future__ import annotations

import pandas as pd

from graph.corrections import corrections_frame
from graph.labels import pick

REVIEW_COLUMNS = [
    "document",
    "assignment_start",
    "assignment_text",
    "measure_id",
    "measure_text",
    "source_start",
    "section_title",
    "article_title",
    "actors",
    "doubt",
    "reasons",
]
"""One row per parenthetical to review; ``actors`` holds ``(as written, agency, role)`` tuples."""

DOUBT = {"unreadable": 4, "unregistered": 3, "guessed": 2, "corrected": 1}
"""How doubtful each reason is: items are sorted by their highest reason, then in text order."""

REASONS = {
    "unregistered": ("登记表中没有：{names}", "name not in the registry: {names}"),
    "guessed": ("角色为推定：排在第一位的牵头", "role guessed: first-listed leads"),
    "corrected": ("已更正", "corrected"),
}


def review_items(
    table: pd.DataFrame, include_corrected: bool = True, lang: str = "en"
) -> pd.DataFrame:
    """Parentheticals to review, most doubtful first, then in document order.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table (tasks are reviewed; the coordination sentence is not).
    include_corrected : bool
        Also list parentheticals already corrected (doubt 1), so a correction
        can be seen and changed again.
    lang : {"en", "zh"}
        Language of ``reasons`` (the parser's own message for an unreadable
        fragment is kept as it is).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REVIEW_COLUMNS`; ``doubt`` 1–4 as in :data:`DOUBT`,
        ``reasons`` in words.
    """
    tasks = table[(table["kind"] == "task") & table["assignment_start"].notna()]
    items = []
    for (document, start), rows in tasks.groupby(["document", "assignment_start"], sort=False):
        reasons: list[tuple[int, str]] = []
        unreadable = rows["status_reason"].str.contains("does not look like|empty name", regex=True)
        if unreadable.any():
            reasons.append((DOUBT["unreadable"], _first_reason(rows[unreadable])))
        unknown = rows.loc[~rows["registered"].astype(bool), "agency_as_written"]
        unknown = unknown[
            ~rows.loc[unknown.index, "status_reason"].str.contains("does not look like")
        ]
        if len(unknown):
            names = "、".join(unknown)
            reasons.append((DOUBT["unregistered"], _say("unregistered", lang, names=names)))
        if len(rows) > 1 and (rows["role_basis"] == "first_listed").any():
            reasons.append((DOUBT["guessed"], _say("guessed", lang)))
        if include_corrected and (rows["status"] == "corrected").any():
            reasons.append((DOUBT["corrected"], _say("corrected", lang)))
        if not reasons:
            continue
        first = rows.iloc[0]
        items.append(
            {
                "document": document,
                "assignment_start": int(start),
                "assignment_text": first["assignment_text"],
                "measure_id": first["measure_id"],
                "measure_text": first["measure_text"],
                "source_start": int(first["source_start"]),
                "section_title": first["section_title"],
                "article_title": first["article_title"],
                "actors": [
                    (r.agency_as_written, r.agency, r.role) for r in rows.itertuples(index=False)
                ],
                "doubt": max(score for score, _ in reasons),
                "reasons": "; ".join(text for _, text in reasons),
            }
        )
    frame = pd.DataFrame(items, columns=REVIEW_COLUMNS)
    order = frame.assign(order=range(len(frame))).sort_values(
        ["doubt", "order"], ascending=[False, True], kind="stable"
    )
    return order.drop(columns="order").reset_index(drop=True)


def _say(reason: str, lang: str, **fields: str) -> str:
    return pick(REASONS[reason], lang).format(**fields)


def _first_reason(rows: pd.DataFrame) -> str:
    return rows["status_reason"].iloc[0].split("; ")[0]


def edit_corrections(
    item: pd.Series | dict,
    edited: list[tuple[str, str]],
    not_assignment: bool = False,
    comment: str = "",
) -> pd.DataFrame:
    """Corrections that turn a parenthetical's actors into the edited ones.

    Parameters
    ----------
    item : row of :func:`review_items`
        The parenthetical as read (``actors``: ``(as written, agency, role)``).
    edited : list of (actor, role)
        The actors the analyst wants, in order: an actor is a name as written
        or an agency id; a row that keeps an actor keeps its name.
    not_assignment : bool
        The parenthetical is ordinary text: one ``not_assignment`` correction.

    Returns
    -------
    pandas.DataFrame
        Rows of the corrections table (empty when nothing changed): removals,
        then role changes, then additions.

    >>> item = {"document": "d", "assignment_start": 7, "assignment_text": "（甲部、乙局）",
    ...         "actors": [("甲部", "a", "lead"), ("乙局", "b", "partner")]}
    >>> edit_corrections(item, [("甲部", "partner"), ("丙委", "lead")])[["action", "actor", "new_actor", "role"]].values.tolist()
    [['remove_actor', 'b', '', ''], ['change_role', 'a', '', 'partner'], ['add_actor', '', '丙委', 'lead']]
    """
    base = {
        "document": item["document"],
        "assignment_start": int(item["assignment_start"]),
        "assignment_text": item["assignment_text"],
        "comment": comment,
    }
    if not_assignment:
        return corrections_frame([{**base, "action": "not_assignment"}])
    before = {agency: (written, role) for written, agency, role in item["actors"]}
    names = {written: agency for written, agency, _ in item["actors"]}
    wanted: dict[str, str] = {}
    for actor, role in edited:
        actor = str(actor).strip()
        if actor:
            wanted.setdefault(names.get(actor, actor), role)
    rows = [
        {**base, "action": "remove_actor", "actor": agency}
        for agency in before
        if agency not in wanted
    ]
    rows += [
        {**base, "action": "change_role", "actor": agency, "role": role}
        for agency, role in wanted.items()
        if agency in before and before[agency][1] != role
    ]
    rows += [
        {**base, "action": "add_actor", "new_actor": agency, "role": role}
        for agency, role in wanted.items()
        if agency not in before
    ]
    return corrections_frame(rows)


def parenthetical(table: pd.DataFrame, document: str, start: int) -> dict:
    """One parenthetical of a table as :func:`edit_corrections` takes it.

    Raises KeyError when the table has no parenthetical at that place.

    >>> from graph.fixtures import TINY_TEXT, tiny_table
    >>> item = parenthetical(tiny_table(), "tiny", TINY_TEXT.index("（工商总局、质检总局）"))
    >>> item["measure_id"], item["actors"]
    ('M02.01', [('工商总局', 'saic', 'lead'), ('质检总局', 'aqsiq', 'partner')])
    """
    at_place = table["assignment_start"].astype("Int64").eq(start).fillna(False).astype(bool)
    rows = table[(table["document"] == document) & at_place]
    if rows.empty:
        raise KeyError((document, start))
    first = rows.iloc[0]
    return {
        "document": document,
        "assignment_start": int(start),
        "assignment_text": first["assignment_text"],
        "measure_id": first["measure_id"],
        "measure_text": first["measure_text"],
        "source_start": int(first["source_start"]),
        "actors": [(r.agency_as_written, r.agency, r.role) for r in rows.itertuples(index=False)],
    }
