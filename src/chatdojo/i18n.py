"""Languages and the user-interface strings of the apps (Japanese first).

Every table of interface strings is a :class:`Strings`: ``key -> {"ja": …, "en": …}``
with ``{placeholders}`` filled by :func:`tr`. Each table registers itself by name, so
``tests/test_i18n.py`` can check all of them for both languages and matching fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from string import Formatter
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"
Text = dict[str, str]


def pick(text: Text | str | None, lang: str) -> str:
    """The text in ``lang``, falling back to Japanese (the primary language)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()), "")


def normalize_lang(value: str | None) -> Lang:
    return "en" if (value or "").lower().startswith("en") else "ja"


class Strings(dict[str, Text]):
    """One named table of bilingual interface strings, registered in :data:`TABLES`.

    A plain ``dict`` underneath, so ``table[key]``, ``key in table`` and ``pick`` keep working.
    """

    def __init__(self, name: str, entries: Mapping[str, Text]) -> None:
        super().__init__(entries)
        self.name = name
        TABLES[name] = self

    def tr(self, key: str, lang: str, **fmt: object) -> str:
        """The string ``key`` in ``lang`` (Japanese when missing), fields filled from ``fmt``."""
        return tr(self, key, lang, **fmt)


TABLES: dict[str, Strings] = {}


def tr(table: Mapping[str, Text], key: str, lang: str, **fmt: object) -> str:
    """The string ``key`` of ``table`` in ``lang``, with its ``{fields}`` filled from ``fmt``."""
    text = pick(table[key], lang)
    return text.format(**fmt) if fmt else text


def fields(text: str) -> set[str]:
    """The names of the ``{fields}`` a string expects (``{n}`` and ``{n:,}`` both give ``n``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(text) if name}


UI = Strings(
    "ui",
    {
        "app_title": {"ja": "ChatDojo 業務チャット研修", "en": "ChatDojo business-chat training"},
        "language": {"ja": "言語", "en": "Language"},
        "profile": {"ja": "組織の規程", "en": "Organization rules"},
        "home": {"ja": "ホーム", "en": "Home"},
        "modules": {"ja": "学習モジュール", "en": "Modules"},
        "open": {"ja": "開く", "en": "Open"},
        "guide": {"ja": "ガイド", "en": "Guide"},
        "quiz": {"ja": "確認テスト", "en": "Self-check quiz"},
        "question_n_of_m": {"ja": "問題 {n} / {m}", "en": "Question {n} of {m}"},
        "check": {"ja": "回答する", "en": "Check answer"},
        "next": {"ja": "次へ", "en": "Next"},
        "finish": {"ja": "結果を見る", "en": "See results"},
        "correct": {"ja": "正解", "en": "Correct"},
        "partly": {"ja": "一部正解", "en": "Partly correct"},
        "wrong": {"ja": "不正解", "en": "Not quite"},
        "explanation": {"ja": "解説", "en": "Explanation"},
        "rules": {"ja": "根拠", "en": "Based on"},
        "score": {"ja": "得点", "en": "Score"},
        "passed": {"ja": "合格です", "en": "Passed"},
        "failed": {"ja": "合格点に届きませんでした", "en": "Not passed yet"},
        "pass_mark": {"ja": "合格点", "en": "Pass mark"},
        "review": {"ja": "振り返り", "en": "Review"},
        "retry_missed": {"ja": "間違えた問題だけ再挑戦", "en": "Retry only what I missed"},
        "restart": {"ja": "最初からやり直す", "en": "Start again"},
        "your_answer": {"ja": "あなたの回答", "en": "Your answer"},
        "right_answer": {"ja": "正答", "en": "Correct answer"},
        "no_answer": {"ja": "未回答", "en": "No answer"},
        "choose_one": {"ja": "1つ選んでください", "en": "Choose one"},
        "choose_all": {"ja": "当てはまるものをすべて選んでください", "en": "Choose all that apply"},
        "true": {"ja": "正しい", "en": "True"},
        "false": {"ja": "誤り", "en": "False"},
        "match_prompt": {"ja": "それぞれに合うものを選んでください", "en": "Match each item"},
        "order_prompt": {"ja": "正しい順に並べてください", "en": "Put the steps in order"},
        "position": {"ja": "{n}番目", "en": "Step {n}"},
        "numeric_prompt": {"ja": "数値を入力してください", "en": "Enter a number"},
        "select": {"ja": "選択してください", "en": "Select"},
        "answer_required": {"ja": "回答を選んでから押してください", "en": "Please answer first"},
        "all_correct": {
            "ja": "全問正解です。見直す問題はありません。",
            "en": "All correct: nothing to retry.",
        },
        "content_problem": {
            "ja": "教材ファイルに問題があります（管理者に連絡してください）",
            "en": "A content file has a problem (please tell the trainer)",
        },
        "empty_module": {
            "ja": "このモジュールにはまだ問題がありません。",
            "en": "This module has no questions yet.",
        },
        "move_up": {"ja": "上へ", "en": "Up"},
        "move_down": {"ja": "下へ", "en": "Down"},
        "move_item_up": {"ja": "{n}番目「{item}」を1つ上へ", "en": "Move {n}. “{item}” up"},
        "move_item_down": {"ja": "{n}番目「{item}」を1つ下へ", "en": "Move {n}. “{item}” down"},
        "numeric_label": {"ja": "答え（数値）", "en": "Answer (number)"},
        "numeric_example": {"ja": "例：12", "en": "e.g. 12"},
        "policy_note": {"ja": "この問題の前提となる規程", "en": "This question assumes"},
    },
)


def translator(table: Mapping[str, Text]) -> Callable[..., str]:
    """``tr`` bound to one table (kept for callers not yet moved to ``Strings.tr``)."""

    def translate(key: str, lang: str, **fmt: object) -> str:
        return tr(table, key, lang, **fmt)

    return translate


ui = UI.tr
