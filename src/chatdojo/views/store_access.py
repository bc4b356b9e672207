"""The results store as pages reach it, and what a page says when the store fails.

A page never shows a store error's own text (file paths, SQL): the error is
logged for the server's log and the page says, in its own language, what is
wrong and what still works.
"""

from __future__ import annotations

from typing import Any

from chatdojo.i18n import Strings

STORE_TEXT = Strings.load("views.store_access")

_t = STORE_TEXT.tr


def store_message(error: BaseException | str, lang: str) -> str:
    """A store failure as a sentence in the page's language (never the error's own text)."""
    from chatdojo.store.db import problem

    return _t(problem(error), lang)


class UsesStore:
    """Mixin for views that read or write results; the store opens on first use only."""

    _store: Any = None

    def store(self) -> Any:
        if self._store is None:
            from chatdojo.store.db import shared_store

            self._store = shared_store()
        return self._store
