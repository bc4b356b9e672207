"""Interface strings: one shape (``chatdojo.i18n.Strings``), both languages, the same fields."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
import yaml

from chatdojo.i18n import TABLES, Strings, UniqueKeyLoader, fields, tr

SRC = Path(__file__).resolve().parents[1] / "src" / "chatdojo"

# Every module: a new bilingual table goes to chatdojo/strings/ as a ``Strings`` (issue 23).
ONE_WAY = (".",)


def _is_text(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Dict)
        and bool(node.keys)
        and all(isinstance(k, ast.Constant) for k in node.keys)
        and {k.value for k in node.keys if isinstance(k, ast.Constant)} == {"ja", "en"}
    )


def bare_tables(path: Path) -> list[str]:
    """Module-level ``NAME = {key: {"ja": …, "en": …}, …}`` not wrapped in ``Strings``."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
            values = node.value.values
            if len(values) >= 2 and all(_is_text(v) for v in values):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(target)}")
    return found


def _modules_with_tables() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        if "Strings" in path.read_text(encoding="utf-8") and path.name != "i18n.py":
            parts = path.relative_to(SRC.parent).with_suffix("").parts
            names.append(".".join(p for p in parts if p != "__init__"))
    return names


@pytest.fixture(scope="module")
def tables() -> dict[str, Strings]:
    for name in _modules_with_tables():
        importlib.import_module(name)
    return dict(TABLES)


def test_every_key_has_both_languages_with_the_same_fields(tables: dict[str, Strings]) -> None:
    """Does every key of every registered table read in Japanese and English, with the same
    ``{fields}`` in both (a field only one side names would raise or vanish at run time)?"""
    assert len(tables) > 1
    problems = []
    for name, table in tables.items():
        for key, text in table.items():
            ja, en = text.get("ja", ""), text.get("en", "")
            if not (isinstance(ja, str) and ja.strip()) or not (isinstance(en, str) and en.strip()):
                problems.append(f"{name}[{key!r}]: needs non-empty ja and en, has {text!r}")
            elif fields(ja) != fields(en):
                problems.append(f"{name}[{key!r}]: ja fields {fields(ja)} != en {fields(en)}")
    assert not problems, "\n".join(problems)


def test_every_strings_file_is_a_loaded_table(tables: dict[str, Strings]) -> None:
    """Is every file in chatdojo/strings/ read by some module (none left behind, none missing)?"""
    on_disk = {path.stem for path in (SRC / "strings").glob("*.yml")}
    assert on_disk == set(tables), (
        f"unused: {on_disk - set(tables)}; no file: {set(tables) - on_disk}"
    )


def test_a_key_given_twice_is_refused() -> None:
    """Does a key written twice in a strings file stop the load with its line (YAML alone
    would keep the second silently)?"""
    text = "a:\n  ja: あ\n  en: a\nb:\n  ja: い\n  en: b\na:\n  ja: う\n  en: c\n"
    with pytest.raises(ValueError, match=r"7: key 'a' given twice"):
        yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506


def test_interface_strings_are_declared_one_way() -> None:
    """Is every bilingual table a ``Strings`` loaded from chatdojo/strings/ (not a bare dict
    with its own lookup function), the room, the paper exports and the views included?"""
    paths: list[Path] = []
    for place in ONE_WAY:
        root = SRC / place
        paths += [root] if root.is_file() else sorted(root.rglob("*.py"))
    bare = [hit for path in paths for hit in bare_tables(path)]
    assert not bare, "declare these as chatdojo.i18n.Strings:\n" + "\n".join(bare)


def test_a_table_reports_a_missing_language_and_a_stray_field() -> None:
    """Does the check see what it is for (a table built wrong here, not registered)?"""
    table = Strings("test.broken", {"a": {"ja": "{n}件", "en": "{count} items"}, "b": {"ja": "x"}})
    TABLES.pop("test.broken")
    assert fields(table["a"]["ja"]) != fields(table["a"]["en"])
    assert not table["b"].get("en")
    assert tr(table, "a", "en", count=3) == "3 items"
    assert table.tr("b", "en") == "x"  # falls back to Japanese, never a KeyError
