"""Shared fixtures: the bundled registry and table, loaded once per session."""

from __future__ import annotations

import pytest

from graph.paths import ROOT
from graph.registry import Registry, load_registry
from graph.table import load_measures


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="session")
def bundled_table(registry):
    return load_measures(registry=registry)


@pytest.fixture(scope="session")
def made_files(tmp_path_factory):
    """PDF, Word and web-page files of the real texts, made on first use (tests/made.py)."""
    from tests.made import MadeFiles

    return MadeFiles(tmp_path_factory.mktemp("made"))


CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"
"""The real documents of 2018-2022 (``../shared/corpus-dev/``), read from there, never copied."""


@pytest.fixture(scope="session")
def real_corpus(registry):
    """The 2015 document and every text of ``../shared/corpus-dev/`` that parses, as one corpus."""
    from graph.corpus import read_corpus
    from graph.paths import SOURCE_TEXT

    if not CORPUS_DEV.is_dir():
        pytest.skip(f"{CORPUS_DEV} is not here")
    return read_corpus([SOURCE_TEXT, CORPUS_DEV], registry)
