"""Everything a content root holds, loaded and cross-checked in one pass.

A content root is a folder with ``guidance/``, ``quizzes/`` and ``data/``
(the repository itself, or a small fixture tree in the tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chatdojo.content.banks import QuestionBank, load_bank
from chatdojo.content.errors import ContentError, ErrorSink
from chatdojo.content.guides import Guide, load_guide
from chatdojo.content.profiles import DEFAULT_PROFILE, Profile, load_profiles
from chatdojo.content.questions import Question
from chatdojo.content.references import Reference
from chatdojo.content.rules import Rule, load_rules


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

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for bank in self.banks.values() for q in bank.questions}

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
            "guides": len(self.guides),
            "questions": len(self.questions),
            "scenarios": len(self.scenarios),
            "rules": len(self.rules),
            "errors": [str(e) for e in self.errors],
            "warnings": [str(e) for e in self.warnings],
        }


def default_root() -> Path:
    """The content root: $CHATDOJO_HOME, else the nearest folder up from here that has one."""
    env = os.environ.get("CHATDOJO_HOME")
    if env:
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "data" / "rules.csv").is_file() and (folder / "quizzes").is_dir():
                return folder
    return Path.cwd()


def is_content_root(folder: Path) -> bool:
    return (folder / "data" / "rules.csv").is_file()


def find_root(path: Path) -> Path:
    path = path.resolve()
    for folder in (path, *path.parents):
        if is_content_root(folder):
            return folder
    return path if path.is_dir() else path.parent


def report_duplicates(items: Iterable[tuple[str, Path, int]], what: str, sink: ErrorSink) -> None:
    first: dict[str, tuple[Path, int]] = {}
    for item_id, path, line in items:
        if item_id in first:
            where = first[item_id]
            sink.add(
                path,
                line,
                f"duplicate {what} id '{item_id}' (first in {sink.display(where[0])}:{where[1]})",
            )
        else:
            first[item_id] = (path, line)


def load_catalog(root: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """Load and cross-check every content file under ``root`` (cached by file fingerprints)."""
    root = (root or default_root()).resolve()
    if use_cache:
        from chatdojo.content.cache import cached

        return cached(root, lambda: _load(root))
    return _load(root)


def _load(root: Path) -> Catalog:
    sink = ErrorSink(root)
    cat = Catalog(root=root)
    cat.rules = load_rules(root / "data" / "rules.csv", sink)
    cat.profiles = load_profiles(root / "data" / "profiles", sink)

    guides = [g for p in _content_files(root / "guidance") if (g := load_guide(p, sink))]
    report_duplicates(((g.id, g.path, g.line) for g in guides), "guide", sink)
    cat.guides = {g.id: g for g in guides}

    bank_paths = _content_files(root / "quizzes")
    banks = [b for p in bank_paths if (b := load_bank(p, sink))]
    report_duplicates(((b.id, b.path, b.line) for b in banks), "question bank", sink)
    cat.banks = {b.id: b for b in banks}
    report_duplicates(
        ((q.id, Path(q.path), q.line) for b in banks for q in b.questions), "question", sink
    )

    from chatdojo.content import extensions

    for loader in extensions.loaders():
        loader(cat, sink)

    from chatdojo.content.borrowed import check_borrowed, resolve_notes
    from chatdojo.content.english import check_english
    from chatdojo.content.factcheck import check_nested, check_note_usage, check_unfilled

    resolve_notes(cat, sink)
    check_borrowed(cat, sink)
    check_unfilled(cat, sink)
    check_note_usage(cat, sink)
    check_nested(cat, sink)
    check_english(cat, sink)

    for guide in guides:
        check_refs(cat, guide.path, guide.references, sink)
        if guide.quiz and guide.quiz not in cat.banks:
            sink.add(
                guide.path, guide.line, f"guide names quiz '{guide.quiz}', which does not exist"
            )
    for bank in banks:
        check_refs(cat, bank.path, bank.references, sink)
        if bank.guide and bank.guide not in cat.guides:
            sink.add(bank.path, bank.line, f"link to missing guide '{bank.guide}'")
    cat.errors = sink.sorted()
    cat.warnings = sorted(set(sink.warnings))
    return cat


def check_refs(cat: Catalog, path: Path, refs: Iterable[Reference], sink: ErrorSink) -> None:
    default = cat.profiles.get(DEFAULT_PROFILE)
    for ref in refs:
        if ref.kind == "rule" and ref.target not in cat.rules:
            sink.add(path, ref.line, f"unknown rule id '{ref.target}' (not in data/rules.csv)")
        elif ref.kind == "guide" and ref.target not in cat.guides:
            sink.add(path, ref.line, f"link to missing guide '{ref.target}'")
        elif ref.kind == "profile" and ref.target not in cat.profiles:
            sink.add(path, ref.line, f"unknown organization profile '{ref.target}'")
        elif ref.kind == "fact" and default is not None and ref.target not in default.values:
            sink.add(path, ref.line, f"unknown profile fact '{{{{ {ref.target} }}}}'")
        elif ref.kind == "url" and ref.target.lower().startswith(
            ("javascript:", "data:", "vbscript:")
        ):
            sink.add(path, ref.line, f"unsafe link '{ref.target[:30]}'")


def _content_files(folder: Path) -> list[Path]:
    """Markdown content files of a folder; README.md files document, they are not content."""
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
