"""The comparison table of 003 §2 as data: ``data/communication_methods.csv``.

One row per method. The scoring criteria read these columns instead of
hard-coding what each method can do, so a correction to the table is a
one-cell edit. Every problem is reported as ``path:line: message``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.errors import ContentError, ErrorSink
from chatdojo.i18n import Text

# The table's column order in 003 §2; also the tie-break order of the ranking.
METHOD_IDS: tuple[str, ...] = ("face_to_face", "web_meeting", "phone", "mail", "chat")

COLUMNS: tuple[str, ...] = (
    "id",
    "name_ja",
    "name_en",
    "contact",
    "nonverbal",
    "record",
    "sender_can_delete",
    "per_matter",
    "reach",
    "external",
    "delivery",
    "delivery_note_ja",
    "delivery_note_en",
    "real_time",
    "real_time_note_ja",
    "real_time_note_en",
    "uses",
    "note_ja",
    "note_en",
    "rules",
)

# Allowed values of the enumerated columns ("-" = not applicable).
CHOICES: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "contactless"),
    "nonverbal": ("none", "gestures", "stamps"),
    "record": ("none", "can_keep", "kept"),
    "sender_can_delete": ("yes", "no", "-"),
    "per_matter": ("yes", "no"),
    "reach": ("room", "selectable", "one_person"),
    "external": ("yes", "staff_first", "unspecified"),
    "delivery": ("◎", "○", "×"),
    "real_time": ("◎", "○", "×"),
}
USES: tuple[str, ...] = ("meeting", "consult", "data")
REQUIRED = ("id", "name_ja", "name_en", "note_ja", "note_en", "uses", *CHOICES)
DEFAULT_PATH = Path("data") / "communication_methods.csv"


@dataclass(frozen=True)
class Method:
    id: str
    name: Text
    contact: str
    nonverbal: str
    record: str
    sender_can_delete: str
    per_matter: bool
    reach: str
    external: str
    delivery: str
    delivery_note: Text
    real_time: str
    real_time_note: Text
    uses: tuple[str, ...]
    note: Text
    rules: tuple[str, ...]
    line: int


class TableError(ValueError):
    """The table could not be used; ``str()`` lists every problem, one per line."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _text(values: Mapping[str, str], stem: str) -> Text:
    return {"ja": values[f"{stem}_ja"], "en": values[f"{stem}_en"]}


def _row(
    values: dict[str, str],
    line: int,
    report: ErrorSink,
    path: Path,
    rules: Mapping[str, object] | None,
) -> Method | None:
    ok = True
    for column in REQUIRED:
        if not values[column]:
            report.add(path, line, f"column '{column}' is empty")
            ok = False
    for column, allowed in CHOICES.items():
        if values[column] and values[column] not in allowed:
            report.add(
                path,
                line,
                f"column '{column}' must be one of: {', '.join(allowed)} (found '{values[column]}')",
            )
            ok = False
    for stem in ("delivery_note", "real_time_note"):
        if bool(values[f"{stem}_ja"]) != bool(values[f"{stem}_en"]):
            report.add(path, line, f"'{stem}' needs both Japanese and English text, or neither")
            ok = False
    uses = tuple(values["uses"].split())
    for use in uses:
        if use not in USES:
            report.add(path, line, f"unknown use '{use}' (allowed: {', '.join(USES)})")
            ok = False
    rule_ids = tuple(values["rules"].split())
    for rule_id in rule_ids:
        if rules is not None and rule_id not in rules:
            report.add(path, line, f"unknown rule id '{rule_id}' (not in data/rules.csv)")
            ok = False
    if values["id"] and values["id"] not in METHOD_IDS:
        report.add(
            path, line, f"unknown method id '{values['id']}' (allowed: {', '.join(METHOD_IDS)})"
        )
        ok = False
    if not ok:
        return None
    return Method(
        id=values["id"],
        name=_text(values, "name"),
        contact=values["contact"],
        nonverbal=values["nonverbal"],
        record=values["record"],
        sender_can_delete=values["sender_can_delete"],
        per_matter=values["per_matter"] == "yes",
        reach=values["reach"],
        external=values["external"],
        delivery=values["delivery"],
        delivery_note=_text(values, "delivery_note"),
        real_time=values["real_time"],
        real_time_note=_text(values, "real_time_note"),
        uses=uses,
        note=_text(values, "note"),
        rules=rule_ids,
        line=line,
    )


def load_methods(
    path: Path, sink: ErrorSink, rules: Mapping[str, object] | None = None
) -> dict[str, Method]:
    """Rows keyed by id in ``METHOD_IDS`` order; problems go to ``sink``.

    ``rules`` (the rule catalogue), when given, is used to check the ``rules`` column.
    """
    methods: dict[str, Method] = {}
    seen: set[str] = set()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        sink.add(path, 1, "communication-method table not found")
        return methods
    except UnicodeDecodeError as exc:
        sink.add(path, 1, f"not UTF-8 text ({exc.reason})")
        return methods
    reader = csv.reader(text.splitlines())
    header = tuple(h.strip() for h in next(reader, []))
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        detail = "; ".join(
            part
            for part in (
                f"missing: {', '.join(missing)}" if missing else "",
                f"unknown: {', '.join(extra)}" if extra else "",
            )
            if part
        )
        sink.add(
            path,
            1,
            f"header must be: {','.join(COLUMNS)}"
            + (f" ({detail})" if detail else " (in this order)"),
        )
        return methods
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        seen.add(row[0].strip())
        if len(row) != len(COLUMNS):
            sink.add(path, line, f"expected {len(COLUMNS)} columns, found {len(row)}")
            continue
        values = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
        method = _row(values, line, sink, path, rules)
        if method is None:
            continue
        if method.id in methods:
            first = methods[method.id].line
            sink.add(path, line, f"duplicate method id '{method.id}' (first on line {first})")
            continue
        methods[method.id] = method
    missing_ids = [m for m in METHOD_IDS if m not in seen]
    if missing_ids:
        sink.add(path, 1, f"missing method row(s): {', '.join(missing_ids)}")
    return {m: methods[m] for m in METHOD_IDS if m in methods}


def read_table(
    root: Path | None = None, rules: Mapping[str, object] | None = None
) -> dict[str, Method]:
    """The whole table of a content root, or ``TableError`` naming every problem."""
    from chatdojo.content.catalog import default_root

    root = root or default_root()
    sink = ErrorSink(root)
    methods = load_methods(root / DEFAULT_PATH, sink, rules)
    if sink.errors or len(methods) != len(METHOD_IDS):
        raise TableError(sink.sorted())
    return methods
