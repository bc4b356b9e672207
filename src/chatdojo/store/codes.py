"""Codes people type and tokens links carry; only their hashes are stored.

Codes use an alphabet without look-alikes (no 0/O, 1/I/L) so they can be read
off a projector or a sticky note and typed on a phone.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 12  # 31**12 ≈ 7.9e17: the resume code is the learner's only key
RESUME_LENGTHS = (8, 12)  # codes issued before 12 characters stay valid
JOIN_LENGTH = 4  # read off the projector; unique among sessions, retried on collision
_NOT_CODE = re.compile(r"[^A-Z0-9]")


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_resume_code() -> str:
    return new_code(RESUME_LENGTH)


def new_token() -> str:
    """A secret for links (trainer dashboard, participant rejoin): ~128 bits."""
    return secrets.token_urlsafe(16)


def normalize_code(text: str | None) -> str:
    """What the user typed, as stored: upper case, no spaces or hyphens (``abcd-efgh`` → ``ABCDEFGH``).

    NFKC first: a Japanese keyboard gives full-width ``Ｑ６ＢＥ－…`` and ideographic spaces.
    """
    return _NOT_CODE.sub("", unicodedata.normalize("NFKC", (text or "")[:256]).upper())[:32]


def format_resume_code(code: str) -> str:
    """Groups of four for reading and copying: ``ABCD-EFGH-JKMN`` (old codes ``ABCD-EFGH``)."""
    if len(code) not in RESUME_LENGTHS:
        return code
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def is_resume_code(normalized: str) -> bool:
    """Whether a normalized code has the shape of a resume code (new or old length)."""
    return len(normalized) in RESUME_LENGTHS and all(c in ALPHABET for c in normalized)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def matches(secret: str | None, stored_hash: str | None) -> bool:
    """Constant-time comparison of a presented secret with a stored hash."""
    presented = digest(secret or "")
    return hmac.compare_digest(presented, stored_hash or "0" * 64) and bool(secret and stored_hash)
