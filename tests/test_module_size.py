"""Module size: a module the next engineer can hold in their head (issue 23)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "chatdojo"
LIMIT = 500  # lines; aim for ~400 (STYLE.md), split by concern past this


def long_modules(root: Path, limit: int = LIMIT) -> list[str]:
    """``path: N lines`` for every Python module under ``root`` longer than ``limit``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > limit:
            found.append(f"{path.relative_to(root.parent)}: {n} lines")
    return found


def test_no_module_over_500_lines() -> None:
    """Is every module in src/chatdojo at most 500 lines (split by concern, not by cutting)?"""
    assert not long_modules(SRC), "split these by concern:\n" + "\n".join(long_modules(SRC))


def test_a_long_module_is_reported(tmp_path: Path) -> None:
    """Does the check name a module one line past the limit, and pass one at the limit?"""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "ok.py").write_text("x = 1\n" * LIMIT)
    (pkg / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    assert long_modules(pkg) == [f"pkg/long.py: {LIMIT + 1} lines"]
