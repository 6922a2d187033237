"""Reading the files analysts have: a 100-page PDF, and the bundled document as Word and web page.

The files are made the way the tests make them (:mod:`benchmarks.files`): the
PDF printed by Chromium from the texts of ``../shared/corpus-dev/`` and the
bundled document, one after another, cut to exactly 100 pages; the Word file
and the page from the bundled document. Each stage times
:func:`graph.readers.read_source` on one file, as ``python -m graph parse``
and the upload page call it. Target: a 100-page PDF in under 10 s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from benchmarks.measure import Result, not_available
from graph.paths import ROOT, SOURCE_TEXT

CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"
PDF_PAGES = 100
TARGET_S = 10.0


def source_texts() -> list[str]:
    """The corpus-dev texts (when they are beside the repository) and the bundled document."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DEV.glob("*.txt"))]
    return [*texts, SOURCE_TEXT.read_text(encoding="utf-8")]


def reader_stages(settings, workdir: Path) -> Iterator[Result]:
    """Time reading a 100-page PDF, a Word file and a saved page; one result each.

    ``settings`` is a :class:`benchmarks.stages.Settings`.
    """
    from benchmarks import files
    from graph.readers import read_source

    def timed(stage: str, path: Path, note: str) -> Result:
        result = settings.run(stage, lambda: read_source(path))
        if result.status == "ok":
            text = result.value.text
            result.note = f"{note}; {len(text):,} characters, {text.count(chr(10)):,} lines"
        return result

    from benchmarks.browser import browser_available, chromium

    pdf = workdir / "hundred-pages.pdf"
    if not browser_available():
        yield not_available("read_pdf_100_pages", "needs Playwright and /usr/bin/chromium")
    else:
        with chromium() as browser:
            files.hundred_page_pdf(source_texts(), pdf, browser, pages=PDF_PAGES)
        result = timed(
            "read_pdf_100_pages",
            pdf,
            f"{PDF_PAGES} pages printed by Chromium, {pdf.stat().st_size / 2**20:.1f} MB; "
            f"target < {TARGET_S:g} s",
        )
        yield result
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    word = files.make_docx(text, workdir / "guofa.docx")
    yield timed("read_docx_document", word, "the bundled document as a Word file")
    page = workdir / "guofa.html"
    page.write_text(files.gov_page(text, "国务院关于大力发展电子商务加快培育经济新动力的意见"))
    yield timed("read_html_document", page, "the bundled document as a gov.cn page")
