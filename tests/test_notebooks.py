"""The analysis notebooks run top to bottom, offline, and are committed clean.

Each notebook is executed with the interpreter running the tests (nbclient
starts the ``python3`` kernel with ``sys.executable``), from ``notebooks/`` as
Jupyter would, so the notebooks' own set-up cell must find the project. The
executed copies go to ``test-output/notebooks/`` for reading.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "test-output" / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = {"responsibility_network.ipynb", "snapshot_gallery.ipynb"}
# Script or style pulled from elsewhere: an http(s) src/href (quotes possibly
# escaped, as inside an iframe's srcdoc), a module import from a URL, or a
# known CDN host. Shown tables may mention URLs as text.
REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*(?:["']|&quot;|&#x27;|&#39;)?(?:https?:)?//"""
    r"""|import\s*\(?\s*["']https?:|cdn\.plot\.ly|cdnjs\.""",
    re.IGNORECASE,
)
# Files that renderers are known to drop into the working directory.
LITTER = ("lib", "iframe_figures")


def test_the_notebooks_are_there():
    assert {path.name for path in PATHS} >= EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_offline(path):
    notebook = nbformat.read(path, as_version=4)
    before = {p.name for p in NOTEBOOKS.iterdir()}
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    EXECUTED.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, EXECUTED / path.name)

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    remote = [
        (index, match.group(0))
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        for key, value in output.get("data", {}).items()
        if key in ("text/html", "application/javascript", "image/svg+xml")
        for match in [REMOTE.search(str(value))]
        if match
    ]
    assert not remote, f"{path.name}: outputs load from the network: {remote}"
    assert {p.name for p in NOTEBOOKS.iterdir()} == before, "the notebook wrote into notebooks/"
    for name in LITTER:
        assert not (NOTEBOOKS / name).exists() and not (ROOT / name).exists(), name
