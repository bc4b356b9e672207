"""Form fields of the room's pages, parsed and bounded (anyone on the network may post)."""

from __future__ import annotations

from chatdojo.store.live import LiveError


def whole_number(text: str, default: int | None = None) -> int | None:
    """A non-negative whole number of at most 9 digits; ``default`` when the field is empty."""
    text = (text or "").strip()
    if not text:
        return default
    if not text.isdigit() or not text.isascii() or len(text) > 9:
        raise LiveError("bad_number", f"{text[:20]!r} is not a whole number")
    return int(text)
