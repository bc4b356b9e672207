"""Content validation: one deliberately broken file per error kind, each reported at its line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chatdojo.cli import main
from chatdojo.content.catalog import load_catalog

BROKEN = [
    # (fixture, folder, the exact line `chatdojo check` must print)
    (
        "unknown-rule.md",
        "quizzes",
        "quizzes/unknown-rule.md:10: unknown rule id 'no-such-rule' (not in data/rules.csv)",
    ),
    (
        "duplicate-id.md",
        "quizzes",
        "quizzes/duplicate-id.md:8: duplicate question id 'b-1' (first in quizzes/basics.md:9)",
    ),
    (
        "no-correct-option.md",
        "quizzes",
        "quizzes/no-correct-option.md:12: single-choice question has no correct option (needs exactly 1)",
    ),
    (
        "missing-english.md",
        "quizzes",
        "quizzes/missing-english.md:12: 'text' is missing its English text (en)",
    ),
    (
        "missing-guide-link.md",
        "guidance",
        "guidance/missing-guide-link.md:9: link to missing guide 'nowhere'",
    ),
    (
        "bad-front-matter.md",
        "quizzes",
        "quizzes/bad-front-matter.md:4: front matter: bad YAML:",
    ),
    ("unknown-type.md", "quizzes", "quizzes/unknown-type.md:9: unknown question type 'essay'"),
    (
        "bad-yaml-block.md",
        "quizzes",
        "quizzes/bad-yaml-block.md:11: question: bad YAML:",
    ),
    (
        "unknown-fact.md",
        "guidance",
        "guidance/unknown-fact.md:9: unknown profile fact '{{ no_such_fact }}'",
    ),
    (
        "missing-english-body.md",
        "guidance",
        "guidance/missing-english-body.md:2: missing English body (a '::: en' block)",
    ),
    (
        "matching-bad-answer.md",
        "quizzes",
        "quizzes/matching-bad-answer.md:22: pair answer 'fax' is not one of the options",
    ),
    (
        "numeric-not-number.md",
        "quizzes",
        "quizzes/numeric-not-number.md:12: 'answer' must be a number",
    ),
    ("duplicate-rule.csv", "data", "data/rules.csv:4: duplicate rule id 't-1' (first on line 2)"),
    (
        "bad-policy.yml",
        "data/profiles",
        "data/profiles/bad-policy.yml:7: policy 'after_hours' must be one of: avoid_except_urgent, allowed, not_specified",
    ),
]


def test_base_fixture_is_clean(content_root: Path) -> None:
    """Is the valid fixture tree free of errors (so each broken file is the only cause)?"""
    cat = load_catalog(content_root)
    assert cat.errors == []
    assert len(cat.questions) == 1 and len(cat.guides) == 1


@pytest.mark.parametrize(("name", "folder", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_reported_with_its_line(
    name: str, folder: str, expected: str, content_root: Path, add_broken, capsys
) -> None:
    """Does `chatdojo check` name the file and line of each kind of content error, and exit 1?"""
    add_broken(name, folder)
    code = main(["check", str(content_root)])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line.replace(str(content_root) + "/", "") for line in err.splitlines()]
    assert any(line.startswith(expected) for line in lines), err


def test_every_problem_is_reported_at_once(content_root: Path, add_broken, capsys) -> None:
    """Are problems in several files all listed in one run, not just the first?"""
    for name, folder, _ in BROKEN[:5]:
        add_broken(name, folder)
    main(["check", str(content_root)])
    err = capsys.readouterr().err
    for _, _, expected in BROKEN[:5]:
        assert expected.split(":")[0] in err


def test_check_json_counts(content_root: Path, capsys) -> None:
    """Does --json give the counts and an empty error list for valid content?"""
    assert main(["check", "--json", str(content_root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "guides": 1,
        "questions": 1,
        "scenarios": 0,
        "rules": 2,
        "errors": [],
        "warnings": [],
    }


def test_check_one_file_reports_only_that_file(content_root: Path, add_broken, capsys) -> None:
    """When given one file, does check report that file's problems and not others'?"""
    add_broken("unknown-rule.md", "quizzes")
    add_broken("no-correct-option.md", "quizzes")
    code = main(["check", str(content_root / "quizzes" / "unknown-rule.md")])
    err = capsys.readouterr().err
    assert code == 1
    assert "unknown-rule.md" in err and "no-correct-option.md" not in err


def test_yes_and_no_stay_text(content_root: Path) -> None:
    """Is an English text 'No' kept as text rather than read as a YAML boolean?"""
    cat = load_catalog(content_root)
    feedback = [c.feedback for c in cat.questions["b-1"].choices]
    assert {"ja": "いいえ", "en": "No"} in feedback


def test_repository_content_is_valid() -> None:
    """Does the shipped content pass the checker?"""
    cat = load_catalog(Path(__file__).resolve().parent.parent)
    assert [str(e) for e in cat.errors] == []


def test_cached_catalogue_follows_edits(content_root: Path) -> None:
    """Does the parsed-catalogue cache serve the same content, and notice an edited file?"""
    first = load_catalog(content_root)
    again = load_catalog(content_root)
    assert again.summary() == first.summary() and again.questions == first.questions
    bank = content_root / "quizzes" / "basics.md"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("id: b-1", "id: b-2"), encoding="utf-8"
    )
    edited = load_catalog(content_root)
    assert list(edited.questions) == ["b-2"]


def test_module_part_holds_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Does a module page's part of the catalogue hold that guide and its bank only, with
    every rule, profile and error of the whole?"""
    from chatdojo.content.catalog import load_module_catalog

    root = Path(__file__).resolve().parent.parent
    monkeypatch.setenv("CHATDOJO_CACHE_DIR", str(tmp_path / "cache"))
    whole = load_catalog(root)
    part = load_module_catalog("chat-etiquette", root)
    assert list(part.guides) == ["chat-etiquette"]
    assert list(part.banks) == [whole.guides["chat-etiquette"].quiz]
    assert part.scenarios == {} and len(whole.banks) > 1 and whole.scenarios
    assert part.rules.keys() == whole.rules.keys() and part.profiles.keys() == whole.profiles.keys()
    assert part.errors == whole.errors
    again = load_module_catalog("chat-etiquette", root)  # from the file the first call wrote
    assert again.banks == part.banks and any(
        (tmp_path / "cache").glob("part-*-module-chat-etiquette.pickle")
    )
    assert list(load_module_catalog("no-such-module", root).guides) == []


def test_module_part_follows_edits(content_root: Path, tmp_path: Path, monkeypatch) -> None:
    from chatdojo.content.catalog import load_module_catalog

    monkeypatch.setenv("CHATDOJO_CACHE_DIR", str(tmp_path / "cache"))
    assert list(load_module_catalog("basics", content_root).questions) == ["b-1"]
    bank = content_root / "quizzes" / "basics.md"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("id: b-1", "id: b-2"), encoding="utf-8"
    )
    assert list(load_module_catalog("basics", content_root).questions) == ["b-2"]


def test_catalogue_cache_can_be_switched_off(content_root: Path, monkeypatch) -> None:
    """With CHATDOJO_CACHE_DIR=off, is nothing cached and the content still loaded?"""
    from chatdojo.content.cache import cache_dir

    monkeypatch.setenv("CHATDOJO_CACHE_DIR", "off")
    assert cache_dir() is None
    assert len(load_catalog(content_root).questions) == 1


def test_check_refuses_a_path_outside_any_content_root(tmp_path: Path, capsys) -> None:
    """Is a file outside every content root refused (exit 2) instead of 'OK: 0 guides'?"""
    stray = tmp_path / "notes.md"
    stray.write_text("# notes\n", encoding="utf-8")
    assert main(["check", str(stray)]) == 2
    captured = capsys.readouterr()
    assert "not inside a content root" in captured.err
    assert "OK" not in captured.out


def _set_kind(content_root: Path, line: str) -> None:
    bank = content_root / "quizzes" / "basics.md"
    text = bank.read_text(encoding="utf-8").replace("kind: situation\n", line)
    bank.write_text(text, encoding="utf-8")


def test_missing_kind_is_a_warning_until_required(content_root: Path, capsys, monkeypatch) -> None:
    """While the kind check is phased in, is a question without 'kind' a warning (exit 0),
    with its line, and an error with --strict?"""
    from chatdojo.content import strict

    monkeypatch.setattr(strict, "PENDING", {"kind"})
    _set_kind(content_root, "")
    assert main(["check", str(content_root)]) == 0
    assert "warning: quizzes/basics.md:9: missing 'kind'" in capsys.readouterr().err
    try:
        assert main(["check", "--strict", str(content_root)]) == 1
    finally:
        os.environ.pop("CHATDOJO_STRICT", None)
    assert "quizzes/basics.md:9: missing 'kind'" in capsys.readouterr().err


def test_missing_kind_fails_once_required(content_root: Path) -> None:
    """Now that every bank is tagged, is a question without a kind an error?"""
    _set_kind(content_root, "")
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    assert any("quizzes/basics.md:9: missing 'kind'" in e for e in errors)


def test_unknown_kind_is_an_error(content_root: Path) -> None:
    """Is a misspelt kind reported at its line?"""
    _set_kind(content_root, "kind: trivia\n")
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    assert errors == ["quizzes/basics.md:11: 'kind' must be one of: situation, recall, calculation"]


def test_catalogue_cache_keeps_only_the_newest(
    content_root: Path, tmp_path: Path, monkeypatch
) -> None:
    """Does the cache folder stop growing (one ~1 MB file per content or code change)?"""
    import os

    from chatdojo.content import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    for i in range(cache.KEEP + 5):  # older catalogues, oldest first
        old = folder / f"catalog-old{i:02d}.pickle"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setenv("CHATDOJO_CACHE_DIR", str(folder))
    load_catalog(content_root)  # writes a new one and prunes
    kept = sorted(p.name for p in folder.glob("catalog-*.pickle"))
    assert len(kept) == cache.KEEP
    assert "catalog-old00.pickle" not in kept and f"catalog-old{cache.KEEP + 4:02d}.pickle" in kept


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a: 1\n\u3000b: 2\n  c: 3\n", "全角スペース"),
        ("a: 1\nkind：situation\nb: 2\n", "「：」を半角"),
        ("a: 1\n\tb: 2\n", "タブ"),
        ("a: 1\na: 2\n", "同じキーが2回"),
        ("text: {ja: x, en: a: b}\n", "quote texts"),
    ],
)
def test_yaml_slips_get_the_tip_that_fits(text: str, says: str) -> None:
    """Do a full-width space, a full-width colon, a tab and a repeated key each get their own tip?"""
    from chatdojo.content.yamlines import YamlProblem, load_yaml

    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    assert says in caught.value.message
