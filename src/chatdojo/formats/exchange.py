"""Import files into a pack and export banks: what the commands call.

``import_into`` reads every file (its format told by content), lays one-language
questions over the pack's existing ones, writes ``PACK/quizzes/<bank>.md`` (one
block per question, unchanged blocks untouched) and merges rules into
``PACK/data/rules.csv`` by id. Nothing is written when any file has a problem.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from chatdojo.content.facts import fill_any
from chatdojo.content.profiles import Profile
from chatdojo.formats import FORMATS, ONE_LANGUAGE, detect, lms
from chatdojo.formats.markdown import WriteResult, merge_text
from chatdojo.formats.messages import Problems
from chatdojo.formats.model import RULE_COLUMNS, Bank, Exchange, Loss, Options, canonical, read_bank
from chatdojo.formats.sheet import BANK_ID


@dataclass
class ImportReport:
    written: list[WriteResult] = field(default_factory=list)
    rules_added: list[str] = field(default_factory=list)
    rules_changed: list[str] = field(default_factory=list)
    rules_path: Path | None = None
    losses: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def rule_ids(path: Path) -> list[str]:
    if not path.is_file():
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932", errors="replace")
    return [row.get("id", "").strip() for row in csv.DictReader(io.StringIO(text))]


def known_rules(pack: Path, root: Path | None) -> list[str]:
    ids = rule_ids(pack / "data" / "rules.csv")
    if root is not None:
        ids += rule_ids(root / "data" / "rules.csv")
    return ids


def _rules_first(path: Path) -> int:
    """Rule sheets are read before question sheets, whatever the order given."""
    with path.open("rb") as handle:
        head = handle.readline(4096)
    return 0 if b"summary_ja" in head and b"row" not in head else 1


def read_files(paths: list[Path], problems: Problems, options: Options) -> list[Exchange]:
    """The files' contents, in the order given (rule sheets are read first)."""
    out: dict[Path, Exchange] = {}
    for path in sorted(paths, key=_rules_first):
        fmt = detect(path)
        if fmt is None:
            problems.add(path.name, "unknown_format")
            continue
        opts = Options(options.lang, options.bank_id or lms.slug(path.stem) or "imported",
                       options.known_rules, options.profiles)  # fmt: skip
        exchange = FORMATS[fmt].read(path, problems, opts)
        exchange.notes.insert(0, f"{path.name}: {fmt}")
        if fmt in ONE_LANGUAGE:
            exchange.notes.append(f"{path.name}: lang={options.lang}")
        out[path] = exchange
        # later files may cite rules an earlier file's rules sheet adds
        if options.known_rules is not None:
            options.known_rules.extend(r.get("id", "") for r in exchange.rules)
    problems.raise_if_any()
    return [out[path] for path in paths]


def import_into(
    paths: list[Path], pack: Path, options: Options, dry_run: bool = False, lang: str = "ja"
) -> ImportReport:
    """``lang``: the language of the problems reported; ``options.lang``: of the file's texts."""
    problems = Problems(lang)
    exchanges = read_files(paths, problems, options)
    report = ImportReport()
    quizzes = pack / "quizzes"
    pending: list[tuple[Path, str]] = []
    for exchange, path in zip(exchanges, paths, strict=True):
        report.losses.extend(exchange.losses)
        report.notes.extend(exchange.notes)
        one_lang = detect(path) in ONE_LANGUAGE
        for bank in exchange.banks:
            if not BANK_ID.fullmatch(bank.id):  # never a path outside PACK/quizzes
                problems.add(path.name, "bad_bank_id", value=bank.id)
                problems.raise_if_any()
            target = quizzes / f"{bank.id}.md"
            if one_lang:
                bank = _lay_over(bank, target, options.lang, report)
            text, result = merge_text(target, bank)
            report.written.append(result)
            if text is not None:
                pending.append((target, text))
    rules = [r for ex in exchanges for r in ex.rules]
    if rules:
        report.rules_path = pack / "data" / "rules.csv"
        text = _merge_rules(report.rules_path, rules, report)
        if text is not None:
            pending.append((report.rules_path, text))
    if not dry_run:
        for target, text in pending:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return report


def _lay_over(bank: Bank, target: Path, lang: str, report: ImportReport) -> Bank:
    """A one-language bank laid over the pack's bank of the same id, question by question."""
    if not target.exists():
        other = "en" if lang == "ja" else "ja"
        report.losses.append(Loss(bank.id, f"text.{other}", "the file holds one language: fill "
                                  "the other in a spreadsheet (chatdojo export xlsx) and import it"))  # fmt: skip
        return bank
    old = read_bank(target)
    by_id = {str(q.get("id")): q for q in old.questions}
    meta = dict(old.meta)
    questions = []
    for q in bank.questions:
        base = by_id.get(str(q["id"]))
        merged = lms.overlay(base, q, lang) if base is not None else None
        if base is not None and merged is None:
            report.losses.append(Loss(str(q["id"]), "question", "type or number of options differs "
                                      "from the pack's question: replaced, other language lost"))  # fmt: skip
        questions.append(merged if merged is not None else canonical(q))
    return Bank(meta, questions)


def _merge_rules(path: Path, rules: list[dict[str, str]], report: ImportReport) -> str | None:
    existing: list[dict[str, str]] = []
    if path.is_file():
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp932")
            report.notes.append(f"{path}: CP932 → UTF-8")
        existing = [dict(r) for r in csv.DictReader(io.StringIO(text))]
    index = {r.get("id", ""): i for i, r in enumerate(existing)}
    changed = False
    for rule in rules:
        row = {k: rule.get(k, "") for k in RULE_COLUMNS}
        if row["id"] in index:
            old = existing[index[row["id"]]]
            if {k: old.get(k, "") for k in RULE_COLUMNS} != row:
                existing[index[row["id"]]] = row
                report.rules_changed.append(row["id"])
                changed = True
        else:
            index[row["id"]] = len(existing)
            existing.append(row)
            report.rules_added.append(row["id"])
            changed = True
    if not changed:
        return None
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(RULE_COLUMNS), lineterminator="\n",
                            extrasaction="ignore")  # fmt: skip
    writer.writeheader()
    writer.writerows(existing)
    return buffer.getvalue()


def export(
    fmt: str,
    banks: list[Path],
    out: Path,
    options: Options,
    rules: Path | None = None,
    profile: Profile | None = None,
) -> list[Loss]:
    """Write ``banks`` in ``fmt``; with ``profile``, only its questions, facts filled in."""
    exchange = Exchange(banks=[read_bank(path) for path in banks])
    losses: list[Loss] = []
    if profile is not None:
        exchange.banks = [_for_profile(bank, profile, losses) for bank in exchange.banks]
    elif fmt in ONE_LANGUAGE:
        for bank in exchange.banks:
            losses += [
                Loss(
                    str(q.get("id")),
                    "facts",
                    "{{ fact }} left as written: export with "
                    "--profile ID to fill in that organization's facts",
                )  # fmt: skip
                for q in bank.questions
                if "{{" in json.dumps(q, ensure_ascii=False)
            ]
    if rules is not None and rules.is_file():
        raw = rules.read_bytes()
        exchange.rules = [dict(r) for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    return losses + FORMATS[fmt].write(exchange, out, options)


def _for_profile(bank: Bank, profile: Profile, losses: list[Loss]) -> Bank:
    keep = []
    for raw in bank.questions:
        q = canonical(raw)
        shown = (not q.get("profiles") or profile.id in q["profiles"]) and all(
            profile.policies.get(k) == v for k, v in q.get("when", {}).items()
        )
        if not shown:
            losses.append(Loss(q["id"], "question", f"not shown under profile {profile.id}"))
            continue
        keep.append(fill_any(q, profile))
    return Bank(bank.meta, keep)
