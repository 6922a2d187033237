"""Turn the bytes of a user's file into text the parser and loader can trust.

Policy texts arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or
GB18030 (the superset of GBK/GB2312 that Chinese government sites use), in
simplified or traditional characters, with CRLF line ends. This module decodes
them, normalises line ends to ``\\n``, converts traditional characters to
simplified ones character for character (so offsets stay valid), and refuses,
with a message naming the place, what is not text: NUL bytes, undecodable
bytes, empty files, files over the size limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.errors import ParseError, Problem

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""Upload limit for one policy text; the bundled document is 28 KB."""

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


@dataclass
class DecodedText:
    """A decoded text, how it was read, and what was changed on the way."""

    text: str
    encoding: str
    traditional: bool = False
    notes: list[str] = field(default_factory=list)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified ones, same length as the input.

    OpenCC converts phrase by phrase; should a phrase change length, the text
    is converted character by character instead, so every offset into the
    result is also an offset into the input.

    >>> to_simplified("國務院關於發展電子商務的意見")
    '国务院关于发展电子商务的意见'
    """
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _t2s().convert
    return "".join(c if len(s := convert(c)) != 1 else s for c in text)


def looks_traditional(text: str) -> bool:
    """True when at least 1% of the CJK characters (and 3 or more) are traditional-only.

    >>> looks_traditional("国务院关于发展电子商务的意见"), looks_traditional("國務院關於發展電子商務的意見")
    (False, True)
    """
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return False
    changed = sum(a != b for a, b in zip(cjk, to_simplified("".join(cjk)), strict=True))
    return changed >= 3 and changed >= 0.01 * len(cjk)


def _where(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_bytes(data: bytes, name: str = "<upload>", max_bytes: int | None = None) -> DecodedText:
    """Decode bytes as UTF-8, UTF-16 (with BOM) or GB18030 and normalise line ends.

    Raises
    ------
    ParseError
        Empty, too large, NUL characters, or not decodable; each message names
        the file and, where there is one, the place.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise ParseError(
            [Problem(name, f"file is {len(data):,} bytes; the limit is {max_bytes:,} bytes")]
        )
    if not data.strip():
        raise ParseError([Problem(name, "the file is empty")])
    encoding, body = "", data
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, body = bom_encoding, data[len(bom) :]
            break
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
    text, failure = None, None
    for candidate in candidates:
        try:
            text, encoding = body.decode(candidate), candidate
            break
        except UnicodeDecodeError as error:
            failure = failure or error
    if text is None:
        assert failure is not None
        raise ParseError(
            [
                Problem(
                    name,
                    f"not text in UTF-8 or GB18030: byte {failure.start} cannot be decoded",
                    value=repr(body[failure.start : failure.start + 8]),
                )
            ]
        )
    decoded = DecodedText(text=text, encoding=encoding)
    if "\x00" in text:
        line, column = _where(text, text.index("\x00"))
        raise ParseError([Problem(name, "contains NUL characters: not a text file?", line, column)])
    if "\r" in text:
        decoded.text = text.replace("\r\n", "\n").replace("\r", "\n")
        decoded.notes.append("line ends converted to \\n")
    if encoding != "utf-8":
        decoded.notes.append(f"decoded as {encoding}")
    return decoded


def decode_text(data: bytes, name: str = "<upload>", max_bytes: int | None = None) -> DecodedText:
    """Decode the bytes of a policy text, in simplified characters.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        File name used in messages.
    max_bytes : int, optional
        Refuse larger inputs (the app passes :data:`MAX_TEXT_BYTES`).

    Returns
    -------
    DecodedText
        ``text`` with ``\\n`` line ends, traditional characters converted.

    Raises
    ------
    ParseError
        Empty, too large, NUL bytes, or neither UTF-8/UTF-16 nor GB18030.

    Examples
    --------
    >>> decode_text("一、总则\\r\\n".encode("gb18030")).encoding
    'gb18030'
    """
    decoded = decode_bytes(data, name, max_bytes)
    if looks_traditional(decoded.text):
        decoded.text = to_simplified(decoded.text)
        decoded.traditional = True
        decoded.notes.append("traditional characters converted to simplified")
    return decoded


def read_text(path: Path | str, max_bytes: int | None = None) -> DecodedText:
    """Read and decode a text file (see :func:`decode_text`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError([Problem(str(path), f"cannot read file: {error.strerror}")]) from None
    return decode_text(data, str(path), max_bytes)
