"""Matching: pair each prompt (e.g. a situation) with a target (e.g. a method).

Targets are the ``options``; several prompts may share one target, and
options no prompt uses are distractors. Score = share of prompts matched.
"""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict, line_of
from chatdojo.i18n import Text, pick
from chatdojo.quiz.model import AnswerError, Pair, Question
from chatdojo.quiz.types.base import as_choice_id


class Matching:
    name = "matching"
    label: Text = {"ja": "組み合わせ", "en": "Matching"}
    keys = frozenset({"options", "pairs"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        from chatdojo.quiz.model import Choice

        raw_opts = data.get("options")
        raw_pairs = data.get("pairs")
        if not isinstance(raw_opts, list) or len(raw_opts) < 2:
            chk.error(
                data.line_of("options"), "matching question needs 'options' (at least two targets)"
            )
            return None
        if not isinstance(raw_pairs, list) or len(raw_pairs) < 2:
            chk.error(data.line_of("pairs"), "matching question needs 'pairs' (at least two)")
            return None
        targets: list[Choice] = []
        for index, item in enumerate(raw_opts):
            opt = chk.mapping(item, "a target", line_of(raw_opts, index, data.line_of("options")))
            if opt is None:
                return None
            chk.unknown_keys(opt, {"id", "text"}, "a matching target")
            target_id = chk.string(opt, "id")
            text = chk.text(opt, "text")
            if target_id is None or text is None:
                return None
            targets.append(Choice(target_id, text))
        ids = {t.id for t in targets}
        pairs: list[Pair] = []
        for index, item in enumerate(raw_pairs):
            row = chk.mapping(item, "a pair", line_of(raw_pairs, index, data.line_of("pairs")))
            if row is None:
                return None
            chk.unknown_keys(row, {"prompt", "answer", "feedback"}, "a matching pair")
            prompt = chk.text(row, "prompt")
            answer = chk.string(row, "answer")
            feedback = chk.text(row, "feedback")
            if answer is not None and answer not in ids:
                chk.error(
                    row.line_of("answer"), f"pair answer '{answer}' is not one of the options"
                )
                return None
            if prompt is None or answer is None or feedback is None:
                return None
            pairs.append(Pair(f"p{index + 1}", prompt, answer, feedback))
        return {"choices": tuple(targets), "pairs": tuple(pairs)}

    def normalize(self, question: Question, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict) or len(raw) > len(question.pairs):
            raise AnswerError("a mapping of prompts to options is expected")
        known = {p.id for p in question.pairs}
        out: dict[str, str] = {}
        for key, value in raw.items():
            if key not in known:
                raise AnswerError(f"unknown prompt {key!r}")
            out[key] = as_choice_id(question, value)
        return out

    def score(self, question: Question, answer: dict[str, str]) -> float:
        hits = sum(answer.get(p.id) == p.answer for p in question.pairs)
        return hits / len(question.pairs)

    def feedback(self, question: Question, answer: dict[str, str]) -> tuple[Text, ...]:
        return tuple(
            p.feedback for p in question.pairs if p.feedback and answer.get(p.id) != p.answer
        )

    def correct_answer(self, question: Question) -> dict[str, str]:
        return {p.id: p.answer for p in question.pairs}

    def describe(self, question: Question, answer: dict[str, str], lang: str) -> str:
        parts = []
        for pair in question.pairs:
            chosen = answer.get(pair.id)
            target = pick(question.choice(chosen).text, lang) if chosen else "-"
            parts.append(f"{pick(pair.prompt, lang)} → {target}")
        return "; ".join(parts)


TYPE = Matching()
