"""Every topic is a module: a guide, its quiz, its notebook, and a card on the home page."""

from __future__ import annotations

import json
from pathlib import Path

from chatdojo.content.catalog import load_catalog
from chatdojo.modules import all_modules

REPO = Path(__file__).resolve().parent.parent


def test_every_guide_has_a_thin_notebook_and_a_quiz() -> None:
    """Does each guide have notebooks/<id>.ipynb that only imports and builds its module, and a bank?"""
    cat = load_catalog(REPO)
    assert len(cat.guides) >= 8
    for guide in cat.guides.values():
        nb = json.loads((REPO / "notebooks" / f"{guide.id}.ipynb").read_text(encoding="utf-8"))
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        assert code == ["from chatdojo.views.module_view import module", f"module({guide.id!r})"]
        assert guide.quiz in cat.banks, guide.id


def test_home_lists_every_module_and_tool_page() -> None:
    """Does the home page's registry list every guide and every tool page that exists?"""
    cat = load_catalog(REPO)
    listed = {m.notebook for m in all_modules(cat)}
    assert {f"{g}.ipynb" for g in cat.guides} <= listed
    pages = {p.name for p in (REPO / "notebooks").glob("*.ipynb")} - {"home.ipynb"}
    assert pages == listed
