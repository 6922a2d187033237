"""Document metadata and English titles of sections and articles.

``data/documents.csv`` names each bundled document (title, number, issuer,
date); ``data/titles_en.csv`` translates its section and article titles.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from graph.paths import DOCUMENTS_CSV, ROOT, TITLES_EN_CSV


def load_documents(path: Path | str = DOCUMENTS_CSV) -> pd.DataFrame:
    """Document metadata indexed by ``doc_id``."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.set_index("doc_id", drop=False)


def load_titles_en(path: Path | str = TITLES_EN_CSV) -> dict[tuple[str, str, int], str]:
    """``(doc_id, level, number) -> English title`` for sections and articles."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {(r.doc_id, r.level, int(r.number)): r.title_en for r in frame.itertuples(index=False)}


def with_english_titles(table: pd.DataFrame, path: Path | str = TITLES_EN_CSV) -> pd.DataFrame:
    """Add ``section_title_en`` and ``article_title_en`` (empty where unknown).

    >>> from graph.table import load_measures
    >>> t = with_english_titles(load_measures())
    >>> t.loc[t["measure_id"] == "M04.01", "article_title_en"].iloc[0] != ""
    True
    """
    titles = load_titles_en(path)

    def lookup(doc: str, level: str, number: object) -> str:
        return "" if pd.isna(number) else titles.get((doc, level, int(number)), "")

    out = table.copy()
    out["section_title_en"] = [
        lookup(d, "section", n) for d, n in zip(out["document"], out["section"], strict=True)
    ]
    out["article_title_en"] = [
        lookup(d, "article", n) for d, n in zip(out["document"], out["article"], strict=True)
    ]
    return out


def file_sha256(path: Path | str) -> str:
    """Hex SHA-256 of a file's bytes (data versions in provenance lines)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source_text(doc_id: str, documents: pd.DataFrame | None = None) -> str:
    """The source text of a bundled document, exactly as stored."""
    documents = load_documents() if documents is None else documents
    return (ROOT / documents.at[doc_id, "source_file"]).read_text(encoding="utf-8")
