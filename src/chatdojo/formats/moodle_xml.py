"""Moodle XML (question/format/xml), both directions, one language per file.

Types: multichoice (single and multiple), truefalse, matching, numerical (with
tolerance and unit) and ordering (qtype_ordering: answers in the right order,
``fraction`` = position). Texts are written with ``format="markdown"``; HTML from
Moodle is read as text. Files from outside are parsed with defusedxml (no DTD,
no entities) and bounded in size and question count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from chatdojo.formats import lms
from chatdojo.formats.messages import Problems, say
from chatdojo.formats.model import (
    MAX_QUESTIONS,
    Data,
    Exchange,
    Loss,
    Options,
    canonical,
)

NAME = "moodle"
SUFFIXES = (".xml",)
TEXT_FORMAT = "markdown"


def sniff(head: bytes) -> bool:
    return b"<quiz" in head[:4096]


# --- export ----------------------------------------------------------------------


def to_xml(exchange: Exchange, lang: str) -> tuple[bytes, list[Loss]]:
    quiz = ET.Element("quiz")
    losses: list[Loss] = []
    for bank in exchange.banks:
        cat = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(cat, "category"), f"$course$/top/ChatDojo/{bank.id}", plain=True)
        info = ET.SubElement(cat, "info", format=TEXT_FORMAT)
        ET.SubElement(info, "text").text = lms.one(bank.meta.get("title"), lang)
        for raw in bank.questions:
            q = canonical(raw)
            losses.extend(lms.export_losses(q, lang, NAME))
            quiz.append(_question(q, lang))
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8"), losses


def _text(parent: ET.Element, value: str, plain: bool = False) -> ET.Element:
    ET.SubElement(parent, "text").text = value
    return parent


def _formatted(parent: ET.Element, tag: str, value: str) -> None:
    _text(ET.SubElement(parent, tag, format=TEXT_FORMAT), value)


def _question(q: Data, lang: str) -> ET.Element:
    moodle_type = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
                   "matching": "matching", "numeric": "numerical", "ordering": "ordering"}[q["type"]]  # fmt: skip
    el = ET.Element("question", type=moodle_type)
    _text(ET.SubElement(el, "name"), lms.question_name(q, lang))
    _formatted(el, "questiontext", lms.one(q["text"], lang))
    _formatted(el, "generalfeedback", lms.one(q["explanation"], lang))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "1" if q["type"] == "truefalse" else "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = q["id"]
    t = q["type"]
    if t in ("single", "multiple"):
        ET.SubElement(el, "single").text = "true" if t == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "abc"
        for opt in q["options"]:
            _answer(
                el,
                lms.fraction_text(lms.grade(q, opt)),
                lms.one(opt["text"], lang),
                lms.one(opt["feedback"], lang),
            )
    elif t == "truefalse":  # answers named "true" and "false", the right one at 100
        for word, feedback in (("true", q["feedback_true"]), ("false", q["feedback_false"])):
            right = bool(q["answer"]) == (word == "true")
            _answer(
                el, "100" if right else "0", word, lms.one(feedback, lang), "moodle_auto_format"
            )
    elif t == "matching":
        ET.SubElement(el, "shuffleanswers").text = "true"
        targets = {o["id"]: lms.one(o["text"], lang) for o in q["options"]}
        for pair in q["pairs"]:
            sub = ET.SubElement(el, "subquestion", format=TEXT_FORMAT)
            _text(sub, lms.one(pair["prompt"], lang))
            _text(ET.SubElement(sub, "answer"), targets.get(pair["answer"], ""))
        used = {p["answer"] for p in q["pairs"]}
        for target_id, text in targets.items():
            if target_id not in used:  # a distractor: an answer with no question
                sub = ET.SubElement(el, "subquestion", format=TEXT_FORMAT)
                _text(sub, "")
                _text(ET.SubElement(sub, "answer"), text)
    elif t == "numeric":
        answer = _answer(
            el,
            "100",
            lms.number_text(q["answer"]),
            lms.one(q["feedback_correct"], lang),
            "moodle_auto_format",
        )
        ET.SubElement(answer, "tolerance").text = lms.number_text(q.get("tolerance", 0))
        wrong = _answer(el, "0", "*", lms.one(q["feedback_wrong"], lang), "moodle_auto_format")
        ET.SubElement(wrong, "tolerance").text = "0"
        if q.get("unit"):
            units = ET.SubElement(el, "units")
            unit = ET.SubElement(units, "unit")
            ET.SubElement(unit, "multiplier").text = "1"
            ET.SubElement(unit, "unit_name").text = lms.one(q["unit"], lang)
            ET.SubElement(el, "unitgradingtype").text = "0"
            ET.SubElement(el, "unitpenalty").text = "0.1000000"
            ET.SubElement(el, "showunits").text = "3"
            ET.SubElement(el, "unitsleft").text = "0"
    elif t == "ordering":
        for key, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                           ("numberingstyle", "none")):  # fmt: skip
            ET.SubElement(el, key).text = value
        for pos, step in enumerate(q["steps"], start=1):
            _answer(el, f"{pos}.0000000", lms.one(step["text"], lang), "")
    tags = ET.SubElement(el, "tags")
    for tag in lms.tags_for(q):
        _text(ET.SubElement(tags, "tag"), tag)
    return el


def _answer(
    el: ET.Element, fraction: str, text: str, feedback: str, fmt: str = TEXT_FORMAT
) -> ET.Element:
    answer = ET.SubElement(el, "answer", fraction=fraction, format=fmt)
    _text(answer, text)
    _formatted(answer, "feedback", feedback)
    return answer


def write(exchange: Exchange, out: Path, options: Options) -> list[Loss]:
    data, losses = to_xml(exchange, options.lang)
    out.write_bytes(data)
    return losses


# --- import ----------------------------------------------------------------------


def read(path: Path, problems: Problems, options: Options) -> Exchange:
    lang, bank_id = options.lang, options.bank_id
    raw = lms.read_capped(path, problems)
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        problems.add(path.name, "xml_refused", detail=type(exc).__name__)
        problems.raise_if_any()
        raise
    except ET.ParseError as exc:
        problems.add(f"{path.name}:{exc.position[0]}", "bad_file", detail=str(exc))
        problems.raise_if_any()
        raise
    exchange = Exchange()
    bank = lms.new_bank(bank_id, lang)
    ids: set[str] = set()
    for index, el in enumerate(root.iter("question")):
        if index > MAX_QUESTIONS:
            problems.add(path.name, "too_many", limit=MAX_QUESTIONS)
            problems.raise_if_any()
        qtype = el.get("type", "")
        if qtype == "category":
            name = _plain(el.find("category/text"))
            if name and not bank.questions:
                bank.meta["title"] = {lang: name.rstrip("/").split("/")[-1]}
            continue
        q = _read_question(el, qtype, lang, exchange.losses)
        if q is None:
            exchange.losses.append(Loss(_plain(el.find("name/text")) or f"#{index}", qtype,
                                        say("skipped_type", problems.lang, value=qtype)))  # fmt: skip
            continue
        lms.add_question(bank, ids, q)
    exchange.banks = [bank]
    return exchange


def _plain(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _formatted_text(
    el: ET.Element | None, where: str, what: str, losses: list[Loss], default: str = "html"
) -> str:
    """A text with its ``format`` attribute; without one, Moodle's importer takes ``default``
    (the question text's format for answers, feedback and subquestions)."""
    if el is None:
        return ""
    value = _plain(el.find("text"))
    fmt = el.get("format", default)
    # plain_text is shown as written; html is markup; Moodle's auto-format and markdown
    # allow inline HTML, so their tags are read as markup too
    if fmt == "html" or (fmt != "plain_text" and "<" in value):
        value, lossy = lms.html_to_text(value)
        if lossy:
            losses.append(Loss(where, what, "HTML markup other than paragraphs read as plain text"))
    if el.findall("file"):
        losses.append(Loss(where, what, "embedded files (images, audio) are not imported"))
    return value


def _read_question(el: ET.Element, qtype: str, lang: str, losses: list[Loss]) -> Data | None:
    name = _plain(el.find("name/text"))
    where = _plain(el.find("idnumber")) or name
    t = lms.lang_text
    q: Data = {"id": _plain(el.find("idnumber")) or lms.slug(name), "kind": "", "rules": []}
    qtext = el.find("questiontext")
    qfmt = "html" if qtext is None else qtext.get("format", "html")
    q["text"] = t(_formatted_text(qtext, where, "text", losses), lang)
    q["explanation"] = t(
        _formatted_text(el.find("generalfeedback"), where, "explanation", losses, qfmt), lang
    )
    answers = el.findall("answer")

    def fb(a: ET.Element) -> dict[str, str]:
        return t(_formatted_text(a.find("feedback"), where, "feedback", losses, qfmt), lang)

    def atext(a: ET.Element) -> str:  # multichoice and ordering answers: formatted as Moodle reads
        return _formatted_text(a, where, "answer", losses, qfmt)

    if qtype == "multichoice":
        # as Moodle's trans_single: missing means "true"; "false", "0" and empty mean multiple
        single_el = el.find("single")
        single = (_plain(single_el) if single_el is not None else "true") not in ("false", "0", "")
        q["type"] = "single" if single else "multiple"
        q["options"] = [{"id": chr(ord("a") + i), "text": t(atext(a), lang),
                         "correct": _float(a.get("fraction")) > 0, "feedback": fb(a)}
                        for i, a in enumerate(answers)]  # fmt: skip
    elif qtype == "truefalse":
        q["type"] = "truefalse"
        # as Moodle: answers named "true" and "false"; otherwise (old, translated files)
        # the first answer is "true" and the next "false"
        by: dict[str, ET.Element] = {}
        for i, a in enumerate(answers):
            name = _plain(a.find("text"))
            by.setdefault(name if name in ("true", "false") else ("true", "false")[min(i, 1)], a)
        if "true" not in by or "false" not in by:
            return None
        q["answer"] = _float(by["true"].get("fraction")) > 0
        q["feedback_true"], q["feedback_false"] = fb(by["true"]), fb(by["false"])
    elif qtype == "matching":
        q["type"] = "matching"
        targets: dict[str, str] = {}
        q["pairs"] = []
        for sub in el.findall("subquestion"):
            target = _plain(sub.find("answer/text"))
            target_id = targets.setdefault(target, chr(ord("a") + len(targets)))
            prompt = _formatted_text(sub, where, "pairs", losses, qfmt)
            if prompt:
                q["pairs"].append({"prompt": t(prompt, lang), "answer": target_id, "feedback": {}})
        q["options"] = [{"id": i, "text": t(text, lang)} for text, i in targets.items()]
    elif qtype == "numerical":
        q["type"] = "numeric"
        right = [
            a for a in answers if _float(a.get("fraction")) >= 100 and _plain(a.find("text")) != "*"
        ]
        if not right:
            return None
        q["answer"] = _float(_plain(right[0].find("text")))
        tol = _float(_plain(right[0].find("tolerance")))
        if tol:
            q["tolerance"] = tol
        q["feedback_correct"] = fb(right[0])
        wrong = [a for a in answers if _plain(a.find("text")) == "*"]
        q["feedback_wrong"] = fb(wrong[0]) if wrong else {}
        units = [_plain(u) for u in el.findall("units/unit/unit_name")]
        if units and units[0]:
            q["unit"] = t(units[0], lang)
        if len(units) > 1:
            losses.append(Loss(where, "unit", "only the first unit is kept: " + ", ".join(units)))
        if len(right) > 1 or len(answers) > len(right) + len(wrong):
            losses.append(Loss(where, "answer", "only the first fully correct answer is kept"))
    elif qtype == "ordering":
        q["type"] = "ordering"
        # as qtype_ordering's import: the right order is the order in the file (Moodle
        # sets each answer's position from it and ignores the fraction it reads)
        q["steps"] = [{"text": t(atext(a), lang)} for a in answers]
    else:
        return None
    other = lms.apply_tags(q, [_plain(tag.find("text")) for tag in el.findall("tags/tag")])
    if other:
        losses.append(Loss(where, "tags", "tags kept out: " + ", ".join(other)))
    return q


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
