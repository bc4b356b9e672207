"""Which rules of the catalogue are checked by at least one question or scenario step."""

from __future__ import annotations

from dataclasses import dataclass

from chatdojo.content.catalog import Catalog


@dataclass(frozen=True)
class Coverage:
    rules: int
    covered: int
    uncovered: tuple[str, ...]
    by_rule: dict[str, tuple[str, ...]]

    @property
    def fraction(self) -> float:
        return self.covered / self.rules if self.rules else 1.0

    def as_dict(self) -> dict[str, object]:
        return {"rules": self.rules, "covered": self.covered, "uncovered": list(self.uncovered)}


def compute_coverage(cat: Catalog) -> Coverage:
    checked_by: dict[str, list[str]] = {rule_id: [] for rule_id in cat.rules}
    for question in cat.questions.values():
        for rule_id in question.rules:
            checked_by.setdefault(rule_id, []).append(question.id)
    for scenario in cat.scenarios.values():
        for step_id, rule_ids in getattr(scenario, "rule_map", dict)().items():
            for rule_id in rule_ids:
                checked_by.setdefault(rule_id, []).append(f"{scenario.id}/{step_id}")  # type: ignore[attr-defined]
    by_rule = {r: tuple(v) for r, v in checked_by.items() if r in cat.rules}
    uncovered = tuple(r for r in cat.rules if not by_rule.get(r))
    return Coverage(len(cat.rules), len(cat.rules) - len(uncovered), uncovered, by_rule)
