"""The results store as pages reach it: passed in (tests) or opened once per kernel."""

from __future__ import annotations

from typing import Any


class UsesStore:
    """Mixin for views that read or write results; the store opens on first use only."""

    _store: Any = None

    def store(self) -> Any:
        if self._store is None:
            from chatdojo.store.db import shared_store

            self._store = shared_store()
        return self._store
