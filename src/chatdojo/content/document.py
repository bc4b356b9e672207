"""One content file: its front matter, its fenced YAML blocks and its Markdown body.

Structured items (questions, scenario steps) are fenced blocks whose info
string names the kind, e.g. a fence opened with ```` ```question ````. The
fence's ``.map`` gives the line each YAML block starts on, so every problem is
reported at its real line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from chatdojo.content import markdown
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import LineDict, YamlProblem, load_yaml


@dataclass
class Block:
    kind: str
    line: int
    data: Any


@dataclass
class Document:
    path: Path
    source: str
    tokens: list[Token]
    meta: LineDict | None
    blocks: list[Block] = field(default_factory=list)


def read_document(
    path: Path, sink: ErrorSink, block_kinds: tuple[str, ...] = ()
) -> Document | None:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        sink.add(path, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    except OSError as exc:
        sink.add(path, 1, f"cannot read file: {exc.strerror}")
        return None
    tokens = markdown.parse(source)
    doc = Document(path=path, source=source, tokens=tokens, meta=None)

    front = next((t for t in tokens if t.type == "front_matter"), None)
    if front is None:
        sink.add(path, 1, "missing YAML front matter (a '---' block at the top)")
    else:
        try:
            meta = load_yaml(front.content, first_line=2)
        except YamlProblem as problem:
            sink.add(path, problem.line, f"front matter: {problem.message}")
        else:
            if isinstance(meta, LineDict):
                doc.meta = meta
            else:
                sink.add(path, 1, "front matter must be a mapping of keys to values")

    for token in tokens:
        if token.type != "fence":
            continue
        kind = token.info.strip().split(" ", 1)[0]
        if kind not in block_kinds:
            continue
        first_line = (token.map[0] + 2) if token.map else 1
        try:
            data = load_yaml(token.content, first_line=first_line)
        except YamlProblem as problem:
            sink.add(path, problem.line, f"{kind}: {problem.message}")
            continue
        if not isinstance(data, LineDict):
            sink.add(path, first_line - 1, f"{kind} block must be a mapping of keys to values")
            continue
        doc.blocks.append(Block(kind=kind, line=first_line - 1, data=data))
    return doc
