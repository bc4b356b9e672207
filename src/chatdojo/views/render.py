"""HTML snippets built from content, always escaped or rendered with raw HTML disabled."""

from __future__ import annotations

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
    for rule_id in rule_ids:
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
