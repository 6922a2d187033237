"""Where the bundled data lives, relative to the project root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE_TEXT = DATA / "source" / "guofa-2015-24.txt"
MEASURES_CSV = DATA / "measures.csv"
AGENCIES_CSV = DATA / "agencies.csv"
SUCCESSION_CSV = DATA / "succession.csv"
DOCUMENTS_CSV = DATA / "documents.csv"
TITLES_EN_CSV = DATA / "titles_en.csv"
