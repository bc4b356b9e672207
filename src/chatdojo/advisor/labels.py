"""Japanese and English wording of the table's coded values, for pages and reports."""

from __future__ import annotations

from chatdojo.advisor.table import Method
from chatdojo.i18n import Strings, Text, pick

VALUES: dict[str, dict[str, Text]] = {
    "contact": {
        "contact": {"ja": "接触", "en": "In person"},
        "contactless": {"ja": "非接触", "en": "Contactless"},
    },
    "nonverbal": {
        "none": {"ja": "言葉のみ", "en": "Words only"},
        "gestures": {"ja": "言葉＋身ぶり", "en": "Words + gestures"},
        "stamps": {"ja": "言葉＋スタンプ", "en": "Words + stamps"},
    },
    "record": {
        "none": {"ja": "残らない", "en": "Not kept"},
        "can_keep": {"ja": "残せる", "en": "Can be kept"},
        "kept": {"ja": "残る・蓄積される", "en": "Kept and builds up"},
    },
    "reach": {
        "room": {"ja": "部屋の広さしだい", "en": "As many as the room holds"},
        "selectable": {"ja": "範囲を選べる", "en": "You choose who"},
        "one_person": {"ja": "1人", "en": "One person"},
    },
    "external": {
        "yes": {"ja": "外部とも可", "en": "Outsiders too"},
        "staff_first": {"ja": "職員間が基本", "en": "Staff first"},
        "unspecified": {"ja": "表に記載なし", "en": "Not stated"},
    },
}

COLUMNS = Strings.load("advisor.columns")

# Extra notes of the record column.
EXTRAS = Strings.load("advisor.extras")

USES = Strings.load("advisor.uses")


def cell(method: Method, column: str, lang: str) -> str:
    """One cell of the comparison table as plain text (the caller escapes it)."""
    if column == "record":
        parts = [pick(VALUES["record"][method.record], lang)]
        if method.sender_can_delete in EXTRAS:
            parts.append(pick(EXTRAS[method.sender_can_delete], lang))
        if method.per_matter:
            parts.append(pick(EXTRAS["per_matter"], lang))
        return ("、" if lang == "ja" else "; ").join(parts)
    if column in VALUES:
        return pick(VALUES[column][getattr(method, column)], lang)
    if column in ("delivery", "real_time"):
        note = pick(getattr(method, f"{column}_note"), lang)
        return f"{getattr(method, column)} {note}".strip()
    if column == "uses":
        return ("、" if lang == "ja" else ", ").join(pick(USES[u], lang) for u in method.uses)
    raise KeyError(column)
