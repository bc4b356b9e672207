"""Scope checks: each organization's own documents stay under its own profiles.

- documents: a profile's ``sources`` name documents that some rules.csv defines.
- guides: a guide that cites a pack's document (e.g. Aisho's 005) is limited with
  ``profiles:`` to organizations that follow it, so no other town reads Aisho's
  article beside its own facts. (Questions and scenario steps are held to the same
  by the borrowed-rule check, which also accepts a ``policy_note`` naming the source.)
- empty modules: a guide whose quiz has no question for a profile it is shown to is
  a warning (the home page leaves it out under that profile; ``profiles:`` says so).
"""

from __future__ import annotations

from chatdojo.content.errors import ErrorSink
from chatdojo.content.facts import texts_in
from chatdojo.content.model import Catalog


def check_documents(cat: Catalog, sink: ErrorSink) -> None:
    if cat.unreadable_rules:
        return  # the documents are unknown because a rules.csv could not be read
    for profile in cat.profiles.values():
        for doc in profile.sources:
            if doc not in cat.documents:
                sink.add(
                    _profile_path(cat, profile.id),
                    1,
                    f"profile '{profile.id}' follows document '{doc}', which no rules.csv "
                    f"defines (known: {', '.join(sorted(cat.documents)) or 'none'})",
                )


def check_policy_rules(cat: Catalog, sink: ErrorSink) -> None:
    """A profile's ``policy_rules`` cite rules that exist."""
    if cat.unreadable_rules:
        return
    for profile in cat.profiles.values():
        for key, rule_ids in profile.policy_rules.items():
            for rule_id in rule_ids:
                if rule_id not in cat.rules:
                    sink.add(
                        _profile_path(cat, profile.id),
                        1,
                        f"profile '{profile.id}': policy_rules {key}: unknown rule id "
                        f"'{rule_id}' (not in any rules.csv)",
                    )


def check_scenario_when(cat: Catalog, sink: ErrorSink) -> None:
    """A scenario's ``when:`` names declared policies and values."""
    for scenario in cat.scenarios.values():
        for key, value in getattr(scenario, "when", {}).items():
            policy = cat.policies.get(key)
            if policy is None or value not in policy.values:
                sink.add(
                    getattr(scenario, "path", cat.root),
                    getattr(scenario, "key_lines", {}).get("when", 1),
                    f"'when: {key}: {value}' is not a known policy value (declared in "
                    "data/policies.yml)",
                )


def check_guides(cat: Catalog, sink: ErrorSink) -> None:
    owned = cat.pack_documents()
    for guide in cat.guides.values():
        docs: dict[str, int] = {}
        for ref in guide.references:
            rule = cat.rules.get(ref.target) if ref.kind == "rule" else None
            if rule is not None and rule.source in owned:
                docs.setdefault(rule.source, ref.line)
        for doc, line in docs.items():
            shown = [
                p.id for p in cat.profiles.values() if guide.shown_to(p.id) and doc not in p.sources
            ]
            if shown:
                followers = [p.id for p in cat.profiles.values() if doc in p.sources]
                sink.add(
                    guide.path,
                    line,
                    f"guide {guide.id} cites {doc} ({owned[doc]}'s document) but is shown "
                    f"under {', '.join(shown)}: add 'profiles: [{', '.join(followers)}]' "
                    "to its front matter",
                )


def check_literal_facts(cat: Catalog, sink: ErrorSink) -> None:
    """A pack organization's own fact written out (not as ``{{ key }}``) in a guide or a
    question shown under another organization's profile."""
    default = cat.profile(None)
    if default is None:
        return
    pack_docs = set(cat.pack_documents())
    owners = [p for p in cat.profiles.values() if set(p.sources) & pack_docs]
    for owner in owners:
        literal = {
            text["ja"]: key
            for key, text in owner.facts.items()
            if len(text.get("ja", "")) >= 4 and text != default.facts.get(key)
        }
        if not literal:
            continue
        items: list[tuple[object, int, str, object, object]] = [
            (g.path, g.line, f"guide {g.id}", g.body, g.shown_to) for g in cat.guides.values()
        ]
        items += [
            (q.path, q.line, f"question {q.id}", q, q.applies_to)
            for q in cat.questions.values()
            if q.policy_note is None
        ]
        for path, line, what, value, shown_to in items:
            texts = " ".join(t.get("ja", "") for _, t in texts_in(value))
            for phrase, key in literal.items():
                if phrase not in texts:
                    continue
                others = [
                    p.id
                    for p in cat.profiles.values()
                    if p.id != owner.id
                    and not set(p.sources) & set(owner.sources)
                    and shown_to(p.id, p.policies)  # type: ignore[operator]
                ]
                if others:
                    sink.add(
                        str(path),
                        line,
                        f"{what} writes {owner.id}'s fact '{phrase}' but is shown under "
                        f"{', '.join(others)}: write {{{{ {key} }}}} or add "
                        f"'profiles: [{owner.id}]'",
                    )


def check_empty_modules(cat: Catalog, sink: ErrorSink) -> None:
    for guide in cat.guides.values():
        bank = cat.banks.get(guide.quiz or "")
        if bank is None or guide.scenarios:
            continue
        empty = [
            p.id
            for p in cat.profiles.values()
            if guide.shown_to(p.id)
            and not any(q.applies_to(p.id, p.policies) for q in bank.questions)
        ]
        if empty:  # a warning: the home page already leaves such a module out
            sink.warn(
                guide.path,
                guide.line,
                f"guide {guide.id}: its quiz '{bank.id}' has no question under "
                f"{', '.join(empty)}; limit the guide with 'profiles:' to the organizations "
                "it is for",
            )


def _profile_path(cat: Catalog, profile_id: str) -> str:
    for root in reversed(cat.content_roots() or [cat.root]):
        path = root / "data" / "profiles" / f"{profile_id}.yml"
        if path.is_file():
            return str(path)
    return str(cat.root / "data" / "profiles" / f"{profile_id}.yml")
