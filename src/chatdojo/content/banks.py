"""Question banks: front matter for the quiz plus one ```` ```question ```` block per question."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from chatdojo.content import strict
from chatdojo.content.checker import Checker
from chatdojo.content.document import read_document
from chatdojo.content.errors import ErrorSink
from chatdojo.content.facts import fill_any
from chatdojo.content.policies import Policy
from chatdojo.content.profiles import Profile
from chatdojo.content.questions import Question, QuestionParser
from chatdojo.content.references import Reference, references_in_text
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text

BANK_KEYS = {"id", "title", "topic", "guide", "draw", "pass_mark", "description"}
COMMON_KEYS = {
    "id",
    "type",
    "kind",
    "text",
    "explanation",
    "rules",
    "profiles",
    "when",
    "policy_note",
}
# `policy_note: source`: a standard note naming the document the cited rules come from.
SOURCE_NOTE = "source"
# What a question asks of the learner (docs/content-format.md, "Kinds").
KINDS = ("situation", "recall", "calculation")


@dataclass(frozen=True)
class QuestionBank:
    id: str
    title: Text
    topic: str
    guide: str | None
    draw: int | None
    pass_mark: float
    questions: tuple[Question, ...]
    path: Path
    line: int
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class BankSetting:
    """What a bank is read against: the question types and the policies in use."""

    types: Mapping[str, QuestionParser]
    policies: Mapping[str, Policy]


def parse_question(
    data: LineDict, chk: Checker, bank_id: str, refs: list[Reference], setting: BankSetting
) -> Question | None:
    qid = chk.string(data, "id")
    qtype_name = chk.string(data, "type")
    types = setting.types
    qtype = types.get(qtype_name or "")
    if qtype_name is not None and qtype is None:
        chk.error(
            data.line_of("type"),
            f"unknown question type '{qtype_name}' (known: {', '.join(types)})",
        )
    allowed = COMMON_KEYS | (set(qtype.keys) if qtype else set())
    if qtype:
        chk.unknown_keys(data, allowed, f"a {qtype.name} question")
    kind = parse_kind(data, chk)
    text = chk.text(data, "text")
    explanation = chk.text(data, "explanation")
    rules = chk.string_list(data, "rules")
    refs.extend(Reference("rule", rule_id, data.line_of("rules")) for rule_id in rules)
    if "rules" in data and not rules:
        chk.error(data.line_of("rules"), "a question must name at least one rule id")
    profiles = chk.string_list(data, "profiles", required=False)
    refs.extend(Reference("profile", pid, data.line_of("profiles")) for pid in profiles)
    when: dict[str, str] = {}
    if "when" in data:
        raw_when = chk.mapping(data["when"], "'when'", data.line_of("when"))
        if raw_when is not None:
            for key, value in raw_when.items():
                policy = setting.policies.get(key)
                if policy is None or value not in policy.values:
                    known = (
                        f"known values: {', '.join(policy.values)}"
                        if policy
                        else f"known policies: {', '.join(setting.policies)}"
                    )
                    chk.error(
                        raw_when.line_of(key),
                        f"'when: {key}: {value}' is not a known policy value ({known}; "
                        "policies are declared in data/policies.yml)",
                    )
                else:
                    when[key] = value
    note_from_source = data.get("policy_note") == SOURCE_NOTE
    policy_note = None
    if not note_from_source and "policy_note" not in data and (profiles or when):
        chk.error(
            data.line,
            "missing 'policy_note': a question limited with profiles:/when: says whose rule "
            "it follows ({ja: ..., en: ...}), or write 'policy_note: source' for the standard "
            "note (hidden under the document's own profile)",
        )
    elif not note_from_source:
        policy_note = chk.text(data, "policy_note", required=False)
    for key in ("text", "explanation"):
        value = data.get(key)
        if isinstance(value, dict):
            for lang_text in value.values():
                if isinstance(lang_text, str):
                    refs.extend(references_in_text(lang_text, data.line_of(key)))
    fields = qtype.parse(data, chk) if qtype else None
    if None in (qid, text, explanation) or fields is None or not rules:
        return None
    return Question(
        id=qid,  # type: ignore[arg-type]
        type=qtype.name,  # type: ignore[union-attr]
        text=text,  # type: ignore[arg-type]
        explanation=explanation,  # type: ignore[arg-type]
        rules=tuple(rules),
        bank=bank_id,
        path=str(chk.path),
        line=data.line,
        profiles=tuple(profiles),
        policy_note=policy_note,
        when=when,
        kind=kind,
        extra={
            **fields.pop("extra", {}),
            **({"policy_note": SOURCE_NOTE} if note_from_source else {}),
        },
        **fields,
    )


def questions_for(bank: QuestionBank, profile: Profile | None) -> list[Question]:
    """The bank's questions that hold under ``profile``, with its facts filled into every
    field (text, options, feedback, explanation…). ``None``: every question, unfilled."""
    if profile is None:
        return list(bank.questions)
    return [
        fill_any(_own_note(q, profile), profile)
        for q in bank.questions
        if q.applies_to(profile.id, profile.policies)
    ]


def _own_note(question: Question, profile: Profile) -> Question:
    """A generated ``policy_note: source`` is not shown under the document's own profile."""
    if question.extra.get("note_source") in profile.sources:
        return dataclasses.replace(question, policy_note=None)
    return question


def parse_kind(data: LineDict, chk: Checker) -> str:
    """The question's ``kind`` (situation, recall or calculation); "" when missing."""
    if "kind" not in data:
        strict.report(
            chk.sink, "kind", chk.path, data.line, f"missing 'kind' (one of: {', '.join(KINDS)})"
        )
        return ""
    kind = data["kind"]
    if kind not in KINDS:
        chk.error(data.line_of("kind"), f"'kind' must be one of: {', '.join(KINDS)}")
        return ""
    return str(kind)


def load_bank(path: Path, sink: ErrorSink, setting: BankSetting) -> QuestionBank | None:
    doc = read_document(path, sink, block_kinds=("question",))
    if doc is None or doc.meta is None:
        return None
    meta = doc.meta
    chk = Checker(sink, path)
    chk.unknown_keys(meta, BANK_KEYS, "question-bank front matter")
    bank_id = chk.string(meta, "id")
    if bank_id is not None and bank_id != path.stem:
        chk.error(meta.line_of("id"), f"bank id '{bank_id}' must match the file name '{path.stem}'")
    title = chk.text(meta, "title")
    topic = chk.string(meta, "topic")
    guide = chk.string(meta, "guide", required=False)
    draw = meta.get("draw")
    if draw is not None and (not isinstance(draw, int) or isinstance(draw, bool) or draw < 1):
        chk.error(meta.line_of("draw"), "'draw' must be a whole number of at least 1")
        draw = None
    pass_mark = chk.number(meta, "pass_mark", required=False, minimum=0)
    if pass_mark is not None and pass_mark > 1:
        chk.error(meta.line_of("pass_mark"), "'pass_mark' is a fraction between 0 and 1 (e.g. 0.8)")
        pass_mark = None
    refs: list[Reference] = []
    questions: list[Question] = []
    for block in doc.blocks:
        question = parse_question(block.data, chk, bank_id or path.stem, refs, setting)
        if question is not None:
            questions.append(question)
    if not doc.blocks:
        chk.error(meta.line, "no ```question blocks in this bank")
    if None in (bank_id, title, topic):
        return None
    return QuestionBank(
        id=bank_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        topic=topic,  # type: ignore[arg-type]
        guide=guide,
        draw=draw,
        pass_mark=0.8 if pass_mark is None else pass_mark,
        questions=tuple(questions),
        path=path,
        line=meta.line,
        references=tuple(refs),
    )
