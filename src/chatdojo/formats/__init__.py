"""Question and rule exchange formats, one module per format behind a registry.

Each format module has ``NAME``, ``SUFFIXES``, ``read(path, problems, options)``
returning an ``Exchange`` and ``write(exchange, out, options)`` returning what it
could not carry. The Markdown bank stays the one source of truth: formats read
into and write from its canonical data (``chatdojo.formats.model``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from chatdojo.formats import csvfile, gift, moodle_xml, xlsx
from chatdojo.formats.messages import Problems
from chatdojo.formats.model import Exchange, Loss, Options


class Format(Protocol):
    NAME: str
    SUFFIXES: tuple[str, ...]

    def read(self, path: Path, problems: Problems, options: Options) -> Exchange: ...

    def write(self, exchange: Exchange, out: Path, options: Options) -> list[Loss]: ...


FORMATS: dict[str, Format] = {
    module.NAME: module  # type: ignore[misc]
    for module in (xlsx, csvfile, moodle_xml, gift)
}
ONE_LANGUAGE = frozenset({moodle_xml.NAME, gift.NAME})


def detect(path: Path) -> str | None:
    """The format of ``path``, told by its content first and its suffix second."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return xlsx.NAME
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<quiz"):
        return moodle_xml.NAME if moodle_xml.sniff(head) else None
    suffix = path.suffix.lower()
    if suffix in csvfile.SUFFIXES:
        return csvfile.NAME
    if gift.sniff(stripped):
        return gift.NAME
    for name, module in FORMATS.items():
        if suffix in module.SUFFIXES:
            return name
    return None


__all__ = ["FORMATS", "ONE_LANGUAGE", "Format", "detect"]
