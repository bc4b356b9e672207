"""Organization policies as data: ``data/policies.yml`` in the content root and in packs.

Each policy has a bilingual label and an ordered list of allowed values, each with a
bilingual label; the first value is what the advisor assumes when no organization is
chosen. A pack's ``data/policies.yml`` may add a value to a known policy or a whole new
policy; it may not relabel what another layer declared (that would change its meaning
for every organization).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.checker import Checker
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import LineDict, YamlProblem, load_yaml
from chatdojo.i18n import Text

POLICIES_FILE = Path("data") / "policies.yml"
NOT_SPECIFIED = "not_specified"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class Policy:
    key: str
    label: Text
    values: dict[str, Text]  # in order; the first is the neutral assumption
    path: Path
    line: int

    @property
    def default(self) -> str:
        return next(iter(self.values))


def load_policies(paths: list[Path], sink: ErrorSink) -> dict[str, Policy]:
    """Merge the policy files of every layer (shipped content first, then packs)."""
    out: dict[str, Policy] = {}
    for path in paths:
        if path.is_file():
            _load_one(path, sink, out)
    return out


def _load_one(path: Path, sink: ErrorSink, out: dict[str, Policy]) -> None:
    chk = Checker(sink, path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"))
    except YamlProblem as problem:
        sink.add(path, problem.line, problem.message)
        return
    except (OSError, UnicodeDecodeError) as exc:
        sink.add(path, 1, f"cannot read the policy list: {exc} (save it as UTF-8)")
        return
    if data is None:
        return
    data = chk.mapping(data, "the policy list", 1)
    if data is None:
        return
    for key, raw in data.items():
        line = data.line_of(key)
        if not isinstance(key, str) or not _NAME.match(key):
            chk.error(line, f"policy name '{key}' must be lower-case letters, digits and _")
            continue
        item = chk.mapping(raw, f"policy '{key}'", line)
        if item is None:
            continue
        chk.unknown_keys(item, {"label", "values"}, f"policy '{key}'")
        values = _values(chk, item, key)
        known = out.get(key)
        if known is None:
            label = chk.text(item, "label")
            if label is None or not values:
                if not values:
                    chk.error(line, f"policy '{key}' needs at least one value under 'values'")
                continue
            out[key] = Policy(key, label, values, path, line)
            continue
        added = dict(known.values)
        for value, text in values.items():
            if value in added and added[value] != text:
                chk.error(
                    line,
                    f"policy '{key}' value '{value}' is already labelled in "
                    f"{sink.display(known.path)}:{known.line}; add new values only",
                )
            added.setdefault(value, text)
        out[key] = Policy(key, known.label, added, known.path, known.line)


def _values(chk: Checker, item: LineDict, key: str) -> dict[str, Text]:
    raw = chk.mapping(item.get("values"), f"'values' of policy '{key}'", item.line_of("values"))
    values: dict[str, Text] = {}
    for value in raw or {}:
        assert raw is not None
        if not isinstance(value, str) or not _NAME.match(value):
            chk.error(
                raw.line_of(value), f"value '{value}' must be lower-case letters, digits and _"
            )
            continue
        text = chk.text(raw, value)
        if text is not None:
            values[value] = text
    return values


def allowed(policies: Mapping[str, Policy], key: str) -> tuple[str, ...]:
    policy = policies.get(key)
    return tuple(policy.values) if policy else ()
