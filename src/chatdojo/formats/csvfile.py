"""CSV: one sheet per file, the questions layout or the rules columns (told by the header).

Read as UTF-8 (with or without BOM), else CP932 (Japanese Excel's plain CSV), and
the choice is said. Written as UTF-8 with BOM and CRLF, which Excel opens as is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chatdojo.cellsafety import defuse
from chatdojo.formats.messages import Problems, say
from chatdojo.formats.model import MAX_FILE_BYTES, RULE_COLUMNS, Exchange, Loss, Options
from chatdojo.formats.sheet import (
    COLUMNS,
    KEYS,
    RowReader,
    bank_rows,
    header_key,
    header_row,
    undefuse,
)

NAME = "csv"
SUFFIXES = (".csv",)


def to_text(exchange: Exchange) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if exchange.banks:
        writer.writerow(header_row())
        for bank in exchange.banks:
            writer.writerows([defuse(v) for v in row] for row in bank_rows(bank))
    else:
        writer.writerow(RULE_COLUMNS)
        writer.writerows([defuse(rule.get(k, "")) for k in RULE_COLUMNS] for rule in exchange.rules)
    return buffer.getvalue()


def rules_path(out: Path) -> Path:
    """Where the rules go when banks and rules are written together (a CSV is one sheet)."""
    return out.with_name(f"{out.stem}-rules.csv")


def write(exchange: Exchange, out: Path, options: Options) -> list[Loss]:
    out.write_bytes(b"\xef\xbb\xbf" + to_text(exchange).encode("utf-8"))
    if exchange.banks and exchange.rules:
        rules_only = Exchange(rules=exchange.rules)
        rules_path(out).write_bytes(b"\xef\xbb\xbf" + to_text(rules_only).encode("utf-8"))
    return []


def decode(raw: bytes, problems: Problems, name: str) -> tuple[str, str]:
    """The text and which encoding was used (said to the user)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), say("utf8bom", problems.lang)
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8"), say("utf8", problems.lang)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("cp932"), say("cp932", problems.lang)
    except UnicodeDecodeError:
        try:  # neither: point at the first byte that is not UTF-8
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            start = exc.start
        line = raw[:start].count(b"\n") + 1
        problems.add(f"{name}:{line}", "encoding")
        problems.raise_if_any()
        raise


def read(path: Path, problems: Problems, options: Options) -> Exchange:
    try:
        return _read(path, problems, options)
    except csv.Error as exc:  # e.g. a field longer than the csv module allows
        problems.add(path.name, "bad_file", detail=str(exc))
        problems.raise_if_any()
        raise


def _read(path: Path, problems: Problems, options: Options) -> Exchange:
    known_rules = options.known_rules
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(path.name, "too_big", size=size, limit=MAX_FILE_BYTES)
        problems.raise_if_any()
    text, used = decode(path.read_bytes(), problems, path.name)
    exchange = Exchange(notes=[f"{path.name}: {used}"])
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    keys = [header_key(h) for h in header]
    if all(k in keys for k in RULE_COLUMNS) and "row" not in keys:
        exchange.rules = _rules(path, keys, rows, problems)
        problems.raise_if_any()
        return exchange
    columns = {k: i for i, k in enumerate(keys) if k in KEYS}
    missing = [k for k in ("row", "id", "ja", "en") if k not in columns]
    if missing:
        problems.add(f"{path.name}:1", "no_headers", columns=", ".join(missing))
        problems.raise_if_any()
    names = {key: ja for key, ja, _en in COLUMNS}

    def locate(row: int, key: str) -> str:
        col = columns.get(key, 0)
        return f"{path.name}:{row}:{_letter(col)} ({key}: {names.get(key, key)})"

    known = None if known_rules is None else list(known_rules)
    exchange.banks = RowReader(problems, locate, known).read(_cells(rows, columns))
    problems.raise_if_any()
    return exchange


def _cells(
    rows: Iterator[list[str]], columns: dict[str, int]
) -> Iterator[tuple[int, dict[str, Any]]]:
    for rownum, row in enumerate(rows, start=2):
        yield rownum, {k: row[i] if i < len(row) else "" for k, i in columns.items()}


def _rules(
    path: Path, keys: list[str], rows: Iterator[list[str]], problems: Problems
) -> list[dict[str, str]]:
    out = []
    for rownum, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        rule = {
            k: undefuse(row[keys.index(k)].strip()) if keys.index(k) < len(row) else ""
            for k in RULE_COLUMNS
        }
        if "\u3000" in rule["id"]:
            problems.add(f"{path.name}:{rownum}:A (id)", "fullwidth_space", value=rule["id"])
        out.append(rule)
    return out


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
