"""The organization menu's order with packs loaded: 標準 first, then shipped, then packs."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

from chatdojo.cli import main
from chatdojo.content.catalog import load_catalog
from chatdojo.views.page import Page

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p.stem for p in (REPO / "data" / "profiles").glob("*.yml") if p.stem != "default")


@pytest.fixture(autouse=True)
def _no_packs_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHATDOJO_PACKS", raising=False)
    monkeypatch.delenv("CHATDOJO_PROFILE", raising=False)


def _pack(folder: Path, org: str, name: str, doc: str) -> Path:
    assert main(["init", str(folder), "--org", org, "--name", name, "--doc", doc]) == 0
    return folder


def test_neutral_profile_first_then_shipped_then_packs_in_the_order_given(tmp_path: Path):
    """With packs whose ids sort above 'default', is 標準 still first and are packs in given order?"""
    aisho = _pack(tmp_path / "aisho", "aisho-town", "愛荘町", "aisho")
    abe = _pack(tmp_path / "abe", "abe-town", "阿部町", "abe")
    cat = load_catalog(REPO, packs=[aisho, abe], use_cache=False)
    assert [str(e) for e in cat.errors] == []
    assert list(cat.profiles) == ["default", *SHIPPED, "aisho-town", "abe-town"]


def test_the_pages_organization_menu_starts_with_the_neutral_profile(tmp_path: Path):
    """Is the first entry of a page's organization drop-down 「標準」, the pack's town after 草津市?"""
    aisho = _pack(tmp_path / "aisho", "aisho-town", "愛荘町", "aisho")
    page = Page(catalog=load_catalog(REPO, packs=[aisho], use_cache=False))
    header = page.header(show_profile=True)
    menu = next(c for c in header.children if isinstance(c, w.Dropdown))
    labels = [label for label, _value in menu.options]
    assert labels[0].startswith("標準") and labels[-1] == "愛荘町"
    assert menu.value == "default"
