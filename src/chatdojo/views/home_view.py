"""The start page: every module with a one-line description, in the learner's language."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from chatdojo.i18n import pick
from chatdojo.modules import all_modules
from chatdojo.views.page import Page, app_frame

INTRO = {
    "ja": "業務チャット・グループウェア・クラウドを規程どおりに使うための研修です。"
    "ガイドを読み、確認テストで理解を確かめましょう。",
    "en": "Training on using business chat, groupware and cloud systems by the rules. "
    "Read a guide, then check yourself with its quiz.",
}
EMPTY = {
    "ja": "まだモジュールがありません。guidance/ にガイドを追加してください。",
    "en": "No modules yet. Add a guide to guidance/.",
}
TOPICS = {"ja": "テーマ別ガイドと確認テスト", "en": "Guides and quizzes by topic"}
TOOLS = {"ja": "ツール", "en": "Tools"}


def home(page: Page | None = None) -> w.Widget:
    page = page or Page.from_request()
    body = w.HTML(layout=w.Layout(width="100%"))

    def render() -> None:
        lang = page.lang
        modules = all_modules(page.catalog)
        profile = page.profile
        parts = [f"<p>{escape(INTRO[lang])}</p>"]
        if profile is not None:
            parts.append(f'<p class="cd-note">{escape(pick(profile.description, lang))}</p>')
        if not modules:
            parts.append(f"<p>{escape(EMPTY[lang])}</p>")
        for kind, heading in (("topic", TOPICS), ("tool", TOOLS)):
            group = [m for m in modules if m.kind == kind]
            if not group:
                continue
            parts.append(f"<h2>{escape(heading[lang])}</h2>")
            for module in group:
                href = escape(page.link(module.notebook))
                parts.append(
                    f'<div class="cd-card cd-module" data-module="{escape(module.id)}">'
                    f'<a href="{href}">{escape(pick(module.title, lang))}</a>'
                    f'<div class="cd-note">{escape(pick(module.summary, lang))}</div></div>'
                )
        body.value = "".join(parts)

    page.on_change(render)
    render()
    errors = page.content_errors()
    children = [page.header(show_profile=True), *([errors] if errors else []), body]
    return app_frame(*children)
