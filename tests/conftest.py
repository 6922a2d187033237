"""Shared fixtures: the bundled registry and table, loaded once per session."""

from __future__ import annotations

import pytest

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
