"""English that matches the Japanese: glossary terms, organization names, citations.

- glossary: where a Japanese text uses a term of ``data/glossary.csv``, its English
  uses the glossary's English for it (case, hyphens and plurals aside), so one role or
  function has one English name everywhere. A row whose English is ``—`` names a word
  that merely contains a shorter term (関係 contains 係) and is not itself checked.
- names: an organization is named by its profile's display name (Kusatsu City, City A),
  never as "the city of 002".
- citations: English citations use Latin letters for the katakana item marks
  (2(1)イ(ア) -> 2(1)b(a)); see ``chatdojo.content.rules.english_citation``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chatdojo.content import strict
from chatdojo.content.errors import ErrorSink
from chatdojo.content.facts import texts_in
from chatdojo.content.model import Catalog
from chatdojo.i18n import Text

GLOSSARY = Path("data") / "glossary.csv"
NOT_A_TERM = ("—", "-")  # the English of a row that only shields a longer word
_DOC_AS_PLACE = re.compile(
    r"\b(?:city|council|town|municipality|organization)s? of (?:document )?00[1-4]\b", re.I
)
_KATAKANA_ITEM = re.compile(r"[0-9)）][ア-ン]|[(（][ア-ン][)）]")


@dataclass(frozen=True)
class Term:
    ja: str
    en: str
    note: str
    line: int

    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.en)


@cache
def _pattern(english: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", english)]
    return re.compile(r"\b" + r"[\s-]+".join(words) + r"(?:s|es|ing|ed)?\b", re.I)


def load_glossary(root: Path, sink: ErrorSink) -> list[Term]:
    path = root / GLOSSARY
    if not path.is_file():
        return []
    terms: list[Term] = []
    reader = csv.reader(path.read_text(encoding="utf-8-sig").splitlines())
    header = next(reader, None)
    if header != ["ja", "en", "note"]:
        sink.add(path, 1, "header must be: ja,en,note")
        return terms
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if len(row) != 3 or not row[0].strip() or not row[1].strip():
            sink.add(path, line, "each row needs ja, en and note (note may be empty)")
            continue
        ja = row[0].strip()
        if ja in seen:
            sink.add(path, line, f"duplicate term '{ja}' (first on line {seen[ja]})")
            continue
        seen[ja] = line
        terms.append(Term(ja, row[1].strip(), row[2].strip(), line))
    return terms


def _used(term: Term, ja: str, terms: list[Term]) -> bool:
    """Does ``ja`` use ``term`` other than inside a longer glossary term (longest match)?"""
    covered: set[int] = set()
    for longer in terms:
        if len(longer.ja) > len(term.ja) and term.ja in longer.ja:
            start = ja.find(longer.ja)
            while start >= 0:
                covered.update(range(start, start + len(longer.ja)))
                start = ja.find(longer.ja, start + 1)
    start = ja.find(term.ja)
    while start >= 0:
        if start not in covered:
            return True
        start = ja.find(term.ja, start + 1)
    return False


def english_problems(text: Text, terms: Iterable[Term]) -> Iterator[str]:
    ja, en = text.get("ja", ""), text.get("en", "")
    terms = list(terms)
    for term in terms:
        if term.en in NOT_A_TERM:
            continue
        if term.ja in ja and _used(term, ja, terms) and not term.pattern().search(en):
            yield f"'{term.ja}' is '{term.en}' in data/glossary.csv, but the English does not say '{term.en}'"
    for match in _DOC_AS_PLACE.finditer(en):
        yield f"'{match.group(0)}': name the organization by its profile's display name"
    if _KATAKANA_ITEM.search(en):
        yield "katakana item mark in an English citation: use Latin letters (イ -> b, (ア) -> (a))"


def _check(sink: ErrorSink, path: Path | str, line: int, where: str, message: str) -> str:
    shown = sink.display(path)
    # The banks and guides are being reviewed: warnings there until they are done.
    pending = shown.startswith("guidance/") or (
        shown.startswith("quizzes/") and not shown.startswith("quizzes/scenarios/")
    )
    full = f"{where}: {message}" if where else message
    strict.report(sink, "english" if pending else "english-data", path, line, full)
    return f"{shown}:{line}: {full}"


def _profile_file(cat: Catalog, profile_id: str) -> Path:
    for root in reversed(cat.content_roots()):
        path = root / "data" / "profiles" / f"{profile_id}.yml"
        if path.is_file():
            return path
    return cat.root / "data" / "profiles" / f"{profile_id}.yml"


def check_english(cat: Catalog, sink: ErrorSink) -> list[str]:
    """Report English that does not follow the glossary, names or citation style."""
    terms = load_glossary(cat.root, sink)
    known = {t.ja for t in terms}
    for root in cat.content_roots():
        if root != cat.root:  # a pack's own terms join the shipped glossary
            for term in load_glossary(root, sink):
                if term.ja not in known:
                    terms.append(term)
                    known.add(term.ja)
    found: list[str] = []
    items: list[tuple[Path | str, int, str, object]] = []
    for q in cat.questions.values():
        items.append((q.path, q.line, f"question {q.id}", q))
    for scenario in cat.scenarios.values():
        sc: Any = scenario
        items.append((sc.path, sc.line, "", {"title": sc.title, "summary": sc.summary}))
        for step in sc.steps.values():
            items.append((sc.path, step.line, f"step '{step.id}'", step))
    for guide in cat.guides.values():
        items.append(
            (
                guide.path,
                guide.line,
                f"guide {guide.id}",
                {"title": guide.title, "body": guide.body},
            )
        )
    for rule in cat.rules.values():
        rules_path = rule.path or cat.root / "data" / "rules.csv"
        items.append((rules_path, rule.line, f"rule {rule.id}", rule.summary))
    for profile in cat.profiles.values():
        profile_path = _profile_file(cat, profile.id)
        items.append((profile_path, 1, f"profile {profile.id}", profile.values))
    for path, line, what, value in items:
        for field, text in texts_in(value):
            for message in dict.fromkeys(english_problems(text, terms)):
                where = f"{what} {field}".strip() if what else field
                found.append(_check(sink, path, line, where, message))
    return found
