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


def _load_scenarios(catalog: Catalog, sink: ErrorSink) -> None:
    """Branching scenarios, ``quizzes/scenarios/*.md`` (imported lazily: keeps imports light)."""
    from chatdojo.scenario.loader import load_scenarios

    load_scenarios(catalog, sink)


LOADERS.append(_load_scenarios)


def _check_advisor(catalog: Catalog, sink: ErrorSink) -> None:
    """The advisor's method table and situation quiz (``data/communication_methods.csv``…)."""
    from chatdojo.advisor.check import check_advisor_content

    check_advisor_content(catalog, sink)


LOADERS.append(_check_advisor)
