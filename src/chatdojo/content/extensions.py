"""Content plugins: what the engines add to a catalogue, found by name.

Content is the lowest layer and imports no engine. The engines' parts of a
catalogue (question types, the scenario loader, the advisor's checks) are named
in ``chatdojo.CONTENT_PLUGINS`` (the application's composition root) as
``"module:attribute"`` and imported here the first time a catalogue is built.

A loader is ``loader(catalog, sink) -> None``: it fills its part of the catalogue
and reports problems into the sink. Tests may add loaders to ``LOADERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

import chatdojo

if TYPE_CHECKING:
    from chatdojo.content.errors import ErrorSink
    from chatdojo.content.model import Catalog
    from chatdojo.content.questions import QuestionParser

Loader = Callable[["Catalog", "ErrorSink"], None]

# Loaders added at run time (after the named ones).
LOADERS: list[Loader] = []


def _resolve(spec: str) -> Any:
    module, _, attribute = spec.partition(":")
    return getattr(import_module(module), attribute)


@cache
def question_types() -> Mapping[str, QuestionParser]:
    """The question types by name (``single``, ``multiple``…), from the quiz engine."""
    spec = chatdojo.CONTENT_PLUGINS["question_types"]
    assert isinstance(spec, str)
    return _resolve(spec)


@cache
def _named_loaders() -> tuple[Loader, ...]:
    specs = chatdojo.CONTENT_PLUGINS["loaders"]
    return tuple(_resolve(spec) for spec in ((specs,) if isinstance(specs, str) else specs))


def loaders() -> list[Loader]:
    return [*_named_loaders(), *LOADERS]
