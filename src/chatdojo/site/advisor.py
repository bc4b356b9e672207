"""The communication-method advisor for the static site.

The advisor asks eight yes/no questions, so it has 256 answers per language and profile.
They are all computed here by the app's own engine and view (``recommend`` and
``AdvisorView.recommendation_html``) and embedded; the page only looks its answer up, so
the static advisor cannot disagree with the app.
"""

from __future__ import annotations

from html import escape
from typing import Any

from chatdojo.advisor.situation import FLAG_NAMES, QUESTIONS, Situation
from chatdojo.content.catalog import Catalog
from chatdojo.i18n import Lang, pick
from chatdojo.views.advisor_view import TEXT, AdvisorView, table_html
from chatdojo.views.page import Page


def advisor_data(catalog: Catalog, lang: Lang, profile_id: str) -> dict[str, Any]:
    """Every answer (by bit mask of the flags, in FLAG_NAMES order) as HTML, deduplicated."""
    view = AdvisorView(Page(catalog, lang=lang, profile_id=profile_id))
    results: list[str] = []
    seen: dict[str, int] = {}
    index: list[int] = []
    for mask in range(1 << len(FLAG_NAMES)):
        flags = {name: bool(mask >> bit & 1) for bit, name in enumerate(FLAG_NAMES)}
        rec = view.advise(Situation.from_flags(flags, profile=profile_id))
        html = view.recommendation_html(rec, lang)
        if html not in seen:
            seen[html] = len(results)
            results.append(html)
        index.append(seen[html])
    return {"flags": list(FLAG_NAMES), "results": results, "index": index}


def advisor_body(catalog: Catalog, lang: Lang, profile_id: str) -> str:
    """The questions (yes/no radios, "no" first checked) and the comparison table."""
    yes, no = TEXT.tr("yes", lang), TEXT.tr("no", lang)
    rows = []
    for flag in FLAG_NAMES:
        question = escape(pick(QUESTIONS[flag], lang))
        rows.append(
            f'<fieldset class="cd-flag"><legend>{question}</legend><div class="cd-choices">'
            f'<label class="cd-option"><input type="radio" name="{flag}" value="1"> {escape(yes)}</label>'
            f'<label class="cd-option"><input type="radio" name="{flag}" value="0" checked> '
            f"{escape(no)}</label></div></fieldset>"
        )
    view = AdvisorView(Page(catalog, lang=lang, profile_id=profile_id))
    return (
        f"<h1>{escape(TEXT.tr('title', lang))}</h1><p>{escape(TEXT.tr('intro', lang))}</p>"
        f'<form id="cd-advisor">{"".join(rows)}'
        f'<button type="reset" class="cd-button">{escape(TEXT.tr("reset", lang))}</button></form>'
        '<div id="cd-advice" role="status" aria-live="polite"></div>'
        f"{table_html(view.methods, lang) if view.methods else ''}"
    )
