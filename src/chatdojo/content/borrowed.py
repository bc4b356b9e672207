"""Borrowed rules: one document's rule taught under another organization's profile.

A question or scenario step whose cited rules all come from one document, and
which is shown under a profile that does not follow that document (or the neutral
default), must say whose rule it is: a ``policy_note`` naming the document (its
number such as ``003`` or its profile's name such as 草津市 / Kusatsu City), or
``policy_note: source`` for the standard note generated here. The alternative is to
limit the question with ``profiles:`` / ``when:`` to the profiles it holds for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from chatdojo.content import strict
from chatdojo.content.errors import ErrorSink
from chatdojo.content.model import Catalog
from chatdojo.content.profiles import Profile
from chatdojo.content.questions import Question
from chatdojo.i18n import Text

SOURCE = "source"


def single_source(cat: Catalog, rule_ids: Iterable[str]) -> str | None:
    """The one document every cited rule comes from, or None (several, or none known)."""
    docs = {cat.rules[r].source for r in rule_ids if r in cat.rules}
    return docs.pop() if len(docs) == 1 else None


def home_profile(cat: Catalog, doc: str) -> Profile | None:
    """The profile that follows document ``doc`` (the one with the fewest sources)."""
    homes = [p for p in cat.profiles.values() if doc in p.sources]
    return min(homes, key=lambda p: (len(p.sources), p.id)) if homes else None


def short_name(profile: Profile, lang: str) -> str:
    """「草津市（…）」 -> 草津市; "Kusatsu City (…)" -> Kusatsu City."""
    name = profile.name.get(lang, "")
    return name.split("（")[0].split(" (")[0].strip()


def source_note(cat: Catalog, doc: str) -> Text:
    """The standard note: the rule comes from ``doc``, named by its profile's display name."""
    home = home_profile(cat, doc)
    ja = home.name["ja"] if home else doc
    en = home.name["en"] if home else f"document {doc}"
    return {
        "ja": f"{ja}の定めに基づいています。所属の組織では扱いが異なることがあります",
        "en": f"This follows {en}; your organization's rules may differ",
    }


def names_source(cat: Catalog, note: Text | None, doc: str) -> bool:
    """Does the note name ``doc`` (by number or by its profile's name) in both languages?"""
    if not note:
        return False
    home = home_profile(cat, doc)
    for lang in ("ja", "en"):
        text = note.get(lang, "")
        names = {doc} | ({short_name(home, lang)} if home else set())
        if not any(n and n in text for n in names):
            return False
    return True


def _shown_elsewhere(cat: Catalog, question: Question, doc: str) -> list[str]:
    return [
        p.id
        for p in cat.profiles.values()
        if doc not in p.sources and question.applies_to(p.id, p.policies)
    ]


def resolve_notes(cat: Catalog, sink: ErrorSink) -> None:
    """Fill in ``policy_note: source`` for questions and scenario steps."""
    for bank_id, bank in list(cat.banks.items()):
        questions = []
        for q in bank.questions:
            if q.extra.get("policy_note") == SOURCE:
                doc = single_source(cat, q.rules)
                if doc is None and not any(r in cat.rules for r in q.rules):
                    pass  # every cited rule is unknown: reported once, as such
                elif doc is None:
                    sink.add(
                        q.path,
                        q.line,
                        f"question {q.id}: 'policy_note: source' needs rules from one document",
                    )
                else:
                    note = source_note(cat, doc)
                    q = dataclasses.replace(
                        q, policy_note=note, extra={**q.extra, "note_source": doc}
                    )
            questions.append(q)
        cat.banks[bank_id] = dataclasses.replace(bank, questions=tuple(questions))
    for scenario in cat.scenarios.values():
        steps = scenario.steps  # type: ignore[attr-defined]
        whole = scenario.policy_note  # type: ignore[attr-defined]
        start = steps.get(scenario.start)  # type: ignore[attr-defined]
        if whole and start is not None:
            steps[start.id] = dataclasses.replace(
                start,
                text={
                    "ja": f"> ※ {whole['ja']}。\n\n{start.text.get('ja', '')}",
                    "en": f"> Note: {whole['en']}.\n\n{start.text.get('en', '')}",
                },
            )
        for step_id, step in list(steps.items()):
            note = step.policy_note
            if step.note_from_source:
                doc = single_source(cat, step.rules)
                if doc is None and not any(r in cat.rules for r in step.rules):
                    continue  # every cited rule is unknown: reported once, as such
                if doc is None:
                    sink.add(
                        scenario.path,  # type: ignore[attr-defined]
                        step.line,
                        f"step '{step.id}': 'policy_note: source' needs rules from one document",
                    )
                    continue
                note = source_note(cat, doc)
            if note:
                text = {
                    "ja": f"{step.text.get('ja', '')}\n\n> ※ {note['ja']}。",
                    "en": f"{step.text.get('en', '')}\n\n> Note: {note['en']}.",
                }
                steps[step_id] = dataclasses.replace(step, text=text, policy_note=note)


def check_borrowed(cat: Catalog, sink: ErrorSink) -> list[str]:
    """Report every borrowed rule without a note naming its source; return the findings."""
    findings: list[str] = []

    def found(path: object, line: int, message: str) -> None:
        strict.report(sink, "borrowed", str(path), line, message)
        findings.append(f"{sink.display(str(path))}:{line}: {message}")

    for q in cat.questions.values():
        doc = single_source(cat, q.rules)
        if doc is None or names_source(cat, q.policy_note, doc):
            continue
        shown = _shown_elsewhere(cat, q, doc)
        if shown:
            found(
                q.path,
                q.line,
                f"question {q.id} teaches only {doc}'s rules but is shown under "
                f"{', '.join(shown)}: add a policy_note naming {doc} (or 'policy_note: source'), "
                "cite every document that says the same, or limit it with profiles:/when:",
            )
    for scenario in cat.scenarios.values():
        for step in scenario.steps.values():  # type: ignore[attr-defined]
            doc = single_source(cat, step.rules)
            if doc is None or any(
                names_source(cat, note, doc)
                for note in (step.policy_note, scenario.policy_note)  # type: ignore[attr-defined]
            ):
                continue
            applies = getattr(scenario, "applies_to", None)
            shown = [
                p.id
                for p in cat.profiles.values()
                if doc not in p.sources and (applies is None or applies(p.id, p.policies))
            ]
            if shown:
                found(
                    scenario.path,  # type: ignore[attr-defined]
                    step.line,
                    f"step '{step.id}' teaches only {doc}'s rules but every profile sees it "
                    f"({', '.join(shown)}): add a policy_note naming {doc} to the step "
                    "(or 'policy_note: source') or to the scenario, or cite every document "
                    "that says the same",
                )
    return findings
