"""No module reaches into another's private names (issue 23).

A name starting with ``_`` is its module's own business: renaming it must not break
another module. Read from the source, so imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import chatdojo

PACKAGE = Path(chatdojo.__file__).resolve().parent

# Reach-ins outside the live room's store that their owners are removing this round;
# this list may only shrink (a listed one that is gone fails, so remove it then).
# Entries: "importing module -> imported module._name".
KNOWN_EXCEPTIONS: set[str] = set()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a chain of names and attributes, else ""."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr}" if head else ""
    return ""


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def private_reach_ins(root: Path) -> dict[str, list[str]]:
    """{"importer -> module._name": ["file:line", ...]} for every package module under root."""
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    found: dict[str, list[str]] = {}

    def note(importer: str, target: str, name: str, path: Path, line: int) -> None:
        if target == importer:
            return
        where = f"{path.relative_to(root.parent)}:{line}"
        found.setdefault(f"{importer} -> {target}.{name}", []).append(where)

    for importer, path in modules.items():
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}  # local name -> chatdojo module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:  # `import chatdojo.a.b` binds `chatdojo`
                        head = alias.name.split(".")[0]
                        aliases[alias.asname or head] = alias.name if alias.asname else head
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                if base not in modules:
                    continue
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    if full in modules:
                        aliases[alias.asname or alias.name] = full
                    elif _private(alias.name):
                        note(importer, base, alias.name, path, node.lineno)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                owner = dotted(node.value)
                if owner and owner.split(".")[0] in aliases:
                    head, _, rest = owner.partition(".")
                    target = ".".join([aliases[head], *([rest] if rest else [])])
                    if target in modules:  # m._x, or chatdojo.pkg.m._x spelled out
                        note(importer, target, node.attr, path, node.lineno)
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    """Does every module use only the public names of the others?"""
    found = private_reach_ins(PACKAGE)
    unknown = {k: v for k, v in found.items() if k not in KNOWN_EXCEPTIONS}
    assert not unknown, f"private names used across modules: {unknown}"


def test_known_exceptions_still_exist() -> None:
    """Is every listed exception still a reach-in (so the list shrinks as they go)?"""
    gone = sorted(KNOWN_EXCEPTIONS - set(private_reach_ins(PACKAGE)))
    assert not gone, f"no longer used, remove from KNOWN_EXCEPTIONS: {gone}"


def test_finder_sees_both_kinds_of_reach_in(tmp_path: Path) -> None:
    """Would `from chatdojo.a import _x` and `a._y` (even inside a function) be found?"""
    pkg = tmp_path / "chatdojo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("_x = 1\n_y = 2\n__all__ = []\n")
    (pkg / "b.py").write_text(
        "from chatdojo import a\nfrom chatdojo.a import __all__\n\n"
        "def f():\n    from chatdojo.a import _x\n    return a._y + _x\n"
    )
    (pkg / "c.py").write_text("import chatdojo.a\n\nchatdojo.a._x\n")
    found = private_reach_ins(pkg)
    assert set(found) == {
        "chatdojo.b -> chatdojo.a._x",
        "chatdojo.b -> chatdojo.a._y",
        "chatdojo.c -> chatdojo.a._x",
    }
