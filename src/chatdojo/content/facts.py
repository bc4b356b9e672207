"""Filling ``{{ key }}`` with an organization profile's facts and notes.

Every field of a question (text, options, feedback, explanation, units…) and every
scenario text goes through the same substitution, so no placeholder can reach a
learner raw. In Japanese no half-width space is left around a filled fact: the
space between a fact and a neighbouring Japanese character is dropped (the space
between a fact and Latin text stays). English is left as written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from chatdojo.content.profiles import Profile
from chatdojo.i18n import LANGS, Text

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
# Half-width spaces between a placeholder and a non-ASCII character on the other side.
_SPACE_BEFORE = re.compile(r"(?<=[^\x00-\x7f])[ \t]+(?=\{\{)")
_SPACE_AFTER = re.compile(r"(?<=\}\})[ \t]+(?=[^\x00-\x7f])")
_EMPHASIZED = re.compile(r"(\*\*|__|\*|_)(\{\{[^{}]*\}\})\1")


def _unwrap_emphasis(text: str) -> str:
    """``**{{ fact }}**`` next to Japanese loses its ``**``: without the spaces around it,
    CommonMark would not read the marks as emphasis and would show them."""
    out, last = [], 0
    for match in _EMPHASIZED.finditer(text):
        before = text[: match.start()].rstrip(" \t")[-1:]
        after = text[match.end() :].lstrip(" \t")[:1]
        if any(ch and not ch.isascii() for ch in (before, after)):
            out += [text[last : match.start()], match.group(2)]
            last = match.end()
    return "".join(out) + text[last:]


def tidy_spaces(text: str) -> str:
    """Drop half-width spaces between a ``{{ fact }}`` and Japanese text around it."""
    if "{{" not in text:
        return text
    text = _unwrap_emphasis(text)
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every known ``{{ key }}`` replaced; unknown ones stay (the check reports them)."""
    if "{{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1))
        return match.group(0) if found is None else found

    return PLACEHOLDER.sub(value, tidy_spaces(text))


def fill_text(text: Text, profile: Profile | None) -> Text:
    if profile is None:
        return text
    return {lang: fill(value, profile.substitutions(lang)) for lang, value in text.items()}


_LANG_SET = frozenset(LANGS)
_LEAVES = (str, int, float, bool, type(None), Path)


def _is_text(value: object) -> bool:
    return (
        type(value) is dict
        and bool(value)
        and value.keys() <= _LANG_SET
        and all(type(v) is str for v in value.values())
    )


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def fill_any(value: Any, profile: Profile | None) -> Any:
    """A copy of ``value`` (a Text, dataclass, tuple, list or dict of them) with facts filled."""
    if profile is None:
        return value
    if _is_text(value):
        return fill_text(value, profile)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: fill_any(getattr(value, f.name), profile)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(fill_any(v, profile) for v in value)
    if isinstance(value, list):
        return [fill_any(v, profile) for v in value]
    if isinstance(value, dict):
        return {k: fill_any(v, profile) for k, v in value.items()}
    return value


def texts_in(value: Any, where: str = "") -> Iterator[tuple[str, Text]]:
    """Every bilingual text inside ``value``, with a dotted path naming its field."""
    if isinstance(value, _LEAVES):
        return
    if _is_text(value):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            yield from texts_in(getattr(value, name), f"{where}.{name}" if where else name)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from texts_in(item, f"{where}[{index + 1}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, f"{where}.{key}".lstrip("."))


def unfilled(value: Any, profiles: Iterable[Profile]) -> Iterator[tuple[str, str, str]]:
    """``(field, profile id, leftover)`` for each ``{{`` or ``}}`` a profile would leave."""
    profiles = list(profiles)
    subs: dict[tuple[str, str], dict[str, str]] = {
        (p.id, lang): p.substitutions(lang) for p in profiles for lang in LANGS
    }
    for where, text in texts_in(value):
        if not any("{{" in raw or "}}" in raw for raw in text.values()):
            continue
        for profile in profiles:
            for lang, raw in text.items():
                filled = fill(raw, subs[(profile.id, lang)])
                if "{{" in filled or "}}" in filled:
                    match = PLACEHOLDER.search(filled)
                    leftover = match.group(0) if match else "{{ or }}"
                    yield f"{where}.{lang}", profile.id, leftover
