"""Which rules of the catalogue are checked by questions or scenario steps, how often,
and what kind of question each bank asks (situation, recall, calculation)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chatdojo.content.banks import KINDS
from chatdojo.content.catalog import Catalog


@dataclass(frozen=True)
class Coverage:
    rules: int
    covered: int
    uncovered: tuple[str, ...]
    by_rule: dict[str, tuple[str, ...]]
    kinds: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def fraction(self) -> float:
        return self.covered / self.rules if self.rules else 1.0

    @property
    def min_depth(self) -> int:
        """The fewest questions + scenario steps that cite any one rule."""
        return min((len(v) for v in self.by_rule.values()), default=0)

    def rules_below(self, depth: int) -> list[str]:
        return [r for r, users in self.by_rule.items() if len(users) < depth]

    def situation_share(self, bank_id: str) -> float:
        counts = self.kinds.get(bank_id, {})
        total = sum(counts.values())
        return counts.get("situation", 0) / total if total else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "rules": self.rules,
            "covered": self.covered,
            "uncovered": list(self.uncovered),
            "depth": {"min": self.min_depth, "rules_below_2": self.rules_below(2)},
            "kinds": self.kinds,
        }


def count_kinds(cat: Catalog) -> dict[str, dict[str, int]]:
    """Per bank: how many questions of each kind (``untagged`` only when some lack one)."""
    out: dict[str, dict[str, int]] = {}
    for bank_id, bank in sorted(cat.banks.items()):
        counts = dict.fromkeys(KINDS, 0)
        for question in bank.questions:
            key = question.kind or "untagged"
            counts[key] = counts.get(key, 0) + 1
        out[bank_id] = counts
    return out


def compute_coverage(cat: Catalog) -> Coverage:
    checked_by: dict[str, list[str]] = {rule_id: [] for rule_id in cat.rules}
    for question in cat.questions.values():
        for rule_id in dict.fromkeys(question.rules):
            checked_by.setdefault(rule_id, []).append(question.id)
    for scenario in cat.scenarios.values():
        for step_id, rule_ids in getattr(scenario, "rule_map", dict)().items():
            for rule_id in dict.fromkeys(rule_ids):
                checked_by.setdefault(rule_id, []).append(f"{scenario.id}/{step_id}")  # type: ignore[attr-defined]
    by_rule = {r: tuple(v) for r, v in checked_by.items() if r in cat.rules}
    uncovered = tuple(r for r in cat.rules if not by_rule.get(r))
    return Coverage(
        len(cat.rules), len(cat.rules) - len(uncovered), uncovered, by_rule, count_kinds(cat)
    )
