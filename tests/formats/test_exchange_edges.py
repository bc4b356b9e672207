"""Texts and numbers Moodle's importers read in their own way (files/edge-cases.md).

Each case was found by running the exported files through Moodle's own
``qformat_xml``/``qformat_gift::readquestions()`` (docs/formats.md, "Checked against
Moodle's importer"); the expectations below are what that code does, in words:
the answer ``<text>`` of a numerical question is stored as written; in GIFT a text that
starts with ``[html]`` (or another format name) takes that as its format, one that starts
with ``%50%`` takes it as its weight, and a matching pair is split at its first ``->``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from chatdojo.formats import FORMATS
from chatdojo.formats.exchange import export, import_into
from chatdojo.formats.markdown import bank_markdown
from chatdojo.formats.messages import Problems
from chatdojo.formats.model import Options, canonical, read_bank

EDGE = Path(__file__).with_name("files") / "edge-cases.md"


def _numeric(bank: Path) -> list[dict]:  # type: ignore[type-arg]
    return [canonical(q) for q in read_bank(bank).questions if q["type"] == "numeric"]


def test_numbers_are_written_in_full_in_moodle_xml(tmp_path: Path) -> None:
    """Is 12,345.67 written as 12345.67 (Moodle keeps the answer text as it is), not 12345.7?"""
    out = tmp_path / "edge.xml"
    export("moodle", [EDGE], out, Options(lang="en"))
    root = fromstring(out.read_bytes())
    right = root.findall(".//question[@type='numerical']/answer[@fraction='100']")
    got = [(a.findtext("text"), a.findtext("tolerance")) for a in right]
    want = [(str(q["answer"]), str(q["tolerance"])) for q in _numeric(EDGE)]
    assert got == want == [("12345.67", "0.005")]


def test_numbers_are_written_in_full_in_gift(tmp_path: Path) -> None:
    """Does the GIFT answer read ``=%100%12345.67:0.005`` (answer:tolerance, as Moodle splits it)?"""
    out = tmp_path / "edge.txt"
    export("gift", [EDGE], out, Options(lang="ja"))
    lines = [x.strip() for x in out.read_text(encoding="utf-8").splitlines()]
    q = _numeric(EDGE)[0]
    assert any(x.startswith(f"=%100%{q['answer']}:{q['tolerance']}#") for x in lines)


def test_leading_format_names_and_weights_are_marked_as_text_in_gift(tmp_path: Path) -> None:
    """Does an answer or feedback that starts with "[html]" or "%50%" get "[markdown]" in front,
    so Moodle keeps it as text instead of taking a format or a weight from it?"""
    out = tmp_path / "edge.txt"
    export("gift", [EDGE], out, Options(lang="en"))
    text = out.read_text(encoding="utf-8")
    assert "%33.33333%[markdown][html] written in a cell" in text
    assert "\t~[markdown]%50% more" in text and "\t=[markdown]%10% less" in text
    assert "{TRUE#[markdown]%5% is text as well.#[markdown][plain] is text too." in text
    assert "~#[markdown][Note] the whole budget." in text


@pytest.mark.parametrize("fmt,suffix", [("moodle", ".xml"), ("gift", ".txt")])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_edge_cases_come_back_unchanged(fmt: str, suffix: str, lang: str, tmp_path: Path) -> None:
    """Does import(export(bank)) leave the edge-case bank unchanged, with the one question GIFT
    cannot hold (a matching prompt with "->") listed and kept as it was?"""
    pack = tmp_path / "pack"
    (pack / "quizzes").mkdir(parents=True)
    shutil.copy(EDGE, pack / "quizzes" / EDGE.name)
    out = tmp_path / f"edge{suffix}"
    losses = export(fmt, [EDGE], out, Options(lang=lang))
    report = import_into([out], pack, Options(lang=lang, bank_id=EDGE.stem), dry_run=True)
    assert report.written[0].status == "unchanged", report.written[0]
    dropped = {x.where for x in losses if x.what == "question"}
    assert dropped == ({"ed-002"} if fmt == "gift" else set())
    assert report.written[0].kept == sorted(dropped)
    back = FORMATS[fmt].read(out, Problems(), Options(lang=lang, bank_id="edge-cases"))
    assert [q["id"] for q in back.banks[0].questions] == [
        q["id"] for q in read_bank(EDGE).questions if q["id"] not in dropped
    ]


OLD_STYLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>no-single</text></name>
    <questiontext format="html"><text>&lt;p&gt;Which one?&lt;/p&gt;</text></questiontext>
    <answer fraction="100"><text>&lt;p&gt;Yes&lt;/p&gt;</text>
      <feedback><text>&lt;p&gt;Right&lt;/p&gt;</text></feedback></answer>
    <answer fraction="0"><text>&lt;p&gt;No&lt;/p&gt;</text></answer>
  </question>
  <question type="truefalse">
    <name><text>translated</text></name>
    <questiontext format="html"><text>Chat is allowed.</text></questiontext>
    <answer fraction="0"><text>正しい</text><feedback><text>No.</text></feedback></answer>
    <answer fraction="100"><text>誤り</text><feedback><text>Yes.</text></feedback></answer>
  </question>
</quiz>
"""


def test_moodle_xml_defaults_are_read_as_moodle_reads_them(tmp_path: Path) -> None:
    """Is a file from an older Moodle read as Moodle's importer reads it: no <single> means one
    answer; an answer or feedback without a format takes the question text's format (here
    HTML, so the <p> is markup); true/false answers not named "true"/"false" are true, then
    false, in file order?"""
    path = tmp_path / "old.xml"
    path.write_text(OLD_STYLE_XML, encoding="utf-8")
    mc, tf = (
        FORMATS["moodle"]
        .read(path, Problems(), Options(lang="en", bank_id="old"))
        .banks[0]
        .questions
    )
    assert mc["type"] == "single"
    assert [(o["text"]["en"], o["correct"]) for o in mc["options"]] == [
        ("Yes", True),
        ("No", False),
    ]
    assert mc["options"][0]["feedback"] == {"en": "Right"}
    assert tf["type"] == "truefalse" and tf["answer"] is False
    assert (tf["feedback_true"], tf["feedback_false"]) == ({"en": "No."}, {"en": "Yes."})


def test_ordering_takes_the_order_of_the_file_as_moodle_does(tmp_path: Path) -> None:
    """Are ordering items read in file order, as qtype_ordering's import does (it numbers
    the answers by their place and ignores the fraction written with them)?"""
    items = ["First", "Second", "Third"]
    answers = "".join(
        f'<answer fraction="{len(items) - i}" format="plain_text"><text>{x}</text></answer>'
        for i, x in enumerate(items)
    )
    path = tmp_path / "ordering.xml"
    path.write_text(
        f'<quiz><question type="ordering"><name><text>o</text></name><questiontext format="html">'
        f"<text>Put in order</text></questiontext>{answers}</question></quiz>",
        encoding="utf-8",
    )
    (q,) = (
        FORMATS["moodle"].read(path, Problems(), Options(lang="en", bank_id="o")).banks[0].questions
    )
    assert [s["text"]["en"] for s in q["steps"]] == items


@pytest.mark.parametrize("right,listed", [(2, False), (10, False), (11, True), (0, True)])
def test_a_share_moodle_refuses_is_listed(right: int, listed: bool, tmp_path: Path) -> None:
    """Is a multiple question listed when 100/n is not a grade Moodle's importer accepts
    (its list has 1/n for n = 1…10 and 20), or when no answer is right?"""
    bank = read_bank(EDGE)
    (q,) = [q for q in bank.questions if q["id"] == "ed-003"]
    q["options"] = [
        {"id": f"o{i}", "text": {"ja": f"選択{i}", "en": f"Choice {i}"}, "correct": i < right}
        for i in range(max(right, 2) + 1)
    ]
    path = tmp_path / "edge.md"
    path.write_text(bank_markdown(bank), encoding="utf-8")
    for fmt in ("moodle", "gift"):
        losses = export(fmt, [path], tmp_path / f"out.{fmt}", Options(lang="en"))
        assert (("ed-003", "options.correct") in {(x.where, x.what) for x in losses}) is listed


HTML_GIFT = """::Html::[html]<p>Which <b>one</b>?</p>{
=<i>yes</i>#<b>right</b>
~no#<p>wrong</p>
####<p>Because.</p>
}

::Plain::[moodle]Is <b> text here?{TRUE#<b>no#<b>yes}
"""


def test_gift_answers_take_the_question_format_as_moodle_does(tmp_path: Path) -> None:
    """In GIFT, does an answer, feedback or general feedback without its own [format] take
    the question's (so HTML answers of an [html] question are markup, as Moodle's
    qformat_gift reads them), while a [moodle] question's texts stay as written?"""
    path = tmp_path / "html.gift.txt"
    path.write_text(HTML_GIFT, encoding="utf-8")
    html, plain = (
        FORMATS["gift"].read(path, Problems(), Options(lang="en", bank_id="h")).banks[0].questions
    )
    assert html["text"] == {"en": "Which one?"}
    assert [(o["text"]["en"], o["feedback"]) for o in html["options"]] == [
        ("yes", {"en": "right"}), ("no", {"en": "wrong"})
    ]  # fmt: skip
    assert html["explanation"] == {"en": "Because."}
    assert plain["text"] == {"en": "Is <b> text here?"}
    assert (plain["feedback_true"], plain["feedback_false"]) == ({"en": "<b>yes"}, {"en": "<b>no"})


UNITS_AND_PLAIN_XML = """<quiz>
  <question type="numerical">
    <name><text>units</text></name>
    <questiontext format="html"><text>How far?</text></questiontext>
    <answer fraction="100"><text>2.5</text><tolerance>0.1</tolerance></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>km</unit_name></unit>
      <unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit>
    </units>
  </question>
  <question type="multichoice">
    <name><text>plain</text></name>
    <questiontext format="plain_text"><text>Is &lt;b&gt; a tag?</text></questiontext>
    <answer fraction="100" format="plain_text"><text>&lt;b&gt; is</text>
      <feedback format="plain_text"><text>&lt;right&gt;</text></feedback></answer>
    <answer fraction="0" format="html"><text>&lt;p&gt;No&lt;/p&gt;</text></answer>
  </question>
</quiz>
"""


def test_plain_text_stays_as_written_and_extra_units_are_listed(tmp_path: Path) -> None:
    """Is a plain_text text kept as written, "<" and all (Moodle shows it so), while HTML is
    read as markup; and is a second unit (Moodle keeps several, we keep one) listed?"""
    path = tmp_path / "units.xml"
    path.write_text(UNITS_AND_PLAIN_XML, encoding="utf-8")
    exchange = FORMATS["moodle"].read(path, Problems(), Options(lang="en", bank_id="u"))
    numeric, plain = exchange.banks[0].questions
    assert numeric["unit"] == {"en": "km"}
    assert ("units", "unit") in {(x.where, x.what) for x in exchange.losses}
    assert plain["text"] == {"en": "Is <b> a tag?"}
    assert [(o["text"]["en"], o["feedback"]) for o in plain["options"]] == [
        ("<b> is", {"en": "<right>"}), ("No", {"en": ""})
    ]  # fmt: skip
