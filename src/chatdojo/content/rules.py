"""The rule catalogue, ``data/rules.csv``: one row per rule of the source documents."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.errors import ErrorSink
from chatdojo.i18n import Text

RULE_COLUMNS = ("id", "source", "article", "topic", "summary_ja", "summary_en")


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    article: str
    topic: str
    summary: Text
    line: int

    @property
    def citation(self) -> str:
        """Short citation such as ``003 §3`` or ``001 第16条``."""
        return f"{self.source} {self.article}"


def load_rules(path: Path, sink: ErrorSink) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        sink.add(path, 1, "rule catalogue not found")
        return rules
    except UnicodeDecodeError as exc:
        sink.add(path, 1, f"not UTF-8 text ({exc.reason})")
        return rules
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != RULE_COLUMNS:
        sink.add(path, 1, f"header must be: {','.join(RULE_COLUMNS)}")
        return rules
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(RULE_COLUMNS):
            sink.add(path, line, f"expected {len(RULE_COLUMNS)} columns, found {len(row)}")
            continue
        values = dict(zip(RULE_COLUMNS, (cell.strip() for cell in row), strict=True))
        for column, value in values.items():
            if not value:
                sink.add(path, line, f"column '{column}' is empty")
        if not all(values.values()):
            continue
        if values["id"] in rules:
            sink.add(
                path,
                line,
                f"duplicate rule id '{values['id']}' (first on line {rules[values['id']].line})",
            )
            continue
        rules[values["id"]] = Rule(
            id=values["id"],
            source=values["source"],
            article=values["article"],
            topic=values["topic"],
            summary={"ja": values["summary_ja"], "en": values["summary_en"]},
            line=line,
        )
    return rules
