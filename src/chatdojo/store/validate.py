"""Checks on names people type (display names, nicknames): short, printable, no tricks.

Markup is *allowed* in the text (someone may well call themselves ``<Ken>``)
and escaped wherever it is shown. Refused, because they can disguise a name or
show nothing at all: control and format characters (bidi overrides, zero-width
characters), the other default-ignorable code points (U+3164 Hangul filler and
its kin), the braille blank U+2800, and names made only of combining marks.
Two nicknames that look alike (Cyrillic «аlice» beside «alice») compare equal in
:func:`name_key`, through the Unicode confusables table of ``confusable_homoglyphs``.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from chatdojo.cellsafety import defuse

KEY_MAX = 72  # the stored key's column width (models.Participant.nickname_key)
MAX_MARKS = 3  # combining marks on one letter (more is "Zalgo" text spilling over others)

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) minus what category C
# already catches: invisible, yet letters or marks to unicodedata.
_IGNORABLE = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0x2800, 0x2800),  # braille pattern blank (not ignorable, but shows nothing)
    (0x1D173, 0x1D17A),  # musical format symbols
)
_VARIATION = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))  # allowed after a visible character


class InputError(ValueError):
    """Something a user typed cannot be accepted; ``key`` names the message to show."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _within(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    point = ord(ch)
    return any(low <= point <= high for low, high in ranges)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch).startswith("C") or _within(ch, _IGNORABLE)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a Japanese font: wide, full-width and ambiguous count 2."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or _within(ch, _VARIATION):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
    return width


def _check_marks(name: str) -> None:
    """Refuse marks without a letter to sit on, and piles of them."""
    run = 0
    base = False
    for ch in name:
        mark = unicodedata.category(ch).startswith("M") or _within(ch, _VARIATION)
        if not mark:
            run, base = 0, base or not ch.isspace()
            continue
        run += 1
        if run > MAX_MARKS or not base:
            raise InputError("name_control", "the name has marks that belong to no letter")
    if not base:
        raise InputError("name_control", "the name has no visible character")


def clean_name(text: object, max_length: int, max_width: int | None = None) -> str:
    """The name trimmed and NFC-normalized, or InputError (empty, too long or too wide,
    invisible or control characters, only combining marks)."""
    if not isinstance(text, str):
        raise InputError("name_required", "a name is required")
    if any(_invisible(ch) for ch in text):
        raise InputError("name_control", "the name contains control or invisible characters")
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise InputError("name_required", "a name is required")
    if len(name) > max_length:
        raise InputError("name_too_long", f"the name is longer than {max_length} characters")
    _check_marks(name)
    if max_width is not None and display_width(name) > max_width:
        raise InputError("name_too_wide", f"the name is wider than {max_width} columns")
    return name


@cache
def _prototype(ch: str) -> str:
    """One stand-in for every character that looks like ``ch`` (the lowest code point)."""
    from confusable_homoglyphs import confusables

    alike = [h["c"] for h in confusables.confusables_data.get(ch, ()) if len(h["c"]) == 1]
    return min([ch, *alike])


def name_key(name: str) -> str:
    """The form two names are compared in: ``Ｔａｒｏ``, ``taro`` and ``tаro`` (Cyrillic а)
    are the same name (NFKC, case folded, each character by its look-alike prototype)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(_prototype(ch) for ch in folded)[:KEY_MAX]


def csv_safe(value: object) -> object:
    """Defuse spreadsheet formulas in text cells (``=HYPERLINK(…)`` as a nickname)."""
    return defuse(value)
