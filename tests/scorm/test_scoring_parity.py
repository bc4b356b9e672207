"""One scoring truth: the static page's scoring.js scores every question of every bank
exactly as the Python engine does, answer by answer (right, each wrong option, partial
answers, numeric tolerance edges, malformed input), feedback ids included."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from chatdojo.content.catalog import Catalog
from chatdojo.quiz.model import AnswerError, Question
from chatdojo.quiz.types import get_type
from chatdojo.scorm.data import question_json

NODE = shutil.which("node")
SCORING = str(files("chatdojo.scorm").joinpath("static", "scoring.js"))
SCRIPT = Path(__file__).with_name("score_cases.js")


def answers(q: Question) -> list[Any]:
    """A set of answers per question: right, each wrong option, partial, edges, malformed."""
    ids = [c.id for c in q.choices]
    right = get_type(q.type).correct_answer(q)
    if q.type in ("single", "truefalse"):
        return [*ids, "nope", 3, None, *([True, False] if q.type == "truefalse" else [])]
    if q.type == "multiple":
        wrong = [i for i in ids if i not in right]
        cases: list[Any] = [list(right), ids, [], [right[0]], list(right)[::-1]]
        cases += [[i] for i in ids] + [[*right, w] for w in wrong] + [[right[0], right[0]], "a"]
        return cases
    if q.type == "matching":
        pairs = [p.id for p in q.pairs]
        cases = [dict(right), {}, {pairs[0]: right[pairs[0]]}, {p: ids[0] for p in pairs}]
        for p in pairs:  # each pair wrong in turn
            other = next(i for i in ids if i != right[p])
            cases.append({**right, p: other})
        cases += [{"p99": ids[0]}, {pairs[0]: "nope"}, [ids[0]]]
        return cases
    if q.type == "ordering":
        cases = [list(right), list(reversed(right)), [*right[1:], right[0]]]
        cases += [[right[1], right[0], *right[2:]], list(right[:-1]), [*right[:-1], right[0]], "s1"]
        return cases
    assert q.type == "numeric" and q.number is not None
    t, tol = q.number, q.tolerance
    step = max(1.0, abs(t)) * 0.01
    cases = [t, t + tol, t - tol, t + tol + step, t - tol - step, t + 2 * tol + 1]
    cases += [f"{t:,.10g}", f" {t:.10g} ", f"{t:.10g}".translate(FULL), f"{t:.10g}0x", "", "abc"]
    cases += ["1e3", "-0", "nan", "inf", True, None, "1_000", "1__0", "12.", ".5"]
    return cases


FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def python_result(q: Question, raw: Any) -> dict[str, Any]:
    qtype = get_type(q.type)
    try:
        answer = qtype.normalize(q, raw)
    except AnswerError:
        return {"error": True}
    score = qtype.score(q, answer)
    texts = qtype.feedback(q, answer)
    return {"score": score, "feedback": feedback_ids(q, texts)}


def feedback_ids(q: Question, texts: tuple[Any, ...]) -> list[str]:
    """The ids behind the engine's feedback texts (the same objects, in order)."""
    if q.type == "numeric":
        return ["correct" if t is q.extra["feedback_correct"] else "wrong" for t in texts]
    sources = [(p.feedback, p.id) for p in q.pairs] or [(c.feedback, c.id) for c in q.choices]
    out, start = [], 0
    for text in texts:
        index = next(i for i in range(start, len(sources)) if sources[i][0] is text)
        out.append(sources[index][1])
        start = index + 1
    return out


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_js_scoring_equals_the_engine(catalog: Catalog) -> None:
    questions = [q for bank in catalog.banks.values() for q in bank.questions]
    assert {q.type for q in questions} == {
        "single",
        "multiple",
        "truefalse",
        "matching",
        "ordering",
        "numeric",
    }
    payload = [question_json(q, "ja", {}, catalog) for q in questions]
    cases = [(i, raw) for i, q in enumerate(questions) for raw in answers(q)]
    run = subprocess.run(
        [NODE, str(SCRIPT), SCORING],
        input=json.dumps({"questions": payload, "cases": cases}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    js = json.loads(run.stdout)
    assert len(js) == len(cases) > 1500
    mismatches = []
    for (index, raw), got in zip(cases, js, strict=True):
        q = questions[index]
        want = python_result(q, raw)
        same = got.get("error") == want.get("error") and (
            want.get("error")
            or (abs(got["score"] - want["score"]) < 1e-12 and got["feedback"] == want["feedback"])
        )
        if not same:
            mismatches.append(f"{q.path}:{q.line} {q.id} {raw!r}: engine {want}, page {got}")
    assert not mismatches, "\n".join(mismatches[:20])
