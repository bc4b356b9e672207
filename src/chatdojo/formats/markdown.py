"""Writing banks back as Markdown, the one source of truth.

A new bank is written whole: front matter, a title heading, one ```question
block per question. An existing bank is updated in place: a question whose
canonical form is unchanged keeps its block byte for byte, a changed one gets a
new block where the old one was, a new one is added at the end; questions the
import did not hold are kept (and reported). When nothing differs the file is
not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chatdojo.formats.model import (
    Bank,
    Data,
    canonical,
    canonical_meta,
    scan_markdown,
)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter when available (about 10x faster than PyYAML's own)."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, str | int | float) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(str, _str)


def dump(data: Data) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000, indent=2
    )


def question_yaml(question: Data) -> str:
    """The block body: canonical, with default option ids and ``correct: false`` left out."""
    q = canonical(question)
    if q["type"] in ("single", "multiple"):
        opts = []
        for i, opt in enumerate(q["options"]):
            item: Data = {}
            if opt["id"] != chr(ord("a") + i):
                item["id"] = opt["id"]
            item["text"] = opt["text"]
            if opt["correct"]:
                item["correct"] = True
            item["feedback"] = opt["feedback"]
            opts.append(item)
        q["options"] = opts
    return dump(q)


def block(question: Data) -> str:
    return "```question\n" + question_yaml(question) + "```\n"


def bank_markdown(bank: Bank) -> str:
    meta = canonical_meta(bank.meta)
    title = meta.get("title") or {}
    heading = " / ".join(str(title[k]) for k in ("ja", "en") if title.get(k))
    parts = ["---\n", dump(meta), "---\n\n"]
    if heading:
        parts.append(f"# {heading}\n\n")
    parts.append("\n".join(block(q) for q in bank.questions))
    return "".join(parts)


@dataclass
class WriteResult:
    path: Path
    status: str  # "created" | "updated" | "unchanged"
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def merge_text(path: Path, bank: Bank) -> tuple[str | None, WriteResult]:
    """The new text of ``path`` for ``bank`` (None: nothing to change)."""
    if not path.exists():
        ids = [str(q.get("id")) for q in bank.questions]
        return bank_markdown(bank), WriteResult(path, "created", added=ids)
    old = scan_markdown(path)
    result = WriteResult(path, "unchanged")
    lines = list(old.lines)
    new_meta = canonical_meta(bank.meta)
    replacements: dict[int, tuple[int, str]] = {}
    if canonical_meta(old.meta) != new_meta:
        replacements[old.meta_span[0]] = (old.meta_span[1], "---\n" + dump(new_meta) + "---\n")
    incoming = {str(q.get("id")): q for q in bank.questions}
    seen: set[str] = set()
    for span in old.blocks:
        qid = str(span.data.get("id"))
        seen.add(qid)
        if qid not in incoming:
            result.kept.append(qid)
            continue
        if canonical(span.data) != canonical(incoming[qid]):
            replacements[span.start] = (span.end, block(incoming[qid]))
            result.changed.append(qid)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replacements:
            end, text = replacements[i]
            out.append(text)
            i = end
        else:
            out.append(lines[i])
            i += 1
    added = [q for qid, q in incoming.items() if qid not in seen]
    for q in added:
        if out and not out[-1].endswith("\n"):
            out.append("\n")
        out.append("\n" + block(q))
        result.added.append(str(q.get("id")))
    if not replacements and not added:
        return None, result
    result.status = "updated"
    return "".join(out), result
