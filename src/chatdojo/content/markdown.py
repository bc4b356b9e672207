"""The one Markdown parser every content file goes through.

Raw HTML is disabled so content can never inject markup or script; front
matter, ``::: ja`` / ``::: en`` containers and ``{{ key }}`` profile
substitutions come from mdit-py-plugins, not from regex pre-processing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.substitution import substitution_plugin

from chatdojo.content.facts import tidy_spaces

LANG_CONTAINERS = ("ja", "en")
RULE_SCHEME = "rule:"
GUIDE_SCHEME = "guide:"


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(substitution_plugin)
    for lang in LANG_CONTAINERS:
        md.use(container_plugin, lang)
    md.add_render_rule("substitution_inline", _render_substitution)
    md.add_render_rule("substitution_block", _render_substitution)
    md.add_render_rule("link_open", _render_link_open)
    md.core.ruler.push("merge_repeated_citations", _merge_repeated_citations)
    return md


_SEPARATORS = ("、", ", ", ",")


def _rule_link(children: Sequence[Token], i: int) -> tuple[str, str] | None:
    """(rule id, label) when ``children[i:i+3]`` is a ``[label](rule:ID)`` link."""
    if i + 2 >= len(children):
        return None
    op, text, close = children[i], children[i + 1], children[i + 2]
    href = str(op.attrGet("href") or "") if op.type == "link_open" else ""
    if not href.startswith(RULE_SCHEME) or text.type != "text" or close.type != "link_close":
        return None
    return href[len(RULE_SCHEME) :], text.content


def _merge_repeated_citations(state: Any) -> None:
    """``[003 §3](rule:a)、[§3](rule:b)、[§3](rule:c)`` reads 「003 §3、§3、§3」: keep one link
    and carry the other rules in ``data-also``, so the guide's sources list still shows
    every point under 003 §3. A label that is not a repeat (第3号、第4号) stays a link."""
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children:
            continue
        out: list[Token] = []
        i = 0
        while i < len(children):
            first = _rule_link(children, i)
            if first is None:
                out.append(children[i])
                i += 1
                continue
            also: list[str] = []
            j = i + 3
            while j + 3 < len(children) + 1:
                sep = children[j] if j < len(children) else None
                nxt = _rule_link(children, j + 1)
                if (
                    sep is None
                    or sep.type != "text"
                    or sep.content not in _SEPARATORS
                    or nxt is None
                ):
                    break
                if not (nxt[1] == first[1] or first[1].endswith(nxt[1])):
                    break
                also.append(nxt[0])
                j += 4
            if also:
                children[i].attrSet("data-also", " ".join(also))
            out.extend(children[i : i + 3])
            i = j if also else i + 3
        block.children = out


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def _render_substitution(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    key = tokens[idx].content.strip()
    values = env.get("substitutions", {})
    value = values.get(key)
    if value is None:
        return f'<span class="cd-missing">{escape(key)}</span>'
    return f'<span class="cd-profile">{escape(str(value))}</span>'


def _render_link_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    """Turn ``rule:ID`` and ``guide:ID`` links into safe in-app references."""
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if href.startswith(RULE_SCHEME):
        rule_id = href[len(RULE_SCHEME) :]
        token.attrSet("href", f"#rule-{rule_id}")
        token.attrSet("class", "cd-rule")
        also = str(token.attrGet("data-also") or "").split()
        titles = [env.get("rule_titles", {}).get(r) for r in (rule_id, *also)]
        if any(titles):
            token.attrSet("title", "\n".join(t for t in titles if t))
    elif href.startswith(GUIDE_SCHEME):
        guide_id = href[len(GUIDE_SCHEME) :]
        token.attrSet("href", env.get("guide_url", "./{}.ipynb").format(guide_id))
        token.attrSet("class", "cd-guide")
    return self.renderToken(tokens, idx, options, env)


def render(text: str, substitutions: Mapping[str, str] | None = None, **env: Any) -> str:
    """Render Markdown from content to HTML (raw HTML in the source is escaped)."""
    md = parser()
    return md.render(tidy_spaces(text), {"substitutions": dict(substitutions or {}), **env})


def render_inline(text: str, substitutions: Mapping[str, str] | None = None, **env: Any) -> str:
    md = parser()
    return md.renderInline(tidy_spaces(text), {"substitutions": dict(substitutions or {}), **env})


def container_bodies(tokens: Sequence[Token], source: str) -> dict[str, tuple[int, str]]:
    """Return {lang: (first_line, markdown)} for each top-level ``::: ja``/``::: en`` block."""
    lines = source.splitlines(keepends=True)
    found: dict[str, tuple[int, str]] = {}
    depth = 0
    for token in tokens:
        if token.type.startswith("container_") and token.nesting == 1:
            depth += 1
            lang = token.type.removeprefix("container_").removesuffix("_open")
            if depth == 1 and token.map and lang not in found:
                start, end = token.map
                body = "".join(lines[start + 1 : end])  # map end is the closing ":::" line
                found[lang] = (start + 2, body)
        elif token.type.startswith("container_") and token.nesting == -1:
            depth -= 1
    return found


def inline_children(tokens: Sequence[Token]) -> list[tuple[int, Token]]:
    """Every inline child token with the source line (1-based) of its block."""
    out: list[tuple[int, Token]] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            line = (token.map[0] + 1) if token.map else 1
            out.extend((line, child) for child in token.children)
    return out
