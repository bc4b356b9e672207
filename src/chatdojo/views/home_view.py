"""The start page: every module with a one-line description, in the learner's language."""

from __future__ import annotations

import logging
from html import escape
from urllib.parse import urlencode

import ipywidgets as w

from chatdojo.i18n import pick
from chatdojo.modules import all_modules
from chatdojo.views.learner_hook import cookie_code, keeping_card
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
PASSED = {"ja": "合格済み", "en": "Passed"}
TRIED = {"ja": "最高 {score:.0%}・未合格", "en": "Best {score:.0%}, not passed yet"}
DOWNLOADS = {
    "ja": "各モジュールを SCORM 1.2 で所属の LMS に登録でき（得点と合否は LMS に記録）、"
    "閉域網では全モジュールを静的サイトとして普通の Web サーバーに置けます（結果は各ブラウザーに保存）。",
    "en": "Put a module into your LMS as a SCORM 1.2 zip (the LMS records score and pass), "
    "or every module as a static site on any plain web server in a closed network "
    "(results kept in each browser).",
}
FOR_TRAINERS = {
    "ja": "研修担当の方へ：LMS・閉域網で使う",
    "en": "For trainers: use in an LMS or a closed network",
}
EXPORT = "/chatdojo/export"  # served by chatdojo.scorm.web in the server process
SITE_LINK = {"ja": "閉域網版の静的サイト（zip）", "en": "Static site for a closed network (zip)"}
WELCOME = {
    "ja": "{name} さんの学習記録：{done} / {total} モジュール合格",
    "en": "{name}: {done} of {total} modules passed",
}


def learner_progress(page: Page) -> tuple[str, dict[str, object]] | None:
    """(name, progress per module) of the learner named in the URL; None without one.

    The database is touched only when a learner code is present, and a database
    problem never breaks the home page.
    """
    code = page.learner or cookie_code()  # the URL's code, else the learner cookie
    if not code:
        return None
    try:
        from chatdojo.store.db import shared_store
        from chatdojo.store.learners import progress, resume

        store = shared_store()
        learner = resume(store, code)
        if learner is None:
            return None
        return learner.display_name, dict(progress(store, learner.id))
    except Exception:
        logging.getLogger("chatdojo").exception("could not read learner progress")
        return None


def downloads(page: Page, modules: list) -> str:
    """Trainers' downloads (served by chatdojo.scorm.web): a SCORM zip per module, the site."""
    lang, profile = page.lang, page.profile_id
    query = urlencode({"profile": profile, "lang": lang})
    links = "".join(
        f'<li><a href="{EXPORT}/scorm/{escape(m.id)}.zip?{escape(query)}" download>'
        f"{escape(pick(m.title, lang))} (SCORM 1.2)</a></li>"
        for m in modules
        if m.kind == "topic"
    )
    site = f"{EXPORT}/site.zip?{urlencode({'profile': profile})}"
    return (
        f'<details class="cd-card cd-downloads"><summary>{escape(FOR_TRAINERS[lang])}</summary>'
        f'<p class="cd-note">{escape(DOWNLOADS[lang])}</p><ul>{links}</ul>'
        f'<p><a href="{escape(site)}" download>{escape(SITE_LINK[lang])}</a></p></details>'
    )


def home(page: Page | None = None) -> w.Widget:
    page = page or Page.from_request()
    body = w.HTML(layout=w.Layout(width="100%"))

    mine = learner_progress(page)

    def render() -> None:
        lang = page.lang
        profile = page.profile
        modules = all_modules(page.catalog, profile=profile)
        parts = [f"<p>{escape(INTRO[lang])}</p>"]
        status: dict[str, object] = mine[1] if mine else {}
        if mine is not None:
            topics = [m for m in modules if m.kind == "topic"]
            done = sum(1 for m in topics if getattr(status.get(m.id), "passed", False))
            welcome = WELCOME[lang].format(name=mine[0], done=done, total=len(topics))
            parts.append(f'<p class="cd-feedback" role="status">{escape(welcome)}</p>')
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
                badge = ""
                state = status.get(module.id)
                if state is not None and getattr(state, "passed", False):
                    badge = f'<div class="cd-badge cd-correct">✓ {escape(PASSED[lang])}</div>'
                elif state is not None:
                    best = float(getattr(state, "best_score", 0.0))
                    badge = f'<div class="cd-badge">{escape(TRIED[lang].format(score=best))}</div>'
                parts.append(
                    f'<div class="cd-card cd-module" data-module="{escape(module.id)}">'
                    f'<a href="{href}">{escape(pick(module.title, lang))}</a>{badge}'
                    f'<div class="cd-note">{escape(pick(module.summary, lang))}</div></div>'
                )
        parts.append(downloads(page, modules))
        body.value = "".join(parts)

    page.on_change(render)
    render()
    errors = page.content_errors()
    kept = keeping_card(page)  # whose results are kept, or one tap to keep them
    children = [page.header(show_profile=True), *([errors] if errors else []), kept, body]
    return app_frame(*children)
