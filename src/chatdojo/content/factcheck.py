"""Checks on ``{{ key }}`` use across all content, under every profile.

- unfilled: no field of a question, scenario step or guide may keep a ``{{`` or
  ``}}`` once any profile's facts and notes are filled in (a raw placeholder would
  reach the learner, as options once did).
- note-usage (phased in): a note (a sentence) stands as a sentence of its own:
  after the start of a line, a label colon or a full stop, and followed by a full
  stop or the end of the line; never inside 「…」 or in the middle of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from chatdojo.content import strict
from chatdojo.content.errors import ErrorSink
from chatdojo.content.facts import PLACEHOLDER, texts_in, unfilled
from chatdojo.content.model import Catalog
from chatdojo.content.profiles import DEFAULT_PROFILE, Profile

_BEFORE_OK = set("\n。．.：:！？!?")
_AFTER_OK = set("\n。．.")
_SKIP = " \t*_>-"


def _items(cat: Catalog) -> Iterable[tuple[Path | str, int, str, object]]:
    """(path, line, what, value) for every question, scenario step and guide."""
    for q in cat.questions.values():
        yield q.path, q.line, f"question {q.id}", q
    for scenario in cat.scenarios.values():
        for step in scenario.steps.values():  # type: ignore[attr-defined]
            yield scenario.path, step.line, f"step '{step.id}'", step  # type: ignore[attr-defined]
    for guide in cat.guides.values():
        yield guide.path, guide.line, f"guide {guide.id}", guide.body


def check_unfilled(cat: Catalog, sink: ErrorSink) -> None:
    profiles = list(cat.profiles.values())
    for path, line, what, value in _items(cat):
        seen: dict[tuple[str, str], list[str]] = {}
        for field, profile_id, leftover in unfilled(value, profiles):
            seen.setdefault((field, leftover), []).append(profile_id)
        for (field, leftover), ids in seen.items():
            sink.add(
                path,
                line,
                f"{what}: '{field}' would show '{leftover}' unfilled under "
                f"{'every profile' if len(ids) == len(profiles) else ', '.join(ids)}",
            )


_BRACKETS = {"ja": ("（", "）"), "en": ("(", ")")}


def nested_facts(text: str, lang: str, profiles: Iterable[Profile]) -> list[tuple[str, str]]:
    """(key, profile id) for each fact inside brackets whose value has brackets itself."""
    opening, closing = _BRACKETS.get(lang, ("(", ")"))
    out: list[tuple[str, str]] = []
    if "{{" not in text:
        return out
    for match in PLACEHOLDER.finditer(text):
        before = text[: match.start()]
        if before.count(opening) <= before.count(closing):
            continue
        for profile in profiles:
            value = profile.substitutions(lang).get(match.group(1), "")
            if opening in value:
                out.append((match.group(1), profile.id))
                break
    return out


def check_nested(cat: Catalog, sink: ErrorSink) -> None:
    """A fact that may carry brackets must not stand inside brackets (（…（…）…）)."""
    profiles = list(cat.profiles.values())
    for path, line, what, value in _items(cat):
        for field, text in texts_in(value):
            for lang, raw in text.items():
                for key, pid in nested_facts(raw, lang, profiles):
                    sink.add(
                        path,
                        line,
                        f"{what}: '{field}' ({lang}) puts '{{{{ {key} }}}}' inside brackets, but "
                        f"under {pid} it has brackets of its own: write it outside the brackets",
                    )


def _edge(text: str, index: int, step: int) -> str:
    """The first character from ``index`` going ``step`` that is not a space or mark."""
    while 0 <= index < len(text):
        if text[index] not in _SKIP:
            return text[index]
        index += step
    return "\n"


def note_misuses(text: str, notes: set[str]) -> list[str]:
    """The notes used inside a sentence in ``text``."""
    out = []
    for match in PLACEHOLDER.finditer(text):
        key = match.group(1)
        if key not in notes:
            continue
        before = _edge(text, match.start() - 1, -1)
        after = _edge(text, match.end(), 1)
        if before not in _BEFORE_OK or after not in _AFTER_OK:
            out.append(key)
    return out


def check_note_usage(cat: Catalog, sink: ErrorSink) -> list[str]:
    default = cat.profiles.get(DEFAULT_PROFILE)
    if default is None:
        return []
    notes = set(default.notes)
    findings = []
    for path, line, what, value in _items(cat):
        for field, text in texts_in(value):
            for lang, raw in text.items():
                for key in note_misuses(raw, notes):
                    message = (
                        f"{what}: '{field}' ({lang}) uses the note '{{{{ {key} }}}}' inside a "
                        "sentence; a note is a sentence of its own (after a label or a full stop, "
                        "followed by 。/. or the end of the line); use a fact for a name inside "
                        "a sentence"
                    )
                    strict.report(sink, "note-usage", path, line, message)
                    findings.append(f"{sink.display(path)}:{line}: {message}")
    return findings
