"""What every format reads into and writes from: a bank as plain, canonical data.

A question is the dict its ```` ```question ```` block holds, in one fixed shape
(``canonical``): texts ``{ja, en}`` stripped, option ids filled in (a, b, c…),
``correct`` always a bool, empty optional keys left out. Two banks are the same
when their canonical forms are equal, so ``import(export(bank)) == bank`` is a
plain ``==``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatdojo.content.yamlines import YamlProblem, load_yaml
from chatdojo.i18n import LANGS

Data = dict[str, Any]
TYPES = ("single", "multiple", "truefalse", "matching", "ordering", "numeric")
KINDS = ("situation", "recall", "calculation")
RULE_COLUMNS = ("id", "source", "article", "topic", "summary_ja", "summary_en")
# Hostile or mistaken input stays bounded.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_QUESTIONS = 20_000
MAX_CELL = 10_000


@dataclass
class Bank:
    meta: Data
    questions: list[Data] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.meta.get("id", ""))


@dataclass
class Loss:
    """Something a format could not carry: never dropped silently."""

    where: str
    what: str
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "what": self.what, "detail": self.detail}


@dataclass
class Exchange:
    """What one file held (import) or what one export left out."""

    banks: list[Bank] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Options:
    """How to read or write: the language of one-language formats, the bank id for a
    file that names none, the rule ids known (None: not checked), profile ids."""

    lang: str = "ja"
    bank_id: str = ""
    known_rules: list[str] | None = None
    profiles: list[str] = field(default_factory=list)


def canonical_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {lang: str(value[lang]).strip() for lang in LANGS if value.get(lang) is not None}
    if isinstance(value, str):
        return value.strip()
    return value


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(question: Data) -> Data:
    """One question in the fixed shape every format compares and writes."""
    q = question
    out: Data = {"id": str(q.get("id", "")), "type": q.get("type"), "kind": q.get("kind")}
    out["rules"] = [str(r) for r in q.get("rules") or []]
    if q.get("profiles"):
        out["profiles"] = [str(p) for p in q["profiles"]]
    if q.get("when"):
        out["when"] = {str(k): str(v) for k, v in q["when"].items()}
    if q.get("policy_note") is not None:
        out["policy_note"] = canonical_text(q["policy_note"])
    out["text"] = canonical_text(q.get("text"))
    kind = q.get("type")
    if kind in ("single", "multiple"):
        out["options"] = [
            {
                "id": str(opt.get("id", chr(ord("a") + i))),
                "text": canonical_text(opt.get("text")),
                "correct": bool(opt.get("correct", False)),
                "feedback": canonical_text(opt.get("feedback")),
            }
            for i, opt in enumerate(q.get("options") or [])
        ]
    elif kind == "truefalse":
        out["answer"] = q.get("answer")
        out["feedback_true"] = canonical_text(q.get("feedback_true"))
        out["feedback_false"] = canonical_text(q.get("feedback_false"))
    elif kind == "matching":
        out["options"] = [
            {"id": str(opt.get("id", "")), "text": canonical_text(opt.get("text"))}
            for opt in q.get("options") or []
        ]
        out["pairs"] = [
            {
                "prompt": canonical_text(p.get("prompt")),
                "answer": str(p.get("answer", "")),
                "feedback": canonical_text(p.get("feedback")),
            }
            for p in q.get("pairs") or []
        ]
    elif kind == "ordering":
        out["steps"] = [{"text": canonical_text(s.get("text"))} for s in q.get("steps") or []]
    elif kind == "numeric":
        out["answer"] = _number(q.get("answer"))
        if q.get("tolerance"):
            out["tolerance"] = _number(q["tolerance"])
        if q.get("unit") is not None:
            out["unit"] = canonical_text(q["unit"])
        out["feedback_correct"] = canonical_text(q.get("feedback_correct"))
        out["feedback_wrong"] = canonical_text(q.get("feedback_wrong"))
    out["explanation"] = canonical_text(q.get("explanation"))
    return out


def canonical_meta(meta: Data) -> Data:
    out: Data = {"id": str(meta.get("id", "")), "title": canonical_text(meta.get("title"))}
    out["topic"] = str(meta.get("topic", ""))
    for key in ("guide", "draw", "pass_mark"):
        if meta.get(key) is not None and meta.get(key) != "":
            out[key] = _number(meta[key])
    if meta.get("description") is not None:
        out["description"] = canonical_text(meta["description"])
    return out


def canonical_bank(bank: Bank) -> Bank:
    return Bank(canonical_meta(bank.meta), [canonical(q) for q in bank.questions])


# --- reading a Markdown bank (the source of truth) --------------------------------


@dataclass
class BlockSpan:
    """One ```question block: its YAML and the lines it takes (0-based, end exclusive)."""

    start: int
    end: int
    data: Data


@dataclass
class MarkdownBank:
    path: Path
    lines: list[str]
    meta: Data
    meta_span: tuple[int, int]
    blocks: list[BlockSpan]

    def bank(self) -> Bank:
        return Bank(self.meta, [b.data for b in self.blocks if isinstance(b.data, dict)])


class BankReadError(ValueError):
    pass


def scan_markdown(path: Path, source: str | None = None) -> MarkdownBank:
    """Front matter and ```question blocks of a bank, with their line spans."""
    text = path.read_text(encoding="utf-8") if source is None else source
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise BankReadError(f"{path}:1: missing front matter ('---' on the first line)")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise BankReadError(f"{path}:1: front matter is not closed with '---'")
    meta = _yaml(path, "".join(lines[1:end]), 2)
    blocks: list[BlockSpan] = []
    i = end + 1
    while i < len(lines):
        if lines[i].rstrip() == "```question":
            close = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip() == "```"), None)
            if close is None:
                raise BankReadError(f"{path}:{i + 1}: ```question block is not closed")
            blocks.append(
                BlockSpan(i, close + 1, _yaml(path, "".join(lines[i + 1 : close]), i + 2))
            )
            i = close + 1
        else:
            i += 1
    return MarkdownBank(path, lines, meta, (0, end + 1), blocks)


def _yaml(path: Path, text: str, line: int) -> Data:
    try:
        data = load_yaml(text, first_line=line)
    except YamlProblem as problem:
        raise BankReadError(f"{path}:{problem.line}: YAML: {problem.message}") from None
    if not isinstance(data, dict):
        raise BankReadError(f"{path}:{line}: expected a YAML mapping")
    return data


def read_bank(path: Path) -> Bank:
    return scan_markdown(path).bank()
