"""Problems found in content files, always reported as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message}


class ErrorSink:
    """Collects every problem so ``chatdojo check`` can report all at once."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.errors: list[ContentError] = []
        self.warnings: list[ContentError] = []

    def display(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return str(path.resolve().relative_to(self.root.resolve()))
            except ValueError:
                pass
        return str(path)

    def add(self, path: Path | str, line: int, message: str) -> None:
        self.errors.append(ContentError(self.display(path), max(int(line), 1), message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        """A problem that does not fail ``chatdojo check`` (yet): printed as a warning."""
        self.warnings.append(ContentError(self.display(path), max(int(line), 1), message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def sorted(self) -> list[ContentError]:
        return sorted(set(self.errors))
