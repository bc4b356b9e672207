"""Cross-references inside Markdown: ``rule:`` and ``guide:`` links, ``{{ fact }}`` keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it.token import Token

from chatdojo.content import markdown


@dataclass(frozen=True)
class Reference:
    kind: str  # "rule", "guide", "fact" or "url"
    target: str
    line: int


def references_in_tokens(tokens: Iterable[Token], base_line: int = 1) -> list[Reference]:
    refs: list[Reference] = []
    for token in tokens:
        line = base_line + (token.map[0] if token.map else 0)
        if token.type == "substitution_block":
            refs.append(Reference("fact", token.content.strip(), line))
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type == "substitution_inline":
                refs.append(Reference("fact", child.content.strip(), line))
            elif child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if href.startswith(markdown.RULE_SCHEME):
                    refs.append(Reference("rule", href[len(markdown.RULE_SCHEME) :], line))
                elif href.startswith(markdown.GUIDE_SCHEME):
                    refs.append(Reference("guide", href[len(markdown.GUIDE_SCHEME) :], line))
                else:
                    refs.append(Reference("url", href, line))
    return refs


def references_in_text(text: str, line: int) -> list[Reference]:
    """References in one YAML text value; all are reported at the value's line."""
    return [Reference(r.kind, r.target, line) for r in references_in_tokens(markdown.parse(text))]
