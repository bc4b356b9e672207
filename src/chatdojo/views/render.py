"""HTML snippets built from content, always escaped or rendered with raw HTML disabled."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from chatdojo.content import markdown
from chatdojo.content.catalog import Catalog
from chatdojo.i18n import Text, pick, ui


def md(
    text: Text | str | None,
    lang: str,
    substitutions: dict[str, str],
    catalog: Catalog | None = None,
    guide_url: str = "./{}.ipynb",
) -> str:
    titles = {}
    if catalog is not None:
        titles = {r.id: f"{r.cite(lang)}: {pick(r.summary, lang)}" for r in catalog.rules.values()}
    return markdown.render(pick(text, lang), substitutions, rule_titles=titles, guide_url=guide_url)


def citations(rule_ids: Iterable[str], catalog: Catalog, lang: str) -> str:
    """'Based on: 003 §2 — summary' lines for the rules a question checks."""
    items = []
    for rule_id in dict.fromkeys(rule_ids):  # a rule named twice is listed once
        rule = catalog.rules.get(rule_id)
        if rule is None:
            items.append(f"<li>{escape(rule_id)}</li>")
        else:
            items.append(
                f'<li id="rule-{escape(rule.id)}"><strong>{escape(rule.cite(lang))}</strong> '
                f"{escape(pick(rule.summary, lang))}</li>"
            )
    return (
        f'<div class="cd-note"><strong>{escape(ui("rules", lang))}</strong>'
        f"<ul>{''.join(items)}</ul></div>"
    )


_RULE_HREF = re.compile(
    r'href="#rule-([A-Za-z0-9_.-]{1,80})"(?:[^>]*?data-also="([A-Za-z0-9_. -]{1,800})")?'
)


def cited_rules(html: str) -> list[str]:
    """The rule ids our rendered Markdown links to (``href="#rule-ID"``, and the repeats
    folded into it, ``data-also``), first seen first."""
    found: list[str] = []
    for rule_id, also in _RULE_HREF.findall(html):
        found += [rule_id, *also.split()]
    return list(dict.fromkeys(found))


def reference_list(rule_ids: Iterable[str], catalog: Catalog, lang: str) -> str:
    """The guide's sources, one entry per citation (``003 §3`` once, its points under it).

    Each point carries ``id="rule-ID"``, the anchor the guide's inline links go to, so every
    citation link lands somewhere; unknown ids are left out (the content check names them).
    """
    groups: dict[str, list[str]] = {}
    for rule_id in dict.fromkeys(rule_ids):
        rule = catalog.rules.get(rule_id)
        if rule is None:
            continue
        groups.setdefault(rule.cite(lang), []).append(
            f'<li id="rule-{escape(rule.id)}" tabindex="-1">{escape(pick(rule.summary, lang))}</li>'
        )
    if not groups:
        return ""
    items = "".join(
        f"<li><strong>{escape(cite)}</strong><ul>{''.join(points)}</ul></li>"
        for cite, points in groups.items()
    )
    return (
        f'<section class="cd-references" aria-labelledby="cd-references-h">'
        f'<h2 id="cd-references-h">{escape(ui("sources", lang))}</h2><ul>{items}</ul></section>'
    )
