"""Field-level checks shared by every content model, reporting into an ErrorSink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import LineDict, line_of
from chatdojo.i18n import LANGS, Text


class Checker:
    """Reads typed fields out of a YAML mapping, recording a problem for each bad one."""

    def __init__(self, sink: ErrorSink, path: Path) -> None:
        self.sink = sink
        self.path = path

    def error(self, line: int, message: str) -> None:
        self.sink.add(self.path, line, message)

    def mapping(self, data: Any, what: str, line: int) -> LineDict | None:
        if not isinstance(data, LineDict):
            self.error(line, f"{what} must be a mapping of keys to values")
            return None
        return data

    def text(self, data: LineDict, key: str, *, required: bool = True) -> Text | None:
        """A bilingual text: ``{ja: ..., en: ...}``; both languages are required."""
        line = data.line_of(key)
        if key not in data:
            if required:
                self.error(data.line, f"missing '{key}' (Japanese and English text)")
            return None
        value = data[key]
        if not isinstance(value, dict):
            self.error(line, f"'{key}' must have 'ja' and 'en' texts")
            return None
        out: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                name = "English" if lang == "en" else "Japanese"
                self.error(
                    line_of(value, lang, line), f"'{key}' is missing its {name} text ({lang})"
                )
            else:
                out[lang] = item.strip()
        extra = set(value) - set(LANGS)
        if extra:
            self.error(
                line,
                f"'{key}' has unknown language(s): {', '.join(map(str, sorted(extra, key=str)))}",
            )
        return out if len(out) == len(LANGS) else None

    def string(self, data: LineDict, key: str, *, required: bool = True) -> str | None:
        if key not in data:
            if required:
                self.error(data.line, f"missing '{key}'")
            return None
        value = data[key]
        if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
            self.error(data.line_of(key), f"'{key}' must be a non-empty string")
            return None
        return str(value).strip()

    def number(
        self, data: LineDict, key: str, *, required: bool = True, minimum: float | None = None
    ) -> float | None:
        if key not in data:
            if required:
                self.error(data.line, f"missing '{key}'")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(data.line_of(key), f"'{key}' must be a number")
            return None
        if minimum is not None and value < minimum:
            self.error(data.line_of(key), f"'{key}' must be at least {minimum}")
            return None
        return float(value)

    def string_list(self, data: LineDict, key: str, *, required: bool = True) -> list[str]:
        if key not in data:
            if required:
                self.error(data.line, f"missing '{key}'")
            return []
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.error(data.line_of(key), f"'{key}' must be a list of ids")
            return []
        return [v.strip() for v in value]

    def unknown_keys(self, data: LineDict, allowed: set[str], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.error(
                    data.line_of(key),
                    f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})",
                )
