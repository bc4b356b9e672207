"""The spreadsheet layout shared by xlsx and CSV: one row per bank, question and part.

Rows of the ``questions`` sheet, top to bottom:

- ``bank``: a question bank (id, title ja/en, topic, guide, draw, pass_mark);
- ``question``: id, type, kind, rules, profiles, when, text, explanation, policy note,
  and for ``truefalse`` / ``numeric`` the answer and its two feedbacks;
- ``option`` (single, multiple): text, ○ when correct, feedback;
- ``target`` and ``pair`` (matching): the targets (with ids), then each prompt with the
  target id it matches and its feedback;
- ``step`` (ordering): the steps in the right order.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from chatdojo.cellsafety import is_risky
from chatdojo.formats.messages import Problems
from chatdojo.formats.model import KINDS, MAX_CELL, MAX_QUESTIONS, TYPES, Bank, Data, canonical

# (key, Japanese header, English header)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("row", "行の種類", "row kind"),
    ("id", "ID", "id"),
    ("type", "問題の形式", "question type"),
    ("kind", "問題の種別", "kind"),
    ("rules", "規程ID（,区切り）", "rule ids"),
    ("profiles", "対象プロファイル", "profiles"),
    ("when", "条件（方針: 値; …）", "when"),
    ("ja", "日本語", "Japanese"),
    ("en", "英語", "English"),
    ("correct", "正解", "answer"),
    ("tolerance", "許容誤差", "tolerance"),
    ("feedback_ja", "フィードバック（日本語）", "feedback (ja)"),
    ("feedback_en", "フィードバック（英語）", "feedback (en)"),
    ("feedback2_ja", "不正解のフィードバック（日本語）", "wrong-answer feedback (ja)"),
    ("feedback2_en", "不正解のフィードバック（英語）", "wrong-answer feedback (en)"),
    ("explanation_ja", "解説（日本語）", "explanation (ja)"),
    ("explanation_en", "解説（英語）", "explanation (en)"),
    ("policy_note_ja", "注記（日本語）", "policy note (ja)"),
    ("policy_note_en", "注記（英語）", "policy note (en)"),
    ("unit_ja", "単位（日本語）", "unit (ja)"),
    ("unit_en", "単位（英語）", "unit (en)"),
    ("topic", "トピック", "topic"),
    ("guide", "ガイド", "guide"),
    ("draw", "出題数", "draw"),
    ("pass_mark", "合格ライン", "pass mark"),
)
KEYS = tuple(c[0] for c in COLUMNS)
BANK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # a file name: no path, no dots
ROW_KINDS = ("bank", "question", "option", "target", "pair", "step")
ROW_ALIASES = {
    "問題集": "bank", "問題": "question", "選択肢": "option", "対象": "target",
    "組み合わせ": "pair", "手順": "step",
}  # fmt: skip
TRUE_WORDS = {"○", "◯", "true", "t", "1", "正", "yes", "〇", "o"}
FALSE_WORDS = {"×", "✕", "false", "f", "0", "誤", "no", "x", ""}
RULE_COLUMNS_HEADER = ("id", "source", "article", "topic", "summary_ja", "summary_en")


def header_row() -> list[str]:
    """``key 日本語``: the key (what is read) then a Japanese label (for the author)."""
    return [f"{key} {ja}" for key, ja, _en in COLUMNS]


def header_key(cell: Any) -> str:
    text = str(cell or "").strip()
    return text.split(maxsplit=1)[0].lower() if text else ""


# --- writing -------------------------------------------------------------------


def _t(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang, ""))
    return "" if value is None else str(value)


def _row(**cells: Any) -> list[Any]:
    return [cells.get(key, "") for key in KEYS]


def bank_rows(bank: Bank) -> list[list[Any]]:
    m = bank.meta
    rows = [
        _row(
            row="bank", id=m.get("id", ""), ja=_t(m.get("title"), "ja"),
            en=_t(m.get("title"), "en"), topic=m.get("topic", ""), guide=m.get("guide") or "",
            draw=m.get("draw") if m.get("draw") is not None else "",
            pass_mark=m.get("pass_mark") if m.get("pass_mark") is not None else "",
        )
    ]  # fmt: skip
    for raw in bank.questions:
        rows.extend(question_rows(canonical(raw)))
    return rows


def question_rows(q: Data) -> list[list[Any]]:
    note = q.get("policy_note")
    head: dict[str, Any] = {
        "row": "question", "id": q["id"], "type": q["type"], "kind": q.get("kind") or "",
        "rules": ", ".join(q["rules"]), "profiles": ", ".join(q.get("profiles", [])),
        "when": "; ".join(f"{k}: {v}" for k, v in q.get("when", {}).items()),
        "ja": _t(q["text"], "ja"), "en": _t(q["text"], "en"),
        "explanation_ja": _t(q["explanation"], "ja"), "explanation_en": _t(q["explanation"], "en"),
        "policy_note_ja": _t(note, "ja"), "policy_note_en": _t(note, "en") if note != "source" else "",
    }  # fmt: skip
    rows: list[list[Any]] = []
    if q["type"] == "truefalse":
        head["correct"] = "TRUE" if q["answer"] else "FALSE"
        head.update(_fb(q["feedback_true"], "feedback"), **_fb(q["feedback_false"], "feedback2"))
    elif q["type"] == "numeric":
        head["correct"] = q["answer"]
        head["tolerance"] = q.get("tolerance", "")
        head["unit_ja"], head["unit_en"] = _t(q.get("unit"), "ja"), _t(q.get("unit"), "en")
        head.update(_fb(q["feedback_correct"], "feedback"), **_fb(q["feedback_wrong"], "feedback2"))
    rows.append(_row(**head))
    if q["type"] in ("single", "multiple"):
        for opt in q["options"]:
            rows.append(
                _row(row="option", id=opt["id"], ja=_t(opt["text"], "ja"), en=_t(opt["text"], "en"),
                     correct="○" if opt["correct"] else "", **_fb(opt["feedback"], "feedback"))
            )  # fmt: skip
    elif q["type"] == "matching":
        for opt in q["options"]:
            rows.append(_row(row="target", id=opt["id"], ja=_t(opt["text"], "ja"),
                             en=_t(opt["text"], "en")))  # fmt: skip
        for pair in q["pairs"]:
            rows.append(_row(row="pair", ja=_t(pair["prompt"], "ja"), en=_t(pair["prompt"], "en"),
                             correct=pair["answer"], **_fb(pair["feedback"], "feedback")))  # fmt: skip
    elif q["type"] == "ordering":
        for step in q["steps"]:
            rows.append(_row(row="step", ja=_t(step["text"], "ja"), en=_t(step["text"], "en")))
    return rows


def _fb(text: Any, prefix: str) -> dict[str, str]:
    return {f"{prefix}_ja": _t(text, "ja"), f"{prefix}_en": _t(text, "en")}


# --- reading -------------------------------------------------------------------


class RowReader:
    """Turns sheet rows into banks, reporting each problem at its cell."""

    def __init__(
        self,
        problems: Problems,
        locate: Callable[[int, str], str],
        known_rules: Sequence[str] | None,
    ) -> None:
        self.problems = problems
        self.locate = locate  # (row number, column key) -> "file!sheet!C12"
        self.known_rules = set(known_rules) if known_rules is not None else None
        self.sorted_rules = sorted(self.known_rules or ())
        self.banks: list[Bank] = []
        self.ids: dict[str, str] = {}
        self.question: Data | None = None
        self.count = 0

    def err(self, rownum: int, key: str, msg: str, **values: Any) -> None:
        self.problems.add(self.locate(rownum, key), msg, **values)

    def read(self, rows: Iterable[tuple[int, dict[str, Any]]]) -> list[Bank]:
        for rownum, cells in rows:
            values = {k: _clean(v) for k, v in cells.items()}
            if not any(values.values()):
                continue
            for key, value in values.items():
                if len(value) > MAX_CELL:
                    self.err(rownum, key, "too_long", size=len(value), limit=MAX_CELL)
                    values[key] = value[:MAX_CELL]
            self.row(rownum, values)
        if not self.banks and not self.problems.items:
            self.err(2, "row", "no_bank")
        return self.banks

    def row(self, n: int, v: dict[str, str]) -> None:
        kind = ROW_ALIASES.get(v.get("row", ""), v.get("row", "").lower())
        if self.symbols(n, "row", v.get("row", "")):
            return
        if kind not in ROW_KINDS:
            self.err(
                n, "row", "unknown_value", value=v.get("row", ""), allowed=", ".join(ROW_KINDS)
            )
            return
        if kind == "bank":
            self.bank_row(n, v)
            return
        if not self.banks:
            self.err(n, "row", "orphan", row=kind, parent="bank")
            return
        if kind == "question":
            self.question_row(n, v)
            return
        q = self.question
        parent = {"option": "single/multiple", "target": "matching", "pair": "matching",
                  "step": "ordering"}[kind]  # fmt: skip
        allowed = {"option": ("single", "multiple"), "target": ("matching",),
                   "pair": ("matching",), "step": ("ordering",)}[kind]  # fmt: skip
        if q is None or q.get("type") not in allowed:
            self.err(n, "row", "orphan", row=kind, parent=f"question ({parent})")
            return
        text = self.text(n, v, "ja", "en")
        if kind == "option":
            opts = q.setdefault("options", [])
            opt_id = v.get("id") or chr(ord("a") + len(opts))
            self.symbols(n, "id", opt_id)
            opts.append({"id": opt_id, "text": text, "correct": self.flag(n, v.get("correct", "")),
                         "feedback": self.text(n, v, "feedback_ja", "feedback_en")})  # fmt: skip
        elif kind == "target":
            if not v.get("id"):
                self.err(n, "id", "missing", column="id", hint=_HINT_TARGET[self.problems.lang])
            self.symbols(n, "id", v.get("id", ""))
            q.setdefault("options", []).append({"id": v.get("id", ""), "text": text})
        elif kind == "pair":
            ids = [o["id"] for o in q.get("options", [])]
            answer = v.get("correct", "")
            if answer not in ids:
                self.err(n, "correct", "unknown_value", value=answer, allowed=", ".join(ids) or "-")
            q.setdefault("pairs", []).append(
                {
                    "prompt": text,
                    "answer": answer,
                    "feedback": self.text(n, v, "feedback_ja", "feedback_en"),
                }  # fmt: skip
            )
        else:
            q.setdefault("steps", []).append({"text": text})

    def bank_row(self, n: int, v: dict[str, str]) -> None:
        if not v.get("id"):
            self.err(n, "id", "missing", column="id", hint=_HINT_BANK[self.problems.lang])
        elif not self.symbols(n, "id", v["id"]) and not BANK_ID.fullmatch(v["id"]):
            self.err(n, "id", "bad_bank_id", value=v["id"])
        meta: Data = {"id": v.get("id", ""), "title": self.text(n, v, "ja", "en"),
                      "topic": v.get("topic") or v.get("id", "")}  # fmt: skip
        if v.get("guide"):
            meta["guide"] = v["guide"]
        if v.get("draw"):
            meta["draw"] = self.number(n, "draw", v["draw"])
        if v.get("pass_mark"):
            meta["pass_mark"] = self.number(n, "pass_mark", v["pass_mark"])
        self.banks.append(Bank(meta, []))
        self.question = None

    def question_row(self, n: int, v: dict[str, str]) -> None:
        self.count += 1
        if self.count > MAX_QUESTIONS:
            if self.count == MAX_QUESTIONS + 1:
                self.err(n, "row", "too_many", limit=MAX_QUESTIONS)
            return
        qid = v.get("id", "")
        if not qid:
            self.err(n, "id", "missing", column="id", hint=_HINT_ID[self.problems.lang])
        elif not self.symbols(n, "id", qid):
            if qid in self.ids:
                self.err(n, "id", "duplicate_id", value=qid, other=self.ids[qid])
            self.ids[qid] = self.locate(n, "id")
        qtype = v.get("type", "")
        if not self.symbols(n, "type", qtype) and qtype not in TYPES:
            self.err(n, "type", "unknown_value", value=qtype, allowed=", ".join(TYPES))
        kind = v.get("kind", "")
        if not self.symbols(n, "kind", kind) and kind not in KINDS:
            self.err(n, "kind", "unknown_value", value=kind, allowed=", ".join(KINDS))
        q: Data = {
            "id": qid,
            "type": qtype,
            "kind": kind,
            "rules": self.rules(n, v.get("rules", "")),
        }
        profiles = self.split(n, "profiles", v.get("profiles", ""))
        if profiles:
            q["profiles"] = profiles
        if v.get("when"):
            q["when"] = self.when(n, v["when"])
        if v.get("policy_note_ja") == "source" and not v.get("policy_note_en"):
            q["policy_note"] = "source"
        elif v.get("policy_note_ja") or v.get("policy_note_en"):
            q["policy_note"] = self.text(n, v, "policy_note_ja", "policy_note_en")
        q["text"] = self.text(n, v, "ja", "en")
        q["explanation"] = self.text(n, v, "explanation_ja", "explanation_en")
        if qtype == "truefalse":
            q["answer"] = self.flag(n, v.get("correct", ""), required=True)
            q["feedback_true"] = self.text(n, v, "feedback_ja", "feedback_en")
            q["feedback_false"] = self.text(n, v, "feedback2_ja", "feedback2_en")
        elif qtype == "numeric":
            q["answer"] = self.number(n, "correct", v.get("correct", ""))
            if v.get("tolerance"):
                q["tolerance"] = self.number(n, "tolerance", v["tolerance"])
            if v.get("unit_ja") or v.get("unit_en"):
                q["unit"] = self.text(n, v, "unit_ja", "unit_en")
            q["feedback_correct"] = self.text(n, v, "feedback_ja", "feedback_en")
            q["feedback_wrong"] = self.text(n, v, "feedback2_ja", "feedback2_en")
        self.banks[-1].questions.append(q)
        self.question = q
        self.question_row_at = n

    # -- cells --

    def text(self, n: int, v: dict[str, str], ja: str, en: str) -> dict[str, str]:
        if not v.get(ja):
            self.err(n, ja, "missing_ja", column=ja)
        elif not v.get(en):
            self.err(n, en, "missing_en", column=en)
        return {"ja": v.get(ja, ""), "en": v.get(en, "")}

    def symbols(self, n: int, key: str, value: str) -> bool:
        """An id-like cell: report full-width spaces, commas and colons; True if any."""
        if "\u3000" in value:
            self.err(n, key, "fullwidth_space", value=value)
            return True
        for char in ("，", "、"):
            if char in value:
                self.err(n, key, "fullwidth_comma", char=char, value=value)
                return True
        if "：" in value:
            self.err(n, key, "fullwidth_colon", value=value)
            return True
        return False

    def split(self, n: int, key: str, value: str) -> list[str]:
        if self.symbols(n, key, value):
            return []
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]

    def rules(self, n: int, value: str) -> list[str]:
        if not value.strip():
            self.err(n, "rules", "no_rule")
            return []
        rules = self.split(n, "rules", value)
        if self.known_rules is not None:
            for rule in rules:
                if rule not in self.known_rules:
                    near = difflib.get_close_matches(rule, self.sorted_rules, n=3, cutoff=0.5)
                    self.err(n, "rules", "unknown_rule", value=rule, near=", ".join(near) or "-")
        return rules

    def when(self, n: int, value: str) -> dict[str, str]:
        if self.symbols(n, "when", value):
            return {}
        out: dict[str, str] = {}
        for part in value.replace("\n", ";").split(";"):
            if not part.strip():
                continue
            key, sep, val = part.partition(":")
            if not sep or not key.strip() or not val.strip():
                self.err(n, "when", "bad_when", value=value)
                return {}
            out[key.strip()] = val.strip()
        return out

    def flag(self, n: int, value: str, required: bool = False) -> bool:
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS and (word or not required):
            return False
        self.err(n, "correct", "not_bool", value=value)
        return False

    def number(self, n: int, key: str, value: str) -> int | float:
        text = value.strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            self.err(n, key, "not_number", value=value)
            return 0
        return int(number) if number.is_integer() and "." not in text else number


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return undefuse(unicodedata.normalize("NFC", text).strip(" \t\n"))


def undefuse(text: str) -> str:
    """Drop the apostrophe a CSV export put before text that looks like a formula."""
    return text[1:] if text.startswith("'") and is_risky(text[1:]) else text


_HINT_ID = {
    "ja": "問題の ID を書いてください（例: ai-001）",
    "en": "Give the question an id (e.g. ai-001)",
}
_HINT_BANK = {"ja": "問題集の ID を書いてください（例: aisho-logochat）",
              "en": "Give the bank an id (e.g. aisho-logochat)"}  # fmt: skip
_HINT_TARGET = {"ja": "組み合わせの対象には ID が必要です（例: chat）",
                "en": "A matching target needs an id (e.g. chat)"}  # fmt: skip
