"""Registry of extra content loaders (e.g. scenarios), run after guides and banks.

Each loader is ``loader(catalog, sink) -> None``: it fills its part of the
catalog and reports problems into the sink.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatdojo.content.catalog import Catalog
    from chatdojo.content.errors import ErrorSink

Loader = Callable[["Catalog", "ErrorSink"], None]

LOADERS: list[Loader] = []
