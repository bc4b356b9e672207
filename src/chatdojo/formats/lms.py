"""What Moodle XML and GIFT share: one language per file, metadata in tags, overlay.

A Moodle question carries one language; ChatDojo's keys that Moodle has no
field for travel as tags (``kind-situation``, ``rule-003-2-01``,
``profile-aisho-town``, ``when-after_hours=allowed``). On import into a pack
that already has the question (same id, same type and shape), the file's
language is laid over the existing question, so the other language and the
fields Moodle cannot carry (policy note, per-pair feedback…) stay as they were.
"""

from __future__ import annotations

import copy
import html
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from chatdojo.formats.messages import Problems
from chatdojo.formats.model import MAX_FILE_BYTES, Bank, Data, Loss, canonical

TAG_PREFIXES = ("kind-", "rule-", "profile-", "when-")
# The shares Moodle's importer accepts as grades (question_bank::fraction_options_full():
# 1/n for n = 1…10 and 20, among others): n right answers of a multiple question get 100/n.
MOODLE_SHARES = (*range(1, 11), 20)


def tags_for(q: Data) -> list[str]:
    tags = [f"kind-{q['kind']}"] if q.get("kind") else []
    tags += [f"rule-{r}" for r in q.get("rules", [])]
    tags += [f"profile-{p}" for p in q.get("profiles", [])]
    tags += [f"when-{k}={v}" for k, v in q.get("when", {}).items()]
    return tags


def apply_tags(q: Data, tags: list[str]) -> list[str]:
    """Fill kind, rules, profiles and when from tags; return the other tags."""
    other = []
    for tag in tags:
        if tag.startswith("kind-"):
            q["kind"] = tag[5:]
        elif tag.startswith("rule-"):
            q.setdefault("rules", []).append(tag[5:])
        elif tag.startswith("profile-"):
            q.setdefault("profiles", []).append(tag[8:])
        elif tag.startswith("when-") and "=" in tag:
            key, _, value = tag[5:].partition("=")
            q.setdefault("when", {})[key] = value
        else:
            other.append(tag)
    return other


def export_losses(q: Data, lang: str, fmt: str) -> list[Loss]:
    """What a Moodle file cannot hold of this question (besides the other language)."""
    where = str(q["id"])
    out = []
    if q.get("policy_note") is not None:
        out.append(
            Loss(where, "policy_note", "Moodle has no field for the note on whose rule it is")
        )
    if q["type"] == "matching" and any(p.get("feedback") for p in q.get("pairs", [])):
        out.append(Loss(where, "pairs.feedback", "Moodle matching has no per-pair feedback"))
    if q["type"] == "matching" and (len(q["pairs"]) < 2 or len(q["options"]) < 3):
        out.append(Loss(where, "options", "Moodle's matching editor asks for at least 2 "
                        "prompts and 3 answers: add a target before editing it in Moodle"))  # fmt: skip
    if fmt == "gift" and q["type"] == "numeric" and q.get("unit"):
        out.append(Loss(where, "unit", "GIFT numerical has no unit"))
    if fmt == "gift" and q["type"] == "ordering":
        out.append(Loss(where, "question", "GIFT has no ordering type (use Moodle XML)"))
    if fmt == "gift" and q["type"] == "matching" and any("->" in one(p["prompt"], lang)
                                                         for p in q["pairs"]):  # fmt: skip
        out.append(Loss(where, "question", "GIFT cannot hold '->' in a matching prompt "
                        "(Moodle splits the pair there): use Moodle XML"))  # fmt: skip
    default_ids = [chr(ord("a") + i) for i in range(len(q.get("options", [])))]
    if q["type"] in ("single", "multiple") and [o["id"] for o in q["options"]] != default_ids:
        out.append(Loss(where, "options.id", "option ids are not carried (a, b, c… on import)"))
    right = sum(o["correct"] for o in q.get("options", [])) if q["type"] == "multiple" else 1
    if right not in MOODLE_SHARES:
        out.append(Loss(where, "options.correct", f"Moodle grades a right answer 100/n only for "
                        f"n = 1–10 or 20; with {right} right answers it refuses the question"))  # fmt: skip
    return out


def one(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return str(text.get(lang, ""))
    return "" if text is None else str(text)


def lang_text(value: str, lang: str) -> dict[str, str]:
    return {lang: value.strip()}


_BLOCK = re.compile(r"</(p|div|li|h[1-6])\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")


def html_to_text(value: str) -> tuple[str, bool]:
    """Moodle HTML as plain text; True when markup other than paragraphs was dropped."""
    if "<" not in value:
        return html.unescape(value).strip(), False
    text = _BLOCK.sub("\n", value)
    tags = _TAG.findall(text)
    lossy = any(not re.match(r"</?(p|div|span|br)\b", t, re.I) for t in tags)
    text = html.unescape(_TAG.sub("", text))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip(), lossy


def overlay(old: Data, new: Data, lang: str) -> Data | None:
    """``old`` with ``new``'s texts in ``lang`` and its answers; None when shapes differ."""
    a, b = canonical(old), canonical(new)
    if a["type"] != b["type"]:
        return None
    for key in ("options", "pairs", "steps"):
        if len(a.get(key, [])) != len(b.get(key, [])):
            return None
    result = copy.deepcopy(a)
    if a["type"] == "matching":
        old_ids = {one(o["text"], lang): o["id"] for o in a["options"]}
        new_ids = {o["id"]: one(o["text"], lang) for o in b["options"]}
        if set(old_ids) != set(new_ids.values()):
            return None
        for pair in b["pairs"]:
            pair["answer"] = old_ids[new_ids[pair["answer"]]]
        b["options"] = sorted(b["options"], key=lambda o: list(old_ids).index(one(o["text"], lang)))
        for o in b["options"]:
            o["id"] = old_ids[one(o["text"], lang)]
    if a["type"] in ("single", "multiple"):
        for o_new, o_old in zip(b["options"], a["options"], strict=True):
            o_new["id"] = o_old["id"]
    _lay(result, b, lang)
    for key in ("kind", "rules", "profiles", "when"):
        if new.get(key):
            result[key] = b[key]
    return canonical(result)


def _lay(target: Any, source: Any, lang: str) -> None:
    if isinstance(source, dict):
        for key, value in source.items():
            if _is_text(value):
                if value.get(lang):
                    if not isinstance(target.get(key), dict):
                        target[key] = {}
                    target[key][lang] = value[lang]
            elif isinstance(value, list | dict) and key in target:
                _lay(target[key], value, lang)
            elif key in ("answer", "correct", "tolerance", "id"):
                target[key] = value
    elif isinstance(source, list):
        for t_item, s_item in zip(target, source, strict=False):
            _lay(t_item, s_item, lang)


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"ja", "en"}


def fraction_text(value: float) -> str:
    """A Moodle grade in percent: 100, 50, 33.33333, -50."""
    return str(int(value)) if value == int(value) else f"{value:.5f}"


def number_text(value: Any) -> str:
    """A number written out in full: Moodle stores the answer text as given, so ``12345.67``
    must not become ``12345.7`` (``format(x, "g")`` keeps six digits) nor ``1e-07``."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def slug(name: str) -> str:
    keep = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.lower()).strip("-")
    return "-".join(part for part in keep.split("-") if part)[:40]


def question_name(q: Data, lang: str) -> str:
    """The name Moodle lists a question by: its id and the start of its text."""
    text = " ".join(one(q.get("text"), lang).split())
    return f"{q['id']} {text[:40]}{'…' if len(text) > 40 else ''}".strip()


def grade(q: Data, option: Data) -> float:
    """An option's grade in percent, as both Moodle formats write it: the one answer of a
    single-answer question 100 and the others 0; with n right answers, 100/n and -100/n."""
    if q["type"] == "single":
        return 100.0 if option["correct"] else 0.0
    share = 100.0 / max(1, sum(o["correct"] for o in q["options"]))
    return share if option["correct"] else -share


def read_capped(path: Path, problems: Problems) -> bytes:
    """The file's bytes; a file over MAX_FILE_BYTES is a problem, raised at once."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.add(path.name, "too_big", size=len(raw), limit=MAX_FILE_BYTES)
        problems.raise_if_any()
    return raw


def new_bank(bank_id: str, lang: str) -> Bank:
    return Bank({"id": bank_id, "title": {lang: bank_id}, "topic": bank_id}, [])


def add_question(bank: Bank, ids: set[str], q: Data) -> None:
    """Append ``q`` under a unique id: its own, else ``<bank>-001``… by position; a clash
    gets ``-2``, ``-3``…"""
    base = q["id"] or f"{bank.id}-{len(bank.questions) + 1:03d}"
    qid, n = base, 1
    while qid in ids:
        n += 1
        qid = f"{base}-{n}"
    q["id"] = qid
    ids.add(qid)
    bank.questions.append(q)
