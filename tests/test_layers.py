"""Layers: content -> engines (quiz, scenario, advisor, paper) -> store -> views.

Read from the source (every import, including those inside functions), so a lazy
import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import chatdojo

PACKAGE = Path(chatdojo.__file__).resolve().parent
LAYERED = ("content", "quiz", "scenario", "advisor", "paper", "store", "views")
ENGINES = ("quiz", "scenario", "advisor", "paper")


def package_imports() -> dict[str, dict[str, list[str]]]:
    """{package: {imported package: [file:line, ...]}} for the sub-packages of chatdojo."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) < 2:
            continue  # top-level modules are not layered packages
        here = rel.parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "chatdojo" and len(parts) > 1 and parts[1] != here:
                    out[here][parts[1]].append(f"{rel}:{node.lineno}")
    return out


def test_no_import_cycle_between_layered_packages() -> None:
    """Do content, the engines, store and views import each other without a cycle?"""
    imports = package_imports()
    graph = {pkg: {dep for dep in imports.get(pkg, {}) if dep in LAYERED} for pkg in LAYERED}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        cycle = exc.args[1]
        where = {f"{a} -> {b}": imports[a][b][:3] for a, b in zip(cycle, cycle[1:], strict=False)}
        raise AssertionError(f"import cycle {' -> '.join(cycle)}: {where}") from None


def test_content_imports_no_engine_store_or_view() -> None:
    """Is content the lowest layer (engines are found through chatdojo.CONTENT_PLUGINS)?"""
    imports = package_imports()["content"]
    assert not {dep: where for dep, where in imports.items() if dep in LAYERED}


def test_engines_import_no_store_or_view() -> None:
    """Do the engines stay pure (no store, no widgets)?"""
    imports = package_imports()
    for engine in ENGINES:
        upward = {d: w for d, w in imports.get(engine, {}).items() if d in ("store", "views")}
        assert not upward, (engine, upward)


def test_content_plugins_resolve() -> None:
    """Does every plugin named in chatdojo.CONTENT_PLUGINS import?"""
    from chatdojo.content import extensions

    assert {"single", "multiple", "numeric"} <= set(extensions.question_types())
    assert len(extensions.loaders()) >= 2
