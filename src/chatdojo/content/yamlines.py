"""YAML loading that remembers the source line of every mapping and key.

Content errors must point at a line; PyYAML's nodes carry ``start_mark`` so a
small SafeLoader subclass keeps it on the dicts it builds.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 1
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


# libyaml's parser when available (about 10x faster); marks and lines are the same.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loading with YAML 1.2 booleans: only true/false, so ``en: No`` stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


_HINT = (
    " (tip: inside {ja: ..., en: ...} quote texts that contain ':', '?', ',', '#' or brackets,"
    " or write them on their own indented lines)"
)


def yaml_tip(message: str, near: str) -> str:
    """The tip that fits a YAML error, from the message and the lines around it (ja / en)."""
    if "\u3000" in near:
        return " (全角スペースを半角スペースにしてください / replace the full-width space with a normal one)"
    if "\t" in near or "tab" in message:
        return " (タブを半角スペースにしてください / indent with spaces, not tabs)"
    if "：" in near and ("expected ':'" in message or "mapping values" in message):
        return " (キーの後ろの「：」を半角の「:」にしてください / write the key's colon as ':', not '：')"
    if "duplicate key" in message:
        return " (同じキーが2回あります。片方を消してください / the same key appears twice: remove one)"
    return _HINT


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML; lines in the result are shifted so line 1 of text is ``first_line``."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else 1
        message = exc.problem or exc.context or "invalid YAML"
        lines = text.splitlines()
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        before = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
        tip = yaml_tip(message, here + "\n" + before)
        raise YamlProblem(first_line + line - 1, f"bad YAML: {message}{tip}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, f"bad YAML: {exc}") from None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift(value, offset)


def line_of(data: Any, key: Any = None, default: int = 1) -> int:
    if isinstance(data, LineDict):
        return data.line_of(key) if key is not None else data.line
    if isinstance(data, LineList):
        return data.line_of(key) if isinstance(key, int) else data.line
    return default
