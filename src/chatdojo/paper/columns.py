"""Which spreadsheet column is which: template names, aliases and user mappings.

Headers are compared after NFKC normalisation, trimming and lower-casing, so
full-width letters, stray spaces and "Sheets" vs "sheets" never cause an error.
A mapping (dict or small YAML file) names the columns of other layouts, such as a
copier counter export; see ``data/paper/mapping_copier_counter.yml``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatdojo.paper.errors import IssueCollector, PaperInputError

FIELDS = ("department", "month", "sheets", "cost", "color", "mono_sheets", "color_sheets")
TEMPLATE_JA = {"department": "部署", "month": "年月", "sheets": "枚数", "cost": "金額"}

ALIASES: dict[str, tuple[str, ...]] = {
    "department": ("部署", "部署名", "所属", "所属名", "課", "department", "dept", "section"),
    "month": ("年月", "対象月", "月", "month", "year_month", "yyyy-mm"),
    "sheets": ("枚数", "使用枚数", "印刷枚数", "sheets", "sheet_count"),
    "cost": ("金額", "費用", "料金", "cost", "amount", "yen"),
    "color": ("カラー区分", "色区分", "color", "colour", "color_mode"),
    "mono_sheets": ("モノクロ枚数", "白黒枚数", "mono_sheets", "mono"),
    "color_sheets": ("カラー枚数", "color_sheets", "colour_sheets"),
}

MONO_VALUES = frozenset({"mono", "monochrome", "bw", "b&w", "black", "モノクロ", "白黒", "モノ"})
COLOR_VALUES = frozenset({"color", "colour", "full color", "カラー", "フルカラー"})


def normalize(text: object) -> str:
    """Compare-friendly form of a header or a category value."""
    return unicodedata.normalize("NFKC", str(text)).strip().lower()


_ALIAS_TO_FIELD = {normalize(a): f for f, names in ALIASES.items() for a in names}


def field_name(text: str) -> str | None:
    """Canonical field for a header or a field name, or ``None``."""
    key = normalize(text)
    return key if key in FIELDS else _ALIAS_TO_FIELD.get(key)


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
    for src, target in dict(body).items():
        if src == "unit_cost":
            continue
        target_field = field_name(str(target))
        if target_field is None:
            close = difflib.get_close_matches(str(target), FIELDS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; use one of {', '.join(FIELDS)}"
            issues.add(f"unknown field '{target}'{hint}", column=str(src))
        else:
            columns[normalize(src)] = target_field
    unit_cost = _parse_unit_cost(raw.get("unit_cost"), issues)
    issues.raise_if_any()
    return ColumnMapping(columns, unit_cost, source)


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
                    f"unit_cost entry '{key}: {value}' must be mono or color with a yen amount >= 0"
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
            str(path), f"cannot read mapping file: {exc.strerror}"
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PaperInputError.single(str(path), f"not a valid UTF-8 YAML mapping: {exc}") from None
    return parse_mapping(raw, str(path))


def resolve_headers(
    headers: list[str], mapping: ColumnMapping, collector: IssueCollector
) -> dict[str, int]:
    """Field → column position; reports missing, misnamed and doubled columns on row 1."""
    found: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for pos, header in enumerate(headers):
        key = normalize(header)
        target = mapping.columns.get(key) or field_name(header)
        if target is None:
            if key:
                unknown.append((pos, header))
            continue
        if target in found:
            collector.add(
                f"second column for {display_name(target)} (first is '{headers[found[target]]}'); keep one",
                row=1,
                column=header,
            )
            continue
        found[target] = pos
    required = ["department", "month"]
    if "sheets" not in found and not {"mono_sheets", "color_sheets"} <= set(found):
        required.append("sheets")
    if "cost" not in found and not mapping.unit_cost:
        required.append("cost")
    for missing in (f for f in required if f not in found):
        _report_missing(missing, unknown, headers, collector)
    return found


def _report_missing(
    missing: str, unknown: list[tuple[int, str]], headers: list[str], collector: IssueCollector
) -> None:
    """Name the unrecognised header that was probably meant, or list what was found."""
    names = [normalize(a) for a in ALIASES[missing]] + [missing]
    for _pos, header in unknown:
        close = difflib.get_close_matches(normalize(header), names, n=1, cutoff=0.5)
        if close or any(n in normalize(header) for n in names if len(n) >= 2):
            ja = TEMPLATE_JA.get(missing, ALIASES[missing][0])
            guess, other = (missing, ja) if header.isascii() else (ja, missing)
            collector.add(
                f"column name not recognised; did you mean '{guess}' ({other})?"
                " Rename the header or pass a column mapping",
                row=1,
                column=header,
            )
            return
    shown = ", ".join(h for h in headers if h.strip()) or "(none)"
    collector.add(
        f"required column {display_name(missing)} is missing; found columns: {shown}",
        row=1,
        column=TEMPLATE_JA.get(missing, missing),
    )
