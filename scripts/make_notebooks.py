"""Write the thin module notebook of every guide (run after adding a guide).

usage: python scripts/make_notebooks.py   (from the repository root)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from chatdojo.content.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent


def notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main() -> int:
    cat = load_catalog(ROOT)
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    written = []
    pages = {"home": notebook("from chatdojo.views.home_view import home", "home()")}
    for guide_id in cat.guides:
        pages[guide_id] = notebook(
            "from chatdojo.views.module_view import module", f"module({guide_id!r})"
        )
    for name, nb in pages.items():
        path = out / f"{name}.ipynb"
        text = nbformat.writes(nb) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path.name)
    print(f"wrote {len(written)} notebook(s): {', '.join(written) or 'none changed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
