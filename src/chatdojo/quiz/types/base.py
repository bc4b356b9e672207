"""What a question type must provide; each type is one small module."""

from __future__ import annotations

from typing import Any, Protocol

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text
from chatdojo.quiz.model import AnswerError, Choice, Question


class QuestionType(Protocol):
    name: str
    label: Text
    keys: frozenset[str]

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        """Type-specific fields for ``Question(**fields)``; None when broken."""

    def normalize(self, question: Question, raw: Any) -> Any:
        """Check a raw answer (from a browser, so untrusted); raise AnswerError."""

    def score(self, question: Question, answer: Any) -> float: ...

    def feedback(self, question: Question, answer: Any) -> tuple[Text, ...]: ...

    def correct_answer(self, question: Question) -> Any: ...

    def describe(self, question: Question, answer: Any, lang: str) -> str: ...


def parse_choices(data: LineDict, chk: Checker, key: str = "options") -> tuple[Choice, ...] | None:
    """Options with text, correctness and per-option feedback, ids a, b, c… by default."""
    raw = data.get(key)
    if not isinstance(raw, list) or len(raw) < 2:
        chk.error(data.line_of(key), f"'{key}' must list at least two options")
        return None
    choices: list[Choice] = []
    seen: set[str] = set()
    ok = True
    for index, item in enumerate(raw):
        line = raw.line_of(index) if hasattr(raw, "line_of") else data.line
        opt = chk.mapping(item, "an option", line)
        if opt is None:
            ok = False
            continue
        chk.unknown_keys(opt, {"id", "text", "correct", "feedback"}, "an option")
        choice_id = str(opt.get("id", chr(ord("a") + index)))
        if choice_id in seen:
            chk.error(opt.line_of("id"), f"duplicate option id '{choice_id}'")
            ok = False
        seen.add(choice_id)
        text = chk.text(opt, "text")
        feedback = chk.text(opt, "feedback")
        correct = opt.get("correct", False)
        if not isinstance(correct, bool):
            chk.error(opt.line_of("correct"), "'correct' must be true or false")
            ok = False
        if text is None or feedback is None:
            ok = False
            continue
        choices.append(Choice(choice_id, text, bool(correct), feedback))
    return tuple(choices) if ok else None


def as_choice_id(question: Question, raw: Any) -> str:
    if not isinstance(raw, str) or len(raw) > 64:
        raise AnswerError("an option id is expected")
    question.choice(raw)
    return raw


def as_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise AnswerError("a number is expected")
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and len(raw) <= 40:
        cleaned = raw.strip().replace(",", "").replace("，", "")
        try:
            value = float(cleaned)
        except ValueError:
            raise AnswerError("a number is expected") from None
    else:
        raise AnswerError("a number is expected")
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError("a finite number is expected")
    return value


__all__ = ["AnswerError", "QuestionType", "as_choice_id", "as_number", "parse_choices"]
