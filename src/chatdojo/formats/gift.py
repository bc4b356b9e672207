"""GIFT (Moodle's question/format/gift), both directions, one language per file.

Read the way Moodle's ``qformat_gift::readquestion`` reads: questions are
separated by blank lines, ``//`` lines are comments (``[id:…]`` and ``[tag:…]`` in
them give the id and tags), ``\\`` escapes ``~ = # { } :`` and ``\\n``, the type is
told by the answer section: ``#`` numerical, ``~`` multichoice, ``=`` with ``->``
matching, ``T/TRUE/F/FALSE`` truefalse; ``>`` (qtype_ordering's extension) is read
as ordering. Core GIFT has no ordering type and no unit: on export such questions
and fields are listed as not exported.
"""

from __future__ import annotations

import re
from pathlib import Path

from chatdojo.formats import lms
from chatdojo.formats.messages import Problems, say
from chatdojo.formats.model import (
    MAX_QUESTIONS,
    Bank,
    Data,
    Exchange,
    Loss,
    Options,
    canonical,
)

NAME = "gift"
SUFFIXES = (".gift", ".txt")

_ESCAPES = {"\\:": "\x01058", "\\#": "\x01035", "\\=": "\x01061", "\\{": "\x01123",
            "\\}": "\x01125", "\\~": "\x01126", "\\n": "\x01010"}  # fmt: skip
_BACK = {"\x01058": ":", "\x01035": "#", "\x01061": "=", "\x01123": "{", "\x01125": "}",
         "\x01126": "~", "\x01010": "\n"}  # fmt: skip
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")


def sniff(head: bytes) -> bool:
    text = head[:4096].decode("utf-8", "ignore")
    return bool(re.search(r"(^|\n)\s*(::[^\n]*::|//)", text)) and "{" in text


# --- export ----------------------------------------------------------------------


def esc(text: str) -> str:
    for char in ("\\", "#", "=", "~", "{", "}", ":"):
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def rich(text: str) -> str:
    """``esc`` for an answer, feedback or prompt. GIFT has no escape for a leading ``[`` or
    ``%``: Moodle reads ``[html] …`` as a format mark and ``%50% …`` as a weight, so such a
    text gets the question's own ``[markdown]`` mark in front."""
    return ("[markdown]" if text[:1] in ("[", "%") else "") + esc(text)


def to_text(exchange: Exchange, lang: str) -> tuple[str, list[Loss]]:
    out: list[str] = []
    losses: list[Loss] = []
    for bank in exchange.banks:
        out.append(f"$CATEGORY: $course$/top/ChatDojo/{bank.id}\n\n")
        for raw in bank.questions:
            q = canonical(raw)
            lost = lms.export_losses(q, lang, NAME)
            losses.extend(lost)
            if any(loss.what == "question" for loss in lost):
                continue
            out.append(_question(q, lang))
    return "".join(out), losses


def _question(q: Data, lang: str) -> str:
    one = lms.one
    tags = " ".join(f"[tag:{tag}]" for tag in lms.tags_for(q))
    head = f"// question: {q['id']}  name: {q['id']}\n// [id:{q['id']}] {tags}\n"
    head += f"::{esc(lms.question_name(q, lang))}::[markdown]{esc(one(q['text'], lang))}"
    body: list[str] = []
    t = q["type"]
    if t in ("single", "multiple"):
        for opt in q["options"]:
            if t == "single":  # "=" the one answer, "~" the others
                mark = "=" if opt["correct"] else "~"
            else:
                mark = f"~%{lms.fraction_text(lms.grade(q, opt))}%"
            fb = one(opt["feedback"], lang)
            body.append(f"\t{mark}{rich(one(opt['text'], lang))}" + (f"#{rich(fb)}" if fb else ""))
    elif t == "truefalse":
        right, wrong = (q["feedback_true"], q["feedback_false"]) if q["answer"] else (
            q["feedback_false"], q["feedback_true"])  # fmt: skip
        word = "TRUE" if q["answer"] else "FALSE"
        general = one(q["explanation"], lang)
        tail = f"####{rich(general)}" if general else ""
        return (
            head + "{" + f"{word}#{rich(one(wrong, lang))}#{rich(one(right, lang))}{tail}" + "}\n\n"
        )
    elif t == "matching":
        targets = {o["id"]: one(o["text"], lang) for o in q["options"]}
        for pair in q["pairs"]:
            body.append(
                f"\t={rich(one(pair['prompt'], lang))} -> {esc(targets.get(pair['answer'], ''))}"
            )
        used = {p["answer"] for p in q["pairs"]}
        body += [f"\t= -> {esc(text)}" for tid, text in targets.items() if tid not in used]
    elif t == "numeric":
        head += "{#"
        body.append(f"\t=%100%{lms.number_text(q['answer'])}:{lms.number_text(q.get('tolerance', 0))}#"
                    f"{rich(one(q['feedback_correct'], lang))}")  # fmt: skip
        body.append(f"\t~#{rich(one(q['feedback_wrong'], lang))}")
        general = one(q["explanation"], lang)
        if general:
            body.append(f"\t####{rich(general)}")
        return head + "\n" + "\n".join(body) + "\n}\n\n"
    general = one(q["explanation"], lang)
    if general:
        body.append(f"\t####{rich(general)}")
    return head + "{\n" + "\n".join(body) + "\n}\n\n"


def write(exchange: Exchange, out: Path, options: Options) -> list[Loss]:
    text, losses = to_text(exchange, options.lang)
    out.write_text(text, encoding="utf-8")
    return losses


# --- import ----------------------------------------------------------------------


def read(path: Path, problems: Problems, options: Options) -> Exchange:
    lang, bank_id = options.lang, options.bank_id
    raw = lms.read_capped(path, problems)
    text = raw.decode("utf-8-sig", errors="replace")
    exchange = Exchange()
    bank = lms.new_bank(bank_id, lang)
    ids: set[str] = set()
    for line, lines in _chunks(text):
        if len(bank.questions) >= MAX_QUESTIONS:
            problems.add(f"{path.name}:{line}", "too_many", limit=MAX_QUESTIONS)
            break
        try:
            q = _parse(lines, lang, exchange.losses, bank)
        except ValueError as exc:
            problems.add(f"{path.name}:{line}", "gift_parse", detail=str(exc))
            continue
        if q is None:
            continue
        if q.get("_skip"):
            exchange.losses.append(Loss(f"{path.name}:{line}", q["_skip"],
                                        say("skipped_type", problems.lang, value=q["_skip"])))  # fmt: skip
            continue
        lms.add_question(bank, ids, q)
    problems.raise_if_any()
    exchange.banks = [bank]
    return exchange


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            chunks.append((start, current))
            current = []
    if current:
        chunks.append((start, current))
    return chunks


def _post(text: str) -> str:
    for key, char in _BACK.items():
        text = text.replace(key, char)
    return text


def _text(value: str, losses: list[Loss], where: str, default: str = "moodle") -> str:
    """A text without its ``[format]`` mark; one without a mark has ``default``, which is
    the question text's format (as Moodle reads answers, feedback and prompts)."""
    value = value.strip()
    fmt = _FORMAT.match(value)
    if fmt:
        value = value[fmt.end() :]
    value = _post(value).strip()
    if (fmt.group(1) if fmt else default) == "html":
        value, lossy = lms.html_to_text(value)
        if lossy:
            losses.append(
                Loss(where, "text", "HTML markup other than paragraphs read as plain text")
            )
    return value


def _parse(lines: list[str], lang: str, losses: list[Loss], bank: Bank) -> Data | None:
    comments = "\n".join(x for x in lines if x.strip().startswith("//"))
    body = "\n".join(" " if x.strip().startswith("//") else x for x in lines).strip()
    if not body:
        return None
    body = body.replace("\\\\", "\x01092")
    for key, value in _ESCAPES.items():
        body = body.replace(key, value)
    body = body.replace("\x01092", "\\")
    if body.startswith("$CATEGORY:"):
        if not bank.questions:
            bank.meta["title"] = {lang: body[10:].strip().rstrip("/").split("/")[-1]}
        return None
    name = ""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end != -1:
            name, body = _post(body[2:end]).strip(), body[end + 2 :].strip()
    start, finish = body.find("{"), body.find("}")
    if start == -1 and finish == -1:
        return {"_skip": "description"}
    if start == -1 or finish == -1 or finish < start:
        raise ValueError("{ } do not match")
    answer = body[start + 1 : finish].strip()
    # as Moodle: answers inside the sentence leave a blank ("missing word" format)
    blank = "" if body.endswith("}") else "_____"
    question_text = body[:start] + blank + body[finish + 1 :]
    general = ""
    if "####" in answer:
        cut = answer.rfind("####")
        general, answer = answer[cut + 4 :], answer[:cut].strip()
    idm = re.search(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]", comments)
    tags = [m.strip() for m in re.findall(r"\[tag:((?:\\\]|[^\]\x00-\x1f])+)\]", comments)]
    where = (idm.group(1).strip() if idm else "") or name
    t = lms.lang_text
    q: Data = {"id": where if idm else lms.slug(name), "kind": "", "rules": []}
    qfmt = _FORMAT.match(question_text.strip())
    own = qfmt.group(1) if qfmt else "moodle"

    def tx(value: str) -> str:
        return _text(value, losses, where, own)

    q["text"] = t(tx(question_text), lang)
    q["explanation"] = t(tx(general), lang)

    def split_fb(item: str) -> tuple[str, dict[str, str]]:
        text, _, fb = item.partition("#")
        return tx(text), t(tx(fb), lang)

    if not answer:
        return {"_skip": "essay"}
    if answer[0] == ">":  # qtype_ordering's GIFT extension: options line, then the items
        q["type"] = "ordering"
        q["steps"] = [
            {"text": t(_text(x, losses, where), lang)}  # qtype_ordering: items are moodle format
            for x in answer.splitlines()[1:]
            if x.strip()
        ]
        if len(q["steps"]) < 3:
            raise ValueError("an ordering question needs at least three items")
    elif answer[0] == "#":
        q["type"] = "numeric"
        rest = answer[1:]
        wrong = ""
        if "~" in rest:
            rest, wrong = rest[: rest.find("~")], rest[rest.find("~") :]
        answers = [a.strip() for a in rest.split("=") if a.strip()]
        if not answers:
            raise ValueError("no numerical answer")
        item = answers[0]
        weight = _WEIGHT.match(item)
        if weight:
            item = item[weight.end() :]
        value, fb = split_fb(item)
        if ".." in value:
            low, high = (float(x) for x in value.split("..", 1))
            q["answer"], q["tolerance"] = (low + high) / 2, (high - low) / 2
        else:
            number, _, tol = value.partition(":")
            q["answer"] = _number(number)
            if tol and _number(tol):
                q["tolerance"] = _number(tol)
        q["feedback_correct"] = fb
        q["feedback_wrong"] = split_fb(wrong[1:])[1] if wrong else {}
        if len(answers) > 1:
            losses.append(Loss(where, "answer", "only the first numerical answer is kept"))
    elif "~" in answer:
        single = "=" in answer
        q["type"] = "single" if single else "multiple"
        items = [a.strip() for a in answer.replace("=", "~=").split("~") if a.strip()]
        if len(items) < 2:
            raise ValueError("a multiple-choice question needs at least two answers")
        q["options"] = []
        for i, item in enumerate(items):
            correct = False
            if item.startswith("="):
                correct, item = True, item[1:]
            else:
                weight = _WEIGHT.match(item)
                if weight:
                    correct, item = float(weight.group(1)) > 0, item[weight.end() :]
            text, fb = split_fb(item)
            q["options"].append({"id": chr(ord("a") + i), "text": t(text, lang), "correct": correct,
                                 "feedback": fb})  # fmt: skip
    elif "=" in answer and "->" in answer:
        q["type"] = "matching"
        targets: dict[str, str] = {}
        q["pairs"] = []
        for item in (a.strip() for a in answer.split("=") if a.strip()):
            if "->" not in item:
                raise ValueError("a matching answer needs '->'")
            prompt, _, target = item.partition("->")
            target_id = targets.setdefault(_post(target).strip(), chr(ord("a") + len(targets)))
            if prompt.strip():
                q["pairs"].append({"prompt": t(tx(prompt), lang), "answer": target_id,
                                   "feedback": {}})  # fmt: skip
        q["options"] = [{"id": i, "text": t(text, lang)} for text, i in targets.items()]
    else:
        word = answer.split("#", 1)[0].strip()
        if word not in ("T", "TRUE", "F", "FALSE"):
            return {"_skip": "shortanswer"}
        parts = answer.split("#", 2) + ["", ""]
        wrong_fb, right_fb = (
            t(tx(parts[1]), lang),
            t(tx(parts[2]), lang),
        )
        q["type"] = "truefalse"
        q["answer"] = word in ("T", "TRUE")
        q["feedback_true"], q["feedback_false"] = (
            (right_fb, wrong_fb) if q["answer"] else (wrong_fb, right_fb)
        )
    other = lms.apply_tags(q, tags)
    if other:
        losses.append(Loss(where, "tags", "tags kept out: " + ", ".join(other)))
    return q


def _number(value: str) -> int | float:
    number = float(value.strip())
    return int(number) if number.is_integer() else number
