"""Every string of the live room's pages, Japanese first and English complete.

The texts themselves are data: ``chatdojo/strings/room.yml``.
"""

from __future__ import annotations

from chatdojo.i18n import Strings

TEXT = Strings.load("room")

tr = TEXT.tr


def settings_error(key: str, lang: str, **values: str) -> str:
    """Why a new room's settings were refused, in the trainer's language."""
    from chatdojo.store.live import MAX_TIME_LIMIT

    why = f"why_{key}" if f"why_{key}" in TEXT else "why_other"
    return tr("bad_settings", lang, why=tr(why, lang, max=MAX_TIME_LIMIT, **values))
