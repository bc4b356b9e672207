"""The empty authoring template: one example bank with one question of each type."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from chatdojo.formats import xlsx
from chatdojo.formats.model import Bank, Exchange, Options


def _t(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


RULE = "town-1-01"
EXAMPLE_RULES = [
    {"id": RULE, "source": "town", "article": "第1条", "topic": "chat-etiquette",
     "summary_ja": "業務の連絡は組織が認めたチャットで行う",
     "summary_en": "Use the chat the organization approved for work messages"},
]  # fmt: skip

_FB_OK = _t("正解です。", "Correct.")
EXAMPLES: list[dict[str, object]] = [
    {"id": "example-001", "type": "single", "kind": "situation", "rules": [RULE], "policy_note": "source",
     "text": _t("同僚に会議の資料を送ります。どうしますか。", "You send meeting papers to a colleague. What do you do?"),
     "options": [
         {"text": _t("組織のチャットで送る", "Send them in the organization's chat"), "correct": True,
          "feedback": _t("正解です。認められた道具を使います。", "Correct: use the approved tool.")},
         {"text": _t("私用の SNS で送る", "Send them on a private social app"),
          "feedback": _t("私用の SNS は業務に使いません。", "Private apps are not for work.")}],
     "explanation": _t("業務の連絡は認められたチャットで行います。", "Work messages go through the approved chat.")},
    {"id": "example-002", "type": "multiple", "kind": "situation", "rules": [RULE], "policy_note": "source",
     "text": _t("チャットで送ってよいものをすべて選んでください。", "Choose everything you may send in chat."),
     "options": [
         {"text": _t("会議の日程", "A meeting date"), "correct": True, "feedback": _FB_OK},
         {"text": _t("資料の置き場所", "Where the papers are kept"), "correct": True, "feedback": _FB_OK},
         {"text": _t("自宅の鍵の暗証番号", "Your home door code"),
          "feedback": _t("私的な秘密は送りません。", "Do not send private secrets.")}],
     "explanation": _t("業務の情報を送ります。", "Send work information.")},
    {"id": "example-003", "type": "truefalse", "kind": "recall", "rules": [RULE], "policy_note": "source",
     "text": _t("業務の連絡に私用のアプリを使ってよい。", "You may use a private app for work messages."),
     "answer": False,
     "feedback_true": _t("認められたチャットを使います。", "Use the approved chat."),
     "feedback_false": _t("そのとおりです。", "That's right."),
     "explanation": _t("業務には組織のチャットを使います。", "Use the organization's chat for work.")},
    {"id": "example-004", "type": "matching", "kind": "situation", "rules": [RULE], "policy_note": "source",
     "text": _t("場面に合う連絡手段を選んでください。", "Match each situation with a channel."),
     "options": [{"id": "chat", "text": _t("チャット", "Chat")},
                 {"id": "phone", "text": _t("電話", "Phone")}],
     "pairs": [
         {"prompt": _t("急がない確認", "A check that can wait"), "answer": "chat",
          "feedback": _t("急がない用件はチャットで。", "Use chat when it can wait.")},
         {"prompt": _t("今すぐの対応", "Something needed right now"), "answer": "phone",
          "feedback": _t("急ぎは電話で。", "Phone when it is urgent.")}],
     "explanation": _t("急ぎかどうかで選びます。", "Choose by urgency.")},
    {"id": "example-005", "type": "ordering", "kind": "situation", "rules": [RULE], "policy_note": "source",
     "text": _t("端末をなくしたときの順に並べてください。", "Put the steps after losing a device in order."),
     "steps": [{"text": _t("上司に知らせる", "Tell your manager")},
               {"text": _t("担当課に届ける", "Report to the responsible division")},
               {"text": _t("指示に従う", "Follow their instructions")}],
     "explanation": _t("まず知らせ、届け、指示に従います。", "Tell, report, then follow instructions.")},
    {"id": "example-006", "type": "numeric", "kind": "calculation", "rules": [RULE], "policy_note": "source",
     "text": _t("10 人に 12 枚ずつ配る資料をやめると何枚減りますか。",
                "How many sheets are saved by not handing 12 sheets to each of 10 people?"),
     "answer": 120, "unit": _t("枚", "sheets"),
     "feedback_correct": _t("正解です。10 × 12 = 120 枚。", "Correct: 10 × 12 = 120 sheets."),
     "feedback_wrong": _t("人数 × 枚数で求めます。", "Multiply people by sheets."),
     "explanation": _t("10 × 12 = 120 枚です。", "10 × 12 = 120 sheets.")},
]  # fmt: skip


def example_bank() -> Bank:
    meta = {
        "id": "example-bank",
        "title": _t("町のチャット", "Our town's chat"),
        "topic": "town-chat",
    }
    return Bank(meta, [dict(q) for q in EXAMPLES])


def write_template(out: Path, profiles: Sequence[str] = ()) -> None:
    exchange = Exchange(banks=[example_bank()], rules=[dict(r) for r in EXAMPLE_RULES])
    xlsx.write(exchange, out, Options(profiles=list(profiles)))
