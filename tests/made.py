"""PDF, Word and web-page files made from the real texts, once per test session.

The texts are those of ``../shared/corpus-dev/`` (read from there, never
copied) and the bundled document. :class:`MadeFiles` makes each kind of file
on first use into a temporary folder (see :mod:`benchmarks.files` for how)
and hands out paths; the ``made_files`` fixture in ``conftest.py`` keeps one
for the whole session, so Chromium prints every PDF in one launch.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from benchmarks import files
from graph.paths import ROOT, SOURCE_TEXT

CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"


def texts() -> dict[str, str]:
    """Name -> text of every corpus-dev text and the bundled document."""
    found = {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS_DEV.glob("*.txt"))}
    found[SOURCE_TEXT.stem] = SOURCE_TEXT.read_text(encoding="utf-8")
    return found


TEXT_NAMES = sorted(texts())


class MadeFiles:
    """Files made from :func:`texts` in ``folder``, each kind made on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.texts = texts()

    def _pdfs(self, layout: str) -> dict[str, Path]:
        from tests.browser import chromium

        with chromium() as browser:
            return files.make_pdfs(self.texts, self.folder / layout, browser, layout=layout)

    @cached_property
    def official_pdfs(self) -> dict[str, Path]:
        """Printed in the layout of a State Council document (indents, ``— N —``)."""
        return self._pdfs("official")

    @cached_property
    def plain_pdfs(self) -> dict[str, Path]:
        """Printed ragged-right without indents, ``- N -`` and ``第N页 共M页`` in the margins."""
        return self._pdfs("plain")

    def pdf(self, name: str, layout: str = "official") -> Path:
        return (self.official_pdfs if layout == "official" else self.plain_pdfs)[name]

    def docx(self, name: str) -> Path:
        path = self.folder / f"{name}.docx"
        if not path.exists():
            files.make_docx(self.texts[name], path)
        return path

    def html(self, name: str) -> Path:
        path = self.folder / f"{name}.html"
        if not path.exists():
            path.write_text(files.gov_page(self.texts[name], name), encoding="utf-8")
        return path

    def path(self, name: str, kind: str) -> Path:
        """The file of text ``name`` in ``kind``: ``txt``, ``pdf``, ``docx`` or ``html``."""
        if kind == "txt":
            return SOURCE_TEXT if name == SOURCE_TEXT.stem else CORPUS_DEV / f"{name}.txt"
        return getattr(self, kind)(name)

    @cached_property
    def division_rows(self) -> list[dict]:
        return files.division_rows(20)

    @cached_property
    def division_docx(self) -> Path:
        return files.division_docx(self.division_rows, self.folder / "分工方案.docx")

    @cached_property
    def scanned_pdf(self) -> Path:
        from tests.browser import chromium

        with chromium() as browser:
            return files.scanned_pdf(
                self.texts["guofa-2015-24"], self.folder / "scanned.pdf", browser
            )

    @cached_property
    def encrypted_pdf(self) -> Path:
        return files.encrypted_pdf(self.pdf(SOURCE_TEXT.stem), self.folder / "encrypted.pdf")

    @cached_property
    def truncated_pdf(self) -> Path:
        return files.truncated(self.pdf(SOURCE_TEXT.stem), self.folder / "truncated.pdf")

    @cached_property
    def truncated_docx(self) -> Path:
        return files.truncated(self.docx(SOURCE_TEXT.stem), self.folder / "truncated.docx")
