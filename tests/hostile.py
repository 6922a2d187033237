"""A measures table whose texts are attacks: HTML, script, template syntax, quotes.

Built from the hand-made tiny table (``graph.fixtures``): measure texts,
titles, an agency id and the document id carry payloads that set
``window.__pwned`` if any of them ever runs. Every one must come out as text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.fixtures import tiny_table

SCRIPT_TEXT = "<script>window.__pwned=1</script>放宽准入。"
CLOSE_SCRIPT_TEXT = "</script><script>window.__pwned=2</script>简化审批。"
IMG_AGENCY = "<img src=x onerror=window.__pwned=3>"
TITLE_TEXT = "<b onmouseover=\"window.__pwned=4\">规范'秩序'</b>"
TEMPLATE_TEXT = "{{ 7*7 }} ${7*7} {% if x %}打击假冒。\u2028"
DOCUMENT = "<svg onload=window.__pwned=5>"
HOSTILE_TITLE = "</title><script>window.__pwned=6</script>标题"
PAYLOADS = (SCRIPT_TEXT, CLOSE_SCRIPT_TEXT, IMG_AGENCY, TITLE_TEXT, TEMPLATE_TEXT, DOCUMENT)


def hostile_table() -> pd.DataFrame:
    """The tiny table with payloads in texts, titles, one agency id and the document id.

    The agency ``aqsiq`` of measure M02.01 is replaced by the unregistered
    :data:`IMG_AGENCY`, whose id becomes its label.
    """
    table = tiny_table()
    texts = {"M01.01": SCRIPT_TEXT, "M01.02": CLOSE_SCRIPT_TEXT, "M02.01": TEMPLATE_TEXT}
    table["measure_text"] = [
        texts.get(m, t) for m, t in zip(table["measure_id"], table["measure_text"], strict=True)
    ]
    table.loc[table["article"] == 2, "article_title"] = TITLE_TEXT
    table.loc[table["section"] == 2, "section_title"] = TITLE_TEXT
    swap = (table["measure_id"] == "M02.01") & (table["agency"] == "aqsiq")
    table.loc[swap, "agency"] = IMG_AGENCY
    table.loc[swap, "registered"] = False
    table["document"] = DOCUMENT
    return table


def hostile_csv(folder: Path) -> Path:
    """:func:`hostile_table` written as a measures CSV (as the CLI's ``--data`` reads it)."""
    from graph.table import write_measures

    path = Path(folder) / "hostile.csv"
    write_measures(hostile_table(), path)
    return path
