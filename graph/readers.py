"""Readers: the file an analyst has (PDF, Word, web page, text) turned into the source text.

The parser reads plain text; analysts have the PDF or the page from the
government's site, or a Word file of a 分工方案. Each reader here turns one
kind of file into *the source text*: one paragraph per line, like the texts of
``../shared/corpus-dev/``. The table's offsets refer to that text, the app
shows it and snapshots hash it, so a file always gives the same text.

- ``.txt``: UTF-8, UTF-16 (with BOM) or GB18030 (:func:`graph.ingest.decode_text`).
- ``.pdf`` with a text layer, read with PDFium (``pypdfium2``): lines in
  reading order (top to bottom), running headers, footers and page numbers
  (``— 2 —``, ``- 2 -``, ``第2页``) dropped, the lines of a paragraph joined
  across line and page breaks (a paragraph ends at a short line, an indented
  line, a wider gap, or a numbered heading after a full stop), so a heading
  such as ``一、总体要求`` stays a line of its own.
- ``.docx``: paragraphs in document order, and tables (below).
- ``.html`` / ``.htm``, a page saved from a government site: the document's
  body only (``#UCAP-CONTENT``, ``.pages_content``, ... or else the block holding
  most of the page's text), without navigation, scripts or styles; ``<p>``,
  ``<br>`` and other blocks give lines; tables as for Word.

**分工 tables** (in Word files and pages). A table whose header names a task
column (任务, 措施, 工作内容...) and a column of units (牵头单位, 参与单位, 责任单位,
配合单位...) is a division-of-labour table: each row becomes one line in the
labelled form the parser reads, its number first::

    3．<task text>（牵头单位：A、B；参与单位：C、D；完成时限：2019年底前）

A 牵头 column gives ``牵头单位：``, 参与/参加/协办 columns ``参与单位：``, 配合 columns
``配合单位：``, 责任/负责 columns ``责任单位：``, and 完成时限/时限/完成时间 columns
``完成时限：``; names in a cell are joined with ``、``. The number is the row's
序号 when it has one, else the row's place in the table. A row whose cells all
hold the same text (a heading merged across the table, e.g. ``一、深化简政放权``)
is a line of its own. Other tables give one line per row, the cells joined by
a space.

**Compatibility characters.** PDF text layers made with common CJK fonts carry
Kangxi radicals (U+2F00–2FD5) and CJK Radicals Supplement characters
(U+2E80–2EF3) for ordinary ideographs (``⼈⺠`` for 人民). Every reader maps
them to the ideographs they stand for with Unicode's own table
(``graph/assets/EquivalentUnifiedIdeograph.txt``, from the Unicode Character
Database), and CJK compatibility ideographs to their canonical ideograph. NFKC
is not used: it would also turn full-width ``（，：`` into ASCII, which the
parser relies on.

Traditional characters are converted to simplified ones, as for texts. Bad
files get one :class:`graph.errors.InputError` whose problem names the file and
what is wrong: an unknown extension, an empty file, a file over the size
limit (checked before reading), content that does not match the extension, a
PDF without a text layer (scanned), an encrypted, damaged or truncated PDF,
a damaged Word file.
"""

from __future__ import annotations

import ctypes
import io
import re
import statistics
import threading
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path, PurePath

from graph.errors import InputError, Problem
from graph.ingest import MAX_TEXT_BYTES, decode_bytes, looks_traditional, to_simplified

SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
"""Extensions the readers take, each read by its own function."""

MAX_FILE_BYTES = 20 * 2**20
"""Largest PDF or Word file read (20 MB, the app's upload limit); larger ones are refused unread."""

LIMITS = {".txt": MAX_TEXT_BYTES, ".html": MAX_TEXT_BYTES, ".htm": MAX_TEXT_BYTES}
"""Per-extension limits in bytes where they differ from :data:`MAX_FILE_BYTES`."""

RADICALS_FILE = Path(__file__).resolve().parent / "assets" / "EquivalentUnifiedIdeograph.txt"


@dataclass
class SourceText:
    """The source text read from a file, its format, and what was noticed on the way.

    ``text`` has ``\\n`` line ends and one paragraph per line; ``notes`` are
    remarks that did not stop the reading (pages without text, the encoding).
    """

    text: str
    format: str
    notes: list[str] = field(default_factory=list)


def _problem(name: str, message: str) -> InputError:
    return InputError([Problem(name, message)])


# -- compatibility characters -------------------------------------------------


@cache
def compatibility_map() -> dict[int, str]:
    """Code point -> ideograph for radicals and CJK compatibility ideographs.

    Kangxi radicals (U+2F00–2FD5) and the CJK Radicals Supplement
    (U+2E80–2EF3) from Unicode's EquivalentUnifiedIdeograph.txt; CJK
    compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) from their canonical
    decomposition. Usable with :meth:`str.translate`.

    >>> "⼈⺠⻓⻔".translate(compatibility_map())
    '人民长门'
    """
    table: dict[int, str] = {}
    for line in RADICALS_FILE.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        points, target = (part.strip() for part in data.split(";"))
        low, _, high = points.partition("..")
        for point in range(int(low, 16), int(high or low, 16) + 1):
            if 0x2E80 <= point <= 0x2EF3 or 0x2F00 <= point <= 0x2FD5:
                table[point] = chr(int(target, 16))
    for block in (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20)):
        for point in block:
            decomposition = unicodedata.decomposition(chr(point))
            if decomposition and not decomposition.startswith("<"):
                table[point] = chr(int(decomposition, 16))
    return table


def map_compatibility(text: str) -> str:
    """``text`` with radicals and compatibility ideographs replaced by the ideographs they stand for.

    Same length as the input; full-width punctuation is untouched.

    >>> map_compatibility("（⼈⺠银⾏、发展改⾰委）")
    '（人民银行、发展改革委）'
    """
    return text.translate(compatibility_map())


def _finish(text: str, fmt: str, notes: list[str]) -> SourceText:
    """Radicals mapped, traditional characters converted, trailing spaces and blank runs gone."""
    text = map_compatibility(text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line.strip()) + "\n"
    if looks_traditional(text):
        text = to_simplified(text)
        notes.append("traditional characters converted to simplified")
    return SourceText(text, fmt, notes)


# -- what a file is -----------------------------------------------------------

_HTML_TAG = re.compile(rb"<(?:p|div|br|table|body|span|td|h[1-6])\b", re.IGNORECASE)
"""A tag of a page fragment saved without ``<html>``."""

_KINDS = {
    "pdf": "a PDF",
    "zip": "a ZIP archive (an Office file such as .docx or .xlsx?)",
    "broken-zip": "a damaged ZIP archive",
    "docx": "a Word .docx file",
    "xlsx": "an Excel .xlsx file",
    "ole": "an old Office file (Word 97-2003 .doc or Excel .xls)",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "html": "a web page (HTML)",
    "rtf": "an RTF document",
}


def sniff(data: bytes) -> str | None:
    """What the bytes are by their first bytes: ``pdf``, ``docx``, ``html``... or None for text.

    >>> sniff(b"%PDF-1.7..."), sniff(b"<!DOCTYPE html><html>"), sniff("一、总则".encode())
    ('pdf', 'html', None)
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "broken-zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<?xml")) or (
        b"<html" in lowered and b"<body" in data[:8192].lower()
    ):
        return "html"
    return None


def _mismatch(name: str, suffix: str, found: str | None) -> InputError:
    what = _KINDS.get(found or "", "plain text")
    hint = ""
    if found == "ole":
        hint = "; open it in Word and save it as .docx"
    elif found in ("png", "jpeg", "gif"):
        hint = "; an image has no text to read (run OCR first)"
    return _problem(name, f"the name says {suffix} but the content is {what}{hint}")


# -- the dispatcher -------------------------------------------------------------


def read_source(path: Path | str, max_bytes: int | None = None) -> SourceText:
    """Read a file into its source text, by its extension.

    Parameters
    ----------
    path : path-like
        A ``.txt``, ``.pdf``, ``.docx``, ``.html`` or ``.htm`` file.
    max_bytes : int, optional
        Refuse larger files; by default :data:`MAX_FILE_BYTES` for PDF and Word
        files and :data:`graph.ingest.MAX_TEXT_BYTES` for texts and pages. The
        size is checked before the file is read.

    Returns
    -------
    SourceText

    Raises
    ------
    InputError
        One problem naming the file and what is wrong with it.
    """
    path = Path(path)
    name = str(path)
    suffix = _suffix(name)
    limit = max_bytes if max_bytes is not None else LIMITS.get(suffix, MAX_FILE_BYTES)
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_large(name, size, limit)
        data = path.read_bytes()
    except OSError as error:
        raise _problem(name, f"cannot read file: {error.strerror}") from None
    return read_bytes(name, data, limit)


def _suffix(name: str) -> str:
    suffix = PurePath(name.replace("\\", "/")).suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "(no extension)"
        raise _problem(
            name, f"cannot read {shown} files: expected {', '.join(SUFFIXES[:-1])} or .htm"
        )
    return suffix


def _too_large(name: str, size: int, limit: int) -> InputError:
    def shown(count: int) -> str:
        return f"{count:,} bytes" + (f" ({count / 2**20:.1f} MB)" if count >= 2**20 else "")

    return _problem(name, f"the file is {shown(size)}; the limit is {shown(limit)}")


def read_bytes(name: str, data: bytes, max_bytes: int | None = None) -> SourceText:
    """Read a file's bytes into its source text; ``name``'s extension decides the reader.

    >>> read_bytes("a.txt", "一、总则\\r\\n".encode("gb18030")).text
    '一、总则\\n'
    >>> read_bytes("a.pdf", b"")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: 1 problem found:
      - a.pdf: the file is empty (0 bytes)
    """
    suffix = _suffix(name)
    limit = max_bytes if max_bytes is not None else LIMITS.get(suffix, MAX_FILE_BYTES)
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    if not data.strip():
        raise _problem(name, "the file is empty (0 bytes)" if not data else "the file is empty")
    found = sniff(data)
    readers = {
        ".txt": (read_text, None),
        ".pdf": (read_pdf, "pdf"),
        ".docx": (read_docx, "docx"),
        ".html": (read_html, "html"),
        ".htm": (read_html, "html"),
    }
    reader, expected = readers[suffix]
    fragment = expected == "html" and found is None and _HTML_TAG.search(data) is not None
    broken = expected == "docx" and found == "broken-zip"  # read_docx names the damage
    if found != expected and not (fragment or broken):
        raise _mismatch(name, suffix, found)
    return reader(data, name)


def read_text(data: bytes, name: str = "<text>") -> SourceText:
    """A plain text (UTF-8, UTF-16 with BOM or GB18030) as its source text, lines as written.

    Unlike the other readers this keeps the text's lines and blank lines
    untouched (only line ends are normalised), so a ``.txt`` file gives the same
    offsets as before. See :func:`graph.ingest.decode_text`.
    """
    from graph.ingest import decode_text

    decoded = decode_text(data, name)
    notes = list(decoded.notes)
    text = decoded.text
    mapped = map_compatibility(text)
    if mapped != text:
        notes.append("radicals and compatibility characters mapped to ideographs")
    return SourceText(mapped, "txt", notes)


# -- PDF -----------------------------------------------------------------------

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe, and Streamlit serves sessions from threads."""

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~～·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?"
    r"[\s\-—–－~～·•]*$|^page\s+\d+(?:\s+of\s+\d+)?$",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[．.、](?!\d)"
    r"|[（(]\d{1,3}[）)]|第[一二三四五六七八九十百]+[章节条部分])"
)
_ENDS_SENTENCE = tuple("。；：！？;:!?）)")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    baseline: float  # distance from the top of the page
    em: float  # character advance
    lead: float  # width of the first unbreakable piece (a character, a number, a word)
    page_width: float


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number: ``— 2 —``, ``- 2 -``, ``第2页``, ``2/10``.

    >>> [is_page_number(s) for s in ("— 2 —", "- 12 -", "第2页", "第 3 页 共 9 页", "二、任务")]
    [True, True, True, True, False]
    """
    return bool(_PAGE_NUMBER.match(line.strip()))


def read_pdf(data: bytes, name: str = "<pdf>") -> SourceText:
    """A PDF's text layer as source text, one paragraph per line.

    Raises
    ------
    InputError
        Encrypted (needs a password), damaged, truncated, or without a text
        layer (only images, as a scan).
    """
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-4096:]:
        raise _problem(
            name,
            "the PDF is incomplete: it ends before PDF's end-of-file marker "
            "(a download or copy cut short?); get the file again",
        )
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise _pdf_error(name, error) from None
        try:
            pages, images = [], []
            for index in range(len(document)):
                page = document[index]
                try:
                    pages.append(_page_lines(page))
                    if not pages[-1]:
                        images.append(index + 1)
                finally:
                    page.close()
        except pdfium.PdfiumError as error:
            raise _pdf_error(name, error) from None
        finally:
            document.close()
    if not any(pages):
        raise _problem(
            name,
            f"the PDF has no text layer: its {len(pages)} page{'s' * (len(pages) != 1)} "
            "hold only images (a scanned document?); run it through OCR, or use the "
            "text of the government's web page instead",
        )
    notes = []
    if images:
        shown = ", ".join(map(str, images[:10])) + (", ..." if len(images) > 10 else "")
        notes.append(f"pages without text (images only?): {shown}; their content is missing")
    body = _drop_running_lines(pages)
    return _finish("\n".join(_paragraphs(body)), "pdf", notes)


def _pdf_error(name: str, error) -> InputError:
    import pypdfium2.raw as pdfium_c

    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return _problem(
            name,
            "the PDF is encrypted and needs a password to open; save or print a copy "
            "without the password and read that",
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return _problem(name, "the PDF uses an encryption PDFium cannot open")
    return _problem(name, f"the PDF is damaged and cannot be read ({error})")


def _page_lines(page) -> list[_Line]:
    """The page's text lines, top to bottom, each left to right."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        height = page.get_height()
        raw = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        box = pdfium_c.FS_RECTF()
        chars = []
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code in (0, 0x0A, 0x0D, 0xFFFE, 0xFFFF):
                continue
            generated = pdfium_c.FPDFText_IsGenerated(raw, index) == 1
            pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
            pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
            chars.append(
                (chr(code), box.left, box.right, height - y.value, box.top - box.bottom, generated)
            )
    finally:
        textpage.close()
    if not any(not c[5] and not c[0].isspace() for c in chars):
        return []
    return _group_lines(chars, page.get_width())


def _group_lines(chars, page_width: float) -> list[_Line]:
    """Characters (text, left, right, baseline, height, generated) grouped into lines."""
    rows: list[list] = []
    for char in sorted(chars, key=lambda c: c[3]):
        if rows and abs(char[3] - rows[-1][0][3]) <= 0.35 * max(rows[-1][0][4], char[4], 1.0):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        text = []
        for i, char in enumerate(row):
            if char[5]:  # a space PDFium inferred: kept between Latin letters and digits only
                before = row[i - 1][0] if i else ""
                after = row[i + 1][0] if i + 1 < len(row) else ""
                if char[0] == " " and before.isascii() and after.isascii() and before.isalnum():
                    text.append(" ")
                continue
            text.append(char[0])
        joined = "".join(text).strip()
        if not joined:
            continue
        visible = [c for c in row if not c[0].isspace()]
        advances = [b[1] - a[1] for a, b in pairwise(visible) if b[1] > a[1]]
        em = statistics.median(advances) if advances else visible[0][2] - visible[0][1]
        lines.append(
            _Line(
                joined,
                min(c[1] for c in visible),
                max(c[2] for c in visible),
                statistics.median(c[3] for c in visible),
                em,
                _lead_width(visible, em),
                page_width,
            )
        )
    return lines


_OPENING = frozenset("（(“‘《〈「『【〔[{+＋$¥￥£€#№")
_CLOSING = frozenset("）)”’》〉」』】〕]}，。、；：！？,.;:!?%％")


def _lead_width(chars: list, em: float) -> float:
    """Width of a line's first piece that a line break cannot split (at most).

    Opening brackets (and ``+``, ``¥``...) stay with the character after them,
    closing punctuation with the one before, and a run of Latin letters or
    digits is one piece. Ideographs and punctuation count a full ``em`` each
    (punctuation is set narrower inside a line than it may need at its end);
    Latin letters and digits their own width. A line before this one that had
    room for this piece was ended on purpose.
    """
    text = [c[0] for c in chars]
    end = 0
    while end < len(text) - 1 and text[end] in _OPENING:
        end += 1
    latin = 0.0
    if text[end].isascii() and text[end].isalnum():
        first = end
        while (
            end < len(text) and text[end].isascii() and (text[end].isalnum() or text[end] in ".-/")
        ):
            end += 1
        latin = (chars[end][1] if end < len(chars) else chars[end - 1][2]) - chars[first][1]
        others = first
    else:
        end += 1
        others = end
    while end < len(text) and text[end] in _CLOSING:
        end += 1
        others += 1
    return latin + others * em


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without page numbers and the headers and footers repeated on most pages."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    counted = [p for p in pages if p]
    firsts = Counter(key(line) for page in counted for line in page[:2])
    lasts = Counter(key(line) for page in counted for line in page[-2:])
    needed = max(2, (len(counted) + 1) // 2)

    def running(line: _Line, counts: Counter) -> bool:
        return is_page_number(line.text) or (len(counted) > 1 and counts[key(line)] >= needed)

    kept = []
    for page in pages:
        page = list(page)
        for _ in range(2):
            if page and running(page[0], firsts):
                page.pop(0)
            if page and running(page[-1], lasts):
                page.pop()
        kept.append(page)
    return kept


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """The lines of all pages joined into paragraphs (see the module docstring)."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    em = statistics.median(line.em for line in lines) or 10.0
    left = _quantile([line.x0 for line in lines], 0.25)
    # The text block's right edge: where most full lines end, or, when few lines are full
    # (a text of short lines), as far from the right side as the left edge is from the left.
    right = max(
        _quantile([line.x1 for line in lines], 0.9),
        statistics.median(line.page_width for line in lines) - left - 2 * em,
    )
    pitches = [
        b.baseline - a.baseline
        for page in pages
        for a, b in pairwise(page)
        if b.baseline > a.baseline
    ]
    # The pitch of lines within a paragraph: the smaller pitches (gaps are between paragraphs).
    pitch = _quantile(pitches, 0.2) if pitches else 2 * em
    paragraphs: list[str] = []
    previous = None
    for page in pages:
        for index, line in enumerate(page):
            new = previous is None or (
                right - previous.x1 > line.lead - 0.005 * em  # this line's start had room there
                or line.x0 > left + 0.8 * em  # indented or centred
                or (index > 0 and line.baseline - page[index - 1].baseline > 1.3 * pitch)
                or (
                    _HEADING.match(line.text) is not None and previous.text.endswith(_ENDS_SENTENCE)
                )
            )
            if new:
                paragraphs.append(line.text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], line.text)
            previous = line
    return paragraphs


def _join(before: str, after: str) -> str:
    """Two pieces of one paragraph: a space only between Latin letters or digits.

    >>> _join("推进“互联网", "+”行动"), _join("Internet of", "Things")
    ('推进“互联网+”行动', 'Internet of Things')
    """
    last, first = before[-1:], after[:1]
    latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
    return before + (" " if latin else "") + after


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# -- tables (Word and web pages) ---------------------------------------------------

_COLUMN_KINDS = (
    ("number", ("序号", "编号", "序")),
    ("deadline", ("完成时限", "时限", "完成时间", "时间节点", "时间安排", "进度安排")),
    ("lead", ("牵头",)),
    ("partner", ("参与", "参加", "协办", "协同")),
    ("support", ("配合",)),
    ("responsible", ("责任", "负责", "承办", "主办")),
    ("task", ("任务", "措施", "工作内容", "事项", "内容", "举措", "要求", "政策")),
)
_LABELS = {
    "lead": "牵头单位",
    "partner": "参与单位",
    "support": "配合单位",
    "responsible": "责任单位",
    "deadline": "完成时限",
}
_UNIT_KINDS = ("lead", "responsible", "partner", "support")
_NAME_SEPARATORS = re.compile(r"[\s、，,;；/／]+")


def _column_kind(header: str) -> str | None:
    cell = re.sub(r"\s+", "", header)
    if not cell or len(cell) > 12:
        return None
    for kind, words in _COLUMN_KINDS:
        if any(word in cell for word in words):
            return kind
    return None


def _division_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The header row of a 分工 table and its columns' kinds, or None for another table."""
    for index, row in enumerate(rows[:3]):
        kinds: dict[int, str] = {}
        for column, cell in enumerate(row):
            kind = _column_kind(cell)
            if kind and kind not in kinds.values():
                kinds[column] = kind
        values = set(kinds.values())
        if "task" in values and values & set(_UNIT_KINDS):
            return index, kinds
    return None


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as source lines: a 分工 table in the labelled form, others cell by cell.

    Parameters
    ----------
    rows : list of list of str
        The cells' texts, row by row (a merged cell repeated in each grid
        column it spans).

    Returns
    -------
    list of str
        One line per row (see the module docstring for the labelled form).

    Examples
    --------
    >>> table_lines([["序号", "重点任务", "牵头单位", "参与单位", "完成时限"],
    ...              ["一、简政放权", "一、简政放权", "一、简政放权", "一、简政放权", "一、简政放权"],
    ...              ["1", "推进改革。", "商务部", "财政部\\n税务总局", "2019年底前"]])
    ['一、简政放权', '1．推进改革。（牵头单位：商务部；参与单位：财政部、税务总局；完成时限：2019年底前）']
    """
    raw = [row for row in rows if any(cell.strip() for cell in row)]
    rows = [[_clean_cell(cell) for cell in row] for row in raw]
    header = _division_header(rows)
    if header is None:
        return [" ".join(_dedupe(row)) for row in rows]
    start, kinds = header
    lines, count = [], 0
    for row, cells_as_written in zip(rows[start + 1 :], raw[start + 1 :], strict=True):
        cells = {kind: row[column] for column, kind in kinds.items() if column < len(row)}
        task = cells.get("task", "")
        distinct = set(filter(None, row))
        if len(distinct) == 1 and len(row) > 1 and (len(set(row)) == 1 or not task):
            lines.append(distinct.pop())  # a heading merged across the table, or alone in it
            continue
        if not task:
            continue
        count += 1
        number = cells.get("number", "")
        number = number.rstrip("．.、") if re.fullmatch(r"\d{1,4}[．.、]?", number) else str(count)
        labels = []
        for kind in (*_UNIT_KINDS, "deadline"):
            value = cells.get(kind, "")
            if not value:
                continue
            if kind in _UNIT_KINDS:
                column = next(c for c, k in kinds.items() if k == kind)
                names = _NAME_SEPARATORS.split(cells_as_written[column].strip())
                value = "、".join(filter(None, names))
            else:
                value = value.replace("；", "，").replace(";", "，")
            labels.append(f"{_LABELS[kind]}：{value}")
        line = f"{number}．{task}"
        if labels:
            line += f"（{'；'.join(labels)}）"
        lines.append(line)
    return lines


def _clean_cell(text: str) -> str:
    """A cell's text on one line: paragraphs joined, spaces at the ends and doubled ones gone."""
    parts = [re.sub(r"[ \t\u3000\xa0]+", " ", part).strip() for part in text.splitlines()]
    joined = ""
    for part in filter(None, parts):
        joined = _join(joined, part) if joined else part
    return joined


def _dedupe(row: list[str]) -> list[str]:
    """Cells of a row with horizontally merged repeats dropped."""
    out: list[str] = []
    for cell in row:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


# -- Word ----------------------------------------------------------------------------


def read_docx(data: bytes, name: str = "<docx>") -> SourceText:
    """A Word file's paragraphs and tables, in document order, as source text.

    Headers, footers, footnotes and comments are not part of the body and are
    left out. Raises :class:`InputError` for a damaged file.
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, XML errors...
        raise _problem(
            name,
            f"the Word file is damaged or incomplete and cannot be read ({type(error).__name__}); "
            "get the file again",
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(table_lines(_docx_rows(block)))
        else:
            lines.append(_clean_cell(block.text))
    text = "\n".join(lines)
    if not text.strip():
        raise _problem(name, "the Word file has no text")
    return _finish(text, "docx", [])


def _docx_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            inner = [cell.text]
            for nested in cell.tables:  # a table inside a cell: its rows after the cell's text
                inner.extend(" ".join(r) for r in _docx_rows(nested))
            cells.append("\n".join(inner))
        rows.append(cells)
    return rows


# -- web pages -------------------------------------------------------------------------

_CONTENT_SELECTORS = (
    "#UCAP-CONTENT",
    ".pages_content",
    "#zoom",
    ".TRS_Editor",
    ".article-content",
    ".article_content",
    "#content",
    "article",
    ".content",
)
_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "nav",
    "header",
    "footer",
    "form",
    "select",
    "button",
    "svg",
    "canvas",
)
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 section article main aside blockquote pre "
    "address dl dt dd hr center figure figcaption".split()
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, name: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "euc-cn"):
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess as for texts
    return decode_bytes(data, name).text


def read_html(data: bytes, name: str = "<html>") -> SourceText:
    """A saved web page's document body as source text (see the module docstring)."""
    import lxml.html
    from lxml import etree

    text = _decode_html(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise _problem(name, f"the page cannot be read as HTML ({error})") from None
    dropped = [*root.iter(etree.Comment, etree.ProcessingInstruction, *_DROPPED)]
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()
    body = _content_element(root)
    lines: list[str] = []
    current: list[str] = []
    _walk(body, lines, current)
    lines.append("".join(current))
    out = [_clean_cell(line) for line in lines]
    source = "\n".join(line for line in out if line)
    if not source.strip():
        raise _problem(name, "the page has no text")
    return _finish(source, "html", [])


def _content_element(root):
    """The element holding the document: a known content block, else the one with most text."""
    for selector in _CONTENT_SELECTORS:
        if selector.startswith("#"):
            found = root.xpath("//*[@id=$v]", v=selector[1:])
        elif selector.startswith("."):
            found = root.xpath(
                "//*[contains(concat(' ', normalize-space(@class), ' '), $v)]",
                v=f" {selector[1:]} ",
            )
        else:
            found = root.xpath(f"//{selector}")
        found = [element for element in found if _text_length(element) >= 20]
        if found:
            return max(found, key=_text_length)
    node = root.find("body")
    node = root if node is None else node
    while True:  # go down while one child holds most of the text
        children = [child for child in node if isinstance(child.tag, str)]
        best = max(children, key=_text_length, default=None)
        if best is None or _text_length(best) < 0.8 * _text_length(node):
            return node
        node = best


def _text_length(element) -> int:
    """Characters of text in ``element`` outside links."""
    total = len("".join(element.itertext()).strip())
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return total - links


def _walk(element, lines: list[str], current: list[str]) -> None:
    """Append ``element``'s text to ``current``; blocks and ``<br>`` end lines; tables as rows."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        lines.append("".join(current))
        current.clear()
        lines.extend(table_lines(_html_rows(element)))
    else:
        block = tag in _BLOCKS or tag == "tr"
        if block:
            lines.append("".join(current))
            current.clear()
        if element.text and tag != "br":
            current.append(element.text)
        for child in element:
            _walk(child, lines, current)
        if block:
            lines.append("".join(current))
            current.clear()
    if element.tail:
        current.append(element.tail)


def _html_rows(table) -> list[list[str]]:
    """A table's cells as a grid: ``colspan`` and ``rowspan`` repeat a cell where it spans."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for tr in table.iter("tr"):
        if _enclosing_table(tr) is not table:
            continue
        row: list[str] = []
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for cell in cells:
            while len(row) in pending:
                left, text = pending.pop(len(row))
                row.append(text)
                if left > 1:
                    pending[len(row) - 1] = (left - 1, text)
            text = _cell_text(cell)
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for _ in range(span):
                if down > 1:
                    pending[len(row)] = (down - 1, text)
                row.append(text)
        while len(row) in pending:
            left, text = pending.pop(len(row))
            row.append(text)
            if left > 1:
                pending[len(row) - 1] = (left - 1, text)
        grid.append(row)
    return grid


def _enclosing_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_text(cell) -> str:
    lines: list[str] = []
    current: list[str] = []
    if cell.text:
        current.append(cell.text)
    for child in cell:
        _walk(child, lines, current)
    lines.append("".join(current))
    return "\n".join(line for line in lines if line.strip())


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
