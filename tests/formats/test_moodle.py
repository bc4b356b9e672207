"""Moodle XML and GIFT: Moodle's own fixtures, hostile XML, and what is not carried."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from chatdojo.formats import FORMATS, detect
from chatdojo.formats.exchange import export
from chatdojo.formats.messages import ImportFailed, Problems
from chatdojo.formats.model import Exchange, Options, canonical
from chatdojo.formats.templates import example_bank

FILES = Path(__file__).parent / "files" / "moodle"
ROOT = Path(__file__).resolve().parents[2]


def _read(name: str, lang: str = "en") -> Exchange:
    path = FILES / name
    fmt = detect(path) or "moodle"
    return FORMATS[fmt].read(path, Problems(), Options(lang=lang, bank_id="t"))


def test_moodle_gift_fixture_reads_as_moodle_reads_it() -> None:
    exchange = _read("questions.gift.txt")
    qs = {q["id"]: q for q in exchange.banks[0].questions}
    assert set(qs) == {"moodle-activities", "q2", "colours", "q5", "q1", "2-08-tsl", "2-08-tsl-2"}
    match = qs["moodle-activities"]
    assert match["type"] == "matching"
    assert [o["text"]["en"] for o in match["options"]] == [
        "Forum", "Choice", "Database", "Wiki", "Chat"
    ]  # fmt: skip
    assert len(match["pairs"]) == 4  # "= -> Chat" is a distractor
    single = qs["q2"]
    assert single["type"] == "single"
    assert [(o["text"]["en"], o["correct"]) for o in single["options"]] == [
        ("yellow", True), ("red", False), ("blue", False)
    ]  # fmt: skip
    assert single["options"][1]["feedback"]["en"] == "wrong, it's yellow"
    multi = qs["colours"]
    assert multi["type"] == "multiple"
    assert [o["correct"] for o in multi["options"]] == [True, False, True, False]
    numeric = qs["q5"]
    assert (numeric["answer"], numeric["tolerance"]) == (3, 2)
    assert numeric["feedback_wrong"]["en"] == "Completely wrong"
    assert numeric["text"]["en"].startswith("What is a number from 1 to 5? _____")
    tf = qs["q1"]
    assert tf["answer"] is False
    # FALSE#wrong#right: the wrong-answer feedback goes to those who said "true"
    assert tf["feedback_true"]["en"] == "42 is the Ultimate Answer."
    assert tf["feedback_false"]["en"] == "You gave the right answer."
    assert tf["explanation"]["en"].startswith("This is, of course")
    skipped = {loss.what for loss in exchange.losses if "ChatDojo" in loss.detail}
    assert skipped == {"essay", "shortanswer"}


def test_moodle_xml_fixtures() -> None:
    nested = _read("nested_categories_with_questions.xml")
    bank = nested.banks[0]
    assert bank.meta["title"] == {"en": "Iota"}
    assert [q["text"]["en"] for q in bank.questions] == [
        f"Testing {n} Question" for n in ("Iota", "Kappa", "Lambda", "Mu")
    ]
    assert all(q["type"] == "truefalse" and q["answer"] is True for q in bank.questions)
    assert [loss.what for loss in nested.losses] == ["essay"]
    ordering = _read("ordering-testexport.moodle.xml").banks[0].questions[0]
    assert ordering["id"] == "myid" and ordering["type"] == "ordering"
    words = ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"]
    assert [s["text"]["en"] for s in ordering["steps"]] == words
    gift = _read("ordering-testexport.gift.txt").banks[0].questions[0]
    assert gift["id"] == "myid" and [s["text"]["en"] for s in gift["steps"]] == words


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<quiz><question type="truefalse"><name><text>&c;</text></name></question></quiz>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&x;</text></name></question></quiz>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_hostile_xml_is_refused(payload: bytes, tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_bytes(payload)
    with pytest.raises(ImportFailed) as failed:
        FORMATS["moodle"].read(path, Problems(), Options(bank_id="t"))
    assert "XML を受け付けません" in str(failed.value)


@pytest.mark.parametrize("fmt,body", [("moodle", b"<quiz>%s</quiz>"), ("gift", b"Q{T}%s")])
def test_oversized_file_is_refused(
    fmt: str, body: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatdojo.formats import lms

    monkeypatch.setattr(lms, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_bytes(body % (b" " * 200))
    with pytest.raises(ImportFailed) as failed:
        FORMATS[fmt].read(path, Problems("en"), Options(bank_id="t"))
    assert "too large" in str(failed.value)


def test_moodle_xml_export_has_moodle_fields(tmp_path: Path) -> None:
    out = tmp_path / "bank.xml"
    export_bank = example_bank()
    FORMATS["moodle"].write(Exchange(banks=[export_bank]), out, Options(lang="ja"))
    root = fromstring(out.read_bytes())
    questions = {
        q.findtext("idnumber"): q for q in root.iter("question") if q.get("type") != "category"
    }
    assert {q.get("type") for q in questions.values()} == {
        "multichoice", "truefalse", "matching", "numerical", "ordering"
    }  # fmt: skip
    multiple = questions["example-002"]
    assert multiple.findtext("single") == "false"
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "50", "-50"]
    numeric = questions["example-006"]
    assert numeric.find("answer").findtext("tolerance") == "0"
    assert numeric.findtext("units/unit/unit_name") == "枚"
    ordering = questions["example-005"]
    assert ordering.findtext("gradingtype") == "ABSOLUTE_POSITION"
    assert [a.get("fraction") for a in ordering.findall("answer")] == [
        "1.0000000", "2.0000000", "3.0000000"
    ]  # fmt: skip
    tags = [t.findtext("text") for t in multiple.findall("tags/tag")]
    assert tags == ["kind-situation", "rule-town-1-01"]


def test_what_a_format_cannot_carry_is_listed(tmp_path: Path) -> None:
    bank = example_bank()
    losses = FORMATS["gift"].write(Exchange(banks=[bank]), tmp_path / "b.txt", Options())
    listed = {(x.where, x.what) for x in losses}
    assert ("example-005", "question") in listed  # ordering: no GIFT type
    assert ("example-006", "unit") in listed
    assert ("example-004", "pairs.feedback") in listed
    assert "example-005" not in (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_cli_export_and_import_report_in_json(tmp_path: Path) -> None:
    out = tmp_path / "bank.txt"
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "quizzes", pack / "quizzes", ignore=shutil.ignore_patterns("scenarios"))
    cli = [sys.executable, "-m", "chatdojo.cli"]
    done = subprocess.run(
        [*cli, "export", "gift", "paper-saving", "-o", str(out), "--lang", "en", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["not_carried"][0]["what"] == "text.ja"  # one language per file
    ordering = {x["where"] for x in report["not_carried"] if x["what"] == "question"}
    assert ordering and all(x.startswith("ps-") for x in ordering)
    assert "not carried" in done.stderr
    done = subprocess.run(
        [*cli, "import", str(out), "--into", str(pack), "--file-lang", "en",
         "--bank", "paper-saving", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [b["status"] for b in result["banks"]] == ["unchanged"]


def test_overlay_keeps_the_other_language(tmp_path: Path) -> None:
    from chatdojo.formats.lms import overlay

    q = canonical(example_bank().questions[0])
    moodle = canonical(q)
    moodle["text"] = {"en": "A new English text"}
    merged = overlay(q, moodle, "en")
    assert merged is not None
    assert merged["text"] == {"ja": q["text"]["ja"], "en": "A new English text"}
    moodle["options"] = moodle["options"][:1]
    assert overlay(q, moodle, "en") is None


def test_export_for_a_profile_fills_facts_and_leaves_out_other_questions(tmp_path: Path) -> None:
    from chatdojo.content.catalog import load_catalog

    bank = ROOT / "quizzes" / "roles-reporting.md"
    plain = tmp_path / "plain.txt"
    losses = export("gift", [bank], plain, Options())
    assert "\\{\\{ report_incident_to \\}\\}" in plain.read_text(encoding="utf-8")
    assert any(x.what == "facts" for x in losses)
    profile = load_catalog(ROOT).profiles["kusatsu-city"]
    out = tmp_path / "kusatsu.xml"
    losses = export("moodle", [bank], out, Options(), profile=profile)
    text = out.read_text(encoding="utf-8")
    assert "{{" not in text
    hidden = {x.where for x in losses if x.what == "question"}
    assert hidden and not any(f"<idnumber>{qid}</idnumber>" in text for qid in hidden)


def test_moodle_written_xml_is_read_as_moodles_own_import_tests_expect() -> None:
    """Does Moodle's own writer output (xmlformat_test.php's expected export of a matching,
    multichoice, numerical and true/false question) come in as Moodle's import tests of the
    same questions expect: pairs A-a, B-b, C-c plus the extra target d; several right answers
    2 and 4; 42 with tolerance 0.001 (13 is a second answer we list, not keep); true?"""
    exchange = _read("xmlformat_test-export.xml")
    match, multi, numeric, tf = exchange.banks[0].questions
    targets = {o["id"]: o["text"]["en"] for o in match["options"]}
    assert [(p["prompt"]["en"], targets[p["answer"]]) for p in match["pairs"]] == [
        ("A", "a"), ("B", "b"), ("C", "c")
    ]  # fmt: skip
    assert sorted(targets.values()) == ["a", "b", "c", "d"]
    assert match["explanation"]["en"] == "The answer is A -> a, B -> b and C -> c."
    assert multi["type"] == "multiple"
    assert [(o["text"]["en"], o["correct"]) for o in multi["options"]] == [
        ("1", False), ("2", True), ("3", False), ("4", True)
    ]  # fmt: skip
    assert (numeric["answer"], numeric["tolerance"]) == (42, 0.001)
    assert numeric["feedback_correct"] == {"en": "Well done!"}
    assert numeric["feedback_wrong"] == {"en": "Completely wrong."}
    assert any(x.what == "answer" for x in exchange.losses)  # the second answer, 13
    assert (tf["id"], tf["answer"], tf["feedback_true"], tf["feedback_false"]) == (
        "TestIDNum2", True, {"en": "Well done!"}, {"en": "Doh!"}
    )  # fmt: skip
