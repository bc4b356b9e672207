"""Checks on names people type (display names, nicknames): short, printable, no tricks.

Markup is *allowed* in the text (someone may well call themselves ``<Ken>``)
and escaped wherever it is shown; control and format characters (including
bidi overrides and zero-width characters) are rejected because they can
disguise a name.
"""

from __future__ import annotations

import unicodedata

from chatdojo.cellsafety import defuse


class InputError(ValueError):
    """Something a user typed cannot be accepted; ``key`` names the message to show."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def clean_name(text: object, max_length: int) -> str:
    """The name trimmed and NFC-normalized, or InputError (empty, too long, control chars)."""
    if not isinstance(text, str):
        raise InputError("name_required", "a name is required")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise InputError("name_control", "the name contains control or invisible characters")
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise InputError("name_required", "a name is required")
    if len(name) > max_length:
        raise InputError("name_too_long", f"the name is longer than {max_length} characters")
    return name


def name_key(name: str) -> str:
    """The form two names are compared in: ``Ｔａｒｏ`` and ``taro`` are the same person."""
    return unicodedata.normalize("NFKC", name).casefold()


def csv_safe(value: object) -> object:
    """Defuse spreadsheet formulas in text cells (``=HYPERLINK(…)`` as a nickname)."""
    return defuse(value)
