"""Vector export: the view as SVG (written in Python) and PDF (printed by Chromium)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from click.testing import CliRunner
from hostile import DOCUMENT, IMG_AGENCY, SCRIPT_TEXT, hostile_table
from PIL import Image
from specs import bipartite

from graph.cli import main
from graph.encode import KIND_COLOR
from graph.snapshot import SnapshotOptions, snapshot_svg
from graph.vector import svg_size, view_svg
from tests.browser import OUTPUT, chromium, recorded_page, skip_without_browser

SVG = "{http://www.w3.org/2000/svg}"
STAMP = ("--generated-at", "2015-05-04T09:00:00+08:00")


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg.encode("utf-8"))


def texts(root: ElementTree.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_draws_every_node_and_line_with_legend_and_provenance():
    spec = bipartite(lang="en")
    svg = view_svg(spec, title="Tiny", provenance=["source line"], filters=["filter line"])
    root = parsed(svg)
    shapes = list(root.iter(f"{SVG}circle")) + list(root.iter(f"{SVG}rect"))
    legend_marks = [e for e in spec.legend if e["type"] in ("color", "shape", "size")]
    # One shape per node, one per legend mark, and the white page.
    assert len(shapes) == len(spec.nodes) + len(legend_marks) + 1
    lines = root.find(f"{SVG}g[@class='lines']")
    assert len(lines) == len(spec.edges)
    words = texts(root)
    assert "Tiny" in words and "Legend" in words and "source line" in words
    assert "filter line" in words and "MOFCOM" in words
    assert {e["label"] for e in spec.legend if e["type"] == "color"} <= set(words)
    assert svg_size(svg) == (float(root.get("width")), float(root.get("height")))


def test_svg_is_self_contained_and_escaped():
    spec = bipartite(hostile_table())
    svg = view_svg(spec, title=DOCUMENT, provenance=[SCRIPT_TEXT], filters=[IMG_AGENCY])
    root = parsed(svg)  # well-formed XML whatever the data
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "rect", "g", "line", "circle", "text", "tspan"}
    assert "href" not in svg and "<script" not in svg
    words = texts(root)
    assert DOCUMENT in words and SCRIPT_TEXT in words and IMG_AGENCY in words


def test_snapshot_svg_is_the_snapshot_view(bundled_table):
    options = SnapshotOptions(view="projection", color_by="cluster", lang="en")
    root = parsed(snapshot_svg(bundled_table, options))
    circles = [c for c in root.find(f"{SVG}g[@class='nodes']")]
    assert len(circles) == bundled_table["agency"].nunique()
    assert any(word.startswith("Data version: source text SHA-256") for word in texts(root))


def test_cli_writes_svg(tmp_path):
    out = tmp_path / "view.svg"
    result = CliRunner().invoke(main, ["snapshot", "--section", "3", *STAMP, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "部分：3" in texts(parsed(out.read_text(encoding="utf-8")))


def test_cli_refuses_an_unknown_format(tmp_path):
    result = CliRunner().invoke(main, ["snapshot", "-o", str(tmp_path / "view.png")])
    assert result.exit_code == 2
    assert "use .html, .svg or .pdf" in result.output


def ink(image: np.ndarray, color: str) -> int:
    """Pixels of ``image`` within a few levels of ``color``."""
    rgb = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(image[:, :, :3].astype(int) - rgb).max(axis=2) < 12).sum())


@skip_without_browser
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pdf_and_svg_open_with_the_legend(tmp_path):
    pdf = tmp_path / "view.pdf"
    result = CliRunner().invoke(main, ["snapshot", "--lang", "en", *STAMP, "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    OUTPUT.mkdir(exist_ok=True)
    shutil.copy(pages[0], OUTPUT / "export-view-pdf.png")
    image = np.asarray(Image.open(pages[0]).convert("RGB"))
    width = image.shape[1]
    legend = image[:, int(width * 0.78) :]  # the legend stands right of the drawing
    for kind in ("ministry", "directly_affiliated", "generic"):
        assert ink(legend, KIND_COLOR[kind]) > 20, kind
    # Text is text in the PDF (not an image of it).
    words = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Legend" in words and "Ministry or commission" in words

    svg = tmp_path / "view.svg"
    result = CliRunner().invoke(main, ["snapshot", "--lang", "en", *STAMP, "-o", str(svg)])
    assert result.exit_code == 0, result.output
    with (
        chromium() as browser,
        recorded_page(browser, allow=lambda url: url == svg.resolve().as_uri()) as (page, recorder),
    ):
        page.goto(svg.resolve().as_uri())
        legend_word = page.locator("text").filter(has_text="Legend")
        assert legend_word.count() == 1 and legend_word.is_visible()
        page.screenshot(path=str(OUTPUT / "export-view-svg.png"))
        assert recorder.blocked == [] and recorder.errors == []
