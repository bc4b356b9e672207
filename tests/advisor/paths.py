"""Where the tests find the repository and their fixture files."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "files"
