"""The registry of catalogue checks, run in order once every file is loaded.

Each check receives the catalogue and an error sink (as each question type receives
its YAML block), so no check imports the loader back. Add a check by adding a line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chatdojo.content import borrowed, english, factcheck, scope
from chatdojo.content.errors import ErrorSink
from chatdojo.content.model import Catalog


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Catalog, ErrorSink], object]


CHECKS: tuple[Check, ...] = (
    Check("notes", borrowed.resolve_notes),  # fills `policy_note: source` first
    Check("borrowed", borrowed.check_borrowed),
    Check("unfilled", factcheck.check_unfilled),
    Check("note-usage", factcheck.check_note_usage),
    Check("nested", factcheck.check_nested),
    Check("english", english.check_english),
    Check("documents", scope.check_documents),
    Check("policy-rules", scope.check_policy_rules),
    Check("guide-scope", scope.check_guides),
    Check("literal-facts", scope.check_literal_facts),
    Check("scenario-when", scope.check_scenario_when),
    Check("empty-modules", scope.check_empty_modules),
)
