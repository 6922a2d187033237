"""The catalogue of measures: one row per measure, search, and its source passage.

The measures table has one row per (measure, agency); readers want one row
per measure with its place in the document, its full text and everyone it
names. Selecting a measure shows its sentence highlighted in the paragraph of
the source text it came from (``source_start``/``source_end`` are character
offsets into :func:`graph.documents.source_text`).
"""

from __future__ import annotations

import html
import re

import pandas as pd

from graph.documents import with_english_titles
from graph.labels import term
from graph.registry import Registry, load_registry

CATALOGUE_COLUMNS = [
    "document",
    "measure_id",
    "section",
    "section_title",
    "article",
    "article_title",
    "measure_text",
    "agencies",
    "leads",
    "n_actors",
    "source_start",
    "source_end",
]
PASSAGE_CONTEXT = 600
# A paragraph starts on a line that is indented (the official layout) or that
# opens with a heading number: 一、 for sections, （一） for articles.
_PARAGRAPH_START = re.compile(
    r"\n(?=[ \t\u3000]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)"
)
_WRAP = re.compile(r"[ \t\u3000]*\n[ \t\u3000\n]*")


def measure_catalogue(
    table: pd.DataFrame, lang: str = "zh", registry: Registry | None = None
) -> pd.DataFrame:
    """One row per measure, in document order, with every actor it names.

    Parameters
    ----------
    table : pandas.DataFrame
        A measures table (possibly filtered: only the rows kept are named).
    lang : {"zh", "en"}
        Language of titles and agency names.
    registry : Registry, optional
        Source of agency names.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CATALOGUE_COLUMNS`. ``agencies`` lists the actors in
        the order the text names them, leads marked; ``leads`` lists the
        leads alone; ``n_actors`` counts the actors.

    Examples
    --------
    >>> from graph.fixtures import tiny_table
    >>> cat = measure_catalogue(tiny_table())
    >>> cat[["measure_id", "agencies", "n_actors"]].values.tolist()[0]
    ['M01.01', '商务部（牵头）、发展改革委', 2]
    >>> cat["leads"].tolist()[1]
    '商务部、发展改革委、工商总局'
    """
    registry = registry or load_registry()
    lang = "en" if lang == "en" else "zh"
    columns = CATALOGUE_COLUMNS
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    titled = with_english_titles(table) if lang == "en" else table
    rows = []
    for (document, measure_id), group in titled.sort_values("position").groupby(
        ["document", "measure_id"], sort=False
    ):
        first = group.iloc[0]
        names = [registry.label(a, lang) for a in group["agency"]]
        is_lead = group["role"].eq("lead").tolist()
        article_title = _title(first, "article", lang)
        if first["kind"] == "coordination" and not article_title:
            article_title = term("coordination_title", lang)
        rows.append(
            {
                "document": document,
                "measure_id": measure_id,
                "section": first["section"],
                "section_title": _title(first, "section", lang),
                "article": first["article"],
                "article_title": article_title,
                "measure_text": first["measure_text"],
                "agencies": term("list_separator", lang).join(
                    n + (term("lead_mark", lang) if lead else "")
                    for n, lead in zip(names, is_lead, strict=True)
                ),
                "leads": term("list_separator", lang).join(
                    n for n, lead in zip(names, is_lead, strict=True) if lead
                ),
                "n_actors": len(group),
                "source_start": int(first["source_start"]),
                "source_end": int(first["source_end"]),
            }
        )
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("section", "article"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["document", "source_start"], kind="stable").reset_index(drop=True)


def _title(row: pd.Series, level: str, lang: str) -> str:
    english = row.get(f"{level}_title_en", "") if lang == "en" else ""
    return str(english or row[f"{level}_title"] or "")


def search_catalogue(catalogue: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose id, text, titles or agencies contain ``query`` (case-insensitive).

    Every whitespace-separated word must occur somewhere in the row. An empty
    query keeps every row. The query is matched literally, never as a pattern.

    >>> from graph.fixtures import tiny_table
    >>> cat = measure_catalogue(tiny_table())
    >>> search_catalogue(cat, "审批 工商总局")["measure_id"].tolist()
    ['M01.02']
    >>> len(search_catalogue(cat, ".*"))
    0
    """
    words = query.split()
    if not words or catalogue.empty:
        return catalogue
    haystack = (
        catalogue[["measure_id", "measure_text", "section_title", "article_title", "agencies"]]
        .astype(str)
        .agg(" ".join, axis=1)
        .str.lower()
    )
    keep = pd.Series(True, index=catalogue.index)
    for word in words:
        keep &= haystack.str.contains(word.lower(), regex=False)
    return catalogue[keep]


def source_passage(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph around ``text[start:end]``, split into before, sentence, after.

    The source keeps the line wrapping of the official layout; wraps are
    removed from all three parts (Chinese has no spaces between words). Long
    paragraphs are cut to :data:`PASSAGE_CONTEXT` characters either side.

    >>> from graph.fixtures import TINY_TEXT
    >>> start = TINY_TEXT.index("简化审")
    >>> source_passage(TINY_TEXT, start, TINY_TEXT.index("。", start) + 1)
    ('（一）开放市场。放宽准入。（商务部、发展改革委）', '简化审批。', '（商务部、发展改革委、工商总局按职责分工分别负责）')
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}:{end} outside a text of {len(text)} characters")
    starts = [m.start() + 1 for m in _PARAGRAPH_START.finditer(text, 0, start)]
    begin = starts[-1] if starts else 0
    following = _PARAGRAPH_START.search(text, end)
    stop = following.start() if following else len(text)
    before = _WRAP.sub("", text[max(begin, start - PASSAGE_CONTEXT) : start]).lstrip()
    after = _WRAP.sub("", text[end : min(stop, end + PASSAGE_CONTEXT)]).rstrip()
    return before, _WRAP.sub("", text[start:end]), after


def passage_html(before: str, sentence: str, after: str) -> str:
    """The passage as one HTML paragraph, the sentence in ``<mark>``; all text escaped.

    >>> passage_html("a<b", "<img src=x onerror=alert(1)>", "&")
    '<p>a&lt;b<mark>&lt;img src=x onerror=alert(1)&gt;</mark>&amp;</p>'
    """
    return f"<p>{html.escape(before)}<mark>{html.escape(sentence)}</mark>{html.escape(after)}</p>"


def compact_span_end(text: str, start: int, length: int) -> int:
    """Offset after the first ``length`` non-space characters of ``text`` from ``start``:
    where a string that the parser stored without whitespace ends in the source.

    >>> compact_span_end("（商务\\n部）。", 0, 5)
    6
    """
    end, kept = start, 0
    while end < len(text) and kept < length:
        kept += not text[end].isspace()
        end += 1
    return end
