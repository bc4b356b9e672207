"""The situation quiz content, ``data/advisor_situations.md``.

Front matter (``id``, ``title``, optional ``intro``), then one fenced
```` ```situation ```` YAML block per situation::

    id: sit-01
    text: {ja: ..., en: ...}
    flags: {external: true}        # Situation fields; the rest are false
    rules: [003-2-02]              # what the situation practises
    expected: mail                 # optional: what the advisor must answer
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from chatdojo.advisor.situation import FLAG_NAMES, Situation
from chatdojo.advisor.table import METHOD_IDS
from chatdojo.content.checker import Checker
from chatdojo.content.document import read_document
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text

DEFAULT_PATH = Path("data") / "advisor_situations.md"
BLOCK_KEYS = {"id", "text", "flags", "rules", "expected"}
META_KEYS = {"id", "title", "intro"}


@dataclass(frozen=True)
class SituationItem:
    id: str
    text: Text
    flags: dict[str, bool]
    rules: tuple[str, ...]
    expected: str | None
    line: int

    def situation(self, profile: str) -> Situation:
        return Situation.from_flags(self.flags, profile=profile)


@dataclass(frozen=True)
class SituationSet:
    id: str
    title: Text
    intro: Text | None
    items: tuple[SituationItem, ...]
    path: Path


def _flags(chk: Checker, block: LineDict, line: int) -> dict[str, bool] | None:
    raw = block.get("flags", {})
    if raw in (None, {}):
        return {}
    data = chk.mapping(raw, "'flags'", block.line_of("flags"))
    if data is None:
        return None
    flags: dict[str, bool] = {}
    for key, value in data.items():
        if key not in FLAG_NAMES:
            chk.error(data.line_of(key), f"unknown flag '{key}' (allowed: {', '.join(FLAG_NAMES)})")
        elif not isinstance(value, bool):
            chk.error(data.line_of(key), f"flag '{key}' must be true or false")
        else:
            flags[str(key)] = value
    return flags if len(flags) == len(data) else None


def load_situations(
    path: Path, sink: ErrorSink, rules: Mapping[str, object] | None = None
) -> SituationSet | None:
    """Parse and check the file; every problem goes to ``sink`` as ``path:line: message``."""
    doc = read_document(path, sink, block_kinds=("situation",))
    if doc is None:
        return None
    chk = Checker(sink, path)
    meta = doc.meta
    set_id = title = intro = None
    if meta is not None:
        chk.unknown_keys(meta, META_KEYS, "the front matter")
        set_id = chk.string(meta, "id")
        title = chk.text(meta, "title")
        intro = chk.text(meta, "intro", required=False)
    items: list[SituationItem] = []
    seen: dict[str, int] = {}
    for block in doc.blocks:
        data = block.data
        chk.unknown_keys(data, BLOCK_KEYS, "a situation")
        item_id = chk.string(data, "id")
        text = chk.text(data, "text")
        flags = _flags(chk, data, block.line)
        rule_ids = chk.string_list(data, "rules")
        if "rules" in data and not rule_ids:
            chk.error(data.line_of("rules"), "'rules' must name at least one rule")
        for rule_id in rule_ids:
            if rules is not None and rule_id not in rules:
                chk.error(
                    data.line_of("rules"), f"unknown rule id '{rule_id}' (not in data/rules.csv)"
                )
        expected = chk.string(data, "expected", required=False)
        if expected is not None and expected not in METHOD_IDS:
            chk.error(
                data.line_of("expected"), f"'expected' must be one of: {', '.join(METHOD_IDS)}"
            )
            expected = None
        if item_id is not None:
            if item_id in seen:
                chk.error(
                    block.line,
                    f"duplicate situation id '{item_id}' (first on line {seen[item_id]})",
                )
                continue
            seen[item_id] = block.line
        if item_id is None or text is None or flags is None or not rule_ids:
            continue
        items.append(SituationItem(item_id, text, flags, tuple(rule_ids), expected, block.line))
    if not any(
        t.type == "fence" and t.info.split(" ", 1)[0].strip() == "situation" for t in doc.tokens
    ):
        sink.add(path, 1, "no ```situation blocks found")
    if set_id is None or title is None:
        return None
    return SituationSet(set_id, title, intro, tuple(items), path)


def read_situations(
    root: Path | None = None, rules: Mapping[str, object] | None = None
) -> tuple[SituationSet | None, ErrorSink]:
    """The repository's situations and the problems found while reading them."""
    from chatdojo.content.catalog import default_root

    root = root or default_root()
    sink = ErrorSink(root)
    return load_situations(root / DEFAULT_PATH, sink, rules), sink
