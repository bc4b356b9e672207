"""Refuse request bodies nested deeper than any real form or answer needs.

``json.loads`` recurses once per ``[`` or ``{``: a 16 KiB body of brackets raised
``RecursionError`` (a 500 and a traceback in the log per request; issue 22, item 12).
Counting brackets outside strings first is cheap (one regular expression pass).
"""

from __future__ import annotations

import re

MAX_DEPTH = 32
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def depth(body: bytes) -> int:
    """How deep ``[``/``{`` nest in ``body``, strings not counted."""
    level = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", body)):
        if bracket in (b"[", b"{"):
            level += 1
            deepest = max(deepest, level)
        else:
            level = max(0, level - 1)
    return deepest


def too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    if body.count(b"[") + body.count(b"{") <= limit:  # the usual answer: nothing to scan
        return False
    return depth(body) > limit
