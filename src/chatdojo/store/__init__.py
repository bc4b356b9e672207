"""Results that last: learners' progress, live sessions and their answers in a database.

``open_store()`` opens (and migrates) the database; the modules next to it hold
the operations, each over a :class:`~chatdojo.store.db.Store`. Nothing here
imports widgets. SQLAlchemy is imported only when a database is actually used,
so pages that never touch one (a live page before a code is entered) start fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Store", "StoreError", "open_store", "shared_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from chatdojo.store import db

        return getattr(db, name)
    raise AttributeError(f"module 'chatdojo.store' has no attribute {name!r}")
