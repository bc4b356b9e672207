"""Content checks of the advisor for ``chatdojo check`` (a loader of content/extensions.py).

Checks the table and the situation quiz against the rule catalogue, and that
each situation's ``expected`` answer is what the advisor really answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chatdojo.advisor import situations as situations_file
from chatdojo.advisor import table as table_file
from chatdojo.advisor.engine import recommend
from chatdojo.advisor.table import METHOD_IDS

if TYPE_CHECKING:
    from chatdojo.content.catalog import Catalog
    from chatdojo.content.errors import ErrorSink


def check_advisor_content(catalog: Catalog, sink: ErrorSink) -> None:
    """Report every problem of the advisor's two content files into ``sink``."""
    table_path = catalog.root / table_file.DEFAULT_PATH
    if not table_path.exists() or catalog.shipped_only_base:
        return  # a content root without the advisor (a test fixture, a standalone pack)
    before = len(sink.errors)
    rules = None if catalog.unreadable_rules else catalog.rules  # no knock-on rule errors
    methods = table_file.load_methods(table_path, sink, rules)
    table_ok = len(sink.errors) == before and len(methods) == len(METHOD_IDS)
    path = catalog.root / situations_file.DEFAULT_PATH
    if not path.exists():
        return
    found = situations_file.load_situations(path, sink, rules)
    _check_english(catalog, sink, methods, found)
    profile = catalog.profile(None)
    if found is None or not table_ok or profile is None:
        return
    for item in found.items:
        if item.expected is None:
            continue
        answer = recommend(item.situation(profile.id), profile, methods=methods).method
        if answer != item.expected:
            sink.add(
                path,
                item.line,
                f"situation '{item.id}' expects '{item.expected}' but the advisor answers '{answer}'",
            )


def _check_english(catalog: Catalog, sink: ErrorSink, methods: object, found: object) -> None:
    """The advisor's table and situations follow data/glossary.csv and name no "city of 002"."""
    from chatdojo.content.english import english_problems, load_glossary
    from chatdojo.content.facts import texts_in

    terms = load_glossary(catalog.root, sink)
    items: list[tuple[object, int, str, object]] = []
    for method in getattr(methods, "values", dict)():
        items.append((catalog.root / table_file.DEFAULT_PATH, method.line, method.id, method))
    for item in getattr(found, "items", ()):
        items.append((catalog.root / situations_file.DEFAULT_PATH, item.line, item.id, item))
    for path, line, what, value in items:
        for field, text in texts_in(value):
            for message in dict.fromkeys(english_problems(text, terms)):
                sink.add(path, line, f"{what} {field}: {message}")  # type: ignore[arg-type]
