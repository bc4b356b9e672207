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


# Module cycles other engineers are untying this round (issue 23); this list may only
# shrink: a cycle not listed fails, and a listed one that is gone fails too.
KNOWN_MODULE_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def module_imports() -> dict[str, dict[str, list[int]]]:
    """{module: {imported module: [line, ...]}} for every module of chatdojo.

    Every import counts (inside functions and under TYPE_CHECKING too);
    ``from chatdojo.pkg import name`` counts as importing ``chatdojo.pkg.name`` when
    that is a module, else ``chatdojo.pkg``. A parent package's ``__init__`` is not
    an edge of its own.
    """
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    out: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in modules else base)
            for target in targets:
                if target in modules and target != name:
                    out[name][target].append(node.lineno)
    return out


def module_cycles() -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan)."""
    graph = {m: set(deps) for m, deps in module_imports().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in graph[node]:
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycle_between_modules() -> None:
    """Does no module import itself back through others (files, not just packages)?"""
    imports = module_imports()
    found = {frozenset(group) for group in module_cycles()}
    unknown = found - KNOWN_MODULE_CYCLES
    details = {
        " <-> ".join(sorted(group)): {
            f"{a} -> {b}": imports[a][b][:3] for a in group for b in group if b in imports[a]
        }
        for group in unknown
    }
    assert not unknown, f"import cycles: {details}"


def test_known_module_cycles_still_exist() -> None:
    """Is every listed exception still a cycle (so the list shrinks as they are untied)?"""
    found = {frozenset(group) for group in module_cycles()}
    gone = [sorted(c) for c in KNOWN_MODULE_CYCLES if c not in found]
    assert not gone, f"no longer cycles, remove from KNOWN_MODULE_CYCLES: {gone}"


def test_module_cycle_finder_sees_a_lazy_import(tmp_path: Path) -> None:
    """Would a cycle closed by an import inside a function be found?"""
    pkg = tmp_path / "chatdojo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from chatdojo import b\n")
    (pkg / "b.py").write_text("def f():\n    from chatdojo.a import x\n")
    global PACKAGE
    saved = PACKAGE
    PACKAGE = pkg
    try:
        assert module_cycles() == [["chatdojo.a", "chatdojo.b"]]
    finally:
        PACKAGE = saved
