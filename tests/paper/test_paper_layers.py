"""The paper engine holds no widgets: its pages live in chatdojo.views (issue 11 item 8)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import chatdojo.paper as paper
for info in pkgutil.iter_modules(paper.__path__):
    importlib.import_module(f"chatdojo.paper.{info.name}")
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("ipywidgets", "voila", "IPython"))
bad += sorted(m for m in sys.modules if m.startswith("chatdojo.views"))
print(",".join(bad))
"""


def test_importing_every_paper_module_imports_no_widgets_or_views():
    """Does importing all of chatdojo.paper leave ipywidgets and chatdojo.views unimported?"""
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""


def test_paper_views_live_in_views():
    """Are the dashboard and case-study pages importable from chatdojo.views only?"""
    import importlib.util

    for name in ("dashboard", "case_view", "views", "page"):
        assert importlib.util.find_spec(f"chatdojo.paper.{name}") is None
    for name in ("paper_dashboard", "paper_case_view", "paper_page", "paper_html", "paper_columns"):
        assert importlib.util.find_spec(f"chatdojo.views.{name}") is not None
