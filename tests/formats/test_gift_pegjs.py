"""Is the GIFT we write read by an independent GIFT parser as the bank means it?

gift-pegjs (npm, pinned in scripts/install-js-deps.sh, installed under .cache/js) is a PEG
grammar of Moodle's GIFT used by GIFT tooling (the VS Code GIFT extension, the GIFT Quiz
Editor). Every shipped bank is exported in both languages (``chatdojo export gift``'s code
path) and each question gift-pegjs returns is compared with the bank's Markdown source:
type, stem, options, which are right and their weights, per-option and general feedback,
the numerical answer and tolerance, matching pairs, id and tags. What gift-pegjs has no
place for must be what the exporter lists as not carried.

Meanings come from Moodle's GIFT documentation, not from our exporter: ``=`` is the right
answer of a one-answer question, ``~%w%`` an answer worth w percent (several right answers
share 100); ``{TRUE#a#b}``: ``a`` is shown for the wrong answer, ``b`` for the right one
(gift-pegjs keeps them in that order as ``trueFeedback``/``falseFeedback``);
``#answer:tolerance``; ``=prompt -> target``, ``= -> target`` an extra target.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from chatdojo.formats.exchange import export
from chatdojo.formats.model import Loss, Options, canonical, read_bank

REPO = Path(__file__).resolve().parents[2]
# the shipped banks, and texts Moodle reads specially (leading "[html]" or "%50%", "->", numbers)
BANKS = [
    *sorted((REPO / "quizzes").glob("*.md")),
    Path(__file__).with_name("files") / "edge-cases.md",
]
LANGS = ("ja", "en")
GIFT_TYPE = {"single": "MC", "multiple": "MC", "truefalse": "TF", "matching": "Matching",
             "numeric": "Numerical"}  # fmt: skip

Parsed = dict[tuple[str, str], tuple[list[dict[str, Any]], list[Loss]]]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> Parsed:
    """Every shipped bank exported to GIFT in both languages, then parsed by gift-pegjs."""
    cache = REPO / ".cache" / "js"
    subprocess.run(["bash", str(REPO / "scripts/install-js-deps.sh"), str(cache)], check=True)
    out = tmp_path_factory.mktemp("gift")
    files: dict[str, tuple[str, str]] = {}
    losses: dict[tuple[str, str], list[Loss]] = {}
    for bank in BANKS:
        for lang in LANGS:
            path = out / f"{bank.stem}.{lang}.txt"
            losses[bank.stem, lang] = export("gift", [bank], path, Options(lang=lang))
            files[str(path)] = (bank.stem, lang)
    run = subprocess.run(
        ["node", str(Path(__file__).with_name("gift_pegjs.js")), str(cache / "node_modules"),
         *files],  # fmt: skip
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    result: Parsed = {}
    for name, questions in json.loads(run.stdout).items():
        assert isinstance(questions, list), f"gift-pegjs refused {name}: {questions}"
        result[files[name]] = (questions, losses[files[name]])
    return result


def _t(value: Any, lang: str) -> str:
    return str(value.get(lang, "")) if isinstance(value, dict) else str(value or "")


def _fb(value: dict[str, Any] | None) -> str:
    return str(value["text"]) if value else ""


def _differences(q: dict[str, Any], g: dict[str, Any], lang: str) -> list[str]:
    """How gift-pegjs's reading ``g`` differs from the source question ``q``."""
    want: dict[str, Any] = {
        "type": GIFT_TYPE[q["type"]],
        "stem": (_t(q["text"], lang), "markdown"),
        "general": _t(q["explanation"], lang),
    }
    got: dict[str, Any] = {
        "type": g["type"],
        "stem": (g["stem"]["text"], g["stem"]["format"]),
        "general": _fb(g.get("globalFeedback")),
    }
    tags = set(g.get("tags") or [])
    want["tags"] = {f"kind-{q['kind']}"} | {f"rule-{r}" for r in q["rules"]}
    got["tags"] = tags & want["tags"]
    if q["type"] in ("single", "multiple"):
        right = sum(o["correct"] for o in q["options"])
        for o in q["options"]:
            weight = None if q["type"] == "single" else (100 if o["correct"] else -100) / right
            o["weight"] = weight
        want["options"] = [
            (_t(o["text"], lang), o["correct"], o["weight"], _t(o["feedback"], lang))
            for o in q["options"]
        ]
        got["options"] = [
            (
                c["text"]["text"],
                c["isCorrect"] or (c["weight"] or 0) > 0,
                None if c["weight"] is None else pytest.approx(c["weight"], abs=1e-4),
                _fb(c["feedback"]),
            )  # fmt: skip
            for c in g.get("choices", [])
        ]
        # "=" marks the one answer of a single-answer question; weights the others
        want["one_answer_marked"] = q["type"] == "single"
        got["one_answer_marked"] = any(c["isCorrect"] for c in g.get("choices", []))
    elif q["type"] == "truefalse":
        right = q["feedback_true"] if q["answer"] else q["feedback_false"]
        wrong = q["feedback_false"] if q["answer"] else q["feedback_true"]
        want["tf"] = (q["answer"], _t(wrong, lang), _t(right, lang))
        got["tf"] = (g.get("isTrue"), _fb(g.get("trueFeedback")), _fb(g.get("falseFeedback")))
    elif q["type"] == "numeric":
        want["numeric"] = [
            (True, 100, q["answer"], q.get("tolerance", 0), _t(q["feedback_correct"], lang)),
            (False, None, "*", None, _t(q["feedback_wrong"], lang)),
        ]
        got["numeric"] = [
            (
                c["isCorrect"],
                c["weight"],
                c["text"].get("number", c["text"].get("text")),
                c["text"].get("range"),
                _fb(c["feedback"]),
            )  # fmt: skip
            for c in g.get("choices", [])
        ]
    elif q["type"] == "matching":
        targets = {o["id"]: _t(o["text"], lang) for o in q["options"]}
        used = {p["answer"] for p in q["pairs"]}
        want["pairs"] = [(_t(p["prompt"], lang), targets[p["answer"]]) for p in q["pairs"]] + [
            ("", text) for tid, text in targets.items() if tid not in used
        ]
        got["pairs"] = [(m["subquestion"]["text"], m["subanswer"]) for m in g.get("matchPairs", [])]
    return [f"{key}: gift-pegjs {got.get(key)!r} != bank {want[key]!r}"
            for key in want if got.get(key) != want[key]]  # fmt: skip


def _uncarried(q: dict[str, Any], lang: str) -> set[str]:
    """What GIFT cannot hold: gift-pegjs's question model has no place for it, or (``->`` in
    a matching prompt) GIFT has no escape for it and Moodle splits the pair there."""
    out = set()
    if q["type"] == "ordering":
        out.add("question")
    if q["type"] == "matching" and any("->" in _t(p["prompt"], lang) for p in q["pairs"]):
        out.add("question")
    if q.get("policy_note") is not None:
        out.add("policy_note")
    if q["type"] == "numeric" and q.get("unit"):
        out.add("unit")
    if q["type"] == "matching" and any(p["feedback"] for p in q["pairs"]):
        out.add("pairs.feedback")
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.stem)
def test_gift_pegjs_reads_each_question_as_the_bank_has_it(
    parsed: Parsed, bank: Path, lang: str
) -> None:
    """Does gift-pegjs read every exported question back as the Markdown bank holds it?"""
    questions, losses = parsed[bank.stem, lang]
    by_id = {g.get("id"): g for g in questions if g["type"] != "Category"}
    source = [canonical(q) for q in read_bank(bank).questions]
    problems = []
    for q in source:
        g = by_id.pop(q["id"], None)
        if g is None:
            if "question" not in _uncarried(q, lang):
                problems.append(f"{q['id']}: not in gift-pegjs's result")
            continue
        problems += [f"{q['id']}: {d}" for d in _differences(q, g, lang)]
        if g["title"] is None or not g["title"].startswith(q["id"]):
            problems.append(f"{q['id']}: title {g['title']!r}")
    assert not by_id, f"questions the bank does not have: {list(by_id)}"
    assert problems == []


@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.stem)
def test_what_gift_cannot_hold_is_listed_as_not_carried(parsed: Parsed, bank: Path) -> None:
    """Is every field gift-pegjs has no place for in the exporter's not-carried list?"""
    questions, losses = parsed[bank.stem, "ja"]
    listed = {(loss.where, loss.what) for loss in losses}
    ids = {g.get("id") for g in questions}
    missing = []
    for q in (canonical(q) for q in read_bank(bank).questions):
        for what in _uncarried(q, "ja"):
            if (q["id"], what) not in listed:
                missing.append((q["id"], what))
        if q["id"] not in ids and (q["id"], "question") not in listed:
            missing.append((q["id"], "question"))
    assert missing == []
