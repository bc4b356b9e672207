"""What the static quiz page needs, as plain JSON: texts rendered to HTML, answers, scoring.

The Python quiz engine stays the one scoring truth: the page's ``scoring.js`` scores
these fields exactly as ``chatdojo.quiz.types`` does (checked question by question in
tests/scorm/test_scoring_parity.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from chatdojo.content import markdown
from chatdojo.content.banks import QuestionBank, questions_for
from chatdojo.content.catalog import Catalog
from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import UI, Lang, Text, pick
from chatdojo.quiz.attempt import draw
from chatdojo.quiz.model import Question
from chatdojo.quiz.types import get_type
from chatdojo.views import practice
from chatdojo.views.inputs import PROMPT_KEYS
from chatdojo.views.render import citations

# Strings of the static page that the app does not have (the rest come from chatdojo.i18n).
PAGE_TEXT: dict[str, Text] = {
    "not_recorded": {
        "ja": "LMS に接続していないため、この画面の結果は記録されません（練習としてご利用ください）。",
        "en": "No LMS is connected, so results on this page are not recorded (use it as practice).",
    },
    "recorded": {
        "ja": "結果は LMS に記録されます。",
        "en": "Your results are recorded in the LMS.",
    },
    "lms_error": {
        "ja": "LMS への記録に失敗しました（エラー {code}）。研修の担当者に知らせてください。",
        "en": "The LMS did not accept the results (error {code}). Please tell your trainer.",
    },
    "session_closed": {
        "ja": "結果は LMS に記録しました。やり直した結果は記録されません（記録するには開き直してください）。",
        "en": "Your result is recorded in the LMS. Further tries are not recorded (reopen the module to record one).",
    },
    "site_kept": {
        "ja": "結果はこのブラウザーだけに保存されます（修了の一覧は「修了の記録」ページで印刷できます）。",
        "en": "Results are kept in this browser only (print them from the completion page).",
    },
    "sent": {
        "ja": "結果を研修サーバーの記録に送りました。",
        "en": "Your result was sent to your record on the training server.",
    },
    "not_sent": {
        "ja": "結果を研修サーバーに送れませんでした（{code}）。再開コードを確かめてください。",
        "en": "The result could not be sent to the training server ({code}). Check your resume code.",
    },
    "resumed": {
        "ja": "前回の続きから再開しました。",
        "en": "Resumed where you left off.",
    },
    "practice": practice.TEXT["practice"],
    "practice_badge": practice.TEXT["practice_badge"],
}
UI_KEYS = [
    "guide",
    "quiz",
    "question_n_of_m",
    "check",
    "next",
    "finish",
    "correct",
    "partly",
    "wrong",
    "explanation",
    "rules",
    "score",
    "passed",
    "failed",
    "pass_mark",
    "review",
    "retry_missed",
    "restart",
    "your_answer",
    "right_answer",
    "no_answer",
    "choose_one",
    "choose_all",
    "true",
    "false",
    "match_prompt",
    "order_prompt",
    "position",
    "numeric_prompt",
    "select",
    "answer_required",
    "all_correct",
    "empty_module",
    "move_up",
    "move_down",
    "policy_note",
]
SCORM_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "truefalse": "true-false",
    "matching": "matching",
    "ordering": "sequencing",
    "numeric": "numeric",
}


class ExportError(ValueError):
    """A module cannot be exported as asked (unknown module, profile, count...)."""


@dataclass(frozen=True)
class QuizPlan:
    bank: QuestionBank
    questions: list[Question]
    profile_id: str
    lang: Lang


def scorm_id(question: Question) -> str:
    """A CMIIdentifier (letters, digits, '-' and '_'; no spaces) for ``cmi.interactions.n.id``."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", question.id)[:255] or "q"


def require_profile(catalog: Catalog, profile_id: str) -> None:
    """Refuse an organization profile the catalogue does not have, naming those it has."""
    if profile_id not in catalog.profiles:
        known = ", ".join(sorted(catalog.profiles))
        raise ExportError(
            f"プロファイル {profile_id} はありません（あるもの: {known}）/ "
            f"unknown profile '{profile_id}' (known: {known})"
        )


def plan(
    catalog: Catalog,
    module: str,
    *,
    profile_id: str = DEFAULT_PROFILE,
    lang: Lang = "ja",
    count: int | None = None,
    seed: int = 0,
) -> QuizPlan:
    """The module's bank and the questions the package carries, in their order."""
    guide = catalog.guides.get(module)
    if guide is None:
        known = ", ".join(sorted(catalog.guides))
        raise ExportError(
            f"モジュール {module} はありません（あるもの: {known}）/ "
            f"unknown module '{module}' (known: {known})"
        )
    require_profile(catalog, profile_id)
    if not guide.shown_to(profile_id):
        only = ", ".join(guide.profiles)
        raise ExportError(
            f"モジュール {module} は {only} 限定です: --profile {guide.profiles[0]} / "
            f"module '{module}' is limited to {only}: --profile {guide.profiles[0]}"
        )
    bank = catalog.banks.get(guide.quiz or "")
    if bank is None:
        raise ExportError(
            f"モジュール {module} には書き出すクイズがありません / "
            f"module '{module}' has no quiz to export"
        )
    if count is not None and not 1 <= count <= 200:
        raise ExportError(
            f"--count は 1〜200 にしてください（指定: {count}）/ "
            f"--count must be between 1 and 200 (got {count})"
        )
    pool = questions_for(bank, catalog.profile(profile_id))
    if not pool:
        raise ExportError(
            f"モジュール {module} には {profile_id} 向けの問題がありません / "
            f"module '{module}' has no question under profile '{profile_id}'"
        )
    n = count if count is not None else bank.draw
    return QuizPlan(bank, draw(pool, n, seed), profile_id, lang)


def rule_titles(catalog: Catalog, lang: str) -> dict[str, str]:
    """Hover titles of rule links, as the app's views.render.md builds them."""
    return {r.id: f"{r.cite(lang)}: {pick(r.summary, lang)}" for r in catalog.rules.values()}


def md(text: Text | str | None, lang: str, subs: dict[str, str], titles: dict[str, str]) -> str:
    """Markdown to HTML exactly as views.render.md, with the rule titles built once per page
    (views.render.md rebuilds them on every call: 14 s for the site instead of 0.2 s)."""
    return markdown.render(pick(text, lang), subs, rule_titles=titles, guide_url="#{}")


def question_json(
    q: Question,
    lang: str,
    subs: dict[str, str],
    catalog: Catalog,
    titles: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One question as the page's script reads it (HTML already escaped or rendered)."""
    qtype = get_type(q.type)
    titles = rule_titles(catalog, lang) if titles is None else titles

    def html(text: Text | None) -> str | None:
        return md(text, lang, subs, titles) if text else None

    out: dict[str, Any] = {
        "id": q.id,
        "sid": scorm_id(q),
        "type": q.type,
        "scormType": SCORM_TYPES[q.type],
        "html": html(q.text),
        "note": pick(q.policy_note, lang) if q.policy_note else "",
        "prompt": PROMPT_KEYS[q.type],
        "choices": [
            {
                "id": c.id,
                "label": pick(c.text, lang),
                "correct": c.correct,
                "fb": html(c.feedback),
            }
            for c in q.choices
        ],
        "pairs": [
            {"id": p.id, "label": pick(p.prompt, lang), "answer": p.answer, "fb": html(p.feedback)}
            for p in q.pairs
        ],
        "explanation": html(q.explanation) or "",
        "rules": citations(q.rules, catalog, lang),
        "right": qtype.describe(q, qtype.correct_answer(q), lang),
    }
    if q.type == "numeric":
        out["number"] = q.number
        out["tolerance"] = q.tolerance
        out["unit"] = pick(q.unit, lang)
        out["fbRight"] = html(q.extra["feedback_correct"])
        out["fbWrong"] = html(q.extra["feedback_wrong"])
    return out


def page_data(
    catalog: Catalog, quiz: QuizPlan, *, mastery: float | None, guide_html: str
) -> dict[str, Any]:
    """Everything the page shows and scores, for one language and one profile."""
    lang = quiz.lang
    profile = catalog.profile(quiz.profile_id)
    subs = profile.substitutions(lang) if profile else {}
    titles = rule_titles(catalog, lang)
    ui = {key: pick(UI[key], lang) for key in UI_KEYS}
    ui.update({key: pick(text, lang) for key, text in PAGE_TEXT.items()})
    return {
        "v": 1,
        "module": quiz.bank.guide,
        "lang": lang,
        "profile": quiz.profile_id,
        "bankTitle": pick(quiz.bank.title, lang),
        "passMark": quiz.bank.pass_mark,
        "mastery": mastery,
        "ui": ui,
        "guideHtml": guide_html,
        "questions": [question_json(q, lang, subs, catalog, titles) for q in quiz.questions],
    }
