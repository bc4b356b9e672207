"""Plain text from a content text, for places that cannot hold HTML (buttons, map labels).

Walks the markdown-it tokens, so ``{{ fact }}`` becomes the profile's value
and Markdown marks disappear, with no regex guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from chatdojo.content import markdown
from chatdojo.content.facts import tidy_spaces

_TEXT_CHILDREN = {"text", "code_inline", "html_inline"}
_BREAKS = {"softbreak", "hardbreak"}


def plain(text: str, substitutions: Mapping[str, str] | None = None) -> str:
    subs = substitutions or {}
    parts: list[str] = []
    for token in markdown.parse(tidy_spaces(text)):
        if token.type == "substitution_block":
            key = token.content.strip()
            parts.append(subs.get(key, key))
        elif token.type == "inline":
            for child in token.children or ():
                if child.type in _TEXT_CHILDREN:
                    parts.append(child.content)
                elif child.type == "substitution_inline":
                    key = child.content.strip()
                    parts.append(subs.get(key, key))
                elif child.type in _BREAKS:
                    parts.append(" ")
            parts.append(" ")
    return " ".join("".join(parts).split())


def width(text: str) -> int:
    """Display width in half-width cells (a Japanese character counts two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, cells: int) -> str:
    """Cut ``text`` to ``cells`` display cells, ending with '…' when cut."""
    if width(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"
