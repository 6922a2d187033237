"""Parse a State Council-style policy text into the measures table.

The text comes as extracted from a PDF: lines (and names) are broken anywhere,
with stray spaces. The parser works on a *compact* copy with all whitespace
removed and keeps, for every compact character, its offset in the source, so
each measure can point back to its place in the original file.

Structure it reads:

- sections: a line starting ``一、`` (numbered in sequence), title to line end;
- articles: a line starting ``（一）`` / ``(一)`` in sequence (numbering may run
  through the document or restart in each section); the title is the first
  sentence, up to ``。``;
- assignments: a parenthetical that names responsible actors, e.g.
  ``（工商总局、中央编办）``; a *measure* is the text between the previous
  assignment (or the article's title sentence) and the assignment;
- the closing paragraph's cross-department coordination mechanism
  (``……等部门要完善……跨部门协调工作机制``), recorded as kind ``coordination``.

Role rule (documented in the README): an explicit ``牵头`` or ``A会同B`` wins;
otherwise the first-listed actor not marked ``参与``/``配合`` leads and the
others are partners, unless the parenthetical says ``按(照)职责分工(分别)负责``,
in which case all unmarked actors lead together (``shared_duty`` is true).

>>> text = "一、总则\\n（一）开放市场。放宽准入。（商务部、工信部）\\n"
>>> table = parse_text(text, document="demo").to_frame()
>>> table[["measure_id", "agency", "role", "measure_text"]].values.tolist()
[['M01.01', 'mofcom', 'lead', '放宽准入。'], ['M01.01', 'miit', 'partner', '放宽准入。']]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from graph.errors import ParseError, Problem
from graph.registry import Registry, load_registry

COLUMNS = [
    "document",
    "measure_id",
    "kind",
    "section",
    "section_title",
    "article",
    "article_title",
    "measure_seq",
    "measure_text",
    "agency",
    "agency_as_written",
    "registered",
    "position",
    "role",
    "shared_duty",
    "source_start",
    "source_end",
    "assignment_text",
]

_NUMERALS = "零〇一二三四五六七八九十百"
_SECTION_RE = re.compile(rf"^[ \t\u3000]*([{_NUMERALS}]+)、([^\n]*)$", re.MULTILINE)
_ARTICLE_RE = re.compile(rf"^[ \t\u3000]*[（(]([{_NUMERALS}]+)[）)]", re.MULTILINE)
_OPEN, _CLOSE = "（(", "）)"
_PAREN_RE = re.compile("[（(）)]")
# What str.isspace() calls a space: the compact text drops exactly these.
_SPACE_RE = re.compile(r"\s")
_SPACE_CODES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_SENTENCE_END = "。；;！？!?"

_SHARED_RE = re.compile(r"按照?职责分工(?:分别)?负责$")
_ETC_RE = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)?$")
_LEAD_SUFFIX_RE = re.compile(r"(?:牵头负责|牵头)$")
_PARTNER_SUFFIX_RE = re.compile(r"(?:参与|配合|协助|协同)$")
_PLAIN_SUFFIX_RE = re.compile(r"(?:共同负责|分别负责|负责)$")
_AGENCY_SHAPE_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,24}(?:部|委|局|署|办|银行|会|院|政府|办公室|办公厅|中心|小组)$"
)
_NOT_ASSIGNMENT_RE = re.compile(r"以下简称|简称|试行|暂行|草案|征求意见稿|\d")
_COORDINATION_RE = re.compile(
    r"^(?P<actors>.+?)(?:等(?:有关|相关)?部门)?要(?:进一步)?"
    r"(?:完善|建立健全|建立|健全|加强)[^。]*?协调(?:工作)?机制"
)


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral up to 999.

    >>> [chinese_numeral(s) for s in ["一", "十", "十四", "二十九", "一百零二"]]
    [1, 10, 14, 29, 102]
    """
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@dataclass
class Actor:
    """One actor named in an assignment parenthetical."""

    agency: str
    as_written: str
    registered: bool
    position: int
    role: str
    shared_duty: bool


@dataclass
class Measure:
    """A measure and the actors its parenthetical assigns it to."""

    measure_id: str
    kind: str
    section: int | None
    section_title: str
    article: int | None
    article_title: str
    seq: int
    text: str
    source_start: int
    source_end: int
    assignment_text: str
    actors: list[Actor]


@dataclass
class ParseResult:
    """Measures found in a text, and notes on what was left out or unknown."""

    document: str
    measures: list[Measure]
    notes: list[Problem] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """One row per (measure, actor), columns as in :data:`COLUMNS`."""
        rows = [
            {
                "document": self.document,
                "measure_id": m.measure_id,
                "kind": m.kind,
                "section": m.section,
                "section_title": m.section_title,
                "article": m.article,
                "article_title": m.article_title,
                "measure_seq": m.seq,
                "measure_text": m.text,
                "agency": a.agency,
                "agency_as_written": a.as_written,
                "registered": a.registered,
                "position": a.position,
                "role": a.role,
                "shared_duty": a.shared_duty,
                "source_start": m.source_start,
                "source_end": m.source_end,
                "assignment_text": m.assignment_text,
            }
            for m in self.measures
            for a in m.actors
        ]
        frame = pd.DataFrame(rows, columns=COLUMNS)
        for col in ("section", "article"):
            frame[col] = frame[col].astype("Int64")
        return frame


class _Compact:
    """The text without whitespace, with a map back to source offsets.

    ``offsets[i]`` is the source offset of compact character ``i`` (a numpy
    array: a list of Python ints takes ~36 bytes a character, which matters on
    texts of millions of characters); line numbers come from the sorted
    offsets of the line breaks, so placing a problem costs a binary search, not
    a count from the start of the text.
    """

    def __init__(self, source: str):
        self.source = source
        self.text = _SPACE_RE.sub("", source)
        codes = np.frombuffer(source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        self.offsets = np.flatnonzero(~np.isin(codes, _SPACE_CODES))
        if len(self.offsets) != len(self.text):  # a space above U+3000 in some future Unicode
            self.offsets = np.array(
                [i for i, ch in enumerate(source) if not ch.isspace()], dtype=np.int64
            )
        self.newlines = np.flatnonzero(codes == ord("\n"))

    def index_at(self, source_offset: int) -> int:
        """Compact index of the first kept character at or after an offset."""
        return int(np.searchsorted(self.offsets, source_offset, side="left"))

    def source_offset(self, compact_index: int) -> int:
        """Source offset of a compact character."""
        return int(self.offsets[compact_index])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [start, end) covering compact characters [start, end)."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def where(self, compact_index: int) -> tuple[int, int]:
        """1-based (line, column) in the source of a compact index."""
        offset = (
            self.source_offset(min(compact_index, len(self.offsets) - 1)) if len(self.text) else 0
        )
        breaks_before = int(np.searchsorted(self.newlines, offset, side="left"))
        line_start = int(self.newlines[breaks_before - 1]) + 1 if breaks_before else 0
        return breaks_before + 1, offset - line_start + 1


@dataclass
class _Article:
    number: int
    section: int | None
    section_title: str
    marker_start: int  # compact index of "（"
    body_start: int  # compact index after the marker
    end: int = 0  # compact index where the next heading starts
    title: str = ""


def _headings(source: str, compact: _Compact) -> list[_Article]:
    """Find sections and articles in document order, keeping only those in sequence."""
    events = []
    for match in _SECTION_RE.finditer(source):
        events.append((match.start(1), "section", match))
    for match in _ARTICLE_RE.finditer(source):
        events.append((match.start(), "article", match))
    events.sort(key=lambda e: e[0])

    articles: list[_Article] = []
    section, section_title, last_article = None, "", 0
    boundaries = []
    for offset, what, match in events:
        number = chinese_numeral(match.group(1))
        if what == "section":
            if number != (section or 0) + 1:
                continue
            section, section_title = number, re.sub(r"\s", "", match.group(2))
            boundaries.append(compact.index_at(offset))
        else:
            restart = number == 1 and last_article > 0 and section is not None
            if number != last_article + 1 and not restart:
                continue
            if restart and articles and articles[-1].section == section:
                continue
            last_article = number
            start = compact.index_at(match.start(0))
            body = compact.index_at(match.end(0))
            articles.append(_Article(len(articles) + 1, section, section_title, start, body))
            boundaries.append(start)
    boundaries.append(len(compact.text))
    boundaries.sort()
    for article in articles:
        article.end = boundaries[bisect.bisect_right(boundaries, article.marker_start)]
    return articles


def _parentheticals(
    compact: _Compact, start: int, end: int, source_name: str
) -> list[tuple[int, int]]:
    """Top-level parenthetical spans [open, close] (inclusive) in compact[start:end]."""
    text = compact.text
    spans, depth, opened = [], 0, -1
    for match in _PAREN_RE.finditer(text, start, end):
        i, char = match.start(), match.group()
        if char in _OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                # "1）" style enumerations close what was never opened.
                if i > start and (text[i - 1].isalnum() and text[i - 1].isascii()):
                    continue
                line, col = compact.where(i)
                raise ParseError(
                    [
                        Problem(
                            source_name,
                            "closing parenthesis without an opening one",
                            line,
                            col,
                            text[max(start, i - 15) : i + 1],
                        )
                    ]
                )
            depth -= 1
            if depth == 0:
                spans.append((opened, i))
    if depth:
        line, col = compact.where(opened)
        raise ParseError(
            [
                Problem(
                    source_name,
                    "parenthesis opened here is never closed",
                    line,
                    col,
                    text[opened : opened + 20],
                )
            ]
        )
    return spans


@dataclass
class _Name:
    written: str
    explicit: str | None  # "lead", "partner" or None


def _split_names(content: str) -> tuple[list[_Name], bool, bool]:
    """Names in an assignment parenthetical, whether duty is shared, whether
    any role or qualifier word was seen."""
    content = re.sub(r"[（）()]", "", content)
    shared, marked = False, False
    names: list[_Name] = []
    for clause in re.split(r"[，,；;]", content):
        if _SHARED_RE.search(clause):
            clause = _SHARED_RE.sub("", clause)
            shared = marked = True
        explicit = None
        if _LEAD_SUFFIX_RE.search(clause):
            clause, explicit, marked = _LEAD_SUFFIX_RE.sub("", clause), "lead", True
        elif _PARTNER_SUFFIX_RE.search(clause):
            clause, explicit, marked = _PARTNER_SUFFIX_RE.sub("", clause), "partner", True
        elif _PLAIN_SUFFIX_RE.search(clause):
            clause, marked = _PLAIN_SUFFIX_RE.sub("", clause), True
        if "会同" in clause:
            head, tail = clause.split("会同", 1)
            marked = True
            groups = [(head, "lead"), (tail, explicit if explicit == "partner" else "partner")]
        else:
            groups = [(clause, explicit)]
        for group, role in groups:
            parts = group.split("、")
            if parts and _ETC_RE.search(parts[-1]) and parts[-1] not in ("等",):
                stripped = _ETC_RE.sub("", parts[-1])
                if stripped != parts[-1]:
                    marked = True
                parts[-1] = stripped
            names.extend(_Name(p, role) for p in parts)
    return names, shared, marked


def _read_assignment(
    content: str, after_stop: bool, registry: Registry
) -> tuple[list[_Name], list[str | None], bool] | str | None:
    """Decide whether a parenthetical assigns actors.

    Returns None for an ordinary parenthetical, a message string for one that
    looks like an assignment but cannot be read, or (names, ids, shared) where
    ids[i] is the registry id of names[i] or None if unregistered.
    """
    if not content or _NOT_ASSIGNMENT_RE.search(content):
        return None
    names, shared, marked = _split_names(content)
    ids = [registry.resolve(n.written) for n in names]
    shaped = [
        i is not None or bool(_AGENCY_SHAPE_RE.match(n.written))
        for n, i in zip(names, ids, strict=True)
    ]
    known = sum(i is not None for i in ids)
    if all(shaped) and (known or after_stop or marked):
        pass
    elif known and (after_stop or marked):
        pass
    elif after_stop and marked:
        return "looks like an assignment, but names no agency that can be read"
    else:
        return None
    if any(not n.written for n in names):
        return "empty name in an assignment list"
    return names, ids, shared


def _assign_roles(names: list[_Name], shared: bool) -> list[str]:
    """Apply the role rule to the names of one parenthetical, in order."""
    explicit_lead = any(n.explicit == "lead" for n in names)
    roles, first_taken = [], False
    for n in names:
        if n.explicit:
            roles.append(n.explicit)
        elif explicit_lead:
            roles.append("partner")
        elif shared:
            roles.append("lead")
        elif not first_taken:
            roles.append("lead")
        else:
            roles.append("partner")
        if n.explicit != "partner":
            first_taken = True
    return roles


def _actors(
    names: list[_Name], ids: list[str | None], shared: bool, notes: list[Problem], where: Problem
) -> list[Actor]:
    roles = _assign_roles(names, shared)
    actors: list[Actor] = []
    seen: set[str] = set()
    for name, agency_id, role in zip(names, ids, roles, strict=True):
        agency = agency_id or name.written
        if agency in seen:
            notes.append(
                Problem(
                    where.source,
                    "actor named twice; kept once",
                    where.line,
                    where.column,
                    name.written,
                )
            )
            continue
        seen.add(agency)
        if agency_id is None:
            notes.append(
                Problem(
                    where.source,
                    "name not in the agency registry; kept as unregistered",
                    where.line,
                    where.column,
                    name.written,
                )
            )
        actors.append(
            Actor(agency, name.written, agency_id is not None, len(actors) + 1, role, shared)
        )
    return actors


def parse_text(
    source: str,
    document: str = "document",
    registry: Registry | None = None,
    source_name: str | None = None,
) -> ParseResult:
    """Parse a policy text into measures.

    Parameters
    ----------
    source : str
        The text, as extracted (line breaks and spaces anywhere).
    document : str
        Identifier written into the ``document`` column.
    registry : Registry, optional
        Resolves written names to agency ids; the bundled registry by default.
    source_name : str, optional
        Name used in error messages (the file path); ``document`` by default.

    Returns
    -------
    ParseResult
        Measures in document order; ``notes`` lists unregistered names,
        articles without assignments and unassigned text.

    Raises
    ------
    ParseError
        When the text has no articles, or has a parenthesis it cannot close or
        a parenthetical that looks like an assignment but cannot be read; each
        problem names the line, column and the text there.
    """
    registry = registry or load_registry()
    source_name = source_name or document
    compact = _Compact(source)
    articles = _headings(source, compact)
    if not articles:
        raise ParseError(
            [
                Problem(
                    source_name, "no articles found (expected lines starting （一）, （二）, ...)"
                )
            ]
        )
    measures: list[Measure] = []
    notes: list[Problem] = []
    problems: list[Problem] = []
    last_assignment_end = articles[0].marker_start
    for article in articles:
        text = compact.text
        title_end = text.find("。", article.body_start, article.end)
        first_open = min(
            (i for i in (text.find(c, article.body_start, article.end) for c in _OPEN) if i >= 0),
            default=article.end,
        )
        if article.body_start >= article.end:
            notes.append(
                Problem(
                    source_name,
                    f"article {article.number} is empty",
                    *compact.where(article.marker_start),
                )
            )
            continue
        if title_end < 0 or title_end > first_open:
            # no title sentence: the title is the rest of the line, up to any parenthesis
            line_end = source.find("\n", compact.source_offset(article.body_start))
            line_end = compact.index_at(line_end if line_end >= 0 else len(source))
            title_end = min(line_end, first_open) - 1
        article.title = text[article.body_start : title_end].rstrip("。")
        cursor, seq = title_end + 1, 0
        try:
            spans = _parentheticals(compact, cursor, article.end, source_name)
        except ParseError as error:
            problems.extend(error.problems)
            continue
        for open_at, close_at in spans:
            content = text[open_at + 1 : close_at]
            after_stop = open_at > cursor and text[open_at - 1] in _SENTENCE_END
            reading = _read_assignment(content, after_stop, registry)
            line, col = compact.where(open_at)
            if isinstance(reading, str):
                problems.append(
                    Problem(source_name, reading, line, col, text[open_at : close_at + 1])
                )
                continue
            if reading is None:
                continue
            while cursor < open_at and text[cursor] in _SENTENCE_END + "，,":
                cursor += 1
            if cursor >= open_at:
                problems.append(
                    Problem(
                        source_name,
                        "assignment with no measure text before it",
                        line,
                        col,
                        text[open_at : close_at + 1],
                    )
                )
                cursor = close_at + 1
                continue
            seq += 1
            names, ids, shared = reading
            where = Problem(source_name, "", line, col)
            start, end = compact.source_span(cursor, open_at)
            measures.append(
                Measure(
                    measure_id=f"M{article.number:02d}.{seq:02d}",
                    kind="task",
                    section=article.section,
                    section_title=article.section_title,
                    article=article.number,
                    article_title=article.title,
                    seq=seq,
                    text=text[cursor:open_at],
                    source_start=start,
                    source_end=end,
                    assignment_text=text[open_at : close_at + 1],
                    actors=_actors(names, ids, shared, notes, where),
                )
            )
            cursor = last_assignment_end = close_at + 1
        rest = text[cursor : article.end].strip(_SENTENCE_END)
        line, col = compact.where(article.marker_start)
        if seq == 0:
            notes.append(
                Problem(source_name, f"article {article.number} assigns no actor", line, col)
            )
        elif rest and article is not articles[-1]:
            notes.append(
                Problem(
                    source_name,
                    f"text after the last assignment of article {article.number} is not assigned",
                    *compact.where(cursor),
                    rest,
                )
            )
    if problems:
        raise ParseError(problems)
    measures.extend(_coordination(compact, last_assignment_end, registry, source_name, notes))
    return ParseResult(document=document, measures=measures, notes=notes)


def _coordination(
    compact: _Compact, start: int, registry: Registry, source_name: str, notes: list[Problem]
) -> list[Measure]:
    """Coordination mechanisms named in the closing part of the text."""
    text = compact.text
    found: list[Measure] = []
    for match in re.finditer(r"[^。]+。?", text[start:]):
        sentence = match.group(0)
        hit = _COORDINATION_RE.match(sentence)
        if not hit:
            continue
        names, shared, _ = _split_names(hit.group("actors"))
        ids = [registry.resolve(n.written) for n in names]
        line, col = compact.where(start + match.start())
        if not any(ids):
            notes.append(
                Problem(
                    source_name, "coordination sentence names no known agency", line, col, sentence
                )
            )
            continue
        seq = len(found) + 1
        begin = start + match.start()
        source_start, source_end = compact.source_span(begin, start + match.end())
        where = Problem(source_name, "", line, col)
        found.append(
            Measure(
                measure_id=f"C{seq:02d}",
                kind="coordination",
                section=None,
                section_title="",
                article=None,
                article_title="",
                seq=seq,
                text=sentence,
                source_start=source_start,
                source_end=source_end,
                assignment_text="",
                actors=_actors(names, ids, shared, notes, where),
            )
        )
    return found


def parse_file(
    path: Path | str,
    registry: Registry | None = None,
    document: str | None = None,
    max_bytes: int | None = None,
) -> ParseResult:
    """Parse a text file; ``document`` defaults to the file's stem.

    The file may be UTF-8, UTF-16 (with BOM) or GB18030, simplified or
    traditional, with any line ends (see :mod:`graph.ingest`); offsets in the
    table refer to the decoded text with ``\\n`` line ends. How the file was
    read is added to the result's notes.
    """
    from graph.ingest import read_text

    path = Path(path)
    decoded = read_text(path, max_bytes)
    result = parse_text(
        decoded.text, document=document or path.stem, registry=registry, source_name=str(path)
    )
    result.notes[:0] = [Problem(str(path), note) for note in decoded.notes]
    return result


def write_measures(frame: pd.DataFrame, path: Path | str) -> None:
    """Write a measures table as UTF-8 CSV with ``\\n`` line ends and lowercase booleans."""
    out = frame.copy()
    for col in ("registered", "shared_duty"):
        out[col] = out[col].map({True: "true", False: "false"})
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
