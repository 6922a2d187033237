"""分工 tables that arrive as text: one row per line, cells separated by tabs or runs of spaces.

A 国办 action plan often ends with a table of tasks (序号 / 重点任务 / 牵头单位 /
参与单位 / 完成时限); a page saved as text, or a table copied out of a PDF or a
Word file, gives one line per row. :func:`table_rows` finds such a table by its
header line and reads every row after it: where the row's number, its task
and its responsibility cells are in the source, and what the cells say. The
parser (:mod:`graph.parse`) reads a row's number as a numbered heading, its
task as the measure and its cells as the labelled form
``牵头单位：…；参与单位：…；完成时限：…``.

>>> text = "序号\\t重点任务\\t牵头单位\\t参与单位\\t完成时限\\n1\\t推进改革\\t商务部\\t财政部\\t年底前\\n"
>>> [(r.number, r.labels) for r in table_rows(text)]
[(1, ['牵头单位：商务部', '参与单位：财政部', '完成时限：年底前'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a header cell says its column holds.
_COLUMN_WORDS = (
    ("number", re.compile(r"^(?:序号|编号|序)$")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("partner", re.compile(r"参与|配合|协办|协助|参加")),
    ("plain", re.compile(r"责任|负责")),
    ("deadline", re.compile(r"时限|时间|进度|期限")),
    ("task", re.compile(r"任务|措施|内容|事项|工作|举措")),
)
_LABELS = {
    "lead": "牵头单位",
    "partner": "参与单位",
    "plain": "责任单位",
    "deadline": "完成时限",
}
_TAB_CELL_RE = re.compile(r"[^\t]*")
_SPACE_CELL_RE = re.compile(r"\S+(?:[ \u3000]\S+)*")
_NUMBER_RE = re.compile(r"^[0-9０-９]{1,3}$")
_DEADLINE_RE = re.compile(
    r"^(?:[0-9]{4}年|[0-9]{1,2}月|年内|年底|持续|长期|逐步|每|[一二三四]季度)"
)


@dataclass(frozen=True)
class TableRow:
    """One row of a 分工 table in the source: offsets are into the source text."""

    number: int | None
    number_start: int  # where the row's number is (or where the row starts)
    task_start: int
    cells_start: int  # where the first responsibility cell starts
    end: int  # the end of the row's line
    labels: list[str]  # 牵头单位：…, 参与单位：…, 完成时限：…


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in the line, text) of each cell: tab-separated (empty cells kept) or
    separated by two spaces or more."""
    if "\t" in line:
        cells, offset = [], 0
        for cell in line.split("\t"):
            cells.append((offset + len(cell) - len(cell.lstrip()), cell.strip()))
            offset += len(cell) + 1
        return cells
    return [(m.start(), m.group()) for m in _SPACE_CELL_RE.finditer(line)]


def _header(cells: list[tuple[int, str]]) -> list[str] | None:
    """The kind of each column, when the cells are a 分工 table's header."""
    kinds = []
    for _, text in cells:
        kind = next((k for k, words in _COLUMN_WORDS if words.search(text)), "other")
        kinds.append(kind)
    responsible = {"lead", "plain"} & set(kinds)
    if len(cells) >= 3 and responsible and "task" in kinds:
        return kinds
    return None


def table_rows(source: str) -> list[TableRow]:
    """Every row of every 分工 table in a text, in order.

    Three layouts are read: a row per line, cells separated by tabs or runs of
    spaces; the same with cells that hold several paragraphs (a Word table
    saved as text: a row goes on over the following lines until the next
    row's number); and a cell per line (a web page's table with its tags
    removed: the header's cells one per line, then each row's number and cells
    one per line, rows ending at a blank line).
    """
    lines, offset = [], 0
    for line in source.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    rows: list[TableRow] = []
    i = 0
    while i < len(lines):
        stacked = _stacked_header(lines, i)
        if stacked is not None:
            header, i = stacked
            i = _stacked_rows(lines, i, header, rows)
            continue
        cells = _cells(lines[i][1])
        found = _header(cells) if len(cells) >= 3 else None
        if found is not None:
            i = _inline_rows(lines, i + 1, found, rows)
            continue
        i += 1
    return rows


_HEADING_LINE_RE = re.compile(
    r"^[^\S\n]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_PAGE_LINE_RE = re.compile(
    r"^[^\S\n]*[-—－–]{1,2}[^\S\n]*[0-9０-９]{1,4}[^\S\n]*[-—－–]{1,2}[^\S\n]*$"
)


def _inline_rows(
    lines: list[tuple[int, str]], i: int, header: list[str], rows: list[TableRow]
) -> int:
    """Rows with their cells on one line (or going on over lines that carry on a cell):
    read from line ``i`` until the text stops looking like the table; the next line's index."""
    numbered = "number" in header
    while i < len(lines):
        start, line = lines[i]
        cells = _cells(line)
        if _header(cells) is not None and len(cells) >= 3:  # the header repeated on a new page
            i += 1
            continue
        if len(cells) < 3 and not (numbered and cells and _NUMBER_RE.match(cells[0][1])):
            if line.strip() and not (_HEADING_LINE_RE.match(line) or _PAGE_LINE_RE.match(line)):
                if len(cells) == 1 and len(line.strip()) > 30:
                    return i  # prose: the table is over
            i += 1
            continue
        end_line = i + 1
        while numbered and "\t" in line and end_line < len(lines):
            following = lines[end_line][1]
            first = _cells(following)
            carries_on = following.strip() and not (
                (first and _NUMBER_RE.match(first[0][1]))
                or _HEADING_LINE_RE.match(following)
                or _PAGE_LINE_RE.match(following)
                or ("\t" not in following and len(following.strip()) > 30)
            )
            if not carries_on:
                break
            end_line += 1
        text = "\n".join(line for _, line in lines[i:end_line])
        row = _row(_cells(text), header, start, start + len(text.rstrip()))
        if row is not None:
            rows.append(row)
        i = end_line
    return i


def _stacked_header(lines: list[tuple[int, str]], i: int) -> tuple[list[str], int] | None:
    """A header written a cell per line (序号 / 重点任务 / 牵头单位 / …) starting at line ``i``:
    its column kinds and the index of the line after it."""
    cells = []
    j = i
    while (
        j < len(lines)
        and 0 < len(lines[j][1].strip()) <= 8
        and len(_cells(lines[j][1])) == 1
        and not _HEADING_LINE_RE.match(lines[j][1])
        and not _NUMBER_RE.match(lines[j][1].strip())
    ):
        cells.append((0, lines[j][1].strip()))
        j += 1
    if len(cells) < 3:
        return None
    header = _header(cells)
    if header is None or header[0] != "number":
        return None
    return header, j


def _stacked_rows(
    lines: list[tuple[int, str]], i: int, header: list[str], rows: list[TableRow]
) -> int:
    """Rows written a cell per line, each starting with its number line; a blank line
    inside a row is an empty cell, one before the next number (or heading) ends the row.
    Heading lines between rows are skipped; the table ends at a line that starts no row."""
    width = len(header) - 1  # the cells after the number
    while i < len(lines):
        start, line = lines[i]
        text = line.strip()
        if not text or _HEADING_LINE_RE.match(line) or _PAGE_LINE_RE.match(line):
            i += 1
            continue
        if not _NUMBER_RE.match(text):
            return i  # the table is over
        cells, j = [], i + 1
        while j < len(lines) and len(cells) < width:
            offset, cell = lines[j]
            if _NUMBER_RE.match(cell.strip()) or _HEADING_LINE_RE.match(cell):
                break
            if not cell.strip() and _row_ends(lines, j):
                break
            cells.append((offset - start + len(cell) - len(cell.lstrip()), cell.strip()))
            j += 1
        last = max((k for k in range(i, j) if lines[k][1].strip()), default=i)
        end = lines[last][0] + len(lines[last][1].rstrip())
        row = _row([(0, text), *cells], header, start, end)
        if row is not None:
            rows.append(row)
        i = j
    return i


def _row_ends(lines: list[tuple[int, str]], j: int) -> bool:
    """True when the blank line ``j`` is followed (after blanks) by a row's number, a
    heading or the end of the text: it separates rows, it is not an empty cell."""
    for _, following in lines[j + 1 :]:
        if following.strip():
            return bool(_NUMBER_RE.match(following.strip()) or _HEADING_LINE_RE.match(following))
    return True


def _row(cells: list[tuple[int, str]], header: list[str], start: int, end: int) -> TableRow | None:
    """A data row under ``header``; None when it has no task or no one responsible."""
    kept = cells
    if len(cells) != len(header):  # cells lost to a split on spaces: read them in order
        kept = [c for c in cells if c[1]]
        kinds = _guess_kinds(kept, header)
    else:
        kinds = header
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for kind, cell in zip(kinds, kept, strict=False):
        if cell[1]:
            by_kind.setdefault(kind, []).append(cell)
    tasks = by_kind.get("task")
    responsible = [c for k in ("lead", "plain", "partner") for c in by_kind.get(k, [])]
    if not tasks or not responsible:
        return None
    number_cell = by_kind.get("number", [None])[0]
    number = None
    if number_cell is not None and _NUMBER_RE.match(number_cell[1]):
        number = int(number_cell[1].translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    labels = [
        f"{_LABELS[kind]}：{'；'.join(_one_line(text, kind) for _, text in by_kind[kind])}"
        for kind in ("lead", "plain", "partner", "deadline")
        if kind in by_kind
    ]
    first = min(offset for offset, _ in responsible)
    return TableRow(
        number=number,
        number_start=start + (number_cell[0] if number_cell else tasks[0][0]),
        task_start=start + tasks[0][0],
        cells_start=start + first,
        end=end,
        labels=labels,
    )


def _one_line(cell: str, kind: str) -> str:
    """A cell's paragraphs on one line: names joined by 、, other text run on."""
    parts = [part.strip() for part in cell.split("\n") if part.strip()]
    return ("、" if kind != "deadline" else "").join(parts)


def _guess_kinds(cells: list[tuple[int, str]], header: list[str]) -> list[str]:
    """Column kinds of a row whose empty cells were lost: a leading number, the task,
    a trailing deadline, and the responsible columns in header order between them."""
    kinds = ["other"] * len(cells)
    first = 0
    if cells and _NUMBER_RE.match(cells[0][1]) and "number" in header:
        kinds[0], first = "number", 1
    if first < len(cells):
        kinds[first] = "task"
    last = len(cells)
    if "deadline" in header and last - 1 > first and _DEADLINE_RE.match(cells[-1][1]):
        kinds[-1], last = "deadline", last - 1
    middle = [k for k in header if k in ("lead", "plain", "partner")]
    for i, kind in zip(range(first + 1, last), middle, strict=False):
        kinds[i] = kind
    return kinds
