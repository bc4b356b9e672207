"""Keep codes and tokens out of the server log (issue 22, item 10).

Tornado's access and error lines carry the full URL: ``429 GET /room/X/trainer?token=…``
put a trainer token into the log. A filter on Tornado's, Voila's and ChatDojo's loggers
replaces the values of secret-bearing query parameters, and the seat or kernel id of a
path, with ``***`` before any handler formats the line.
"""

from __future__ import annotations

import logging
import re

SECRET_PARAMS = ("token", "trainer", "learner", "seat", "code", "key", "_xsrf", "session_id")
_QUERY = re.compile(
    r"(?i)([?&;](?:" + "|".join(re.escape(p) for p in SECRET_PARAMS) + r")=)[^&\s\"'<>)]*"
)
# A kernel id in a path opens that page's kernel to whoever holds it.
_KERNEL = re.compile(r"(/api/kernels/|/api/shutdown/)[0-9a-fA-F-]{8,64}")
LOGGERS = (
    "tornado.access",
    "tornado.application",
    "tornado.general",
    "chatdojo",
    "chatdojo.room",
    "chatdojo.webguard",
    "Voila",
    "ChatDojoVoila",
    "ServerApp",
)


def redact(text: str) -> str:
    """``text`` with secret query values and kernel ids replaced by ``***``."""
    text = _QUERY.sub(r"\1***", text)
    return _KERNEL.sub(r"\1***", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactSecrets()


def install() -> None:
    """Attach the filter to every logger that writes request lines (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
