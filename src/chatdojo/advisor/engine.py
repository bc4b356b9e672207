"""``recommend()``: run every criterion over the table and rank the five methods.

Ties are broken by the column order of the table in 003 §2 (face-to-face, web
meeting, phone, e-mail, chat), so the same situation always gives the same
answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from chatdojo.advisor.criteria import CRITERIA, Context, Finding
from chatdojo.advisor.situation import Situation
from chatdojo.advisor.table import METHOD_IDS, Method, read_table
from chatdojo.content.profiles import Profile
from chatdojo.i18n import Text

# What the advisor assumes about messages after hours when no organization is chosen
# (the first value of 'after_hours' in data/policies.yml).
NEUTRAL_AFTER_HOURS = "avoid_except_urgent"


class UnknownProfile(LookupError):
    def __init__(self, profile_id: str, known: list[str]) -> None:
        self.profile_id = profile_id
        self.known = known
        super().__init__(
            f"unknown organization profile '{profile_id}' (known: {', '.join(known) or 'none'})"
        )


@dataclass(frozen=True)
class Recommendation:
    method: str
    ranking: list[str]
    reasons: list[Text]
    warnings: list[Text] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rules(self) -> list[str]:
        """Rule ids behind the reasons, in order, without repeats."""
        return list(dict.fromkeys(r for f in self.findings for r in f.rules))

    def as_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "ranking": list(self.ranking),
            "reasons": [dict(r) for r in self.reasons],
            "warnings": [dict(w) for w in self.warnings],
        }


def _explains(finding: Finding, winner: str) -> bool:
    """Whether a finding helps explain the winner.

    One that only favoured a method which then lost (e.g. "chat is the default
    between staff" when personal data rules chat out) would contradict the answer;
    one that carries a warning is always shown.
    """
    if finding.warning is not None or finding.points.get(winner, 0) != 0:
        return True
    return not any(points > 0 for points in finding.points.values())


def find_profile(profile_id: str, root: Path | None = None) -> Profile:
    """Load one organization profile by id, or raise ``UnknownProfile``."""
    from chatdojo.content.catalog import load_catalog

    profiles = load_catalog(root).profiles  # the packs in use included
    if profile_id not in profiles:
        raise UnknownProfile(profile_id, sorted(profiles))
    return profiles[profile_id]


def context_for(methods: Mapping[str, Method], profile: Profile | None) -> Context:
    if profile is None:
        return Context(methods, NEUTRAL_AFTER_HOURS)
    return Context(
        methods,
        profile.policies.get("after_hours", NEUTRAL_AFTER_HOURS),
        profile.values.get("after_hours_rule"),
        profile.name,
        policies=dict(profile.policies),
        policy_citations=_citations(profile),
        policy_rules=dict(profile.policy_rules),
    )


def _citations(profile: Profile) -> dict[str, Text]:
    """``{policy: {ja: "005 第4条第2項", en: "005 Art. 4, para. 2"}}`` from the profile's rules."""
    if not profile.policy_rules:
        return {}
    from chatdojo.content.catalog import load_catalog

    rules = load_catalog().rules
    out: dict[str, Text] = {}
    for key, ids in profile.policy_rules.items():
        found = [rules[i] for i in ids if i in rules]
        if found:
            out[key] = {
                lang: "、".join(r.cite(lang) for r in found)
                if lang == "ja"
                else ", ".join(r.cite(lang) for r in found)
                for lang in ("ja", "en")
            }
    return out


def recommend(
    situation: Situation,
    profile: Profile | None = None,
    *,
    methods: Mapping[str, Method] | None = None,
) -> Recommendation:
    """Rank the methods for ``situation``.

    ``profile`` defaults to the one named by ``situation.profile`` (``UnknownProfile``
    if there is none); ``methods`` to the repository's table.
    """
    methods = read_table() if methods is None else methods
    if profile is None:
        profile = find_profile(situation.profile)
    ctx = context_for(methods, profile)
    findings = [f for c in CRITERIA if (f := c.check(situation, ctx)) is not None]
    scores = {m: 0 for m in METHOD_IDS if m in methods}
    for finding in findings:
        for method_id, points in finding.points.items():
            scores[method_id] += points
    ranking = sorted(scores, key=lambda m: (-scores[m], METHOD_IDS.index(m)))
    winner = ranking[0]
    order = {f.criterion: i for i, f in enumerate(findings)}
    explained = sorted(
        (f for f in findings if f.reason is not None and _explains(f, winner)),
        key=lambda f: (-f.points.get(winner, 0), order[f.criterion]),
    )
    return Recommendation(
        method=winner,
        ranking=ranking,
        reasons=[dict(f.reason) for f in explained if f.reason is not None],
        warnings=[dict(f.warning) for f in findings if f.warning is not None],
        scores=scores,
        findings=explained + [f for f in findings if f.reason is None and f.warning is not None],
    )
