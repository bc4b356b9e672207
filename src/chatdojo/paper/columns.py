"""Which spreadsheet column is which: template names, aliases and user mappings.

Headers are compared after NFKC normalisation, trimming and lower-casing, so
full-width letters, stray spaces and "Sheets" vs "sheets" never cause an error.
A mapping (dict or small YAML file) names the columns of other layouts, such as a
copier counter export; see ``data/paper/mapping_copier_counter.yml``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatdojo.paper.errors import IssueCollector, PaperInputError

FIELDS = ("department", "month", "sheets", "cost", "color", "mono_sheets", "color_sheets")
IGNORE = "ignore"
"""A mapping target that leaves a column out (used by the dashboard's column editor)."""
TEMPLATE_JA = {"department": "部署", "month": "年月", "sheets": "枚数", "cost": "金額"}

ALIASES: dict[str, tuple[str, ...]] = {
    "department": (
        "部署",
        "部署名",
        "所属",
        "所属名",
        "課",
        "課名",
        "部課名",
        "所属課",
        "担当課",
        "部局",
        "設置部署",
        "department",
        "dept",
        "section",
        "division",
    ),
    "month": (
        "年月",
        "対象月",
        "対象年月",
        "月",
        "集計月",
        "集計年月",
        "使用月",
        "利用月",
        "請求月",
        "month",
        "year_month",
        "yyyy-mm",
        "period",
    ),
    "sheets": (
        "枚数",
        "使用枚数",
        "印刷枚数",
        "総枚数",
        "カウンター",
        "カウンタ",
        "使用量",
        "sheets",
        "sheet_count",
        "pages",
        "count",
    ),
    "cost": (
        "金額",
        "費用",
        "料金",
        "請求額",
        "請求金額",
        "使用料",
        "使用料金",
        "費用額",
        "cost",
        "amount",
        "yen",
    ),
    "color": ("カラー区分", "色区分", "モノクロ/カラー", "color", "colour", "color_mode"),
    "mono_sheets": (
        "モノクロ枚数",
        "白黒枚数",
        "モノクロ",
        "白黒",
        "モノクロカウンター",
        "白黒カウンター",
        "モノクロカウンタ",
        "白黒カウンタ",
        "mono_sheets",
        "mono",
    ),
    "color_sheets": (
        "カラー枚数",
        "カラー",
        "カラーカウンター",
        "カラーカウンタ",
        "color_sheets",
        "colour_sheets",
    ),
}
UNIT_RE = re.compile(r"\s*[(\[【<（][^)\]】>）]*[)\]】>）]\s*$")

MONO_VALUES = frozenset({"mono", "monochrome", "bw", "b&w", "black", "モノクロ", "白黒", "モノ"})
COLOR_VALUES = frozenset({"color", "colour", "full color", "カラー", "フルカラー"})


def normalize(text: object) -> str:
    """Compare-friendly form of a header or a category value."""
    return unicodedata.normalize("NFKC", str(text)).strip().lower()


def header_key(text: object) -> str:
    """A header without its unit: ``金額（円）`` and ``使用枚数 [枚]`` compare as 金額, 使用枚数."""
    key = normalize(text)
    bare = UNIT_RE.sub("", key).strip()
    return bare or key


_ALIAS_TO_FIELD = {normalize(a): f for f, names in ALIASES.items() for a in names}


def field_name(text: str) -> str | None:
    """Canonical field for a header or a field name, or ``None``."""
    for key in dict.fromkeys((normalize(text), header_key(text))):
        if key in FIELDS:
            return key
        if key in _ALIAS_TO_FIELD:
            return _ALIAS_TO_FIELD[key]
    return None


def display_name(field_key: str) -> str:
    """``枚数 / sheets`` — both names, since users fill either template."""
    ja = TEMPLATE_JA.get(field_key, ALIASES[field_key][0])
    return f"{ja} / {field_key}"


@dataclass(frozen=True)
class ColumnMapping:
    """Source header → field, plus an optional yen-per-sheet price when cost is absent."""

    columns: dict[str, str] = field(default_factory=dict)
    unit_cost: dict[str, float] = field(default_factory=dict)
    source: str = "mapping"
    factors: dict[str, float] = field(default_factory=dict)  # header -> A4 sheets per count


SUMMABLE = frozenset({"sheets", "mono_sheets", "color_sheets", "cost"})
"""Fields a mapping may give several columns for (e.g. A4 and A3 counters); they are added."""


def parse_mapping(raw: Mapping[str, Any] | None, source: str = "mapping") -> ColumnMapping:
    """Accept ``{"設置部署": "department", ...}`` or ``{"columns": {...}, "unit_cost": ...}``."""
    if raw is None:
        return ColumnMapping(source=source)
    if not isinstance(raw, Mapping):
        raise PaperInputError.single(
            source, "a mapping must be a dictionary of 'source column: field'"
        )
    body = raw.get("columns", raw)
    if not isinstance(body, Mapping):
        raise PaperInputError.single(source, "'columns' must map source column names to fields")
    issues = IssueCollector(source)
    columns: dict[str, str] = {}
    factors: dict[str, float] = {}
    for src, target in dict(body).items():
        if src == "unit_cost":
            continue
        if isinstance(target, Mapping):  # {field: mono_sheets, sheets_per_count: 2} (A3)
            factor = target.get("sheets_per_count", 1)
            if not isinstance(factor, int | float) or isinstance(factor, bool) or factor <= 0:
                issues.add(
                    "sheets_per_count must be a number above 0, not '{value}'",
                    column=str(src),
                    value=factor,
                )
            else:
                factors[normalize(src)] = float(factor)
            target = target.get("field", "")
        target_field = IGNORE if normalize(target) == IGNORE else field_name(str(target))
        if target_field is None:
            close = difflib.get_close_matches(str(target), FIELDS, n=1)
            if close:
                issues.add(
                    "unknown field '{target}'; did you mean {close}?",
                    column=str(src),
                    target=target,
                    close=close[0],
                )
            else:
                issues.add(
                    "unknown field '{target}'; use one of {fields}",
                    column=str(src),
                    target=target,
                    fields=", ".join(FIELDS),
                )
        else:
            columns[normalize(src)] = target_field
    unit_cost = _parse_unit_cost(raw.get("unit_cost"), issues)
    issues.raise_if_any()
    return ColumnMapping(columns, unit_cost, source, factors)


def _parse_unit_cost(raw: Any, issues: IssueCollector) -> dict[str, float]:
    """``unit_cost: 2.5`` (all sheets) or ``{mono: 1.5, color: 12}`` in yen per sheet."""
    if raw is None:
        return {}
    if isinstance(raw, int | float):
        return {"mono": float(raw), "color": float(raw)}
    if isinstance(raw, Mapping):
        out: dict[str, float] = {}
        for key, value in raw.items():
            kind = (
                "mono"
                if normalize(key) in MONO_VALUES
                else "color"
                if normalize(key) in COLOR_VALUES
                else None
            )
            if kind is None or not isinstance(value, int | float) or value < 0:
                issues.add(
                    "unit_cost entry '{key}: {value}' must be mono or color with a yen amount >= 0",
                    key=key,
                    value=value,
                )
            else:
                out[kind] = float(value)
        return out
    issues.add("unit_cost must be a number or {mono: yen, color: yen}")
    return {}


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a YAML mapping file (a plain dict, or with ``columns:`` and ``unit_cost:``)."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise PaperInputError.single(
            str(path), "cannot read mapping file: {reason}", reason=exc.strerror
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PaperInputError.single(
            str(path), "not a valid UTF-8 YAML mapping: {reason}", reason=exc
        ) from None
    return parse_mapping(raw, str(path))


def resolve_headers(
    headers: list[str], mapping: ColumnMapping, collector: IssueCollector, *, row: int = 1
) -> dict[str, int]:
    """Field → column position; reports missing, misnamed and doubled columns on the header row."""
    found: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for pos, header in enumerate(headers):
        key = normalize(header)
        if mapping.columns.get(key) == IGNORE:
            continue
        target = (
            mapping.columns.get(key)
            or mapping.columns.get(header_key(header))
            or field_name(header)
        )
        if target is None:
            if key:
                unknown.append((pos, header))
            continue
        if target in found and target in SUMMABLE and key in mapping.columns:
            continue  # an extra counter column named in the mapping: added up (summed_columns)
        if target in found:
            collector.add(
                "second column for {field} (first is '{first}'); keep one",
                row=row,
                column=header,
                field=display_name(target),
                field_ja=TEMPLATE_JA.get(target, ALIASES[target][0]),
                first=headers[found[target]],
            )
            continue
        found[target] = pos
    required = ["department", "month"]
    if "sheets" not in found and not {"mono_sheets", "color_sheets"} <= set(found):
        required.append("sheets")
    if "cost" not in found and not mapping.unit_cost:
        required.append("cost")
    for missing in (f for f in required if f not in found):
        _report_missing(missing, unknown, headers, collector, row)
    return found


def summed_columns(
    headers: list[str], mapping: ColumnMapping, found: dict[str, int]
) -> dict[str, list[tuple[int, float]]]:
    """Field -> every (position, factor) to add up: the found column plus mapped extras."""
    out: dict[str, list[tuple[int, float]]] = {}
    for target, first in found.items():
        out[target] = [(first, mapping.factors.get(normalize(headers[first]), 1.0))]
    for pos, header in enumerate(headers):
        key = normalize(header)
        extra = mapping.columns.get(key)
        if extra is not None and extra in SUMMABLE and extra in found and pos != found[extra]:
            out[extra].append((pos, mapping.factors.get(key, 1.0)))
    return out


def _report_missing(
    missing: str,
    unknown: list[tuple[int, str]],
    headers: list[str],
    collector: IssueCollector,
    row: int = 1,
) -> None:
    """Name the unrecognised header that was probably meant, or list what was found."""
    names = [normalize(a) for a in ALIASES[missing]] + [missing]
    for _pos, header in unknown:
        close = difflib.get_close_matches(normalize(header), names, n=1, cutoff=0.5)
        if close or any(n in normalize(header) for n in names if len(n) >= 2):
            ja = TEMPLATE_JA.get(missing, ALIASES[missing][0])
            guess, other = (missing, ja) if header.isascii() else (ja, missing)
            collector.add(
                "column name not recognised; did you mean '{guess}' ({other})?"
                " Rename the header or choose the column's meaning on the page (CLI: --mapping)",
                row=row,
                column=header,
                guess=guess,
                other=other,
                guess_ja=ja,
            )
            return
    shown = ", ".join(h for h in headers if h.strip()) or "—"
    collector.add(
        "required column {field} is missing; found columns: {shown}",
        row=row,
        column=TEMPLATE_JA.get(missing, missing),
        field=display_name(missing),
        field_ja=TEMPLATE_JA.get(missing, ALIASES[missing][0]),
        shown=shown,
    )
