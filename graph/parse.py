"""Parse a State Council-style policy text into the measures table.

A text comes as extracted from a PDF or a web page: lines (and names) may be
broken anywhere, with stray spaces. The parser works on a *compact* copy with
all whitespace removed and keeps, for every compact character, its offset in
the source, so each measure points back to its place in the original file.

What it reads (the README lists every form, with examples):

- **the outline**: numbered headings at the start of a line, ``一、``,
  ``（一）``/``(一)``, ``1．``/``1.``/``1、`` and ``（1）``, nested in that
  order; a heading counts when its number is next in its sequence (restarting
  under each parent or running on through the document, and starting again
  after an attachment line ``附件`` or a signature date). *Articles* are the
  innermost numbered units, counted 1, 2, 3… through the document; *sections*
  are the headings that hold articles (an article with no parent is its own
  section). A text with no numbered heading is one article.
- **assignments**: a parenthetical that names who is responsible,
  ``（工商总局、中央编办）``, ``（商务部牵头，发展改革委参与）``,
  ``（负责部门：A、B；适用范围：…）``; a *measure* is the text between the
  previous assignment (or the article's title sentence) and the assignment.
  Ordinary parentheses (``（以下简称…）``, ``（区、市）``, document numbers,
  remarks) stay text.
- **inside a parenthetical**: names (with qualifiers such as ``等有关部门``
  removed and ``及``/``和`` read as joiners where they join two actors), role
  words, labelled fields, time limits (the ``deadline`` column), scopes, and
  standing notes (``列第一位者为牵头单位，下同``) that hold for the rest of the
  document;
- the closing paragraph's cross-department coordination mechanism
  (``……等部门要完善……跨部门协调工作机制``), recorded as kind ``coordination``.

The role rule (the README gives it with examples): an explicit role wins
(``牵头``, ``会同``, ``主责``, a listed-first ``指导`` lead; ``参与``, ``配合``,
``协助`` partner); then a standing note that the first-listed leads; then
``按(照)职责分工(分别)负责``, under which every unmarked actor leads; otherwise
the first-listed actor leads and the others are partners.

Nothing is lost over one parenthetical: what cannot be read is either a row
flagged ``status = review`` with its reason, or a problem (line, column, text)
in :attr:`ParseResult.problems`, and the rest of the text is parsed.

>>> text = "一、总则\\n（一）开放市场。放宽准入。（商务部牵头，工信部参与，年内完成）\\n"
>>> table = parse_text(text, document="demo").to_frame()
>>> table[["measure_id", "agency", "role", "deadline", "measure_text"]].values.tolist()
[['M01.01', 'mofcom', 'lead', '年内完成', '放宽准入。'], ['M01.01', 'miit', 'partner', '年内完成', '放宽准入。']]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from graph.assignment import (
    ENTERPRISE_RE,
    FIRST_LEADS_RE,
    Assignment,
    Reading,
    assign_roles,
    label_kind,
    read_assignment,
    read_clause,
    resolve_name,
)
from graph.errors import Problem
from graph.registry import Registry, load_registry
from graph.table import COLUMNS
from graph.texttable import TableRow, table_rows

_NUMERALS = "零〇一二三四五六七八九十百"
_DIGITS = "0-9０-９"
_LINE_START = r"^[^\S\n]*"  # spaces of any kind: U+3000, a web page's no-break space
# Heading kinds, outermost first: 一、 （一） 1． （1）
_HEADING_RES = (
    re.compile(rf"{_LINE_START}([{_NUMERALS}]+)、", re.MULTILINE),
    re.compile(rf"{_LINE_START}[（(]([{_NUMERALS}]+)[）)]", re.MULTILINE),
    re.compile(rf"{_LINE_START}([{_DIGITS}]{{1,3}})[．.、](?![{_DIGITS}])", re.MULTILINE),
    re.compile(rf"{_LINE_START}[（(]([{_DIGITS}]{{1,3}})[）)]", re.MULTILINE),
)
# An attachment line or a signature date: numbering may start again after it.
_RESTART_RE = re.compile(
    rf"{_LINE_START}(?:附[ \t\u3000]*[件表录][ \t\u3000]*[{_DIGITS}]*[:：]?"
    rf"|(?:[{_DIGITS}]{{4}}|[〇零一二三四五六七八九]{{4}})年[{_DIGITS}一二三四五六七八九十]{{1,2}}月"
    rf"[{_DIGITS}一二三四五六七八九十]{{1,3}}日)[ \t\u3000]*$",
    re.MULTILINE,
)
_OPEN, _CLOSE = "（(", "）)"
_PAREN_RE = re.compile("[（(）)]")
# What str.isspace() calls a space: the compact text drops exactly these.
_SPACE_RE = re.compile(r"\s")
_SPACE_CODES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_SENTENCE_END = "。；;！？!?"
_LEADING_PUNCTUATION = "。；;，,、：:！？!?"

_COORDINATION_RE = re.compile(
    r"^(?P<actors>.+?)(?:等(?:有关|相关)?部门)?要(?:进一步)?"
    r"(?:完善|建立健全|建立|健全|加强)[^。]*?协调(?:工作)?机制"
)


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral up to 999 (Arabic digits are read too).

    >>> [chinese_numeral(s) for s in ["一", "十", "十四", "二十九", "一百零二", "12"]]
    [1, 10, 14, 29, 102, 12]
    """
    if text.isdigit():
        return int(text)
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
    role_basis: str = "first_listed"
    status: str = "ok"
    status_reason: str = ""


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
    deadline: str = ""
    scope: str = ""
    assignment_start: int | None = None  # source offset of the parenthetical


@dataclass
class ParseResult:
    """Measures found in a text; problems (warnings) and notes (information).

    ``problems`` lists what the parser could not read, each with its line,
    column and text (``--strict`` makes them an error); ``notes`` lists what
    a reader may want to know (unregistered names, articles without
    assignments, standing notes, how the file was decoded).
    """

    document: str
    measures: list[Measure]
    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source_name: str = ""

    def to_frame(self) -> pd.DataFrame:
        """One row per (measure, actor), columns as in :data:`graph.table.COLUMNS`."""
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
                "assignment_start": m.assignment_start,
                "deadline": m.deadline,
                "scope": m.scope,
                "role_basis": a.role_basis,
                "status": a.status,
                "status_reason": a.status_reason,
            }
            for m in self.measures
            for a in m.actors
        ]
        frame = pd.DataFrame(rows, columns=COLUMNS)
        for col in ("section", "article", "assignment_start"):
            frame[col] = frame[col].astype("Int64")
        return frame

    def summary(self) -> str:
        """One line: what was found, or that the text assigns nothing.

        >>> parse_text("一、总则\\n（一）开放市场。放宽准入。\\n", document="d").summary()
        'd: no assignment parenthetical found (such as （商务部、发展改革委） after a measure): 0 measures'
        """
        name = self.source_name or self.document
        if not self.measures:
            return (
                f"{name}: no assignment parenthetical found "
                "(such as （商务部、发展改革委） after a measure): 0 measures"
            )
        rows = sum(len(m.actors) for m in self.measures)
        actors = len({a.agency for m in self.measures for a in m.actors})
        review = sum(a.status == "review" for m in self.measures for a in m.actors)
        text = f"{name}: {len(self.measures)} measures, {rows} rows, {actors} actors"
        if review:
            text += f", {review} rows to review"
        if self.problems:
            text += f", {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        return text


class _Compact:
    """The text without whitespace (and page furniture), with a map back to source offsets.

    ``offsets[i]`` is the source offset of compact character ``i`` (a numpy
    array: a list of Python ints takes ~36 bytes a character, which matters on
    texts of millions of characters); line numbers come from the sorted
    offsets of the line breaks, so placing a problem costs a binary search, not
    a count from the start of the text.
    """

    def __init__(self, source: str, skip: list[tuple[int, int]] | tuple = ()):
        self.source = source
        codes = np.frombuffer(source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        keep = ~np.isin(codes, _SPACE_CODES)  # no space above U+3000 in Unicode today
        for start, end in skip:  # page furniture: read as if it were blank
            keep[start:end] = False
        self.offsets = np.flatnonzero(keep)
        self.text = codes[keep].tobytes().decode("utf-32-le", "surrogatepass")
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

    def line_end(self, compact_index: int) -> int:
        """Compact index where the source line holding a compact character ends."""
        offset = self.source_offset(compact_index)
        after = int(np.searchsorted(self.newlines, offset, side="left"))
        if after >= len(self.newlines):
            return len(self.text)
        return self.index_at(int(self.newlines[after]))

    def ends_line(self, compact_index: int) -> bool:
        """True when only spaces follow a compact character on its source line."""
        offset = self.source_offset(compact_index) + 1
        rest = self.source[offset : offset + 200]
        stripped = rest.lstrip(" \t\u3000\r")
        return not stripped or stripped[0] == "\n"


# --- page furniture ---------------------------------------------------------

_PAGE_NUMBER_LINE_RE = re.compile(
    rf"^[^\S\n]*(?:[-—－–]{{1,2}}[^\S\n]*[{_DIGITS}]{{1,4}}[^\S\n]*[-—－–]{{1,2}}"
    rf"|第[^\S\n]*[{_DIGITS}]{{1,4}}[^\S\n]*页(?:[^\S\n]*共[^\S\n]*[{_DIGITS}]{{1,4}}[^\S\n]*页)?)[^\S\n]*$",
    re.MULTILINE,
)
_BARE_NUMBER_RE = re.compile(rf"^[{_DIGITS}]{{1,3}}$")


def _furniture(source: str) -> list[tuple[int, int]]:
    """Source spans of a PDF's page furniture, read as blank: page numbers (``— 5 —``,
    ``第5页``), running headers (a short line with a date or issue number, or 公报,
    repeated on several pages) and the bare page number next to one."""
    lines, offset = [], 0
    for line in source.split("\n"):
        lines.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    counts: dict[str, int] = {}
    for _, _, text in lines:
        counts[text] = counts.get(text, 0) + 1
    furniture = set()
    for i, (_, _, text) in enumerate(lines):
        if _PAGE_NUMBER_LINE_RE.match(text):
            furniture.add(i)
        elif (
            counts[text] > 1
            and 4 <= len(text) <= 40
            and not re.search("[。，；：:]", text)
            and re.search(rf"[{_DIGITS}]|公报", text)
        ):
            furniture.add(i)
    for i, (_, _, text) in enumerate(lines):
        if _BARE_NUMBER_RE.match(text) and ({i - 1, i + 1} & furniture):
            furniture.add(i)
    return [(lines[i][0], lines[i][1]) for i in sorted(furniture)]


# --- the outline ------------------------------------------------------------


@dataclass(eq=False)
class _Heading:
    rank: int  # 0: 一、 1: （一） 2: 1． 3: （1）
    number: int
    start: int  # compact index of the heading's first character
    body: int  # compact index after the number
    parent: _Heading | None = None
    children: list[_Heading] = field(default_factory=list)
    end: int = 0  # compact index where the next heading starts


@dataclass(frozen=True)
class _Candidate:
    """A line that may be a numbered heading: its kind (rank), number and place."""

    rank: int  # -1: an attachment line or signature date (numbering may start again)
    number: int
    start: int  # source offset of the heading's first character
    body: int  # source offset after its number


def _candidates(source: str, rows: list[TableRow]) -> list[_Candidate]:
    """Lines that may be headings, in order: numbered lines (not those of a table of
    contents), the numbers of 分工 table rows, attachment lines and signature dates."""
    found = []
    for rank, pattern in enumerate(_HEADING_RES):
        for match in pattern.finditer(source):
            line_end = source.find("\n", match.end())
            line = source[match.start() : line_end if line_end >= 0 else len(source)]
            if _CONTENTS_LINE_RE.search(line):
                continue  # 一、总体要求……（3）: a table of contents
            try:
                number = chinese_numeral(match.group(1).translate(_FULLWIDTH_DIGITS))
            except ValueError:
                continue
            found.append(_Candidate(rank, number, match.start(), match.end()))
    for row in rows:
        if row.number is not None:
            found.append(_Candidate(2, row.number, row.number_start, row.task_start))
    for match in _RESTART_RE.finditer(source):
        found.append(_Candidate(-1, 0, match.start(), match.end()))
    return sorted(found, key=lambda c: (c.start, c.rank))


# A table of contents' line: leader dots, then a page number.
_CONTENTS_LINE_RE = re.compile(
    r"(?:…{2,}|\.{4,}|·{4,}|-{4,}|_{4,})\s*[（(]?\s*\d{1,3}\s*[）)]?\s*$"
)


def _outline(source: str, compact: _Compact, rows: list[TableRow]) -> list[_Heading]:
    """Numbered headings in document order, each the next of its sequence.

    A number counts when it follows the last of its kind under the same parent,
    or the last of its kind anywhere (numbering running on), or is 1 after an
    attachment line or signature; a number that skips one or two is taken when
    the next heading of its kind carries on from it (a drafter's slip).
    """
    candidates = _candidates(source, rows)
    headings: list[_Heading] = []
    stack: list[_Heading] = []
    last_any = [0] * len(_HEADING_RES)
    last_under: dict[tuple[int, int], int] = {}
    restart = [False] * len(_HEADING_RES)
    for i, candidate in enumerate(candidates):
        rank, number = candidate.rank, candidate.number
        if rank < 0:
            restart = [True] * len(_HEADING_RES)
            continue
        open_above = [h for h in stack if h.rank < rank]
        parent = open_above[-1] if open_above else None
        key = (id(parent), rank)
        previous = last_under.get(key, 0)
        in_sequence = (
            number == previous + 1
            or number == last_any[rank] + 1
            or (number == 1 and restart[rank])
        )
        if not in_sequence and not _carried_on(candidates, i, previous):
            continue
        start = compact.index_at(candidate.start)
        heading = _Heading(rank, number, start, compact.index_at(candidate.body), parent)
        if parent is not None:
            parent.children.append(heading)
        headings.append(heading)
        stack = [*open_above, heading]
        last_under[key] = number
        last_any[rank] = number
        restart[rank] = False
    for heading, following in itertools.pairwise(headings):
        heading.end = following.start
    if headings:
        headings[-1].end = len(compact.text)
    return headings


def _carried_on(candidates: list[_Candidate], i: int, previous: int) -> bool:
    """True when candidate ``i`` skips one or two numbers after ``previous`` and the next
    candidate of its kind, before any of a kind above it, carries on from it."""
    here = candidates[i]
    if not previous or not 1 < here.number - previous <= 3:
        return False
    for following in candidates[i + 1 :]:
        if 0 <= following.rank < here.rank:
            return False
        if following.rank == here.rank:
            return following.number == here.number + 1
    return False


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass
class _Unit:
    """A stretch of text that may hold measures: an article, or text outside any."""

    start: int
    body: int
    end: int
    heading: _Heading | None
    title: str = ""
    title_stop: int = 0
    readings: list = field(default_factory=list)


def _title(
    compact: _Compact, body: int, end: int, first_assignment: int | None = None
) -> tuple[str, int]:
    """The first sentence after a heading's number and the index after it.

    The title runs to the first ``。`` on the heading's line; with none there,
    to the end of the line; never past the article's first assignment.
    """
    text = compact.text
    if body >= end:
        return "", body
    line_end = min(compact.line_end(body), end)
    if first_assignment is not None and body <= first_assignment < line_end:
        line_end = first_assignment
    stop = text.find("。", body, line_end)
    if stop >= 0:
        return text[body:stop], stop + 1
    return text[body:line_end].rstrip("。"), line_end


# --- parentheticals ---------------------------------------------------------


def _parentheticals(
    compact: _Compact,
    start: int,
    end: int,
    source_name: str,
    problems: list[Problem],
    assigns: Callable[[str], bool] = lambda content: False,
) -> list[tuple[int, int]]:
    """Top-level parenthetical spans [open, close] (inclusive) in compact[start:end].

    A bracket that closes what was never opened is reported and read as text. A
    bracket that is never closed is reported too: when what follows it to the end
    of its line ``assigns`` (``（商务部、海关总署负责`` at a line's end), it is
    read as a parenthetical closed there (the span's last character is then not
    a bracket); otherwise it is read as text. The rest of the stretch is still
    scanned.
    """
    text = compact.text
    spans, depth, opened = [], 0, -1
    for match in _PAREN_RE.finditer(text, start, end):
        i, char = match.start(), match.group()
        if char in _OPEN:
            if depth == 0:
                opened = i
            depth += 1
            continue
        if depth == 0:
            # "1）" style enumerations close what was never opened.
            if i > start and text[i - 1].isascii() and text[i - 1].isalnum():
                continue
            problems.append(
                Problem(
                    source_name,
                    "closing parenthesis without an opening one; read as text",
                    *compact.where(i),
                    text[max(start, i - 15) : i + 1],
                )
            )
            continue
        depth -= 1
        if depth == 0:
            spans.append((opened, i))
    if depth:
        line_end = min(compact.line_end(opened), end)
        closed_there = line_end > opened + 1 and assigns(text[opened + 1 : line_end])
        how = "read to the end of its line" if closed_there else "read as text"
        problems.append(
            Problem(
                source_name,
                f"parenthesis opened here is never closed; {how}",
                *compact.where(opened),
                text[opened : opened + 20],
            )
        )
        if closed_there:
            spans.append((opened, line_end - 1))
        resume = line_end if closed_there else opened + 1
        spans.extend(_parentheticals(compact, resume, end, source_name, problems, assigns))
    return spans


def _actors(
    assignment: Assignment,
    first_leads: bool,
    registry: Registry,
    notes: list[Problem],
    where: Problem,
) -> list[Actor]:
    reading = assignment.reading
    roles = assign_roles(reading.names, reading.shared, first_leads)
    measure_review = "; ".join(assignment.review)
    actors: list[Actor] = []
    seen: set[str] = set()
    for name, agency_id, (role, basis) in zip(reading.names, assignment.ids, roles, strict=True):
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
        reasons = [measure_review] if measure_review else []
        if agency_id is None and not ENTERPRISE_RE.match(name.written):
            reasons.append("name not in the agency registry")
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
            Actor(
                agency=agency,
                as_written=name.written,
                registered=agency_id is not None,
                position=len(actors) + 1,
                role=role,
                shared_duty=reading.shared,
                role_basis=basis,
                status="review" if reasons else "ok",
                status_reason="; ".join(reasons),
            )
        )
    return actors


# --- the whole text ----------------------------------------------------------

# A labelled line, or a label after a sentence's end on the task's own line
# (……出版物摊点。责任单位：新闻出版总署、文化部).
_LABEL_LINE_RE = re.compile(
    rf"(?:{_LINE_START}|(?<=。)(?=[^\n（(]{{2,8}}(?:单位|部门)[:：][^\n（(）)]*$))"
    r"(?P<label>[\u4e00-\u9fff]{2,8})[^\S\n]*[:：](?P<value>[^\n]*?)[^\S\n]*$",
    re.MULTILINE,
)


# An indented line holding one name, below a labelled line: 责任单位：A（牵头）/ 　　B / 　　C.
_NAMES_LINE_RE = re.compile(r"^[^\S\n]+(?P<names>[^\s。，；：:,;]{2,30})[^\S\n]*$", re.MULTILINE)


@dataclass
class _Block:
    """Labelled lines after a task (牵头单位：A / 参与单位：B、C / 完成时限：…)."""

    start: int  # compact index of the first character
    end: int  # compact index after the last character
    lines: list[str]


def _label_blocks(source: str, compact: _Compact, rows: list[TableRow]) -> list[_Block]:
    """Runs of consecutive labelled lines that name who is responsible, and the
    responsibility cells of 分工 table rows, in order."""
    blocks: list[_Block] = [
        _Block(compact.index_at(row.cells_start), compact.index_at(row.end), row.labels)
        for row in rows
    ]
    previous_end = -2
    for match in _LABEL_LINE_RE.finditer(source):
        kind = label_kind(match.group("label"))
        if kind is None:
            previous_end = -2
            continue
        value, value_end = _SPACE_RE.sub("", match.group("value")), match.end()
        if kind in _NAME_FIELDS:  # names going on over indented lines below the label
            for more in _NAMES_LINE_RE.finditer(source, match.end() + 1):
                if more.start() != value_end + 1:
                    break
                value, value_end = f"{value}、{more.group('names')}", more.end()
        line = f"{match.group('label')}：{value}"
        start, end = compact.index_at(match.start("label")), compact.index_at(value_end)
        if blocks and match.start() == previous_end + 1:
            blocks[-1].lines.append(line)
            blocks[-1].end = end
        else:
            blocks.append(_Block(start, end, [line]))
        previous_end = value_end
    named = [
        b
        for b in blocks
        if any(label_kind(line.split("：")[0]) in _NAME_FIELDS for line in b.lines)
    ]
    return sorted(named, key=lambda b: b.start)


_NAME_FIELDS = ("lead", "partner", "plain")


def _read_stretch(
    compact: _Compact,
    unit: _Unit,
    blocks: list[_Block],
    registry: Registry,
    source_name: str,
    problems: list[Problem],
) -> list[Assignment]:
    """The assignments of one stretch of text, in order."""
    text = compact.text
    inside = [b for b in blocks if unit.body <= b.start < unit.end]
    found: list[Assignment] = []
    for block in inside:
        reading = read_assignment("；".join(block.lines), True, registry)
        if isinstance(reading, Assignment):
            reading.open_at, reading.close_at = block.start, block.end - 1
            reading.text = "；".join(block.lines)
            found.append(reading)

    def assigns(content: str) -> bool:
        return isinstance(read_assignment(content, True, registry), Assignment)

    spans = _parentheticals(compact, unit.body, unit.end, source_name, problems, assigns)
    for open_at, close_at in spans:
        if any(b.start <= open_at < b.end for b in inside):
            continue  # a bracket inside a labelled line: 牵头单位：商务部（外贸司）
        closed = text[close_at] in _CLOSE
        after_stop = open_at > unit.body and text[open_at - 1] in _SENTENCE_END
        before_stop = (
            close_at + 1 >= unit.end
            or text[close_at + 1] in _SENTENCE_END
            or compact.ends_line(close_at)
        )
        content = text[open_at + 1 : close_at if closed else close_at + 1]
        reading = read_assignment(content, after_stop or before_stop, registry)
        if isinstance(reading, str):
            problems.append(
                Problem(
                    source_name,
                    reading + "; read as text",
                    *compact.where(open_at),
                    text[open_at : close_at + 1],
                )
            )
        elif reading is not None:
            reading.open_at, reading.close_at = open_at, close_at
            reading.text = text[open_at : close_at + 1]
            found.append(reading)
    return sorted(found, key=lambda a: a.open_at)


def _units(compact: _Compact, headings: list[_Heading]) -> list[_Unit]:
    """Stretches of text in order: the text before the first heading, then each
    heading's own text (up to the next heading)."""
    first = headings[0].start if headings else len(compact.text)
    units = [_Unit(0, 0, first, None)] if first > 0 or not headings else []
    for heading in headings:
        units.append(_Unit(heading.start, heading.body, heading.end, heading))
    return units


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
        Name used in messages (the file path); ``document`` by default.

    Returns
    -------
    ParseResult
        Measures in document order; ``problems`` lists what could not be read
        (line, column, text), ``notes`` unregistered names, articles without
        assignments, unassigned text and standing notes. It never raises on
        the text's content: a text with no assignment gives no measures and
        says so in :meth:`ParseResult.summary`.
    """
    registry = registry or load_registry()
    source_name = source_name or document
    compact = _Compact(source, _furniture(source))
    text = compact.text
    rows = table_rows(source)
    headings = _outline(source, compact, rows)
    units = _units(compact, headings)
    notes: list[Problem] = []
    problems: list[Problem] = []

    # 1. Read every parenthetical (and block of labelled lines) of every stretch.
    blocks = _label_blocks(source, compact, rows)
    year = _document_year(source, document)
    for unit in units:
        unit.readings = _read_stretch(compact, unit, blocks, registry, source_name, problems)
        if year is not None:  # names outlive bodies: 广电总局 in 2010 is that year's body
            for found in unit.readings:
                found.ids = [
                    registry.body_in(i, year, n.written) if i else None
                    for i, n in zip(found.ids, found.reading.names, strict=True)
                ]

    for unit in units:
        if unit.heading is not None:
            first = unit.readings[0].open_at if unit.readings else None
            unit.title, unit.title_stop = _title(compact, unit.body, unit.end, first)

    # 2. Articles: innermost headings, and any other stretch that assigns.
    articles = [
        u for u in units if (u.heading is not None and not u.heading.children) or u.readings
    ]
    whole_tasks = _articles_are_whole_tasks(articles, text)

    # 3. Sections, then the measures of each article in order.
    sections = _sections(compact, articles)
    context = _Context(compact, registry, source_name, notes, problems)
    context.first_leads_from = _first_leads_note(context)
    measures: list[Measure] = []
    for number, unit in enumerate(articles, start=1):
        measures.extend(_article_measures(context, unit, number, sections[id(unit)], whole_tasks))
        context.note_unassigned(unit, number, last=unit is articles[-1])
    if measures:
        measures.extend(
            _coordination(compact, context.last_assignment_end, registry, source_name, notes)
        )
    return ParseResult(document, measures, notes, problems, source_name)


def _document_year(source: str, document: str) -> int | None:
    """The year a document was issued, as the corpus reads it (:func:`graph.corpus.text_head`:
    its signature date or 文号; else a year in its id); None if it says nothing."""
    from graph.corpus import document_year, text_head

    head = text_head(source)
    return document_year(document, head["date"], head["doc_number"])[0]


def _first_leads_note(context: _Context) -> float:
    """Where a note that the first-listed actor leads takes effect; it is recorded as a note.

    Written in a parenthetical (``列第一位者为牵头单位，下同``) it holds from there to
    the end; written in the text or a 注 line (``各项工作中排在第一位的部门为牵头部门``,
    in the preamble or at the foot) it holds for the whole document, unless it says
    ``以下`` (from here on).
    """
    text = context.compact.text
    match = FIRST_LEADS_RE.search(text)
    if match is None:
        return float("inf")
    start = max(text.rfind(c, 0, match.start()) for c in "。；;，,（(") + 1
    ends = (text.find(c, match.end()) for c in "。；;，,）)")
    end = min((i for i in ends if i >= 0), default=len(text))
    context.problem("standing note", match.start(), text[start:end], notes=True)
    opened = max(text.rfind(c, 0, match.start()) for c in "（(")
    closed = max(text.rfind(c, 0, match.start()) for c in "）)")
    sentence = text[max(text.rfind("。", 0, match.start()), 0) : end]
    if opened > closed or "以下" in sentence:
        return match.start()
    return 0


def _sections(compact: _Compact, articles: list[_Unit]) -> dict[int, tuple[int | None, str]]:
    """(number, title) of each article's section, keyed by ``id(article)``.

    A section is the heading that holds an article (an article with no parent
    is its own section; text outside any heading has none); sections are
    numbered in order of first appearance.
    """
    found: dict[int, tuple[int | None, str]] = {}
    numbers: dict[int, int] = {}
    for unit in articles:
        heading = unit.heading
        if heading is None:
            found[id(unit)] = (None, "")
            continue
        holder = heading if heading.children else (heading.parent or heading)
        numbers.setdefault(id(holder), len(numbers) + 1)
        found[id(unit)] = (numbers[id(holder)], _title(compact, holder.body, holder.end)[0])
    return found


@dataclass
class _Context:
    """What the measures of a document share: where problems and notes go, and the
    standing notes in force."""

    compact: _Compact
    registry: Registry
    source_name: str
    notes: list[Problem]
    problems: list[Problem]
    first_leads_from: float = float("inf")  # where a standing note says the first-listed leads
    default_scope: str = ""  # a standing note set the scope of later measures
    last_assignment_end: int = 0
    cursor: int = 0  # compact index where the next measure may start

    def problem(self, message: str, index: int, value: str, notes: bool = False) -> None:
        """Record a problem (or a note) at a compact index."""
        line, col = self.compact.where(index)
        (self.notes if notes else self.problems).append(
            Problem(self.source_name, message, line, col, value)
        )

    def note_unassigned(self, unit: _Unit, number: int, last: bool) -> None:
        """Note an article that assigns nothing, or text after its last assignment
        (not after the document's last: that is the closing part)."""
        text = self.compact.text
        if unit.body >= unit.end:
            self.problem(f"article {number} is empty", unit.start, None, notes=True)
        elif not unit.readings:
            if unit.heading is not None:
                self.problem(f"article {number} assigns no actor", unit.start, None, notes=True)
        elif not last and (rest := text[self.cursor : unit.end].strip(_LEADING_PUNCTUATION)):
            message = f"text after the last assignment of article {number} is not assigned"
            self.problem(message, self.cursor, rest, notes=True)


def _article_measures(
    context: _Context,
    unit: _Unit,
    number: int,
    section: tuple[int | None, str],
    whole_tasks: bool,
) -> list[Measure]:
    """The measures of one article: each is the text up to one of its assignments."""
    text = context.compact.text
    cursor = unit.title_stop if unit.heading is not None else unit.body
    if unit.readings and (whole_tasks or _right_after(text, cursor, unit.readings[0].open_at)):
        cursor = unit.body
    measures: list[Measure] = []
    for assignment in unit.readings:
        reading, open_at = assignment.reading, assignment.open_at
        written = text[open_at : assignment.close_at + 1]
        for note in reading.notes:
            context.problem("standing note", open_at, note, notes=True)
        context.default_scope = reading.default_scope or context.default_scope
        while cursor < open_at and text[cursor] in _LEADING_PUNCTUATION:
            cursor += 1
        if cursor >= open_at:
            context.problem(
                "assignment with no measure text before it; read as text", open_at, written
            )
            cursor = assignment.close_at + 1
            continue
        if assignment.review:
            reason = "; ".join(assignment.review)
            context.problem(f"{reason}; the measure is flagged for review", open_at, written)
        line, col = context.compact.where(open_at)
        where = Problem(context.source_name, "", line, col)
        start, end = context.compact.source_span(cursor, open_at)
        measures.append(
            Measure(
                measure_id=f"M{number:02d}.{len(measures) + 1:02d}",
                kind="task",
                section=section[0],
                section_title=section[1],
                article=number,
                article_title=unit.title,
                seq=len(measures) + 1,
                text=text[cursor:open_at],
                source_start=start,
                source_end=end,
                assignment_text=assignment.text,
                assignment_start=context.compact.source_offset(open_at),
                actors=_actors(
                    assignment,
                    context.first_leads_from <= assignment.close_at,
                    context.registry,
                    context.notes,
                    where,
                ),
                deadline="，".join(reading.deadline),
                scope="，".join(reading.scope) or context.default_scope,
            )
        )
        cursor = context.last_assignment_end = assignment.close_at + 1
    context.cursor = cursor
    return measures


def _articles_are_whole_tasks(articles: list[_Unit], text: str) -> bool:
    """True when most articles' first assignment comes right after their first
    sentence: the articles are whole tasks, not a title and tasks."""
    assigned = [u for u in articles if u.readings and u.heading is not None]
    right_after = sum(_right_after(text, u.title_stop, u.readings[0].open_at) for u in assigned)
    return bool(assigned) and right_after * 2 > len(assigned)


_BRACKETED_RE = re.compile(r"[（(][^（()）]*[）)]")


def _right_after(text: str, stop: int, open_at: int) -> bool:
    """True when only punctuation and ordinary parentheticals lie between a
    title's end and the first assignment (``条例（修订）（司法部起草）``)."""
    return not _BRACKETED_RE.sub("", text[stop:open_at]).strip(_LEADING_PUNCTUATION)


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
        names, shared, _ = read_clause(hit.group("actors"), None, 0, registry)
        ids = [resolve_name(n.written, registry) for n in names]
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
        assignment = Assignment(0, 0, Reading(names=names, shared=shared), ids, [])
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
                actors=_actors(assignment, False, registry, notes, where),
            )
        )
    return found


def parse_file(
    path: Path | str,
    registry: Registry | None = None,
    document: str | None = None,
    max_bytes: int | None = None,
) -> ParseResult:
    """Parse a policy file; ``document`` defaults to the file's stem.

    The file may be a text (UTF-8, UTF-16 or GB18030, simplified or
    traditional, any line ends), a PDF with a text layer, a Word file or a
    saved web page (see :mod:`graph.readers`); offsets in the table refer to
    the source text read from it. How the file was read is added to the
    result's notes.

    Raises
    ------
    InputError
        When the file cannot be read (missing, empty, scanned, encrypted, not
        what its extension says).
    """
    from graph.readers import read_source

    path = Path(path)
    source = read_source(path, max_bytes)
    result = parse_text(
        source.text, document=document or path.stem, registry=registry, source_name=str(path)
    )
    result.notes[:0] = [Problem(str(path), note) for note in source.notes]
    return result
