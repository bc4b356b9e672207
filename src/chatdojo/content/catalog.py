"""Load every content layer (the shipped root and the packs in use) and cross-check it.

A content root is a folder with ``guidance/``, ``quizzes/`` and ``data/`` (the
repository itself, or a small fixture tree in the tests); a pack has the same
layout plus ``pack.yml`` (see ``chatdojo.content.packs``). The catalogue itself is
plain data (``chatdojo.content.model``); the checks it runs are listed in
``chatdojo.content.checks`` and receive the catalogue, as question types do.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from chatdojo.content import checks, extensions
from chatdojo.content.banks import BankSetting, QuestionBank, load_bank
from chatdojo.content.errors import ErrorSink
from chatdojo.content.guides import load_guide
from chatdojo.content.model import Catalog
from chatdojo.content.packs import Layer, load_layers, pack_dirs_from_env
from chatdojo.content.policies import POLICIES_FILE, load_policies
from chatdojo.content.profiles import DEFAULT_PROFILE, load_profile_files, with_policy_labels
from chatdojo.content.references import Reference
from chatdojo.content.rules import Rule, load_rules

__all__ = [
    "Catalog",
    "check_refs",
    "default_root",
    "load_catalog",
    "load_module_catalog",
    "report_duplicates",
]
RULES_FILE = Path("data") / "rules.csv"
PROFILES_DIR = Path("data") / "profiles"


def default_root() -> Path:
    """The content root: $CHATDOJO_HOME, else the nearest folder up from the working folder
    or from this package that has one (a checkout), else the copy bundled in the wheel."""
    env = os.environ.get("CHATDOJO_HOME")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for start in (Path.cwd(), here):
        for folder in (start, *start.parents):
            if (folder / "data" / "rules.csv").is_file() and (folder / "quizzes").is_dir():
                return folder
    bundled = here.parents[1] / "_bundled"  # chatdojo/_bundled, written by the wheel build
    if (bundled / "data" / "rules.csv").is_file():
        return bundled
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


def load_catalog(
    root: Path | None = None,
    *,
    use_cache: bool = True,
    packs: Sequence[Path] | None = None,
) -> Catalog:
    """Load and cross-check every content file under ``root`` and the packs in use.

    ``packs`` defaults to ``$CHATDOJO_PACKS`` (``--pack`` on the commands sets it).
    Cached by file fingerprints of the root and every pack.
    """
    root, pack_dirs = _layers_in_use(root, packs)
    if use_cache:
        from chatdojo.content.cache import cached

        return cached(root, lambda: _load(root, pack_dirs), extra=pack_dirs)
    return _load(root, pack_dirs)


def _layers_in_use(
    root: Path | None, packs: Sequence[Path] | None
) -> tuple[Path, tuple[Path, ...]]:
    """The content root and the pack folders, resolved; packs default to ``$CHATDOJO_PACKS``."""
    chosen = pack_dirs_from_env() if packs is None else packs
    return (root or default_root()).resolve(), tuple(Path(p).resolve() for p in chosen)


def load_module_catalog(
    guide_id: str, root: Path | None = None, *, packs: Sequence[Path] | None = None
) -> Catalog:
    """The catalogue as one module's page needs it: every rule, profile, policy and content
    error, but of guides, banks and scenarios only that guide and its quiz's bank."""
    root, pack_dirs = _layers_in_use(root, packs)
    from chatdojo.content.cache import cached_part

    return cached_part(
        root,
        lambda: _load(root, pack_dirs),
        lambda cat: module_part(cat, guide_id),
        name=f"module-{guide_id}",
        extra=pack_dirs,
    )


def module_part(cat: Catalog, guide_id: str) -> Catalog:
    guide = cat.guides.get(guide_id)
    if guide is None:
        return dataclasses.replace(cat, guides={}, banks={}, scenarios={})
    bank = cat.banks.get(guide.quiz or "")
    return dataclasses.replace(
        cat, guides={guide.id: guide}, banks={bank.id: bank} if bank else {}, scenarios={}
    )


def _load(root: Path, pack_dirs: Sequence[Path] = ()) -> Catalog:
    sink = ErrorSink(root)
    cat = Catalog(root=root)
    cat.layers = load_layers(root, pack_dirs, sink)
    cat.policies = load_policies([layer.root / POLICIES_FILE for layer in cat.layers], sink)
    used = [layer for layer in cat.layers if not (layer.shipped and layer.standalone)]
    _load_rules(cat, used, sink)
    profile_files = (
        [root / PROFILES_DIR / f"{DEFAULT_PROFILE}.yml"] if cat.shipped_only_base else []
    )
    for layer in used:
        profile_files.extend(sorted((layer.root / PROFILES_DIR).glob("*.yml")))
    profiles = load_profile_files(profile_files, sink, cat.policies, root / PROFILES_DIR)
    cat.profiles = {pid: with_policy_labels(p, cat.policies) for pid, p in profiles.items()}

    guides = [
        g
        for folder in cat.content_roots()
        for p in _content_files(folder / "guidance")
        if (g := load_guide(p, sink))
    ]
    report_duplicates(((g.id, g.path, g.line) for g in guides), "guide", sink)
    cat.guides = {g.id: g for g in guides}

    setting = BankSetting(extensions.question_types(), cat.policies)
    banks: list[QuestionBank] = [
        b
        for folder in cat.content_roots()
        for p in _content_files(folder / "quizzes")
        if (b := load_bank(p, sink, setting))
    ]
    report_duplicates(((b.id, b.path, b.line) for b in banks), "question bank", sink)
    cat.banks = {b.id: b for b in banks}
    report_duplicates(
        ((q.id, Path(q.path), q.line) for b in banks for q in b.questions), "question", sink
    )

    for loader in extensions.loaders():
        loader(cat, sink)
    for check in checks.CHECKS:
        check.run(cat, sink)

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


def _load_rules(cat: Catalog, layers: list[Layer], sink: ErrorSink) -> None:
    """Rules of every layer; a rule id or a document id belongs to one layer only."""
    first_of_doc: dict[str, Rule] = {}
    for layer in layers:
        path = layer.root / RULES_FILE
        if not layer.shipped and not path.is_file():
            continue  # a pack may teach the shipped documents only
        before = len(sink.errors)
        loaded = load_rules(path, sink)
        if not loaded and len(sink.errors) > before:
            cat.unreadable_rules.append(sink.display(path))
        for rule in loaded.values():
            known = cat.rules.get(rule.id)
            if known is not None:
                sink.add(
                    path,
                    rule.line,
                    f"duplicate rule id '{rule.id}' (first in {sink.display(known.path)}:"
                    f"{known.line})",
                )
                continue
            owner = cat.documents.get(rule.source)
            if owner is not None and owner != layer.id:
                other = first_of_doc[rule.source]
                sink.add(
                    path,
                    rule.line,
                    f"document '{rule.source}' already belongs to {owner} "
                    f"({sink.display(other.path)}:{other.line}); each pack numbers its own "
                    "documents: give this document another id (e.g. aisho-005)",
                )
                continue
            cat.documents.setdefault(rule.source, layer.id)
            first_of_doc.setdefault(rule.source, rule)
            cat.rules[rule.id] = rule


def check_refs(cat: Catalog, path: Path, refs: Iterable[Reference], sink: ErrorSink) -> None:
    default = cat.profiles.get(DEFAULT_PROFILE)
    for ref in refs:
        if ref.kind == "rule" and ref.target not in cat.rules:
            if cat.unreadable_rules:
                continue  # reported once, at the rules.csv that could not be read
            near = difflib.get_close_matches(ref.target, list(cat.rules), n=3, cutoff=0.6)
            sink.add(
                path,
                ref.line,
                f"unknown rule id '{ref.target}' (not in data/rules.csv"
                + (" nor a pack's" if len(cat.layers) > 1 else "")
                + (f"; nearest: {', '.join(near)}" if near else "")
                + ")",
            )
        elif ref.kind == "guide" and ref.target not in cat.guides:
            sink.add(path, ref.line, f"link to missing guide '{ref.target}'")
        elif ref.kind == "profile" and ref.target not in cat.profiles:
            if _profile_file_exists(cat, ref.target):
                continue  # the file exists but has errors, reported at the file
            sink.add(
                path,
                ref.line,
                f"unknown organization profile '{ref.target}' "
                f"(known: {', '.join(sorted(cat.profiles))})",
            )
        elif ref.kind == "fact" and default is not None and ref.target not in default.values:
            sink.add(path, ref.line, f"unknown profile fact '{{{{ {ref.target} }}}}'")
        elif ref.kind == "url" and ref.target.lower().startswith(
            ("javascript:", "data:", "vbscript:")
        ):
            sink.add(path, ref.line, f"unsafe link '{ref.target[:30]}'")


def _profile_file_exists(cat: Catalog, profile_id: str) -> bool:
    return any((r / PROFILES_DIR / f"{profile_id}.yml").is_file() for r in cat.content_roots())


def _content_files(folder: Path) -> list[Path]:
    """Markdown content files of a folder; README.md files document, they are not content."""
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
