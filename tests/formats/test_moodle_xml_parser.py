"""Is our Moodle XML's multiple choice read by an independent reader as the bank means it?

moodle-xml-parser (PyPI, in the ``test`` extra) reads ``<question type="multichoice">`` the
way Moodle's qformat_xml does: ``<single>`` (missing means true), each ``<answer
fraction>``'s text and ``<feedback>``, and ``<generalfeedback>``. It reads no other
question type (only multichoice and cloze), so truefalse, matching, numerical and
ordering are checked by the round trip and by the run against Moodle's own importer
recorded in docs/formats.md. Every shipped bank, both languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from moodle_xml_parser import parser

from chatdojo.formats.model import Bank, Exchange, canonical, read_bank
from chatdojo.formats.moodle_xml import to_xml

REPO = Path(__file__).resolve().parents[2]
BANKS = [
    *sorted((REPO / "quizzes").glob("*.md")),
    Path(__file__).with_name("files") / "edge-cases.md",
]


def _t(value: object, lang: str) -> str:
    return str(value.get(lang, "")) if isinstance(value, dict) else str(value or "")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("bank_path", BANKS, ids=lambda p: p.stem)
def test_multichoice_is_read_as_the_bank_has_it(bank_path: Path, lang: str) -> None:
    """Single or multiple, each option's text, grade (100 for the one answer; 100/n and
    -100/n when n are right) and feedback, and the general feedback, as in the bank?"""
    bank = read_bank(bank_path)
    data, _ = to_xml(Exchange(banks=[Bank(bank.meta, bank.questions)]), lang)
    read = parser.parse_bytes(data)["multichoice"]
    source = [canonical(q) for q in bank.questions if q["type"] in ("single", "multiple")]
    assert len(read) == len(source)
    problems = []
    for q, m in zip(source, read, strict=True):
        right = sum(o["correct"] for o in q["options"])
        share = 100 if q["type"] == "single" else 100 / right
        want = {
            "single": q["type"] == "single",
            "text": _t(q["text"], lang),
            "general": _t(q["explanation"], lang),
            "options": [
                (
                    _t(o["text"], lang),
                    share if o["correct"] else (0 if q["type"] == "single" else -share),
                    _t(o["feedback"], lang),
                )  # fmt: skip
                for o in q["options"]
            ],
        }
        got = {
            "single": m.single,
            "text": m.text_pre_parse,
            "general": m.general_feedback,
            "options": [
                (o.answer, pytest.approx(o.score_fraction, abs=1e-4), o.feedback or "")
                for o in m.options
            ],
        }
        problems += [
            f"{q['id']}: {key}: read {got[key]!r}, bank {want[key]!r}"
            for key in want
            if got[key] != want[key]
        ]
    assert problems == []
