"""The catalogue: everything the content layers hold, as plain data.

Loading lives in ``chatdojo.content.catalog``; the checks in their own modules
receive a ``Catalog`` from there, so none of them imports the loader back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from chatdojo.content.banks import QuestionBank
from chatdojo.content.errors import ContentError, ErrorSink
from chatdojo.content.guides import Guide
from chatdojo.content.packs import Layer
from chatdojo.content.policies import Policy
from chatdojo.content.profiles import DEFAULT_PROFILE, Profile
from chatdojo.content.questions import Question
from chatdojo.content.rules import Rule


@dataclass
class Catalog:
    root: Path
    rules: dict[str, Rule] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    banks: dict[str, QuestionBank] = field(default_factory=dict)
    scenarios: dict[str, object] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    policies: dict[str, Policy] = field(default_factory=dict)
    layers: list[Layer] = field(default_factory=list)
    # document id (a rule's ``source``) -> the id of the layer whose rules.csv defines it
    documents: dict[str, str] = field(default_factory=dict)
    # rules.csv files that could not be read at all: unknown rule ids are then not
    # reported one by one (the one real problem would be buried under hundreds)
    unreadable_rules: list[str] = field(default_factory=list)

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for bank in self.banks.values() for q in bank.questions}

    @property
    def shipped_only_base(self) -> bool:
        """True when a standalone pack is used: the shipped documents are left out."""
        return bool(self.layers) and self.layers[0].standalone

    def content_roots(self) -> list[Path]:
        """Folders whose guides, banks and scenarios are in use, shipped root first."""
        if not self.layers:
            return [self.root]
        return [layer.root for layer in self.layers if not (layer.shipped and layer.standalone)]

    def packs(self) -> list[Layer]:
        return [layer for layer in self.layers if not layer.shipped]

    def pack_documents(self) -> dict[str, str]:
        """Documents that belong to a pack (not to the shipped content): doc -> pack id."""
        shipped = {layer.id for layer in self.layers if layer.shipped}
        return {doc: owner for doc, owner in self.documents.items() if owner not in shipped}

    def profile(self, profile_id: str | None) -> Profile | None:
        return self.profiles.get(profile_id or DEFAULT_PROFILE) or self.profiles.get(
            DEFAULT_PROFILE
        )

    def errors_for(self, path: Path) -> list[ContentError]:
        """The problems of one file (e.g. to show on the page that uses it)."""
        shown = ErrorSink(self.root).display(path)
        return [e for e in self.errors if e.path == shown]

    def summary(self) -> dict[str, object]:
        return {
            "root": str(self.root),
            "packs": [str(layer.root) for layer in self.packs()],
            "guides": len(self.guides),
            "questions": len(self.questions),
            "scenarios": len(self.scenarios),
            "rules": len(self.rules),
            "errors": [str(e) for e in self.errors],
            "warnings": [str(e) for e in self.warnings],
        }
