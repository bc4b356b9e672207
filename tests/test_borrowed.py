"""The borrowed-rule check: one document's rule shown under another organization's
profile must name its source (or be limited to the profiles it holds for)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chatdojo.content.banks import questions_for
from chatdojo.content.catalog import load_catalog

REPO = Path(__file__).resolve().parent.parent
SCENARIO = REPO / "tests" / "scenario" / "files" / "valid" / "walk.md"
KUSATSU = """id: kusatsu
name: {ja: 草津市（手引き・003）, en: "Kusatsu City (guide, 003)"}
description: {ja: テスト用, en: For tests}
sources: ["003"]
"""


@pytest.fixture
def root(content_root: Path) -> Path:
    """The base fixture plus a profile that follows 003 (the source of t-1 and t-2)."""
    profiles = content_root / "data" / "profiles"
    default = (profiles / "default.yml").read_text(encoding="utf-8")
    body = default[default.index("facts:") :]
    (profiles / "kusatsu.yml").write_text(KUSATSU + body, encoding="utf-8")
    return content_root


def _note(root: Path, line: str) -> None:
    bank = root / "quizzes" / "basics.md"
    text = bank.read_text(encoding="utf-8").replace("policy_note: source\n", line)
    bank.write_text(text, encoding="utf-8")


def _errors(root: Path) -> list[str]:
    return [str(e) for e in load_catalog(root, use_cache=False).errors]


def test_a_borrowed_rule_without_a_note_is_reported(root: Path) -> None:
    """Is a question citing only 003, shown under the default profile, reported?"""
    _note(root, "")
    assert _errors(root) == [
        "quizzes/basics.md:9: question b-1 teaches only 003's rules but is shown under "
        "default: add a policy_note naming 003 (or 'policy_note: source'), cite every "
        "document that says the same, or limit it with profiles:/when:"
    ]


def test_a_note_that_does_not_name_the_source_is_reported(root: Path) -> None:
    """Does a policy note have to name the document (number or profile name) in both languages?"""
    _note(root, "policy_note: {ja: 組織によります, en: Organizations differ}\n")
    assert "question b-1 teaches only 003's rules" in "".join(_errors(root))
    bank = root / "quizzes" / "basics.md"
    text = bank.read_text(encoding="utf-8").replace(
        "policy_note: {ja: 組織によります, en: Organizations differ}",
        "policy_note: {ja: 草津市の手引きによります, en: Kusatsu City's guide says so}",
    )
    bank.write_text(text, encoding="utf-8")
    assert _errors(root) == []


def test_limiting_to_the_home_profile_is_enough(root: Path) -> None:
    """Is a question limited with profiles: to the document's own profile accepted?"""
    _note(root, "profiles: [kusatsu]\npolicy_note: {ja: 草津市のみ, en: Kusatsu only}\n")
    assert _errors(root) == []


def test_the_standard_note_names_the_document_by_its_profile(root: Path) -> None:
    """Does 'policy_note: source' show the profile's display name elsewhere, and no note at home?"""
    cat = load_catalog(root, use_cache=False)
    assert cat.errors == []
    (elsewhere,) = questions_for(cat.banks["basics"], cat.profiles["default"])
    assert elsewhere.policy_note is not None
    assert "草津市（手引き・003）" in elsewhere.policy_note["ja"]
    assert "Kusatsu City (guide, 003)" in elsewhere.policy_note["en"]
    (home,) = questions_for(cat.banks["basics"], cat.profiles["kusatsu"])
    assert home.policy_note is None


def test_a_scenario_step_with_a_borrowed_rule_is_reported(root: Path) -> None:
    """Is a scenario step citing only 003 reported until it or its scenario names 003?"""
    folder = root / "quizzes" / "scenarios"
    folder.mkdir()
    shutil.copy(SCENARIO, folder / "walk.md")
    rules = root / "data" / "rules.csv"
    extra = "".join(f"003-2-0{n},003,§2,basics,規則{n},Rule {n}\n" for n in range(1, 4))
    rules.write_text(rules.read_text(encoding="utf-8") + extra, encoding="utf-8")
    errors = _errors(root)
    assert any("walk.md:11: step 'start' teaches only 003's rules" in e for e in errors), errors
    text = (folder / "walk.md").read_text(encoding="utf-8")
    note = "policy_note: {ja: 草津市の手引きに沿う場面, en: Follows Kusatsu City's guide}\n"
    (folder / "walk.md").write_text(text.replace("allow_back: true\n", "allow_back: true\n" + note))
    cat = load_catalog(root, use_cache=False)
    assert [str(e) for e in cat.errors] == []
    start = cat.scenarios["walk"].steps["start"]  # type: ignore[attr-defined]
    assert start.text["ja"].startswith("> ※ 草津市の手引きに沿う場面。")


def test_repository_scenarios_name_the_documents_they_borrow() -> None:
    """Do lost-phone's 001-only step and the 003/002/001/004 scenarios carry visible notes?"""
    cat = load_catalog(REPO, use_cache=False)
    assert not [e for e in cat.errors if "teaches only" in e.message]
    late = cat.scenarios["lost-phone"].steps["late-report"]  # type: ignore[attr-defined]
    assert "熊本市議会" in late.text["ja"] and "Kumamoto City Council" in late.text["en"]
    tablet = cat.scenarios["council-tablet"]
    assert "001" in tablet.steps[tablet.start].text["ja"]  # type: ignore[attr-defined]
