"""Read one ``quizzes/scenarios/<id>.md``: front matter plus one ```` ```step ```` block per step.

Field problems are reported here, each at its own line; graph problems
(missing targets, dead ends) are left to ``checks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.document import read_document
from chatdojo.content.errors import ErrorSink
from chatdojo.content.references import Reference, references_in_text
from chatdojo.content.yamlines import LineDict, line_of
from chatdojo.i18n import Text
from chatdojo.scenario.model import Choice, Ending, Scenario, Step
from chatdojo.scenario.rubric import HARMS

SCENARIO_KEYS = {
    "id",
    "title",
    "summary",
    "topic",
    "start",
    "allow_back",
    "order",
    "policy_note",
    "profiles",  # optional: only these organization profiles see it
    "when",  # optional: only profiles whose policies match (checked against data/policies.yml)
}
STEP_KEYS = {"id", "text", "rules", "choices", "ending", "policy_note"}
CHOICE_KEYS = {"id", "text", "feedback", "next"}
ENDING_KEYS = {"score", "best", "debrief", "harm", "breaks"}


def _text(
    data: LineDict, key: str, chk: Checker, refs: list[Reference], *, required: bool = True
) -> Text | None:
    """A bilingual text, with the rule links and ``{{ facts }}`` it mentions."""
    text = chk.text(data, key, required=required)
    value = data.get(key)
    if isinstance(value, dict):
        for lang_text in value.values():
            if isinstance(lang_text, str):
                refs.extend(references_in_text(lang_text, line_of(value, None, data.line_of(key))))
    return text


def _rules(data: LineDict, chk: Checker, refs: list[Reference]) -> tuple[str, ...]:
    rules = chk.string_list(data, "rules")
    if "rules" in data and not rules and isinstance(data["rules"], list):
        chk.error(data.line_of("rules"), "a step must name at least one rule id")
    raw = data.get("rules")
    for index, rule_id in enumerate(rules):
        line = (
            line_of(raw, index, data.line_of("rules"))
            if isinstance(raw, list)
            else data.line_of("rules")
        )
        refs.append(Reference("rule", rule_id, line))
    return tuple(rules)


def _choice(
    raw: Any, line: int, chk: Checker, refs: list[Reference], seen: dict[str, int]
) -> Choice | None:
    data = chk.mapping(raw, "a choice", line)
    if data is None:
        return None
    chk.unknown_keys(data, CHOICE_KEYS, "a choice")
    choice_id = chk.string(data, "id")
    text = _text(data, "text", chk, refs)
    feedback = _text(data, "feedback", chk, refs, required=False)
    target = chk.string(data, "next")
    if choice_id is not None:
        if choice_id in seen:
            chk.error(
                data.line_of("id"),
                f"duplicate choice id '{choice_id}' (first on line {seen[choice_id]})",
            )
            return None
        seen[choice_id] = data.line_of("id")
    if choice_id is None or target is None:
        return None
    return Choice(choice_id, text or {}, target, feedback, data.line, data.line_of("next"))


def _ending(raw: Any, line: int, chk: Checker, refs: list[Reference]) -> Ending:
    """The ending; after a reported problem, a zero-score stand-in so no dead end is reported too."""
    data = chk.mapping(raw, "'ending'", line)
    if data is None:
        return Ending(0, False, {})
    chk.unknown_keys(data, ENDING_KEYS, "an ending")
    score = data.get("score")
    if "score" not in data:
        chk.error(data.line, "missing 'score' (0 to 100)")
    elif isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        chk.error(data.line_of("score"), "'score' must be a whole number from 0 to 100")
        score = None
    best = data.get("best", False)
    if not isinstance(best, bool):
        chk.error(data.line_of("best"), "'best' must be true or false")
        best = False
    debrief = _text(data, "debrief", chk, refs)
    harm = data.get("harm")
    if "harm" not in data:
        chk.error(data.line, f"missing 'harm' (one of: {', '.join(HARMS)})")
        harm = ""
    elif harm not in HARMS:
        chk.error(data.line_of("harm"), f"'harm' must be one of: {', '.join(HARMS)}")
        harm = ""
    if "breaks" not in data:
        chk.error(
            data.line, "missing 'breaks' (the rule ids its path broke; 'breaks: []' when none)"
        )
    breaks = chk.string_list(data, "breaks", required=False)
    raw_breaks = data.get("breaks")
    for index, rule_id in enumerate(breaks):
        where = data.line_of("breaks")
        refs.append(
            Reference(
                "rule",
                rule_id,
                line_of(raw_breaks, index, where) if isinstance(raw_breaks, list) else where,
            )
        )
    if not isinstance(score, int) or isinstance(score, bool):
        harm = ""  # no rubric check on a score already reported
    return Ending(
        score if isinstance(score, int) else 0, best, debrief or {}, str(harm), tuple(breaks)
    )


def parse_step(data: LineDict, chk: Checker, refs: list[Reference]) -> Step | None:
    chk.unknown_keys(data, STEP_KEYS, "a step")
    step_id = chk.string(data, "id")
    text = _text(data, "text", chk, refs)
    rules = _rules(data, chk, refs)
    choices: list[Choice] = []
    ending = None
    if "choices" in data and "ending" in data:
        chk.error(data.line_of("ending"), "a step has either 'choices' or an 'ending', not both")
    elif "ending" in data:
        ending = _ending(data["ending"], data.line_of("ending"), chk, refs)
    elif "choices" in data:
        raw = data["choices"]
        if not isinstance(raw, list) or not raw:
            chk.error(data.line_of("choices"), "'choices' must be a list of at least one choice")
        else:
            seen: dict[str, int] = {}
            for index, item in enumerate(raw):
                choice = _choice(
                    item, line_of(raw, index, data.line_of("choices")), chk, refs, seen
                )
                if choice is not None:
                    choices.append(choice)
    else:
        chk.error(data.line, "a step needs 'choices' or an 'ending'")
    from_source = data.get("policy_note") == "source"
    note = None if from_source else _text(data, "policy_note", chk, refs, required=False)
    if step_id is None:
        return None
    return Step(
        step_id, text or {}, rules, tuple(choices), ending, data.line_of("id"), note, from_source
    )


def parse_scenario(path: Path, sink: ErrorSink) -> Scenario | None:
    doc = read_document(path, sink, block_kinds=("step",))
    if doc is None or doc.meta is None:
        return None
    meta = doc.meta
    chk = Checker(sink, path)
    chk.unknown_keys(meta, SCENARIO_KEYS, "scenario front matter")
    scenario_id = chk.string(meta, "id")
    if scenario_id is not None and scenario_id != path.stem:
        chk.error(
            meta.line_of("id"),
            f"scenario id '{scenario_id}' must match the file name '{path.stem}'",
        )
    refs: list[Reference] = []
    title = _text(meta, "title", chk, refs)
    summary = _text(meta, "summary", chk, refs)
    topic = chk.string(meta, "topic")
    policy_note = _text(meta, "policy_note", chk, refs, required=False)
    profiles = chk.string_list(meta, "profiles", required=False)
    refs.extend(Reference("profile", pid, meta.line_of("profiles")) for pid in profiles)
    when: dict[str, str] = {}
    raw_when = chk.mapping(meta["when"], "'when'", meta.line_of("when")) if "when" in meta else None
    for key, value in (raw_when or {}).items():
        when[str(key)] = str(value)
    start = chk.string(meta, "start")
    allow_back = meta.get("allow_back", False)
    if not isinstance(allow_back, bool):
        chk.error(meta.line_of("allow_back"), "'allow_back' must be true or false")
        allow_back = False
    order = meta.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        chk.error(meta.line_of("order"), "'order' must be a whole number")
        order = 100
    steps: dict[str, Step] = {}
    fences = sum(
        1 for t in doc.tokens if t.type == "fence" and t.info.strip().split(" ", 1)[0] == "step"
    )
    complete = fences == len(doc.blocks)
    for block in doc.blocks:
        step = parse_step(block.data, chk, refs)
        if step is None:
            complete = False
            continue
        if step.id in steps:
            chk.error(
                step.line, f"duplicate step id '{step.id}' (first on line {steps[step.id].line})"
            )
            continue
        steps[step.id] = step
    if not doc.blocks:
        chk.error(meta.line, "no ```step blocks in this scenario")
    if None in (scenario_id, title, summary, topic, start):
        return None
    return Scenario(
        id=scenario_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        summary=summary,  # type: ignore[arg-type]
        topic=topic,  # type: ignore[arg-type]
        start=start,  # type: ignore[arg-type]
        allow_back=allow_back,
        steps=steps,
        order=order,
        path=path,
        line=meta.line_of("id"),
        key_lines=dict(meta.key_lines),
        references=tuple(refs),
        complete=complete,
        policy_note=policy_note,
        profiles=tuple(profiles),
        when=when,
    )
