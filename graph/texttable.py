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
    """Every row of every 分工 table in a text, in order."""
    rows: list[TableRow] = []
    header: list[str] | None = None
    offset = 0
    for line in source.split("\n"):
        start, offset = offset, offset + len(line) + 1
        cells = _cells(line)
        if len(cells) < 3:
            continue
        found = _header(cells)
        if found is not None:
            header = found
            continue
        if header is not None:
            row = _row(cells, header, start, start + len(line.rstrip()))
            if row is not None:
                rows.append(row)
    return rows


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
        f"{_LABELS[kind]}：{'；'.join(text for _, text in by_kind[kind])}"
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
