"""The rule catalogue, ``data/rules.csv``: one row per rule of the source documents."""

from __future__ import annotations

import csv
import re
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
    path: str = ""  # the rules.csv it came from (a pack's or the shipped one)

    @property
    def citation(self) -> str:
        """Short citation such as ``003 §3`` or ``001 第16条``."""
        return f"{self.source} {self.article}"

    def cite(self, lang: str) -> str:
        """The citation in ``lang``: ``001 第16条第1号`` / ``001 Art. 16, item 1``."""
        if lang == "ja":
            return self.citation
        return f"{self.source} {english_citation(self.article)}"


def load_rules(path: Path, sink: ErrorSink) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        sink.add(path, 1, "rule catalogue not found")
        return rules
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:  # what Japanese Excel's plain 「CSV（コンマ区切り）」 writes
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            sink.add(
                path,
                1,
                f"not UTF-8 text ({exc.reason}): in Excel save as 「CSV UTF-8（コンマ区切り）」 "
                "/ save as 'CSV UTF-8 (Comma delimited)'",
            )
            return rules
        sink.warn(
            path,
            1,
            "read as Shift_JIS (CP932); Excel の「CSV UTF-8（コンマ区切り）」で保存すると確実です "
            "/ saving as 'CSV UTF-8' is safer",
        )
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
            path=str(path),
        )
    return rules


# Katakana item marks in the order Japanese documents use them, and their Latin letters.
KATAKANA_ITEMS = "アイウエオカキクケコサシスセソタチツテト"
_LATIN = dict(zip(KATAKANA_ITEMS, "abcdefghijklmnopqrst", strict=True))
_CIRCLED = dict(zip("①②③④⑤⑥⑦⑧⑨⑩", range(1, 11), strict=True))
_WORDS = (
    ("SNS指針", "SNS guideline"),
    ("通知 前文", "notice, preamble"),
    ("通知 問合せ先", "notice, contacts"),
    ("通知", "notice"),
    ("注記", "note"),
    ("手順", "step "),
    ("表", "table"),
    ("区分", "class "),
)


def english_citation(article: str) -> str:
    """``第16条第1号`` -> ``Art. 16, item 1``; ``別紙1 2(1)イ(ア)`` -> ``Attachment 1, 2(1)b(a)``;
    ``SNS指針 2(1)エ`` -> ``SNS guideline 2(1)d``; ``§5 手順①`` -> ``§5 step 1``."""
    text = article
    text = re.sub(r"様式第(\d+)号", r"Form No. \1", text)
    text = re.sub(r"別紙(\d+)\s*", r"Attachment \1, ", text)
    text = re.sub(
        r"第(\d+)条((?:第\d+[項号])*)",
        lambda m: (
            "Art. "
            + m.group(1)
            + re.sub(
                r"第(\d+)([項号])",
                lambda n: (", para. " if n.group(2) == "項" else ", item ") + n.group(1),
                m.group(2),
            )
        ),
        text,
    )
    for ja, en in _WORDS:
        text = text.replace(ja, en)
    text = "".join(str(_CIRCLED[ch]) if ch in _CIRCLED else ch for ch in text)
    text = re.sub(r"[(（]([ア-ト])[)）]", lambda m: f"({_LATIN[m.group(1)]})", text)
    text = re.sub(r"[ア-ト]", lambda m: _LATIN[m.group(0)], text)
    text = text.replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III").replace("・", ", ")
    return re.sub(r"\s+", " ", text).strip().rstrip(",")
