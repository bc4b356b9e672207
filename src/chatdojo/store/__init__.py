"""Results that last: learners' progress, live sessions and their answers in a database.

``open_store()`` opens (and migrates) the database; the modules next to it hold
the operations, each over a :class:`~chatdojo.store.db.Store`. Nothing here
imports widgets.
"""

from chatdojo.store.db import Store, StoreError, open_store, shared_store

__all__ = ["Store", "StoreError", "open_store", "shared_store"]
