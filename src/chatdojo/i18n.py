"""Languages and the user-interface strings of the apps (Japanese first).

Every table of interface strings is a :class:`Strings`: ``key -> {"ja": …, "en": …}``
with ``{placeholders}`` filled by :func:`tr`. The tables are data, one YAML file each in
``chatdojo/strings/`` (``Strings.load("room")`` reads ``strings/room.yml``), so a
translator edits text without touching code. Each table registers itself by name, so
``tests/test_i18n.py`` can check all of them for both languages and matching fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.resources import files
from string import Formatter
from typing import Any, Literal

import yaml

# English month names, whatever the server's locale (calendar.month_name follows it).
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"
Text = dict[str, str]


def pick(text: Text | str | None, lang: str) -> str:
    """The text in ``lang``, falling back to Japanese (the primary language)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()), "")


def normalize_lang(value: str | None) -> Lang:
    return "en" if (value or "").lower().startswith("en") else "ja"


class Strings(dict[str, Text]):
    """One named table of bilingual interface strings, registered in :data:`TABLES`.

    A plain ``dict`` underneath, so ``table[key]``, ``key in table`` and ``pick`` keep working.
    """

    def __init__(self, name: str, entries: Mapping[str, Text]) -> None:
        super().__init__(entries)
        self.name = name
        TABLES[name] = self

    def tr(self, key: str, lang: str, **fmt: object) -> str:
        """The string ``key`` in ``lang`` (Japanese when missing), fields filled from ``fmt``."""
        return tr(self, key, lang, **fmt)

    @classmethod
    def load(cls, name: str) -> Strings:
        """The table in ``chatdojo/strings/NAME.yml``, registered under ``name``."""
        source = files("chatdojo") / "strings" / f"{name}.yml"
        try:
            data = yaml.load(source.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506
        except ValueError as exc:
            raise ValueError(f"strings/{name}.yml:{exc}") from None
        if not isinstance(data, dict):
            raise ValueError(f"strings/{name}.yml: expected key: {{ja: ..., en: ...}} entries")
        return cls(name, data)


class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses a key given twice (YAML would keep the last silently)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                mark = key_node.start_mark
                raise ValueError(f"{mark.line + 1}: key {key!r} given twice; keep one")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


TABLES: dict[str, Strings] = {}


def tr(table: Mapping[str, Text], key: str, lang: str, **fmt: object) -> str:
    """The string ``key`` of ``table`` in ``lang``, with its ``{fields}`` filled from ``fmt``."""
    text = pick(table[key], lang)
    return text.format(**fmt) if fmt else text


def fields(text: str) -> set[str]:
    """The names of the ``{fields}`` a string expects (``{n}`` and ``{n:,}`` both give ``n``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(text) if name}


UI = Strings.load("ui")


def translator(table: Mapping[str, Text]) -> Callable[..., str]:
    """``tr`` bound to one table (kept for callers not yet moved to ``Strings.tr``)."""

    def translate(key: str, lang: str, **fmt: object) -> str:
        return tr(table, key, lang, **fmt)

    return translate


ui = UI.tr
